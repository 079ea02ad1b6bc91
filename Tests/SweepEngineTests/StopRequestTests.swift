import Foundation
import SweepCore
import SweepEngine
import SweepManifest
import SweepPlanner
import SweepResults
import TicketModel
import XCTest

/// A requested stop: no shard is half-written, the shards finished before are kept.
final class StopRequestTests: XCTestCase {
    func plan() throws -> SweepPlan { try smallPlan(replications: 6, slots: 200, shardSize: 3, quotients: [4, 8]) }

    func testTheFirstRequestWins() {
        let stop = StopRequest()
        XCTAssertFalse(stop.isRequested)
        XCTAssertNil(stop.signal)
        stop.request(signal: SIGTERM)
        stop.request(signal: SIGINT)
        XCTAssertTrue(stop.isRequested)
        XCTAssertEqual(stop.signal, SIGTERM)
    }

    /// A shard asked to stop before its first batch gives no result, and the simulator then
    /// gives the same result as a fresh one.
    func testAStoppedShardGivesNothingAndLeavesTheSimulatorUsable() throws {
        let p = try plan()
        let shard = p.shards[0]
        let simulator = BatchSimulator(plan: p, point: 0, batch: 2)
        let stop = StopRequest()
        stop.request(signal: SIGTERM)
        XCTAssertNil(ShardRunner(batchSize: 2).run(shard, simulator: simulator, stop: stop))
        let again = ShardRunner(batchSize: 2).run(shard, simulator: simulator, stop: StopRequest())
        let fresh = ShardRunner(batchSize: 2).run(shard, simulator: BatchSimulator(plan: p, point: 0, batch: 2))
        XCTAssertEqual(again?.rows, fresh.rows)
        XCTAssertEqual(again?.ticketSketches, fresh.ticketSketches)
    }

    /// One worker, a stop requested when the first shard is reported: exactly that shard's
    /// partial is written (and it is valid), the outcome names the signal.
    func testARunStopsAfterTheShardsItFinished() throws {
        let p = try plan()
        XCTAssertEqual(p.shards.count, 4)
        let folder = ResultsFolder(path: FileManager.default.temporaryDirectory.appendingPathComponent("stop-\(UUID().uuidString)").path)
        try folder.prepare(for: p.settings, force: false)
        let stop = StopRequest()
        let outcome = try SweepRunner(workers: 1).run(plan: p, shards: Array(p.shards), folder: folder, stop: stop) { _ in
            stop.request(signal: SIGINT)
        }
        XCTAssertEqual(outcome.computed, 1)
        XCTAssertEqual(outcome.stoppedBy, SIGINT)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.shardsPath).sorted()
        XCTAssertEqual(names, ["MANIFEST_SHA256", "shard-0000000.part"])
        XCTAssertTrue(folder.hasValidPartial(p.shards[0], digest: p.settings.digest))
        // Already stopped: nothing more is computed.
        let none = try SweepRunner(workers: 2).run(plan: p, shards: Array(p.shards.dropFirst()), folder: folder, stop: stop)
        XCTAssertEqual(none.computed, 0)
        XCTAssertEqual(none.stoppedBy, SIGINT)
    }
}
