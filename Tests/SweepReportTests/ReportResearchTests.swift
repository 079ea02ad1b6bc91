import Foundation
@testable import SweepReport
import XCTest

/// The report's rows of paired differences and its sensitivity bar charts.
extension ReportPageTests {
    func testDifferencesAndSensitivityGetTheirFigures() throws {
        let folder = ResultsFixture.write(grid: [Axis(path: "pricing.quotient", values: ["4", "8", "16"])])
        let differences = """
            point,metric,baseline,difference,se_paired,se_unpaired
            0,capture_ratio,1,-0.25,0.01,0.04
            1,capture_ratio,1,0,0,0.04
            2,capture_ratio,1,0.5,nan,inf
            0,ticket_return,1,1.5,nan,0.5
            1,ticket_return,1,0,nan,0.5
            2,ticket_return,1,nan,nan,0.5

            """
        let sensitivity = """
            metric,parameter,S1,S1_conf,ST,ST_conf
            capture_ratio,pricing.quotient,0.75,0.125,0.875,0.0625
            capture_ratio,builders.noise,-0.05,0.1,0.125,nan
            ticket_return:p99,pricing.quotient,nan,nan,1.5,0.25

            """
        try differences.write(toFile: folder + "/differences.csv", atomically: true, encoding: .utf8)
        try sensitivity.write(toFile: folder + "/sensitivity.csv", atomically: true, encoding: .utf8)
        let html = try page(folder)
        let research = plots(html).filter { $0.hasPrefix("difference:") || $0.hasPrefix("sensitivity:") }
        XCTAssertEqual(research, ["difference:capture_ratio", "difference:ticket_return",
                                  "sensitivity:capture_ratio", "sensitivity:ticket_return:p99"])
        XCTAssertTrue(html.contains("<a href=\"#differences\">differences</a>"))
        XCTAssertTrue(html.contains("<a href=\"#sensitivity\">sensitivity</a>"))
        XCTAssertTrue(html.contains("a per-ticket metric has no paired bar"))
        // The paired/unpaired ratio of point 0's capture (0.01 / 0.04) is in its tooltip.
        XCTAssertTrue(html.contains("(ratio 0.25)"), "ratio tooltip")
        assertWellFormed(html)
    }

    func testNoResearchSectionsWithoutTheirTables() throws {
        let html = try page(ResultsFixture.write(grid: [Axis(path: "pricing.quotient", values: ["4", "8"])]))
        XCTAssertFalse(html.contains("id=\"differences\""))
        XCTAssertFalse(html.contains("id=\"sensitivity\""))
    }
}
