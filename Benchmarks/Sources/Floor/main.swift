// The random-number floor of scripts/compare: draws exactly the random numbers that the bench
// scenario (sweeps/bench.yaml) draws, from the same SweepRandom streams and counters and with the
// same stream calls as BatchSimulator's slot loop, without any of the market logic, and prints the
// slot-steps per second on one core as one JSON object.
//
//   swift run -c release Floor [--points 4] [--replications 256] [--slots 7200] [--warmup 384]
//                              [--batch 32] [--order-uniforms 1.02] [--seed 7] [--top-two]
//
// Per path and slot, as the kernel draws them (Sources/TicketModel/BatchSimulator.swift,
// `fillSlot`): the value (one uniform; one Philox counter serves a pair of slots, across the
// batch's paths) and its inverse CDF under the mainnet value distribution; five builder signals
// (three counters across paths) as the model's lognormal factors `exp(sigma z - sigma^2/2)` (the
// normal quantile, then the exponential); the draw uniform (slot pairs, like
// the value); and `--order-uniforms` uniforms of the agents'-order stream on average (drawn path
// by path as the sale visits agents, sixteen at a time as the myopic sale draws them). The batch
// calls are the kernel's (`ValueSampler.values(inPlace:scratch:)`, `StandardNormal.quantiles`,
// `Elementary.exp(inPlace:)`), so they run in the same lanes (SweepMath's `SIMDLevel`). That average depends on the market:
// scripts/compare measures it from the run it compares against. With `--top-two` the two
// largest uniforms of a path are selected as they are drawn and only they become lognormal
// factors, as the kernel does with equal builders (the auction needs only the two best), instead
// of all five.
import BenchmarkScenario
import Foundation
import SweepMath
import SweepRandom
import TicketModel

struct Options {
    var points = 4
    var replications = 256
    var slots = 7200
    var warmup = 384
    var batch = 32
    var orderUniforms = 1.0
    var seed: UInt64 = 7
    var topTwo = false

    init(_ arguments: [String]) {
        var i = 0
        func value() -> String {
            i += 1
            guard i < arguments.count else { Options.fail("\(arguments[i - 1]) needs a value") }
            return arguments[i]
        }
        func int(_ name: String) -> Int {
            guard let v = Int(value()), v >= 0 else { Options.fail("\(name) wants a non-negative integer") }
            return v
        }
        while i < arguments.count {
            switch arguments[i] {
            case "--points": points = int("--points")
            case "--replications": replications = int("--replications")
            case "--slots": slots = int("--slots")
            case "--warmup": warmup = int("--warmup")
            case "--batch": batch = max(1, int("--batch"))
            case "--seed": seed = UInt64(int("--seed"))
            case "--order-uniforms":
                guard let v = Double(value()), v >= 0, v.isFinite else { Options.fail("--order-uniforms wants a number >= 0") }
                orderUniforms = v
            case "--top-two": topTwo = true
            case "-h", "--help":
                print("usage: Floor [--points N] [--replications N] [--slots N] [--warmup N] [--batch N] [--order-uniforms X] [--seed N] [--top-two]")
                exit(0)
            default: Options.fail("unknown argument '\(arguments[i])' (try --help)")
            }
            i += 1
        }
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("Floor: \(message)\n".utf8))
        exit(2)
    }
}

/// Per-batch buffers: this slot's and the next slot's uniform of the slot-paired streams, the
/// signals, and each path's error-diffusion carry of order uniforms.
struct Buffers {
    let values, valueSpare, draws, drawSpare, signals, carry, scratch, order: UnsafeMutablePointer<Double>

    init(batch: Int, builders: Int) {
        func make(_ n: Int) -> UnsafeMutablePointer<Double> {
            let p = UnsafeMutablePointer<Double>.allocate(capacity: n)
            p.initialize(repeating: 0, count: n)
            return p
        }
        values = make(batch)
        valueSpare = make(batch)
        draws = make(batch)
        drawSpare = make(batch)
        signals = make(batch * builders)
        carry = make(batch)
        scratch = make(batch)
        order = make(16)
    }
}

/// One uniform per path for slot word `word` from a stream drawn by slot pairs: the counter of
/// words `(2j, 2j + 1)` gives the even slot its first uniform and the odd slot its second
/// (BatchSimulator.slotUniforms).
@inline(__always)
func slotUniforms(
    _ stream: RandomStream, point: UInt32, word: UInt32, firstSlot: Bool, firstReplication rep0: UInt32, count n: Int,
    into out: UnsafeMutablePointer<Double>, spare: UnsafeMutablePointer<Double>
) {
    if word & 1 == 1 && !firstSlot {
        out.update(from: spare, count: n)
        return
    }
    stream.fillPairsAcrossReplications(
        first: out, second: spare, stride: 1, count: n, point: point, firstReplication: rep0, slot: word & ~1, index: 0)
    if word & 1 == 1 { out.update(from: spare, count: n) }
}

/// The draws of one batch of paths over all slots; returns a checksum of every number drawn so
/// that none of the work can be optimised away.
func drawBatch(
    streams: (value: RandomStream, signal: RandomStream, draw: RandomStream, order: RandomStream),
    sampler: ValueSampler, builders b: Int, noise: Double, point: UInt32, firstReplication rep0: UInt32, count n: Int,
    totalSlots: Int, warmup: Int, orderUniforms: Double, topTwo: Bool, buffers x: Buffers
) -> Double {
    var checksum = 0.0
    let drift = -noise * noise / 2
    x.carry.update(repeating: 0, count: n)
    for t in 0 ..< totalSlots {
        let word = UInt32(truncatingIfNeeded: t - warmup + 0x4000_0000)  // BatchSimulator.slotWord
        slotUniforms(streams.value, point: RandomStream.commonPoint, word: word, firstSlot: t == 0,
                     firstReplication: rep0, count: n, into: x.values, spare: x.valueSpare)
        // The values over the batch, as `fillSlot` does (the lanes of SweepMath's SIMD level).
        sampler.values(inPlace: UnsafeMutableBufferPointer(start: x.values, count: n), scratch: x.scratch)
        if topTwo {
            // As the kernel does with equal builders (`BuilderAuction.outcomes`): the two largest
            // uniforms selected as they are drawn, their normal quantiles over the batch, then the
            // exponentials over the batch.
            let top = UnsafeMutableBufferPointer(start: x.signals, count: n)
            let next = UnsafeMutableBufferPointer(start: x.signals + n, count: n)
            streams.signal.fillTopTwoAcrossReplications(
                top: x.signals, next: x.signals + n, uniformsPerPath: b, count: n,
                point: RandomStream.commonPoint, firstReplication: rep0, slot: word)
            StandardNormal.quantiles(top)
            StandardNormal.quantiles(next)
            for p in 0 ..< n {
                top[p] = noise * top[p] + drift
                next[p] = noise * next[p] + drift
            }
            Elementary.exp(inPlace: top)
            Elementary.exp(inPlace: next)
            for p in 0 ..< n { checksum += top[p] + next[p] }
        } else {
            for k in 0 ..< (b + 1) / 2 {
                streams.signal.fillPairsAcrossReplications(
                    first: x.signals + 2 * k, second: 2 * k + 1 < b ? x.signals + 2 * k + 1 : nil, stride: b, count: n,
                    point: RandomStream.commonPoint, firstReplication: rep0, slot: word, index: UInt32(k))
            }
            StandardNormal.quantiles(UnsafeMutableBufferPointer(start: x.signals, count: n * b))
            for i in 0 ..< n * b { x.signals[i] = noise * x.signals[i] + drift }
            Elementary.exp(inPlace: UnsafeMutableBufferPointer(start: x.signals, count: n * b))
        }
        slotUniforms(streams.draw, point: point, word: word, firstSlot: t == 0,
                     firstReplication: rep0, count: n, into: x.draws, spare: x.drawSpare)
        for p in 0 ..< n {
            // This path's order uniforms this slot: the average, spread over slots by error diffusion.
            x.carry[p] += orderUniforms
            let k = Int(x.carry[p])
            x.carry[p] -= Double(k)
            // As the myopic sale draws them: 16 at a time (eight counters) from visit 0.
            var visit = 0
            while visit < k {
                streams.order.fillSixteen(
                    x.order, point: point, replication: rep0 &+ UInt32(truncatingIfNeeded: p), slot: word, firstIndex: UInt32(visit / 2))
                checksum += x.order[0] + x.order[15]
                visit += 16
            }
            checksum += x.values[p] + x.draws[p] + x.signals[p * b]
        }
    }
    return checksum
}

let options = Options(Array(CommandLine.arguments.dropFirst()))
let parameters = BenchmarkScenario.parameters(point: 0)
let sampler = ValueSampler(parameters.value.distribution)
let builders = parameters.builders.count
let streams = (
    value: RandomStream(seed: options.seed, stream: RandomStreamID.value.rawValue),
    signal: RandomStream(seed: options.seed, stream: RandomStreamID.signal.rawValue),
    draw: RandomStream(seed: options.seed, stream: RandomStreamID.draw.rawValue),
    order: RandomStream(seed: options.seed, stream: RandomStreamID.order.rawValue)
)
let batch = options.batch
let buffers = Buffers(batch: batch, builders: builders)
let totalSlots = options.warmup + options.slots

let clock = ContinuousClock()
let start = clock.now
var checksum = 0.0
for point in 0 ..< options.points {
    var first = 0
    while first < options.replications {
        let n = min(batch, options.replications - first)
        checksum += drawBatch(
            streams: streams, sampler: sampler, builders: builders, noise: parameters.builders.noise, point: UInt32(point),
            firstReplication: UInt32(first), count: n, totalSlots: totalSlots, warmup: options.warmup,
            orderUniforms: options.orderUniforms, topTwo: options.topTwo, buffers: buffers)
        first += n
    }
}
let elapsed = clock.now - start
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
let slotSteps = Double(options.points) * Double(options.replications) * Double(totalSlots)
let report: [String: Any] = [
    "slot_steps": slotSteps,
    "seconds": seconds,
    "slot_steps_per_second": slotSteps / seconds,
    "order_uniforms_per_slot": options.orderUniforms,
    "signal_quantiles": options.topTwo ? 2 : builders,
    "uniforms_per_slot_step": 1 + Double(builders) + 1 + options.orderUniforms,
    "checksum": checksum,
]
let data = try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys])
print(String(decoding: data, as: UTF8.self))
