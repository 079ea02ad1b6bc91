import Benchmark
import BenchmarkScenario
import SweepEngine
import SweepPlanner
import SweepResults
import TicketModel

/// The run's fixed cost of a point of tiny paths (2 replications x 100 slots of the bench
/// market, the paths of a large sensitivity design), as a worker pays it for each new point:
/// the point's exact beliefs and benchmark by quadrature (`PointBenchmark.withExactBeliefs`, as
/// `SweepRunner` makes them), set up its `BatchSimulator` (the valuation table, the state
/// arrays), simulate the shard, and encode its partial (SHA-256 included; the write
/// and its `fsync` are left out, they measure the disk). An iteration is 100 points
/// (`points/s` is per point), each of another builder noise, so that nothing is shared between
/// them.
let benchmarks: @Sendable () -> Void = {
    let points = 100
    let pointsPerSecond = BenchmarkMetric.custom("points/s", polarity: .prefersLarger, useScalingFactor: false)
    let base = BenchmarkScenario.parameters(point: 0)
    let parameters = (0 ..< points).map { i -> ModelParameters in
        var p = base
        p.builders.noise = 0.05 + 0.25 * Double(i) / Double(points)
        return p
    }

    Benchmark(
        "run-tiny-point",
        configuration: .init(
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
    ) { benchmark in
        let rate = Rate.perSecond(points) {
            for (point, p) in parameters.enumerated() {
                let shard = ShardSpec(index: point, point: point, firstReplication: 0, count: 2)
                let theory = PointBenchmark.withExactBeliefs(p)
                let simulator = BatchSimulator(
                    setup: SimulationSetup(parameters: p, slots: 100, seed: BenchmarkScenario.seed, point: point),
                    batchCapacity: shard.count, beliefs: theory.beliefs)
                var result = ShardRunner().run(shard, simulator: simulator)
                result.benchmark = theory.benchmark
                blackHole(PartialFile(manifestDigest: "bench", shard: shard, started: 0, seconds: 0, host: "bench", result: result).encoded())
            }
        }
        benchmark.measurement(pointsPerSecond, rate)
    }
}
