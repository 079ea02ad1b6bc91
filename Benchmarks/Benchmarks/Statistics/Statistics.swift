import Benchmark
import BenchmarkScenario
import SweepRandom
import SweepStatistics
import TicketModel

/// The accumulators every metric streams into: quantile-sketch inserts and merges, and moment
/// updates, on heavy-tailed values (the bench scenario's slot values) drawn once. 10^6 values
/// per iteration (10^3 merges for the merge), so the scaled wall clock is per item.
let benchmarks: @Sendable () -> Void = {
    let count = 1_000_000
    let perSecond = BenchmarkMetric.custom("items/s", polarity: .prefersLarger, useScalingFactor: false)

    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, perSecond, .mallocCountTotal],
        timeUnits: .nanoseconds,
        warmupIterations: 2,
        scalingFactor: .mega,
        maxDuration: .seconds(2),
        maxIterations: 200,
        thresholds: [
            .wallClock: BenchmarkThresholds(relative: [.p90: 25]),
            perSecond: BenchmarkThresholds(relative: [.p90: 25]),
            .mallocCountTotal: BenchmarkThresholds(absolute: [.p90: 2]),
        ])

    let values = UnsafeMutableBufferPointer<Double>.allocate(capacity: count)
    RandomStream(seed: BenchmarkScenario.seed, stream: RandomStreamID.value.rawValue)
        .fill(values, point: 0, replication: 0, slot: 0, firstIndex: 0)
    let sampler = ValueSampler(ValueModel.mainnet.distribution)
    for i in 0 ..< count { values[i] = sampler.value(uniform: values[i]) - 0.04 }  // both signs, like returns
    let input = UnsafeBufferPointer(values)

    Benchmark("sketch-insert") { benchmark in
        var sketch = QuantileSketch()
        let rate = Rate.perSecond(count) { sketch.add(contentsOf: input) }
        benchmark.measurement(perSecond, rate)
        blackHole(sketch)
    }

    // The reducer's pattern: one running sketch per metric, a partial's sketch merged in per
    // shard. Items are merges; each partial holds 2^16 values.
    let merges = 1000
    Benchmark("sketch-merge", configuration: .init(scalingFactor: .kilo)) { benchmark, partials in
        var total = QuantileSketch()
        let rate = Rate.perSecond(merges) {
            for i in 0 ..< merges { try! total.merge(partials[i & 7]) }
        }
        benchmark.measurement(perSecond, rate)
        blackHole(total)
    } setup: {
        (0 ..< 8).map { k in
            var s = QuantileSketch()
            s.add(contentsOf: UnsafeBufferPointer(rebasing: input[(k << 16) ..< ((k + 1) << 16)]))
            return s
        }
    }

    // A batch (ShardRunner folds each path's per-ticket column this way), and one at a time.
    Benchmark("moments-add-batch") { benchmark in
        var moments = Moments()
        let rate = Rate.perSecond(count) { moments.add(contentsOf: input) }
        benchmark.measurement(perSecond, rate)
        blackHole(moments)
    }

    Benchmark("moments-add-one-by-one") { benchmark in
        var moments = Moments()
        let rate = Rate.perSecond(count) { for x in input { moments.add(x) } }
        benchmark.measurement(perSecond, rate)
        blackHole(moments)
    }

    // The reduce's histogram of a tiny point's path metric: a sketch of two values three decades
    // apart (about 700 bucket indices between them, two non-empty), 64 bins. Items are
    // histograms.
    let histograms = 1000
    Benchmark("histogram-from-sparse-sketch", configuration: .init(scalingFactor: .kilo)) { (benchmark: Benchmark, sketch: QuantileSketch) in
        let rate = Rate.perSecond(histograms) {
            for _ in 0 ..< histograms { blackHole(try! Histogram.fromSketch(sketch, bins: 64)) }
        }
        benchmark.measurement(perSecond, rate)
    } setup: {
        var s = QuantileSketch()
        s.add(1.5)
        s.add(1500)
        return s
    }
}
