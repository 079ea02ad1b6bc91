/// Dense counts of one side (positive or negative) of a ``QuantileSketch``, indexed by the
/// logarithmic bucket index, with at most `maxBuckets` non-empty buckets.
///
/// Invariants: every bucket outside `minIndex...maxIndex` holds 0; when `total > 0` the buckets
/// at `minIndex` and `maxIndex` are non-empty and `maxIndex - minIndex < maxBuckets`; the storage
/// window `offset ..< offset + counts.count` covers `minIndex...maxIndex`.
///
/// Collapsing: when a new index would make the span exceed `maxBuckets`, every bucket below
/// `floor = maxIndex - maxBuckets + 1` is added into the bucket at `floor` (the lowest
/// magnitudes are sacrificed). The final state depends only on the multiset of indices added,
/// not on their order: each index `j >= floorFinal` keeps its exact count and the bucket at
/// `floorFinal` also holds every count below it. This is what makes merging exact.
@usableFromInline struct SketchBucketStore: Sendable {
    @usableFromInline var counts: [UInt64] = []
    /// The bucket index of `counts[0]`.
    @usableFromInline var offset: Int = 0
    @usableFromInline var minIndex: Int = 0
    @usableFromInline var maxIndex: Int = -1
    @usableFromInline var total: UInt64 = 0

    @usableFromInline init() {}

    /// A store holding `counts` at `minIndex...`; the caller guarantees the invariants.
    init(minIndex: Int, counts: [UInt64], total: UInt64) {
        self.counts = counts
        self.offset = minIndex
        self.minIndex = minIndex
        self.maxIndex = minIndex + counts.count - 1
        self.total = total
    }

    /// Adds one count at `index`. O(1) amortised; the fast path touches one array element.
    @inlinable mutating func add(_ index: Int, maxBuckets: Int) {
        if total > 0 && index >= minIndex && index <= maxIndex {
            counts[index &- offset] &+= 1
            total &+= 1
        } else {
            add(index, count: 1, maxBuckets: maxBuckets)
        }
    }

    /// Adds `count` at `index`, growing the window or collapsing the lowest buckets as needed.
    @usableFromInline mutating func add(_ index: Int, count: UInt64, maxBuckets: Int) {
        guard count > 0 else { return }
        var target = index
        if total == 0 {
            minIndex = index
            maxIndex = index
        } else if index > maxIndex {
            let floor = index - maxBuckets + 1
            if minIndex < floor {
                var moved: UInt64 = 0
                for j in minIndex...Swift.min(floor - 1, maxIndex) {
                    moved &+= counts[j - offset]
                    counts[j - offset] = 0
                }
                minIndex = floor
                maxIndex = index
                reserveWindow(floor, index, maxBuckets: maxBuckets)
                counts[floor - offset] &+= moved
            }
            maxIndex = index
        } else if index < minIndex {
            target = Swift.max(index, maxIndex - maxBuckets + 1)
            minIndex = target
        }
        reserveWindow(minIndex, maxIndex, maxBuckets: maxBuckets)
        counts[target - offset] &+= count
        total &+= count
    }

    /// Makes the storage window cover `low...high`, keeping the counts; reallocates with slack on
    /// the side that grew so that a run of growing indices costs O(1) amortised.
    mutating func reserveWindow(_ low: Int, _ high: Int, maxBuckets: Int) {
        if low >= offset && high < offset + counts.count { return }
        let slack = Swift.min(Swift.max(16, (high - low + 1) / 2), maxBuckets)
        let empty = counts.isEmpty
        let newLow = empty || low < offset ? low - slack : low
        let newHigh = empty || high >= offset + counts.count ? high + slack : high
        var fresh = [UInt64](repeating: 0, count: newHigh - newLow + 1)
        // Only minIndex...maxIndex (inside low...high) can hold non-zero counts.
        let from = Swift.max(offset, newLow), to = Swift.min(offset + counts.count, newHigh + 1)
        if from < to {
            for j in from..<to { fresh[j - newLow] = counts[j - offset] }
        }
        counts = fresh
        offset = newLow
    }

    /// The non-empty range of buckets, ascending; empty when `total == 0`.
    var occupied: ClosedRange<Int>? { total > 0 ? minIndex...maxIndex : nil }

    /// The count at bucket `index` (0 outside the window).
    @inline(__always) func count(at index: Int) -> UInt64 {
        let j = index - offset
        return j >= 0 && j < counts.count ? counts[j] : 0
    }

    /// Adds every bucket of `other` (highest index first, so that at most one collapse happens).
    mutating func merge(_ other: SketchBucketStore, maxBuckets: Int) {
        guard let range = other.occupied else { return }
        for j in range.reversed() {
            let c = other.count(at: j)
            if c > 0 { add(j, count: c, maxBuckets: maxBuckets) }
        }
    }

    /// The counts of `minIndex...maxIndex` (the canonical content, independent of the window).
    var canonicalCounts: ArraySlice<UInt64> {
        guard total > 0 else { return [] }
        return counts[(minIndex - offset)...(maxIndex - offset)]
    }
}

extension SketchBucketStore: Hashable {
    @usableFromInline static func == (a: Self, b: Self) -> Bool {
        a.total == b.total && (a.total == 0 || (a.minIndex == b.minIndex && a.canonicalCounts == b.canonicalCounts))
    }

    @usableFromInline func hash(into hasher: inout Hasher) {
        hasher.combine(total)
        if total > 0 {
            hasher.combine(minIndex)
            for c in canonicalCounts { hasher.combine(c) }
        }
    }
}
