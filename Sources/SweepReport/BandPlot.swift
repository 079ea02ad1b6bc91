import Foundation

/// A metric's mean with its quantile band against one swept axis.
///
/// - Numeric grid or zip axis: a line through the means and a shaded band between the band
///   quantiles (`BandPlot.bandColumns`), one line per level of a series axis (the first other
///   grid or zip axis with 2–8 levels); every other grid or zip axis is held at its first value,
///   and a sample dimension is averaged (mean of the points' means and of their quantiles).
/// - Categorical axis (values such as whole maps): markers with error bars, one per level.
/// - Sampled parameter: a scatter of every point's mean with its band as an error bar.
///
/// For `capture_pooled`, the competitive-equilibrium capture of `benchmarks.csv` is drawn beside
/// the mean: a dashed line (or a dash per marker) with a square at each level, averaged as the
/// means are. The y axis is logarithmic when every drawn value is positive and they span three
/// decades or more.
struct BandPlot {
    static let width = 320.0
    static let height = 250.0

    let tables: ResultsTables
    let axes: DesignAxes

    /// The band's quantile columns: the lower nearest 0.05 and the upper nearest 0.95 of those
    /// `summary.csv` has (`p05`/`p95`, else e.g. `p01`/`p99` or `p25`/`p75`); nil when it has
    /// none on one side of the median.
    static func bandColumns(_ columns: [String]) -> (low: String, high: String)? {
        let quantiles = columns.compactMap { c in quantile(c).map { (c, $0) } }
        let low = quantiles.filter { $0.1 < 0.5 }.min { abs($0.1 - 0.05) < abs($1.1 - 0.05) }
        let high = quantiles.filter { $0.1 > 0.5 }.min { abs($0.1 - 0.95) < abs($1.1 - 0.95) }
        guard let low, let high else { return nil }
        return (low.0, high.0)
    }

    /// The probability of a quantile column: `p05` is 0.05, `p99_9` is 0.999.
    static func quantile(_ column: String) -> Double? {
        guard column.hasPrefix("p"), column.count >= 3 else { return nil }
        let digits = column.dropFirst()
        let parts = digits.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count <= 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }), parts[0].count == 2 else { return nil }
        return Double("0." + parts.joined())
    }

    private struct Mark {
        var x: Double
        var mean: Double
        var low: Double
        var high: Double
        var series: Int
        /// The equilibrium capture at this mark (`capture_pooled` only), else `nan`.
        var benchmark: Double = .nan
        /// The x value as the tooltip shows it.
        var label: String
    }

    /// The figure for `metric` against axis `x`, or nil when it has no finite mean to draw.
    func figure(metric: String, x: Int) -> String? {
        let axis = axes.axes[x]
        let band = Self.bandColumns(tables.statisticColumns)
        let series = axes.seriesAxis(for: x)
        let seriesLevels = series.map { axes.axes[$0].levels } ?? [""]
        let categorical = axis.kind != .sample && axis.values == nil
        let benchmarked = metric == ResultsTables.benchmarkedMetric
        func benchmark(_ points: [Int]) -> Double {
            guard benchmarked, !points.isEmpty else { return .nan }
            let v = points.compactMap { tables.equilibriumCapture(point: $0) }
            return v.count < points.count ? .nan : v.reduce(0, +) / Double(v.count)
        }
        var marks: [Mark] = []
        for p in axes.points(x: x, series: series) where axis.kind == .sample {
            guard let row = tables.row(point: p, metric: metric) else { continue }
            marks.append(Mark(x: axes.sampled[p][x], mean: row.statistics["mean"] ?? .nan,
                              low: band.flatMap { row.statistics[$0.low] } ?? .nan,
                              high: band.flatMap { row.statistics[$0.high] } ?? .nan,
                              series: series.map { axes.level[p][$0] } ?? 0, benchmark: benchmark([p]), label: TickText.precise(axes.sampled[p][x])))
        }
        if axis.kind != .sample {
            let chosen = axes.points(x: x, series: series)
            for s in seriesLevels.indices {
                for l in axis.levels.indices {
                    let at = chosen.filter { axes.level[$0][x] == l && (series == nil || axes.level[$0][series!] == s) }
                    let rows = at.compactMap { tables.row(point: $0, metric: metric)?.statistics }
                    func average(_ key: String?) -> Double {
                        guard let key else { return .nan }
                        let v = rows.compactMap { $0[key] }.filter(\.isFinite)
                        return v.isEmpty || v.count < rows.count ? .nan : v.reduce(0, +) / Double(v.count)
                    }
                    let position = categorical ? Double(l) : axis.values![l]
                    marks.append(Mark(x: position, mean: average("mean"), low: average(band?.low), high: average(band?.high),
                                      series: s, benchmark: benchmark(at), label: BandPlot.compact(axis.levels[l])))
                }
            }
        }
        let drawable = marks.filter { $0.mean.isFinite && $0.x.isFinite && (!axis.log || $0.x > 0) }
        guard !drawable.isEmpty else { return nil }
        let yValues = drawable.flatMap { [$0.mean, $0.low, $0.high, $0.benchmark] }.filter(\.isFinite)
        let hasBenchmark = drawable.contains { $0.benchmark.isFinite }
        // A per-point metric (capture_pooled) has no quantiles: the caption then names no band.
        let drawnBand = drawable.contains { $0.low.isFinite && $0.high.isFinite } ? band : nil
        let yLog = (yValues.min() ?? 0) > 0 && (yValues.max() ?? 0) / (yValues.min() ?? 1) >= 1000
        guard let (y0, y1) = Scale.domain(yValues, log: yLog, padding: 0.06) else { return nil }

        let legend = series.map { s in
            axes.axes[s].short.enumerated().map { ("\(DesignAxes.lastComponent(axes.axes[s].name)) = \($0.element)", SVGCanvas.seriesColour($0.offset)) }
        } ?? []
        let frame = PlotFrame(width: Self.width, height: Self.height, legendRows: PlotFrame.legendLayout(legend.map(\.0), width: Self.width).rows)
        let xs: Scale
        var xTicks: [(Double, String)]
        if categorical {
            xs = frame.xScale(-0.5, Double(axis.levels.count) - 0.5, log: false)
            xTicks = axis.short.enumerated().map { (Double($0.offset), $0.element) }
        } else {
            guard let (x0, x1) = Scale.domain(drawable.map(\.x), log: axis.log, padding: 0.06) else { return nil }
            xs = frame.xScale(x0, x1, log: axis.log)
            if axis.kind != .sample, axis.levels.count <= 12 {
                xTicks = zip(axis.values!, axis.short).map { ($0, $1) }
            } else {
                xTicks = PlotFrame.valueTicks(xs)
            }
        }
        let ys = frame.yScale(y0, y1, log: yLog)
        var c = SVGCanvas(width: Self.width, height: Self.height)
        let title = "\(metric) vs \(axis.name)"
        frame.title(&c, title)
        frame.legend(&c, legend.map { (label: $0.0, colour: $0.1) })
        frame.axes(&c, x: xs, y: ys, xTicks: xTicks, yTicks: PlotFrame.valueTicks(ys),
                   xLabel: axis.name + (axis.companions.isEmpty ? "" : " (+\(axis.companions.count) zipped)") + (axis.log ? " (log)" : ""),
                   yLabel: metric + (yLog ? " (log)" : ""))
        let dodge = categorical && series != nil ? 0.5 / Double(seriesLevels.count) : 0
        for s in seriesLevels.indices {
            let colour = SVGCanvas.seriesColour(s)
            let own = drawable.filter { $0.series == s }.sorted { $0.x < $1.x }
            let offset = dodge * (Double(s) - Double(seriesLevels.count - 1) / 2)
            if axis.kind == .sample || categorical || own.count == 1 {
                for m in own {
                    guard let px = xs.map(m.x).map({ $0 + offset * (xs.to - xs.from) / (xs.high - xs.low) }),
                          let lo = ys.clamped(m.low), let hi = ys.clamped(m.high) else { continue }
                    c.line(px, lo, px, hi, cls: "mark whisker", stroke: colour)
                }
            } else {
                // The band joins the levels whose band quantiles are finite.
                let banded = own.filter { $0.low.isFinite && $0.high.isFinite }
                if banded.count >= 2 {
                    let upper = banded.compactMap { m in xs.map(m.x).flatMap { px in ys.clamped(m.high).map { (px, $0) } } }
                    let lower = banded.reversed().compactMap { m in xs.map(m.x).flatMap { px in ys.clamped(m.low).map { (px, $0) } } }
                    c.path(upper + lower, closed: true, cls: "mark band", fill: colour)
                }
                let line = own.compactMap { m in xs.map(m.x).flatMap { px in ys.map(m.mean).map { (px, $0) } } }
                c.path(line, cls: "mark line", stroke: colour)
                let equilibrium = own.filter { $0.benchmark.isFinite }.compactMap { m in xs.map(m.x).flatMap { px in ys.map(m.benchmark).map { (px, $0) } } }
                if equilibrium.count >= 2 { c.path(equilibrium, cls: "mark bench", stroke: colour) }
            }
            for m in own where m.benchmark.isFinite {
                guard let px = xs.map(m.x).map({ $0 + offset * (xs.to - xs.from) / (xs.high - xs.low) }), let py = ys.map(m.benchmark) else { continue }
                if axis.kind == .sample || categorical || own.count == 1 { c.line(px - 7, py, px + 7, py, cls: "mark bench", stroke: colour) }
                c.rect(x: px - 2.5, y: py - 2.5, width: 5, height: 5, fill: colour, cls: "mark bench-dot",
                       tip: "\(axis.name) = \(m.label): equilibrium capture \(TickText.precise(m.benchmark)) (benchmarks.csv)")
            }
            for m in own {
                guard let px = xs.map(m.x), let py = ys.map(m.mean) else { continue }
                let tip = "\(axis.name) = \(m.label): mean \(TickText.precise(m.mean))"
                    + (band.map { ", \($0.low) \(TickText.precise(m.low)), \($0.high) \(TickText.precise(m.high))" } ?? "")
                    + (m.benchmark.isFinite ? ", equilibrium \(TickText.precise(m.benchmark))" : "")
                c.circle(cx: px + offset * (xs.to - xs.from) / (xs.high - xs.low), cy: py, r: axis.kind == .sample ? 2.5 : 3,
                         fill: colour, cls: "mark dot", tip: tip)
            }
        }
        return Figure.html(kind: "band:\(metric):\(axis.name)", svg: c.svg(label: title), caption: caption(metric: metric, x: x, series: series, band: drawnBand, benchmark: hasBenchmark), width: Self.width)
    }

    private func caption(metric: String, x: Int, series: Int?, band: (low: String, high: String)?, benchmark: Bool) -> String {
        let axis = axes.axes[x]
        var parts = ["Mean" + (band.map { " and \($0.low)–\($0.high) band" } ?? "") + " of \(metric)"]
        if axis.kind == .sample { parts = ["Mean of \(metric) at each sampled point" + (band.map { ", bars \($0.low)–\($0.high)" } ?? "")] }
        if !axis.companions.isEmpty { parts.append("\(axis.companions.joined(separator: ", ")) zipped with \(axis.name)") }
        if let series { parts.append("one colour per \(axes.axes[series].name)") }
        let held = axes.heldText(x: x, series: series)
        if !held.isEmpty { parts.append("held at \(held)") }
        if axis.kind != .sample && axes.sampleCount > 1 { parts.append("averaged over \(axes.sampleCount) sampled points") }
        if benchmark {
            parts.append("dashed with squares: the competitive-equilibrium capture (benchmarks.csv: equilibrium price / expected surplus per slot)")
        }
        return parts.joined(separator: "; ") + "."
    }

    /// A level text for a tick: a map's braces dropped (`{mechanism: fixed}` reads `mechanism: fixed`).
    static func compact(_ s: String) -> String {
        s.hasPrefix("{") && s.hasSuffix("}") ? String(s.dropFirst().dropLast()) : s
    }
}
