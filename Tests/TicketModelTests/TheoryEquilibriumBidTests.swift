@testable import TicketModel
import XCTest

/// `shade: equilibrium` (Theory/EquilibriumBidTable.swift): the tabulated symmetric first-price
/// bid against its closed form for uniform values and against nested quadrature in
/// scripts/references/model_v2.py for lognormal factors; revenue equivalence with the
/// second-price payment.
final class TheoryEquilibriumBidTests: XCTestCase {
    /// Uniform(0,1) values: `b(x) = (B-1)/B x` (MODEL.md section 9, check 2), to 1e-10
    /// relative; the expected equilibrium payment is `(B-1)/(B+1)`, the second-price one, to
    /// 1e-8.
    func testUniformValues() {
        for b in [2, 5] {
            let table = EquilibriumBidTable(law: .uniform(high: 1), builders: b)
            let bd = Double(b)
            for x in [0.05, 0.3, 0.5, 0.77, 1.0] {
                XCTAssertEqual(table.bid(logFactor: log(x)), (bd - 1) / bd * x, accuracy: 1e-10 * x, "B = \(b), x = \(x)")
            }
            let stats = BuilderOrderStatistics(Array(repeating: .uniform(high: 1), count: b))
            let revenue = PaymentFactor(statistics: stats, rule: .firstPriceEquilibrium(table)).meanPayment
            XCTAssertEqual(revenue, (bd - 1) / (bd + 1), accuracy: 1e-8, "B = \(b)")
        }
    }

    /// Lognormal factors: bids against mpmath's nested quadrature (1e-10 relative), the table's
    /// monotonicity, and revenue equivalence against the second-price payment computed by
    /// mpmath (1e-8 relative).
    func testLognormalFactors() {
        let cases: [(Int, Double, [Double], Double)] = [
            (5, 0.1, [0.8865112318587137, 0.9735816437831778, 1.0866548641569598], 1.0471399912488815),
            (4, 0.2, [0.8547069138012288, 0.932963472587952, 1.058431575544965], 1.0477349898688733),
        ]
        for (b, noise, bids, secondPrice) in cases {
            let table = EquilibriumBidTable(law: .lognormal(skill: 1, noise: noise), builders: b)
            for (y, expected) in zip([0.9, 1.0, 1.2], bids) {
                XCTAssertEqual(table.bid(logFactor: log(y)), expected, accuracy: 1e-10 * expected, "B = \(b), y = \(y)")
            }
            var previous = -Double.infinity
            for i in 0...4000 {
                let u = -2.0 + Double(i) / 1000
                let bid = table.bid(logFactor: u)
                XCTAssertGreaterThanOrEqual(bid, previous, "monotone at u = \(u)")
                previous = bid
            }
            let market = BuilderMarket(count: b, noise: noise, auction: .firstPrice)
            let equilibrium = PaymentFactor(market: market, equilibrium: true)!
            XCTAssertEqual(equilibrium.meanPayment, secondPrice, accuracy: 1e-8 * secondPrice, "revenue equivalence, B = \(b)")
        }
    }

    /// A holder that builds at `e = 0.95` against equilibrium bids: scipy's nested adaptive
    /// quadrature gives E[max(0.95, b(Y1))] (1e-10 relative).
    func testEquilibriumExpectedMax() {
        let equilibrium = PaymentFactor(market: BuilderMarket(count: 5, noise: 0.1, auction: .firstPrice), equilibrium: true)!
        XCTAssertEqual(equilibrium.expectedMax(extraction: 0), 1.0471399912488812, accuracy: 1e-10 * 1.0471399912488812)
        XCTAssertEqual(equilibrium.expectedMax(extraction: 0.95), 1.0473098644104584, accuracy: 1e-10 * 1.0473098644104584)
    }

    /// One builder bids 0: it has no competitor.
    func testOneBuilderBidsNothing() {
        let table = EquilibriumBidTable(law: .lognormal(skill: 1, noise: 0.1), builders: 1)
        XCTAssertEqual(table.bid(logFactor: 0), 0)
    }
}
