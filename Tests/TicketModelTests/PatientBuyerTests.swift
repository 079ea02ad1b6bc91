import SweepTestSupport
import TicketModel
import XCTest

/// Patient buyers (MODEL.md section 5; `PatientBuyers.swift`): `h = 0` is myopic, bit for bit,
/// and the decision rule's outcome in a market that can be worked out by hand (references from
/// `scripts/references/markets_a.py`, which runs the rule in exact rationals).
final class PatientBuyerTests: XCTestCase {
    /// The quickstart's kind of market (an integrated builder and lottery players, mainnet
    /// values) under each posted-price mechanism, with the classes' strategy as given.
    func market(_ pricing: Pricing, strategy: BuyingStrategy) -> ModelParameters {
        var integrated = BuyerClass(name: "integrated", count: 1, extraction: 1)
        var lottery = BuyerClass(name: "lottery", count: 20, riskAversion: -2, maxTickets: 8)
        integrated.strategy = strategy
        lottery.strategy = strategy
        return ModelParameters(lookahead: 4, warmup: 300, pricing: pricing, buyers: [integrated, lottery])
    }

    /// `strategy: patient` with `horizon: 0` gives the same per-path rows and per-ticket moments
    /// as `myopic`, bit for bit, on the three posted-price mechanisms (with expiry too: the
    /// patience branch never runs at `h = 0`).
    func testHorizonZeroIsMyopicBitForBit() {
        let pricings: [Pricing] = [
            .eip1559(EIP1559Pricing(target: .pool(16), quotient: 4, initialPrice: 0.1)),
            .eip1559(EIP1559Pricing(target: .sales(1), quotient: 8, initialPrice: 0.1)),
            .exponential(ExponentialPricing(targetPool: 16, quotient: 4, priceAtTarget: 0.05)),
            .fixed(price: 0.2),
        ]
        for pricing in pricings {
            for tickets in [TicketTerms(), TicketTerms(expiry: 20, refund: 0.3)] {
                var myopic = market(pricing, strategy: .myopic), patient = market(pricing, strategy: .patient(horizon: 0))
                myopic.tickets = tickets
                patient.tickets = tickets
                let a = BatchSimulator(setup: SimulationSetup(parameters: myopic, slots: 400, seed: 9, point: 0), batchCapacity: 8)
                let b = BatchSimulator(setup: SimulationSetup(parameters: patient, slots: 400, seed: 9, point: 0), batchCapacity: 8)
                a.run(firstReplication: 0, count: 8)
                b.run(firstReplication: 0, count: 8)
                let label = "\(pricing.mechanismName), expiry \(tickets.expiry.map(String.init) ?? "none")"
                XCTAssertEqual(a.pathRows.map(\.bitPattern), b.pathRows.map(\.bitPattern), label)
                for p in 0..<8 {
                    XCTAssertEqual(a.ticketMoments(path: p).map(\.mean.bitPattern), b.ticketMoments(path: p).map(\.mean.bitPattern), label)
                    XCTAssertEqual(a.ticketMoments(path: p).map(\.count), b.ticketMoments(path: p).map(\.count), label)
                }
                XCTAssertGreaterThan(a.pathRows[a.layout.salesPerSlot], 0, "\(label): tickets sell")
            }
        }
    }

    /// One risk-neutral agent, constant V = 1 sold for exactly 1, lookahead 0, d = 0.01 a slot, a
    /// fixed price of 0.5, up to 4 tickets a slot: `w(H) = 1 / (1 + H d)`. Myopic, it buys
    /// while `w(H + 1) >= 0.5`, so the pool after each slot's sales settles at 100. Patient
    /// (horizon 1 or 8), waiting one slot for a pool one smaller always pays (the pool's
    /// shrinking raises `w` by more than a slot's discount costs) until the pool is empty, so it
    /// buys only then: the pool after the sales is 1, one ticket bought and drawn a slot, no
    /// empty slot (markets_a.py, in exact rationals: 100, 1 and 1).
    func testPatientBuyerWaitsForTheSmallerPool() {
        for (strategy, pool) in [(BuyingStrategy.myopic, 100.0), (.patient(horizon: 0), 100), (.patient(horizon: 1), 1), (.patient(horizon: 8), 1)] {
            var buyer = BuyerClass(name: "solo", count: 1, discountPerSlot: 0.01, maxBuyPerSlot: 4)
            buyer.strategy = strategy
            let params = ModelParameters(
                value: ValueModel(distribution: .constant(1)), lookahead: 0, warmup: 400, pricing: .fixed(price: 0.5),
                builders: BuilderMarket(count: 3, noise: 0, auction: .secondPrice), buyers: [buyer])
            let run = ModelRun(SimulationSetup(parameters: params, slots: 200, seed: 2, point: 0), paths: 2)
            XCTAssertEqual(run.column("pool_mean"), [pool, pool], "\(strategy)")
            XCTAssertEqual(run.column("pool_sd"), [0, 0], "\(strategy)")
            XCTAssertEqual(run.column("sales_per_slot"), [1, 1], "\(strategy): one ticket replaces the one drawn")
            XCTAssertEqual(run.column("empty_slot_rate"), [0, 0], "\(strategy)")
        }
    }

    /// The rule is refused where there is no posted price, by name (`BuyerClass.strategyProblem`).
    func testPatienceNeedsAPostedPrice() {
        XCTAssertNil(BuyerClass.strategyProblem(patient: true, mechanism: FixedPrice.self))
        XCTAssertNil(BuyerClass.strategyProblem(patient: true, mechanism: EIP1559Pricing.self))
        XCTAssertNil(BuyerClass.strategyProblem(patient: true, mechanism: ExponentialPricing.self))
        for m in [TicketAuction.self, ExecutionAuction.self, ProportionalAllocation.self] as [any PricingMechanism.Type] {
            let problem = BuyerClass.strategyProblem(patient: true, mechanism: m)
            XCTAssertTrue(problem?.contains("mechanism '\(m.name)' has no posted price") == true, problem ?? m.name)
        }
    }
}
