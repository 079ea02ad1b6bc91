import Foundation
import SweepCore
import SweepManifest
import SweepPlanner

/// `run.json`: what was run, by which version, where and when, with per-shard timings.
public enum RunRecord {
    /// `beliefs` holds, per point, each buyer class's exact belief `(pi, Var R)`: with a heavy
    /// Pareto tail `Var R` comes from the finite pre-sample and depends on the seed, so it is
    /// recorded next to the results it shaped.
    public static func write(
        plan: SweepPlan, folder: ResultsFolder, started: Double, timings: [[String: Any]], beliefs: [[String: Any]] = []
    ) throws(SweepError) {
        let m = plan.manifest
        let design = m.sweep
        var designJSON: [String: Any] = [
            "grid": design.grid.map { ["path": $0.path.description, "values": $0.values.map(RunRecord.json)] as [String: Any] },
            "zip": design.zip.map { ["path": $0.path.description, "values": $0.values.map(RunRecord.json)] as [String: Any] },
        ]
        if let s = design.sample {
            var ranges: [String: Any] = [:]
            for r in s.ranges { ranges[r.path.description] = [r.low, r.high] }
            designJSON["sample"] = ["method": s.method.rawValue, "points": s.points, "ranges": ranges] as [String: Any]
        } else {
            designJSON["sample"] = NSNull()
        }
        let iso = ISO8601DateFormatter()
        let record: [String: Any] = [
            "version": TicketSweepVersion.current,
            "name": m.name,
            "manifest_sha256": m.digest,
            "seed": m.seed,
            "replications": m.replications,
            "slots": m.slots,
            "common_random_numbers": m.commonRandomNumbers,
            "points": plan.points.count,
            "columns": plan.columns,
            "design": designJSON,
            "shard_count": plan.shards.count,
            "shards": timings,
            "beliefs": beliefs,
            "compute_seconds": timings.reduce(0.0) { $0 + ($1["seconds"] as? Double ?? 0) },
            "host": ProcessInfo.processInfo.hostName,
            "started": iso.string(from: Date(timeIntervalSince1970: started)),
            "finished": iso.string(from: Date()),
        ]
        let data: Data
        do {
            data = try JSONSerialization.data(withJSONObject: record, options: [.prettyPrinted, .sortedKeys])
        } catch {
            throw .runtime("cannot encode run.json: \(error)")
        }
        try AtomicFile.write([UInt8](data) + [10], to: folder.runPath)
    }

    /// A manifest node as a JSON value.
    static func json(_ node: ConfigNode) -> Any {
        switch node.value {
        case .null: return NSNull()
        case .bool(let b): return b
        case .number(let x): return x.isFinite ? x : NSNull()
        case .string(let s): return s
        case .list(let items): return items.map(json)
        case .map(let entries):
            var d: [String: Any] = [:]
            for e in entries { d[e.key] = json(e.value) }
            return d
        }
    }
}
