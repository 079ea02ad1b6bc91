import SweepCore
import SweepEngine
import SweepManifest
import SweepPlanner
import SweepResults
import TicketModel
import XCTest

final class PartialFileTests: XCTestCase {
    func plan() throws -> SweepPlan {
        try SweepPlan(try ManifestLoader.parse(text: """
            seed: 5
            replications: 6
            slots: 200
            shard_size: 3
            base:
              lookahead: 4
              pricing: {target: {pool: 8}}
            """, file: "t.yaml", json: false))
    }

    func shardResult(_ plan: SweepPlan, _ shard: ShardSpec) throws -> ShardResult {
        ShardRunner(batchSize: 2).run(shard, simulator: try BatchSimulator(plan: plan, point: shard.point, batch: 2))
    }

    /// A partial round-trips; any truncation or flipped bit is detected, never trapped on.
    func testPartialRoundTripAndCorruptionDetection() throws {
        let p = try plan()
        let shard = p.shards[1]
        let partial = PartialFile(manifestDigest: p.manifest.digest, shard: shard, started: 1, seconds: 2, host: "h", result: try shardResult(p, shard))
        let bytes = partial.encoded()
        let back = try PartialFile.decode(bytes, expectedDigest: p.manifest.digest)
        XCTAssertEqual(back.shard, shard)
        XCTAssertEqual(back.result.rows, partial.result.rows)
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

    /// A shard's result does not depend on the batch size inside the shard.
    func testShardResultIndependentOfBatchSize() throws {
        let p = try plan()
        let shard = p.shards[0]
        let a = ShardRunner(batchSize: 1).run(shard, simulator: try BatchSimulator(plan: p, point: 0, batch: 1))
        let b = ShardRunner(batchSize: 3).run(shard, simulator: try BatchSimulator(plan: p, point: 0, batch: 3))
        XCTAssertEqual(a.rows, b.rows)
        XCTAssertEqual(a.ticketMoments, b.ticketMoments)
        XCTAssertEqual(a.ticketSketches, b.ticketSketches)
    }

    /// An atomic write leaves either the old file or the new one, never a temporary file.
    func testAtomicWriteLeavesNoTemporaryFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("x.part").path
        try AtomicFile.write([1, 2, 3], to: path)
        try AtomicFile.write([4, 5], to: path)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["x.part"])
        XCTAssertEqual(FileManager.default.contents(atPath: path).map([UInt8].init), [4, 5])
        XCTAssertThrowsError(try AtomicFile.write([1], to: dir.appendingPathComponent("missing/x").path)) { error in
            XCTAssertTrue("\(error)".contains("cannot create"), "\(error)")
        }
    }
}
