import SweepPlanner
import TicketModel

/// Reads and checks `precision` against the rest of the manifest (the schema has checked types
/// and ranges of its three keys).
enum PrecisionParser {
    // Unoptimised on purpose: Swift 6.3.1 crashes compiling this function with -O (checked
    // 2026-12-02): "Found outside of lifetime use?!" in the CopyPropagation pass's ownership
    // verification, as it does on `SweepDesignParser.sample(_:)`. It runs once per manifest.
    @_optimize(none)
    static func parse(
        _ node: ConfigNode?, top: ConfigNode, classes: [String], differences: Bool, problems: inout ProblemList
    ) -> PrecisionTarget? {
        guard let node, node.entries != nil else { return nil }
        var ok = true
        let perPath = MetricLayout(buyerNames: classes).pathMetrics
        let known = ManifestSchema.metricNames(buyerClasses: classes)
        var metric: String?
        if let item = node["metric"], let name = item.string {
            if perPath.contains(name) {
                metric = name
            } else if known.contains(name) {
                problems.add("precision.metric '\(name)' is a per-ticket metric, whose values are not independent draws; choose a per-path metric such as 'capture_ratio'", at: item.mark)
            } else {
                problems.add("unknown metric '\(name)' in precision.metric\(Wording.hint(for: name, among: perPath))", at: item.mark)
            }
        }
        let se = node["se"]?.number
        if let se, !(se > 0) || !se.isFinite { ok = false }
        let replications = top["replications"]?.number.flatMap { Int(exactly: $0) }
        let shardSize = top["shard_size"]?.number.flatMap { Int(exactly: $0) } ?? replications.map { min($0, 100) }
        var maxReplications: Int?
        if let item = node["max_replications"], let x = item.number, let n = Int(exactly: x) {
            maxReplications = n
            if let replications, n < replications {
                problems.add("precision.max_replications (\(n)) is below replications (\(replications)), which the first round runs; raise it or lower replications", at: item.mark)
                ok = false
            }
        }
        if let replications, let shardSize, shardSize > 0, replications % shardSize != 0 {
            problems.add("with precision, replications (\(replications)) must be a whole number of shards of shard_size \(shardSize), as rounds add whole shards; use replications \(replications / shardSize * shardSize + shardSize) or a shard_size that divides it", at: top["replications"]?.mark ?? node.mark)
            ok = false
        }
        if differences {
            problems.add("precision cannot be combined with outputs.differences yet: points would end with different replication counts, and paired differences need the same replications at the point and its baseline", at: node.mark)
            ok = false
        }
        guard ok, let metric, let se, let maxReplications else { return nil }
        return PrecisionTarget(statistic: .pathMean(metric: metric), standardError: se, maxReplications: maxReplications)
    }
}
