import SweepCore
import SweepStatistics
import XCTest

/// Corrupt partials must give an error, never a trap: every accumulator's encoding with random
/// bytes flipped either decodes to a usable value or throws `BinaryDecodingError`.
final class DecodingRobustnessTests: XCTestCase {
    func testRandomCorruptionNeverTraps() throws {
        var g = SplitMix64(seed: 1)
        let values = (0..<2_000).map { _ in g.nextNormal() * 3 }
        var m = Moments(), s = QuantileSketch(), h = try Histogram.linear(low: -2, high: 2, bins: 16)
        var c = try CoMoments(dimension: 4)
        values.withUnsafeBufferPointer {
            m.add(contentsOf: $0)
            s.add(contentsOf: $0)
            h.add(contentsOf: $0)
            c.add(batch: $0, rowCount: 500)
        }
        var encodings: [(String, [UInt8], (inout BinaryReader) throws -> Void)] = []
        var w = BinaryWriter()
        m.encode(to: &w)
        encodings.append(("Moments", w.bytes, { r in _ = try Moments(from: &r).kurtosis }))
        for dense in [false, true] {
            w = BinaryWriter()
            s.encode(to: &w, dense: dense)
            encodings.append((dense ? "QuantileSketch, dense" : "QuantileSketch", w.bytes, { r in
                var d = try QuantileSketch(from: &r)
                _ = d.quantile(0.37) + d.quantile(0.99)
                _ = try Histogram.fromSketch(d, bins: 8)
                try d.merge(d)
            }))
        }
        w = BinaryWriter()
        h.encode(to: &w)
        encodings.append(("Histogram", w.bytes, { r in
            var d = try Histogram(from: &r)
            d.add(0.5)
            try d.merge(d)
        }))
        w = BinaryWriter()
        c.encode(to: &w)
        encodings.append(("CoMoments", w.bytes, { r in
            var d = try CoMoments(from: &r)
            _ = d.correlation()
            try d.merge(d)
        }))
        for (name, bytes, decode) in encodings {
            var failures = 0
            for _ in 0..<400 {
                var corrupt = bytes
                for _ in 0..<(1 + Int(g.next() % 3)) {
                    corrupt[Int(g.next() % UInt64(corrupt.count))] ^= UInt8(truncatingIfNeeded: g.next() | 1)
                }
                var r = BinaryReader(corrupt)
                do { try decode(&r) } catch is BinaryDecodingError { failures += 1 }
            }
            XCTAssertGreaterThan(failures, 0, name)
        }
    }
}
