import SweepCore
import SweepEngine
import SweepManifest
import SweepPlanner
import SweepResults
import TicketModel
import XCTest

/// The shard runner (the partial file it feeds is tested in SweepResultsTests).
final class ShardRunnerTests: XCTestCase {
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
}
