import Foundation
import SweepManifest
import TicketModel
import XCTest

/// A toy pricing mechanism added from outside the package, the way a contributor adds one: a
/// posted price that halves after every slot. This file and its one registration line
/// (`MechanismRegistry.register`, below) are all it takes for a manifest to name it.
struct HalvingPrice: PricingMechanism {
    static let name = "halving"
    static let doc = "a posted price that halves after every slot (a test of the mechanism protocol)"
    static let startParameter = ParameterSpec("start", .number(.positive), .defaulted(.number(1)), "price in the first slot, ETH")
    static let parameters = [startParameter]
    static let usesPool = true

    var start: Double

    init(start: Double) { self.start = start }
    init(values: some ParameterValues) { start = values.number(Self.startParameter) }

    var initialPrice: Double { start }

    func sell(_ market: BatchSimulator, _ slot: SlotContext, postedAtDraw: Double) -> Double {
        let posted = market.pathPrice(slot.path)
        market.sellAtPostedPrice(slot) { _ in posted }
        market.setPathPrice(slot.path, posted / 2)
        return posted
    }
}

final class HalvingPriceTests: XCTestCase {
    override func setUp() {
        MechanismRegistry.register(HalvingPrice.self)
    }

    /// Constant values 0.1, builders without noise (the slot sells for exactly its value), no
    /// discounting: a ticket is worth 0.1 to both agents, so at prices `1024 / 2^t` nothing sells
    /// in slots 0 to 13 (`1024 / 2^13 = 0.125`) and each agent buys one ticket in each of slots
    /// 14 to 19 (`0.0625` down to `1024 / 2^19`): 12 sales in 20 slots.
    func testAManifestRunsTheRegisteredToyMechanism() throws {
        let m = try load(required + """
            slots: 20
            base:
              lookahead: 0
              warmup: 0
              value: {distribution: constant, value: 0.1}
              pricing: {mechanism: halving, start: 1024}
              builders: {noise: 0}
              buyers: [{name: a, count: 2, discount_rate: 0}]
            """)
        let params = m.baseParameters
        XCTAssertEqual(params.pricing, Pricing(HalvingPrice(start: 1024)))
        XCTAssertEqual(params.pricing.mechanismName, "halving")

        let sim = BatchSimulator(setup: SimulationSetup(parameters: params, slots: 20, seed: 1, point: 0), batchCapacity: 3, ticketChunk: 20)
        sim.run(firstReplication: 0, count: 3)
        let names = sim.layout.pathMetrics
        func column(_ name: String) -> [Double] {
            let c = names.firstIndex(of: name)!
            return (0..<3).map { sim.pathRows[$0 * names.count + c] }
        }
        // Mean posted price: (1/20) sum_{t<20} 1024 / 2^t = 2048 (1 - 2^-20) / 20.
        for mean in column("price_mean") { XCTAssertEqual(mean, 2048 * (1 - 0x1p-20) / 20, accuracy: 1e-12) }
        for sales in column("sales_per_slot") { XCTAssertEqual(sales, 12.0 / 20) }
        // Every ticket used was bought in one of slots 14 to 18 (lookahead 0: a ticket bought in
        // slot t is drawn at t + 1 at the earliest).
        let allowed = Set((14...18).map { 1024 / pow(2, Double($0)) })
        var used = 0
        for p in 0..<3 {
            for price in sim.tickets(metric: MetricLayout.Ticket.price, path: p) {
                XCTAssertTrue(allowed.contains(price), "price \(price)")
                used += 1
            }
        }
        XCTAssertGreaterThan(used, 0)
    }

    /// A misspelt key of the toy mechanism gets the validator's message like a built-in one.
    func testTheToyMechanismsKeysAreValidated() {
        XCTAssertEqual(errors(required + "base:\n  pricing: {mechanism: halving, strat: 2}\n"), [
            "m.yaml:4:33: error: unknown key 'strat' in pricing; did you mean 'start'?",
        ])
    }
}
