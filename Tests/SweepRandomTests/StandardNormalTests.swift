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

    /// `quantiles(_:level:)` at every SIMD level this machine supports (AVX-512's C lanes
    /// included) gives the scalar quantile's bits: on uniforms of the streams' grid, on both tails
    /// down to the least subnormal (every region of AS 241, the `r > 5` one included), on the
    /// region boundaries and on the edge cases, with every remainder after the groups of eight.
    func testBatchedQuantilesEqualScalarAtEveryLevel() {
        var ps: [Double] = [0, 1, -0.0, .nan, -1, 2, .infinity, -.infinity, .leastNonzeroMagnitude, 0x1p-1030, 0x1p-1022, 0x1p-53,
                            1 - 0x1p-53, 0.075, 0.925, 0.075.nextUp, 0.075.nextDown, 0.925.nextUp, 0.925.nextDown, 0.5, 1e-11, 1e-12, 1 - 1e-11]
        var state: UInt64 = 0x5EED
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state
        }
        for _ in 0..<20_000 { ps.append((Double(next() >> 12) + 0.5) * 0x1p-52) }
        for _ in 0..<5_000 {
            let tiny = Double(sign: .plus, exponent: -Int(next() % 1070), significand: 1 + Double(next() >> 12) * 0x1p-52)
            ps.append(tiny)
            ps.append(1 - tiny)
        }
        for level in WideRandom.Level.allCases where level.rawValue <= WideRandom.supported.rawValue {
            for extra in 0..<8 {
                let input = Array(ps.prefix(ps.count - extra))
                var out = input
                out.withUnsafeMutableBufferPointer { StandardNormal.quantiles($0, level: level) }
                var mismatches = 0
                for (p, z) in zip(input, out) {
                    let expected = StandardNormal.quantile(p)
                    if !(z.bitPattern == expected.bitPattern || (z.isNaN && expected.isNaN)) {
                        mismatches += 1
                        if mismatches <= 5 { XCTFail("\(level): quantile(\(p)) = \(z), scalar \(expected)") }
                    }
                }
                XCTAssertEqual(mismatches, 0, "\(level)")
            }
        }
    }
}
