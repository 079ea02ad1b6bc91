import Foundation
import SweepRandom
import XCTest

final class StandardNormalTests: XCTestCase {
    /// Reference quantiles from SciPy 1.17.1: `repr(float(scipy.stats.norm.ppf(p)))`, computed
    /// independently of AS 241 (SciPy uses Cephes `ndtri`).
    private static let quantileReferences: [(p: Double, z: Double)] = [
        (1e-300, -37.0470962993612),
        (1e-20, -9.262340089798409),
        (1e-10, -6.361340902404056),
        (1e-05, -4.264890793922825),
        (0.001, -3.090232306167813),
        (0.01, -2.3263478740408408),
        (0.025, -1.9599639845400545),
        (0.1, -1.2815515655446004),
        (0.3, -0.5244005127080409),
        (0.5, 0.0),
        (0.7, 0.5244005127080407),
        (0.9, 1.2815515655446004),
        (0.975, 1.959963984540054),
        (0.999, 3.090232306167813),
        (0.999999999999, 7.0344869100478356),
    ]

    /// Reference CDF values from mpmath 1.x at 40 digits, rounded to double:
    /// `float(mpmath.ncdf(z))` with `mpmath.mp.dps = 40`.
    private static let cdfReferences: [(z: Double, p: Double)] = [
        (-37.5, 4.605353009581955e-308),
        (-10.0, 7.619853024160525e-24),
        (-3.0, 0.0013498980316300946),
        (-1.0, 0.15865525393145705),
        (0.0, 0.5),
        (0.5, 0.6914624612740131),
        (1.959963984540054, 0.975),
        (5.0, 0.9999997133484281),
        (8.0, 0.9999999999999993),
        (38.0, 1.0),
    ]

    func testQuantileAgainstSciPy() {
        for (p, z) in Self.quantileReferences {
            let q = StandardNormal.quantile(p)
            if z == 0 {
                XCTAssertEqual(q, 0, accuracy: 1e-15, "p = \(p)")
            } else {
                XCTAssertLessThan(abs(q - z) / abs(z), 1e-14, "p = \(p): \(q) vs \(z)")
            }
        }
    }

    func testQuantileEdgeCases() {
        XCTAssertEqual(StandardNormal.quantile(0), -.infinity)
        XCTAssertEqual(StandardNormal.quantile(1), .infinity)
        XCTAssertTrue(StandardNormal.quantile(-0.001).isNaN)
        XCTAssertTrue(StandardNormal.quantile(1.001).isNaN)
        XCTAssertTrue(StandardNormal.quantile(-.infinity).isNaN)
        XCTAssertTrue(StandardNormal.quantile(.nan).isNaN)
        XCTAssertEqual(StandardNormal.quantile(0.5), 0)
        // The extremes of RandomStream's uniforms stay finite.
        XCTAssertTrue(StandardNormal.quantile(0x1p-53).isFinite)
        XCTAssertTrue(StandardNormal.quantile(1 - 0x1p-53).isFinite)
        XCTAssertTrue(StandardNormal.quantile(.leastNonzeroMagnitude).isFinite)
    }

    func testQuantileIsAntisymmetricAndMonotone() {
        var previous = -Double.infinity
        for k in 1..<4096 {
            let p = Double(k) / 4096
            let z = StandardNormal.quantile(p)
            XCTAssertEqual(z, -StandardNormal.quantile(1 - p), "p = \(p)")
            XCTAssertGreaterThan(z, previous, "p = \(p)")
            previous = z
        }
    }

    func testCDFAgainstSciPy() {
        for (z, p) in Self.cdfReferences {
            let c = StandardNormal.cdf(z)
            // The documented bound: relative error at most (4 + z²) · 2⁻⁵² (rounding of z/√2
            // is amplified by about z² in the lower tail).
            let tolerance = (4 + z * z) * 0x1p-52
            XCTAssertLessThanOrEqual(abs(c - p) / p, tolerance, "z = \(z): \(c) vs \(p)")
        }
        XCTAssertEqual(StandardNormal.cdf(-.infinity), 0)
        XCTAssertEqual(StandardNormal.cdf(.infinity), 1)
        XCTAssertTrue(StandardNormal.cdf(.nan).isNaN)
    }

    func testQuantileInvertsCDF() {
        // Error budget: |dz| ≈ |dp| / φ(z); for z > 0 the double Φ(z) near 1 carries an absolute
        // rounding of about 1.1e-16, for z ≤ 0 a relative one of a few 1e-16.
        var z = -30.0
        while z <= 5.0 {
            let p = StandardNormal.cdf(z)
            let density = exp(-z * z / 2) / (2 * Double.pi).squareRoot()
            let tolerance = z <= 0 ? 1e-14 * max(1, abs(z)) + 4e-16 * p / density : 4e-16 / density
            XCTAssertEqual(StandardNormal.quantile(p), z, accuracy: tolerance, "z = \(z)")
            z += 0.125
        }
    }

    func testBatchedQuantilesEqualScalar() {
        var ps = (0..<1000).map { Double($0) / 999 }
        ps += [1e-300, 0x1p-53, 1 - 0x1p-53, .nan, -1, 2]
        var out = ps
        out.withUnsafeMutableBufferPointer { StandardNormal.quantiles($0) }
        for (p, z) in zip(ps, out) {
            let expected = StandardNormal.quantile(p)
            XCTAssertTrue(z == expected || (z.isNaN && expected.isNaN), "p = \(p)")
        }
    }
}
