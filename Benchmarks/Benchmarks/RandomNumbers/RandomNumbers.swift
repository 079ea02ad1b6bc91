import Benchmark
import BenchmarkScenario
import SweepRandom
import TicketModel

/// The generator: uniforms (Philox4x32-10 by counter, along one path and across paths), standard
/// normals by inversion, and slot values by inverse CDF for each value distribution. Every
/// iteration produces 10^6 numbers (so the scaled wall clock is per number) into buffers allocated
/// once; "values/s" counts them.
let benchmarks: @Sendable () -> Void = {
    let count = 1_000_000
    let chunk = 4000  // transforms work chunk by chunk, in cache
    let valuesPerSecond = BenchmarkMetric.custom("values/s", polarity: .prefersLarger, useScalingFactor: false)
    let stream = RandomStream(seed: BenchmarkScenario.seed, stream: RandomStreamID.value.rawValue)

    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, valuesPerSecond, .mallocCountTotal],
        timeUnits: .nanoseconds,
        warmupIterations: 2,
        scalingFactor: .mega,
        maxDuration: .seconds(2),
        maxIterations: 200,
        thresholds: [
            .wallClock: BenchmarkThresholds(relative: [.p90: 25]),
            valuesPerSecond: BenchmarkThresholds(relative: [.p90: 25]),
            .mallocCountTotal: BenchmarkThresholds(absolute: [.p90: 0]),
        ])

    /// A buffer of `count` doubles, freed never (the suite's process ends after the run).
    func buffer() -> UnsafeMutableBufferPointer<Double> {
        let b = UnsafeMutableBufferPointer<Double>.allocate(capacity: count)
        b.initialize(repeating: 0.5)
        return b
    }
    let out = buffer()
    let uniforms = buffer()
    stream.fill(uniforms, point: 0, replication: 0, slot: 0, firstIndex: 0)

    Benchmark("uniform-fill") { benchmark in
        let rate = Rate.perSecond(count) {
            for c in stride(from: 0, to: count, by: chunk) {
                stream.fill(
                    UnsafeMutableBufferPointer(rebasing: out[c ..< c + chunk]),
                    point: 0, replication: 0, slot: UInt32(c / chunk), firstIndex: 0)
            }
        }
        benchmark.measurement(valuesPerSecond, rate)
        blackHole(out[count - 1])
    }

    // The batch-wide pattern of the slot loop: one uniform per path for 32 paths, slot by slot.
    Benchmark("uniform-across-32-paths") { benchmark in
        let paths = 32
        let rate = Rate.perSecond(count) {
            for c in stride(from: 0, to: count, by: paths) {
                stream.fillAcrossReplications(
                    UnsafeMutableBufferPointer(rebasing: out[c ..< c + paths]),
                    point: RandomStream.commonPoint, firstReplication: 0, slot: UInt32(c / paths), index: 0)
            }
        }
        benchmark.measurement(valuesPerSecond, rate)
        blackHole(out[count - 1])
    }

    Benchmark("normal-quantiles") { benchmark in
        let rate = Rate.perSecond(count) {
            for c in stride(from: 0, to: count, by: chunk) {
                let target = UnsafeMutableBufferPointer(rebasing: out[c ..< c + chunk])
                _ = target.update(fromContentsOf: uniforms[c ..< c + chunk])
                StandardNormal.quantiles(target)
            }
        }
        benchmark.measurement(valuesPerSecond, rate)
        blackHole(out[count - 1])
    }

    let empiricalSample = EmpiricalSample(
        values: (0 ..< 10_000).map { ValueSampler(ValueModel.mainnet.distribution).value(uniform: (Double($0) + 0.5) / 10_000) },
        source: "benchmark")
    let distributions: [(String, ValueDistribution)] = [
        ("constant", .constant(0.05)),
        ("uniform", .uniform(low: 0, high: 0.1)),
        ("lognormal", .lognormal(mu: -2.975, sigma: 0.85)),
        ("lognormal-pareto", ValueModel.mainnet.distribution),
        ("empirical", .empirical(empiricalSample)),
    ]
    // The cheap samplers take well under a millisecond per iteration, where timer and scheduler
    // noise alone moves the p90 by a third: their time and rate may move by 60 %.
    let cheap = ["constant", "uniform", "empirical"]
    for (name, distribution) in distributions {
        var configuration = Benchmark.defaultConfiguration
        if cheap.contains(name) {
            configuration.thresholds = [
                .wallClock: BenchmarkThresholds(relative: [.p90: 60]),
                valuesPerSecond: BenchmarkThresholds(relative: [.p90: 60]),
                .mallocCountTotal: BenchmarkThresholds(absolute: [.p90: 0]),
            ]
        }
        Benchmark("value-sampler-\(name)", configuration: configuration) { benchmark, sampler in
            let rate = Rate.perSecond(count) {
                for i in 0 ..< count { out[i] = sampler.value(uniform: uniforms[i]) }
            }
            benchmark.measurement(valuesPerSecond, rate)
            blackHole(out[count - 1])
        } setup: {
            ValueSampler(distribution)
        }
    }
}
