import SweepRandom
import XCTest

/// Known answers from Random123's `tests/kat_vectors` (DEShawResearch/random123), the three
/// "philox4x32 10" lines; columns there are counter (4 words), key (2 words), expected (4 words):
///
///     philox4x32 10 00000000 00000000 00000000 00000000 00000000 00000000   6627e8d5 e169c58d bc57ac4c 9b00dbd8
///     philox4x32 10 ffffffff ffffffff ffffffff ffffffff ffffffff ffffffff   408f276d 41c83b0e a20bc7c6 6d5451fd
///     philox4x32 10 243f6a88 85a308d3 13198a2e 03707344 a4093822 299f31d0   d16cfe09 94fdcceb 5001e420 24126ea1
final class PhiloxTests: XCTestCase {
    private static let knownAnswers: [(counter: SIMD4<UInt32>, key: SIMD2<UInt32>, expected: SIMD4<UInt32>)] = [
        (SIMD4(0, 0, 0, 0), SIMD2(0, 0), SIMD4(0x6627_e8d5, 0xe169_c58d, 0xbc57_ac4c, 0x9b00_dbd8)),
        (
            SIMD4(0xffff_ffff, 0xffff_ffff, 0xffff_ffff, 0xffff_ffff), SIMD2(0xffff_ffff, 0xffff_ffff),
            SIMD4(0x408f_276d, 0x41c8_3b0e, 0xa20b_c7c6, 0x6d54_51fd)
        ),
        (
            SIMD4(0x243f_6a88, 0x85a3_08d3, 0x1319_8a2e, 0x0370_7344), SIMD2(0xa409_3822, 0x299f_31d0),
            SIMD4(0xd16c_fe09, 0x94fd_cceb, 0x5001_e420, 0x2412_6ea1)
        ),
    ]

    func testScalarKnownAnswers() {
        for (counter, key, expected) in Self.knownAnswers {
            XCTAssertEqual(Philox4x32.block(counter, key: key), expected, "counter \(counter) key \(key)")
        }
    }

    func testBatchedKnownAnswersInEveryLane() {
        for lane in 0..<Philox4x32.laneCount {
            for (counter, key, expected) in Self.knownAnswers {
                // Put the known-answer counter in one lane and unrelated counters elsewhere.
                var lanes = Philox4x32.Lanes(
                    w0: .init(repeating: 1), w1: .init(repeating: 2), w2: .init(repeating: 3), w3: .init(repeating: 4))
                lanes.w0[lane] = counter[0]
                lanes.w1[lane] = counter[1]
                lanes.w2[lane] = counter[2]
                lanes.w3[lane] = counter[3]
                XCTAssertEqual(Philox4x32.blocks(lanes, key: key)[lane: lane], expected, "lane \(lane)")
            }
        }
    }

    func testBatchedEqualsScalar() {
        var x: UInt32 = 0x1234_5678
        func next() -> UInt32 {
            x ^= x << 13
            x ^= x >> 17
            x ^= x << 5
            return x
        }
        for _ in 0..<200 {
            let key = SIMD2(next(), next())
            var lanes = Philox4x32.Lanes(w0: .init(), w1: .init(), w2: .init(), w3: .init())
            for lane in 0..<Philox4x32.laneCount {
                lanes.w0[lane] = next()
                lanes.w1[lane] = next()
                lanes.w2[lane] = next()
                lanes.w3[lane] = next()
            }
            let out = Philox4x32.blocks(lanes, key: key)
            for lane in 0..<Philox4x32.laneCount {
                XCTAssertEqual(out[lane: lane], Philox4x32.block(lanes[lane: lane], key: key))
            }
        }
    }
}
