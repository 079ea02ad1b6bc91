import SweepCore
import SweepStatistics
import TicketModel

/// The merged statistics of one point, built from its shards' results in a fixed order, so that
/// the numbers do not depend on the shard size, the worker count or the machines used.
///
/// Path metrics: moments and sketches are folded over the rows in replication order, and the
/// co-moments are added in fixed chunks of `chunkRows` rows (`GramMatrix` per chunk, then the
/// exact pairwise merge). Ticket metrics: per-replication moments are merged in replication
/// order; sketches merge exactly in any order.
public struct PointReduction: Sendable {
    public static let chunkRows = 1024

    public let layout: MetricLayout
    public private(set) var moments: [Moments]
    public private(set) var sketches: [QuantileSketch]
    public private(set) var comoments: CoMoments
    public private(set) var replications = 0
    private var pending: [Double] = []

    public init(layout: MetricLayout) throws(SweepError) {
        self.layout = layout
        let names = layout.allNames.count
        moments = Array(repeating: Moments(), count: names)
        sketches = Array(repeating: QuantileSketch(), count: names)
        do {
            comoments = try CoMoments(dimension: layout.pathMetrics.count)
        } catch {
            throw .runtime("cannot set up co-moments: \(error)")
        }
    }

    /// Adds the next shard of the point (shards must come in replication order).
    public mutating func add(_ shard: ShardResult) throws(SweepError) {
        let m = layout.pathMetrics.count
        let t = layout.ticketMetrics.count
        guard shard.pathMetricCount == m, shard.ticketMetricCount == t else {
            throw .runtime("a partial has \(shard.pathMetricCount)+\(shard.ticketMetricCount) metrics, expected \(m)+\(t)")
        }
        let r = shard.replications
        for i in 0..<r {
            for c in 0..<m {
                let x = shard.rows[i * m + c]
                moments[c].add(x)
                sketches[c].add(x)
            }
            for c in 0..<t { moments[m + c].merge(shard.ticketMoments[i * t + c]) }
        }
        for c in 0..<t {
            do { try sketches[m + c].merge(shard.ticketSketches[c]) } catch {
                throw .runtime("cannot merge ticket sketches: \(error)")
            }
        }
        pending += shard.rows
        replications += r
        while pending.count >= PointReduction.chunkRows * m { flushChunk(rows: PointReduction.chunkRows) }
    }

    /// Completes the co-moments with the last, partial chunk.
    public mutating func finish() {
        let m = layout.pathMetrics.count
        if m > 0 && !pending.isEmpty { flushChunk(rows: pending.count / m) }
    }

    private mutating func flushChunk(rows n: Int) {
        let m = layout.pathMetrics.count
        pending.withUnsafeBufferPointer { buf in
            comoments.add(batch: UnsafeBufferPointer(rebasing: buf[0 ..< n * m]), rowCount: n)
        }
        pending.removeFirst(n * m)
    }
}
