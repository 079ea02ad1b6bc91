import SweepManifest
import SweepPlanner
import TicketModel
import XCTest

final class SweepPlanTests: XCTestCase {
    func plan(_ text: String) throws -> SweepPlan {
        try SweepPlan(try ManifestLoader.parse(text: text, file: "test.yaml", json: false))
    }

    /// Grid x zip x sample: counts, column order, and row-major point order (grid axis 0
    /// slowest, then zip, then sample fastest).
    func testExpansionCountsAndOrder() throws {
        let p = try plan("""
            seed: 3
            replications: 10
            shard_size: 4
            base:
              buyers: [{name: a, count: 2}, {name: b, count: 3}]
            sweep:
              grid:
                pricing.quotient: [4, 8, 16]
                lookahead: [0, 32]
              zip:
                buyers[a].count: [1, 2]
                buyers[b].risk_aversion: [0, -1]
              sample:
                method: latin-hypercube
                points: 5
                ranges: {value.alpha: [1.2, 1.6]}
            """)
        XCTAssertEqual(p.columns, ["pricing.quotient", "lookahead", "buyers[a].count", "buyers[b].risk_aversion", "value.alpha"])
        XCTAssertEqual(p.points.count, 3 * 2 * 2 * 5)
        XCTAssertEqual(p.blocksPerPoint, 3)
        XCTAssertEqual(p.shards.count, 60 * 3)
        XCTAssertEqual(p.shards.map(\.count).reduce(0, +), 600)
        XCTAssertEqual(p.shards[0 ..< 3].map(\.firstReplication), [0, 4, 8])
        XCTAssertEqual(p.shards[2].count, 2)
        XCTAssertEqual(p.points[0].labels[0 ..< 4], ["4", "0", "1", "0"])
        XCTAssertEqual(p.points[4].labels[0 ..< 4], ["4", "0", "1", "0"], "sample varies fastest")
        XCTAssertEqual(p.points[5].labels[0 ..< 4], ["4", "0", "2", "-1"], "then zip")
        XCTAssertEqual(p.points[10].labels[0 ..< 4], ["4", "32", "1", "0"], "then the last grid axis")
        XCTAssertEqual(p.points[20].labels[0 ..< 4], ["8", "0", "1", "0"], "the first grid axis slowest")
        // Latin hypercube: the five alpha values fall one in each fifth of [1.2, 1.6].
        let alphas = p.points[0 ..< 5].map { Double($0.labels[4])! }.sorted()
        for (i, a) in alphas.enumerated() {
            XCTAssertGreaterThanOrEqual(a, 1.2 + 0.08 * Double(i))
            XCTAssertLessThan(a, 1.2 + 0.08 * Double(i + 1))
        }
        // Overrides reach the decoded parameters.
        let params = p.parameters(ofPoint: 30)  // quotient 8, lookahead 32, zip index 0
        XCTAssertEqual(params.lookahead, 32)
        XCTAssertEqual(params.buyers[0].count, 1)
    }

    func testLogAxisOfAnIntegerParameter() throws {
        let p = try plan("""
            seed: 1
            replications: 2
            sweep:
              grid:
                pricing.target.pool: {from: 16, to: 256, steps: 5, scale: log}
            """)
        XCTAssertEqual(p.points.map { $0.labels[0] }, ["16", "32", "64", "128", "256"])
        let params = p.parameters(ofPoint: 2)
        guard let rule = params.pricing.as(EIP1559Pricing.self), case .pool(let target) = rule.target else { return XCTFail("\(params.pricing)") }
        XCTAssertEqual(target, 64)
        XCTAssertEqual(params.effectiveWarmup, 4 * (32 + 64))
    }

    /// An axis value that is invalid for the model is an error at the value's position.
    func testInvalidAxisValueIsLocated() throws {
        XCTAssertThrowsError(try plan("""
            seed: 1
            replications: 2
            sweep:
              grid:
                builders.noise: [0.1, -0.5]
            """)) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("test.yaml:5:"), text)
            XCTAssertTrue(text.contains("noise"), text)
        }
    }

    func testTaskSlices() {
        XCTAssertEqual(TaskSlice(parsing: "2/5"), TaskSlice(task: 2, tasks: 5))
        for bad in ["5/5", "-1/3", "1/0", "x/2", "1/2/3", ""] { XCTAssertNil(TaskSlice(parsing: bad), bad) }
        let slice = TaskSlice(task: 1, tasks: 3)
        XCTAssertEqual((0..<9).filter { slice.contains(ShardSpec(index: $0, point: 0, firstReplication: 0, count: 1)) }, [1, 4, 7])
    }
}

final class SweepPlanBaselineTests: XCTestCase {
    /// Each point's baseline keeps its own coordinates except those the baseline names.
    func testBaselineOfEachPoint() throws {
        let text = """
            seed: 3
            replications: 4
            sweep:
              grid:
                pricing.quotient: [4, 8, 16]
                lookahead: [0, 32]
              zip:
                builders.count: [3, 5]
                builders.noise: [0.1, 0.2]
            outputs:
              differences: {baseline: {pricing.quotient: 16, builders.noise: 0.1}}
            """
        let p = try SweepPlan(try ManifestLoader.parse(text: text, file: "t.yaml", json: false))
        // Points: quotient (slowest) x lookahead x zip; quotient 16 is points 8..<12, zip position 0.
        XCTAssertEqual((0..<12).map { p.baseline(ofPoint: $0)! }, [8, 8, 10, 10, 8, 8, 10, 10, 8, 8, 10, 10])
        let one = try SweepPlan(try ManifestLoader.parse(
            text: text.replacingOccurrences(of: "{pricing.quotient: 16, builders.noise: 0.1}", with: "5"), file: "t.yaml", json: false))
        XCTAssertEqual((0..<12).map { one.baseline(ofPoint: $0)! }, Array(repeating: 5, count: 12))
    }
}
