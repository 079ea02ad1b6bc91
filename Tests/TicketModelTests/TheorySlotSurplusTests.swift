@testable import TicketModel
import XCTest

/// The expected surplus of a slot per unit of value (Theory/SlotSurplus.swift) against
/// scripts/references/model_v2.py, which integrates `e P(S < e) + E[Y_(1) 1{S >= e}]` over the
/// joint law of the two highest factors with scipy (not the Swift code's integration by parts).
/// Five builders of noise 0.1; tolerance 1e-10 relative.
final class TheorySlotSurplusTests: XCTestCase {
    func testSurplusWhenTheHolderSometimesBuilds() {
        let second = PaymentFactor(market: BuilderMarket())!
        let first = PaymentFactor(market: BuilderMarket(auction: .firstPrice, shade: 0.05))!
        let equilibrium = PaymentFactor(market: BuilderMarket(auction: .firstPrice), equilibrium: true)!
        // (e, second price, first price shade 0.05, equilibrium first price)
        let cases: [(Double, Double, Double, Double)] = [
            (0.9, 1.1199163011587938, 1.1201517317611889, 1.1202463219267909),
            (1.0, 1.1065058339774156, 1.1165747377930348, 1.119603353682267),
            (1.05, 1.1003717086871427, 1.1177398369346403, 1.1161962244682964),
        ]
        for (e, sp, fp, eq) in cases {
            XCTAssertEqual(second.surplusFactor(extraction: e), sp, accuracy: 1e-10 * sp, "second price, e = \(e)")
            XCTAssertEqual(first.surplusFactor(extraction: e), fp, accuracy: 1e-10 * fp, "first price, e = \(e)")
            XCTAssertEqual(equilibrium.surplusFactor(extraction: e), eq, accuracy: 1e-10 * eq, "equilibrium, e = \(e)")
        }
    }

    /// `sigma(0) = E[Y_(1)]` (1.1202472101358023 from mpmath); a holder whose extraction beats any
    /// payment always builds (`sigma(e) = e`); constant factors pick the larger side.
    func testLimits() {
        let second = PaymentFactor(market: BuilderMarket())!
        XCTAssertEqual(second.surplusFactor(extraction: 0), 1.1202472101358023, accuracy: 1e-10)
        XCTAssertEqual(second.surplusFactor(extraction: 10), 10, accuracy: 1e-12)
        let exact = PaymentFactor(market: BuilderMarket(count: 3, noise: 0, skills: [1, 1.2, 0.8]))!
        XCTAssertEqual(exact.surplusFactor(extraction: 0.5), 1.2, "S = 1 >= e: the best builder (1.2) builds")
        XCTAssertEqual(exact.surplusFactor(extraction: 1.1), 1.1, "e > S = 1: the holder builds")
    }
}
