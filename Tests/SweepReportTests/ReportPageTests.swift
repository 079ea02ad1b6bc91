import SweepCore
@testable import SweepReport
import XCTest

/// The page generated for fixture folders: which figures, and what may never be in it.
final class ReportPageTests: XCTestCase {
    typealias Axis = ResultsFixture.Axis
    let metrics = ResultsFixture.metrics

    func page(_ folder: String) throws -> String {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        return try SweepReport.html(folder: folder)
    }

    /// The `data-plot` of every figure, in page order.
    func plots(_ html: String) -> [String] {
        matches(#"<figure class="plot[^"]*" data-plot="([^"]*)""#, in: html).map { $0[1] }
    }

    func matches(_ pattern: String, in text: String) -> [[String]] {
        let regex = try! NSRegularExpression(pattern: pattern)
        let ns = text as NSString
        return regex.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { m in
            (0..<m.numberOfRanges).map { m.range(at: $0).location == NSNotFound ? "" : ns.substring(with: m.range(at: $0)) }
        }
    }

    /// No geometry attribute holds a non-finite number, no URL, and every figure has marks.
    func assertWellFormed(_ html: String, file: StaticString = #filePath, line: UInt = #line) {
        let geometry = #"\s(x|y|x1|y1|x2|y2|cx|cy|r|width|height|d|viewBox|transform)="([^"]*)""#
        let bad = matches(geometry, in: html).filter { $0[2].lowercased().contains("nan") || $0[2].lowercased().contains("inf") }
        XCTAssertEqual(bad.map { $0[0] }, [], "non-finite numbers in SVG attributes", file: file, line: line)
        XCTAssertFalse(html.lowercased().contains("http"), "the page must not refer to any URL", file: file, line: line)
        XCTAssertFalse(html.contains("<script src"), file: file, line: line)
        let figures = html.components(separatedBy: "<figure class=\"plot").dropFirst()
        for figure in figures {
            let body = figure.components(separatedBy: "</figure>")[0]
            XCTAssertTrue(body.contains("<svg"), "a figure without svg: \(body.prefix(120))", file: file, line: line)
            XCTAssertTrue(body.contains("class=\"mark"), "a figure without marks: \(body.prefix(120))", file: file, line: line)
            XCTAssertTrue(body.contains("class=\"title\""), "a figure without a title", file: file, line: line)
            XCTAssertTrue(body.contains("class=\"tick\""), "a figure without ticks", file: file, line: line)
        }
        XCTAssertTrue(html.contains("<pre id=\"self-check\">"), file: file, line: line)
    }

    func testTwoAxisGridHasBandsHeatmapsHistogramAndCorrelations() throws {
        let html = try page(ResultsFixture.write(grid: [
            Axis(path: "pricing.quotient", values: ["2", "8", "32"]),
            Axis(path: "builders.noise", values: ["0.05", "0.2"]),
        ]))
        var expected = ["histogram:ticket_return", "correlation"]
        for m in metrics {
            expected += ["band:\(m):pricing.quotient", "band:\(m):builders.noise", "heatmap:\(m)"]
        }
        XCTAssertEqual(plots(html), expected)
        assertWellFormed(html)
        // The nan mean of hhi at point 1 is a grey n/a cell, not a coloured one.
        XCTAssertTrue(html.contains(">n/a</text>"))
    }

    func testZipIsOneAxisAndTheGridStillGetsAHeatmap() throws {
        let html = try page(ResultsFixture.write(
            grid: [Axis(path: "pricing.quotient", values: ["4", "16"]), Axis(path: "builders.noise", values: ["0.05", "0.2"])],
            zip: [Axis(path: "buyers[lottery].count", values: ["5", "20"]), Axis(path: "buyers[lottery].discount_rate", values: ["0.01", "0.1"])]))
        let p = plots(html)
        XCTAssertEqual(p.count, 2 + metrics.count * 4)
        XCTAssertEqual(p.filter { $0.hasPrefix("heatmap:") }.count, metrics.count)
        XCTAssertTrue(p.contains("band:capture_ratio:buyers[lottery].count"))
        XCTAssertFalse(p.contains { $0.hasSuffix(":buyers[lottery].discount_rate") }, "a zip is one axis")
        XCTAssertTrue(html.contains("held at buyers[lottery].count = 5"))
        assertWellFormed(html)
    }

    func testNoHeatmapForOneOrThreeGridAxes() throws {
        let one = try page(ResultsFixture.write(grid: [Axis(path: "pricing.quotient", values: ["2", "4", "8", "16", "32"])]))
        XCTAssertEqual(plots(one), ["histogram:ticket_return", "correlation"] + metrics.map { "band:\($0):pricing.quotient" })
        assertWellFormed(one)
        let three = try page(ResultsFixture.write(grid: [
            Axis(path: "a", values: ["1", "2"]), Axis(path: "b", values: ["1", "2", "3"]), Axis(path: "c", values: ["0.1", "0.2"]),
        ]))
        XCTAssertEqual(plots(three).count, 2 + 3 * metrics.count)
        XCTAssertFalse(three.contains("data-plot=\"heatmap"))
        assertWellFormed(three)
    }

    func testSweepWithoutAxesShowsTablesAndHistograms() throws {
        let html = try page(ResultsFixture.write(grid: []))
        let expected = ["histogram:ticket_return", "correlation"] + metrics.filter { $0 != "ticket_return" }.map { "histogram:\($0)" }
        XCTAssertEqual(plots(html), expected)
        XCTAssertTrue(html.contains("<h2 id=\"summary\">Summary</h2>"))
        XCTAssertFalse(html.contains("data-plot=\"band:"))
        assertWellFormed(html)
    }

    func testSampledParametersAreScatteredAndCategoricalAxesWork() throws {
        let html = try page(ResultsFixture.write(
            grid: [Axis(path: "pricing", values: ["{mechanism: fixed, price: 0.1}", "{mechanism: eip1559}"])],
            sample: (paths: ["value.alpha", "builders.noise"], points: 6)))
        let p = plots(html)
        XCTAssertEqual(p.count, 2 + metrics.count * 3)
        XCTAssertTrue(p.contains("band:hhi:value.alpha"))
        XCTAssertTrue(p.contains("band:hhi:pricing"))
        XCTAssertTrue(html.contains("averaged over 6 sampled points"))
        XCTAssertTrue(html.contains("mechanism: fixed, price: 0.1"))
        assertWellFormed(html)
    }

    func testCorrelationPointChooserOnlyWithSeveralPoints() throws {
        let several = try page(ResultsFixture.write(grid: [Axis(path: "a", values: ["1", "2", "3"])]))
        XCTAssertEqual(several.components(separatedBy: "<g class=\"corr-point\"").count - 1, 3)
        XCTAssertTrue(several.contains("<select id=\"corr-point\">"))
        let single = try page(ResultsFixture.write(grid: []))
        XCTAssertFalse(single.contains("<select"))
    }

    func testAFolderThatIsNotReducedIsBadInput() throws {
        let dir = ResultsFixture.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        ResultsFixture.write(["name: x"], "manifest.yaml", in: dir)
        XCTAssertThrowsError(try SweepReport.html(folder: dir)) { error in
            let e = error as? SweepError
            XCTAssertEqual(e?.code, .badInput)
            XCTAssertTrue(e?.message.contains("ticketsweep reduce") ?? false, e?.message ?? "")
        }
        XCTAssertThrowsError(try SweepReport.html(folder: dir + "/nowhere")) { error in
            XCTAssertEqual((error as? SweepError)?.code, .badInput)
        }
    }
}
