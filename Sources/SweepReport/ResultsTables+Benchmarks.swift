import Foundation
import SweepCore

extension ResultsTables {
    /// The metric the competitive-equilibrium benchmark is drawn beside, and the benchmark's
    /// quantity for it (MODEL.md section 8: `equilibrium_capture = equilibrium price / expected
    /// surplus per slot`).
    static let benchmarkedMetric = "capture_pooled"
    static let benchmarkQuantity = "equilibrium_capture"

    /// The equilibrium capture of `point` from `benchmarks.csv` (or `run.json`'s `benchmarks`
    /// when the folder has no table), nil when the folder has none or the mechanism has no
    /// clearing price (`nan` / `null`).
    public func equilibriumCapture(point: Int) -> Double? {
        benchmarks[point]?[Self.benchmarkQuantity].flatMap { $0.isFinite ? $0 : nil }
    }

    /// Whether `metric` is constant over the paths (or tickets) of `point`: more than one value
    /// and an SD of 0, or a minimum equal to the maximum. Such a metric has no band and no
    /// correlation; under exact beliefs and a deterministic controller price, revenue and empty
    /// slots are, because every path follows the same price trajectory (MODEL.md section 10).
    public func isConstant(point: Int, metric: String) -> Bool {
        guard let s = row(point: point, metric: metric)?.statistics, let count = s["count"], count > 1 else { return false }
        if s["sd"] == 0 { return true }
        if let low = s["min"], let high = s["max"], low.isFinite, low == high { return true }
        return false
    }

    /// The points (of `points`, default all) at which `metric` is constant over the paths.
    public func constantPoints(metric: String, among points: [Int]? = nil) -> [Int] {
        (points ?? Array(0..<pointCount)).filter { isConstant(point: $0, metric: metric) }
    }

    /// The metrics that are constant at every one of `points` (in `metrics` order), and those
    /// constant at some of them only.
    public func constantMetrics(among points: [Int]) -> (everywhere: [String], somewhere: [String]) {
        var everywhere: [String] = [], somewhere: [String] = []
        guard !points.isEmpty else { return ([], []) }
        for metric in metrics {
            let n = constantPoints(metric: metric, among: points).count
            if n == points.count { everywhere.append(metric) } else if n > 0 { somewhere.append(metric) }
        }
        return (everywhere, somewhere)
    }

    /// Reads `benchmarks.csv` (`point,quantity,value`).
    mutating func readBenchmarks(_ t: CSVTable) throws(SweepError) {
        guard let p = t.column("point"), let q = t.column("quantity"), let v = t.column("value") else {
            throw Self.missing("quantity", "benchmarks.csv")
        }
        for row in t.rows {
            guard let point = Int(t.cell(row, p)) else { continue }
            benchmarks[point, default: [:]][t.cell(row, q)] = CSVTable.number(t.cell(row, v)) ?? .nan
        }
    }

    /// Reads `run.json`'s `benchmarks` records (`{point, equilibrium_price, ...}`, `null` for
    /// `nan`), for a folder without `benchmarks.csv`.
    mutating func readBenchmarks(json records: [[String: Any]]) {
        for record in records {
            guard let point = (record["point"] as? NSNumber)?.intValue else { continue }
            for (key, value) in record where key != "point" && key != "zero_price_tickets" {
                benchmarks[point, default: [:]][key] = (value as? NSNumber)?.doubleValue ?? .nan
            }
        }
    }
}
