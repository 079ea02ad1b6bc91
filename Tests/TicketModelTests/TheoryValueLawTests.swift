@testable import TicketModel
import XCTest

/// The model-v2 value laws (Theory/ValueLaw.swift, LognormalPareto.swift, ValueCalibration.swift)
/// against references from scripts/references/model_v2.py: moments by mpmath quadrature of the
/// densities at 30 digits (not the closed forms), quantiles by mpmath. Tolerance 1e-13 relative
/// (a few ulps of the closed forms times the conditioning of their sums), unless stated.
final class TheoryValueLawTests: XCTestCase {
    func assertRelative(_ x: Double, _ y: Double, _ tol: Double = 1e-13, _ what: String = "", line: UInt = #line) {
        XCTAssertEqual(x, y, accuracy: tol * abs(y), what, line: line)
    }

    /// The default calibration (MODEL.md section 3): alpha by root finding on the closed-form
    /// mean matches scipy's brentq on the quadrature mean to 1e-9; its mean, second moment and
    /// quantiles match mpmath.
    func testDefaultCalibration() throws {
        let fitted = try XCTUnwrap(ValueCalibration.fitTailIndex())
        // brentq (xtol 1e-15) on the mpmath-quadrature mean: 1.078058633170623.
        XCTAssertEqual(fitted, 1.078058633170623, accuracy: 1e-9)
        XCTAssertEqual(ValueCalibration.alpha, 1.078058633170623)
        XCTAssertEqual(fitted, 1.0781, accuracy: 5e-5, "MODEL.md's figure")
        let law = ValueCalibration.law
        assertRelative(law.moment(1), 0.12459999999999996)
        assertRelative(law.moment(2), 4.43994246868624)
        let reference: [(Double, Double)] = [
            (0.25, 0.02877304442271341), (0.5, 0.051047434004154395), (0.75, 0.09056533886805007),
            (0.99, 0.9189180870783196), (0.9999, 61.3849477022932), (1, 692.0),
        ]
        for (u, x) in reference { assertRelative(law.quantile(u), x, 1e-12, "u = \(u)") }
        for (x, u) in [(0.5, 0.9807201448440064), (10, 0.9992446235518656), (100, 0.9999441511431241)] {
            assertRelative(law.cdf(x), u, 1e-13, "x = \(x)")
        }
    }

    /// The calibration figures themselves (MODEL.md section 3): median and mean within 1%,
    /// quartiles within 6% (a lognormal body cannot fit both quartiles), the maximum is `M`,
    /// and no quantile exceeds it.
    func testDefaultLawMeetsTheCalibrationFigures() {
        let law = ValueLaw.lognormalPareto(ValueCalibration.law)
        XCTAssertEqual(law.quantile(0.5), 0.0511, accuracy: 0.01 * 0.0511)
        XCTAssertEqual(law.mean, 0.1246, accuracy: 0.01 * 0.1246)
        XCTAssertEqual(law.quantile(0.25), 0.0304, accuracy: 0.06 * 0.0304)
        XCTAssertEqual(law.quantile(0.75), 0.0958, accuracy: 0.06 * 0.0958)
        XCTAssertEqual(law.quantile(1), 692)
        for u in [0.999999, 0.99999999, 1 - 0x1p-53, 1.0] { XCTAssertLessThanOrEqual(law.quantile(u), 692) }
        // sd about 2.1 ETH (MODEL.md): 2.1034298915548004 from mpmath.
        XCTAssertEqual(law.variance.squareRoot(), 2.1034298915548004, accuracy: 1e-12)
        XCTAssertNil(law.problem)
    }

    /// The persistent path `F^-1(Phi(z))` agrees with the quantile at `u = Phi(z)` (scipy's
    /// norm.cdf for these z), and stays below `max` however large `z` is.
    func testNormalScorePath() {
        let law = ValueCalibration.law
        let pairs: [(Double, Double)] = [(-1.0, 0.15865525393145707), (1.0, 0.8413447460685429), (2.5, 0.9937903346742238), (4.0, 0.9999683287581669)]
        for (z, u) in pairs { assertRelative(law.quantile(normalScore: z), law.quantile(u), 1e-11, "z = \(z)") }
        XCTAssertEqual(law.quantile(normalScore: 40), 692)
        XCTAssertLessThanOrEqual(law.quantile(normalScore: 8), 692)
    }

    /// Both branches of the tail moment (`c = k - alpha` zero or not) and the untruncated tail.
    func testLognormalParetoMoments() {
        let cases: [(LognormalPareto, Double, Double)] = [
            (LognormalPareto(mu: -2.975, sigma: 0.85, tailQuantile: 0.95, alpha: 2.5, max: .infinity), 0.07484780694171413, 0.01595668240318107),
            (LognormalPareto(mu: -1, sigma: 0.5, tailQuantile: 0.9, alpha: 2, max: 50), 0.46402367776521686, 0.5528351896866781),
            (LognormalPareto(mu: -1, sigma: 0.5, tailQuantile: 0.9, alpha: 1, max: 50), 0.6287528874238755, 3.6273893726314457),
            (LognormalPareto(mu: 0, sigma: 1, tailQuantile: 0.8, alpha: 0.7, max: 1000), 6.4005764799577936, 1564.5710466362223),
        ]
        for (law, m1, m2) in cases {
            assertRelative(law.moment(1), m1, 1e-13, "\(law)")
            assertRelative(law.moment(2), m2, 1e-13, "\(law)")
        }
        XCTAssertEqual(LognormalPareto(mu: -1, sigma: 0.5, tailQuantile: 0.9, alpha: 2, max: 50).tailStart, 0.6982177813441194, accuracy: 1e-15)
        // Untruncated alpha <= k: no k-th moment.
        XCTAssertEqual(LognormalPareto(mu: 0, sigma: 1, tailQuantile: 0.9, alpha: 1.5, max: .infinity).moment(2), .infinity)
    }

    func testOtherLaws() {
        XCTAssertEqual(ValueLaw.constant(0.3).mean, 0.3)
        XCTAssertEqual(ValueLaw.constant(0.3).secondMoment, 0.09, accuracy: 1e-17)
        // U(0, 1): 1/2 and 1/3; U(2, 4): 3 and 28/3.
        XCTAssertEqual(ValueLaw.uniform(low: 0, high: 1).secondMoment, 1.0 / 3, accuracy: 1e-16)
        XCTAssertEqual(ValueLaw.uniform(low: 2, high: 4).mean, 3)
        XCTAssertEqual(ValueLaw.uniform(low: 2, high: 4).secondMoment, 28.0 / 3, accuracy: 1e-15)
        assertRelative(ValueLaw.lognormal(mu: -1, sigma: 0.5).mean, 0.4168620196785084)
        assertRelative(ValueLaw.lognormal(mu: -1, sigma: 0.5).secondMoment, 0.22313016014842982)
        let sample = ValueLaw.empirical(EmpiricalSample(values: [0.01, 0.2, 0.03, 5.0, 0.07], source: "t"))
        assertRelative(sample.mean, 1.062, 1e-15)
        assertRelative(sample.secondMoment, 5.00918, 1e-15)
        // A lognormal-Pareto law built without a max gets the default one.
        guard case .lognormalPareto(let law) = ValueLaw(.lognormalPareto(LognormalPareto(mu: -2.975, sigma: 0.85, tailQuantile: 0.95, alpha: 1.2))) else {
            return XCTFail("wrong case")
        }
        XCTAssertEqual(law.max, 692)
    }

    /// Refusals name the parameter and say why.
    func testValidationExplainsRefusals() throws {
        func problem(alpha: Double, max: Double, mu: Double = -2.975) -> ValueLawError? {
            LognormalPareto(mu: mu, sigma: 0.85, tailQuantile: 0.95, alpha: alpha, max: max).problem
        }
        let noMean = try XCTUnwrap(problem(alpha: 0.9, max: .infinity))
        XCTAssertEqual(noMean.parameter, "max")
        XCTAssertTrue(noMean.reason.contains("has no mean"), noMean.reason)
        XCTAssertTrue(noMean.description.hasPrefix("value.max: an untruncated Pareto tail"), noMean.description)
        let noVariance = try XCTUnwrap(problem(alpha: 1.5, max: .infinity))
        XCTAssertTrue(noVariance.reason.contains("has no variance"), noVariance.reason)
        XCTAssertNil(problem(alpha: 2.5, max: .infinity))
        XCTAssertNil(problem(alpha: 0.9, max: 692), "a truncated tail may have any alpha > 0")
        let belowStart = try XCTUnwrap(problem(alpha: 1.2, max: 0.1))
        XCTAssertTrue(belowStart.reason.contains("must exceed the tail's start x_q"), belowStart.reason)
        XCTAssertEqual(problem(alpha: 0, max: 692)?.parameter, "alpha")
        XCTAssertEqual(problem(alpha: 1, max: 692, mu: .nan)?.parameter, "mu")
        XCTAssertEqual(LognormalPareto(mu: 0, sigma: 1, tailQuantile: 1, alpha: 1).problem?.parameter, "tail_quantile")
        XCTAssertEqual(ValueLaw.uniform(low: 2, high: 1).problem?.parameter, "low, high")
        XCTAssertEqual(ValueLaw.constant(-1).problem?.parameter, "value")
        XCTAssertEqual(ValueLaw.empirical(EmpiricalSample(values: [1, .nan], source: "f.csv")).problem?.parameter, "file")
    }

    /// A target mean outside what any tail index gives has no fit.
    func testFitRefusesUnreachableMean() {
        XCTAssertNil(ValueCalibration.fitTailIndex(targetMean: 0.01))
    }
}
