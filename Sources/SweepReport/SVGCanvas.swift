import Foundation

/// An SVG drawing under construction: elements as text, coordinates in pixels.
///
/// Every number goes through `SVGCanvas.n`, which writes one decimal and never a non-finite
/// value; data marks carry `class="mark"` so that the page's self-check can find them.
struct SVGCanvas {
    var width: Double
    var height: Double
    private var parts: [String] = []

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    mutating func add(_ element: String) { parts.append(element) }

    /// The `<svg>` element, sized in pixels, with an accessible name.
    func svg(label: String) -> String {
        let (w, h) = (Self.n(width), Self.n(height))
        // Inline SVG in HTML needs no namespace attribute (and the page holds no URL at all).
        return "<svg width=\"\(w)\" height=\"\(h)\" viewBox=\"0 0 \(w) \(h)\" role=\"img\" aria-label=\"\(Self.escape(label))\">\n"
            + parts.joined(separator: "\n") + "\n</svg>"
    }

    /// A pixel coordinate as attribute text: one decimal. The plots pass only values from
    /// `Scale.map` and the layout; a non-finite value (a bug) becomes 0 rather than `NaN`.
    static func n(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        let r = (x * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(format: "%.1f", r)
    }

    /// Text for XML content and attribute values.
    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    mutating func text(_ s: String, x: Double, y: Double, anchor: String = "start", cls: String = "", rotate: Double? = nil) {
        let transform = rotate.map { " transform=\"rotate(\(Self.n($0)) \(Self.n(x)) \(Self.n(y)))\"" } ?? ""
        let c = cls.isEmpty ? "" : " class=\"\(cls)\""
        add("<text x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" text-anchor=\"\(anchor)\"\(c)\(transform)>\(Self.escape(s))</text>")
    }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, cls: String, stroke: String? = nil) {
        element("line", [("x1", Self.n(x1)), ("y1", Self.n(y1)), ("x2", Self.n(x2)), ("y2", Self.n(y2)), ("class", cls), ("stroke", stroke)])
    }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, cls: String? = nil, tip: String? = nil) {
        element("rect", [("x", Self.n(x)), ("y", Self.n(y)), ("width", Self.n(width)), ("height", Self.n(height)), ("class", cls), ("fill", fill)], tip: tip)
    }

    mutating func circle(cx: Double, cy: Double, r: Double, fill: String, cls: String, tip: String? = nil) {
        element("circle", [("cx", Self.n(cx)), ("cy", Self.n(cy)), ("r", Self.n(r)), ("class", cls), ("fill", fill)], tip: tip)
    }

    /// A polyline (or, closed, a polygon) through pixel points; nothing for no points.
    mutating func path(_ points: [(Double, Double)], closed: Bool = false, cls: String, fill: String? = nil, stroke: String? = nil, tip: String? = nil) {
        guard !points.isEmpty else { return }
        element("path", [("d", Self.pathData(points, closed: closed)), ("class", cls), ("fill", fill), ("stroke", stroke)], tip: tip)
    }

    /// An element with the attributes that have a value, and a `<title>` tooltip when given.
    private mutating func element(_ name: String, _ attributes: [(String, String?)], tip: String? = nil) {
        let text = attributes.compactMap { key, value in value.map { " \(key)=\"\(Self.escape($0))\"" } }.joined()
        add(tip.map { "<\(name)\(text)><title>\(Self.escape($0))</title></\(name)>" } ?? "<\(name)\(text)/>")
    }

    /// A polyline through the points as a path (`M x y L x y ...`); nothing for no points.
    static func pathData(_ points: [(Double, Double)], closed: Bool = false) -> String {
        guard let first = points.first else { return "" }
        var d = "M\(n(first.0)) \(n(first.1))"
        for p in points.dropFirst() { d += " L\(n(p.0)) \(n(p.1))" }
        return closed ? d + " Z" : d
    }

    /// Colours for series: the Okabe–Ito palette (distinguishable with colour-blindness), yellow last.
    static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]

    static func seriesColour(_ i: Int) -> String { palette[i % palette.count] }

    /// Viridis at `t` in [0, 1] (sequential, for heatmaps), interpolated between nine stops.
    static func viridis(_ t: Double) -> String {
        interpolate(t, ["#440154", "#472d7b", "#3b528b", "#2c728e", "#21918c", "#28ae80", "#5ec962", "#addc30", "#fde725"])
    }

    /// Red–blue diverging at `t` in [-1, 1] (blue negative, white zero, red positive).
    static func diverging(_ t: Double) -> String {
        interpolate((t + 1) / 2, ["#2166ac", "#67a9cf", "#d1e5f0", "#f7f7f7", "#fddbc7", "#ef8a62", "#b2182b"])
    }

    /// Whether dark text reads better than white on `hex`.
    static func isLight(_ hex: String) -> Bool {
        let (r, g, b) = rgb(hex)
        return 0.299 * r + 0.587 * g + 0.114 * b > 150
    }

    private static func interpolate(_ t: Double, _ stops: [String]) -> String {
        let u = min(max(t.isFinite ? t : 0, 0), 1) * Double(stops.count - 1)
        let i = min(Int(u), stops.count - 2)
        let f = u - Double(i)
        let (a, b) = (rgb(stops[i]), rgb(stops[i + 1]))
        func mix(_ x: Double, _ y: Double) -> Int { Int((x + (y - x) * f).rounded()) }
        return String(format: "#%02x%02x%02x", mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
    }

    private static func rgb(_ hex: String) -> (Double, Double, Double) {
        let v = Int(hex.dropFirst(), radix: 16) ?? 0
        return (Double(v >> 16 & 0xff), Double(v >> 8 & 0xff), Double(v & 0xff))
    }
}
