import SweepCore
import XCTest

/// The CSV reader (RFC 4180, through CSV.swift) against hand-written tables.
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
        XCTAssertEqual(t.rowLines, [2, 3])
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
        XCTAssertThrowsError(try CSVTable(text: "a,b\n\"one\ntwo\",2\n\"x,1\n4,5\n")) { error in
            XCTAssertEqual((error as? CSVTable.ParseError)?.line, 4, "the record after a quoted line break starts on line 4")
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
}
