import Foundation

/// Histograms of one metric as step lines, one per point (at most six, evenly spread).
///
/// The count axis is logarithmic when asked (per-ticket returns are heavy-tailed: a log axis
/// shows the tail's few tickets next to the millions near zero); an empty bin then sits on the
/// axis floor (0.5). The x axis follows the reducer's bins: log-spaced bins (positive data over
/// more than two decades) are drawn on a log axis, symmetric-log bins (both signs over more than
/// two decades, such as a ticket's return) on a symmetric-log axis with the bins' linear
/// threshold, linear bins on a linear one.
struct HistogramPlot {
    let tables: ResultsTables
    let axes: DesignAxes

    /// The points shown: all up to six, else six evenly spaced ones (first and last included).
    static func shownPoints(_ available: [Int]) -> [Int] {
        guard available.count > 6 else { return available }
        let n = available.count
        return (0..<6).map { available[Int((Double($0) * Double(n - 1) / 5).rounded())] }
    }

    /// Whether the bins are geometric (every bin's high/low ratio within 1% of the first's).
    static func isLogBinned(_ bins: [ResultsTables.Bin]) -> Bool {
        guard bins.count >= 2, bins.allSatisfy({ $0.low > 0 && $0.high > $0.low }) else { return false }
        let r = bins[0].high / bins[0].low
        return r > 1.0001 && bins.allSatisfy { abs($0.high / $0.low / r - 1) < 0.01 }
    }

    /// The linear threshold `c` of symmetric-log bins (`Histogram.symmetricLogEdges`: a bin
    /// `[-c, 0]`, a bin `[0, c]`, and bins widening away from zero), or nil for other bins.
    static func symlogThreshold(_ bins: [ResultsTables.Bin]) -> Double? {
        guard let up = bins.first(where: { $0.low == 0 && $0.high > 0 }), bins.contains(where: { $0.high == 0 && $0.low < 0 }),
            let widest = bins.map({ $0.high - $0.low }).max(), widest / (up.high - up.low) > 100
        else { return nil }
        return up.high
    }

    /// The figure for `metric`, or nil when it has no bins with a finite range and a count.
    func figure(metric: String, logCount: Bool, width: Double, height: Double, kind: String) -> String? {
        guard let byPoint = tables.histograms[metric] else { return nil }
        let points = Self.shownPoints(byPoint.keys.sorted())
        let bins = points.map { p in (byPoint[p] ?? []).filter { $0.low.isFinite && $0.high.isFinite && $0.count.isFinite && $0.high >= $0.low } }
        let all = bins.flatMap { $0 }
        guard let maxCount = all.map(\.count).max(), maxCount > 0 else { return nil }
        let xLog = bins.allSatisfy { $0.isEmpty || Self.isLogBinned($0) }
        // Symmetric-log bins of every shown point: the axis takes the smallest threshold and the
        // bins' exact range (a linear padding would add decades on a symmetric-log axis).
        let thresholds = bins.filter { !$0.isEmpty }.map(Self.symlogThreshold)
        let symlog = !xLog && !thresholds.isEmpty && thresholds.allSatisfy { $0 != nil } ? thresholds.compactMap { $0 }.min() : nil
        let range: (Double, Double)?
        if symlog != nil, let lo = all.map(\.low).min(), let hi = all.map(\.high).max(), lo < hi {
            range = (lo, hi)
        } else {
            range = Scale.domain(all.flatMap { [$0.low, $0.high] }, log: xLog, padding: 0.01)
        }
        guard let (x0, x1) = range else { return nil }
        let floor = logCount ? 0.5 : 0
        let legend = points.count > 1 ? points.enumerated().map { (axes.label(point: $0.element), SVGCanvas.seriesColour($0.offset)) } : []
        let frame = PlotFrame(width: width, height: height, legendRows: PlotFrame.legendLayout(legend.map(\.0), width: width).rows)
        var xs = frame.xScale(x0, x1, log: xLog)
        xs.symlog = symlog
        let ys = frame.yScale(floor, logCount ? maxCount * 2 : maxCount * 1.05, log: logCount)
        var c = SVGCanvas(width: width, height: height)
        let title = "\(metric): histogram" + (points.count > 1 ? " by point" : "")
        frame.title(&c, title)
        frame.legend(&c, legend.map { (label: $0.0, colour: $0.1) })
        let yTicks = logCount ? ys.ticks().map { ($0, TickText.count($0)) } : PlotFrame.valueTicks(ys)
        let xTicks = symlog != nil ? xs.symlogTicks().map { ($0, TickText.text($0)) } : PlotFrame.valueTicks(xs, count: width > 500 ? 8 : 5)
        frame.axes(&c, x: xs, y: ys, xTicks: xTicks, yTicks: yTicks,
                   xLabel: metric + (xLog ? " (log)" : symlog != nil ? " (symmetric log)" : ""), yLabel: "count" + (logCount ? " (log)" : ""))
        for (i, pointBins) in bins.enumerated() where !pointBins.isEmpty {
            let sorted = pointBins.sorted { $0.low < $1.low }
            var steps: [(Double, Double)] = []
            guard let base = ys.clamped(floor) else { continue }
            if let start = xs.clamped(sorted[0].low) { steps.append((start, base)) }
            for b in sorted {
                guard let a = xs.clamped(b.low), let z = xs.clamped(b.high), let h = ys.clamped(max(b.count, floor)) else { continue }
                steps.append((a, h))
                steps.append((z, h))
            }
            if let end = xs.clamped(sorted[sorted.count - 1].high) { steps.append((end, base)) }
            let colour = SVGCanvas.seriesColour(i)
            if bins.count == 1 {
                c.path(steps, closed: true, cls: "mark area", fill: colour)
            }
            c.path(steps, cls: "mark step", stroke: colour, tip: axes.label(point: points[i]))
        }
        let total = bins.first.map { $0.reduce(0) { $0 + $1.count } } ?? 0
        var caption = "Histogram of \(metric)"
        if points.count > 1 {
            caption += " at \(points.count == byPoint.count ? "every point" : "\(points.count) of \(byPoint.count) points, evenly spread")"
        }
        caption += " (\(TickText.count(total)) values" + (points.count > 1 ? " at the first point" : "") + ")"
        caption += logCount ? "; log count axis, an empty bin drawn at 0.5" : ""
        if let c = symlog {
            caption += "; symmetric-log bins on a symmetric-log x axis (linear within ±\(TickText.text(c)), logarithmic beyond)"
        } else {
            caption += xLog ? "; log-spaced bins on a log x axis" : "; linear bins"
        }
        return Figure.html(kind: kind, svg: c.svg(label: title), caption: caption + ".", width: width)
    }

}
