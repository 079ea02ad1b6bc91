import Foundation
import SweepCore
import SweepPlanner
import SweepStatistics
import TicketModel

/// Merges a results folder's partials into the tables (SPEC.md "Results folder").
public enum Reducer {
    /// Summary of a reduce, for the CLI to print.
    public struct Outcome: Sendable {
        public var points: Int
        public var shards: Int
        public var summaryRows: Int
    }

    /// Reads every partial of `plan` in shard order, merges per point (points on `workers`
    /// threads; the output does not depend on their number), and writes `points.csv`,
    /// `summary.csv`, `histograms.csv`, `correlations.csv`, `benchmarks.csv`, `run.json`, and `differences.csv` and
    /// `sensitivity.csv` when the manifest asks for them. Fails, naming them,
    /// when partials are missing or corrupt; then nothing is written. With a precision target,
    /// `schedule` says how many blocks each point has (`PrecisionRounds`; replayed from the
    /// folder's partials when not given).
    public static func reduce(
        plan: SweepPlan, folder: ResultsFolder, schedule: PrecisionSchedule? = nil,
        workers: Int = ProcessInfo.processInfo.activeProcessorCount
    ) throws(SweepError) -> Outcome {
        let settings = plan.settings
        var schedule = schedule
        if schedule == nil, settings.precision != nil { schedule = try PrecisionRounds.replay(plan: plan, folder: folder) }
        // Each partial is read and verified once, in the loop below; the first that fails stops
        // the reduce (the tables are temporary files until the end, so nothing is written), and
        // then every partial is checked so that the error names all the missing and corrupt ones.
        let failed = { [schedule] () -> SweepError in
            let problems = schedule.map { Reducer.check(plan: plan, folder: folder, shards: $0.allShards(plan.shards)) }
                ?? Reducer.check(plan: plan, folder: folder)
            return .runtime(Reducer.describe(problems, folder: folder, plan: plan))
        }
        BLASThreads.set(1)
        let quantiles = settings.outputs.quantiles
        let columns = plan.columns.map(NumberFormat.csvCell)
        // The tables are streamed to temporary files and renamed into place at the end, so memory
        // does not grow with the number of points and a failed reduce changes nothing.
        let summary = try StreamingTextFile(path: folder.summaryPath)
        let histograms = try StreamingTextFile(path: folder.histogramsPath)
        let correlations = try StreamingTextFile(path: folder.correlationsPath)
        summary.append((["point"] + columns + ["metric", "count", "mean", "sd", "se", "skewness", "kurtosis", "min"]
            + quantiles.map(PointStatistic.quantileName) + ["max"]).joined(separator: ",") + "\n")
        let benchmarks = try StreamingTextFile(path: folder.benchmarksPath)
        benchmarks.append("point,quantity,value\n")
        histograms.append("point,metric,bin_low,bin_high,count\n")
        correlations.append("point,metric_a,metric_b,correlation\n")
        // run.json's per-point and per-shard entries are streamed to part files as well.
        let parts = try RunRecord.Parts(folder: folder)
        var started = Double.infinity
        var rows = 0
        // Research tables (`nil` unless asked for); buyer classes are not swept, so one layout:
        // the first point's (a sweep may give every point an expiry that the base lacks).
        let baseLayout = MetricLayout(plan.parameters(ofPoint: 0))
        var differences = try PairedDifferenceTable(
            plan: plan, folder: folder, layout: baseLayout,
            selected: Reducer.selectedMetrics(layout: baseLayout, outputs: settings.outputs))
        var sensitivity = try SensitivityTable(plan: plan, metrics: baseLayout)
        let histogramsWritten = settings.outputs.histogramWrite.writes(pointCount: plan.points.count)
        let bins = histogramsWritten ? settings.outputs.histogramBins : nil
        let research = differences != nil || sensitivity != nil
        // Points are reduced in rounds of `round` points, each point on any of `workers`
        // threads into its own buffers, then appended in point order: the tables and run.json
        // are the same bytes for any number of workers. Paired differences read every block of
        // a point in order, so with them a round is one point (memory stays one point's shards).
        let workers = max(1, min(workers, plan.points.count))
        let round = differences == nil ? 4 * workers : 1
        var first = 0
        while first < plan.points.count {
            let points = (first ..< min(first + round, plan.points.count)).map { plan.points[$0] }
            first += points.count
            let outputs = Reducer.reducePoints(
                points, plan: plan, folder: folder, schedule: schedule, baseLayout: baseLayout, research: research,
                keepShards: differences != nil, quantiles: quantiles, histogramBins: bins, workers: workers)
            for output in outputs {
                guard let output = try output.get() else { throw failed() }
                let point = output.point
                for (b, result) in output.shards.enumerated() { try differences?.add(result, point: point.index, block: b) }
                parts.add(output.entries)
                started = min(started, output.started)
                benchmarks.append(output.benchmarkRows)
                if let reduction = output.reduction {
                    differences?.finishPoint(point.index, reduction: reduction)
                    sensitivity?.record(point: point.index, reduction: reduction)
                }
                summary.append(bytes: output.summary.bytes)
                histograms.append(bytes: output.histograms.bytes)
                correlations.append(bytes: output.correlations.bytes)
                rows += output.rows
            }
        }
        let pointsFile = try StreamingTextFile(path: folder.pointsPath)
        Reducer.writePointsTable(plan, to: pointsFile)
        try pointsFile.commit()
        try summary.commit()
        try histograms.commit()
        try correlations.commit()
        try benchmarks.commit()
        try differences?.commit()
        try sensitivity?.write(to: folder)
        try RunRecord.write(
            plan: plan, folder: folder, started: started.isFinite ? started : Date().timeIntervalSince1970, parts: parts,
            precision: try schedule.map { s throws(SweepError) in try PrecisionRecord(s).json() })
        return Outcome(points: plan.points.count, shards: parts.shardCount, summaryRows: rows)
    }

    /// One point's share of a reduce, made on any thread and appended in point order.
    struct PointOutput: Sendable {
        var point: PlanPoint
        /// The point's merged accumulators, kept only for the research tables (paired
        /// differences, sensitivity): a point's sketches hold thousands of buckets, and a round's
        /// worth of them made the reduce's memory grow by megabytes with the points.
        var reduction: PointReduction?
        /// The point's shard results in block order, kept only for paired differences.
        var shards: [ShardResult] = []
        /// Its beliefs, benchmark and shard timings for `run.json`, encoded.
        var entries: RunRecord.PointEntries
        var started = Double.infinity
        var benchmarkRows = ""
        var summary = ByteBuffer(), histograms = ByteBuffer(), correlations = ByteBuffer()
        var rows = 0
    }

    /// Reduces `points` on `workers` threads (each point read, merged and formatted by one of
    /// them), the outputs in the order of `points`; `nil` for a point one of whose partials is
    /// missing or corrupt (the caller then names every such partial).
    static func reducePoints(
        _ points: [PlanPoint], plan: SweepPlan, folder: ResultsFolder, schedule: PrecisionSchedule?, baseLayout: MetricLayout,
        research: Bool, keepShards: Bool, quantiles: [Double], histogramBins: Int?, workers: Int
    ) -> [Result<PointOutput?, SweepError>] {
        orderedParallelMap(
            count: points.count, threads: workers, makeState: { PointTables(quantiles: quantiles, histogramBins: histogramBins) }
        ) { i, tables in
            Result<PointOutput?, SweepError>(catching: { () throws(SweepError) -> PointOutput? in
                try reducePoint(
                    points[i], plan: plan, folder: folder, schedule: schedule, baseLayout: baseLayout, research: research,
                    keepShards: keepShards, tables: &tables)
            })
        }
    }

    /// Reads, verifies and merges one point's partials, computes its benchmark and formats its
    /// rows; `nil` when one of its partials is missing or corrupt.
    static func reducePoint(
        _ point: PlanPoint, plan: SweepPlan, folder: ResultsFolder, schedule: PrecisionSchedule?, baseLayout: MetricLayout,
        research: Bool, keepShards: Bool, tables: inout PointTables
    ) throws(SweepError) -> PointOutput? {
        let settings = plan.settings
        let parameters = plan.parameters(ofPoint: point.index)
        let layout = MetricLayout(parameters)
        if layout != baseLayout && research {
            throw .badInput("point \(point.index) has other metrics than point 0 (\(layout.pathMetrics.count) per path against \(baseLayout.pathMetrics.count): "
                + "'tickets.expiry' adds expired_rate), so outputs.differences and outputs.sensitivity cannot pair it with the others; "
                + "give every point an expiry, or none")
        }
        var reduction = try PointReduction(layout: layout)
        var shards: [ShardResult] = []
        var beliefs: [PayoffBelief]?
        var recordedBenchmark: PointBenchmark?
        var beliefRecord: RunRecord.PointBeliefs?
        var timings: [RunRecord.ShardTiming] = []
        var started = Double.infinity
        for b in 0..<(schedule?.blocks[point.index] ?? plan.blocksPerPoint) {
            let shard = plan.shards.shard(point: point.index, block: b)
            let partial: PartialFile
            do { partial = try PartialFile.read(path: folder.partialPath(shard), expectedDigest: settings.digest) } catch {
                return nil
            }
            guard partial.shard == shard else { return nil }
            try reduction.add(partial.result)
            if keepShards { shards.append(partial.result) }
            if b == 0 {
                // The run's exact beliefs of the point (`ClosedFormBeliefs.exact`, a function
                // of the parameters only), which the benchmark below needs: read, not
                // computed again.
                if partial.result.beliefs.count == parameters.buyers.count { beliefs = partial.result.beliefs }
                // The run's benchmark of the point (partial format 4), made with those beliefs;
                // a version 3 partial has none, and the benchmark is computed below.
                recordedBenchmark = partial.result.benchmark
                var classes: [String: RunRecord.Belief] = [:]
                for (k, belief) in partial.result.beliefs.enumerated() where k < parameters.buyers.count {
                    classes[parameters.buyers[k].name] = RunRecord.Belief(mean: belief.mean, variance: belief.variance)
                }
                beliefRecord = RunRecord.PointBeliefs(point: point.index, classes: classes)
            }
            started = min(started, partial.started)
            timings.append(RunRecord.ShardTiming(shard: shard.index, point: shard.point, seconds: partial.seconds, host: partial.host))
        }
        reduction.finish()
        let benchmark = recordedBenchmark ?? PointBenchmark(parameters, beliefs: beliefs ?? ClosedFormBeliefs.exact(parameters))
        var benchmarkRows = ""
        for (quantity, value) in benchmark.quantities {
            benchmarkRows += "\(point.index),\(quantity),\(NumberFormat.text(value))\n"
        }
        let m0 = layout.pathMetrics.count
        let zeroPrice = reduction.moments[m0 + MetricLayout.Ticket.price].count - reduction.moments[m0 + MetricLayout.Ticket.multiple].count
        let entries = try RunRecord.PointEntries(
            beliefs: beliefRecord, benchmark: RunRecord.PointBenchmarkRecord(point: point.index, benchmark: benchmark, zeroPriceTickets: zeroPrice),
            timings: timings)
        var output = PointOutput(
            point: point, reduction: research ? reduction : nil, shards: shards, entries: entries, started: started,
            benchmarkRows: benchmarkRows)
        let prefix = Array(([String(point.index)] + point.labels.map(NumberFormat.csvCell)).joined(separator: ",").utf8)
        output.rows = tables.write(
            point: point.index, prefix: prefix, reduction: reduction,
            selected: Reducer.selectedMetrics(layout: layout, outputs: settings.outputs),
            summary: output.summary, histograms: output.histograms, correlations: output.correlations)
        return output
    }

    /// The summary row of `capture_pooled = sum protocol_revenue / sum surplus_total` over the
    /// point's paths (MODEL.md section 8): count = paths, mean = the ratio of the sums, se by the
    /// delta method (`PooledCaptureError`) from the paths' exact merged moments (means and
    /// variances over every path; the covariance from the co-moments, over the paths whose row
    /// is finite); sd, skewness, kurtosis, min, quantiles and max `nan`.
    static func pooledCapture(_ reduction: PointReduction) -> (paths: Int, ratio: Double, se: Double) {
        let x = reduction.moments[MetricLayout.Column.protocolRevenue]
        let y = reduction.moments[MetricLayout.Column.surplusTotal]
        let k = reduction.layout.pathMetrics.count
        let covariance = reduction.comoments.covariance()[MetricLayout.Column.protocolRevenue * k + MetricLayout.Column.surplusTotal]
        let ratio = y.mean != 0 ? x.mean / y.mean : .nan
        let se = PooledCaptureError.standardError(
            paths: x.count, meanRevenue: x.mean, meanSurplus: y.mean, varianceRevenue: x.variance, varianceSurplus: y.variance,
            covariance: covariance)
        return (x.count, ratio, se)
    }

    /// `points.csv` (`point` and one column per swept parameter), streamed to `file` a row at a
    /// time (memory does not grow with the design).
    static func writePointsTable(_ plan: SweepPlan, to file: StreamingTextFile) {
        file.append((["point"] + plan.columns.map(NumberFormat.csvCell)).joined(separator: ",") + "\n")
        for p in plan.points {
            file.append(([String(p.index)] + p.labels.map(NumberFormat.csvCell)).joined(separator: ",") + "\n")
        }
    }

    /// Indices into `layout.allNames` of the metrics the manifest asks for, in layout order.
    public static func selectedMetrics(layout: MetricLayout, outputs: OutputSpec) -> [Int] {
        guard let wanted = outputs.metrics else { return Array(layout.allNames.indices) }
        let set = Set(wanted)
        return layout.allNames.indices.filter { set.contains(layout.allNames[$0]) }
    }

    /// A shard that cannot be used, and why.
    public struct ShardProblem: Sendable {
        public var shard: ShardSpec
        public var problem: PartialFile.Problem

        public init(shard: ShardSpec, problem: PartialFile.Problem) {
            self.shard = shard
            self.problem = problem
        }
    }

    /// Verifies every partial of the plan (checksums included) without merging.
    public static func check(plan: SweepPlan, folder: ResultsFolder) -> [ShardProblem] {
        check(plan: plan, folder: folder, shards: plan.shards)
    }

    /// Verifies the partials of `shards` (checksums included) without merging.
    public static func check(plan: SweepPlan, folder: ResultsFolder, shards: some Sequence<ShardSpec>) -> [ShardProblem] {
        var problems: [ShardProblem] = []
        for shard in shards {
            do {
                let p = try PartialFile.read(path: folder.partialPath(shard), expectedDigest: plan.settings.digest)
                if p.shard != shard { problems.append(ShardProblem(shard: shard, problem: .format("header names shard \(p.shard.index)"))) }
            } catch {
                problems.append(ShardProblem(shard: shard, problem: error))
            }
        }
        return problems
    }

    /// A message naming the missing and corrupt shards, and what to do.
    public static func describe(_ problems: [ShardProblem], folder: ResultsFolder, plan: SweepPlan) -> String {
        let missing = problems.filter { if case .missing = $0.problem { return true }; return false }.map(\.shard.index)
        let broken = problems.filter { if case .missing = $0.problem { return false }; return true }
        var lines: [String] = []
        if !missing.isEmpty {
            lines.append("\(missing.count) of \(plan.shards.count) shards are missing: \(IndexRanges.text(missing))")
        }
        for b in broken { lines.append("\(folder.partialPath(b.shard)): \(b.problem)") }
        lines.append("run `ticketsweep run MANIFEST --out \(folder.path) --resume` to compute them, then reduce again")
        return lines.joined(separator: "\n")
    }
}

/// Compact text for a sorted list of indices: `0-3,7,9-12`.
public enum IndexRanges {
    public static func text(_ indices: [Int]) -> String {
        var parts: [String] = []
        var i = 0
        while i < indices.count {
            var j = i
            while j + 1 < indices.count && indices[j + 1] == indices[j] + 1 { j += 1 }
            parts.append(i == j ? "\(indices[i])" : "\(indices[i])-\(indices[j])")
            i = j + 1
        }
        return parts.joined(separator: ",")
    }
}
