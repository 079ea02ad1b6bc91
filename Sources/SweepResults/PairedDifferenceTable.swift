import SweepCore
import SweepPlanner
import SweepStatistics
import TicketModel

/// Streams `differences.csv` during a reduce (SPEC.md "Research analyses"): for every point, every
/// selected metric and the point's baseline, the difference of the means and its paired and
/// unpaired standard errors.
///
/// Path metrics: `difference` is the mean of the per-path differences `x_p[r] − x_q[r]`
/// (replication `r` of the point against replication `r` of the baseline, which common random
/// numbers pair; a pair with a non-finite side is skipped), `se_paired` their sample SD over
/// `√n`, and `se_unpaired` = `√(se_p² + se_q²)` from the two points' own SEs. Per-ticket metrics
/// are not paired (tickets do not correspond between points): `difference` is the difference of
/// the ticket means, `se_paired` is `nan`, `se_unpaired` as above.
///
/// Memory: the baselines' moments (one `Moments` per metric per baseline point), one point's
/// difference moments, and the baselines' shard rows up to `cacheBudget` values (beyond that,
/// a baseline's partial is read again for each point that needs it), so memory is bounded
/// whatever the number of points and replications. The per-path differences are folded in
/// replication order, so the table does not depend on the worker count or the shard size.
struct PairedDifferenceTable {
    /// Baseline shard rows kept in memory at most (doubles; 8 Mi = 64 MiB).
    static let cacheBudget = 1 << 23

    private let plan: SweepPlan
    private let folder: ResultsFolder
    private let layout: MetricLayout
    private let selected: [Int]
    private let file: StreamingTextFile
    /// Merged moments of every metric, per baseline point.
    private var baselineMoments: [Int: [Moments]] = [:]
    /// Path rows of baseline shards, by shard index.
    private var cache: [Int: [Double]] = [:]
    private var cached = 0
    /// The current point's per-path difference moments.
    private var paired: [Moments]

    /// Reads the baselines' partials once (their moments, and their rows into the cache) and
    /// opens the table; `nil` when the manifest asks for no differences.
    init?(plan: SweepPlan, folder: ResultsFolder, layout: MetricLayout, selected: [Int]) throws(SweepError) {
        guard plan.settings.outputs.differences != nil else { return nil }
        self.plan = plan
        self.folder = folder
        self.layout = layout
        self.selected = selected
        paired = Array(repeating: Moments(), count: layout.pathMetrics.count)
        var baselines = Set<Int>()
        for p in plan.points.indices { if let q = plan.baseline(ofPoint: p) { baselines.insert(q) } }
        for q in baselines.sorted() {
            var reduction = try PointReduction(layout: layout)
            for b in 0..<plan.blocksPerPoint {
                let shard = try Self.readShard(plan: plan, folder: folder, point: q, block: b)
                try reduction.add(shard.result)
                if cached + shard.result.rows.count <= Self.cacheBudget {
                    cache[q * plan.blocksPerPoint + b] = shard.result.rows
                    cached += shard.result.rows.count
                }
            }
            baselineMoments[q] = reduction.moments
        }
        file = try StreamingTextFile(path: folder.differencesPath)
        file.append("point,metric,baseline,difference,se_paired,se_unpaired\n")
    }

    /// Folds block `block` of point `point` (its partial's result `shard`) against the same block
    /// of the point's baseline. Blocks of a point must come in order, after `startPoint`.
    mutating func add(_ shard: ShardResult, point: Int, block: Int) throws(SweepError) {
        guard let q = plan.baseline(ofPoint: point) else { return }
        let index = q * plan.blocksPerPoint + block
        let base: [Double]
        if let rows = cache[index] { base = rows } else { base = try Self.readShard(plan: plan, folder: folder, point: q, block: block).result.rows }
        let m = layout.pathMetrics.count
        guard base.count == shard.rows.count else {
            throw .runtime("point \(point) and its baseline point \(q) have shards of \(shard.rows.count / max(m, 1)) and \(base.count / max(m, 1)) replications in block \(block)")
        }
        shard.rows.withUnsafeBufferPointer { x in
            base.withUnsafeBufferPointer { y in
                for i in 0..<(m == 0 ? 0 : x.count / m) {
                    for c in 0..<m { paired[c].add(x[i * m + c] - y[i * m + c]) }
                }
            }
        }
    }

    /// Writes the rows of `point` from its merged statistics, and clears the pairing for the next.
    mutating func finishPoint(_ point: Int, reduction: PointReduction) {
        defer { for c in paired.indices { paired[c] = Moments() } }
        guard let q = plan.baseline(ofPoint: point), let base = baselineMoments[q] else { return }
        let m = layout.pathMetrics.count
        for c in selected {
            let own = reduction.moments[c]
            let other = base[c]
            let unpaired = (own.se * own.se + other.se * other.se).squareRoot()
            let difference: Double
            let sePaired: Double
            if c < m {
                difference = paired[c].mean
                sePaired = paired[c].se
            } else {
                difference = own.mean - other.mean
                sePaired = .nan
            }
            let cells = [String(point), NumberFormat.csvCell(layout.allNames[c]), String(q),
                         NumberFormat.text(difference), NumberFormat.text(sePaired), NumberFormat.text(unpaired)]
            file.append(cells.joined(separator: ",") + "\n")
        }
    }

    func commit() throws(SweepError) {
        try file.commit()
    }

    private static func readShard(plan: SweepPlan, folder: ResultsFolder, point: Int, block: Int) throws(SweepError) -> (index: Int, result: ShardResult) {
        let shard = plan.shards[point * plan.blocksPerPoint + block]
        do {
            let partial = try PartialFile.read(path: folder.partialPath(shard), expectedDigest: plan.settings.digest)
            return (point * plan.blocksPerPoint + block, partial.result)
        } catch {
            throw .runtime("\(folder.partialPath(shard)): \(error)")
        }
    }
}
