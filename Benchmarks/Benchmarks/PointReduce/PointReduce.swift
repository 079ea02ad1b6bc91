import Benchmark
import BenchmarkScenario
import Foundation
import SweepEngine
import SweepPlanner
import SweepResults
import TicketModel

/// The reducer's fixed cost of a point of tiny paths (2 replications x 100 slots of the bench
/// market, the paths of a large sensitivity design): decode and verify the point's
/// partial (SHA-256 included), fold it into a `PointReduction`, take its equilibrium benchmark
/// from the partial (`benchmarks.csv`; the run computed it), and write its `summary.csv`,
/// `histograms.csv` and `correlations.csv` rows into buffered temporary files (removed, never
/// committed). An iteration is 100 points (`points/s` is per point); the partial is simulated
/// once, in setup.
/// `reduce-tiny-point-no-histograms` is the same without histograms (a design above
/// `HistogramWrite.autoPointLimit` points).
let benchmarks: @Sendable () -> Void = {
    let points = 100
    let pointsPerSecond = BenchmarkMetric.custom("points/s", polarity: .prefersLarger, useScalingFactor: false)
    let parameters = BenchmarkScenario.parameters(point: 0)
    let shard = ShardSpec(index: 0, point: 0, firstReplication: 0, count: 2)
    let folder = NSTemporaryDirectory() + "ticketsweep-bench-reduce-\(getpid())"

    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, pointsPerSecond, .mallocCountTotal],
        timeUnits: .microseconds,
        warmupIterations: 1,
        scalingFactor: .one,
        maxDuration: .seconds(3),
        maxIterations: 100,
        thresholds: [
            .wallClock: BenchmarkThresholds(relative: [.p90: 25]),
            pointsPerSecond: BenchmarkThresholds(relative: [.p90: 25]),
            .mallocCountTotal: BenchmarkThresholds(relative: [.p90: 10]),
        ])

    let setup: () -> [UInt8] = {
        let simulator = BatchSimulator(
            setup: SimulationSetup(parameters: parameters, slots: 100, seed: BenchmarkScenario.seed, point: 0),
            batchCapacity: ShardRunner.defaultBatchSize)
        var result = ShardRunner().run(shard, simulator: simulator)
        result.benchmark = PointBenchmark.withExactBeliefs(parameters).benchmark
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return PartialFile(manifestDigest: "bench", shard: shard, started: 0, seconds: 0, host: "bench", result: result).encoded()
    }

    for (name, bins) in [("reduce-tiny-point", Optional(64)), ("reduce-tiny-point-no-histograms", nil)] {
        Benchmark(name) { benchmark, bytes in
            let layout = MetricLayout(parameters)
            let rate = Rate.perSecond(points) {
                do {
                    let summary = try StreamingTextFile(path: folder + "/summary.csv")
                    let histograms = try StreamingTextFile(path: folder + "/histograms.csv")
                    let correlations = try StreamingTextFile(path: folder + "/correlations.csv")
                    var tables = PointTables(quantiles: [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99], histogramBins: bins)
                    for point in 0 ..< points {
                        let partial = try PartialFile.decode(bytes, expectedDigest: "bench")
                        var reduction = try PointReduction(layout: layout)
                        try reduction.add(partial.result)
                        reduction.finish()
                        blackHole(partial.result.benchmark ?? PointBenchmark(parameters, beliefs: partial.result.beliefs))
                        let prefix = Array("\(point),0.5".utf8)
                        blackHole(tables.write(
                            point: point, prefix: prefix, reduction: reduction, selected: Array(layout.allNames.indices),
                            summary: summary, histograms: histograms, correlations: correlations))
                    }
                } catch {
                    fatalError("reduce-tiny-point: \(error)")
                }
            }
            benchmark.measurement(pointsPerSecond, rate)
        } setup: {
            setup()
        }
    }
}
