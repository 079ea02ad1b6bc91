@testable import TicketModel
import XCTest

/// A ticket's present value with expiry and refund (Theory/ExpiryValuation.swift): the closed
/// forms against the series summed term by term in mpmath (scripts/references/model_v2.py,
/// tolerance 1e-13 relative), against a Monte Carlo of the draw (independent SplitMix64 stream,
/// fixed seed, 3 SE), and against the no-expiry limit.
final class TheoryExpiryValuationTests: XCTestCase {
    func assertRelative(_ x: Double, _ y: Double, _ tol: Double = 1e-13, _ what: String = "", line: UInt = #line) {
        XCTAssertEqual(x, y, accuracy: tol * abs(y), what, line: line)
    }

    func testClosedFormsMatchTheSeries() {
        // (H, d, mu, E[R^2], E, c, lambda) -> (E[PV], Var[PV]) from mpmath's term-by-term sums.
        let cases: [(Double, Double, Double, Double, Int, Double, Double, Double, Double)] = [
            (10, 0.01, 0.5, 1.0 / 3, 15, 0.3, 1, 0.42713771168612463, 0.06645113481772016),
            (10, 0.01, 0.5, 1.0 / 3, 15, 0.3, 0.97, 0.41591967830205484, 0.0620112288770013),
            (64, 1.8552804252045474e-08, 0.1246, 4.4, 100, 0.05, 1, 0.10915461040551477, 3.4776150708195472),
            (1, 0.01, 0.5, 1.0 / 3, 3, 0.3, 1, 0.49504950495049505, 0.08169133745057675),
        ]
        for (h, d, mu, r2, e, c, lambda, mean, variance) in cases {
            let m = ExpiryValuation.moments(pool: h, discount: d, payoffMean: mu, payoffSecondMoment: r2, expiry: e, refund: c, payoffDiscount: lambda)
            assertRelative(m.mean, mean, 1e-13, "H = \(h), E = \(e)")
            assertRelative(m.variance, variance, 1e-11, "H = \(h), E = \(e)")
        }
        assertRelative(ExpiryValuation.expiryProbability(pool: 10, expiry: 15), 0.205891132094649)
        // Expiry 0: refunded at once.
        let now = ExpiryValuation.moments(pool: 10, discount: 0.01, payoffMean: 0.5, payoffSecondMoment: 1.0 / 3, expiry: 0, refund: 0.3)
        XCTAssertEqual(now.mean, 0.3)
        XCTAssertEqual(now.variance, 0)
    }

    /// E -> infinity: the Burian–Crapis formulas; n = 10, d = 0.01, mu = 1/2, Var R = 1/12 give
    /// E[PV] = 0.5 / 1.1 and Var[PV] = 0.07093491878897976 (evaluated in Python, as in
    /// TheoryChecksTests).
    func testNoExpiryLimit() {
        let limit = ExpiryValuation.noExpiry(pool: 10, discount: 0.01, payoffMean: 0.5, payoffSecondMoment: 1.0 / 3)
        assertRelative(limit.mean, 0.45454545454545453, 1e-15)
        assertRelative(limit.variance, 0.07093491878897976, 1e-14)
        let far = ExpiryValuation.moments(pool: 10, discount: 0.01, payoffMean: 0.5, payoffSecondMoment: 1.0 / 3, expiry: 100_000, refund: 0.3)
        assertRelative(far.mean, limit.mean, 1e-14)
        assertRelative(far.variance, limit.variance, 1e-13)
        // Realistic discounting: a 1e9-slot expiry is no expiry.
        let d = 1.8552804252045474e-08
        let slow = ExpiryValuation.moments(pool: 64, discount: d, payoffMean: 0.1246, payoffSecondMoment: 4.4, expiry: 1_000_000_000, refund: 0)
        let slowLimit = ExpiryValuation.noExpiry(pool: 64, discount: d, payoffMean: 0.1246, payoffSecondMoment: 4.4)
        assertRelative(slow.mean, slowLimit.mean, 1e-12)
        assertRelative(slow.variance, slowLimit.variance, 1e-12)
    }

    /// Monte Carlo of the draw: W geometric with p = 1/H by inversion, R ~ U(0,1), refund c on
    /// expiry. 400,000 draws from SplitMix64(seed 20261202); mean, second moment and the expiry
    /// fraction each within 3 SE of the closed forms.
    func testMonteCarloOfTheDraw() {
        let h = 10.0, d = 0.01, e = 15, c = 0.3, lambda = 0.97
        var rng = SplitMix(seed: 20261202)
        let n = 400_000
        var sum = 0.0, sum2 = 0.0, sum4 = 0.0, expired = 0.0
        let logKeep = log1p(-1 / h)
        for _ in 0..<n {
            let w = Int((log(rng.uniform()) / logKeep).rounded(.down)) + 1   // P(W > k) = (1-p)^k
            let pv: Double
            if w <= e {
                pv = lambda * rng.uniform() * pow(1 + d, -Double(w))
            } else {
                pv = c * pow(1 + d, -Double(e))
                expired += 1
            }
            sum += pv
            sum2 += pv * pv
            sum4 += pv * pv * pv * pv
        }
        let nd = Double(n)
        let mean = sum / nd, second = sum2 / nd
        let exact = ExpiryValuation.moments(pool: h, discount: d, payoffMean: 0.5, payoffSecondMoment: 1.0 / 3, expiry: e, refund: c, payoffDiscount: lambda)
        let seMean = ((second - mean * mean) / nd).squareRoot()
        let seSecond = ((sum4 / nd - second * second) / nd).squareRoot()
        XCTAssertEqual(mean, exact.mean, accuracy: 3 * seMean)
        XCTAssertEqual(second, exact.variance + exact.mean * exact.mean, accuracy: 3 * seSecond)
        let pExpire = ExpiryValuation.expiryProbability(pool: h, expiry: e)
        XCTAssertEqual(expired / nd, pExpire, accuracy: 3 * (pExpire * (1 - pExpire) / nd).squareRoot())
    }
}
