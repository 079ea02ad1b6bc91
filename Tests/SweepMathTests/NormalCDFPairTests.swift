import SweepMath
import XCTest

/// `Elementary.normalCDFPair(z)` is `(normalCDF(z), normalCDF(-z))` bit for bit: the builders'
/// quadratures take both from one call, and no belief or benchmark may change by it.
final class NormalCDFPairTests: XCTestCase {
    func check(_ z: Double, line: UInt = #line) {
        let pair = Elementary.normalCDFPair(z)
        let lower = Elementary.normalCDF(z), upper = Elementary.normalCDF(-z)
        XCTAssertEqual(pair.lower.bitPattern, lower.bitPattern, "Φ(\(z)): \(pair.lower) against \(lower)", line: line)
        XCTAssertEqual(pair.upper.bitPattern, upper.bitPattern, "Φ(-\(z)): \(pair.upper) against \(upper)", line: line)
    }

    func testDenseGridAndBranchEdges() {
        // Every branch: the Taylor core, each Chebyshev binade, the constants at 9 and -39.
        for i in -50_000 ... 50_000 { check(Double(i) * 0.001) }
        for edge in [0.5, 9, 39, 64, 1, 2, 4, 8, 16, 32] {
            for x in [edge, edge.nextUp, edge.nextDown] {
                check(x)
                check(-x)
            }
        }
    }

    func testSpecialValues() {
        for z in [0.0, -0.0, .infinity, -.infinity, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .greatestFiniteMagnitude, 1e-300] {
            check(z)
        }
        let nan = Elementary.normalCDFPair(.nan)
        XCTAssert(nan.lower.isNaN && nan.upper.isNaN)
    }

    /// Random arguments over the whole range that quadratures meet (scores within ±60).
    func testRandomArguments() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0 ..< 200_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let unit = Double(state >> 11) * 0x1p-53
            check(120 * unit - 60)
        }
    }
}
