import XCTest
@testable import SweepManifest
import SweepPlanner

/// `precision`: what a valid target reads as, and the exact messages of bad ones.
final class PrecisionManifestTests: XCTestCase {
    func testValidTargetIsRead() throws {
        let m = try ManifestLoader.parse(
            text: required + "precision: {metric: capture_ratio, se: 0.002, max_replications: 4000}\n", file: "m.yaml", json: false)
        XCTAssertEqual(m.precision, PrecisionTarget(statistic: .pathMean(metric: "capture_ratio"), standardError: 0.002, maxReplications: 4000))
        XCTAssertTrue(m.canonicalYAML.contains("precision:"), "the target is part of the manifest as run (and of its digest)")
        XCTAssertNil(try ManifestLoader.parse(text: required, file: "m.yaml", json: false).precision)
    }

    func testUnknownAndPerTicketMetrics() {
        XCTAssertEqual(errors(required + "precision: {metric: capture_ration, se: 0.01, max_replications: 100}\n"), [
            "m.yaml:3:21: error: unknown metric 'capture_ration' in precision.metric; did you mean 'capture_ratio'?",
        ])
        XCTAssertEqual(errors(required + "precision: {metric: ticket_return, se: 0.01, max_replications: 100}\n"), [
            "m.yaml:3:21: error: precision.metric 'ticket_return' is a per-ticket metric, whose values are not independent draws; choose a per-path metric such as 'capture_ratio'",
        ])
    }

    func testNumbersOutOfRange() {
        let e = errors(required + "precision: {metric: hhi, se: 0, max_replications: 5}\n")
        XCTAssertEqual(e.count, 2, "\(e)")
        XCTAssertTrue(e[0].hasPrefix("m.yaml:3:30: error: precision.se must be a number > 0; got 0"), "\(e)")
        XCTAssertEqual(e[1], "m.yaml:3:51: error: precision.max_replications (5) is below replications (10), which the first round runs; raise it or lower replications")
        XCTAssertEqual(errors(required + "precision: {metric: hhi, se: 0.1}\n").count, 1, "max_replications is required")
    }

    func testReplicationsMustBeWholeShards() {
        XCTAssertEqual(errors("seed: 1\nreplications: 10\nshard_size: 4\nprecision: {metric: hhi, se: 0.1, max_replications: 100}\n"), [
            "m.yaml:2:15: error: with precision, replications (10) must be a whole number of shards of shard_size 4, as rounds add whole shards; use replications 12 or a shard_size that divides it",
        ])
    }

    func testPairedDifferencesAreRefused() {
        let e = errors(required + "sweep: {grid: {pricing.quotient: [4, 8]}}\noutputs: {differences: {baseline: 0}}\nprecision: {metric: hhi, se: 0.1, max_replications: 100}\n")
        XCTAssertEqual(e.count, 1, "\(e)")
        XCTAssertTrue(e[0].contains("precision cannot be combined with outputs.differences"), "\(e)")
    }
}
