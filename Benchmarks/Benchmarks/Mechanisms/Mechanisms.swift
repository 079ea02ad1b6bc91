import Benchmark
import BenchmarkScenario
import TicketModel

/// Slot-steps per second of one batch of 32 paths for each pricing mechanism, on the bench market
/// (`sweeps/bench.yaml`'s buyers, builders and values). Every iteration simulates exactly
/// 10^6 slot-steps (32 paths x 31,250 slots, warmup 250 included), so the scaled wall clock (`*`)
/// is the time of one slot-step. The model's criterion: no mechanism more than 3 times slower than
/// `fixed` (`scripts/bench-mechanisms` prints the ratios).
let benchmarks: @Sendable () -> Void = {
    let paths = 32
    let slotsPerPath = 31_250
    let slotSteps = paths * slotsPerPath
    let slotStepsPerSecond = BenchmarkMetric.custom("slot-steps/s", polarity: .prefersLarger, useScalingFactor: false)

    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, slotStepsPerSecond, .mallocCountTotal],
        timeUnits: .nanoseconds,
        warmupIterations: 1,
        scalingFactor: .mega,
        maxDuration: .seconds(4),
        maxIterations: 40,
        thresholds: [
            .wallClock: BenchmarkThresholds(relative: [.p90: 25]),
            slotStepsPerSecond: BenchmarkThresholds(relative: [.p90: 25]),
            .mallocCountTotal: BenchmarkThresholds(absolute: [.p90: 2]),
        ])

    for mechanism in BenchmarkScenario.mechanisms {
        Benchmark("slot-steps-\(mechanism.name)") { benchmark, simulator in
            // One batch per iteration (the scaling factor only scales the reported time).
            let rate = Rate.perSecond(slotSteps) { simulator.run(firstReplication: 0, count: paths) }
            benchmark.measurement(slotStepsPerSecond, rate)
            blackHole(simulator.pathRows[0])
        } setup: {
            BatchSimulator(
                setup: BenchmarkScenario.setup(pricing: mechanism.pricing, slotsPerPath: slotsPerPath),
                batchCapacity: paths)
        }
    }
}
