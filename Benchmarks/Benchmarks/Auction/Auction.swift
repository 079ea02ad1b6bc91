import Benchmark
import BenchmarkScenario
import SweepRandom
import TicketModel

/// The builders' just-in-time auction of a slot (`BuilderAuction.outcome`) on standard-normal
/// signals drawn in setup: the bench market's five equal builders (only the two largest signals
/// are exponentiated), and five builders of unequal skill (every signal is). 10^6 auctions per
/// iteration (the scaled wall clock is per auction), over 4,096 signal sets that stay in cache.
let benchmarks: @Sendable () -> Void = {
    let auctions = 1_000_000
    let sets = 4096
    let builders = 5
    let auctionsPerSecond = BenchmarkMetric.custom("auctions/s", polarity: .prefersLarger, useScalingFactor: false)

    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, auctionsPerSecond, .mallocCountTotal],
        timeUnits: .nanoseconds,
        warmupIterations: 2,
        scalingFactor: .mega,
        maxDuration: .seconds(2),
        maxIterations: 200,
        thresholds: [
            .wallClock: BenchmarkThresholds(relative: [.p90: 25]),
            auctionsPerSecond: BenchmarkThresholds(relative: [.p90: 25]),
            .mallocCountTotal: BenchmarkThresholds(absolute: [.p90: 0]),
        ])

    let signals = UnsafeMutableBufferPointer<Double>.allocate(capacity: sets * builders)
    RandomStream(seed: BenchmarkScenario.seed, stream: RandomStreamID.signal.rawValue)
        .fill(signals, point: RandomStream.commonPoint, replication: 0, slot: 0, firstIndex: 0)
    StandardNormal.quantiles(signals)

    let markets: [(String, BuilderMarket)] = [
        ("equal-skills-second-price", BuilderMarket(count: builders, noise: 0.1, auction: .secondPrice)),
        ("unequal-skills-first-price",
         BuilderMarket(count: builders, noise: 0.1, auction: .firstPrice, shade: 0.05, skills: [1.1, 1.05, 1, 0.95, 0.9])),
    ]
    for (name, market) in markets {
        Benchmark("outcome-\(name)") { benchmark, auction in
            var total = 0.0
            let rate = Rate.perSecond(auctions) {
                for i in 0 ..< auctions {
                    let o = auction.outcome(unitSignals: signals.baseAddress! + (i & (sets - 1)) * builders)
                    total += o.payment
                }
            }
            benchmark.measurement(auctionsPerSecond, rate)
            blackHole(total)
        } setup: {
            BuilderAuction(market)
        }
    }
}
