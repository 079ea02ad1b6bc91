import Foundation
import SweepCore
import SweepPlanner
import SweepResults
import SweepStatistics
import TicketModel
import XCTest

/// Partial files (checksummed shard results) and the atomic writes that publish them.
final class PartialFileTests: XCTestCase {
    /// A shard result of three replications of four path metrics and two ticket metrics, with
    /// values chosen by hand (the engine that computes real ones is tested on its own).
    func shardResult() -> ShardResult {
        var result = ShardResult(pathMetricCount: 4, ticketMetricCount: 2)
        result.rows = [0.5, -1, 3e-9, 7, 0.25, .infinity, 0, 1e300, -0.0, 2, 4, 8]
        for replication in 0..<3 {
            for metric in 0..<2 {
                var moments = Moments()
                for k in 0...(replication + metric) { moments.add(Double(k) * 0.1 - Double(metric)) }
                result.ticketMoments.append(moments)
            }
        }
        for k in 1...50 {
            result.ticketSketches[0].add(Double(k) * 0.01)
            result.ticketSketches[1].add(-Double(k))
        }
        result.beliefs = [PayoffBelief(mean: 0.2, variance: 0.01)]
        return result
    }

    /// A partial round-trips; any truncation or flipped bit is detected, never trapped on.
    func testPartialRoundTripAndCorruptionDetection() throws {
        let digest = SHA256.hexDigest(of: "a manifest")
        let shard = ShardSpec(index: 1, point: 0, firstReplication: 3, count: 3)
        let partial = PartialFile(manifestDigest: digest, shard: shard, started: 1, seconds: 2, host: "h", result: shardResult())
        let bytes = partial.encoded()
        let back = try PartialFile.decode(bytes, expectedDigest: digest)
        XCTAssertEqual(back.shard, shard)
        XCTAssertEqual(back.result.rows.map(\.bitPattern), partial.result.rows.map(\.bitPattern))
        XCTAssertEqual(back.result.ticketMoments, partial.result.ticketMoments)
        XCTAssertEqual(back.result.ticketSketches, partial.result.ticketSketches)
        XCTAssertEqual(back.result.beliefs, partial.result.beliefs)
        XCTAssertEqual(back.host, "h")
        XCTAssertEqual(back.encoded(), bytes)
        XCTAssertThrowsError(try PartialFile.decode(bytes, expectedDigest: "other")) { error in
            guard case PartialFile.Problem.otherManifest = error else { return XCTFail("\(error)") }
        }
        for cut in [0, 1, 8, bytes.count / 2, bytes.count - 1] {
            XCTAssertThrowsError(try PartialFile.decode(Array(bytes.prefix(cut)), expectedDigest: nil), "cut at \(cut)")
        }
        for position in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 97)) {
            var flipped = bytes
            flipped[position] ^= 0x04
            XCTAssertThrowsError(try PartialFile.decode(flipped, expectedDigest: nil), "bit flip at \(position)")
        }
    }

    /// The benchmark (format version 4) round-trips bit for bit, `nan` included; a result
    /// without one reads back without one; versions outside 3 ... 5 are refused.
    func testBenchmarkRoundTripsAndVersionsAreChecked() throws {
        let shard = ShardSpec(index: 0, point: 0, firstReplication: 0, count: 3)
        for benchmark in [nil, PointBenchmark(price: 0.031, capture: 0.62, surplusPerSlot: 0.05), PointBenchmark(price: .nan, capture: .nan, surplusPerSlot: .nan)] {
            var result = shardResult()
            result.benchmark = benchmark
            let bytes = PartialFile(manifestDigest: "d", shard: shard, started: 0, seconds: 0, host: "h", result: result).encoded()
            let back = try PartialFile.decode(bytes, expectedDigest: "d").result.benchmark
            XCTAssertEqual(back.map { $0.quantities.map(\.value.bitPattern) }, benchmark.map { $0.quantities.map(\.value.bitPattern) })
            for version: UInt8 in [2, 6] {
                var body = Array(bytes.dropLast(32))
                body[PartialFile.magic.count] = version
                XCTAssertThrowsError(try PartialFile.decode(body + SHA256.hash(body), expectedDigest: nil)) { error in
                    XCTAssert("\(error)".contains("format version \(version)"), "\(error)")
                }
            }
        }
    }

    /// An atomic write leaves either the old file or the new one, never a temporary file.
    func testAtomicWriteLeavesNoTemporaryFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("x.part").path
        try AtomicFile.write([1, 2, 3], to: path)
        try AtomicFile.write([4, 5], to: path)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["x.part"])
        XCTAssertEqual(FileManager.default.contents(atPath: path).map([UInt8].init), [4, 5])
        XCTAssertThrowsError(try AtomicFile.write([1], to: dir.appendingPathComponent("missing/x").path)) { error in
            XCTAssertTrue("\(error)".contains("cannot create"), "\(error)")
        }
    }

    /// A streamed file larger than its 64 KiB buffer arrives whole, and only at `commit`.
    func testStreamingFileAppearsWholeAtCommit() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stream-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("t.csv").path
        let file = try StreamingTextFile(path: path)
        let line = String(repeating: "x", count: 99) + "\n"
        for _ in 0..<2000 { file.append(line) }
        XCTAssertFalse(FileManager.default.fileExists(atPath: path), "nothing at the path before commit")
        try file.commit()
        let bytes = try XCTUnwrap(FileManager.default.contents(atPath: path))
        XCTAssertEqual(bytes.count, 200_000)
        XCTAssertEqual(bytes, Data(String(repeating: line, count: 2000).utf8))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["t.csv"])
    }
}
