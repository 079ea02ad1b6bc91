import XCTest
@testable import SweepManifest
import SweepPlanner

/// `outputs.histogram.write` in a manifest (the policy itself is tested in SweepPlannerTests).
final class HistogramPolicyTests: XCTestCase {
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
