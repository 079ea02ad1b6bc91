import SweepPlanner
import TicketModel
import XCTest

/// A plan made without a manifest, from plain values: the point order, the labels, the sample's
/// scaling, the baselines and the work, against values worked out by hand.
final class PlanDesignTests: XCTestCase {
    /// Grid 3 x 2, zip of 2, a sample of 2 rows: 24 points.
    func design() -> PlanDesign {
        PlanDesign(
            grid: [
                .init(path: "pricing.quotient", values: [.number(4), .number(8), .number(16)], labels: ["4", "8", "16"]),
                .init(path: "pricing", values: [.string("a"), .map(["mechanism": .string("fixed")])], labels: ["a", "{mechanism: fixed}"]),
            ],
            zip: [
                .init(path: "builders.count", values: [.number(3), .number(5)], labels: ["3", "5"]),
                .init(path: "builders.noise", values: [.number(0.1), .number(0.2)], labels: ["0.1", "0.2"]),
            ],
            sample: .init(
                method: "uniform", points: 2,
                ranges: [.init(path: "value.sigma", low: 1, high: 3, integer: false), .init(path: "lookahead", low: 0, high: 10, integer: true)],
                rows: [[0.5, 0.26], [0.25, 0.74]]))
    }

    func testPointOrderAndLabels() {
        let d = design()
        XCTAssertEqual(d.pointCount, 24)
        XCTAssertEqual(d.columns, ["pricing.quotient", "pricing", "builders.count", "builders.noise", "value.sigma", "lookahead"])
        // Row-major over [quotient, pricing, zip, sample]: 23 = ((2 * 2 + 1) * 2 + 1) * 2 + 1.
        XCTAssertEqual(d.coordinates(ofPoint: 23), PlanDesign.Coordinates(grid: [2, 1], zip: 1, sample: 1))
        XCTAssertEqual(d.coordinates(ofPoint: 6), PlanDesign.Coordinates(grid: [0, 1], zip: 1, sample: 0))
        for p in 0..<24 { XCTAssertEqual(d.point(at: d.coordinates(ofPoint: p)), p) }
        // Sample row 0: 1 + 0.5 x 2 = 2, 0.26 x 10 = 2.6 -> 3; row 1: 1.5, 7.4 -> 7.
        XCTAssertEqual(d.labels(ofPoint: 0), ["4", "a", "3", "0.1", "2", "3"])
        XCTAssertEqual(d.labels(ofPoint: 1), ["4", "a", "3", "0.1", "1.5", "7"])
        XCTAssertEqual(d.labels(ofPoint: 23), ["16", "{mechanism: fixed}", "5", "0.2", "1.5", "7"])
    }

    func testPlanFromPlainValues() {
        let d = design()
        // Warmups 0, 1, ..., 23 slots: work = 5 replications x (24 x 100 + 276) slot-steps.
        let parameters = (0..<24).map { ModelParameters(warmup: $0) }
        var settings = SweepSettings(
            name: "plain", seed: 9, replications: 5, slots: 100, commonRandomNumbers: true, shardSize: 2,
            outputs: OutputSpec(metrics: nil, quantiles: [0.5], histogramBins: 8), precision: nil,
            manifestText: "name: plain\n", digest: "0", baseParameters: ModelParameters())
        settings.outputs.differences = DifferenceSpec(baseline: .coordinates(grid: [1, nil], zip: 0))
        let plan = SweepPlan(settings: settings, design: d, parameters: parameters)
        XCTAssertEqual(plan.points.count, 24)
        XCTAssertEqual(plan.shards.count, 24 * 3)
        XCTAssertEqual(plan.slotSteps(), 5 * (24 * 100 + 276))
        XCTAssertEqual(plan.parameters(ofPoint: 17).warmup, 17)
        XCTAssertEqual(plan.setup(ofPoint: 17).point, 17)
        XCTAssertEqual(plan.points[23].labels, d.labels(ofPoint: 23))
        // Baseline: quotient 8, the point's own pricing, zip 0, the point's own sample row.
        // Point 23 = [2, 1], zip 1, row 1 -> [1, 1], zip 0, row 1 = ((1 x 2 + 1) x 2 + 0) x 2 + 1 = 13.
        XCTAssertEqual(plan.baseline(ofPoint: 23), 13)
        XCTAssertEqual(plan.baseline(ofPoint: 0), 8)
    }
}
