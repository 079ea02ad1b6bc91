/// One unit of work: a block of consecutive replications of one grid point.
///
/// Shards are numbered point-major (`index = point * blocksPerPoint + block`), which is also the
/// order in which the reducer merges them.
public struct ShardSpec: Sendable, Codable, Hashable {
    public var index: Int
    public var point: Int
    public var firstReplication: Int
    public var count: Int

    public init(index: Int, point: Int, firstReplication: Int, count: Int) {
        self.index = index
        self.point = point
        self.firstReplication = firstReplication
        self.count = count
    }

    /// The file name of this shard's partial in `shards/`.
    public var fileName: String {
        let digits = String(index)
        return "shard-" + String(repeating: "0", count: max(0, 7 - digits.count)) + digits + ".part"
    }
}

/// Which shards task `task` of `tasks` runs (`run --shard I/N`): shard `i` goes to task `i mod N`,
/// so every task gets a mix of points and the same shard always goes to the same task.
public struct TaskSlice: Sendable, Hashable, CustomStringConvertible {
    public var task: Int
    public var tasks: Int

    public init(task: Int, tasks: Int) {
        self.task = task
        self.tasks = tasks
    }

    /// Parses `I/N` with `0 <= I < N`.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, i >= 0, i < n else { return nil }
        self.init(task: i, tasks: n)
    }

    public func contains(_ shard: ShardSpec) -> Bool { shard.index % tasks == task }

    public var description: String { "\(task)/\(tasks)" }
}

/// The shards of a plan, computed from their index: point-major, `blocksPerPoint` blocks of
/// `shardSize` consecutive replications per point (the last block may be shorter).
///
/// Shard numbers reserve `blockStride` blocks per point (`index = point * blockStride + block`):
/// `blocksPerPoint` without a precision target, and the blocks of `max_replications` with one, so
/// that a point's later rounds are new shards with their own files (`shard(point:block:)`) and
/// no number depends on another point's rounds. Collection positions run over the first round.
public struct ShardList: RandomAccessCollection, Sendable {
    public let points: Int
    public let replications: Int
    public let shardSize: Int
    public let blocksPerPoint: Int
    /// Blocks reserved per point in the numbering (at least `blocksPerPoint`).
    public let blockStride: Int
    /// Replications the reserved blocks cover (`replications`, or `max_replications`).
    public let reservedReplications: Int

    public init(points: Int, replications: Int, shardSize: Int, reservedReplications: Int? = nil) {
        self.points = points
        self.replications = replications
        self.shardSize = Swift.max(shardSize, 1)
        blocksPerPoint = (replications + self.shardSize - 1) / self.shardSize
        self.reservedReplications = Swift.max(reservedReplications ?? replications, replications)
        blockStride = (self.reservedReplications + self.shardSize - 1) / self.shardSize
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { points * blocksPerPoint }

    public subscript(position: Int) -> ShardSpec {
        let point = position / blocksPerPoint
        let block = position % blocksPerPoint
        let first = block * shardSize
        return ShardSpec(index: point * blockStride + block, point: point, firstReplication: first, count: Swift.min(shardSize, replications - first))
    }

    /// Block `block` (`< blockStride`) of `point`, in any round.
    public func shard(point: Int, block: Int) -> ShardSpec {
        let first = block * shardSize
        return ShardSpec(index: point * blockStride + block, point: point, firstReplication: first, count: Swift.min(shardSize, reservedReplications - first))
    }
}
