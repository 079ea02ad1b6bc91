import Foundation
import SweepCore
import SweepPlanner
import SweepResults
import SweepStatistics
import TicketModel

/// Runs one shard: its replications in batches of paths, accumulated into a `ShardResult`.
///
/// Memory is bounded by one batch (`batchSize` paths) whatever the shard size and the number of
/// slots: the metric rows of a shard are small (one row per replication), and per-ticket values
/// are folded into moments and sketches by the simulator in fixed chunks.
public struct ShardRunner: Sendable {
    public static let defaultBatchSize = 32

    public let batchSize: Int

    public init(batchSize: Int = ShardRunner.defaultBatchSize) {
        self.batchSize = max(1, batchSize)
    }

    /// Simulates `shard` with `simulator` (which must be set up for the shard's point).
    public func run(_ shard: ShardSpec, simulator: BatchSimulator) -> ShardResult {
        run(shard, simulator: simulator, stop: nil)!
    }

    /// Simulates `shard`, or returns `nil` when `stop` is requested before one of its batches:
    /// a stop then waits for at most one batch (`batchSize` paths of all slots). What was
    /// simulated of an abandoned shard is dropped, and `simulator` stays usable.
    public func run(_ shard: ShardSpec, simulator: BatchSimulator, stop: StopRequest?) -> ShardResult? {
        let layout = simulator.layout
        let m = layout.pathMetrics.count
        let t = layout.ticketMetrics.count
        var result = ShardResult(pathMetricCount: m, ticketMetricCount: t)
        result.beliefs = simulator.beliefs
        result.rows.reserveCapacity(shard.count * m)
        result.ticketMoments.reserveCapacity(shard.count * t)
        var first = shard.firstReplication
        let end = shard.firstReplication + shard.count
        while first < end {
            if let stop, stop.isRequested {
                _ = simulator.drainTicketSketches()
                return nil
            }
            let n = min(simulator.batchCapacity, end - first)
            simulator.run(firstReplication: first, count: n)
            simulator.pathRows.withUnsafeBufferPointer { rows in
                result.rows.append(contentsOf: rows[0 ..< n * m])
            }
            for p in 0..<n { result.ticketMoments.append(contentsOf: simulator.ticketMoments(path: p)) }
            first += n
        }
        result.ticketSketches = simulator.drainTicketSketches()
        return result
    }
}
