@testable import TicketModel
import XCTest

/// The builders' payment factor `S = P / V` (Theory/PaymentFactor.swift,
/// BuilderOrderStatistics.swift) against scripts/references/model_v2.py: expectations by mpmath
/// quadrature (30 digits) of the order statistics' densities, which the Swift code never uses
/// (it integrates survival functions). Tolerance 1e-10 relative, the accuracy MODEL.md section 4
/// asks of exact beliefs.
final class TheoryPaymentFactorTests: XCTestCase {
    let tolerance = 1e-10

    func assertRelative(_ x: Double, _ y: Double, _ what: String = "", line: UInt = #line) {
        XCTAssertEqual(x, y, accuracy: tolerance * abs(y), what, line: line)
    }

    func lognormal(_ skills: [Double], noise: Double) -> BuilderOrderStatistics {
        BuilderOrderStatistics(skills.map { .lognormal(skill: $0, noise: noise) })
    }

    /// Five builders of noise 0.1 (the defaults): second price and first price with shade 0.05,
    /// for a holder that never builds (`e = 0`) and one that builds at `e = 1`.
    func testDefaultBuilders() {
        let stats = lognormal([1, 1, 1, 1, 1], noise: 0.1)
        let second = PaymentFactor(statistics: stats, rule: .secondPrice)
        let first = PaymentFactor(statistics: stats, rule: .firstPrice(shade: 0.05))
        assertRelative(second.meanHighest, 1.1202472101358023, "E[Y1]")
        assertRelative(second.expectedMax(extraction: 0), 1.0471399912488815)
        assertRelative(second.expectedMaxSquare(extraction: 0), 1.0999442205518366)
        assertRelative(first.expectedMax(extraction: 0), 1.0642348496290122)
        assertRelative(first.expectedMaxSquare(extraction: 0), 1.1377816983607645)
        assertRelative(second.expectedMax(extraction: 1), 1.053472482446244)
        assertRelative(second.expectedMaxSquare(extraction: 1), 1.1122975808093196)
        assertRelative(first.expectedMax(extraction: 1), 1.069976145806679)
        assertRelative(first.expectedMaxSquare(extraction: 1), 1.1489700186636678)
        // The market initialiser gives the same rule.
        let market = PaymentFactor(market: BuilderMarket())!
        assertRelative(market.meanPayment, 1.0471399912488815)
    }

    func testFourNoisyBuilders() {
        let stats = lognormal([1, 1, 1, 1], noise: 0.2)
        assertRelative(PaymentFactor(statistics: stats, rule: .secondPrice).meanHighest, 1.2163245335452728)
        assertRelative(PaymentFactor(statistics: stats, rule: .secondPrice).expectedMax(extraction: 0), 1.0477349898688733)
        assertRelative(PaymentFactor(statistics: stats, rule: .secondPrice).expectedMaxSquare(extraction: 0), 1.1138232259250194)
        assertRelative(PaymentFactor(statistics: stats, rule: .firstPrice(shade: 0.05)).expectedMax(extraction: 0), 1.1555083068680092)
        assertRelative(PaymentFactor(statistics: stats, rule: .firstPrice(shade: 0.05)).expectedMaxSquare(extraction: 0), 1.3627659423502179)
    }

    /// Unequal skills 1, 0.9, 1.1 (noise 0.3): the order statistics of non-identical factors.
    func testUnequalSkills() {
        let stats = lognormal([1, 0.9, 1.1], noise: 0.3)
        let second = PaymentFactor(statistics: stats, rule: .secondPrice)
        let first = PaymentFactor(statistics: stats, rule: .firstPrice(shade: 0.1))
        assertRelative(second.meanHighest, 1.2791591819066495)
        assertRelative(second.expectedMax(extraction: 0), 0.9729474694004543)
        assertRelative(second.expectedMaxSquare(extraction: 0), 0.9868213672854899)
        assertRelative(first.expectedMax(extraction: 0), 1.1512432637159846)
        assertRelative(first.expectedMaxSquare(extraction: 0), 1.4009551349029437)
        assertRelative(second.expectedMax(extraction: 1), 1.0671535502539988)
        assertRelative(second.expectedMaxSquare(extraction: 1), 1.1537529502103676)
        assertRelative(first.expectedMax(extraction: 1), 1.1904605388644927)
        assertRelative(first.expectedMaxSquare(extraction: 1), 1.4720025447350276)
        XCTAssertNil(PaymentFactor(market: BuilderMarket(count: 3, noise: 0.3, auction: .firstPrice, skills: [1, 0.9, 1.1]), equilibrium: true),
                     "equilibrium shading needs equal skills")
    }

    /// MODEL.md section 9, check 2: B builders with iid U(0,1) values pay `(B-1)/(B+1)` at second
    /// price (second moment `(B-1) B / ((B+1)(B+2))`), and the highest value has mean `B/(B+1)`.
    func testUniformBuildersClosedForms() {
        for b in [2, 5] {
            let stats = BuilderOrderStatistics(Array(repeating: .uniform(high: 1), count: b))
            let second = PaymentFactor(statistics: stats, rule: .secondPrice)
            let bd = Double(b)
            assertRelative(second.meanPayment, (bd - 1) / (bd + 1), "B = \(b)")
            assertRelative(second.expectedMaxSquare(extraction: 0), (bd - 1) * bd / ((bd + 1) * (bd + 2)), "B = \(b)")
            assertRelative(second.meanHighest, bd / (bd + 1), "B = \(b)")
        }
    }

    /// `P(S > s)` for two uniform(0,1) builders, in closed form: second price `(1 - s)^2`;
    /// first price with shade 0.05 `1 - (s / 0.95)^2`; equilibrium (`b = y / 2`) `1 - 4 s^2`.
    func testSurvivalOfThePayment() {
        let stats = BuilderOrderStatistics([.uniform(high: 1), .uniform(high: 1)])
        let second = PaymentFactor(statistics: stats, rule: .secondPrice)
        let first = PaymentFactor(statistics: stats, rule: .firstPrice(shade: 0.05))
        let equilibrium = PaymentFactor(statistics: stats, rule: .firstPriceEquilibrium(EquilibriumBidTable(law: .uniform(high: 1), builders: 2)))
        for s in [0.1, 0.3, 0.45] {
            XCTAssertEqual(second.survival(s), (1 - s) * (1 - s), accuracy: 1e-14, "s = \(s)")
            XCTAssertEqual(first.survival(s), 1 - (s / 0.95) * (s / 0.95), accuracy: 1e-14, "s = \(s)")
            XCTAssertEqual(equilibrium.survival(s), 1 - 4 * s * s, accuracy: 1e-9, "s = \(s)")
        }
        XCTAssertEqual(equilibrium.survival(0.6), 0, "bids never exceed 1/2")
        XCTAssertEqual(second.survival(1.5), 0)
    }

    /// One builder pays nothing at second price; noise 0 makes `S` a constant.
    func testDegenerateMarkets() {
        let alone = PaymentFactor(statistics: lognormal([1], noise: 0.1), rule: .secondPrice)
        XCTAssertEqual(alone.meanPayment, 0)
        XCTAssertEqual(alone.expectedMax(extraction: 0.7), 0.7)
        XCTAssertEqual(alone.expectedMaxSquare(extraction: 0.7), 0.49, accuracy: 1e-16)
        let exact = PaymentFactor(market: BuilderMarket(count: 3, noise: 0))!
        XCTAssertEqual(exact.meanPayment, 1)
        XCTAssertEqual(exact.expectedMax(extraction: 1.5), 1.5)
        XCTAssertEqual(exact.meanHighest, 1)
        let shaded = PaymentFactor(market: BuilderMarket(count: 3, noise: 0, auction: .firstPrice, shade: 0.1))!
        XCTAssertEqual(shaded.meanPayment, 0.9)
        XCTAssertEqual(PaymentFactor(market: BuilderMarket(count: 3, noise: 0, auction: .firstPrice), equilibrium: true)!.meanPayment, 1)
        XCTAssertEqual(PaymentFactor(market: BuilderMarket(count: 1, noise: 0, auction: .firstPrice), equilibrium: true)!.meanPayment, 0)
        XCTAssertEqual(PaymentFactor(market: BuilderMarket(count: 1, noise: 0.1, auction: .firstPrice), equilibrium: true)!.meanPayment, 0)
        XCTAssertNil(PaymentFactor(market: BuilderMarket(count: 0)), "no builders: refused, not a trap")
        XCTAssertNil(PaymentFactor(market: BuilderMarket(count: 2, skills: [1, -1])))
    }
}
