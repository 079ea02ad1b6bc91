import SweepRandom
import XCTest

/// Reference keys and uniforms were computed by an independent Python implementation of the
/// documented contract, Philox checked against Random123's known answers first, uniforms in
/// exact rational arithmetic (Python 3.11):
///
///     M, M64, G = 2**32 - 1, 2**64 - 1, 0x9E3779B97F4A7C15
///     def philox(c, k):
///         for _ in range(10):
///             p0, p1 = 0xD2511F53 * c[0], 0xCD9E8D57 * c[2]
///             c = [((p1 >> 32) ^ c[1] ^ k[0]) & M, p1 & M, ((p0 >> 32) ^ c[3] ^ k[1]) & M, p0 & M]
///             k = [(k[0] + 0x9E3779B9) & M, (k[1] + 0xBB67AE85) & M]
///         return c
///     def mix64(z):
///         z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
///         z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
///         return z ^ (z >> 31)
///     def key(seed, stream):
///         k = mix64(mix64((seed + G) & M64) ^ ((stream * G) & M64)); return [k & M, k >> 32]
///     def unit(x): return float(Fraction(2 * (x >> 12) + 1, 2**53))   # exact
///     def uniforms(seed, stream, point, rep, slot, index):
///         w = philox([index, slot, rep, point], key(seed, stream))
///         return unit(w[1] << 32 | w[0]), unit(w[3] << 32 | w[2])
final class RandomStreamTests: XCTestCase {
    func testSplitMix64Finaliser() {
        // SplitMix64 seeded with 0 outputs 0xE220A8397B1DCDAF first (mix64 of the golden gamma).
        XCTAssertEqual(RandomStream.mix64(0x9E37_79B9_7F4A_7C15), 0xE220_A839_7B1D_CDAF)
        XCTAssertEqual(RandomStream.mix64(0x0123_4567_89AB_CDEF), 0xB2C0_58E4_EBB5_112C)
    }

    func testKeyDerivation() {
        XCTAssertEqual(RandomStream(seed: 0, stream: 0).key, SIMD2(0xff3c_d4bf, 0x4821_8226))
        XCTAssertEqual(RandomStream(seed: 20_261_125, stream: 7).key, SIMD2(0x97c5_e114, 0x941b_8b1b))
        XCTAssertEqual(RandomStream(seed: .max, stream: .max).key, SIMD2(0xd612_2b87, 0x29fc_86af))
    }

    func testDistinctStreamsHaveDistinctKeys() {
        var keys = Set<SIMD2<UInt32>>()
        for stream in 0..<2000 as Range<UInt32> { keys.insert(RandomStream(seed: 42, stream: stream).key) }
        for seed in 0..<2000 as Range<UInt64> { keys.insert(RandomStream(seed: seed, stream: 0).key) }
        XCTAssertEqual(keys.count, 3999)  // (seed 42, stream 0) is in both loops
    }

    func testCounterLayout() {
        let stream = RandomStream(seed: 9, stream: 3)
        XCTAssertEqual(
            stream.bits(point: 4, replication: 3, slot: 2, index: 1),
            Philox4x32.block(SIMD4(1, 2, 3, 4), key: stream.key))
    }

    func testUniformsMatchReference() {
        let (a, b) = RandomStream(seed: 20_261_125, stream: 7).uniforms(point: 3, replication: 11, slot: 42, index: 5)
        XCTAssertEqual(a, 0.7169158904959682)
        XCTAssertEqual(b, 0.63404516795548)
        let (c, d) = RandomStream(seed: 1, stream: 0).uniforms(
            point: RandomStream.commonPoint, replication: 0, slot: 0, index: 0)
        XCTAssertEqual(c, 0.3423784273497906)
        XCTAssertEqual(d, 0.707334566199941)
    }

    func testOpenUnitIntervalEnds() {
        XCTAssertEqual(RandomStream.openUnit(0), 0x1p-53)
        XCTAssertEqual(RandomStream.openUnit(0xFFF), 0x1p-53)
        XCTAssertEqual(RandomStream.openUnit(0x1000), 3 * 0x1p-53)
        XCTAssertEqual(RandomStream.openUnit(.max), 1 - 0x1p-53)
        XCTAssertLessThan(RandomStream.openUnit(.max), 1)
        XCTAssertEqual(RandomStream.openUnit(1 << 63), 0.5 + 0x1p-53)
        // The grid is symmetric: 1 - u is the value of the complemented bits, exactly.
        for x: UInt64 in [0, 1 << 12, 0xDEAD_BEEF_0000_0000, .max - 4095] {
            XCTAssertEqual(1 - RandomStream.openUnit(x), RandomStream.openUnit(~x))
        }
    }

    func testOpenUnitIsTheMidpointFormula() {
        var x: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<10_000 {
            x = RandomStream.mix64(x &+ 1)
            XCTAssertEqual(RandomStream.openUnit(x), (Double(x >> 12) + 0.5) * 0x1p-52)
        }
    }

    func testFillEqualsScalarUniforms() {
        let stream = RandomStream(seed: 77, stream: 5)
        for count in [0, 1, 2, 3, 15, 16, 17, 31, 32, 33, 100] {
            for firstIndex: UInt32 in [0, 9, 0xFFFF_FFFA] {
                var out = [Double](repeating: -1, count: count)
                out.withUnsafeMutableBufferPointer {
                    stream.fill($0, point: 6, replication: 1234, slot: 99, firstIndex: firstIndex)
                }
                for i in 0..<count {
                    let pair = stream.uniforms(point: 6, replication: 1234, slot: 99, index: firstIndex &+ UInt32(i / 2))
                    XCTAssertEqual(out[i], i % 2 == 0 ? pair.0 : pair.1, "count \(count) first \(firstIndex) i \(i)")
                }
            }
        }
    }

    func testFillAcrossReplicationsEqualsScalarUniforms() {
        let stream = RandomStream(seed: 77, stream: 6)
        for count in [0, 1, 7, 8, 9, 16, 23, 100] {
            for firstReplication: UInt32 in [0, 41, 0xFFFF_FFFC] {
                var out = [Double](repeating: -1, count: count)
                out.withUnsafeMutableBufferPointer {
                    stream.fillAcrossReplications(
                        $0, point: RandomStream.commonPoint, firstReplication: firstReplication, slot: 3, index: 2)
                }
                for r in 0..<count {
                    let expected = stream.uniforms(
                        point: RandomStream.commonPoint, replication: firstReplication &+ UInt32(r), slot: 3, index: 2
                    ).0
                    XCTAssertEqual(out[r], expected, "count \(count) first \(firstReplication) r \(r)")
                }
            }
        }
    }

    /// The fused selection equals sorting each path's scalar uniforms, for every number of
    /// uniforms per path (odd and even), batch sizes around the SIMD width, and replication words
    /// that wrap.
    func testTopTwoAcrossReplicationsEqualsSortedScalarUniforms() {
        let stream = RandomStream(seed: 5, stream: 2)
        for b in 1...7 {
            for count in [0, 1, 3, 4, 5, 9, 33] {
                for firstReplication: UInt32 in [0, 0xFFFF_FFFE] {
                    var top = [Double](repeating: 9, count: count), next = [Double](repeating: 9, count: count)
                    stream.fillTopTwoAcrossReplications(
                        top: &top, next: &next, uniformsPerPath: b, count: count, point: 4, firstReplication: firstReplication, slot: 11)
                    for r in 0..<count {
                        var all: [Double] = []
                        for k in 0 ..< (b + 1) / 2 {
                            let u = stream.uniforms(point: 4, replication: firstReplication &+ UInt32(r), slot: 11, index: UInt32(k))
                            all.append(u.0)
                            if 2 * k + 1 < b { all.append(u.1) }
                        }
                        all.sort(by: >)
                        XCTAssertEqual(top[r], all[0], "b \(b) count \(count) r \(r)")
                        XCTAssertEqual(next[r], b > 1 ? all[1] : -.infinity, "b \(b) count \(count) r \(r)")
                    }
                }
            }
        }
    }

    func testUniformMomentsWithinFourStandardErrors() {
        // Fixed seed; mean 1/2 and variance 1/12 of U(0,1). n = 200_000.
        let n = 200_000
        var out = [Double](repeating: 0, count: n)
        out.withUnsafeMutableBufferPointer {
            RandomStream(seed: 2_026, stream: 1).fill($0, point: 0, replication: 0, slot: 0, firstIndex: 0)
        }
        XCTAssertTrue(out.allSatisfy { $0 > 0 && $0 < 1 })
        let mean = out.reduce(0, +) / Double(n)
        XCTAssertEqual(mean, 0.5, accuracy: 4 * (1.0 / 12 / Double(n)).squareRoot())
        let secondMoment = out.reduce(0) { $0 + $1 * $1 } / Double(n)
        // Var(U²) = 1/5 - 1/9 = 4/45.
        XCTAssertEqual(secondMoment, 1.0 / 3, accuracy: 4 * (4.0 / 45 / Double(n)).squareRoot())
        // Lag-1 correlation of consecutive uniforms: standard error 1/sqrt(n).
        var lag = 0.0
        for i in 1..<n { lag += (out[i] - 0.5) * (out[i - 1] - 0.5) }
        XCTAssertEqual(lag / Double(n - 1) * 12, 0, accuracy: 4 / Double(n).squareRoot())
    }
}
