import SweepPlanner
import XCTest

/// The round decisions of a precision target, against values worked out by hand.
final class PrecisionScheduleTests: XCTestCase {
    func testNextBlocks() {
        // Met or capped: done.
        XCTAssertNil(PrecisionSchedule.nextBlocks(current: 4, se: 0.01, target: 0.01, maxBlocks: 100))
        XCTAssertNil(PrecisionSchedule.nextBlocks(current: 4, se: 0.0, target: 0.01, maxBlocks: 100))
        XCTAssertNil(PrecisionSchedule.nextBlocks(current: 100, se: 0.5, target: 0.01, maxBlocks: 100))
        // 1.1 x 4 x (0.011 / 0.01)^2 = 5.324 -> 6 blocks.
        XCTAssertEqual(PrecisionSchedule.nextBlocks(current: 4, se: 0.011, target: 0.01, maxBlocks: 100), 6)
        // 1.1 x 10 x (0.0101 / 0.01)^2 = 11.2211 -> 12.
        XCTAssertEqual(PrecisionSchedule.nextBlocks(current: 10, se: 0.0101, target: 0.01, maxBlocks: 100), 12)
        // 1.1 x 4 x 1.000049^2 = 4.4004 -> 5 (at least one block more in any case).
        XCTAssertEqual(PrecisionSchedule.nextBlocks(current: 4, se: 0.01000049, target: 0.01, maxBlocks: 100), 5)
        XCTAssertEqual(PrecisionSchedule.nextBlocks(current: 1, se: 0.0100001, target: 0.01, maxBlocks: 100), 2)
        // 1.1 x 4 x 2^2 = 17.6: at most 4x, 16.
        XCTAssertEqual(PrecisionSchedule.nextBlocks(current: 4, se: 0.02, target: 0.01, maxBlocks: 100), 16)
        // Capped at max_replications' blocks.
        XCTAssertEqual(PrecisionSchedule.nextBlocks(current: 4, se: 0.02, target: 0.01, maxBlocks: 10), 10)
        // No SE yet (one path): double; an infinite SE: 4x.
        XCTAssertEqual(PrecisionSchedule.nextBlocks(current: 3, se: .nan, target: 0.01, maxBlocks: 100), 6)
        XCTAssertEqual(PrecisionSchedule.nextBlocks(current: 3, se: .infinity, target: 0.01, maxBlocks: 100), 12)
    }

    /// Three points, 2 blocks of 10 in the first round, at most 55 replications (6 blocks, the
    /// last of 5): the rounds' shards, numbered with 6 blocks reserved per point.
    func testRoundsAndShardNumbers() {
        let target = PrecisionTarget(statistic: .pathMean(metric: "hhi"), standardError: 0.01, maxReplications: 55)
        let shards = ShardList(points: 3, replications: 20, shardSize: 10, reservedReplications: 55)
        XCTAssertEqual(shards.blockStride, 6)
        XCTAssertEqual(shards.map(\.index), [0, 1, 6, 7, 12, 13])
        var s = PrecisionSchedule(target: target, shards: shards)
        XCTAssertEqual(s.round, 1)
        XCTAssertEqual(s.activePoints, [0, 1, 2])
        XCTAssertTrue(s.worstStandardError.isNaN)
        // Point 0 meets the target; point 1: 1.1 x 2 x 1.2^2 = 3.168 -> 4 blocks; point 2: 4x -> 8, capped at 6.
        XCTAssertTrue(s.decide([0.009, 0.012, 0.05]))
        XCTAssertEqual(s.round, 2)
        XCTAssertEqual(s.blocks, [2, 4, 6])
        XCTAssertEqual(s.activePoints, [1, 2])
        let round2 = s.roundShards(shards)
        XCTAssertEqual(round2.map(\.index), [8, 9, 14, 15, 16, 17])
        XCTAssertEqual(round2.map(\.firstReplication), [20, 30, 20, 30, 40, 50])
        XCTAssertEqual(round2.map(\.count), [10, 10, 10, 10, 10, 5])
        XCTAssertEqual(s.replications(ofPoint: 2), 55)
        XCTAssertEqual(s.worstStandardError, 0.05)
        // Point 1 meets it; point 2 is at the cap: no further round.
        XCTAssertFalse(s.decide([0.0099, 0.02]))
        XCTAssertEqual(s.round, 3)
        XCTAssertEqual(s.activePoints, [])
        XCTAssertEqual([0, 1, 2].map(s.met), [true, true, false])
        XCTAssertEqual([0, 1, 2].map(s.replications(ofPoint:)), [20, 40, 55])
        XCTAssertEqual(s.allShards(shards).map(\.index), [0, 1, 6, 7, 8, 9, 12, 13, 14, 15, 16, 17])
    }

    /// Without a target the numbering is the plain point-major one.
    func testPlainShardListIsUnchanged() {
        let shards = ShardList(points: 2, replications: 24, shardSize: 8)
        XCTAssertEqual(shards.blockStride, 3)
        XCTAssertEqual(shards.map(\.index), [0, 1, 2, 3, 4, 5])
        XCTAssertEqual(shards.map(\.count), [8, 8, 8, 8, 8, 8])
    }
}
