import SweepMath
import SweepCore

/// Counts of values in fixed bins, with underflow and overflow counts.
///
/// Bins are `[e₀, e₁), [e₁, e₂), ..., [e_{b-1}, e_b]` (the last one closed) for strictly
/// increasing finite ``edges`` `e₀ < ... < e_b` fixed at creation. Values below `e₀` count in
/// ``underflow``, above `e_b` in ``overflow``; NaN and ±∞ are skipped and counted in
/// ``nonFinite``. The bin of a value is decided by comparisons with the stored edges (an index
/// guess from the spacing, then corrected), so it never depends on rounding in the guess.
///
/// Merging adds counts and is exact; it requires bitwise-equal edges.
public struct Histogram: Sendable, Hashable {
    /// How the edges were generated; only used to guess a value's bin quickly.
    @usableFromInline enum Spacing: UInt8, Sendable {
        case linear = 1, logarithmic = 2, custom = 3
    }

    /// The `bins + 1` strictly increasing finite bin edges.
    public let edges: [Double]
    @usableFromInline let spacing: Spacing
    /// `bins / (high - low)` for linear spacing, `bins / (ln high - ln low)` for logarithmic.
    @usableFromInline let inverseStep: Double
    /// `low` for linear spacing, `ln low` for logarithmic.
    @usableFromInline let origin: Double
    @usableFromInline var _counts: [UInt64]
    @usableFromInline var _underflow: UInt64 = 0
    @usableFromInline var _overflow: UInt64 = 0
    @usableFromInline var _nonFinite: UInt64 = 0

    /// The count of each bin, `edges.count - 1` of them.
    public var counts: [UInt64] { _counts }
    /// Values below the first edge.
    public var underflow: UInt64 { _underflow }
    /// Values above the last edge.
    public var overflow: UInt64 { _overflow }
    /// NaN and infinite values skipped.
    public var nonFinite: UInt64 { _nonFinite }
    /// The number of bins.
    public var binCount: Int { _counts.count }
    /// Every finite value added: the bins, underflow and overflow.
    public var total: UInt64 { _counts.reduce(_underflow &+ _overflow, &+) }

    init(uncheckedEdges edges: [Double], spacing: Spacing) {
        self.edges = edges
        self.spacing = spacing
        let b = Double(edges.count - 1)
        switch spacing {
        case .linear:
            origin = edges[0]
            inverseStep = b / (edges[edges.count - 1] - edges[0])
        case .logarithmic:
            origin = Elementary.log(edges[0])
            inverseStep = b / (Elementary.log(edges[edges.count - 1]) - Elementary.log(edges[0]))
        case .custom:
            origin = 0
            inverseStep = 0
        }
        _counts = [UInt64](repeating: 0, count: edges.count - 1)
    }

    static func checkEdges(_ edges: [Double]) -> String? {
        guard edges.count >= 2, edges.count <= (1 << 24) + 1 else {
            return "\(edges.count) edges; give between 2 and 16777217"
        }
        for i in edges.indices where !edges[i].isFinite || (i > 0 && !(edges[i - 1] < edges[i])) {
            return "edge \(i) (\(edges[i])) is not finite or not above the previous one; "
                + "the range may be too narrow for the number of bins at double precision"
        }
        return nil
    }

    /// A histogram with arbitrary edges; throws `.invalidArgument` unless they are finite and
    /// strictly increasing (2 to 2^24 + 1 of them). A value's bin is found by binary search.
    public init(edges: [Double]) throws(StatisticsError) {
        if let problem = Self.checkEdges(edges) { throw StatisticsError(.invalidArgument, problem) }
        self.init(uncheckedEdges: edges, spacing: .custom)
    }

    /// `bins` equal-width bins over `[low, high]`: `e_i = low + (high - low) · i/bins`, with
    /// `e_bins = high` exactly. Throws `.invalidArgument` if `bins < 1`, `low >= high`, a bound is
    /// not finite, or the edges would not be strictly increasing in double precision.
    public static func linear(low: Double, high: Double, bins: Int) throws(StatisticsError) -> Histogram {
        guard bins >= 1, bins <= 1 << 24, low.isFinite, high.isFinite, low < high, (high - low).isFinite else {
            throw StatisticsError(.invalidArgument, "linear histogram over [\(low), \(high)] with \(bins) bins")
        }
        var e = (0...bins).map { low + (high - low) * (Double($0) / Double(bins)) }
        e[bins] = high
        if let problem = checkEdges(e) { throw StatisticsError(.invalidArgument, problem) }
        return Histogram(uncheckedEdges: e, spacing: .linear)
    }

    /// `bins` bins of equal width in `ln x` over `[low, high]`, `0 < low < high`:
    /// `e_i = exp(ln low + (ln high - ln low) · i/bins)`, with `e₀ = low`, `e_bins = high` exactly.
    /// Throws `.invalidArgument` on bad bounds or edges that would not be strictly increasing.
    public static func logarithmic(low: Double, high: Double, bins: Int) throws(StatisticsError) -> Histogram {
        guard bins >= 1, bins <= 1 << 24, low > 0, high.isFinite, low < high else {
            throw StatisticsError(.invalidArgument, "logarithmic histogram over [\(low), \(high)] with \(bins) bins needs 0 < low < high")
        }
        let a = Elementary.log(low), b = Elementary.log(high)
        var e = (0...bins).map { Elementary.exp(a + (b - a) * (Double($0) / Double(bins))) }
        e[0] = low
        e[bins] = high
        if let problem = checkEdges(e) { throw StatisticsError(.invalidArgument, problem) }
        return Histogram(uncheckedEdges: e, spacing: .logarithmic)
    }

    /// The bin holding a finite `x` inside `[e₀, e_b]`.
    @inlinable func bin(of x: Double) -> Int {
        let last = _counts.count - 1
        var i: Int
        switch spacing {
        case .linear, .logarithmic:
            let t = ((spacing == .linear ? x : Elementary.log(x)) - origin) * inverseStep
            i = t.isFinite ? Int(Swift.min(Swift.max(t, 0), Double(last))) : 0
        case .custom:
            var lo = 0, hi = last  // invariant: edges[lo] <= x, and x < edges[hi + 1] or hi == last
            while lo < hi {
                let mid = (lo + hi + 1) / 2
                if edges[mid] <= x { lo = mid } else { hi = mid - 1 }
            }
            i = lo
        }
        while i > 0 && x < edges[i] { i -= 1 }
        while i < last && x >= edges[i + 1] { i += 1 }
        return i
    }

    /// Counts one value. O(1) for linear and logarithmic edges (O(log bins) for custom edges).
    @inlinable public mutating func add(_ x: Double) {
        add(x, count: 1)
    }

    /// Counts `count` copies of `x`.
    @inlinable public mutating func add(_ x: Double, count: UInt64) {
        guard x.isFinite else {
            _nonFinite &+= count
            return
        }
        if x < edges[0] {
            _underflow &+= count
        } else if x > edges[edges.count - 1] {
            _overflow &+= count
        } else {
            _counts[bin(of: x)] &+= count
        }
    }

    /// Counts every value of `values`.
    @inlinable public mutating func add(contentsOf values: UnsafeBufferPointer<Double>) {
        for x in values { add(x, count: 1) }
    }

    /// Adds the counts of `other`; exact. Throws `.incompatibleMerge` unless the edges are equal.
    public mutating func merge(_ other: Histogram) throws(StatisticsError) {
        guard edges == other.edges else {
            throw StatisticsError(
                .incompatibleMerge,
                "histograms with different edges (\(edges.count - 1) bins over [\(edges[0]), \(edges[edges.count - 1])] "
                    + "and \(other.edges.count - 1) bins over [\(other.edges[0]), \(other.edges[other.edges.count - 1])])")
        }
        for i in _counts.indices { _counts[i] &+= other._counts[i] }
        _underflow &+= other._underflow
        _overflow &+= other._overflow
        _nonFinite &+= other._nonFinite
    }

    /// Symmetric-logarithmic edges for data of both signs whose magnitudes span more than two
    /// decades (a ticket's return: most near zero, a tail reaching 10^4): two linear bins
    /// `[-c, 0]` and `[0, c]` around zero, and geometric bins from `c` out to `max` and from
    /// `-c` out to `min`, shared between the sides in proportion to their decades (at least one
    /// each). `c` is a tenth of the larger magnitude of the sketch's quartiles (a millionth of
    /// the largest magnitude when both are 0), kept inside the data. Nil when the data do not
    /// have both signs, do not span two decades beyond `c`, or `bins < 8`.
    public static func symmetricLogEdges(_ sketch: QuantileSketch, bins: Int) -> [Double]? {
        let lo = sketch.min, hi = sketch.max
        guard bins >= 8, lo < 0, hi > 0 else { return nil }
        let largest = Swift.max(-lo, hi)
        var c = Swift.max(sketch.quantile(0.25).magnitude, sketch.quantile(0.75).magnitude) / 10
        if !(c > 0) { c = largest * 1e-6 }
        c = Swift.min(c, Swift.min(-lo, hi))
        guard c > 0, largest / c > 100 else { return nil }
        let down = Elementary.log10(-lo / c), up = Elementary.log10(hi / c)
        let outer = bins - 2
        var negative = down > 0 ? Int((Double(outer) * down / (down + up)).rounded()) : 0
        if down > 0 { negative = Swift.min(Swift.max(negative, 1), outer - 1) }
        let positive = outer - negative
        var edges: [Double] = []
        edges.reserveCapacity(bins + 1)
        if negative > 0 {
            for k in stride(from: negative, to: 0, by: -1) { edges.append(-c * Elementary.pow(10, down * Double(k) / Double(negative))) }
            edges[0] = lo
        }
        edges += [-c, 0, c]
        for k in 1...positive { edges.append(c * Elementary.pow(10, up * Double(k) / Double(positive))) }
        edges[edges.count - 1] = hi  // (with no negative bins, -c is lo: c <= -lo and down = 0)
        guard checkEdges(edges) == nil else { return nil }
        return edges
    }

    /// A histogram of the values summarised by a sketch, for tables built at reduce time.
    ///
    /// Edges: from the sketch's exact min and max, logarithmic when `min > 0` and
    /// `max / min > 100`, symmetric-logarithmic when the data have both signs and span more than
    /// two decades (``symmetricLogEdges(_:bins:)``), linear otherwise; a constant sample (`min == max = m`) gets the range
    /// `[m - |m|/2, m + |m|/2]` (`[-0.5, 0.5]` for 0); an empty sketch `[0, 1]`. If the range is
    /// too narrow for `bins` distinct edges in double precision, one bin `[min, max]`.
    ///
    /// Counts: each sketch bucket's whole count goes to the bin holding the bucket's
    /// representative value (clamped to `[min, max]`). The totals are exact (no underflow or
    /// overflow); a value can land in a neighbouring bin only if it lies within the sketch's
    /// relative accuracy α of a bin edge, so bin counts are accurate to α at the edges.
    /// Deterministic: equal sketches give equal histograms. Throws `.invalidArgument` if
    /// `bins < 1` or `bins > 2^24`.
    public static func fromSketch(_ sketch: QuantileSketch, bins: Int) throws(StatisticsError) -> Histogram {
        guard bins >= 1 && bins <= 1 << 24 else {
            throw StatisticsError(.invalidArgument, "\(bins) bins; give between 1 and 16777216")
        }
        var h: Histogram
        if sketch.count == 0 {
            h = try linear(low: 0, high: 1, bins: bins)
        } else {
            var lo = sketch.min, hi = sketch.max
            if lo == hi {
                let half = lo == 0 ? 0.5 : lo.magnitude / 2
                (lo, hi) = (lo - half, hi + half)
            }
            let useLog = lo > 0 && hi / lo > 100
            do {
                if useLog {
                    h = try logarithmic(low: lo, high: hi, bins: bins)
                } else if let edges = symmetricLogEdges(sketch, bins: bins) {
                    h = try Histogram(edges: edges)
                } else {
                    h = try linear(low: lo, high: hi, bins: bins)
                }
            } catch {
                h = try Histogram(edges: [lo, hi])
            }
        }
        sketch.forEachBucket { _, _, value, count in h.add(value, count: count) }
        return h
    }
}

extension Histogram {
    /// The format tag, ASCII "HST1".
    static let tag: UInt32 = 0x4853_5431

    /// Appends the tag, spacing, edges, bin counts, underflow, overflow and non-finite counts.
    public func encode(to writer: inout BinaryWriter) {
        writer.writeUInt32(Self.tag)
        writer.writeUInt8(spacing.rawValue)
        writer.writeDoubles(edges)
        writer.writeUInt64s(_counts)
        writer.writeUInt64(_underflow)
        writer.writeUInt64(_overflow)
        writer.writeUInt64(_nonFinite)
    }

    /// Reads what ``encode(to:)`` wrote; throws on truncation, a wrong tag, an unknown spacing,
    /// invalid edges, or a bin count that does not match the edges.
    public init(from reader: inout BinaryReader) throws(BinaryDecodingError) {
        let start = reader.offset
        try reader.expectTag(Self.tag, "Histogram")
        let rawSpacing = try reader.readUInt8()
        let edges = try reader.readDoubles()
        let counts = try reader.readUInt64s()
        guard let spacing = Spacing(rawValue: rawSpacing) else {
            throw BinaryDecodingError(.invalidValue, offset: start, detail: "Histogram: unknown spacing \(rawSpacing)")
        }
        if let problem = Self.checkEdges(edges) {
            throw BinaryDecodingError(.invalidValue, offset: start, detail: "Histogram: \(problem)")
        }
        guard counts.count == edges.count - 1, spacing != .logarithmic || edges[0] > 0 else {
            throw BinaryDecodingError(
                .invalidValue, offset: start, detail: "Histogram: \(counts.count) counts for \(edges.count) edges")
        }
        self.init(uncheckedEdges: edges, spacing: spacing)
        _counts = counts
        _underflow = try reader.readUInt64()
        _overflow = try reader.readUInt64()
        _nonFinite = try reader.readUInt64()
    }
}
