import Foundation
import SweepCore

/// The swept axes of a results folder as the plots see them, and each point's place on them.
///
/// Grid axes come first (one each), then the zip as one axis (its first path gives the x values;
/// the other zipped paths move with it and are named in the caption), then each sampled
/// parameter. A point's level on a grid or zip axis is decoded from its number (row-major: grid
/// axis 0 slowest, then zip, then sample, README "The sweep manifest"). When the folder's point
/// count does not match its recorded design, the points are plotted against their number.
struct DesignAxes {
    enum Kind: Equatable { case grid, zip, sample }

    struct Axis {
        var name: String
        var kind: Kind
        /// Also swept with this axis (the other zip paths), for captions.
        var companions: [String]
        /// Level texts as in `points.csv` (grid and zip axes; empty for sampled parameters).
        var levels: [String]
        /// Numeric level values, when every level reads as a finite number.
        var values: [Double]?
        /// The column of `points.csv` holding this axis.
        var column: Int?
        /// Whether to draw it on a log scale (see `DesignAxes.isLogSpaced`).
        var log: Bool

        /// Level names for ticks and legends: the texts when all have at most 14 characters;
        /// numbers to four digits; for whole maps (`{mechanism: fixed, price: 0.1}`) their first
        /// entry's value when those differ (`fixed`); else `#1`, `#2`, ... (the page's design
        /// list gives the full texts).
        var short: [String] {
            if levels.allSatisfy({ $0.count <= 14 }) { return levels }
            if let values { return values.map(TickText.precise) }
            let firsts = levels.map { text -> String in
                let inner = text.hasPrefix("{") ? String(text.dropFirst()) : text
                let entry = inner.split(separator: ",", maxSplits: 1).first.map(String.init) ?? inner
                let value = entry.components(separatedBy: ": ").dropFirst().joined(separator: ": ")
                return value.trimmingCharacters(in: CharacterSet(charactersIn: " {}"))
            }
            if levels.allSatisfy({ $0.hasPrefix("{") }), Set(firsts).count == levels.count, firsts.allSatisfy({ !$0.isEmpty }) {
                return firsts.map { TickText.shortened($0, 14) }
            }
            return levels.indices.map { "#\($0 + 1)" }
        }
    }

    var axes: [Axis]
    /// `level[point][axis]`: the level index on grid and zip axes, the sample index on sampled ones.
    var level: [[Int]]
    /// Sampled values by point and axis (`nan` for grid and zip axes).
    var sampled: [[Double]]
    /// The sampled points averaged into each level of a grid or zip plot (1 without a sample).
    var sampleCount = 1

    var pointCount: Int { level.count }

    /// Axes that plots are drawn against (all of them; a sweep without axes has none).
    var isEmpty: Bool { axes.isEmpty }

    /// Axes whose points fall on a few shared levels (grid and zip), in order.
    var levelAxes: [Int] { axes.indices.filter { axes[$0].kind != .sample } }

    init(_ tables: ResultsTables) {
        let design = tables.design
        let n = tables.pointCount
        let gridSizes = design.grid.map(\.count)
        let zipCount = design.zip.first?.count ?? 1
        let sampleCount = design.samplePoints ?? 1
        let decodable = n == gridSizes.reduce(1, *) * zipCount * sampleCount && n > 0
            && tables.columns.count == design.grid.count + design.zip.count + design.samplePaths.count
        guard decodable else {
            // Fall back to the point number as the only axis.
            axes = n > 1 ? [Axis(name: "point", kind: .grid, companions: [], levels: (0..<n).map(String.init),
                                 values: (0..<n).map(Double.init), column: nil, log: false)] : []
            level = (0..<n).map { n > 1 ? [$0] : [] }
            sampled = (0..<n).map { _ in n > 1 ? [.nan] : [] }
            return
        }
        var coordinates: [[Int]] = []
        for index in 0..<n {
            let at = PointOrder.position(of: index, gridSizes: gridSizes, zipCount: zipCount, sampleCount: sampleCount)
            coordinates.append(at.grid + (design.zip.isEmpty ? [] : [at.zip]) + Array(repeating: at.sample, count: design.samplePaths.count))
        }
        var axes: [Axis] = []
        func levelTexts(axis: Int, column: Int, count: Int) -> [String] {
            (0..<count).map { l in
                let p = coordinates.firstIndex { $0[axis] == l }
                return p.map { tables.labels[$0][column] } ?? "?"
            }
        }
        for (a, g) in design.grid.enumerated() {
            let texts = levelTexts(axis: a, column: a, count: g.count)
            axes.append(Axis(name: g.path, kind: .grid, companions: [], levels: texts, values: Self.numbers(texts), column: a, log: false))
        }
        if let first = design.zip.first {
            let a = design.grid.count
            let texts = levelTexts(axis: a, column: a, count: first.count)
            axes.append(Axis(name: first.path, kind: .zip, companions: design.zip.dropFirst().map(\.path), levels: texts,
                             values: Self.numbers(texts), column: a, log: false))
        }
        let firstSample = design.grid.count + design.zip.count
        for (k, path) in design.samplePaths.enumerated() {
            axes.append(Axis(name: path, kind: .sample, companions: [], levels: [], values: nil, column: firstSample + k, log: false))
        }
        var sampled = [[Double]](repeating: [Double](repeating: .nan, count: axes.count), count: n)
        for (a, axis) in axes.enumerated() where axis.kind == .sample {
            for p in 0..<n { sampled[p][a] = CSVTable.number(tables.labels[p][axis.column!]) ?? .nan }
        }
        for a in axes.indices {
            let values = axes[a].kind == .sample ? sampled.map { $0[a] } : axes[a].values ?? []
            axes[a].log = Self.isLogSpaced(values)
        }
        self.axes = axes
        self.level = coordinates
        self.sampled = sampled
        self.sampleCount = sampleCount
    }

    /// The numbers of `texts`, or nil when any is not a finite number (categorical levels).
    static func numbers(_ texts: [String]) -> [Double]? {
        var out: [Double] = []
        for t in texts {
            guard let x = CSVTable.number(t), x.isFinite else { return nil }
            out.append(x)
        }
        return out
    }

    /// Whether positive values are better read on a log scale: three or more distinct values in a
    /// geometric progression (consecutive ratios at least 1.5 and within 10% of each other), or any
    /// positive values spanning at least two decades.
    static func isLogSpaced(_ values: [Double]) -> Bool {
        let v = Array(Set(values.filter(\.isFinite))).sorted()
        guard let lo = v.first, let hi = v.last, lo > 0, v.count >= 2 else { return false }
        if hi / lo >= 100 { return true }
        guard v.count >= 3 else { return false }
        let ratios = zip(v.dropFirst(), v).map { $0 / $1 }
        return ratios.min()! >= 1.5 && ratios.max()! / ratios.min()! <= 1.1
    }

    /// The series axis drawn as separate lines against `x`: the first other grid or zip axis
    /// with 2 to 8 levels, if any.
    func seriesAxis(for x: Int) -> Int? {
        levelAxes.first { $0 != x && (2...8).contains(axes[$0].levels.count) }
    }

    /// The points to plot against `x` with series `series`: every other grid and zip axis held
    /// at its first level. Sampled dimensions are not constrained (the caller averages or scatters).
    func points(x: Int, series: Int?) -> [Int] {
        (0..<pointCount).filter { p in
            levelAxes.allSatisfy { a in a == x || a == series || level[p][a] == 0 }
        }
    }

    /// "quotient = 16, noise = 0.2": a point's swept values (short level names, sampled values
    /// to four digits) under the last component of each path, or "point N" without axes.
    func label(point: Int) -> String {
        guard point < pointCount, !axes.isEmpty else { return "point \(point)" }
        return axes.indices.map { a in
            let value = axes[a].kind == .sample ? TickText.precise(sampled[point][a]) : axes[a].short[level[point][a]]
            return "\(Self.lastComponent(axes[a].name)) = \(value)"
        }.joined(separator: ", ")
    }

    /// The last component of a parameter path (`pricing.target.pool` reads `pool`).
    static func lastComponent(_ path: String) -> String {
        path.split(separator: ".").last.map(String.init) ?? path
    }

    /// "a = v, b = w" for the grid and zip axes held at their first level in a plot against
    /// `x` (with `series`), or "" when none is.
    func heldText(x: Int, series: Int?, also: Int? = nil) -> String {
        levelAxes.filter { $0 != x && $0 != series && $0 != also }
            .map { "\(axes[$0].name) = \(axes[$0].levels.first ?? "?")" }
            .joined(separator: ", ")
    }

}
