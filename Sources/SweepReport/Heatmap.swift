import Foundation

/// A metric's mean over a two-axis grid: one cell per pair of levels, coloured with viridis.
///
/// Rows are the first grid axis (first level at the bottom), columns the second; a zip is held
/// at its first value and a sample dimension averaged, as in `BandPlot`. The colour scale is
/// logarithmic when every mean is positive and they span three decades or more. A cell without a
/// finite mean is grey and marked "n/a".
struct Heatmap {
    let tables: ResultsTables
    let axes: DesignAxes

    /// The figure for `metric`, or nil unless the design has exactly two grid axes and some
    /// cell has a finite mean.
    func figure(metric: String) -> String? {
        let grid = axes.levelAxes.filter { axes.axes[$0].kind == .grid }
        guard grid.count == 2, tables.design.grid.count == 2 else { return nil }
        let (rowAxis, columnAxis) = (axes.axes[grid[0]], axes.axes[grid[1]])
        let chosen = axes.points(x: grid[1], series: grid[0])
        var cells = [[Double]](repeating: [Double](repeating: .nan, count: columnAxis.levels.count), count: rowAxis.levels.count)
        for r in rowAxis.levels.indices {
            for k in columnAxis.levels.indices {
                let v = chosen.filter { axes.level[$0][grid[0]] == r && axes.level[$0][grid[1]] == k }
                    .map { tables.row(point: $0, metric: metric)?.statistics["mean"] ?? .nan }
                if !v.isEmpty && v.allSatisfy(\.isFinite) { cells[r][k] = v.reduce(0, +) / Double(v.count) }
            }
        }
        let finite = cells.flatMap { $0 }.filter(\.isFinite)
        guard let lo = finite.min(), let hi = finite.max() else { return nil }
        let log = lo > 0 && hi / lo >= 1000
        func unit(_ v: Double) -> Double {
            guard hi > lo else { return 0.5 }
            return log ? (log10(v) - log10(lo)) / (log10(hi) - log10(lo)) : (v - lo) / (hi - lo)
        }

        let (width, height) = (BandPlot.width, BandPlot.height)
        let frame = PlotFrame(width: width, height: height, legendRows: 0, left: 62, right: 70)
        var c = SVGCanvas(width: width, height: height)
        let title = "\(metric): mean over the grid"
        frame.title(&c, title)
        let cw = (frame.plotRight - frame.plotLeft) / Double(columnAxis.levels.count)
        let ch = (frame.plotBottom - frame.plotTop) / Double(rowAxis.levels.count)
        let showValues = cw >= 40 && ch >= 16
        for r in rowAxis.levels.indices {
            for k in columnAxis.levels.indices {
                let x = frame.plotLeft + Double(k) * cw
                let y = frame.plotBottom - Double(r + 1) * ch
                let v = cells[r][k]
                let fill = v.isFinite ? SVGCanvas.viridis(unit(v)) : "#d9d9d9"
                let tip = "\(rowAxis.name) = \(rowAxis.levels[r]), \(columnAxis.name) = \(columnAxis.levels[k]): mean \(TickText.precise(v))"
                c.rect(x: x, y: y, width: cw, height: ch, fill: fill, cls: "mark cell", tip: tip)
                if showValues || !v.isFinite {
                    let light = v.isFinite ? SVGCanvas.isLight(fill) : true
                    c.text(v.isFinite ? TickText.precise(v) : "n/a", x: x + cw / 2, y: y + ch / 2 + 4, anchor: "middle",
                           cls: light ? "cell-text dark" : "cell-text light")
                }
            }
        }
        let xs = frame.xScale(-0.5, Double(columnAxis.levels.count) - 0.5, log: false)
        let ys = frame.yScale(-0.5, Double(rowAxis.levels.count) - 0.5, log: false)
        frame.axes(&c, x: xs, y: ys,
                   xTicks: columnAxis.short.enumerated().map { (Double($0.offset), $0.element) },
                   yTicks: rowAxis.short.enumerated().map { (Double($0.offset), $0.element) },
                   xLabel: columnAxis.name, yLabel: rowAxis.name, gridlines: false)
        colourBar(&c, frame: frame, low: lo, high: hi, log: log)
        var caption = "Mean of \(metric) on the grid of \(rowAxis.name) (rows) and \(columnAxis.name) (columns)"
        let held = axes.heldText(x: grid[1], series: grid[0])
        if !held.isEmpty { caption += "; held at \(held)" }
        if axes.sampleCount > 1 { caption += "; averaged over \(axes.sampleCount) sampled points" }
        if log { caption += "; log colour scale" }
        return Figure.html(kind: "heatmap:\(metric)", svg: c.svg(label: title), caption: caption + ".", width: width)
    }

    /// A vertical colour bar right of the plot with three to five ticks.
    private func colourBar(_ c: inout SVGCanvas, frame: PlotFrame, low: Double, high: Double, log: Bool) {
        let x = frame.plotRight + 12
        let steps = 32
        let span = frame.plotBottom - frame.plotTop
        for i in 0..<steps {
            let t = (Double(i) + 0.5) / Double(steps)
            let y = frame.plotBottom - Double(i + 1) * span / Double(steps)
            c.rect(x: x, y: y, width: 12, height: span / Double(steps) + 0.6, fill: SVGCanvas.viridis(t))
        }
        guard high > low else {
            c.text(TickText.text(low), x: x + 16, y: frame.plotTop + span / 2 + 3.5, cls: "tick")
            return
        }
        let scale = Scale(low: low, high: high, from: frame.plotBottom, to: frame.plotTop, log: log)
        for (v, label) in PlotFrame.valueTicks(scale, count: 4) {
            guard let y = scale.map(v) else { continue }
            c.line(x + 12, y, x + 15, y, cls: "axis")
            c.text(TickText.shortened(label, 7), x: x + 17, y: y + 3.5, cls: "tick")
        }
    }
}
