import Foundation
import SweepCore

/// `ticketsweep report`: one self-contained HTML page of plots for a reduced results folder.
///
/// The page holds inline SVG drawn here, a style sheet and a few lines of inline script (the
/// correlation point chooser and a self-check that the test reads); it loads nothing and works
/// offline. Sections: the sweep's facts and design; a first look (the `ticket_return` histogram
/// on a log count axis, the correlation matrix); one section per metric of `summary.csv` with
/// its mean and quantile band against each swept axis (`BandPlot`) and, for a two-axis grid, a
/// heatmap of the mean (`Heatmap`); the paired differences (`DifferencePlot`) and the Sobol'
/// indices (`SensitivityPlot`) when the folder has them; the points. A sweep without axes gets a summary table and
/// each metric's histogram instead. `capture_pooled` is shown beside the competitive-equilibrium
/// capture of `benchmarks.csv` (in its plots, the summary table and the points table), and a metric
/// that is constant across paths (SD 0) gets a note saying so, in its section, the summary table
/// and the correlation caption, rather than an empty band and grey cells alone.
public enum SweepReport {
    /// The page for the results folder at `folder`; throws `badInput` when it is not a reduced
    /// results folder.
    public static func html(folder: String) throws(SweepError) -> String {
        html(tables: try ResultsTables.load(folder: folder))
    }

    /// The page for tables already read.
    public static func html(tables: ResultsTables) -> String {
        ReportPage(tables: tables).html()
    }
}

struct ReportPage {
    let tables: ResultsTables
    let axes: DesignAxes

    init(tables: ResultsTables) {
        self.tables = tables
        self.axes = DesignAxes(tables)
    }

    func html() -> String {
        let e = SVGCanvas.escape
        var body: [String] = []
        body.append("<h1>\(e(tables.name))</h1>")
        body.append("<p class=\"meta\">" + tables.facts.map { "\(e($0.0)): <b>\(e($0.1))</b>" }.joined(separator: " · ") + "</p>")
        body.append(designText())
        var nav = ["<a href=\"#first-look\">first look</a>"]
        if !tables.differences.isEmpty { nav.append("<a href=\"#differences\">differences</a>") }
        if !tables.sensitivity.isEmpty { nav.append("<a href=\"#sensitivity\">sensitivity</a>") }
        nav += tables.metrics.map { "<a href=\"#\(anchor($0))\">\(e($0))</a>" }
        if !axes.isEmpty { nav.append("<a href=\"#points\">points</a>") }
        body.append("<nav>" + nav.joined(separator: " ") + "</nav>")

        body.append("<h2 id=\"first-look\">First look</h2>\n<div class=\"figures\">")
        let histograms = HistogramPlot(tables: tables, axes: axes)
        if let figure = histograms.figure(metric: "ticket_return", logCount: true, width: 620, height: 330, kind: "histogram:ticket_return") {
            body.append(figure)
        } else {
            body.append("<p class=\"note\">No ticket_return histogram in this folder (the metric was not among the outputs, or no ticket was used).</p>")
        }
        if let figure = CorrelationPlot(tables: tables, axes: axes).figure() {
            body.append(figure)
        } else {
            body.append("<p class=\"note\">No correlations in this folder.</p>")
        }
        body.append("</div>")

        body.append(contentsOf: researchSections())
        if axes.isEmpty {
            body.append("<h2 id=\"summary\">Summary</h2>")
            body.append(summaryTable())
        }
        body.append("<h2 id=\"metrics\">Metrics</h2>")
        body.append(axes.isEmpty
            ? "<p>The sweep has no swept axes: each metric's histogram (per-ticket metrics on a log count axis).</p>"
            : "<p>Each metric's mean (line) with its quantile band (shade) against each swept axis; hover a point for its values.</p>")
        // Metric sections flow side by side when they are narrow (one swept axis).
        body.append("<div class=\"metrics\">")
        for metric in tables.metrics {
            body.append("<section class=\"metric\" id=\"\(anchor(metric))\"><h3>\(e(metric))</h3>")
            if let note = constantNote(metric: metric) { body.append(note) }
            body.append("<div class=\"figures\">")
            body.append(contentsOf: figures(metric: metric))
            body.append("</div></section>")
        }
        body.append("</div>")
        if !axes.isEmpty {
            body.append("<h2 id=\"points\">Points</h2>")
            body.append(pointsTable())
        }
        let version = tables.facts.first { $0.0 == "version" }?.1 ?? ""
        body.append("<p class=\"meta\">Made by <code>ticketsweep report</code> \(e(version)) from the folder's summary.csv, histograms.csv, correlations.csv and run.json.</p>")
        body.append("<pre id=\"self-check\"></pre>")
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(e(tables.name)) — ticketsweep report</title>
            <style>
            \(PageStyle.css)
            </style>
            <script>
            \(PageStyle.errorHook)
            </script>
            </head>
            <body>
            \(body.joined(separator: "\n"))
            <script>
            \(CorrelationPlot.script)
            \(PageStyle.selfCheck)
            </script>
            </body>
            </html>

            """
    }

    /// The paired differences and the sensitivity indices, when the folder has their tables.
    func researchSections() -> [String] {
        var out: [String] = []
        if !tables.differences.isEmpty {
            out.append("<h2 id=\"differences\">Paired differences</h2>")
            out.append("<p>Each point against its baseline (<code>differences.csv</code>): the difference with its paired and unpaired 95% intervals.</p>\n<div class=\"figures\">")
            let plot = DifferencePlot(tables: tables, axes: axes)
            for metric in plot.metrics {
                out.append(plot.figure(metric: metric) ?? "<p class=\"note\">No finite difference of \(SVGCanvas.escape(metric)).</p>")
            }
            out.append("</div>")
        }
        if !tables.sensitivity.isEmpty {
            out.append("<h2 id=\"sensitivity\">Sensitivity</h2>")
            out.append("<p>Sobol' indices of each statistic over the Saltelli design (<code>sensitivity.csv</code>).</p>\n<div class=\"figures\">")
            let plot = SensitivityPlot(tables: tables)
            for metric in plot.metrics {
                out.append(plot.figure(metric: metric) ?? "<p class=\"note\">No finite index of \(SVGCanvas.escape(metric)).</p>")
            }
            out.append("</div>")
        }
        return out
    }

    /// The plots of one metric, or notes saying why one is missing.
    func figures(metric: String) -> [String] {
        var out: [String] = []
        if axes.isEmpty {
            guard metric != "ticket_return" else {
                return ["<p class=\"note\">Shown under <a href=\"#first-look\">first look</a>.</p>"]
            }
            if metric == ResultsTables.benchmarkedMetric, let row = tables.row(point: 0, metric: metric) {
                return ["<p class=\"note\">One number per point (no histogram): \(SVGCanvas.escape(pooledText(row.statistics, point: 0))); see the summary table.</p>"]
            }
            let log = metric.hasPrefix("ticket_")
            return [HistogramPlot(tables: tables, axes: axes).figure(metric: metric, logCount: log, width: BandPlot.width, height: BandPlot.height, kind: "histogram:\(metric)")
                    ?? "<p class=\"note\">No histogram of \(SVGCanvas.escape(metric)) (no finite values).</p>"]
        }
        let bands = BandPlot(tables: tables, axes: axes)
        for x in axes.axes.indices {
            out.append(bands.figure(metric: metric, x: x)
                       ?? "<p class=\"note\">No finite mean of \(SVGCanvas.escape(metric)) against \(SVGCanvas.escape(axes.axes[x].name)).</p>")
        }
        if tables.design.grid.count == 2 {
            out.append(Heatmap(tables: tables, axes: axes).figure(metric: metric)
                       ?? "<p class=\"note\">No finite mean of \(SVGCanvas.escape(metric)) for a heatmap.</p>")
        }
        return out
    }

    /// An id for a metric's section (letters, digits, `-` and `_`; others become `-`).
    func anchor(_ metric: String) -> String {
        "m-" + String(metric.map { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" ? $0 : "-" })
    }

    /// The design in words: each axis with its kind and values.
    func designText() -> String {
        let e = SVGCanvas.escape
        guard !axes.isEmpty else { return "<p>No swept axes: one point, plotted as histograms and a table.</p>" }
        var items: [String] = []
        for axis in axes.axes {
            switch axis.kind {
            case .grid:
                items.append("<li><code>\(e(axis.name))</code> — grid, \(axis.levels.count) values: \(e(levelList(axis)))</li>")
            case .zip:
                let with = axis.companions.isEmpty ? "" : " (with \(axis.companions.map { "<code>\(e($0))</code>" }.joined(separator: ", ")))"
                items.append("<li><code>\(e(axis.name))</code>\(with) — zip, \(axis.levels.count) values: \(e(levelList(axis)))</li>")
            case .sample:
                let values = axes.sampled.map { $0[axes.axes.firstIndex { $0.name == axis.name }!] }.filter(\.isFinite)
                let range = values.isEmpty ? "" : ", \(TickText.precise(values.min()!)) to \(TickText.precise(values.max()!))"
                items.append("<li><code>\(e(axis.name))</code> — sampled (\(e(tables.design.sampleMethod ?? "?")), \(axes.sampleCount) points\(range))</li>")
            }
        }
        return "<p>\(tables.pointCount) points over:</p><ul>" + items.joined() + "</ul>"
    }

    /// An axis's values, each after its short name when the plots use one ("fixed: {mechanism: fixed, ...}").
    func levelList(_ axis: DesignAxes.Axis) -> String {
        let short = axis.short
        return zip(short, axis.levels).map { $0 == $1 || axis.values != nil ? $1 : "\($0) = \($1)" }.joined(separator: "; ")
    }

    /// `capture_pooled ± se` and the equilibrium capture, as the tables show them.
    func pooledText(_ statistics: [String: Double], point: Int) -> String {
        var text = "capture_pooled " + (statistics["mean"].map(TickText.precise) ?? "n/a")
        if let se = statistics["se"], se.isFinite { text += " ± " + TickText.precise(se) }
        text += "; equilibrium capture " + (tables.equilibriumCapture(point: point).map(TickText.precise) ?? "n/a (no clearing price)")
        return text
    }

    /// The note beside a metric that is constant across paths (or tickets) at some or all
    /// points, naming those points; nil when it varies everywhere.
    func constantNote(metric: String) -> String? {
        let e = SVGCanvas.escape
        let points = tables.constantPoints(metric: metric)
        guard !points.isEmpty else { return nil }
        let over = metric.hasPrefix("ticket_") ? "tickets" : "paths"
        let where_ = points.count == tables.pointCount
            ? (tables.pointCount == 1 ? "" : " at every point")
            : " at \(points.count) of \(tables.pointCount) points (" + points.prefix(12).map { "point \($0)" }.joined(separator: ", ") + (points.count > 12 ? ", …" : "") + ")"
        let why = over == "paths"
            ? " Every path gives the same value, so there is no band and no correlation. Under exact beliefs the market does not depend on the realised values, so prices, sales, pool and revenue follow the same trajectory on every path (MODEL.md section 10); a class that never buys is constant too."
            : " Every ticket gives the same value."
        return "<p class=\"note constant\" data-constant=\"\(e(metric))\">Constant across \(over)\(e(where_)) (SD 0 over the \(over)).\(why)</p>"
    }

    /// The swept values of every point (the first 200), with `capture_pooled` and the
    /// equilibrium capture when the folder has them.
    func pointsTable() -> String {
        let e = SVGCanvas.escape
        let pooled = tables.metrics.contains(ResultsTables.benchmarkedMetric)
        let benchmark = !tables.benchmarks.isEmpty
        var rows = ["<tr><th>point</th>" + tables.columns.map { "<th>\(e($0))</th>" }.joined()
                    + (pooled ? "<th>capture_pooled (± se)</th>" : "") + (benchmark ? "<th>equilibrium capture</th>" : "") + "</tr>"]
        for (p, labels) in tables.labels.enumerated().prefix(200) {
            var cells = labels.map { "<td class=\"text\">\(e($0))</td>" }
            if pooled {
                let s = tables.row(point: p, metric: ResultsTables.benchmarkedMetric)?.statistics ?? [:]
                let text = (s["mean"].map(TickText.precise) ?? "") + (s["se"].flatMap { $0.isFinite ? " ± " + TickText.precise($0) : nil } ?? "")
                cells.append("<td>\(e(text))</td>")
            }
            if benchmark { cells.append("<td>\(e(tables.equilibriumCapture(point: p).map(TickText.precise) ?? "n/a"))</td>") }
            rows.append("<tr><td>\(p)</td>" + cells.joined() + "</tr>")
        }
        let more = tables.pointCount > 200 ? "<p class=\"note\">First 200 of \(tables.pointCount) points; all are in points.csv.</p>" : ""
        return "<table>" + rows.joined(separator: "\n") + "</table>" + more
    }

    /// Every metric's statistics at point 0 (for a sweep without axes), with an `equilibrium`
    /// column (the equilibrium capture, on `capture_pooled`'s row) and a `note` column (constant
    /// across paths).
    func summaryTable() -> String {
        let e = SVGCanvas.escape
        let wanted = ["count", "mean", "sd", "se", "min"] + tables.statisticColumns.filter { BandPlot.quantile($0) != nil } + ["max"]
        let columns = wanted.filter { tables.statisticColumns.contains($0) }
        var rows = ["<tr><th>metric</th>" + columns.map { "<th>\(e($0))</th>" }.joined() + "<th>equilibrium</th><th>note</th></tr>"]
        for metric in tables.metrics {
            guard let row = tables.row(point: 0, metric: metric) else { continue }
            let equilibrium = metric == ResultsTables.benchmarkedMetric ? tables.equilibriumCapture(point: 0).map(TickText.precise) ?? "n/a" : ""
            let note = tables.isConstant(point: 0, metric: metric) ? "constant across \(metric.hasPrefix("ticket_") ? "tickets" : "paths") (SD 0)" : ""
            rows.append("<tr><td><code>\(e(metric))</code></td>" + columns.map { c in
                "<td>\(e(row.statistics[c].map { c == "count" ? TickText.count($0) : TickText.precise($0) } ?? ""))</td>"
            }.joined() + "<td class=\"equilibrium\">\(e(equilibrium))</td><td class=\"text\">\(e(note))</td></tr>")
        }
        return "<table>" + rows.joined(separator: "\n") + "</table>"
    }
}
