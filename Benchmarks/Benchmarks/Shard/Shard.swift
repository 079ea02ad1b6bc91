import Benchmark
import BenchmarkScenario
import SweepEngine
import SweepPlanner
import TicketModel

/// One whole shard of `sweeps/bench.yaml`: point 0 (quotient 4), replications 0..<32, 7200 slots
/// after a warmup of 384, simulated and folded into a `ShardResult` (metric rows, ticket moments
/// and sketches). The simulator and its beliefs are made in setup, as a worker makes them once
/// per point.
let benchmarks: @Sendable () -> Void = {
    let parameters = BenchmarkScenario.parameters(point: 0)
    let shard = ShardSpec(index: 0, point: 0, firstReplication: 0, count: BenchmarkScenario.shardSize)
    let slotSteps = shard.count * (BenchmarkScenario.slots + parameters.effectiveWarmup)
    let slotStepsPerSecond = BenchmarkMetric.custom("slot-steps/s", polarity: .prefersLarger, useScalingFactor: false)

    Benchmark(
        "bench-shard",
        configuration: .init(
            metrics: [.wallClock, slotStepsPerSecond, .mallocCountTotal],
            timeUnits: .milliseconds,
            warmupIterations: 1,
            maxDuration: .seconds(4),
            maxIterations: 50,
            thresholds: [
                .wallClock: BenchmarkThresholds(relative: [.p90: 25]),
                slotStepsPerSecond: BenchmarkThresholds(relative: [.p90: 25]),
                // Allocations per shard: the result arrays, sketches, per-path moments; a few more or
                // fewer as the kernel changes how it folds tickets.
                .mallocCountTotal: BenchmarkThresholds(absolute: [.p90: 10]),
            ])
    ) { benchmark, simulator in
        let rate = Rate.perSecond(slotSteps) { blackHole(ShardRunner().run(shard, simulator: simulator)) }
        benchmark.measurement(slotStepsPerSecond, rate)
    } setup: {
        BatchSimulator(
            setup: SimulationSetup(
                parameters: parameters, slots: BenchmarkScenario.slots, seed: BenchmarkScenario.seed, point: 0),
            batchCapacity: ShardRunner.defaultBatchSize)
    }
}
