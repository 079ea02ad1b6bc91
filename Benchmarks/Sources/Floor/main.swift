// The random-number floor of scripts/compare: draws exactly the random numbers that the bench
// scenario (sweeps/bench.yaml) draws, from the same SweepRandom streams and counters and with the
// same calls as BatchSimulator's slot loop, without any of the market logic, and prints the
// slot-steps per second on one core as one JSON object.
//
//   swift run -c release Floor [--points 4] [--replications 256] [--slots 7200] [--warmup 384]
//                              [--batch 32] [--order-uniforms 1.02] [--seed 7]
//
// Per path and slot: the value (one uniform across paths, then the inverse CDF of the mainnet
// value distribution), five builder signals (uniforms along the path, then the AS 241 normal
// quantile), the draw uniform (across paths), and `--order-uniforms` uniforms of the agents'-order
// stream on average (two per Philox counter, as the kernel reads them). That average depends on the
// market: scripts/compare measures it from the run it compares against (see there).
import BenchmarkScenario
import Foundation
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
            case "-h", "--help":
                print("usage: Floor [--points N] [--replications N] [--slots N] [--warmup N] [--batch N] [--order-uniforms X] [--seed N]")
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

/// The draws of one batch of paths over all slots; returns a checksum of every number drawn so
/// that none of the work can be optimised away.
func drawBatch(
    streams: (value: RandomStream, signal: RandomStream, draw: RandomStream, order: RandomStream),
    sampler: ValueSampler, builders: Int, point: UInt32, firstReplication rep0: UInt32, count n: Int,
    totalSlots: Int, warmup: Int, orderUniforms: Double,
    values: UnsafeMutableBufferPointer<Double>, signals: UnsafeMutableBufferPointer<Double>,
    draws: UnsafeMutableBufferPointer<Double>, carry: UnsafeMutableBufferPointer<Double>
) -> Double {
    var checksum = 0.0
    carry.update(repeating: 0)
    for t in 0 ..< totalSlots {
        let word = UInt32(truncatingIfNeeded: t - warmup + 0x4000_0000)  // BatchSimulator.slotWord
        let v = UnsafeMutableBufferPointer(rebasing: values[0 ..< n])
        streams.value.fillAcrossReplications(v, point: RandomStream.commonPoint, firstReplication: rep0, slot: word, index: 0)
        for p in 0 ..< n { v[p] = sampler.value(uniform: v[p]) }
        for p in 0 ..< n {
            streams.signal.fill(
                UnsafeMutableBufferPointer(rebasing: signals[p * builders ..< (p + 1) * builders]),
                point: RandomStream.commonPoint, replication: rep0 &+ UInt32(truncatingIfNeeded: p), slot: word, firstIndex: 0)
        }
        let s = UnsafeMutableBufferPointer(rebasing: signals[0 ..< n * builders])
        StandardNormal.quantiles(s)
        let d = UnsafeMutableBufferPointer(rebasing: draws[0 ..< n])
        streams.draw.fillAcrossReplications(d, point: point, firstReplication: rep0, slot: word, index: 0)
        for p in 0 ..< n {
            // This path's order uniforms this slot: the average, spread over slots by error diffusion.
            carry[p] += orderUniforms
            let k = Int(carry[p])
            carry[p] -= Double(k)
            var block = 0
            while 2 * block < k {
                let u = streams.order.uniforms(
                    point: point, replication: rep0 &+ UInt32(truncatingIfNeeded: p), slot: word, index: UInt32(block))
                checksum += u.0 + u.1
                block += 1
            }
            checksum += v[p] + d[p] + s[p * builders]
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
let values = UnsafeMutableBufferPointer<Double>.allocate(capacity: batch)
let signals = UnsafeMutableBufferPointer<Double>.allocate(capacity: batch * builders)
let draws = UnsafeMutableBufferPointer<Double>.allocate(capacity: batch)
let carry = UnsafeMutableBufferPointer<Double>.allocate(capacity: batch)
let totalSlots = options.warmup + options.slots

let clock = ContinuousClock()
let start = clock.now
var checksum = 0.0
for point in 0 ..< options.points {
    var first = 0
    while first < options.replications {
        let n = min(batch, options.replications - first)
        checksum += drawBatch(
            streams: streams, sampler: sampler, builders: builders, point: UInt32(point),
            firstReplication: UInt32(first), count: n, totalSlots: totalSlots, warmup: options.warmup,
            orderUniforms: options.orderUniforms, values: values, signals: signals, draws: draws, carry: carry)
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
    "uniforms_per_slot_step": 1 + Double(builders) + 1 + options.orderUniforms,
    "checksum": checksum,
]
let data = try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys])
print(String(decoding: data, as: UTF8.self))
