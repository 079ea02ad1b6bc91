import Foundation

/// The Sobol' indices of one statistic (`sensitivity.csv`) as grouped bars: per parameter, the
/// first-order index `S1` and the total index `ST`, each with its 95% bootstrap half-width as a
/// whisker. The value axis always shows 0 to 1.
struct SensitivityPlot {
    static let height = 300.0

    let tables: ResultsTables

    /// The statistics of `sensitivity.csv`, in order of first appearance.
    var metrics: [String] {
        var seen = Set<String>()
        return tables.sensitivity.map(\.metric).filter { seen.insert($0).inserted }
    }

    /// The figure of `metric`, or nil when it has no finite index.
    func figure(metric: String) -> String? {
        let rows = tables.sensitivity.filter { $0.metric == metric }
        var values: [Double] = [0, 1]
        for r in rows {
            for (v, h) in [(r.s1, r.s1Confidence), (r.st, r.stConfidence)] where v.isFinite {
                values += [v, v - (h.isFinite ? h : 0), v + (h.isFinite ? h : 0)]
            }
        }
        guard values.count > 2, let (low, high) = Scale.domain(values, log: false, padding: 0.04) else { return nil }
        let width = max(380, 90 + Double(rows.count) * 96)
        let series = [(label: "S1 (first order)", colour: SVGCanvas.seriesColour(0)), (label: "ST (total)", colour: SVGCanvas.seriesColour(1))]
        let legendRows = PlotFrame.legendLayout(series.map(\.label), width: width).rows
        let frame = PlotFrame(width: width, height: Self.height, legendRows: legendRows, bottom: 70)
        var c = SVGCanvas(width: width, height: Self.height)
        frame.title(&c, "Sobol' indices of \(metric)")
        frame.legend(&c, series)
        let x = frame.xScale(0, Double(rows.count), log: false)
        let y = frame.yScale(low, high, log: false)
        let ticks = rows.enumerated().map { (Double($0.offset) + 0.5, $0.element.parameter) }
        frame.axes(&c, x: x, y: y, xTicks: ticks, yTicks: PlotFrame.valueTicks(y), xLabel: "parameter", yLabel: "index")
        guard let zero = y.map(0) else { return nil }
        c.line(frame.plotLeft, zero, frame.plotRight, zero, cls: "axis")
        let slot = (frame.plotRight - frame.plotLeft) / Double(max(rows.count, 1))
        let barWidth = min(28, slot * 0.34)
        for (i, r) in rows.enumerated() {
            let centre = frame.plotLeft + (Double(i) + 0.5) * slot
            for (k, (name, v, h)) in [("S1", r.s1, r.s1Confidence), ("ST", r.st, r.stConfidence)].enumerated() {
                guard v.isFinite, let top = y.clamped(v) else { continue }
                let bx = centre + (k == 0 ? -barWidth - 2 : 2)
                let tip = "\(r.parameter): \(name) = \(TickText.precise(v))" + (h.isFinite ? " ± \(TickText.precise(h))" : "")
                c.rect(x: bx, y: min(top, zero), width: barWidth, height: max(abs(zero - top), 1), fill: series[k].colour, cls: "mark", tip: tip)
                if h.isFinite, h > 0, let a = y.clamped(v - h), let b = y.clamped(v + h) {
                    let mid = bx + barWidth / 2
                    c.line(mid, a, mid, b, cls: "axis")
                    c.line(mid - 4, a, mid + 4, a, cls: "axis")
                    c.line(mid - 4, b, mid + 4, b, cls: "axis")
                }
            }
        }
        let caption = "First-order (S1: the parameter alone) and total (ST: with its interactions) Sobol' indices of \(metric) "
            + "over the Saltelli design, with 95% bootstrap half-widths. Hover a bar for its value."
        return Figure.html(kind: "sensitivity:\(metric)", svg: c.svg(label: "Sobol' indices of \(metric)"), caption: caption, width: width)
    }
}
