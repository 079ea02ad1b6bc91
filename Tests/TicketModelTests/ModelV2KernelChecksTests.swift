import SweepTestSupport
@testable import TicketModel
import XCTest

/// MODEL.md version 2, section 9, through the simulator: the builder market's order statistics
/// (check 2 with lognormal factors and check 6), the pooled capture's standard error (check 8),
/// and equilibrium shading. References: `E[Y_(1)] = 1.2163245335452728` and `E[Y_(2)] =
/// 1.0477349898688733` for four builders of noise 0.2 (mean-one lognormal factors), by mpmath
/// quadrature of the order statistics' densities (econ's `scripts/references/model_v2.py`).
final class ModelV2KernelChecksTests: XCTestCase {
    static let highest = 1.2163245335452728
    static let secondHighest = 1.0477349898688733

    /// Constant V = 1, four builders of noise 0.2, one agent buying one ticket a slot at a fixed
    /// price 0.5 below its valuation (lookahead 0): every slot is proposed, the holder sells to
    /// the builders, the winning builder extracts `Y_(1)` and pays the holder the payment.
    func market(_ builders: BuilderMarket) -> ModelParameters {
        ModelParameters(
            value: ValueModel(distribution: .constant(1)), lookahead: 0, pricing: .fixed(price: 0.5), maxSalesPerSlot: 1,
            builders: builders, buyers: [BuyerClass(name: "holder", count: 1, discountPerSlot: 0)])
    }

    func pooled(_ run: ModelRun) -> (capture: Double, proposerPerSlot: Double) {
        let revenue = run.column("protocol_revenue").reduce(0, +)
        let surplus = run.column("surplus_total").reduce(0, +)
        let proposer = run.column("proposer_revenue").reduce(0, +)
        let slots = Double(run.paths * 2000)
        return (revenue / surplus, proposer / slots)
    }

    /// Check 6 in a market with an exact answer: `capture_pooled = price / E[Y_(1)]` and the
    /// proposer revenue per slot `E[Y_(2)]`, within 1% (the Monte Carlo SE over 32,000 slots is
    /// below 0.1% of either); the surplus identity exactly.
    func testSecondPriceCaptureAndProposerRevenue() {
        let params = market(BuilderMarket(count: 4, noise: 0.2, auction: .secondPrice))
        let run = ModelRun(SimulationSetup(parameters: params, slots: 2000, seed: 5, point: 0), paths: 16)
        XCTAssertEqual(run.column("sales_per_slot"), Array(repeating: 1, count: 16))
        XCTAssertEqual(run.column("empty_slot_rate"), Array(repeating: 0, count: 16))
        let r = pooled(run)
        XCTAssertEqual(r.capture, 0.5 / Self.highest, accuracy: 0.01 * 0.5 / Self.highest)
        XCTAssertEqual(r.proposerPerSlot, Self.secondHighest, accuracy: 0.01 * Self.secondHighest)
        for (s, (b, p)) in zip(run.column("surplus_total"), zip(run.column("builder_profit"), run.column("proposer_revenue"))) {
            XCTAssertEqual(s, b + p, accuracy: 1e-12 * s)
        }
    }

    /// `shade: equilibrium` makes the first-price auction pay the second-price revenue
    /// (revenue equivalence): proposer revenue per slot `E[Y_(2)]` within 1%; a fixed shade of
    /// 0.05 pays `0.95 E[Y_(1)] = 1.155508` instead (8% more, far outside that band).
    func testEquilibriumShadeRestoresRevenueEquivalence() {
        let equilibrium = market(BuilderMarket(count: 4, noise: 0.2, auction: .firstPrice, equilibriumShade: true))
        let run = ModelRun(SimulationSetup(parameters: equilibrium, slots: 2000, seed: 5, point: 0), paths: 16)
        let r = pooled(run)
        XCTAssertEqual(r.proposerPerSlot, Self.secondHighest, accuracy: 0.01 * Self.secondHighest)
        XCTAssertEqual(r.capture, 0.5 / Self.highest, accuracy: 0.01 * 0.5 / Self.highest)
        let fixed = ModelRun(SimulationSetup(parameters: market(BuilderMarket(count: 4, noise: 0.2, auction: .firstPrice, shade: 0.05)),
                                             slots: 2000, seed: 5, point: 0), paths: 16)
        XCTAssertEqual(pooled(fixed).proposerPerSlot, 0.95 * Self.highest, accuracy: 0.01 * Self.highest)
        // The exact beliefs follow the rule in force: equilibrium beliefs pay E[Y_(2)] per unit value.
        let belief = ClosedFormBeliefs.exact(equilibrium)[0]
        XCTAssertEqual(belief.mean, Self.secondHighest, accuracy: 1e-8 * Self.secondHighest)
    }

    /// Check 8: `capture_pooled`'s delta-method SE agrees with the spread of the pooled capture
    /// over 20 seeds: the sample variance of the 20 estimates over the mean squared SE lies in
    /// the chi-square band of 19 degrees of freedom, `[6.844, 38.582] / 19` (scipy
    /// `chi2.ppf(0.005, 19)` and `chi2.ppf(0.995, 19)`). A lognormal value (sigma 0.85), noisy
    /// builders, a fixed price: revenue is fixed per slot, the surplus varies.
    func testPooledCaptureErrorMatchesSpreadOverSeeds() {
        let params = ModelParameters(
            value: ValueModel(distribution: .lognormal(mu: -2.975, sigma: 0.85)), lookahead: 2, pricing: .fixed(price: 0.05),
            maxSalesPerSlot: 1, builders: BuilderMarket(count: 5, noise: 0.3),
            buyers: [BuyerClass(name: "holder", count: 1, discountPerSlot: 0, missRate: 0.05)])
        var estimates: [Double] = []
        var squaredErrors = 0.0
        for seed in 1...20 {
            let run = ModelRun(SimulationSetup(parameters: params, slots: 100, seed: UInt64(seed), point: 0), paths: 64)
            let x = run.column("protocol_revenue"), y = run.column("surplus_total")
            let n = Double(x.count)
            let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
            let sxx = x.map { ($0 - mx) * ($0 - mx) }.reduce(0, +) / (n - 1)
            let syy = y.map { ($0 - my) * ($0 - my) }.reduce(0, +) / (n - 1)
            let sxy = zip(x, y).map { ($0 - mx) * ($1 - my) }.reduce(0, +) / (n - 1)
            estimates.append(mx / my)
            let se = PooledCaptureError.standardError(
                paths: x.count, meanRevenue: mx, meanSurplus: my, varianceRevenue: sxx, varianceSurplus: syy, covariance: sxy)
            squaredErrors += se * se
        }
        let mean = estimates.reduce(0, +) / 20
        let spread = estimates.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 19
        let ratio = spread / (squaredErrors / 20)
        XCTAssertGreaterThan(ratio, 6.843971445482955 / 19, "spread \(spread), mean SE^2 \(squaredErrors / 20)")
        XCTAssertLessThan(ratio, 38.58225655493424 / 19, "spread \(spread), mean SE^2 \(squaredErrors / 20)")
    }

    /// Metrics over proposed slots: with a miss rate of 1/2 the class still has `slot_share` 1,
    /// `hhi` 10000, `top_share` 1, `nakamoto` 1 (version 1 divided by all slots and reported
    /// about 0.5 and 2500).
    func testConcentrationIsOverProposedSlots() {
        let params = ModelParameters(
            value: ValueModel(distribution: .constant(1)), lookahead: 0, pricing: .fixed(price: 0.1), maxSalesPerSlot: 1,
            builders: BuilderMarket(count: 3, noise: 0), buyers: [BuyerClass(name: "flaky", count: 1, discountPerSlot: 0, missRate: 0.5)])
        let run = ModelRun(SimulationSetup(parameters: params, slots: 400, seed: 2, point: 0), paths: 4)
        for p in 0..<4 {
            XCTAssertGreaterThan(run.column("missed_slot_rate")[p], 0.3)
            XCTAssertEqual(run.column("slot_share.flaky")[p], 1)
            XCTAssertEqual(run.column("hhi")[p], 10_000, accuracy: 1e-9)
            XCTAssertEqual(run.column("top_share")[p], 1)
            XCTAssertEqual(run.column("nakamoto")[p], 1)
        }
    }
}
