import SweepCore
import SweepMath
@testable import SweepStatistics
import XCTest

final class QuantileSketchTests: XCTestCase {
    static let alpha = QuantileSketch.defaultRelativeAccuracy
    /// 10^6 values of the manifest's lognormal-pareto distribution, fixed seed.
    static let sample = LognormalPareto().sample(count: 1_000_000, seed: 42)
    static let levels = [0.001, 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99, 0.999]

    func sketch(_ values: ArraySlice<Double>, _ base: QuantileSketch = QuantileSketch()) -> QuantileSketch {
        var s = base
        values.withUnsafeBufferPointer { s.add(contentsOf: $0) }
        return s
    }

    func encoded(_ s: QuantileSketch) -> [UInt8] {
        var w = BinaryWriter()
        s.encode(to: &w)
        return w.bytes
    }

    /// Every level's estimate is within α·|exact| of the sorted sample at rank ⌊q(n-1)⌋
    /// (plus 1e-12 relative for the rounding of `log` and `exp`).
    func checkQuantiles(_ values: [Double], file: StaticString = #filePath, line: UInt = #line) {
        let s = sketch(values[...])
        let sorted = values.sorted()
        let n = values.count
        XCTAssertEqual(s.count, UInt64(n), file: file, line: line)
        XCTAssertEqual(s.quantile(0), sorted[0], file: file, line: line)
        XCTAssertEqual(s.quantile(1), sorted[n - 1], file: file, line: line)
        for q in Self.levels {
            let exact = sorted[Int((q * Double(n - 1)).rounded(.down))]
            let estimate = s.quantile(q)
            XCTAssertLessThanOrEqual(
                (estimate - exact).magnitude, Self.alpha * (1 + 1e-12) * exact.magnitude,
                "q=\(q): estimate \(estimate), exact \(exact)", file: file, line: line)
        }
    }

    func testQuantilesOfLognormalParetoWithinRelativeAccuracy() {
        checkQuantiles(Self.sample)
    }

    func testQuantilesOfShiftedSampleWithNegativeValues() {
        let shifted = Self.sample.map { $0 - 0.12 }
        XCTAssertGreaterThan(shifted.filter { $0 < 0 }.count, 500_000)
        checkQuantiles(shifted)
    }

    func testMergeOfUnevenPiecesEqualsWholeBucketForBucket() throws {
        let values = Self.sample.map { $0 - 0.12 }
        let whole = sketch(values[...])
        let parts = pieces(values.count, sizes: [1, 17, 4_096, 250_000, 3, 600_000]).map { sketch(values[$0]) }
        XCTAssertEqual(parts.count, 7)
        var merged = QuantileSketch()
        for p in parts { try merged.merge(p) }
        XCTAssertEqual(merged, whole)
        XCTAssertEqual(merged.buckets().map(\.count), whole.buckets().map(\.count))
        XCTAssertEqual(encoded(merged), encoded(whole))
        XCTAssertEqual(Set([merged, whole]).count, 1, "equal sketches hash alike")
        var reversed = QuantileSketch()
        for p in parts.reversed() { try reversed.merge(p) }
        XCTAssertEqual(encoded(reversed), encoded(whole), "merge order does not matter")
    }

    func testCollapsingIsOrderIndependentAndKeepsUpperQuantiles() throws {
        // 10^5 values spanning 1e-40...1e40, 64 buckets per side: most low buckets collapse.
        var g = SplitMix64(seed: 7)
        let values = (0..<100_000).map { _ in pow(10, 80 * g.nextOpenUnit() - 40) * (g.next() & 1 == 0 ? 1 : -1) }
        let base = try QuantileSketch(relativeAccuracy: 0.01, maxBucketsPerSide: 64)
        let whole = sketch(values[...], base)
        XCTAssertLessThanOrEqual(whole.buckets().count, 129)
        var merged = base
        for r in pieces(values.count, sizes: [5, 50_000, 11, 7_000]).reversed() { try merged.merge(sketch(values[r], base)) }
        XCTAssertEqual(encoded(merged), encoded(whole))
        let backwards = sketch(values.reversed()[...], base)
        XCTAssertEqual(backwards, whole)
        // 64 buckets of γ = 1.0202 cover magnitudes within a factor 3.6 of the largest one, and
        // ranks above 0.997 sit there on the positive side.
        let sorted = values.sorted()
        for q in [0.998, 0.999] {
            let exact = sorted[Int((q * Double(values.count - 1)).rounded(.down))]
            XCTAssertLessThanOrEqual((whole.quantile(q) - exact).magnitude, 0.01 * (1 + 1e-12) * exact.magnitude)
        }
        XCTAssertEqual(whole.buckets().reduce(0) { $0 + $1.count }, 100_000)
    }

    func testEdgeCases() throws {
        var s = QuantileSketch()
        XCTAssertTrue(s.quantile(0.5).isNaN && s.min.isNaN && s.max.isNaN)
        for x in [.nan, .infinity, -.infinity, -0.0, 0.0, Double.leastNormalMagnitude / 4, 3.0] { s.add(x) }
        XCTAssertEqual(s.count, 4)
        XCTAssertEqual(s.nonFinite, 3)
        XCTAssertEqual(s.zeroCount, 3)
        XCTAssertEqual(s.min.bitPattern, 0.0.bitPattern, "-0.0 is recorded as +0.0")
        XCTAssertEqual(s.quantile(0.5), 0)
        XCTAssertEqual(s.quantile(1), 3)
        XCTAssertTrue(s.quantile(1.5).isNaN && s.quantile(-0.1).isNaN && s.quantile(.nan).isNaN)
        XCTAssertThrowsError(try QuantileSketch(relativeAccuracy: 0))
        XCTAssertThrowsError(try QuantileSketch(relativeAccuracy: 0.01, maxBucketsPerSide: 0))
        var a = QuantileSketch()
        XCTAssertThrowsError(try a.merge(try QuantileSketch(relativeAccuracy: 0.01))) { error in
            XCTAssertEqual((error as? StatisticsError)?.code, .incompatibleMerge)
        }
        // A single value: every quantile is that value.
        var one = QuantileSketch()
        one.add(-2.5)
        XCTAssertEqual(one.quantile(0.3), -2.5)
    }

    func testBucketsAreAscendingAndHoldTheirValues() {
        let values: [Double] = [-5, -4.99, -0.1, 0, 0.2, 0.2, 7, 1e6]
        let s = sketch(values[...])
        let b = s.buckets()
        XCTAssertEqual(b.reduce(0) { $0 + $1.count }, 8)
        let slack = { (x: Double) in 1e-12 * x.magnitude }
        for (x, y) in zip(b, b.dropFirst()) { XCTAssertLessThanOrEqual(x.high, y.low + slack(y.low)) }
        for v in values {
            XCTAssertTrue(b.contains { $0.low - slack($0.low) <= v && v <= $0.high + slack($0.high) }, "\(v) in no bucket")
        }
        XCTAssertEqual(b.first { $0.low < 0.2 && 0.2 <= $0.high }?.count, 2)
    }

    func encoded(_ s: QuantileSketch, dense: Bool) -> [UInt8] {
        var w = BinaryWriter()
        s.encode(to: &w, dense: dense)
        return w.bytes
    }

    /// Both forms (sparse "QSK2", the default; dense "QSK1", partial formats 3 and 4) decode to
    /// the sketch that was written; every truncation and a changed count throw.
    func testEncodingRoundTripsAndRejectsCorruptInput() throws {
        let s = sketch(Self.sample[0..<10_000].map { $0 - 0.12 }[...])
        for dense in [false, true] {
            let bytes = encoded(s, dense: dense)
            var r = BinaryReader(bytes)
            let back = try QuantileSketch(from: &r)
            XCTAssertTrue(r.isAtEnd)
            XCTAssertEqual(back, s)
            XCTAssertEqual(back.quantile(0.9), s.quantile(0.9))
            var e = BinaryReader(encoded(QuantileSketch(), dense: dense))
            XCTAssertEqual(try QuantileSketch(from: &e), QuantileSketch())
            // Every truncation throws; so does changing the count (totals no longer add up).
            for cut in stride(from: 0, to: bytes.count, by: 7) {
                var t = BinaryReader(Array(bytes[0..<cut]))
                XCTAssertThrowsError(try QuantileSketch(from: &t))
            }
            var corrupt = bytes
            // The count follows the tag, α and the bucket bound (8 bytes dense, a varint sparse).
            var bound = BinaryWriter()
            bound.writeVarUInt(UInt64(s.maxBucketsPerSide))
            corrupt[4 + 8 + (dense ? 8 : bound.bytes.count)] ^= 1
            var c = BinaryReader(corrupt)
            XCTAssertThrowsError(try QuantileSketch(from: &c)) { error in
                XCTAssertEqual((error as? BinaryDecodingError)?.code, .invalidValue)
            }
        }
    }

    /// The sparse form of a sketch of few values over a wide span (a tiny point's per-ticket
    /// returns) is a fraction of the dense one, and decodes to the same sketch, its gaps and
    /// large counts included; a listed bucket of count 0 and a span beyond the bound are refused.
    func testSparseFormIsSmallAndExact() throws {
        var s = QuantileSketch()
        for v in [1e-9, 3e-7, 0.02, 0.02, 0.5, 7, 7, 7, 1e6, -4e-5, -0.3] { s.add(v) }
        for _ in 0 ..< 300 { s.add(0.021) }
        s.add(0)
        s.add(.infinity)
        let sparse = encoded(s, dense: false), dense = encoded(s, dense: true)
        XCTAssertLessThan(sparse.count * 10, dense.count, "sparse \(sparse.count) bytes, dense \(dense.count)")
        for bytes in [sparse, dense] {
            var r = BinaryReader(bytes)
            let back = try QuantileSketch(from: &r)
            XCTAssertEqual(back, s)
            XCTAssertEqual(back.buckets().map(\.count), s.buckets().map(\.count))
            XCTAssertEqual(encoded(back, dense: false), sparse)
        }
        // One bucket of count 5: tag, α, bound, count 5, no non-finite, no zeros, min, max, then
        // the positive side (1 bucket, its index, count 5) and an empty negative side.
        var one = QuantileSketch()
        for _ in 0 ..< 5 { one.add(2.5) }
        var bytes = encoded(one, dense: false)
        XCTAssertEqual(bytes.last, 0, "the empty negative side")
        XCTAssertEqual(bytes[bytes.count - 2], 5, "the one bucket's count")
        bytes[bytes.count - 2] = 0
        var zero = BinaryReader(bytes)
        XCTAssertThrowsError(try QuantileSketch(from: &zero)) { error in
            XCTAssertEqual((error as? BinaryDecodingError)?.code, .invalidValue)
        }
    }

    /// `add(contentsOf:)` counts in-window runs through the storage directly; its state must be
    /// the one of adding the values one by one, whatever mix of signs, zeros, non-finite values,
    /// window growth and collapsing the batch holds.
    func testBatchInsertEqualsOneByOne() throws {
        var x: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Double {
            x ^= x << 13
            x ^= x >> 7
            x ^= x << 17
            return Double(x >> 11) * 0x1p-53
        }
        var values: [Double] = []
        for i in 0..<20_000 {
            let u = next()
            switch i % 9 {
            case 0: values.append(-exp(10 * (u - 0.3)))  // negative side
            case 1: values.append(i % 900 == 1 ? .nan : (i % 901 == 1 ? -.infinity : 0.0))
            case 2: values.append(exp(40 * (u - 0.5)))  // wide range: window growth
            case 3: values.append(-0.0)
            default: values.append(exp(2 * u))  // the common in-window case
            }
        }
        for maxBuckets in [4096, 64] {
            var one = try QuantileSketch(relativeAccuracy: 0.005, maxBucketsPerSide: maxBuckets)
            for v in values { one.add(v) }
            var batched = try QuantileSketch(relativeAccuracy: 0.005, maxBucketsPerSide: maxBuckets)
            // Uneven batch sizes, so that runs start and end everywhere.
            var start = 0
            var size = 1
            while start < values.count {
                let end = min(values.count, start + size)
                values[start..<end].withUnsafeBufferPointer { batched.add(contentsOf: $0) }
                start = end
                size = size * 3 % 1000 + 1
            }
            XCTAssertEqual(batched, one, "maxBuckets \(maxBuckets)")
            XCTAssertEqual(batched.count, one.count)
            XCTAssertEqual(batched.nonFinite, one.nonFinite)
            XCTAssertEqual(batched.zeroCount, one.zeroCount)
            XCTAssertEqual(batched.min, one.min)
            XCTAssertEqual(batched.max, one.max)
            XCTAssertEqual(encoded(batched), encoded(one))
        }
    }

    /// Where the machine has AVX-512 (the level the batch insert uses), its blocks of eight are
    /// really taken: in-window values on both sides and zero-bucket values go through
    /// `addBlocks` whole, and a block with a value outside the window, a NaN or an infinity is
    /// refused at that block. The tests above then compare its state with one-by-one insertion.
    func testWideBlocksAreTakenWhereTheMachineHasThem() throws {
        var base = QuantileSketch()
        for v in [1e-3, 1e3, -1e-3, -1e3] { base.add(v) }  // both sides' windows over [1e-3, 1e3]
        var inWindow: [Double] = []
        for i in 0..<64 {
            let magnitude = 0.5 + Double(i)
            inWindow.append(i % 5 == 0 ? 0.0 : (i % 2 == 0 ? magnitude : -magnitude))
        }
        var refused = inWindow
        refused[20] = 1e9  // the third block leaves the window
        var nonFinite = inWindow
        nonFinite[41] = Double.nan  // the sixth block holds a NaN
        let expected = SIMDLevelProbe.avx512 ? [64, 16, 40] : [0, 0, 0]
        for (values, taken) in zip([inWindow, refused, nonFinite], expected) {
            var s = base
            var done = 0
            values.withUnsafeBufferPointer { done = s.addInWindow($0, from: 0) }
            var one = base
            for v in values.prefix(done) { one.add(v) }
            XCTAssertEqual(s, one)
            var tally = SketchBlockTally(low: .infinity, high: -.infinity, positive: 0, negative: 0, zero: 0)
            var counts = [UInt64](repeating: 0, count: base.positive.counts.count)
            var negative = [UInt64](repeating: 0, count: base.negative.counts.count)
            let blocks = values.withUnsafeBufferPointer { v in
                counts.withUnsafeMutableBufferPointer { pc in
                    negative.withUnsafeMutableBufferPointer { nc in
                        QuantileSketch.addBlocks(
                            v, from: 0, multiplier: base.multiplier,
                            positive: SketchBlockSide(low: base.positive.minIndex, high: base.positive.maxIndex, offset: base.positive.offset, counts: pc.baseAddress),
                            negative: SketchBlockSide(low: base.negative.minIndex, high: base.negative.maxIndex, offset: base.negative.offset, counts: nc.baseAddress),
                            tally: &tally)
                    }
                }
            }
            XCTAssertEqual(blocks, taken)
            XCTAssertEqual(Int(tally.positive + tally.negative + tally.zero), taken)
        }
    }

    /// Runs of zero-bucket values (zeros, -0.0, magnitudes below `minIndexable`) between runs
    /// of equal indexable ones, as a contest's losers' tickets come: `add(contentsOf:)` counts
    /// both in its window loop (a repeated value in the bucket of the last one), and its state
    /// must still be the one of adding them one by one.
    func testBatchInsertOfZeroRunsEqualsOneByOne() throws {
        var values: [Double] = []
        for run in 0..<200 {
            for j in 0..<(run % 37 + 1) {
                switch (run + j) % 5 {
                case 0: values.append(-0.0)
                case 1: values.append(1e-301 * Double(j + 1))
                case 2: values.append(-3e-302 * Double(run + 1))
                default: values.append(0.0)
                }
            }
            // Runs of one indexable value (a contest's equal tickets), on both sides.
            let value = run % 3 == 0 ? -Double(run + 1) : 0.25 * Double(run % 7 + 1)
            values += Array(repeating: value, count: run % 4 + 1)
        }
        for (low, high) in [(0.0, 0.0), (-0.0, -0.0), (-1e-301, 2e-301)] {  // batches of zero-bucket values only
            values += [low, high, low]
        }
        var one = try QuantileSketch(relativeAccuracy: 0.005, maxBucketsPerSide: 4096)
        for v in values { one.add(v) }
        for size in [1, 7, 64, values.count] {
            var batched = try QuantileSketch(relativeAccuracy: 0.005, maxBucketsPerSide: 4096)
            var start = 0
            while start < values.count {
                let end = min(values.count, start + size)
                values[start..<end].withUnsafeBufferPointer { batched.add(contentsOf: $0) }
                start = end
            }
            XCTAssertEqual(batched, one, "batches of \(size)")
            XCTAssertEqual(batched.zeroCount, one.zeroCount)
            XCTAssertEqual(batched.min.bitPattern, one.min.bitPattern)
            XCTAssertEqual(batched.max.bitPattern, one.max.bitPattern)
            XCTAssertEqual(encoded(batched), encoded(one))
        }
    }

    /// The bucket index's ceiling (IEEE addition, no conversion instruction) equals the standard
    /// library's `rounded(.up)` at integers, next to them and at half-integers, over the range
    /// of bucket indices of every allowed accuracy, and on the indices of the lognormal sample.
    func testCeilingEqualsRoundingUp() {
        var ys: [Double] = [0, -0.0, 0.5, -0.5, 0x1p-1074, -0x1p-1074]
        for i in stride(from: -400_000_000, through: 400_000_000, by: 7_777_777) + Array(-1000...1000) {
            let d = Double(i)
            ys += [d, d.nextUp, d.nextDown, d + 0.5, d - 0.5, (d + 0.5).nextUp, (d + 0.5).nextDown]
        }
        let k = QuantileSketch().multiplier
        for x in Self.sample.prefix(100_000) { ys.append(QuantileSketch.indexArgument(ofMagnitude: x, multiplier: k)) }
        for y in ys {
            XCTAssertEqual(QuantileSketch.ceiling(y), Int(y.rounded(.up)), "y = \(y)")
        }
    }
}

/// Whether the sketch's batch insert runs in AVX-512 lanes in this process.
enum SIMDLevelProbe {
    static var avx512: Bool { SIMDLevel.active == .avx512 }
}
