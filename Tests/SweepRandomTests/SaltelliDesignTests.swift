import SweepRandom
import XCTest

final class SaltelliDesignTests: XCTestCase {
    /// The layout of an unscrambled base equals SALib's design: SALib 1.6.0,
    /// `sobol.sample({'num_vars': 2, 'bounds': [[0, 1]] * 2}, 4, calc_second_order=False,
    /// scramble=False).tolist()`.
    func testLayoutOfUnscrambledBaseMatchesSALib() throws {
        let expected: [[Double]] = SaltelliReference.unscrambledN4D2
        let base = try DesignSampler.sobolUnscrambled(points: 4, dimensions: 4)
        XCTAssertEqual(DesignSampler.saltelliRows(base: base, dimensions: 2), expected)
    }

    /// Rows follow A, AB^(1)…AB^(D), B per base sample, and the base is the shifted Sobol'
    /// design of 2D dimensions (so A and B each keep one point per dyadic stratum).
    func testRowsFollowTheLayout() throws {
        let n = 16
        let d = 3
        let rows = try DesignSampler.saltelli(points: n, dimensions: d, seed: 9)
        let layout = SaltelliLayout(points: n, dimensions: d)
        XCTAssertEqual(rows.count, n * (d + 2))
        let base = try DesignSampler.sobol(points: n, dimensions: 2 * d, seed: 9)
        for i in 0..<n {
            XCTAssertEqual(rows[layout.a(i)], Array(base[i][0..<d]))
            XCTAssertEqual(rows[layout.b(i)], Array(base[i][d...]))
            for j in 0..<d {
                for k in 0..<d {
                    XCTAssertEqual(rows[layout.ab(i, j)][k], k == j ? base[i][d + k] : base[i][k])
                }
            }
        }
        for k in 0..<d {
            XCTAssertEqual(Set((0..<n).map { Int(rows[layout.a($0)][k] * Double(n)) }).count, n)
            XCTAssertEqual(Set((0..<n).map { Int(rows[layout.b($0)][k] * Double(n)) }).count, n)
        }
    }

    func testRejectsBadSizes() {
        for points in [0, 3, 12] {
            XCTAssertThrowsError(try DesignSampler.saltelli(points: points, dimensions: 2, seed: 1)) {
                XCTAssertEqual(($0 as? DesignError)?.code, .invalidPointCount)
                XCTAssertTrue("\($0)".contains("power of two"), "\($0)")
            }
        }
        XCTAssertThrowsError(try DesignSampler.saltelli(points: 4, dimensions: DesignSampler.saltelliMaxDimensions + 1, seed: 1)) {
            XCTAssertEqual(($0 as? DesignError)?.code, .tooManyDimensions)
        }
        XCTAssertThrowsError(try DesignSampler.saltelli(points: 4, dimensions: 0, seed: 1))
        XCTAssertNoThrow(try DesignSampler.saltelli(points: 2, dimensions: DesignSampler.saltelliMaxDimensions, seed: 1))
    }
}
