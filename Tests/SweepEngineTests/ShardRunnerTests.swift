import SweepCore
@testable import SweepEngine
import SweepManifest
import SweepPlanner
import SweepResults
import TicketModel
import XCTest

/// The shard runner (the partial file it feeds is tested in SweepResultsTests).
final class ShardRunnerTests: XCTestCase {
    func plan() throws -> SweepPlan { try smallPlan(replications: 6, slots: 200, shardSize: 3) }

    /// A shard's result does not depend on the batch size inside the shard.
    func testShardResultIndependentOfBatchSize() throws {
        let p = try plan()
        let shard = p.shards[0]
        let a = ShardRunner(batchSize: 1).run(shard, simulator: BatchSimulator(plan: p, point: 0, batch: 1))
        let b = ShardRunner(batchSize: 3).run(shard, simulator: BatchSimulator(plan: p, point: 0, batch: 3))
        XCTAssertEqual(a.rows, b.rows)
        XCTAssertEqual(a.ticketMoments, b.ticketMoments)
        XCTAssertEqual(a.ticketSketches, b.ticketSketches)
    }

    /// Shards in pieces of whole batches: a 256-replication shard in four of 64, a shard of
    /// one batch whole, a short last piece; pieces tile each shard in order.
    func testPiecesTileEachShardOnBatchBoundaries() {
        let shards = [
            ShardSpec(index: 0, point: 0, firstReplication: 0, count: 256),
            ShardSpec(index: 1, point: 0, firstReplication: 256, count: 100),
            ShardSpec(index: 5, point: 2, firstReplication: 0, count: 2),
        ]
        let pieces = SweepRunner.pieces(of: shards, batchSize: 32)
        XCTAssertEqual(pieces.filter { $0.shard == 0 }.map(\.count), [64, 64, 64, 64])
        XCTAssertEqual(pieces.filter { $0.shard == 1 }.map(\.count), [32, 32, 32, 4])
        XCTAssertEqual(pieces.filter { $0.shard == 2 }.map(\.count), [2])
        for (s, shard) in shards.enumerated() {
            let mine = pieces.filter { $0.shard == s }
            XCTAssertEqual(mine.map(\.index), Array(0 ..< mine.count))
            XCTAssertTrue(mine.allSatisfy { $0.of == mine.count && ($0.first - shard.firstReplication) % 32 == 0 })
            XCTAssertEqual(mine.first?.first, shard.firstReplication)
            for (a, b) in zip(mine, mine.dropFirst()) { XCTAssertEqual(a.first + a.count, b.first) }
            XCTAssertEqual(mine.last.map { $0.first + $0.count }, shard.firstReplication + shard.count)
        }
    }

    /// The partials a run writes from pieces are the shards run whole, byte for byte apart from
    /// the timing fields, for one and for two workers.
    func testPartialsFromPiecesEqualWholeShards() throws {
        let p = try smallPlan(replications: 20, slots: 150, shardSize: 9, quotients: [4, 16])
        for workers in [1, 2] {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pieces-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let folder = ResultsFolder(path: dir)
            try folder.prepare(for: p.settings, force: false)
            try SweepRunner(workers: workers, batchSize: 2).run(plan: p, shards: Array(p.shards), folder: folder)
            for shard in p.shards {
                let written = try PartialFile.read(path: folder.partialPath(shard), expectedDigest: p.settings.digest)
                let simulator = BatchSimulator(plan: p, point: shard.point, batch: 2)
                var whole = ShardRunner(batchSize: 2).run(shard, simulator: simulator)
                whole.benchmark = written.result.benchmark
                XCTAssertEqual(SweepRunner.pieces(of: [shard], batchSize: 2).count, shard.count > 2 ? 3 : 1)
                var expected = written
                expected.result = whole
                XCTAssertEqual(written.encoded(), expected.encoded(), "shard \(shard.index), \(workers) workers")
            }
        }
    }
}

/// The plan's estimate of a results folder's size (`PlanEstimate.outputBytes`) is within a
/// factor of two of the folder a run and a reduce write, for many tiny points and for a few
/// points of long paths.
final class OutputEstimateTests: XCTestCase {
    func folderBytes(_ dir: String) -> Double {
        let files = FileManager.default.enumerator(atPath: dir)?.compactMap { $0 as? String } ?? []
        return files.reduce(0.0) { total, name in
            let size = (try? FileManager.default.attributesOfItem(atPath: dir + "/" + name)[.size] as? Int) ?? 0
            return total + Double(size ?? 0)
        }
    }

    func testEstimateIsWithinAFactorOfTwo() throws {
        for (replications, slots, shardSize, quotients) in [(2, 100, 2, Array(4 ... 43)), (64, 1_000, 16, [4, 16])] {
            let plan = try smallPlan(replications: replications, slots: slots, shardSize: shardSize, quotients: quotients)
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("estimate-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let folder = ResultsFolder(path: dir)
            try folder.prepare(for: plan.settings, force: false)
            try SweepRunner(workers: 2).run(plan: plan, shards: Array(plan.shards), folder: folder)
            _ = try Reducer.reduce(plan: plan, folder: folder, workers: 2)
            let actual = folderBytes(dir), estimate = PlanEstimate.outputBytes(plan)
            XCTAssertGreaterThan(estimate, actual / 2, "\(plan.points.count) points: estimate \(estimate), folder \(actual)")
            XCTAssertLessThan(estimate, actual * 2, "\(plan.points.count) points: estimate \(estimate), folder \(actual)")
        }
    }
}
