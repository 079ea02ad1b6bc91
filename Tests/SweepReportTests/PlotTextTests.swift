@testable import SweepReport
import XCTest

/// Band columns, tick labels and axis scales of the report.
final class PlotTextTests: XCTestCase {
    func testQuantileColumnsAndTheBandChoice() {
        XCTAssertEqual(BandPlot.quantile("p05"), 0.05)
        XCTAssertEqual(BandPlot.quantile("p99_9"), 0.999)
        XCTAssertNil(BandPlot.quantile("point"))
        XCTAssertNil(BandPlot.quantile("mean"))
        let quickstart = ["count", "mean", "min", "p01", "p05", "p25", "p50", "p75", "p95", "p99", "max"]
        XCTAssertEqual(BandPlot.bandColumns(quickstart)?.low, "p05")
        XCTAssertEqual(BandPlot.bandColumns(quickstart)?.high, "p95")
        let smallGrid = ["count", "mean", "min", "p01", "p50", "p99", "p99_9", "max"]
        XCTAssertEqual(BandPlot.bandColumns(smallGrid)?.low, "p01")
        XCTAssertEqual(BandPlot.bandColumns(smallGrid)?.high, "p99")
        XCTAssertNil(BandPlot.bandColumns(["mean", "p50"]))
    }

    func testTickText() {
        XCTAssertEqual(TickText.text(14_300_000), "1.43e7")
        XCTAssertEqual(TickText.text(0.05), "0.05")
        XCTAssertEqual(TickText.text(1250), "1250")
        XCTAssertEqual(TickText.text(-0.0), "0")
        XCTAssertEqual(TickText.text(0.0002), "2e-4")
        XCTAssertEqual(TickText.count(7_172_947), "7.2M")
        XCTAssertEqual(TickText.count(950), "950")
    }

    func testLogScaleChoiceForAxes() {
        XCTAssertTrue(DesignAxes.isLogSpaced([2, 4, 8, 16, 32]))
        XCTAssertTrue(DesignAxes.isLogSpaced([16, 32, 64, 128, 256]))
        XCTAssertFalse(DesignAxes.isLogSpaced([4, 16]))
        XCTAssertFalse(DesignAxes.isLogSpaced([0.1, 0.2, 0.3]))
        XCTAssertFalse(DesignAxes.isLogSpaced([-1, 10, 100]))
        XCTAssertTrue(DesignAxes.isLogSpaced([0.01, 5]))
    }
}
