import Foundation

/// A map from data values to pixels: linear, base-10 logarithmic, or symmetric-logarithmic
/// (`sign(x) log10(1 + |x|/c)`: linear within about `±c`, logarithmic beyond, for data of both
/// signs spanning decades).
///
/// `map` returns nil for a value that cannot be drawn (non-finite, or not positive on a log
/// scale), so that no `NaN` or `inf` ever reaches an SVG attribute.
struct Scale {
    var low: Double
    var high: Double
    /// Pixel positions of `low` and `high` (`to < from` for a y axis pointing up).
    var from: Double
    var to: Double
    var log: Bool
    /// The linear threshold `c` of a symmetric-log scale; nil for a linear or log scale.
    var symlog: Double? = nil

    /// The coordinate that is linear in pixels.
    func coordinate(_ x: Double) -> Double {
        if let c = symlog { return (x < 0 ? -1 : 1) * log10(1 + x.magnitude / c) }
        return log ? log10(x) : x
    }

    func map(_ x: Double) -> Double? {
        guard x.isFinite, !log || x > 0 else { return nil }
        let (t, a, b) = (coordinate(x), coordinate(low), coordinate(high))
        let pixel = from + (t - a) / (b - a) * (to - from)
        return pixel.isFinite ? pixel : nil
    }

    /// Like `map`, but a value outside the domain is pinned to its nearer end (and a
    /// non-positive value on a log scale to the low end): for bars and bands that must reach an edge.
    func clamped(_ x: Double) -> Double? {
        guard !x.isNaN else { return nil }
        if log && x <= 0 { return from }
        return map(min(max(x, low), high))
    }

    /// Ticks of a symmetric-log scale: 0 and the powers of ten at or above `c` on each side
    /// that lie in the domain, thinned to every other decade when there are more than nine.
    func symlogTicks() -> [Double] {
        guard let c = symlog else { return [] }
        var positive: [Double] = []
        var e = Int(ceil(log10(c)))
        while pow(10, Double(e)) <= max(high, -low) * (1 + 1e-9) && positive.count < 40 {
            positive.append(pow(10, Double(e)))
            e += 1
        }
        var out = (positive.reversed().map { -$0 } + [0] + positive).filter { $0 >= low - 1e-12 && $0 <= high + 1e-12 }
        if out.count > 9, let zero = out.firstIndex(of: 0) {
            out = out.enumerated().filter { ($0.offset - zero) % 2 == 0 }.map(\.element)
        }
        return out
    }

    /// A domain holding the finite (and, on a log scale, positive) `values`, widened by
    /// `padding` of its span on each side; a single value gets a span around it. Nil when no
    /// value can be drawn.
    static func domain(_ values: [Double], log: Bool, padding: Double) -> (Double, Double)? {
        let v = values.filter { $0.isFinite && (!log || $0 > 0) }
        guard var lo = v.min(), var hi = v.max() else { return nil }
        if log {
            var (a, b) = (log10(lo), log10(hi))
            if b - a < 1e-9 { (a, b) = (a - 0.3, b + 0.3) }
            let pad = (b - a) * padding
            (lo, hi) = (pow(10, a - pad), pow(10, b + pad))
        } else {
            if hi - lo <= 1e-12 * max(abs(lo), abs(hi)) || hi == lo {
                let half = lo == 0 ? 1 : abs(lo) * 0.1
                (lo, hi) = (lo - half, hi + half)
            }
            let pad = (hi - lo) * padding
            (lo, hi) = (lo - pad, hi + pad)
        }
        guard lo.isFinite, hi.isFinite, hi > lo else { return nil }
        return (lo, hi)
    }

    /// Tick values inside the domain: "nice" steps (1, 2, 5 × 10^k) aiming at `count` ticks on a
    /// linear scale; powers of ten on a log scale (with 2 and 5 between when it spans under two
    /// decades, and linear ticks when under one).
    func ticks(count: Int = 5) -> [Double] {
        if log {
            let a = Int(floor(log10(low))), b = Int(ceil(log10(high)))
            for multiples in [[1.0], [1, 2, 5], [1, 1.5, 2, 3, 5, 7]] {
                var out: [Double] = []
                for e in a...b {
                    for m in multiples {
                        let t = m * pow(10, Double(e))
                        if t >= low * (1 - 1e-9) && t <= high * (1 + 1e-9) { out.append(t) }
                    }
                }
                if out.count >= 3 || (multiples.count == 1 && out.count >= 2 && b - a >= 2) {
                    if out.count > 8 && multiples.count == 1 {
                        let every = (out.count + 5) / 6
                        return out.enumerated().filter { $0.offset % every == 0 }.map(\.element)
                    }
                    return out
                }
            }
        }
        let raw = (high - low) / Double(max(count, 1))
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        var out: [Double] = []
        var t = (low / step).rounded(.up) * step
        while t <= high + step * 1e-9 && out.count < 50 {
            out.append(abs(t) < step * 1e-9 ? 0 : t)
            t += step
        }
        return out.filter { !log || $0 > 0 }
    }
}

/// Short, readable text for numbers on axes and in tables.
enum TickText {
    /// At most five significant digits in plain notation between 1e-3 and 1e4; outside that,
    /// a mantissa of up to three digits and a power of ten ("1.43e7").
    static func text(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        if x == 0 { return "0" }
        let a = abs(x)
        if a >= 1e4 || a < 1e-3 {
            let e = Int(floor(log10(a)))
            var m = x / pow(10, Double(e))
            var exponent = e
            if abs((m * 100).rounded() / 100) >= 10 { m /= 10; exponent += 1 }
            return trim(String(format: "%.2f", m)) + "e\(exponent)"
        }
        return trim(String(format: "%.5g", x))
    }

    /// Texts for the ticks of a linear axis, in one notation: powers of ten for all when any
    /// tick needs them (so that "5000, 1e4" never sit side by side), plain otherwise.
    static func texts(_ ticks: [Double]) -> [String] {
        let exponent = ticks.contains { $0 != 0 && (abs($0) >= 1e4 || abs($0) < 1e-3) }
        guard exponent else { return ticks.map(text) }
        return ticks.map { x in
            if x == 0 { return "0" }
            let e = Int(floor(log10(abs(x))))
            return trim(String(format: "%.2f", x / pow(10, Double(e)))) + "e\(e)"
        }
    }

    /// Four significant digits, for values shown in cells and tooltips.
    static func precise(_ x: Double) -> String {
        if !x.isFinite || x == 0 || abs(x) >= 1e4 || abs(x) < 1e-3 { return text(x) }
        return trim(String(format: "%.4g", x))
    }

    /// Counts as people read them: 950, 12k, 3.4M.
    static func count(_ x: Double) -> String {
        guard x.isFinite else { return text(x) }
        for (size, suffix) in [(1e9, "G"), (1e6, "M"), (1e3, "k")] where abs(x) >= size {
            return trim(String(format: "%.1f", x / size)) + suffix
        }
        return trim(String(format: "%.0f", x))
    }

    /// `s` cut to at most `limit` characters, with an ellipsis when cut.
    static func shortened(_ s: String, _ limit: Int) -> String {
        s.count <= limit ? s : String(s.prefix(max(limit - 1, 1))) + "…"
    }

    private static func trim(_ s: String) -> String {
        guard s.contains("."), !s.contains("e") else { return s }
        var t = s
        while t.hasSuffix("0") { t.removeLast() }
        if t.hasSuffix(".") { t.removeLast() }
        return t
    }
}
