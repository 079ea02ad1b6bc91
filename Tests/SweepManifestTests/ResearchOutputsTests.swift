import XCTest
@testable import SweepManifest
import SweepPlanner

/// `outputs.differences`, `outputs.sensitivity` and `sample.method: saltelli` in a manifest.
final class ResearchOutputsTests: XCTestCase {
    let grid = required + """
        sweep:
          grid:
            pricing.quotient: [4, 8, 16]
            builders.noise: [0.05, 0.2]
          zip:
            lookahead: [8, 16]
            builders.count: [3, 5]

        """
    let saltelli = required + """
        sweep:
          sample:
            method: saltelli
            points: 16
            ranges: {pricing.quotient: [2, 32], builders.noise: [0.01, 0.3]}

        """

    func testDifferencesBaselineResolvesAxesAndPoints() throws {
        let m = try load(grid + "outputs:\n  differences: {baseline: {pricing.quotient: 8, builders.count: 5}}\n")
        XCTAssertEqual(m.outputs.differences?.baseline, .coordinates(grid: [1, nil], zip: 1))
        let p = try load(grid + "outputs:\n  differences: {baseline: 7}\n")
        XCTAssertEqual(p.outputs.differences?.baseline, .point(7))
        XCTAssertNil(try load(grid).outputs.differences)
    }

    func testDifferencesBaselineErrors() {
        XCTAssertEqual(errors(grid + "outputs:\n  differences: {baseline: 12}\n"), [
            "m.yaml:11:27: error: outputs.differences.baseline is point 12, but the sweep has 12 points (0 to 11)",
        ])
        XCTAssertEqual(errors(grid + "outputs:\n  differences: {baseline: {pricing.quotent: 8}}\n"), [
            "m.yaml:11:28: error: outputs.differences.baseline: 'pricing.quotent' is not a grid or zip axis of the sweep; did you mean 'pricing.quotient'?",
        ])
        XCTAssertEqual(errors(grid + "outputs:\n  differences: {baseline: {pricing.quotient: 5}}\n"), [
            "m.yaml:11:46: error: outputs.differences.baseline: 'pricing.quotient' has no value 5; its values are 4, 8, 16",
        ])
        XCTAssertEqual(errors(grid + "outputs:\n  differences: {baseline: {lookahead: 8, builders.count: 5}}\n"), [
            "m.yaml:11:42: error: outputs.differences.baseline: zip axes move together, but 'lookahead' picks position 1 and 'builders.count' position 2",
        ])
        XCTAssertEqual(errors(grid + "outputs:\n  differences: {baseline: -1}\n"), [
            "m.yaml:11:27: error: outputs.differences.baseline must be a point number (a whole number >= 0) or a map of parameter paths; got -1",
        ])
        XCTAssertEqual(errors(saltelli + "outputs:\n  differences: {baseline: {builders.noise: 0.1}}\n"), [
            "m.yaml:9:28: error: outputs.differences.baseline: 'builders.noise' is a sampled range, whose values are drawn; name a grid or zip axis, or give a point number",
        ])
    }

    func testSaltelliDesignAndSensitivity() throws {
        let m = try load(saltelli + "outputs:\n  sensitivity: {metrics: [capture_ratio, 'ticket_return:p99_9']}\n")
        XCTAssertEqual(m.sweep.sample?.method, .saltelli)
        XCTAssertEqual(m.sweep.pointCount, 16 * 4)
        XCTAssertEqual(m.outputs.sensitivity?.bootstrap, 200)
        XCTAssertEqual(m.outputs.sensitivity?.statistics, [
            PointStatistic(metric: "capture_ratio", kind: .mean), PointStatistic(metric: "ticket_return", kind: .quantile(0.999)),
        ])
        XCTAssertEqual(m.outputs.sensitivity?.statistics.map(\.text), ["capture_ratio", "ticket_return:p99_9"])
    }

    func testSensitivityErrors() {
        XCTAssertEqual(errors(grid + "outputs:\n  sensitivity: {metrics: [hhi]}\n"), [
            "m.yaml:11:16: error: outputs.sensitivity needs a Saltelli design: sweep.sample with method: saltelli (got no sweep.sample)",
        ])
        let crossed = saltelli.replacingOccurrences(of: "sweep:\n", with: "sweep:\n  grid: {lookahead: [8, 16]}\n")
        XCTAssertEqual(errors(crossed + "outputs:\n  sensitivity: {metrics: [hhi]}\n"), [
            "m.yaml:10:16: error: outputs.sensitivity analyses a Saltelli sample alone; remove sweep.grid and sweep.zip (run one manifest per grid value instead)",
        ])
        XCTAssertEqual(errors(saltelli + "outputs:\n  sensitivity: {metrics: [hhx, 'ticket_return:q9', hhi, hhi]}\n"), [
            "m.yaml:9:27: error: unknown metric 'hhx' in outputs.sensitivity.metrics; did you mean 'hhi'?",
            "m.yaml:9:32: error: outputs.sensitivity.metrics: 'ticket_return:q9' must be a metric name, or a metric and a quantile column such as 'ticket_return:p99'",
            "m.yaml:9:57: error: outputs.sensitivity.metrics lists 'hhi' twice",
        ])
        XCTAssertEqual(errors(saltelli.replacingOccurrences(of: "points: 16", with: "points: 12")), [
            "m.yaml:6:13: error: sweep.sample.points must be a power of two of at least 2 for method saltelli (such as 256 or 1024); got 12",
        ])
    }
}
