import SweepTestSupport
import TicketModel
import XCTest

/// MODEL.md version 2, section 3: the multi-block premium `beta` (`MultiBlockPremium.swift`),
/// without resale, so that runs are still pure chance.
final class MultiBlockPremiumTests: XCTestCase {
    /// Builders that pay exactly `V` (three of equal skill, no noise, second price): a proposed
    /// slot pays its holder `V`, or `(1 + beta) V` in a run, and leaves the builder nothing.
    let exactBuilders = BuilderMarket(count: 3, noise: 0, auction: .secondPrice)

    /// n = 4 symmetric agents in a proportional contest (lookahead 0, so no warm-up and every
    /// slot is proposed by a uniformly random agent), V = 1, beta = 0.5, T = 50 slots:
    /// - per path, exactly (to rounding): `surplus_total = proposer_revenue = T + beta * R` with
    ///   `R = run_share * T` the slots whose proposer also proposed the slot before, and
    ///   `builder_profit = 0`; `value_total = T` (the premium is not value);
    /// - the premium leaves the runs to chance: `run_share` has mean `(T - 1) / (n T)` = 0.245
    ///   (MODEL.md check 4), and `surplus_total / T` mean `1 + beta (T - 1) / (n T)` = 1.1225;
    ///   4000 paths, tolerance 4 SE of per-path values.
    func testPremiumIsPaidOnRunsOnly() {
        let beta = 0.5, n = 4, slots = 50
        let params = ModelParameters(
            value: ValueModel(distribution: .constant(1), multiBlockPremium: beta), lookahead: 0, pricing: .proportional,
            builders: exactBuilders, buyers: [BuyerClass(name: "crowd", count: n, discountPerSlot: 0)])
        let run = ModelRun(SimulationSetup(parameters: params, slots: slots, seed: 31, point: 0), paths: 4000, batch: 500)
        let surplus = run.column("surplus_total"), proposer = run.column("proposer_revenue")
        let share = run.column("run_share"), builder = run.column("builder_profit"), value = run.column("value_total")
        for i in 0..<run.paths {
            let expected = Double(slots) + beta * share[i] * Double(slots)
            XCTAssertEqual(surplus[i], expected, accuracy: 1e-12 * expected)
            XCTAssertEqual(proposer[i], expected, accuracy: 1e-12 * expected)
            XCTAssertEqual(builder[i], 0, accuracy: 1e-12)
            XCTAssertEqual(value[i], Double(slots), accuracy: 1e-12)
        }
        let runs = meanAndSE(share)
        let chance = Double(slots - 1) / Double(n * slots)
        XCTAssertEqual(runs.mean, chance, accuracy: 4 * runs.se, "runs stay pure chance: s^2 summed over agents")
        let perSlot = meanAndSE(surplus.map { $0 / Double(slots) })
        XCTAssertEqual(perSlot.mean, 1 + beta * chance, accuracy: 4 * perSlot.se)
        XCTAssertGreaterThan(perSlot.se, 0)
    }

    /// The premium scales the builders' values and the payment: one agent that proposes every
    /// slot (fixed price, lookahead 0, one ticket bought and drawn per slot), builders of skills
    /// (1.3, 1.1, 0.8), noise 0, second price, V = 0.1, beta = 0.25, T = 200 slots. The agent
    /// also proposed each slot's predecessor, warm-up included (a warm-up of 2 slots: slot 0 is
    /// empty, slot 1 proposed), so every measured slot carries the premium: `proposer_revenue = T 1.1 (1.25)
    /// 0.1 = 27.5`, `builder_profit = T (1.3 - 1.1)(1.25) 0.1 = 5`, `surplus_total = 32.5`,
    /// `value_total = 20` and `run_share = (T - 1)/T` (the first measured slot's run started in
    /// the warm-up, which the runs metrics do not count). Tolerance 1e-12 relative.
    func testPremiumScalesBuildersValuesAndPayment() {
        let params = ModelParameters(
            value: ValueModel(distribution: .constant(0.1), multiBlockPremium: 0.25), lookahead: 0, warmup: 2, pricing: .fixed(price: 0.05),
            builders: BuilderMarket(count: 3, noise: 0, auction: .secondPrice, skills: [0.8, 1.3, 1.1]),
            buyers: [BuyerClass(name: "solo", count: 1, discountPerSlot: 0)])
        let sim = BatchSimulator(setup: SimulationSetup(parameters: params, slots: 200, seed: 1, point: 0), batchCapacity: 2)
        sim.run(firstReplication: 0, count: 2)
        let m = sim.layout.pathMetrics.count
        func metric(_ name: String, _ p: Int) -> Double { sim.pathRows[p * m + sim.layout.pathMetrics.firstIndex(of: name)!] }
        for p in 0..<2 {
            XCTAssertEqual(metric("proposer_revenue", p), 27.5, accuracy: 1e-12 * 27.5)
            XCTAssertEqual(metric("builder_profit", p), 5, accuracy: 1e-12 * 5)
            XCTAssertEqual(metric("surplus_total", p), 32.5, accuracy: 1e-12 * 32.5)
            XCTAssertEqual(metric("value_total", p), 20, accuracy: 1e-12 * 20)
            XCTAssertEqual(metric("run_share", p), 199.0 / 200.0, accuracy: 1e-15)
            XCTAssertEqual(metric("longest_run", p), 200)
        }
    }
}
