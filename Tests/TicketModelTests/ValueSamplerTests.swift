import TicketModel
import XCTest

final class ValueSamplerTests: XCTestCase {
    /// Version 1's calibration, untruncated (`max: inf`): the sampler's tail is then the plain
    /// Pareto quantile the references below were computed for.
    let untruncated = LognormalPareto(mu: -2.975, sigma: 0.85, tailQuantile: 0.95, alpha: 1.2, max: .infinity)

    /// Inverse CDF against analytic quantiles computed with scipy outside the project.
    func testLognormalParetoQuantiles() {
        let sampler = ValueSampler(.lognormalPareto(untruncated))
        let reference: [(Double, Double)] = [
            (0.1, 0.017174684157416135), (0.5, 0.051047434004154395), (0.9, 0.15172567335296705),
            (0.95, 0.20661989761353183), (0.99, 0.7900364805076114), (0.999, 5.3824558843630035),
        ]
        for (u, x) in reference { XCTAssertEqual(sampler.value(uniform: u), x, accuracy: 1e-13 * x, "u = \(u)") }
        // MODEL.md section 3: the default calibration has a mean of about 0.120
        // (0.11961545142464608 by numerical integration of the quantile function in scipy).
        XCTAssertEqual(ValueLaw.lognormalPareto(untruncated).mean, 0.11961545142464608, accuracy: 1e-12)
    }

    /// The persistent path F^-1(Phi(z)) agrees with the uniform path at u = Phi(z).
    func testNormalPathAgreesWithUniformPath() {
        let sampler = ValueSampler(.lognormalPareto(untruncated))
        // Phi(z) for these z, from scipy.stats.norm.cdf.
        let pairs: [(Double, Double)] = [(-1.0, 0.15865525393145707), (1.0, 0.8413447460685429), (2.5, 0.9937903346742238)]
        for (z, u) in pairs { XCTAssertEqual(sampler.value(normal: z), sampler.value(uniform: u), accuracy: 1e-12) }
    }

    func testEmpiricalResamplesObservedValues() {
        let sampler = ValueSampler(.empirical(EmpiricalSample(values: [3, 1, 2, 4], source: "test")))
        XCTAssertEqual(sampler.value(uniform: 0.01), 1)
        XCTAssertEqual(sampler.value(uniform: 0.3), 2)
        XCTAssertEqual(sampler.value(uniform: 0.99), 4)
        XCTAssertEqual(ValueLaw.empirical(EmpiricalSample(values: [3, 1, 2, 4], source: "test")).mean, 2.5)
    }

    /// The default value model is the model-v2 calibration (MODEL.md section 3), and the kernel's
    /// sampler draws its truncated tail: the same numbers as `LognormalPareto.quantile` (tested
    /// against scipy in TheoryValueLawTests) on both paths, and never above `max` = 692 ETH,
    /// even at the largest uniform below 1 and at a normal score of 40.
    func testDefaultSamplerDrawsTheTruncatedCalibratedTail() {
        guard case .lognormalPareto(let law) = ValueModel.mainnet.distribution else { return XCTFail("default is not lognormal-pareto") }
        XCTAssertEqual(law, ValueCalibration.law)
        XCTAssertEqual(law.alpha, 1.078058633170623)
        XCTAssertEqual(law.max, 692)
        let sampler = ValueSampler(ValueModel.mainnet.distribution)
        for u in [0.2, 0.5, 0.951, 0.99, 0.999, 0.999999] {
            XCTAssertEqual(sampler.value(uniform: u), law.quantile(u), accuracy: 1e-12 * law.quantile(u), "u = \(u)")
        }
        for z in [0.0, 1.7, 3.0, 6.0] {
            XCTAssertEqual(sampler.value(normal: z), law.quantile(normalScore: z), accuracy: 1e-12 * law.quantile(normalScore: z), "z = \(z)")
        }
        XCTAssertLessThanOrEqual(sampler.value(uniform: 1.0.nextDown), 692)
        XCTAssertGreaterThan(sampler.value(uniform: 1.0.nextDown), 600, "the top of the tail reaches towards max")
        XCTAssertLessThanOrEqual(sampler.value(normal: 40), 692)
    }

    /// d = (1 + r)^(1/slots_per_year) - 1: at 5% a year, about 1.855e-8 per slot
    /// (expm1(log1p(0.05)/2629800) = 1.8552804252045474e-08 in Python).
    func testPerSlotDiscountRate() {
        XCTAssertEqual(BuyerClass.perSlotRate(annual: 0.05), 1.8552804252045474e-08, accuracy: 1e-20)
        XCTAssertEqual(BuyerClass.perSlotRate(annual: 0), 0)
    }
}
