@testable import TicketModel
import XCTest

/// Exact beliefs (Theory/ClosedFormBeliefs.swift) for the default value law and builders
/// against scripts/references/model_v2.py (mpmath: the law's moments by quadrature of its
/// density, `E[max(e, S)]` by quadrature of the second-highest factor's density), to 1e-10
/// relative; and the same numbers whatever else varies (they take no seed).
final class TheoryBeliefsTests: XCTestCase {
    func testDefaultMarketBeliefs() {
        let value = ValueLaw.lognormalPareto(ValueCalibration.law)
        let payment = PaymentFactor(market: BuilderMarket())!
        let cases: [(Double, Double, Double, Double)] = [
            (0, 0, 0.13047364290961058, 4.866665686519979),
            (0, 0.01, 0.12916890648051446, 4.8181675610325705),
            (1.2, 0.05, 0.14207059729134178, 6.055978019089672),
        ]
        for (e, m, pi, variance) in cases {
            let belief = ClosedFormBeliefs.belief(value: value, payment: payment, extraction: e, missRate: m)
            XCTAssertEqual(belief.mean, pi, accuracy: 1e-10 * pi, "e = \(e), m = \(m)")
            XCTAssertEqual(belief.variance, variance, accuracy: 1e-10 * variance, "e = \(e), m = \(m)")
        }
    }

    /// Two models that differ only in what beliefs must not depend on (the seed does not even
    /// enter; the number of paths, the pricing and the lookahead do not) give identical bits.
    func testBeliefsArePureFunctionsOfTheParameters() {
        let classes = [BuyerClass(name: "a", count: 3, extraction: 0.5, missRate: 0.02), BuyerClass(name: "b", count: 7)]
        let p1 = ModelParameters(lookahead: 8, pricing: .fixed(price: 0.01), buyers: classes)
        let p2 = ModelParameters(lookahead: 64, buyers: classes)
        let value = ValueLaw.lognormalPareto(ValueCalibration.law)
        let payment = PaymentFactor(market: BuilderMarket())!
        let b1 = ClosedFormBeliefs.beliefs(p1, value: value, payment: payment)
        let b2 = ClosedFormBeliefs.beliefs(p2, value: value, payment: payment)
        XCTAssertEqual(b1, b2)
        XCTAssertEqual(b1.count, 2)
        // The kernel's default beliefs are these (the default model's value law and builders).
        XCTAssertEqual(ClosedFormBeliefs.exact(p1), b1)
        let simulator = BatchSimulator(setup: SimulationSetup(parameters: p2, slots: 4, seed: 1, point: 0), batchCapacity: 1)
        let other = BatchSimulator(setup: SimulationSetup(parameters: p2, slots: 4, seed: 2, point: 3), batchCapacity: 1)
        XCTAssertEqual(simulator.beliefs, b1)
        XCTAssertEqual(other.beliefs, b1, "seed 2 gives the beliefs of seed 1")
    }
}
