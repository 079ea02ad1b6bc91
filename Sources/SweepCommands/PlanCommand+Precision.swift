import Foundation
import SweepCore
import SweepEngine
import SweepPlanner

/// `plan`'s lines about a precision target: the rounds' bounds and the pilot's estimate.
extension PlanCommand {
    func precisionText(plan: SweepPlan, pilot: PrecisionPilot?) -> String? {
        guard let target = plan.settings.precision else { return nil }
        let m = plan.settings
        let most = plan.points.count * plan.shards.blockStride
        var lines = [
            "precision: SE of \(target.metric)'s point mean <= \(NumberFormat.text(target.standardError)), in rounds of whole shards: "
                + "the first round is the \(m.replications) replications above (\(plan.shards.count) shards), then points above the target "
                + "get more, up to \(target.maxReplications) replications (\(most) shards at most; work and time above are the first round's)",
        ]
        guard let pilot, !pilot.points.isEmpty else {
            lines.append("estimate: not made (\(noCalibrate ? "--no-calibrate skips the pilot" : "no pilot point"))")
            return lines.joined(separator: "\n")
        }
        let detail = pilot.points.map {
            "point \($0.point): sd \(String(format: "%.4g", $0.sd)), SE \(String(format: "%.4g", $0.se)) -> \($0.needed)"
        }.joined(separator: "; ")
        let paths = pilot.points[0].paths
        lines.append(
            "estimate from a pilot (the first round's first \(paths) paths, of \(pilot.points.count) point\(pilot.points.count == 1 ? "" : "s"), "
                + "simulated here in \(String(format: "%.1f", pilot.seconds)) s): replications needed = (sd / se)^2 in whole shards, "
                + "within [\(m.replications), \(target.maxReplications)]: \(detail); about \(pilot.neededMax) replications per point at most "
                + "if the other points are like these (the run decides from its own tables)")
        return lines.joined(separator: "\n")
    }

    func precisionJSON(plan: SweepPlan, pilot: PrecisionPilot?) -> [String: Any]? {
        guard let target = plan.settings.precision else { return nil }
        var info: [String: Any] = [
            "metric": target.metric, "se": target.standardError, "max_replications": target.maxReplications,
            "first_round_shards": plan.shards.count, "max_shards": plan.points.count * plan.shards.blockStride,
        ]
        if let pilot {
            info["pilot"] = pilot.points.map {
                ["point": $0.point, "paths": $0.paths, "sd": $0.sd.isFinite ? $0.sd : NSNull(), "se": $0.se.isFinite ? $0.se : NSNull(), "replications_needed": $0.needed] as [String: Any]
            }
            info["pilot_seconds"] = pilot.seconds
            info["replications_needed_max"] = pilot.neededMax
        }
        return info
    }
}
