import SweepCore
import SweepStatistics
import XCTest

#if canImport(Glibc)
import Glibc
#endif

final class CoMomentsTests: XCTestCase {
    static let k = 6
    static let n = 10_000

    /// 10,000 rows of 6 correlated columns with very different offsets and scales.
    static let rows: [Double] = {
        var g = SplitMix64(seed: 99)
        var out = [Double]()
        out.reserveCapacity(n * k)
        for _ in 0..<n {
            let z = (0..<k).map { _ in g.nextNormal() }
            out += [
                1e6 + z[0],
                1e-3 * (z[0] + 0.5 * z[1]),
                -5e3 + 100 * (z[2] - 0.3 * z[0]),
                1e6 + 1e-3 * z[3],
                exp(z[4]) + 0.2 * z[2],
                -1e6 + 1e4 * (z[5] - z[3]),
            ]
        }
        return out
    }()

    override func setUp() {
        BLASThreads.set(1)
    }

    /// The textbook two-pass reference: means, then Σ (x_i - m_i)(x_j - m_j) by plain loops.
    func reference(_ rows: ArraySlice<Double>) -> (covariance: [Double], correlation: [Double]) {
        let k = Self.k, n = rows.count / k, base = rows.startIndex
        var m = [Double](repeating: 0, count: k)
        for r in 0..<n { for j in 0..<k { m[j] += rows[base + r * k + j] } }
        for j in 0..<k { m[j] /= Double(n) }
        var c = [Double](repeating: 0, count: k * k)
        for r in 0..<n {
            for i in 0..<k {
                for j in 0..<k { c[i * k + j] += (rows[base + r * k + i] - m[i]) * (rows[base + r * k + j] - m[j]) }
            }
        }
        let cov = c.map { $0 / Double(n - 1) }
        var cor = [Double](repeating: 0, count: k * k)
        for i in 0..<k { for j in 0..<k { cor[i * k + j] = c[i * k + j] / (c[i * k + i] * c[j * k + j]).squareRoot() } }
        return (cov, cor)
    }

    func accumulate(_ rows: ArraySlice<Double>) -> CoMoments {
        var c = try! CoMoments(dimension: Self.k)
        rows.withUnsafeBufferPointer { c.add(batch: $0, rowCount: rows.count / Self.k) }
        return c
    }

    /// Covariances agree to 1e-12 relative to `√(var_i var_j)`, correlations to 1e-12 absolute.
    func assertAgree(_ cov: [Double], _ cor: [Double], _ refCov: [Double], _ refCor: [Double],
                     _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        let k = Self.k
        for i in 0..<k {
            for j in 0..<k {
                let scale = (refCov[i * k + i] * refCov[j * k + j]).squareRoot()
                XCTAssertTrue(close(cov[i * k + j], refCov[i * k + j], relative: 1e-12, scale: scale),
                              "\(what) covariance[\(i),\(j)] \(cov[i * k + j]) vs \(refCov[i * k + j])", file: file, line: line)
                XCTAssertEqual(cor[i * k + j], refCor[i * k + j], accuracy: 1e-12, "\(what) correlation[\(i),\(j)]",
                               file: file, line: line)
            }
        }
    }

    func testAgreesWithTwoPassReference() {
        let whole = accumulate(Self.rows[...])
        XCTAssertEqual(whole.count, Self.n)
        let ref = reference(Self.rows[...])
        assertAgree(whole.covariance(), whole.correlation(), ref.covariance, ref.correlation, "whole")
        // The data's correlations are far from 0 and 1: a meaningful check.
        XCTAssertEqual(ref.correlation[0 * 6 + 1], 0.894, accuracy: 0.02)
        XCTAssertEqual(ref.correlation[3 * 6 + 5], -0.707, accuracy: 0.02)
        var byRow = try! CoMoments(dimension: Self.k)
        for r in 0..<Self.n {
            Self.rows[(r * 6)..<(r * 6 + 6)].withUnsafeBufferPointer { byRow.add(row: $0) }
        }
        assertAgree(byRow.covariance(), byRow.correlation(), ref.covariance, ref.correlation, "row by row")
    }

    func testMergedSplitsAgreeWithWholeAndRepeatBitwise() throws {
        let whole = accumulate(Self.rows[...])
        func mergedSplits() throws -> CoMoments {
            var merged = try CoMoments(dimension: Self.k)
            for r in pieces(Self.n, sizes: [1, 999, 3000, 6000]) {
                try merged.merge(accumulate(Self.rows[(r.lowerBound * 6)..<(r.upperBound * 6)]))
            }
            return merged
        }
        let merged = try mergedSplits()
        XCTAssertEqual(merged.count, Self.n)
        assertAgree(merged.covariance(), merged.correlation(), whole.covariance(), whole.correlation(), "merged")
        for j in 0..<6 { XCTAssertTrue(close(merged.means[j], whole.means[j], relative: 1e-15, scale: whole.means[j].magnitude + 1)) }
        XCTAssertEqual(encoded(try mergedSplits()), encoded(merged), "fixed merge order: same bits")
        XCTAssertEqual(encoded(accumulate(Self.rows[...])), encoded(whole), "same batch: same bits")
    }

    func testNonFiniteRowsAreSkippedWhole() throws {
        var rows = Array(Self.rows[0..<(100 * 6)])
        rows[3 * 6 + 2] = .nan
        rows[50 * 6 + 5] = -.infinity
        let c = accumulate(rows[...])
        XCTAssertEqual(c.count, 98)
        XCTAssertEqual(c.skippedRows, 2)
        let clean = rows.enumerated().filter { ![3, 50].contains($0.offset / 6) }.map(\.element)
        let ref = reference(clean[...])
        assertAgree(c.covariance(), c.correlation(), ref.covariance, ref.correlation, "skipping")
        var byRow = try CoMoments(dimension: 6)
        for r in 0..<100 { rows[(r * 6)..<(r * 6 + 6)].withUnsafeBufferPointer { byRow.add(row: $0) } }
        XCTAssertEqual(byRow.skippedRows, 2)
    }

    func testUndefinedCorrelationsAndBadArguments() throws {
        var c = try CoMoments(dimension: 2)
        XCTAssertTrue(c.covariance().allSatisfy(\.isNaN))
        [1.0, 5, 2, 5, 3, 5].withUnsafeBufferPointer { c.add(batch: $0, rowCount: 3) }
        XCTAssertEqual(c.covariance(), [1, 0, 0, 0])
        let r = c.correlation()
        XCTAssertEqual(r[0], 1)
        XCTAssertTrue(r[1].isNaN && r[2].isNaN && r[3].isNaN)
        XCTAssertThrowsError(try c.merge(try CoMoments(dimension: 3))) { error in
            XCTAssertEqual((error as? StatisticsError)?.code, .incompatibleMerge)
        }
        XCTAssertThrowsError(try CoMoments(dimension: 0))
        // A constant column whose batch mean is not exact (0.1 · 3 / 3 != 0.1) still has
        // variance 0, NaN correlations, and an encoding that decodes.
        var tenth = try CoMoments(dimension: 2)
        [0.1, 1, 0.1, 2, 0.1, 4].withUnsafeBufferPointer { tenth.add(batch: $0, rowCount: 3) }
        XCTAssertEqual(tenth.covariance()[0], 0)
        XCTAssertTrue(tenth.correlation()[1].isNaN)
        var r2 = BinaryReader(encoded(tenth))
        XCTAssertEqual(try CoMoments(from: &r2), tenth)
    }

    func testEncodingRoundTrips() throws {
        let c = accumulate(Self.rows[0..<600])
        let bytes = encoded(c)
        var r = BinaryReader(bytes)
        XCTAssertEqual(try CoMoments(from: &r), c)
        XCTAssertTrue(r.isAtEnd)
        for cut in stride(from: 0, to: bytes.count, by: 5) {
            var t = BinaryReader(Array(bytes[0..<cut]))
            XCTAssertThrowsError(try CoMoments(from: &t))
        }
    }

    func testBLASThreadCount() {
        BLASThreads.set(2)
        XCTAssertEqual(BLASThreads.get(), 2)
        let two = accumulate(Self.rows[...])
        BLASThreads.set(1)
        XCTAssertEqual(BLASThreads.get(), 1)
        let one = accumulate(Self.rows[...])
        assertAgree(two.covariance(), two.correlation(), one.covariance(), one.correlation(), "1 vs 2 BLAS threads")
    }

    func encoded(_ c: CoMoments) -> [UInt8] {
        var w = BinaryWriter()
        c.encode(to: &w)
        return w.bytes
    }
}
