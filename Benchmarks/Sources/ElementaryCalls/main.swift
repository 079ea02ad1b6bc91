// Nanoseconds per call of SweepMath's scalar log, log10, pow and exp, and of the C library's
// (glibc's, through Foundation) for comparison, in a tight loop over 4,096 varied arguments
// (uniforms as in the normal quantile's tails and the Pareto tail, a wide log-uniform range,
// values near 1; for pow, (1 + d)^-L discount factors, Pareto exponents 1/alpha and moderate
// exponents). Prints one line per function; the sum of the results guards against the loop
// being removed.
//
//   swift build -c release --product ElementaryCalls
//   taskset -c 1 .build/release/ElementaryCalls [--calls 10000000] [FUNCTION ...]
//
// FUNCTION is log, log10, pow, exp, libm-log, libm-pow, libm-exp or none (the loop alone);
// default all. For instruction counts run a few million calls of one function under
// `valgrind --tool=callgrind` (on a `strip --strip-debug` copy) and difference two call counts.
import Foundation
import SweepMath

func run() {
    var calls = 10_000_000
    var names: [String] = []
    var arguments = CommandLine.arguments.dropFirst()
    while let a = arguments.popFirst() {
        if a == "--calls", let n = arguments.popFirst().flatMap({ Int($0) }) { calls = n } else { names.append(a) }
    }
    if names.isEmpty { names = ["none", "log", "libm-log", "log10", "pow", "libm-pow", "exp", "libm-exp"] }

    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next() -> Double {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Double(state >> 11) * 0x1p-53
    }
    let count = 4096
    var xs = [Double](repeating: 0, count: count), px = xs, ys = xs, es = xs
    for i in 0..<count {
        switch i % 4 {
        case 0: xs[i] = next() + 0x1p-60
        case 1: xs[i] = Foundation.exp(next() * 40 - 20)
        case 2: xs[i] = 0.9 + 0.2 * next()
        default: xs[i] = 1 + next() * 100
        }
        px[i] = xs[i]
        switch i % 4 {
        case 0: px[i] = 1 + 0x1p-12 * next(); ys[i] = -Double(Int(next() * 400) + 1)
        case 1: ys[i] = 1 / (0.5 + 4.5 * next())
        case 2: ys[i] = next() * 4 - 2
        default: ys[i] = next() * 20 - 10
        }
        es[i] = next() * 40 - 30
    }

    func measure(_ name: String, _ body: (UnsafeBufferPointer<Double>, UnsafeBufferPointer<Double>, UnsafeBufferPointer<Double>, UnsafeBufferPointer<Double>) -> Double) {
        let start = DispatchTime.now().uptimeNanoseconds
        let sum = xs.withUnsafeBufferPointer { x in
            px.withUnsafeBufferPointer { p in
                ys.withUnsafeBufferPointer { y in es.withUnsafeBufferPointer { e in body(x, p, y, e) } }
            }
        }
        let ns = Double(DispatchTime.now().uptimeNanoseconds - start) / Double(calls)
        let label = name + String(repeating: " ", count: max(0, 9 - name.count))
        print(label + String(format: " %8.3f ns/call  (%d calls, sum %.17g)", ns, calls, sum))
    }

    let mask = count - 1
    for name in names {
        switch name {
        case "none": measure(name) { x, _, _, _ in var s = 0.0; for n in 0..<calls { s += x[n & mask] }; return s }
        case "log": measure(name) { x, _, _, _ in var s = 0.0; for n in 0..<calls { s += Elementary.log(x[n & mask]) }; return s }
        case "libm-log": measure(name) { x, _, _, _ in var s = 0.0; for n in 0..<calls { s += Foundation.log(x[n & mask]) }; return s }
        case "log10": measure(name) { x, _, _, _ in var s = 0.0; for n in 0..<calls { s += Elementary.log10(x[n & mask]) }; return s }
        case "pow":
            measure(name) { _, p, y, _ in var s = 0.0; for n in 0..<calls { s += Elementary.pow(p[n & mask], y[n & mask]) }; return s }
        case "libm-pow":
            measure(name) { _, p, y, _ in var s = 0.0; for n in 0..<calls { s += Foundation.pow(p[n & mask], y[n & mask]) }; return s }
        case "exp": measure(name) { _, _, _, e in var s = 0.0; for n in 0..<calls { s += Elementary.exp(e[n & mask]) }; return s }
        case "libm-exp": measure(name) { _, _, _, e in var s = 0.0; for n in 0..<calls { s += Foundation.exp(e[n & mask]) }; return s }
        default: print("ElementaryCalls: unknown function '\(name)' (log, log10, pow, exp, libm-log, libm-pow, libm-exp, none)")
        }
    }
}

run()
