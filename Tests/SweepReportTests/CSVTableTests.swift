@testable import SweepReport
import XCTest

/// The RFC 4180 reader against hand-written tables.
final class CSVTableTests: XCTestCase {
    func testPlainTableWithAndWithoutFinalLineBreak() throws {
        for text in ["a,b\n1,2\n3,4\n", "a,b\n1,2\n3,4", "a,b\r\n1,2\r\n3,4\r\n"] {
            let t = try CSVTable(text: text)
            XCTAssertEqual(t.header, ["a", "b"], text)
            XCTAssertEqual(t.rows, [["1", "2"], ["3", "4"]], text)
        }
    }

    func testQuotedFieldsHoldCommasQuotesAndLineBreaks() throws {
        let t = try CSVTable(text: "point,pricing,note\n0,\"{mechanism: fixed, price: 0.1}\",\"say \"\"hi\"\"\"\n1,\"two\nlines\",\"\"\n")
        XCTAssertEqual(t.rows.count, 2)
        XCTAssertEqual(t.rows[0], ["0", "{mechanism: fixed, price: 0.1}", "say \"hi\""])
        XCTAssertEqual(t.rows[1], ["1", "two\nlines", ""])
    }

    func testEmptyFieldsAndShortRecords() throws {
        let t = try CSVTable(text: "a,b,c\n,,\n1\n")
        XCTAssertEqual(t.rows, [["", "", ""], ["1"]])
        XCTAssertEqual(t.cell(t.rows[1], 2), "")
        XCTAssertEqual(t.column("c"), 2)
        XCTAssertNil(t.column("d"))
    }

    func testUnclosedQuoteIsAnErrorWithItsLine() {
        XCTAssertThrowsError(try CSVTable(text: "a,b\n1,2\n3,\"open\n")) { error in
            XCTAssertEqual((error as? CSVTable.ParseError)?.line, 3)
        }
        XCTAssertThrowsError(try CSVTable(text: "a\n\"x\"y\n")) { error in
            XCTAssertEqual((error as? CSVTable.ParseError)?.line, 2)
        }
    }

    func testNumbersIncludingTheTablesNonFiniteSpellings() {
        XCTAssertEqual(CSVTable.number("0.25"), 0.25)
        XCTAssertEqual(CSVTable.number("-1e-3"), -0.001)
        XCTAssertEqual(CSVTable.number("inf"), .infinity)
        XCTAssertEqual(CSVTable.number("-inf"), -.infinity)
        XCTAssertTrue(CSVTable.number("nan")!.isNaN)
        XCTAssertTrue(CSVTable.number("NaN")!.isNaN)
        XCTAssertNil(CSVTable.number(""))
        XCTAssertNil(CSVTable.number("fixed"))
    }

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
