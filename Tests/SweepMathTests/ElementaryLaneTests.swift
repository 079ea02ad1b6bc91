import SweepMath
import XCTest

/// The lane versions give the scalar functions' bits in every lane, on the mpmath reference
/// inputs, on special values and on every pairing of special values for `pow`.
final class ElementaryLaneTests: XCTestCase {
    let specials: [Double] = [
        0, -0.0, .nan, .infinity, -.infinity, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, 1e-310, 0x1p-1022, 1, -1, 2, 0.5, -2, 3,
        709.782712893384, 709.782712893384.nextUp, -745.2, -745.1, 710, -746, 1e300, -1e300,
    ]

    func same(_ a: Double, _ b: Double) -> Bool { a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN) }

    func inputs() -> [Double] {
        var xs = specials
        for c in ReferenceCase.all { xs += c.arguments }
        while xs.count % 4 != 0 { xs.append(1.5) }
        return xs
    }

    func testExpAndLog() {
        let xs = inputs()
        XCTAssertGreaterThan(xs.count, 5000)
        var mismatches = 0
        for i in stride(from: 0, to: xs.count, by: 4) {
            let v = Elementary.Lanes(xs[i], xs[i + 1], xs[i + 2], xs[i + 3])
            let e = Elementary.exp(v), l = Elementary.log(v)
            for j in 0..<4 {
                if !same(e[j], Elementary.exp(v[j])) { mismatches += 1; XCTFail("exp(\(v[j])): lane \(e[j])") }
                if !same(l[j], Elementary.log(v[j])) { mismatches += 1; XCTFail("log(\(v[j])): lane \(l[j])") }
            }
        }
        XCTAssertEqual(mismatches, 0)
    }

    func testPow() {
        var pairs = ReferenceCase.cases("pow").map { ($0.arguments[0], $0.arguments[1]) }
        for a in specials { for b in specials { pairs.append((a, b)) } }
        while pairs.count % 4 != 0 { pairs.append((2, 0.5)) }
        XCTAssertGreaterThan(pairs.count, 1000)
        for i in stride(from: 0, to: pairs.count, by: 4) {
            let x = Elementary.Lanes(pairs[i].0, pairs[i + 1].0, pairs[i + 2].0, pairs[i + 3].0)
            let y = Elementary.Lanes(pairs[i].1, pairs[i + 1].1, pairs[i + 2].1, pairs[i + 3].1)
            let p = Elementary.pow(x, y)
            for j in 0..<4 where !same(p[j], Elementary.pow(x[j], y[j])) {
                XCTFail("pow(\(x[j]), \(y[j])): lane \(p[j]), scalar \(Elementary.pow(x[j], y[j]))")
            }
        }
    }

    func testBuffers() {
        var xs = inputs()
        xs.append(0.25)  // a remainder after the groups of four
        var e = xs, l = xs
        e.withUnsafeMutableBufferPointer { Elementary.exp(inPlace: $0) }
        l.withUnsafeMutableBufferPointer { Elementary.log(inPlace: $0) }
        for i in xs.indices {
            XCTAssertTrue(same(e[i], Elementary.exp(xs[i])), "exp(\(xs[i]))")
            XCTAssertTrue(same(l[i], Elementary.log(xs[i])), "log(\(xs[i]))")
        }
    }

    /// `exp(inPlace:)`, `log(inPlace:)` and `expm1(inPlace:)` at every SIMD level this machine
    /// supports (AVX-512's C kernels included) give the scalar bits on the reference inputs, the
    /// special values and random arguments over each function's domain, with remainders of every
    /// length after the groups of eight. For `expm1` the random arguments include magnitudes
    /// above 36.7 among ordinary ones, the groups the kernel leaves to the scalar function.
    func testBuffersAtEveryLevel() {
        var state: UInt64 = 0x2026_1203
        func uniform() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) * 0x1p-53
        }
        var expInputs = inputs(), logInputs = inputs(), expm1Inputs = inputs()
        for _ in 0..<20_000 {
            expInputs.append(-760 + 1480 * uniform())
            // Positive numbers of every binade, subnormals included, and a few negatives.
            let magnitude = Elementary.exp(-745 + 1454 * uniform())
            logInputs.append(uniform() < 0.02 ? -magnitude : magnitude)
            // Mostly the resale step's range (-1, 0), then small magnitudes, then the whole domain.
            let u = uniform()
            expm1Inputs.append(u < 0.5 ? -uniform() : u < 0.75 ? (uniform() - 0.5) * 1e-6 : -50 + 770 * uniform())
        }
        let cases: [(name: String, inputs: [Double], buffer: (UnsafeMutableBufferPointer<Double>, SIMDLevel) -> Void, scalar: (Double) -> Double)] = [
            ("exp", expInputs, { Elementary.exp(inPlace: $0, level: $1) }, Elementary.exp),
            ("log", logInputs, { Elementary.log(inPlace: $0, level: $1) }, Elementary.log),
            ("expm1", expm1Inputs, { Elementary.expm1(inPlace: $0, level: $1) }, Elementary.expm1),
        ]
        let levels = SIMDLevel.allCases.filter { $0.rawValue <= SIMDLevel.supported.rawValue }
        for level in levels {
            for c in cases {
                for extra in 0..<8 {
                    let input = Array(c.inputs.prefix(c.inputs.count - extra))
                    var e = input
                    e.withUnsafeMutableBufferPointer { c.buffer($0, level) }
                    var mismatches = 0
                    for i in input.indices where !same(e[i], c.scalar(input[i])) {
                        mismatches += 1
                        if mismatches <= 5 { XCTFail("\(level): \(c.name)(\(input[i])) = \(e[i]), scalar \(c.scalar(input[i]))") }
                    }
                    XCTAssertEqual(mismatches, 0, "\(level), \(c.name), \(input.count) values")
                }
            }
        }
    }
}
