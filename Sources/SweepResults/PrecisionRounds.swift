import SweepCore
import SweepPlanner
import SweepStatistics
import TicketModel

/// Drives the rounds of a precision target over a results folder: the round's shards are
/// computed (by the caller), each grown point's SE is read from its partials, and the
/// schedule decides the next round.
///
/// The SE of a point is that of its merged moments, folded over the per-path rows in
/// replication order, exactly as the reducer does (so it equals `summary.csv`'s `se`). Rounds
/// already complete in the folder are replayed from their partials, so `--resume` and `reduce`
/// reach the same schedule. Each point's moments are kept between rounds (one `Moments` of the
/// metric per point), so every partial is read once per call for the SEs.
public enum PrecisionRounds {
    /// Runs the rounds of `plan` (which must have a precision target). `computeRound` gets the
    /// schedule and the round's shards without a valid partial (possibly none), computes them,
    /// and returns `false` when it stopped early. Returns the final schedule, or `nil` when
    /// `computeRound` stopped.
    public static func run(
        plan: SweepPlan, folder: ResultsFolder,
        computeRound: (PrecisionSchedule, [ShardSpec]) throws(SweepError) -> Bool
    ) throws(SweepError) -> PrecisionSchedule? {
        guard let target = plan.settings.precision else { throw .runtime("the manifest has no precision target") }
        var schedule = PrecisionSchedule(target: target, shards: plan.shards)
        var statistic = try PrecisionStatistic(target: target, layout: MetricLayout(plan.settings.baseParameters), points: plan.points.count)
        while true {
            let round = schedule.roundShards(plan.shards)
            let pending = round.filter { !folder.hasValidPartial($0, digest: plan.settings.digest) }
            guard try computeRound(schedule, pending) else { return nil }
            var ses: [Double] = []
            for shard in round {
                let partial: PartialFile
                do { partial = try PartialFile.read(path: folder.partialPath(shard), expectedDigest: plan.settings.digest) } catch {
                    throw .runtime("\(folder.partialPath(shard)): \(error); run again with --resume to recompute it")
                }
                guard partial.shard == shard else {
                    throw .runtime("\(folder.partialPath(shard)): its header names shard \(partial.shard.index); run again with --resume to recompute it")
                }
                try statistic.add(partial.result, point: shard.point)
                if shard.firstReplication + shard.count == schedule.replications(ofPoint: shard.point) {
                    ses.append(statistic.standardError(point: shard.point))
                }
            }
            if !schedule.decide(ses) { return schedule }
        }
    }

    /// The final schedule of a folder whose rounds are all computed; fails naming the round's
    /// missing shards otherwise.
    public static func replay(plan: SweepPlan, folder: ResultsFolder) throws(SweepError) -> PrecisionSchedule {
        let schedule = try run(plan: plan, folder: folder) { (schedule, pending) throws(SweepError) -> Bool in
            guard pending.isEmpty else {
                throw .runtime("precision round \(schedule.round) is not complete: \(pending.count) of its shards are missing or corrupt ("
                    + IndexRanges.text(pending.map(\.index)) + "); run `ticketsweep run MANIFEST --out \(folder.path) --resume` to continue the rounds")
            }
            return true
        }
        guard let schedule else { throw .runtime("precision rounds stopped") }
        return schedule
    }
}

/// The per-point statistic of a precision target, accumulated over a point's shards in
/// replication order. Per point, not per path: one `Moments` each (48 bytes).
struct PrecisionStatistic {
    let column: Int
    let width: Int
    var moments: [Moments]

    init(target: PrecisionTarget, layout: MetricLayout, points: Int) throws(SweepError) {
        switch target.statistic {
        case .pathMean(let metric):
            guard let c = layout.pathMetrics.firstIndex(of: metric) else {
                throw .badInput("precision.metric '\(metric)' is not a per-path metric of this model")
            }
            column = c
        }
        width = layout.pathMetrics.count
        moments = Array(repeating: Moments(), count: points)
    }

    /// Adds the next shard of `point` (shards of a point must come in replication order).
    mutating func add(_ result: ShardResult, point: Int) throws(SweepError) {
        guard result.pathMetricCount == width else {
            throw .runtime("a partial has \(result.pathMetricCount) path metrics, expected \(width)")
        }
        for i in 0 ..< result.replications { moments[point].add(result.rows[i * width + column]) }
    }

    func standardError(point: Int) -> Double { moments[point].se }
}
