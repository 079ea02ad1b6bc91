@testable import TicketModel
import XCTest

/// The idle-slot skip of posted-price sales (`BatchSimulator.sellAtPostedPrice`): a slot whose
/// price is above every valuation costs one comparison and draws no order uniform. The full step
/// (`KernelOptions.fullSalesStep`: every order uniform of the slot drawn, every stop checked
/// against each agent's own valuation) must give the same rows and tickets, bit for bit.
final class IdleSlotSkipTests: XCTestCase {
    /// The bench scenario's market on a short day: an EIP-1559 pool target whose price sits above
    /// every valuation through most of the controller's cycle, 1 integrated builder and 20 lottery
    /// players (risk-seeking, so that both classes buy).
    func setup(_ pricing: Pricing) -> SimulationSetup {
        var params = ModelParameters()
        params.pricing = pricing
        params.buyers = [
            BuyerClass(name: "integrated", count: 1, extraction: 1, discountPerSlot: BuyerClass.perSlotRate(annual: 0.05)),
            BuyerClass(name: "lottery", count: 20, discountPerSlot: BuyerClass.perSlotRate(annual: 0.03), riskAversion: -0.05),
        ]
        return SimulationSetup(parameters: params, slots: 1500, seed: 11, point: 2)
    }

    func rows(_ setup: SimulationSetup, full: Bool, paths: Int = 6) -> (rows: [Double], tickets: [Double], counts: FullSalesStepCounts) {
        let sim = BatchSimulator(
            setup: setup, batchCapacity: paths, beliefs: nil, ticketChunk: setup.slots, options: KernelOptions(fullSalesStep: full))
        sim.run(firstReplication: 0, count: paths)
        var tickets: [Double] = []
        for p in 0..<paths {
            for m in 0..<MetricLayout.ticketMetricNames.count { tickets += sim.tickets(metric: m, path: p) }
        }
        return (Array(sim.pathRows[0 ..< paths * sim.layout.pathMetrics.count]), tickets, sim.fullStepCounts)
    }

    func testSkipGivesTheFullStepsRowsBitForBit() {
        for pricing in [Pricing.eip1559(EIP1559Pricing(quotient: 8)), .eip1559(EIP1559Pricing(quotient: 32))] {
            let s = setup(pricing)
            let fast = rows(s, full: false)
            let full = rows(s, full: true)
            // Bit patterns, so that NaN cells compare too.
            XCTAssertEqual(fast.rows.map(\.bitPattern), full.rows.map(\.bitPattern))
            XCTAssertEqual(fast.tickets.map(\.bitPattern), full.tickets.map(\.bitPattern))
            XCTAssertGreaterThan(fast.tickets.count, 6 * 4 * 500, "tickets were sold on every path")
            let c = full.counts
            XCTAssertEqual(c.inexactStops, 0, "the best-valuation test stopped a sale some agent would have bought in")
            // Most path-slots are idle (the price above every valuation): the skip is what the
            // test exercises, and the full step drew every order uniform there.
            XCTAssertGreaterThan(Double(c.idleSlots), 0.5 * Double(c.steps), "idle path-slots: \(c.idleSlots) of \(c.steps)")
            XCTAssertEqual(c.drawn, c.steps * 21)
            XCTAssertEqual(fast.counts, FullSalesStepCounts(), "the fast path counts nothing")
        }
    }

    /// A fixed price above every valuation sells nothing: the skip draws no order uniform, and
    /// the full step, which draws them all, gives the same rows.
    func testPriceAboveEveryValuationSellsNothing() {
        let s = setup(.fixed(price: 5))
        let fast = rows(s, full: false)
        let full = rows(s, full: true)
        XCTAssertEqual(fast.rows.map(\.bitPattern), full.rows.map(\.bitPattern))
        XCTAssertEqual(full.counts.idleSlots, full.counts.steps)
        XCTAssertEqual(full.counts.inexactStops, 0)
        XCTAssertTrue(fast.tickets.isEmpty)
    }
}
