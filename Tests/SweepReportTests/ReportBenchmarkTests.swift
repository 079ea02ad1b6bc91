import Foundation
@testable import SweepReport
import XCTest

/// The competitive-equilibrium benchmark beside `capture_pooled`, and the notes on metrics that
/// are constant across paths (MODEL.md sections 8 and 10), on fixture folders of known values.
extension ReportPageTests {
    static let quotients = Axis(path: "pricing.quotient", values: ["2", "8", "32"])
    static let pooled: [(mean: Double, se: Double)] = [(0.25, 0.0125), (0.625, 0.025), (1.125, 0.05)]
    static let equilibrium = [0.375, 0.8125, 1.75]

    /// The figure of `kind` (`data-plot`), up to its closing tag.
    func figure(_ kind: String, in html: String) -> String? {
        guard let start = html.range(of: "data-plot=\"\(kind)\"") else { return nil }
        return String(html[start.lowerBound...]).components(separatedBy: "</figure>")[0]
    }

    /// The squares' tooltips give each point's equilibrium capture in axis order, and the line,
    /// the squares and the caption are on `capture_pooled`'s plot only.
    func testTheBenchmarkIsDrawnBesideCapturePooled() throws {
        let html = try page(ResultsFixture.write(grid: [Self.quotients], pooled: Self.pooled, benchmarks: Self.equilibrium))
        let plot = try XCTUnwrap(figure("band:capture_pooled:pricing.quotient", in: html), "capture_pooled has its band plot")
        let tips = matches(#"class="mark bench-dot"[^>]*><title>[^<]*equilibrium capture ([0-9.]+) \(benchmarks.csv\)"#, in: plot).map { $0[1] }
        XCTAssertEqual(tips, ["0.375", "0.8125", "1.75"])
        XCTAssertEqual(matches(#"<path [^>]*class="mark bench""#, in: plot).count, 1, "one dashed line through the three levels")
        XCTAssertTrue(plot.contains("competitive-equilibrium capture"), "the caption says what the dashed line is")
        XCTAssertTrue(plot.contains("<figcaption>Mean of capture_pooled;"), "no band is claimed for a metric without quantiles")
        // The squares sit above the means (1.75 > 1.125 at A = 32): smaller y in SVG.
        let squareY = matches(#"<rect[^>]*class="mark bench-dot"[^>]*>"#, in: plot).compactMap { m in
            matches(#"\sy="([-0-9.]+)""#, in: m[0]).first.flatMap { Double($0[1]) }
        }
        let dotY = matches(#"<circle[^>]*cy="([-0-9.]+)"[^>]*class="mark dot"#, in: plot).compactMap { Double($0[1]) }
        XCTAssertEqual(squareY.count, 3)
        XCTAssertEqual(dotY.count, 3)
        for (s, d) in zip(squareY, dotY) { XCTAssertLessThan(s + 2.5, d, "equilibrium above the simulated mean") }
        // The points table has both columns.
        XCTAssertTrue(html.contains("<th>capture_pooled (± se)</th><th>equilibrium capture</th>"))
        XCTAssertTrue(html.contains("<td>1.125 ± 0.05</td><td>1.75</td>"))
        for other in metrics {
            XCTAssertFalse(figure("band:\(other):pricing.quotient", in: html)?.contains("bench") ?? true, "\(other) has no benchmark")
        }
        assertWellFormed(html)
    }

    /// `run.json`'s benchmark records serve when the folder has no `benchmarks.csv`; a `null`
    /// capture (no clearing price) is left out, never drawn at 0.
    func testTheBenchmarkFromRunJSONAndAMissingOne() throws {
        let html = try page(ResultsFixture.write(grid: [Self.quotients], pooled: Self.pooled,
                                                 benchmarks: [0.375, .nan, 1.75], benchmarksInRun: true))
        let plot = try XCTUnwrap(figure("band:capture_pooled:pricing.quotient", in: html))
        let tips = matches(#"equilibrium capture ([0-9.]+) \(benchmarks.csv\)"#, in: plot).map { $0[1] }
        XCTAssertEqual(tips, ["0.375", "1.75"])
        XCTAssertTrue(html.contains("<td>0.625 ± 0.025</td><td>n/a</td>"))
        assertWellFormed(html)
        let none = try page(ResultsFixture.write(grid: [Self.quotients], pooled: Self.pooled))
        XCTAssertFalse(none.contains("class=\"mark bench"))
        XCTAssertFalse(none.contains("equilibrium capture</th>"))
    }

    /// A sweep without axes: the summary table's `equilibrium` column holds the benchmark on
    /// `capture_pooled`'s row, and its section states both numbers.
    func testTheSummaryTableHasTheBenchmarkColumn() throws {
        let html = try page(ResultsFixture.write(grid: [], pooled: [(0.5, 0.03125)], benchmarks: [0.875]))
        XCTAssertTrue(html.contains("<th>equilibrium</th><th>note</th>"))
        let row = try XCTUnwrap(matches(#"<tr><td><code>capture_pooled</code></td>.*?</tr>"#, in: html).first?[0])
        XCTAssertTrue(row.contains("<td class=\"equilibrium\">0.875</td>"), row)
        XCTAssertTrue(row.contains("<td>0.5</td>"), row)
        XCTAssertTrue(html.contains("capture_pooled 0.5 ± 0.03125; equilibrium capture 0.875"))
        assertWellFormed(html)
    }

    /// A metric with SD 0 over the paths gets a note in its section naming where, and the
    /// correlation caption names it; a metric that varies gets none.
    func testConstantMetricsAreNamed() throws {
        let html = try page(ResultsFixture.write(grid: [Self.quotients], constant: ["price_sd": [0, 1, 2], "capture_ratio": [2]]))
        let notes = matches(#"<p class="note constant" data-constant="([^"]*)">([^<]*)</p>"#, in: html)
        XCTAssertEqual(notes.map { $0[1] }, ["capture_ratio", "price_sd"])
        XCTAssertTrue(notes[0][2].contains("Constant across paths at 1 of 3 points (point 2)"), notes[0][2])
        XCTAssertTrue(notes[1][2].contains("Constant across paths at every point (SD 0 over the paths)"), notes[1][2])
        // The note sits in the metric's own section.
        let section = try XCTUnwrap(html.components(separatedBy: "id=\"m-price_sd\"").dropFirst().first)
        XCTAssertTrue(section.components(separatedBy: "</section>")[0].contains("data-constant=\"price_sd\""))
        let caption = try XCTUnwrap(matches(#"data-plot="correlation"[\s\S]*?<figcaption>([^<]*)</figcaption>"#, in: html).first?[1])
        XCTAssertTrue(caption.contains("constant across paths (SD 0) at every point shown: price_sd"), caption)
        XCTAssertTrue(caption.contains("at some points: capture_ratio"), caption)
        XCTAssertFalse(caption.contains("hhi"), caption)
        assertWellFormed(html)
    }

    /// Without axes, the summary table's `note` column says which metrics are constant.
    func testTheSummaryTableNotesConstantMetrics() throws {
        let html = try page(ResultsFixture.write(grid: [], constant: ["price_sd": [0]]))
        let rows = matches(#"<tr><td><code>([a-z_]+)</code></td>.*?<td class="text">([^<]*)</td></tr>"#, in: html)
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: rows.map { ($0[1], $0[2]) }),
                       ["capture_ratio": "", "hhi": "", "price_sd": "constant across paths (SD 0)", "ticket_return": ""])
        let caption = try XCTUnwrap(matches(#"data-plot="correlation"[\s\S]*?<figcaption>([^<]*)</figcaption>"#, in: html).first?[1])
        XCTAssertTrue(caption.contains("constant across paths (SD 0): price_sd"), caption)
    }
}
