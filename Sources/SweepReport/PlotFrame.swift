import Foundation

/// The furniture of a plot: its box, title, legend, axes with ticks and labels, gridlines.
///
/// Text widths are estimated at 0.6 em per character (DejaVu Sans and Arial average about
/// that), which is what keeps labels from overlapping without a browser to measure them.
struct PlotFrame {
    static let charWidth = 6.2  // at the 10.5 px tick font

    var width: Double
    var height: Double
    var left: Double
    var right: Double
    var top: Double
    var bottom: Double

    var plotLeft: Double { left }
    var plotRight: Double { width - right }
    var plotTop: Double { top }
    var plotBottom: Double { height - bottom }

    /// A frame of `width` × `height` whose top leaves room for the title and the legend rows.
    init(width: Double, height: Double, legendRows: Int, left: Double = 62, right: Double = 14, bottom: Double = 50) {
        self.width = width
        self.height = height
        self.left = left
        self.right = right
        self.top = 30 + Double(legendRows) * 15
        self.bottom = bottom
    }

    func xScale(_ low: Double, _ high: Double, log: Bool) -> Scale {
        Scale(low: low, high: high, from: plotLeft, to: plotRight, log: log)
    }

    func yScale(_ low: Double, _ high: Double, log: Bool) -> Scale {
        Scale(low: low, high: high, from: plotBottom, to: plotTop, log: log)
    }

    /// Draws the title (cut to the width; the full text is the plot's tooltip).
    func title(_ c: inout SVGCanvas, _ s: String) {
        c.add("<title>\(SVGCanvas.escape(s))</title>")
        let limit = Int((width - 12) / 7.2)
        c.text(TickText.shortened(s, limit), x: 6, y: 17, cls: "title")
    }

    /// The longest legend label in a plot `width` wide (longer ones are cut).
    static func legendLimit(_ width: Double) -> Int { width > 500 ? 46 : 28 }

    /// Legend entries laid out in rows under the title: (row, x offset) of each entry.
    static func legendLayout(_ labels: [String], width: Double) -> (rows: Int, places: [(Int, Double)]) {
        var places: [(Int, Double)] = []
        var row = 0
        var x = 6.0
        for label in labels {
            let w = 20 + Double(min(label.count, legendLimit(width))) * 5.8
            if x + w > width - 4 && x > 6 {
                row += 1
                x = 6
            }
            places.append((row, x))
            x += w + 8
        }
        return (labels.isEmpty ? 0 : row + 1, places)
    }

    /// Draws the legend: a colour swatch and a label per entry.
    func legend(_ c: inout SVGCanvas, _ entries: [(label: String, colour: String)]) {
        let layout = Self.legendLayout(entries.map(\.label), width: width)
        for (entry, (row, x)) in zip(entries, layout.places) {
            let y = 32 + Double(row) * 15
            c.rect(x: x, y: y - 8, width: 16, height: 8, fill: entry.colour)
            c.text(TickText.shortened(entry.label, Self.legendLimit(width)), x: x + 20, y: y, cls: "tick")
        }
    }

    /// Draws the axes: gridlines at the y ticks (unless turned off), axis lines, tick marks and labels, axis names.
    /// X tick labels turn 30° when they would collide, and are cut to fit the bottom margin.
    func axes(_ c: inout SVGCanvas, x: Scale, y: Scale, xTicks: [(Double, String)], yTicks: [(Double, String)],
              xLabel: String, yLabel: String, gridlines: Bool = true) {
        for (v, label) in yTicks {
            guard let py = y.map(v), py >= plotTop - 0.5, py <= plotBottom + 0.5 else { continue }
            if gridlines { c.line(plotLeft, py, plotRight, py, cls: "grid") }
            c.line(plotLeft - 4, py, plotLeft, py, cls: "axis")
            c.text(TickText.shortened(label, 9), x: plotLeft - 6, y: py + 3.5, anchor: "end", cls: "tick")
        }
        let placed = xTicks.compactMap { t in x.map(t.0).map { ($0, t.1) } }.filter { $0.0 >= plotLeft - 0.5 && $0.0 <= plotRight + 0.5 }
        let gaps = zip(placed.dropFirst(), placed).map { $0.0 - $1.0 }
        let room = gaps.min() ?? (plotRight - plotLeft)
        let widest = Double(placed.map(\.1.count).max() ?? 0) * Self.charWidth
        let rotate = widest > room - 6
        let limit = rotate ? Int((bottom - 26) / (Self.charWidth * 0.5)) : 24
        for (px, label) in placed {
            c.line(px, plotBottom, px, plotBottom + 4, cls: "axis")
            let text = TickText.shortened(label, limit)
            if rotate {
                c.text(text, x: px + 3, y: plotBottom + 13, anchor: "end", cls: "tick", rotate: -30)
            } else {
                c.text(text, x: px, y: plotBottom + 15, anchor: "middle", cls: "tick")
            }
        }
        c.line(plotLeft, plotBottom, plotRight, plotBottom, cls: "axis")
        c.line(plotLeft, plotTop, plotLeft, plotBottom, cls: "axis")
        let xLimit = Int((plotRight - plotLeft) / Self.charWidth)
        c.text(TickText.shortened(xLabel, xLimit), x: (plotLeft + plotRight) / 2, y: height - 6, anchor: "middle", cls: "label")
        let yLimit = Int((plotBottom - plotTop) / Self.charWidth)
        c.text(TickText.shortened(yLabel, yLimit), x: 13, y: (plotTop + plotBottom) / 2, anchor: "middle", cls: "label", rotate: -90)
    }

    /// Ticks with text for a value axis.
    static func valueTicks(_ s: Scale, count: Int = 5) -> [(Double, String)] {
        let ticks = s.ticks(count: count)
        return Array(zip(ticks, s.log ? ticks.map(TickText.text) : TickText.texts(ticks)))
    }

    /// A note drawn in the middle of the plot area (for "no finite values").
    func note(_ c: inout SVGCanvas, _ s: String) {
        c.text(s, x: (plotLeft + plotRight) / 2, y: (plotTop + plotBottom) / 2, anchor: "middle", cls: "note")
    }
}
