import Foundation

/// The correlation matrix of the per-path metrics as a colour grid (blue −1, white 0, red +1).
///
/// One matrix per point for up to `maxPoints` points; the first is shown and a `<select>` (three
/// lines of inline script in the page) shows another. A correlation that is undefined (a metric
/// constant over the paths) is a grey cell, and the caption names the metrics that are constant
/// over the paths of the points shown (from `summary.csv`'s SD).
struct CorrelationPlot {
    static let maxPoints = 40

    let tables: ResultsTables
    let axes: DesignAxes

    /// The figure, or nil when the folder has no correlations.
    func figure() -> String? {
        let points = tables.correlations.keys.sorted().prefix(Self.maxPoints)
        guard let first = points.first, let names = tables.correlations[first]?.metrics, !names.isEmpty else { return nil }
        let m = Double(names.count)
        let cell = max(min(30, 440 / m), 12)
        let longest = Double(min(names.map(\.count).max() ?? 0, 22)) * PlotFrame.charWidth
        let left = longest + 12
        let top = 34 + longest * 0.91 + 8
        let width = left + m * cell + 76
        let height = top + m * cell + 16
        var c = SVGCanvas(width: width, height: height)
        let title = "Correlations between per-path metrics"
        c.add("<title>\(SVGCanvas.escape(title))</title>")
        c.text(title, x: 6, y: 17, cls: "title")
        for (i, name) in names.enumerated() {
            let y = top + (Double(i) + 0.5) * cell
            c.text(TickText.shortened(name, 22), x: left - 6, y: y + 3.5, anchor: "end", cls: "tick")
            let x = left + (Double(i) + 0.5) * cell
            c.text(TickText.shortened(name, 22), x: x + 3, y: top - 6, cls: "tick", rotate: -65)
        }
        let showValues = cell >= 28
        for (k, point) in points.enumerated() {
            guard let (own, matrix) = tables.correlations[point] else { continue }
            c.add("<g class=\"corr-point\" data-point=\"\(point)\"\(k == 0 ? "" : " style=\"display:none\"")>")
            for (i, a) in names.enumerated() {
                for (j, b) in names.enumerated() {
                    guard let ia = own.firstIndex(of: a), let jb = own.firstIndex(of: b) else { continue }
                    let r = matrix[ia][jb]
                    let fill = r.isFinite ? SVGCanvas.diverging(r) : "#d9d9d9"
                    let (x, y) = (left + Double(j) * cell, top + Double(i) * cell)
                    let tip = "\(a) × \(b): \(r.isFinite ? String(format: "%.3f", r) : "undefined")"
                    c.rect(x: x, y: y, width: cell, height: cell, fill: fill, cls: "mark cell", tip: tip)
                    if showValues && r.isFinite && i != j {
                        c.text(String(format: "%.2f", r).replacingOccurrences(of: "0.", with: "."), x: x + cell / 2, y: y + cell / 2 + 3.5,
                               anchor: "middle", cls: abs(r) > 0.6 ? "cell-text light small" : "cell-text dark small")
                    }
                }
            }
            c.add("</g>")
        }
        // Colour bar from -1 (bottom) to +1 (top).
        let barX = left + m * cell + 16
        let span = m * cell
        for i in 0..<32 {
            let t = -1 + 2 * (Double(i) + 0.5) / 32
            let y = top + span - Double(i + 1) * span / 32
            c.rect(x: barX, y: y, width: 12, height: span / 32 + 0.6, fill: SVGCanvas.diverging(t))
        }
        for v in [-1.0, -0.5, 0, 0.5, 1] {
            let y = top + span * (1 - (v + 1) / 2)
            c.line(barX + 12, y, barX + 15, y, cls: "axis")
            c.text(TickText.text(v), x: barX + 18, y: y + 3.5, cls: "tick")
        }
        var controls = ""
        if points.count > 1 {
            let options = points.map { "<option value=\"\($0)\">\(SVGCanvas.escape(TickText.shortened("point \($0): " + axes.label(point: $0), 90)))</option>" }
            controls = "<label class=\"control\">Point <select id=\"corr-point\">\(options.joined())</select></label>\n"
        }
        var caption = "Pearson correlation between per-path metrics over the paths of "
        caption += points.count > 1 ? "the chosen point" : "point \(first)"
        if tables.correlations.count > points.count { caption += " (the first \(points.count) of \(tables.correlations.count) points can be chosen)" }
        let constant = tables.constantMetrics(among: Array(points))
        let named = (everywhere: constant.everywhere.filter(names.contains), somewhere: constant.somewhere.filter(names.contains))
        if named.everywhere.isEmpty && named.somewhere.isEmpty {
            caption += "; grey: undefined (a metric constant over the paths)."
        } else {
            caption += "; grey: undefined, because a metric is constant across paths (SD 0)"
            if !named.everywhere.isEmpty {
                caption += (points.count > 1 ? " at every point shown: " : ": ") + named.everywhere.joined(separator: ", ")
            }
            if !named.somewhere.isEmpty {
                caption += (named.everywhere.isEmpty ? "" : ";") + " at some points: " + named.somewhere.joined(separator: ", ")
            }
            caption += " (under exact beliefs the market does not depend on the realised values: prices, sales and pool follow the same trajectory on every path)."
        }
        caption += " Hover a cell for its value."
        return Figure.html(kind: "correlation", svg: controls + c.svg(label: title), caption: caption, width: width)
    }

    /// The inline script that shows the chosen point's matrix (none when there is one point).
    static let script = """
        var corr = document.getElementById('corr-point');
        if (corr) corr.addEventListener('change', function () {
          document.querySelectorAll('g.corr-point').forEach(function (g) { g.style.display = g.dataset.point === corr.value ? '' : 'none'; });
        });
        """
}
