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
/// each metric's histogram instead.
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
            body.append("<section class=\"metric\" id=\"\(anchor(metric))\"><h3>\(e(metric))</h3>\n<div class=\"figures\">")
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

    /// The swept values of every point (the first 200).
    func pointsTable() -> String {
        let e = SVGCanvas.escape
        var rows = ["<tr><th>point</th>" + tables.columns.map { "<th>\(e($0))</th>" }.joined() + "</tr>"]
        for (p, labels) in tables.labels.enumerated().prefix(200) {
            rows.append("<tr><td>\(p)</td>" + labels.map { "<td class=\"text\">\(e($0))</td>" }.joined() + "</tr>")
        }
        let more = tables.pointCount > 200 ? "<p class=\"note\">First 200 of \(tables.pointCount) points; all are in points.csv.</p>" : ""
        return "<table>" + rows.joined(separator: "\n") + "</table>" + more
    }

    /// Every metric's statistics at point 0 (for a sweep without axes).
    func summaryTable() -> String {
        let e = SVGCanvas.escape
        let wanted = ["count", "mean", "sd", "se", "min"] + tables.statisticColumns.filter { BandPlot.quantile($0) != nil } + ["max"]
        let columns = wanted.filter { tables.statisticColumns.contains($0) }
        var rows = ["<tr><th>metric</th>" + columns.map { "<th>\(e($0))</th>" }.joined() + "</tr>"]
        for metric in tables.metrics {
            guard let row = tables.row(point: 0, metric: metric) else { continue }
            rows.append("<tr><td><code>\(e(metric))</code></td>" + columns.map { c in
                "<td>\(e(row.statistics[c].map { c == "count" ? TickText.count($0) : TickText.precise($0) } ?? ""))</td>"
            }.joined() + "</tr>")
        }
        return "<table>" + rows.joined(separator: "\n") + "</table>"
    }
}
