import Foundation

/// Small results folders written as literal tables, in the format the reducer writes
/// (README "The results folder"), for the report's tests.
enum ResultsFixture {
    struct Axis {
        var path: String
        var values: [String]
    }

    static let metrics = ["capture_ratio", "hhi", "price_sd", "ticket_return"]
    static let perPath = ["capture_ratio", "hhi", "price_sd"]

    /// A fresh temporary folder.
    static func folder() -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("report-fixture-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Writes a reduced results folder for a design of `grid` axes, an optional `zip` (its axes
    /// move together) and an optional sample of `sample.points` over `sample.paths`; returns its path.
    ///
    /// Every point gets the four `metrics`; `hhi` has a `nan` mean at point 1 and `price_sd` an
    /// `inf` maximum, and `ticket_return` histograms span both signs.
    ///
    /// `pooled` adds a `capture_pooled` row per point (mean and se, the rest `nan`, as the reducer
    /// writes it); `benchmarks` writes each point's `equilibrium_capture` to `benchmarks.csv`
    /// (`nan` for a mechanism without one), or into `run.json`'s `benchmarks` when `benchmarksInRun`;
    /// `constant` makes a metric constant over the paths at the given points (SD 0, every quantile
    /// equal to the mean, correlations `nan`).
    static func write(grid: [Axis], zip: [Axis] = [], sample: (paths: [String], points: Int)? = nil,
                      pooled: [(mean: Double, se: Double)]? = nil, benchmarks: [Double]? = nil, benchmarksInRun: Bool = false,
                      constant: [String: Set<Int>] = [:]) -> String {
        let dir = folder()
        let zipCount = zip.first?.values.count ?? 1
        let sampleCount = sample?.points ?? 1
        let total = grid.map(\.values.count).reduce(1, *) * zipCount * sampleCount
        let columns = grid.map(\.path) + zip.map(\.path) + (sample?.paths ?? [])
        var labels: [[String]] = []
        for index in 0..<total {
            var rest = index
            let s = rest % sampleCount
            rest /= sampleCount
            let z = rest % zipCount
            rest /= zipCount
            var g = [Int](repeating: 0, count: grid.count)
            for a in stride(from: grid.count - 1, through: 0, by: -1) {
                g[a] = rest % grid[a].values.count
                rest /= grid[a].values.count
            }
            var row = grid.enumerated().map { $0.element.values[g[$0.offset]] }
            row += zip.map { $0.values[z] }
            row += (sample?.paths ?? []).enumerated().map { String(0.1 + 0.8 * Double((s * 7 + $0.offset * 3) % max(sampleCount, 1)) / Double(max(sampleCount, 1))) }
            labels.append(row)
        }
        func cells(_ row: [String]) -> String { row.map(csv).joined(separator: ",") }

        var points = [cells(["point"] + columns)]
        for (p, row) in labels.enumerated() { points.append(cells([String(p)] + row)) }
        write(points, "points.csv", in: dir)

        var summary = [cells(["point"] + columns + ["metric", "count", "mean", "sd", "se", "skewness", "kurtosis", "min", "p05", "p50", "p95", "max"])]
        for (p, row) in labels.enumerated() {
            for (m, metric) in metrics.enumerated() {
                let mean = metric == "hhi" && p == 1 ? "nan" : String(Double(m + 1) * (0.5 + Double(p)))
                let base = Double(m + 1) * (0.5 + Double(p))
                if constant[metric]?.contains(p) ?? false {
                    let b = String(base)
                    summary.append(cells([String(p)] + row + [metric, "100", b, "0", "0", "nan", "nan", b, b, b, b, b]))
                    continue
                }
                summary.append(cells([String(p)] + row + [metric, "100", mean, "0.5", "0.05", "nan", "nan", String(base - 1),
                                                          String(base - 0.8), String(base), String(base + 0.8), metric == "price_sd" ? "inf" : String(base + 1)]))
            }
            if let pooled {
                summary.append(cells([String(p)] + row + ["capture_pooled", "100", String(pooled[p].mean), "nan", String(pooled[p].se)]
                                     + Array(repeating: "nan", count: 7)))
            }
        }
        write(summary, "summary.csv", in: dir)

        var histograms = ["point,metric,bin_low,bin_high,count"]
        for p in labels.indices {
            for metric in metrics {
                let low = metric == "ticket_return" ? -1.0 : 0.0
                for b in 0..<8 {
                    let count = metric == "ticket_return" ? (b == 0 ? 100_000 : b == 5 ? 0 : 1_000 / (b * b)) : 10 + b
                    histograms.append("\(p),\(metric),\(low + Double(b) * 2.5),\(low + Double(b + 1) * 2.5),\(count)")
                }
            }
        }
        write(histograms, "histograms.csv", in: dir)

        var correlations = ["point,metric_a,metric_b,correlation"]
        for p in labels.indices {
            for (i, a) in perPath.enumerated() {
                for b in perPath[(i + 1)...] {
                    let undefined = b == "price_sd" || (constant[a]?.contains(p) ?? false) || (constant[b]?.contains(p) ?? false)
                    correlations.append("\(p),\(a),\(b),\(undefined ? "nan" : String(0.5 - 0.1 * Double(p % 3)))")
                }
            }
        }
        write(correlations, "correlations.csv", in: dir)

        func axisJSON(_ axes: [Axis]) -> String {
            "[" + axes.map { a in
                let values = a.values.map { Double($0) != nil ? $0 : "\"" + $0.replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
                return "{\"path\": \"\(a.path)\", \"values\": [\(values.joined(separator: ", "))]}"
            }.joined(separator: ", ") + "]"
        }
        let sampleJSON = sample.map { s in
            "{\"method\": \"sobol\", \"points\": \(s.points), \"ranges\": {" + s.paths.map { "\"\($0)\": [0.1, 0.9]" }.joined(separator: ", ") + "}}"
        } ?? "null"
        let columnsJSON = "[" + columns.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
        var benchmarksJSON = ""
        if let benchmarks {
            if benchmarksInRun {
                let records = benchmarks.enumerated().map { p, c in
                    "{\"point\": \(p), \"equilibrium_price\": 0.125, \"expected_surplus\": 0.25, \"equilibrium_capture\": \(c.isFinite ? String(c) : "null"), \"zero_price_tickets\": 0}"
                }
                benchmarksJSON = ", \"benchmarks\": [" + records.joined(separator: ", ") + "]"
            } else {
                var lines = ["point,quantity,value"]
                for (p, c) in benchmarks.enumerated() {
                    lines += ["\(p),equilibrium_price,0.125", "\(p),expected_surplus,0.25", "\(p),equilibrium_capture,\(c.isFinite ? String(c) : "nan")"]
                }
                write(lines, "benchmarks.csv", in: dir)
            }
        }
        write(["""
            {"name": "fixture", "version": "0.1.0", "points": \(total), "replications": 100, "slots": 400, "seed": 7,
             "columns": \(columnsJSON), "manifest_sha256": "0123456789abcdef0123",
             "design": {"grid": \(axisJSON(grid)), "zip": \(axisJSON(zip)), "sample": \(sampleJSON)}\(benchmarksJSON)}
            """], "run.json", in: dir)
        write(["name: fixture"], "manifest.yaml", in: dir)
        return dir
    }

    static func csv(_ s: String) -> String {
        s.contains(",") || s.contains("\"") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    static func write(_ lines: [String], _ name: String, in dir: String) {
        try! (lines.joined(separator: "\n") + "\n").write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
    }
}
