import SweepMath
import Foundation
import SweepCore

/// A mergeable quantile sketch with a relative-accuracy guarantee (DDSketch, Masson, Rim & Lee,
/// VLDB 2019).
///
/// Buckets: with `γ = (1 + α)/(1 - α)`, a finite value `x` with `|x| >= minIndexable` (1e-300)
/// goes to bucket `i = ⌈f(|x|) · k⌉` on the side of its sign, where `f` is DDSketch's cubically
/// interpolated `log2` (for `m = 2^e (1 + s)`, `s` in [0, 1): `f(m) = e + P(s)`,
/// `P(s) = (6/35) s³ - (3/5) s² + (10/7) s`, monotone, exact at powers of two; no `log` call) and
/// `k = 0.7 / ln γ`. Since `d ln m / d f = 1 / ((1 + s) P'(s)) <= 0.7` on [0, 1) (the maximum is
/// at `s = 0` and `s = 2/3`), the magnitudes of one bucket span a ratio of at most `γ`. Values
/// with `|x| < minIndexable` go to the zero bucket. Each side stores dense `UInt64` counts for at most ``maxBucketsPerSide``
/// consecutive indices (4096 by default: a magnitude ratio of about 6e17 at α = 0.005).
///
/// Quantiles: ``quantile(_:)`` returns an estimate of the order statistic `x₍r₎` (0-based, in
/// ascending order) at rank `r = ⌊q · (n - 1)⌋`, computed in double precision. It finds the bucket
/// holding rank `r` and returns its representative `±2 lo hi / (lo + hi)` for the bucket's
/// magnitudes `(lo, hi]` (0 for the zero bucket),
/// clamped to `[min, max]`. Then `|estimate - x₍r₎| <= α · |x₍r₎|` (up to a few ulps from `ln` and
/// `exp`), for any data, provided `x₍r₎` is not in a collapsed bucket (below). In the zero bucket
/// the estimate is 0, off by less than `minIndexable`. `quantile(0)` and `quantile(1)` are the
/// exact ``min`` and ``max``. (Measured on 10^6 lognormal-pareto values, with and without a
/// shift to negative values: worst error 0.94 α over nine levels from 0.001 to 0.999.)
///
/// Collapsing: when a side's indices would span more than `maxBucketsPerSide`, its
/// lowest-magnitude buckets are folded into the lowest bucket kept (negative side: the values
/// nearest zero). The guarantee holds for quantiles whose magnitude is above the collapsed range;
/// the folded state depends only on the multiset of values, never on the order of insertion.
///
/// Merging is exact: the merge of the sketches of any partition of a sample equals, bucket for
/// bucket, the sketch of the whole (same counts, exact min and max; the encodings are
/// byte-identical). Non-finite inputs (NaN, ±∞) are skipped and counted in ``nonFinite``.
/// `-0.0` is recorded as `+0.0`.
///
/// Bucket indices use only IEEE multiplication and addition, so every machine computes the same
/// bucket for the same value.
public struct QuantileSketch: Sendable, Hashable {
    /// Values with a smaller magnitude are counted in the zero bucket.
    public static let minIndexable: Double = 1e-300
    /// The default relative accuracy α.
    public static let defaultRelativeAccuracy: Double = 0.005
    /// The default bound on the buckets of each side.
    public static let defaultMaxBucketsPerSide: Int = 4096

    /// The relative accuracy α, in `[1e-6, 0.5]`.
    public let relativeAccuracy: Double
    /// The most consecutive bucket indices a side keeps before collapsing the lowest.
    public let maxBucketsPerSide: Int
    /// `k = 0.7 / ln γ`: buckets per unit of the interpolated `log2`.
    @usableFromInline let multiplier: Double

    @usableFromInline var _count: UInt64 = 0
    @usableFromInline var _nonFinite: UInt64 = 0
    @usableFromInline var _zeroCount: UInt64 = 0
    @usableFromInline var _min: Double = .infinity
    @usableFromInline var _max: Double = -.infinity
    @usableFromInline var positive = SketchBucketStore()
    /// Magnitudes of the negative values.
    @usableFromInline var negative = SketchBucketStore()

    /// A sketch with α = 0.005 and 4096 buckets per side.
    public init() {
        self.init(checked: Self.defaultRelativeAccuracy, Self.defaultMaxBucketsPerSide)
    }

    /// A sketch with relative accuracy `relativeAccuracy` (α, in `[1e-6, 0.5]`) and at most
    /// `maxBucketsPerSide` (in `1...1_048_576`) buckets per side; throws `.invalidArgument`
    /// outside those ranges.
    public init(relativeAccuracy: Double, maxBucketsPerSide: Int = defaultMaxBucketsPerSide) throws(StatisticsError) {
        guard relativeAccuracy >= 1e-6 && relativeAccuracy <= 0.5 else {
            throw StatisticsError(.invalidArgument, "relative accuracy \(relativeAccuracy) is outside [1e-6, 0.5]")
        }
        guard (1...(1 << 20)).contains(maxBucketsPerSide) else {
            throw StatisticsError(.invalidArgument, "maxBucketsPerSide \(maxBucketsPerSide) is outside 1...1048576")
        }
        self.init(checked: relativeAccuracy, maxBucketsPerSide)
    }

    init(checked alpha: Double, _ maxBuckets: Int) {
        relativeAccuracy = alpha
        maxBucketsPerSide = maxBuckets
        multiplier = 0.7 / Elementary.log1p(2 * alpha / (1 - alpha))
    }

    /// The bucket index of a magnitude `m >= minIndexable` (a normal number).
    @inlinable func index(ofMagnitude m: Double) -> Int { Self.index(ofMagnitude: m, multiplier: multiplier) }

    /// `⌈f(m) · multiplier⌉`, with `f` the interpolated `log2` of the type's doc comment.
    @inlinable @inline(__always) static func index(ofMagnitude m: Double, multiplier: Double) -> Int {
        ceiling(indexArgument(ofMagnitude: m, multiplier: multiplier))
    }

    /// `f(m) · multiplier`, the argument of the index's ceiling.
    @inlinable @inline(__always) static func indexArgument(ofMagnitude m: Double, multiplier: Double) -> Double {
        let bits = m.bitPattern
        let e = Double(Int((bits >> 52) & 0x7FF) - 1023)
        let s = Double(bitPattern: (bits & 0x000F_FFFF_FFFF_FFFF) | 0x3FF0_0000_0000_0000) - 1
        let f = e + ((6.0 / 35.0 * s - 3.0 / 5.0) * s + 10.0 / 7.0) * s
        return f * multiplier
    }

    /// `⌈y⌉` for `|y| < 2^51` (bucket indices are below 4e8 in magnitude), from IEEE addition
    /// only (baseline x86-64 has no `roundsd`, and `Int(y)` checks its range): `y + 1.5 · 2^52`
    /// rounds `y` to the nearest integer `r`, held in the low bits of the sum's significand, and
    /// `⌈y⌉` is `r + 1` exactly when `r < y`.
    @inlinable @inline(__always) static func ceiling(_ y: Double) -> Int {
        let shifter = 0x1.8p52
        let shifted = y + shifter
        let r = Int(truncatingIfNeeded: shifted.bitPattern &- shifter.bitPattern)
        return shifted - shifter < y ? r &+ 1 : r
    }

    /// The magnitude `m` with `f(m) = y`: `2^⌊y⌋ (1 + s)` with `P(s) = y - ⌊y⌋`, solved by
    /// bisection to the last bit (P is increasing).
    @usableFromInline static func inverseLog(_ y: Double) -> Double {
        let e = y.rounded(.down)
        let target = y - e
        var low = 0.0
        var high = 1.0
        for _ in 0..<64 {
            let mid = (low + high) / 2
            if mid <= low || mid >= high { break }
            if ((6.0 / 35.0 * mid - 3.0 / 5.0) * mid + 10.0 / 7.0) * mid < target { low = mid } else { high = mid }
        }
        return Double(sign: .plus, exponent: Int(e), significand: 1 + high)
    }

    /// The upper magnitude bound of bucket `i` (the lower bound is `power(i - 1)`).
    /// At the default α the value comes from the process-wide ``SketchBoundTable`` (the same
    /// value, computed once per index).
    @usableFromInline func power(_ i: Int) -> Double {
        multiplier == SketchBoundTable.multiplier
            ? SketchBoundTable.shared.bound(i) : Self.inverseLog(Double(i) / multiplier)
    }

    /// The representative magnitude of bucket `i`: the harmonic mean `2 lo hi / (lo + hi)` of its
    /// bounds, within `(hi - lo)/(hi + lo) <= α` of every magnitude in it.
    @usableFromInline func representative(_ i: Int) -> Double {
        Self.representative(low: power(i - 1), high: power(i))
    }

    @inline(__always) static func representative(low: Double, high: Double) -> Double {
        2 * low * high / (low + high)
    }

    /// Adds one value. O(1) amortised: one `log`, one array increment; no allocation unless a side
    /// grows its window.
    @inlinable public mutating func add(_ x: Double) {
        guard x.isFinite else {
            _nonFinite &+= 1
            return
        }
        let v = x + 0.0  // -0.0 becomes +0.0, so min and max do not depend on the order
        _count &+= 1
        if v < _min { _min = v }
        if v > _max { _max = v }
        let m = v.magnitude
        if m < Self.minIndexable {
            _zeroCount &+= 1
        } else if v > 0 {
            positive.add(index(ofMagnitude: m), maxBuckets: maxBucketsPerSide)
        } else {
            negative.add(index(ofMagnitude: m), maxBuckets: maxBucketsPerSide)
        }
    }

    /// Adds every value of `values` in order (the same state as adding them one by one).
    ///
    /// Runs of values that land inside their side's current bucket window are counted through
    /// the storage pointers directly, and so are values of the zero bucket; any other value
    /// (non-finite, a new bucket) takes `add(_:)`.
    @inlinable public mutating func add(contentsOf values: UnsafeBufferPointer<Double>) {
        var next = 0
        while next < values.count {
            next = addInWindow(values, from: next)
            if next < values.count {
                add(values[next])
                next += 1
            }
        }
    }

    /// Adds `values[start...]` while each is finite and in the zero bucket or an occupied bucket
    /// range of its side; returns the index of the first value it did not add. The state is the one
    /// `add(_:)` would give (the same bucket, count, min and max).
    @inlinable mutating func addInWindow(_ values: UnsafeBufferPointer<Double>, from start: Int) -> Int {
        let k = multiplier
        let (pLow, pHigh, pOffset) = positive.total > 0 ? (positive.minIndex, positive.maxIndex, positive.offset) : (1, 0, 0)
        let (nLow, nHigh, nOffset) = negative.total > 0 ? (negative.minIndex, negative.maxIndex, negative.offset) : (1, 0, 0)
        var low = _min, high = _max
        var addedPositive: UInt64 = 0, addedNegative: UInt64 = 0, addedZero: UInt64 = 0
        var i = start
        // The last indexable value counted and its bucket: the same value again (a run of equal
        // tickets, as a contest's losers give) is one more count there, min and max unchanged.
        var last = Double.nan
        var lastBucket: UnsafeMutablePointer<UInt64>? = nil
        var lastUp: UInt64 = 0
        // Finite and indexable in one unsigned comparison: the bit patterns of the magnitudes
        // from `minIndexable` up to (not including) infinity are consecutive integers, and a
        // NaN's lie above them.
        let lowestBits = Self.minIndexable.bitPattern
        let indexableSpan = Double.infinity.bitPattern &- lowestBits
        // Where the machine has AVX-512, whole blocks of eight values are added in its lanes
        // (`addBlocks`, the same buckets, counts, min and max); the values of a block it cannot
        // take, and the remainder, come here one by one, and the blocks are tried again after.
        let wide = SIMDLevel.active == .avx512
        var wideFrom = start
        positive.counts.withUnsafeMutableBufferPointer { pc in
            negative.counts.withUnsafeMutableBufferPointer { nc in
                while i < values.count {
                    if wide && i >= wideFrom {
                        var tally = SketchBlockTally(
                            low: low, high: high, positive: addedPositive, negative: addedNegative, zero: addedZero)
                        i += Self.addBlocks(
                            values, from: i, multiplier: k,
                            positive: SketchBlockSide(low: pLow, high: pHigh, offset: pOffset, counts: pc.baseAddress),
                            negative: SketchBlockSide(low: nLow, high: nHigh, offset: nOffset, counts: nc.baseAddress), tally: &tally)
                        (low, high) = (tally.low, tally.high)
                        (addedPositive, addedNegative, addedZero) = (tally.positive, tally.negative, tally.zero)
                        wideFrom = i + 8
                        if i >= values.count { break }
                    }
                    let x = values[i]
                    if x == last {
                        // The whole run counted in a register and added once: one bucket
                        // update a run, not a load, increment and store (a chain through
                        // memory) a value.
                        var end = i &+ 1
                        while end < values.count && values[end] == last { end &+= 1 }
                        let run = UInt64(truncatingIfNeeded: end &- i)
                        lastBucket.unsafelyUnwrapped.pointee &+= run
                        addedPositive &+= lastUp &* run
                        addedNegative &+= (1 &- lastUp) &* run
                        i = end
                        continue
                    }
                    let m = x.magnitude
                    guard m.bitPattern &- lowestBits < indexableSpan else {
                        // Not indexable: infinity or NaN ends the run (the caller's slow path),
                        guard m < Self.minIndexable else { break }
                        // and the zero bucket is counted as `add(_:)` counts it (-0.0 as +0.0
                        // for min and max): a run of zeros (a lost contest's multiples) stays in
                        // this loop.
                        let v = x + 0.0
                        addedZero &+= 1
                        if v < low { low = v }
                        if v > high { high = v }
                        i += 1
                        continue
                    }
                    let index = Self.index(ofMagnitude: m, multiplier: k)
                    // The side is chosen by selects, not a branch: the sign of a ticket's
                    // return is close to a coin toss.
                    let up = x > 0
                    guard index >= (up ? pLow : nLow) && index <= (up ? pHigh : nHigh) else { break }
                    let counts = up ? pc.baseAddress : nc.baseAddress
                    let bucket = counts.unsafelyUnwrapped + (index &- (up ? pOffset : nOffset))
                    bucket.pointee &+= 1
                    addedPositive &+= up ? 1 : 0
                    addedNegative &+= up ? 0 : 1
                    last = x
                    lastBucket = bucket
                    lastUp = up ? 1 : 0
                    if x < low { low = x }
                    if x > high { high = x }
                    i += 1
                }
            }
        }
        positive.total &+= addedPositive
        negative.total &+= addedNegative
        _zeroCount &+= addedZero
        _count &+= addedPositive &+ addedNegative &+ addedZero
        _min = low
        _max = high
        return i
    }

    /// Adds every bucket, count, min and max of `other`; exact (see the type's contract).
    /// Throws `.incompatibleMerge` if α or the bucket bound differ.
    public mutating func merge(_ other: QuantileSketch) throws(StatisticsError) {
        guard relativeAccuracy == other.relativeAccuracy, maxBucketsPerSide == other.maxBucketsPerSide else {
            throw StatisticsError(
                .incompatibleMerge,
                "sketches with α \(relativeAccuracy), \(maxBucketsPerSide) buckets and α \(other.relativeAccuracy), "
                    + "\(other.maxBucketsPerSide) buckets; build every partial with the same sketch parameters")
        }
        // Into a sketch that holds nothing, `other` as it is: the same sketch as adding its
        // buckets one by one, at no cost per bucket (a reduce merges each point's first shard
        // into an empty sketch, and a tiny point cannot afford the bucket walk).
        if _count == 0 && _nonFinite == 0,
           let empty = try? QuantileSketch(relativeAccuracy: relativeAccuracy, maxBucketsPerSide: maxBucketsPerSide), self == empty
        {
            self = other
            return
        }
        _count &+= other._count
        _nonFinite &+= other._nonFinite
        _zeroCount &+= other._zeroCount
        _min = Swift.min(_min, other._min)
        _max = Swift.max(_max, other._max)
        positive.merge(other.positive, maxBuckets: maxBucketsPerSide)
        negative.merge(other.negative, maxBuckets: maxBucketsPerSide)
    }

    /// The number of finite values added.
    public var count: UInt64 { _count }
    /// The number of NaN or infinite values skipped.
    public var nonFinite: UInt64 { _nonFinite }
    /// The number of values with `|x| < minIndexable`.
    public var zeroCount: UInt64 { _zeroCount }

    /// The smallest finite value added (exact); NaN when empty.
    public var min: Double { count > 0 ? _min : .nan }
    /// The largest finite value added (exact); NaN when empty.
    public var max: Double { count > 0 ? _max : .nan }

    /// The estimate of the order statistic at rank `⌊q · (n - 1)⌋` (see the type's contract);
    /// NaN when empty or when `q` is not in `[0, 1]`. O(buckets).
    public func quantile(_ q: Double) -> Double {
        guard count > 0, q >= 0, q <= 1 else { return .nan }
        if q == 0 { return _min }
        if q == 1 { return _max }
        let rank = UInt64((q * Double(count - 1)).rounded(.down))
        var value = 0.0
        walk: do {
            var seen: UInt64 = 0
            if let range = negative.occupied {
                for i in range.reversed() {
                    seen &+= negative.count(at: i)
                    if rank < seen {
                        value = -representative(i)
                        break walk
                    }
                }
            }
            seen &+= zeroCount
            if rank < seen { break walk }  // value = 0
            if let range = positive.occupied {
                for i in range {
                    seen &+= positive.count(at: i)
                    if rank < seen {
                        value = representative(i)
                        break walk
                    }
                }
            }
            value = _max  // unreachable unless counts wrapped around 2^64
        }
        return Swift.min(Swift.max(value, _min), _max)
    }

    /// The non-empty buckets in ascending value order: negative side `[-γ^i, -γ^(i-1))`, the zero
    /// bucket `(-minIndexable, minIndexable)`, positive side `(γ^(i-1), γ^i]`. A collapsed bucket
    /// also holds the counts of the smaller magnitudes folded into it. O(buckets).
    public func buckets() -> [(low: Double, high: Double, count: UInt64)] {
        var out: [(low: Double, high: Double, count: UInt64)] = []
        forEachBucket { low, high, _, c in out.append((low: low, high: high, count: c)) }
        return out
    }

    /// Calls `body(low, high, representative, count)` for every non-empty bucket in ascending
    /// value order; the representative is clamped to `[min, max]`.
    ///
    /// Bounds are computed only for non-empty buckets (at most two `power` calls each, one when
    /// the previous index was non-empty too), so the cost is O(non-empty buckets) bisections plus
    /// O(occupied range) count reads: a sketch of a handful of values spread over a thousand
    /// bucket indices costs a handful of bisections. The values are those of `power` and
    /// `representative`.
    func forEachBucket(_ body: (Double, Double, Double, UInt64) -> Void) {
        let clamp = { (v: Double) in Swift.min(Swift.max(v, self._min), self._max) }
        if let range = negative.occupied {
            var known = Int.min, knownValue = 0.0  // the last bound computed: power(known)
            for i in range.reversed() {
                let c = negative.count(at: i)
                guard c > 0 else { continue }
                let high = known == i ? knownValue : power(i)
                let low = power(i - 1)
                (known, knownValue) = (i - 1, low)
                body(-high, -low, clamp(-Self.representative(low: low, high: high)), c)
            }
        }
        if zeroCount > 0 { body(-Self.minIndexable, Self.minIndexable, clamp(0), zeroCount) }
        if let range = positive.occupied {
            var known = Int.min, knownValue = 0.0
            for i in range {
                let c = positive.count(at: i)
                guard c > 0 else { continue }
                let low = known == i - 1 ? knownValue : power(i - 1)
                let high = power(i)
                (known, knownValue) = (i, high)
                body(low, high, clamp(Self.representative(low: low, high: high)), c)
            }
        }
    }
}
