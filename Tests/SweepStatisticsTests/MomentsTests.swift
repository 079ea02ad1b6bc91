import SweepCore
import SweepStatistics
import XCTest

#if canImport(Glibc)
import Glibc
#endif

final class MomentsTests: XCTestCase {
    /// Hand computation for [2, 4, 4, 4, 5, 5, 7, 9]: n = 8, sum 40, mean 5; deviations
    /// -3, -1, -1, -1, 0, 0, 2, 4, so M2 = 9+1+1+1+0+0+4+16 = 32, M3 = -27-1-1-1+0+0+8+64 = 42,
    /// M4 = 81+1+1+1+0+0+16+256 = 356. Variance 32/7; g1 = √8·42/32^1.5 = 2√2·42/(128√2) = 84/128
    /// = 0.65625; g2 = 8·356/32² - 3 = 2848/1024 - 3 = -0.21875.
    let data: [Double] = [2, 4, 4, 4, 5, 5, 7, 9]

    func check(_ m: Moments, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(m.count, 8, file: file, line: line)
        XCTAssertEqual(m.mean, 5, accuracy: 1e-15, file: file, line: line)
        XCTAssertEqual(m.variance, 32.0 / 7.0, accuracy: 1e-14, file: file, line: line)
        XCTAssertEqual(m.sd, (32.0 / 7.0).squareRoot(), accuracy: 1e-14, file: file, line: line)
        XCTAssertEqual(m.se, (32.0 / 7.0 / 8.0).squareRoot(), accuracy: 1e-14, file: file, line: line)
        XCTAssertEqual(m.skewness, 0.65625, accuracy: 1e-14, file: file, line: line)
        XCTAssertEqual(m.kurtosis, -0.21875, accuracy: 1e-14, file: file, line: line)
        XCTAssertEqual(m.min, 2, file: file, line: line)
        XCTAssertEqual(m.max, 9, file: file, line: line)
    }

    func testHandComputedLiterals() {
        var one = Moments()
        for x in data { one.add(x) }
        check(one)

        var batch = Moments()
        data.withUnsafeBufferPointer { batch.add(contentsOf: $0) }
        check(batch)

        var merged = Moments(), b = Moments()
        data[0..<3].forEach { merged.add($0) }
        data[3...].forEach { b.add($0) }
        merged.merge(b)
        check(merged)
    }

    func testUndefinedValuesAreNaN() {
        let empty = Moments()
        XCTAssertEqual(empty.count, 0)
        for v in [empty.mean, empty.variance, empty.sd, empty.se, empty.skewness, empty.kurtosis, empty.min, empty.max] {
            XCTAssertTrue(v.isNaN)
        }
        var one = Moments()
        one.add(3)
        XCTAssertEqual(one.mean, 3)
        XCTAssertTrue(one.variance.isNaN && one.skewness.isNaN && one.kurtosis.isNaN)
        var constant = Moments()
        [7.25, 7.25, 7.25, 7.25, 7.25].withUnsafeBufferPointer { constant.add(contentsOf: $0) }
        XCTAssertEqual(constant.mean, 7.25)
        XCTAssertEqual(constant.variance, 0)
        XCTAssertTrue(constant.skewness.isNaN && constant.kurtosis.isNaN)
    }

    func testNonFiniteValuesAreSkippedAndCounted() {
        let dirty: [Double] = [2, .nan, 4, 4, .infinity, 4, 5, 5, -.infinity, 7, 9]
        var one = Moments(), batch = Moments()
        for x in dirty { one.add(x) }
        dirty.withUnsafeBufferPointer { batch.add(contentsOf: $0) }
        check(one)
        check(batch)
        XCTAssertEqual(one.nonFinite, 3)
        XCTAssertEqual(batch.nonFinite, 3)
    }

    /// Values 1e8 + k/1024 with integer k (exactly representable), skewed (k from an exponential).
    /// The reference is exact: integer power sums in Int128, reduced to central moments in
    /// rational arithmetic and rounded once.
    func testMergedSplitsAgreeWithExactReferenceAtOffset1e8() throws {
        var g = SplitMix64(seed: 20_261_125)
        let n = 100_000
        let ks: [Int] = (0..<n).map { _ in Swift.min(20_000, Int(-1024 * log(g.nextOpenUnit()))) - 1024 }
        let xs = ks.map { 1e8 + Double($0) / 1024 }
        var s1: Int128 = 0, s2: Int128 = 0, s3: Int128 = 0, s4: Int128 = 0
        for k in ks {
            let v = Int128(k)
            s1 += v; s2 += v * v; s3 += v * v * v; s4 += v * v * v * v
        }
        let N = Int128(n)
        // n·M2, n²·M3, n³·M4 in units of 1/1024^p, exact.
        let nM2 = N * s2 - s1 * s1
        let n2M3 = N * N * s3 - 3 * N * s1 * s2 + 2 * s1 * s1 * s1
        let n3M4 = N * N * N * s4 - 4 * N * N * s1 * s3 + 6 * N * s1 * s1 * s2 - 3 * s1 * s1 * s1 * s1
        let nd = Double(n)
        let mean = 1e8 + Double(s1) / nd / 1024
        let m2 = Double(nM2) / nd / 1024 / 1024
        let variance = m2 / (nd - 1)
        let m3 = Double(n2M3) / (nd * nd) / (1024 * 1024 * 1024)
        let m4 = Double(n3M4) / (nd * nd * nd) / (1024 * 1024 * 1024 * 1024)
        let skewness = nd.squareRoot() * m3 / pow(m2, 1.5)
        let kurtosis = nd * m4 / (m2 * m2) - 3
        XCTAssertEqual(skewness, 2, accuracy: 0.1)  // about an exponential's
        XCTAssertEqual(kurtosis, 6, accuracy: 1)

        var single = Moments()
        for x in xs { single.add(x) }
        var whole = Moments()
        xs.withUnsafeBufferPointer { whole.add(contentsOf: $0) }
        var merged = Moments(), mergedWelford = Moments()
        for r in pieces(n, sizes: [1, 999, 3000, 6000, 7, 40_000, 13]) {
            var part = Moments(), partWelford = Moments()
            xs[r].withUnsafeBufferPointer { part.add(contentsOf: $0) }
            for x in xs[r] { partWelford.add(x) }
            merged.merge(part)
            mergedWelford.merge(partWelford)
        }
        for (name, m) in [("single pass", single), ("one batch", whole), ("merged batches", merged),
                          ("merged single passes", mergedWelford)] {
            XCTAssertEqual(m.count, n, name)
            XCTAssertTrue(close(m.mean, mean, relative: 1e-12), "\(name) mean \(m.mean) vs \(mean)")
            XCTAssertTrue(close(m.variance, variance, relative: 1e-12), "\(name) variance \(m.variance) vs \(variance)")
            XCTAssertTrue(close(m.skewness, skewness, relative: 1e-9), "\(name) skewness \(m.skewness) vs \(skewness)")
            XCTAssertTrue(close(m.kurtosis, kurtosis, relative: 1e-9), "\(name) kurtosis \(m.kurtosis) vs \(kurtosis)")
            XCTAssertEqual(m.min, 1e8 - 1)
            XCTAssertEqual(m.max, 1e8 + Double(ks.max()!) / 1024)
        }
        // A fixed order of the same calls gives the same bits.
        var again = Moments()
        for r in pieces(n, sizes: [1, 999, 3000, 6000, 7, 40_000, 13]) {
            var part = Moments()
            xs[r].withUnsafeBufferPointer { part.add(contentsOf: $0) }
            again.merge(part)
        }
        XCTAssertEqual(encoded(again), encoded(merged))
    }

    func encoded(_ m: Moments) -> [UInt8] {
        var w = BinaryWriter()
        m.encode(to: &w)
        return w.bytes
    }

    func testEncodingRoundTripsAndRejectsBadInput() throws {
        var m = Moments()
        data.withUnsafeBufferPointer { m.add(contentsOf: $0) }
        m.add(.nan)
        let bytes = encoded(m)
        XCTAssertEqual(bytes.count, 4 + 16 + 56)
        var r = BinaryReader(bytes)
        let back = try Moments(from: &r)
        XCTAssertEqual(back, m)
        XCTAssertEqual(back.nonFinite, 1)
        XCTAssertTrue(r.isAtEnd)
        var er = BinaryReader(encoded(Moments()))
        XCTAssertEqual(try Moments(from: &er), Moments())
        for cut in 0..<bytes.count {
            var t = BinaryReader(Array(bytes[0..<cut]))
            XCTAssertThrowsError(try Moments(from: &t))
        }
        var bad = bytes
        bad[4 + 16 + 16 + 7] = 0xBF  // M2 < 0
        var br = BinaryReader(bad)
        XCTAssertThrowsError(try Moments(from: &br)) { error in
            XCTAssertEqual((error as? BinaryDecodingError)?.code, .invalidValue)
        }
    }
}
