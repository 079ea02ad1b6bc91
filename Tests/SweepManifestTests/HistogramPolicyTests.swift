import XCTest
@testable import SweepManifest

/// `outputs.histogram.write`: histograms by default for designs of at most 2000 points.
final class HistogramPolicyTests: XCTestCase {
    func testAutoWritesUpTo2000Points() {
        XCTAssertTrue(HistogramWrite.auto.writes(pointCount: 1))
        XCTAssertTrue(HistogramWrite.auto.writes(pointCount: 2000))
        XCTAssertFalse(HistogramWrite.auto.writes(pointCount: 2001))
        XCTAssertFalse(HistogramWrite.auto.writes(pointCount: 100_000))
        XCTAssertTrue(HistogramWrite.always.writes(pointCount: 100_000))
        XCTAssertFalse(HistogramWrite.never.writes(pointCount: 1))
    }

    func testManifestKey() throws {
        XCTAssertEqual(try load(required).outputs.histogramWrite, .auto)
        XCTAssertEqual(try load(required + "outputs:\n  histogram: {bins: 8}\n").outputs.histogramWrite, .auto)
        XCTAssertEqual(try load(required + "outputs:\n  histogram: {write: always}\n").outputs.histogramWrite, .always)
        XCTAssertEqual(try load(required + "outputs:\n  histogram: {write: never}\n").outputs.histogramWrite, .never)
        let problems = errors(required + "outputs:\n  histogram: {write: sometimes}\n")
        XCTAssertEqual(problems.count, 1)
        XCTAssertTrue(problems.first?.contains("outputs.histogram.write") ?? false, "\(problems)")
        XCTAssertTrue(problems.first?.contains("always") ?? false, "names the choices: \(problems)")
    }

    /// An absent `write` leaves the canonical manifest (and so its digest, which partials carry)
    /// as it was.
    func testAbsentWriteKeepsTheCanonicalManifest() throws {
        XCTAssertFalse(try load(required).canonicalYAML.contains("write"))
    }
}
