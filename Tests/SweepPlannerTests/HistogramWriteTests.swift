import XCTest
import SweepPlanner

/// `outputs.histogram.write`: histograms by default for designs of at most 2000 points.
final class HistogramWriteTests: XCTestCase {
    func testAutoWritesUpTo2000Points() {
        XCTAssertTrue(HistogramWrite.auto.writes(pointCount: 1))
        XCTAssertTrue(HistogramWrite.auto.writes(pointCount: 2000))
        XCTAssertFalse(HistogramWrite.auto.writes(pointCount: 2001))
        XCTAssertFalse(HistogramWrite.auto.writes(pointCount: 100_000))
        XCTAssertTrue(HistogramWrite.always.writes(pointCount: 100_000))
        XCTAssertFalse(HistogramWrite.never.writes(pointCount: 1))
    }
}
