
/// The rounds of a precision target (SPEC.md "Precision targets"): how many blocks of
/// replications each point has, and which points still wait for a decision.
///
/// Round 1 gives every point the manifest's `replications` (whole shards). After a round, each
/// point that grew in it is decided from its SE (`decide`): met when `se <= target`, capped at
/// `max_replications`, or else grown by `nextBlocks`. The decisions read only the SEs, which come
/// from the merged tables, so the schedule is the same for any worker count and on a resume.
/// Memory: three numbers per point.
public struct PrecisionSchedule: Sendable, Equatable {
    public let target: PrecisionTarget
    public let shardSize: Int
    /// Blocks of `max_replications` (the last may be shorter than `shardSize`).
    public let maxBlocks: Int
    /// 1 for the first round.
    public private(set) var round = 1
    /// Blocks each point has after the current round.
    public private(set) var blocks: [Int]
    /// Blocks each point had before the current round (its new shards are `start ..< blocks`).
    public private(set) var start: [Int]
    /// The SE of each point at its latest decision (`nan` before the first).
    public private(set) var standardErrors: [Double]

    /// The first round of `shards` (the plan's list, which reserves `max_replications`).
    public init(target: PrecisionTarget, shards: ShardList) {
        self.target = target
        shardSize = shards.shardSize
        maxBlocks = shards.blockStride
        blocks = Array(repeating: shards.blocksPerPoint, count: shards.points)
        start = Array(repeating: 0, count: shards.points)
        standardErrors = Array(repeating: .nan, count: shards.points)
    }

    /// Points whose current round added blocks (they await a decision), ascending.
    public var activePoints: [Int] { blocks.indices.filter { blocks[$0] > start[$0] } }

    /// The shards the current round adds, point-major and in block order.
    public func roundShards(_ shards: ShardList) -> [ShardSpec] {
        var out: [ShardSpec] = []
        for p in blocks.indices where blocks[p] > start[p] {
            for b in start[p] ..< blocks[p] { out.append(shards.shard(point: p, block: b)) }
        }
        return out
    }

    /// Every shard of the schedule so far, point-major: what the reduce merges.
    public func allShards(_ shards: ShardList) -> [ShardSpec] {
        var out: [ShardSpec] = []
        for p in blocks.indices {
            for b in 0 ..< blocks[p] { out.append(shards.shard(point: p, block: b)) }
        }
        return out
    }

    /// Replications of `point` after the current round.
    public func replications(ofPoint point: Int) -> Int { min(blocks[point] * shardSize, target.maxReplications) }

    /// Whether `point`'s latest SE meets the target.
    public func met(_ point: Int) -> Bool { standardErrors[point] <= target.standardError }

    /// The largest latest SE over the points (`nan` before any decision).
    public var worstStandardError: Double {
        var worst = -Double.infinity
        for se in standardErrors {
            if se.isNaN { return .nan }
            worst = max(worst, se)
        }
        return standardErrors.isEmpty ? .nan : worst
    }

    /// Decides every active point from `standardErrors[i]`, the SE of `activePoints[i]` after
    /// the current round, and starts the next round. Returns whether it has any shard (otherwise
    /// every point has met the target or reached the cap).
    public mutating func decide(_ ses: [Double]) -> Bool {
        let active = activePoints
        precondition(ses.count == active.count, "one SE per active point")
        var grew = false
        for (i, p) in active.enumerated() {
            standardErrors[p] = ses[i]
            start[p] = blocks[p]
            if let next = PrecisionSchedule.nextBlocks(current: blocks[p], se: ses[i], target: target.standardError, maxBlocks: maxBlocks) {
                blocks[p] = next
                grew = true
            }
        }
        round += 1
        return grew
    }

    /// The blocks a point gets next, or `nil` when it is done: met (`se <= target`) or at
    /// `maxBlocks`. Otherwise the estimate `current (se / target)^2` (the SE falls as
    /// `1 / sqrt(n)`) with 10% to spare, rounded up, at least one block more and at most four
    /// times `current` (an SE from few paths is noisy), capped at `maxBlocks`. An SE that is not
    /// a number (too few paths) doubles the blocks.
    public static func nextBlocks(current: Int, se: Double, target: Double, maxBlocks: Int) -> Int? {
        if se <= target || current >= maxBlocks { return nil }
        var next = 2 * current
        if se.isFinite {
            let ratio = se / target
            let estimate = 1.1 * Double(current) * ratio * ratio
            next = estimate < Double(4 * current) ? Int(estimate.rounded(.up)) : 4 * current
        } else if se.isInfinite {
            next = 4 * current
        }
        return min(maxBlocks, max(current + 1, next))
    }
}
