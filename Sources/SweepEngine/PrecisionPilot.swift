import Foundation
import SweepPlanner
import SweepStatistics
import TicketModel

/// `plan`'s estimate of the replications a precision target needs, from a pilot: the first
/// round's shards (up to `maxPaths` paths, whole shards, at least one) of up to `maxPoints`
/// points spread evenly over the sweep (the first and the last included), simulated in memory exactly as
/// the run will (the same replications, the same numbers), nothing written.
///
/// For each pilot point, with `n` paths and standard deviation `s` of the metric, the SE falls
/// as `s / sqrt(n)`, so the target `se` needs `n_needed = (s / se)^2` paths, rounded up to whole
/// shards and clamped to `[replications, max_replications]`. The estimate is as good as `s` from
/// `n` paths and as representative as the pilot points are of the rest; the run itself decides
/// from its tables, round by round.
public struct PrecisionPilot: Sendable {
    /// One pilot point.
    public struct Point: Sendable {
        public var point: Int
        public var paths: Int
        public var sd: Double
        public var se: Double
        /// Replications estimated to meet the target (whole shards, within the bounds).
        public var needed: Int
    }

    public static let defaultMaxPoints = 4
    /// Paths per pilot point, at most (fewer when the first round is smaller).
    public static let maxPaths = 256

    public var points: [Point]
    public var seconds: Double

    /// Largest estimate over the pilot points.
    public var neededMax: Int { points.map(\.needed).max() ?? 0 }

    public init(plan: SweepPlan, maxPoints: Int = PrecisionPilot.defaultMaxPoints) {
        let started = Date()
        points = []
        guard let target = plan.settings.precision else {
            seconds = 0
            return
        }
        let count = plan.points.count
        let k = max(1, min(maxPoints, count))
        let m = plan.settings
        let runner = ShardRunner(batchSize: min(ShardRunner.defaultBatchSize, m.shardSize))
        for p in (0 ..< k).map({ k == 1 ? 0 : $0 * (count - 1) / (k - 1) }) {
            let simulator = BatchSimulator(plan: plan, point: p, batch: runner.batchSize)
            guard let column = simulator.layout.pathMetrics.firstIndex(of: target.metric) else { continue }
            var moments = Moments()
            let blocks = min(plan.blocksPerPoint, max(1, PrecisionPilot.maxPaths / m.shardSize))
            for b in 0 ..< blocks {
                let result = runner.run(plan.shards.shard(point: p, block: b), simulator: simulator)
                let width = result.pathMetricCount
                for i in 0 ..< result.replications { moments.add(result.rows[i * width + column]) }
            }
            let sd = moments.sd
            var needed = target.maxReplications
            if sd.isFinite {
                let paths = (sd / target.standardError) * (sd / target.standardError)
                if paths < Double(target.maxReplications) {
                    let blocks = (paths / Double(m.shardSize)).rounded(.up)
                    needed = min(target.maxReplications, max(m.replications, Int(blocks) * m.shardSize))
                }
            }
            points.append(Point(point: p, paths: moments.count, sd: sd, se: moments.se, needed: needed))
        }
        seconds = Date().timeIntervalSince(started)
    }
}
