import SweepManifest
import SweepPlanner

/// A small plan of the default market with a pool target of 8 and a lookahead of 4, the
/// engine tests' common case: `replications` paths of `slots` slots a point, in shards of
/// `shardSize`, over a grid of `quotients` (none: one point).
func smallPlan(replications: Int, slots: Int, shardSize: Int, quotients: [Int] = []) throws -> SweepPlan {
    let sweep = quotients.isEmpty ? "" : """

        sweep:
          grid:
            pricing.quotient: [\(quotients.map(String.init).joined(separator: ", "))]
        """
    return try SweepPlan(try ManifestLoader.parse(text: """
        seed: 5
        replications: \(replications)
        slots: \(slots)
        shard_size: \(shardSize)
        base:
          lookahead: 4
          pricing: {target: {pool: 8}}
        """ + sweep, file: "t.yaml", json: false))
}
