import SweepCore
import SweepPlanner

/// `run.json`'s `precision` entry: the target, the rounds run, and per point its replications,
/// its final SE and whether it met the target (a point that did not reached `max_replications`).
struct PrecisionRecord: Encodable {
    struct Point: Encodable {
        var point: Int
        var replications: Int
        var se: Double
        var met: Bool
    }

    var metric: String
    var se_target: Double
    var max_replications: Int
    /// Rounds that computed shards (the last decision started no further round).
    var rounds: Int
    /// Whether every point met the target.
    var met: Bool
    var worst_se: Double
    var points: [Point]

    init(_ schedule: PrecisionSchedule) {
        metric = schedule.target.metric
        se_target = schedule.target.standardError
        max_replications = schedule.target.maxReplications
        rounds = schedule.round - 1
        points = schedule.blocks.indices.map {
            Point(point: $0, replications: schedule.replications(ofPoint: $0), se: schedule.standardErrors[$0], met: schedule.met($0))
        }
        met = points.allSatisfy(\.met)
        worst_se = schedule.worstStandardError
    }

    /// Compact JSON with sorted keys, as every `run.json` entry.
    func json() throws(SweepError) -> String { try RunRecord.json(self) }
}
