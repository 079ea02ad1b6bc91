import Foundation

/// The paired differences of one metric (`differences.csv`) as rows: one row per point (the
/// first `maxRows`), the difference from its baseline as a dot, its 95% interval without
/// pairing as a wide light bar and with pairing as a narrow dark bar (±1.96 SE each), and a
/// vertical line at zero. Per-ticket metrics have no paired bar.
struct DifferencePlot {
    static let maxRows = 40
    static let width = 620.0
    static let rowHeight = 18.0
    static let z = 1.96

    let tables: ResultsTables
    let axes: DesignAxes

    /// The metrics of `differences.csv`, in order of first appearance.
    var metrics: [String] {
        var seen = Set<String>()
        return tables.differences.map(\.metric).filter { seen.insert($0).inserted }
    }

    /// The figure of `metric`, or nil when it has no finite difference.
    func figure(metric: String) -> String? {
        let rows = Array(tables.differences.filter { $0.metric == metric }.sorted { $0.point < $1.point }.prefix(Self.maxRows))
        var ends: [Double] = [0]
        for r in rows where r.difference.isFinite {
            ends.append(r.difference)
            for se in [r.seUnpaired, r.sePaired] where se.isFinite {
                ends += [r.difference - Self.z * se, r.difference + Self.z * se]
            }
        }
        guard ends.count > 1, let (low, high) = Scale.domain(ends, log: false, padding: 0.05) else { return nil }
        let labels = rows.map { TickText.shortened("\($0.point): " + axes.label(point: $0.point), 34) }
        let left = 12 + Double(labels.map(\.count).max() ?? 0) * PlotFrame.charWidth
        let unpairedColour = "#9ecae1"
        let pairedColour = SVGCanvas.seriesColour(0)
        let legend = [(label: "unpaired 95%", colour: unpairedColour), (label: "paired 95%", colour: pairedColour)]
        let legendRows = PlotFrame.legendLayout(legend.map(\.label), width: Self.width).rows
        let height = 30 + Double(legendRows) * 15 + Double(rows.count) * Self.rowHeight + 8 + 46
        let frame = PlotFrame(width: Self.width, height: height, legendRows: legendRows, left: left, bottom: 46)
        var c = SVGCanvas(width: Self.width, height: height)
        let baselines = Set(rows.map(\.baseline))
        let against = baselines.count == 1 ? "point \(baselines.first!)" : "each point's baseline"
        frame.title(&c, "\(metric): difference from \(against)")
        frame.legend(&c, legend)
        let x = frame.xScale(low, high, log: false)
        frame.axes(&c, x: x, y: frame.yScale(0, 1, log: false), xTicks: PlotFrame.valueTicks(x), yTicks: [],
                   xLabel: "\(metric) − baseline", yLabel: "")
        if let zero = x.map(0) { c.line(zero, frame.plotTop, zero, frame.plotBottom, cls: "axis") }
        for (i, r) in rows.enumerated() {
            let y = frame.plotTop + (Double(i) + 0.5) * Self.rowHeight
            c.text(labels[i], x: left - 6, y: y + 3.5, anchor: "end", cls: "tick")
            guard r.difference.isFinite, let px = x.map(r.difference) else { continue }
            let tip = "point \(r.point) − point \(r.baseline): \(TickText.precise(r.difference)); SE paired "
                + (r.sePaired.isFinite ? TickText.precise(r.sePaired) : "none (per-ticket)")
                + ", unpaired \(TickText.precise(r.seUnpaired))"
                + (r.sePaired.isFinite && r.seUnpaired > 0 ? String(format: " (ratio %.2f)", r.sePaired / r.seUnpaired) : "")
            for (se, thickness, colour) in [(r.seUnpaired, 8.0, unpairedColour), (r.sePaired, 3.0, pairedColour)] where se.isFinite {
                guard let a = x.clamped(r.difference - Self.z * se), let b = x.clamped(r.difference + Self.z * se) else { continue }
                c.rect(x: a, y: y - thickness / 2, width: max(b - a, 1), height: thickness, fill: colour, cls: "mark", tip: tip)
            }
            c.circle(cx: px, cy: y, r: 3, fill: "#000000", cls: "mark", tip: tip)
        }
        let caption = "Each point's difference from its baseline in \(metric) (dot), with ±1.96 SE: paired over common random numbers "
            + "(dark; the SD of the per-path differences over √n) and unpaired (light; √(SE² + SE_baseline²))"
            + (rows.contains { !$0.sePaired.isFinite } ? "; a per-ticket metric has no paired bar" : "")
            + (tables.differences.filter { $0.metric == metric }.count > rows.count ? "; the first \(rows.count) points" : "")
            + ". Hover a row for its numbers."
        return Figure.html(kind: "difference:\(metric)", svg: c.svg(label: "\(metric) differences"), caption: caption, width: Self.width)
    }
}
