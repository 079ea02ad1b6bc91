import SweepRandom
import XCTest

/// The stream fills give the same bits at every SIMD level this machine supports (the portable
/// Swift lanes and `WideRandom`'s AVX2 / AVX-512 C kernels): each path's numbers equal the
/// scalar `RandomStream.uniforms` of its counter, for counts that leave remainders of every size
/// and for replication words that wrap past 2^32 inside a group of lanes.
final class WideRandomTests: XCTestCase {
    private var levels: [WideRandom.Level] { WideRandom.Level.allCases.filter { $0.rawValue <= WideRandom.supported.rawValue } }

    func testActiveLevelIsSupported() {
        XCTAssertLessThanOrEqual(WideRandom.active.rawValue, WideRandom.supported.rawValue)
    }

    func testTopTwoEqualsScalarUniformsAtEveryLevel() {
        let stream = RandomStream(seed: 20_261_203, stream: 5)
        for level in levels {
            for b in [1, 2, 3, 5, 8] {
                for (count, rep0) in [(1, UInt32(0)), (7, 3), (19, 0xFFFF_FFFA), (64, 1_000_000)] {
                    var top = [Double](repeating: .nan, count: count), next = top
                    top.withUnsafeMutableBufferPointer { t in
                        next.withUnsafeMutableBufferPointer { n in
                            stream.fillTopTwoAcrossReplications(
                                top: t.baseAddress!, next: n.baseAddress!, uniformsPerPath: b, count: count, point: 9,
                                firstReplication: rep0, slot: 4242, level: level)
                        }
                    }
                    for r in 0..<count {
                        var u: [Double] = []
                        for k in 0 ..< (b + 1) / 2 {
                            let pair = stream.uniforms(point: 9, replication: rep0 &+ UInt32(r), slot: 4242, index: UInt32(k))
                            u.append(pair.0)
                            u.append(pair.1)
                        }
                        let sorted = u.prefix(b).sorted(by: >)
                        XCTAssertEqual(top[r].bitPattern, sorted[0].bitPattern, "\(level) b \(b) path \(r)")
                        XCTAssertEqual(next[r].bitPattern, (b > 1 ? sorted[1] : -Double.infinity).bitPattern, "\(level) b \(b) path \(r)")
                    }
                }
            }
        }
    }

    func testPairsEqualScalarUniformsAtEveryLevel() {
        let stream = RandomStream(seed: 7, stream: 2)
        for level in levels {
            for (count, rep0) in [(3, UInt32(0)), (17, 0xFFFF_FFFC), (40, 12345)] {
                var first = [Double](repeating: .nan, count: count), second = first
                first.withUnsafeMutableBufferPointer { f in
                    second.withUnsafeMutableBufferPointer { s in
                        stream.fillPairsAcrossReplications(
                            first: f.baseAddress!, second: s.baseAddress!, stride: 1, count: count, point: RandomStream.commonPoint,
                            firstReplication: rep0, slot: 77, index: 3, level: level)
                    }
                }
                var only = [Double](repeating: .nan, count: count)
                only.withUnsafeMutableBufferPointer { f in
                    stream.fillPairsAcrossReplications(
                        first: f.baseAddress!, second: nil, stride: 1, count: count, point: RandomStream.commonPoint,
                        firstReplication: rep0, slot: 77, index: 3, level: level)
                }
                for r in 0..<count {
                    let pair = stream.uniforms(point: RandomStream.commonPoint, replication: rep0 &+ UInt32(r), slot: 77, index: 3)
                    XCTAssertEqual(first[r].bitPattern, pair.0.bitPattern, "\(level) path \(r)")
                    XCTAssertEqual(second[r].bitPattern, pair.1.bitPattern, "\(level) path \(r)")
                    XCTAssertEqual(only[r].bitPattern, pair.0.bitPattern, "\(level) path \(r)")
                }
            }
        }
    }

    func testSixteenEqualScalarUniformsAtEveryLevel() {
        let stream = RandomStream(seed: 99, stream: 3)
        for level in levels {
            for first in [UInt32(0), 8, 0xFFFF_FFFC] {
                var out = [Double](repeating: .nan, count: 16)
                out.withUnsafeMutableBufferPointer {
                    stream.fillSixteen($0.baseAddress!, point: 4, replication: 123_456, slot: 9, firstIndex: first, level: level)
                }
                for k in 0..<8 {
                    let pair = stream.uniforms(point: 4, replication: 123_456, slot: 9, index: first &+ UInt32(k))
                    XCTAssertEqual(out[2 * k].bitPattern, pair.0.bitPattern, "\(level) counter \(k)")
                    XCTAssertEqual(out[2 * k + 1].bitPattern, pair.1.bitPattern, "\(level) counter \(k)")
                }
            }
        }
    }
}
