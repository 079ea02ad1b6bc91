import Foundation
import SweepCore

/// The tables of a reduced results folder, read for plotting (README "The results folder").
///
/// Non-finite cells (`nan`, `inf`) are kept as non-finite `Double`s; the plots skip them.
public struct ResultsTables: Sendable {
    /// One row of `summary.csv`: a metric's statistics at one point, by column name.
    public struct SummaryRow: Sendable {
        public var point: Int
        public var metric: String
        /// `count`, `mean`, `sd`, `se`, `skewness`, `kurtosis`, `min`, `pXX`…, `max`.
        public var statistics: [String: Double]
    }

    /// One bin of `histograms.csv`.
    public struct Bin: Sendable {
        public var low: Double
        public var high: Double
        public var count: Double
    }

    public var name: String
    /// `run.json` facts shown in the page header (replications, slots, seed, version, ...).
    public var facts: [(String, String)]
    /// The swept columns, in `points.csv` order.
    public var columns: [String]
    /// The text of each swept column at each point (`labels[point][column]`).
    public var labels: [[String]]
    public var design: DesignRecord
    /// Metric names in order of first appearance in `summary.csv`.
    public var metrics: [String]
    /// The statistic columns of `summary.csv` after the swept ones (`count`, `mean`, ...).
    public var statisticColumns: [String]
    public var summary: [SummaryRow]
    /// Bins by metric, then point.
    public var histograms: [String: [Int: [Bin]]]
    /// Correlations by point: metric names in first-appearance order and the symmetric matrix.
    public var correlations: [Int: (metrics: [String], matrix: [[Double]])]
    /// The rows of `differences.csv`, when the folder has one (`ResultsTables+Research.swift`).
    public var differences: [DifferenceRow] = []
    /// The rows of `sensitivity.csv`, when the folder has one.
    public var sensitivity: [SensitivityRow] = []
    /// The competitive-equilibrium benchmark by point, then quantity (`equilibrium_price`,
    /// `expected_surplus`, `equilibrium_capture`), from `benchmarks.csv` or `run.json`
    /// (`ResultsTables+Benchmarks.swift`).
    public var benchmarks: [Int: [String: Double]] = [:]

    public var pointCount: Int { labels.count }

    /// The summary row of `metric` at `point`, if any.
    public func row(point: Int, metric: String) -> SummaryRow? { summaryIndex[metric]?[point].map { summary[$0] } }

    private var summaryIndex: [String: [Int: Int]] = [:]

    /// Reads `points.csv`, `summary.csv`, `histograms.csv`, `correlations.csv`, `benchmarks.csv`
    /// and `run.json`.
    /// Throws `badInput` naming the folder and what to run when it is not a reduced results
    /// folder, and when a table is malformed.
    public static func load(folder: String) throws(SweepError) -> ResultsTables {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .badInput("\(folder) is not a folder; give the results folder of a run (`ticketsweep run MANIFEST --out DIR`)")
        }
        func path(_ file: String) -> String { (folder as NSString).appendingPathComponent(file) }
        guard fm.fileExists(atPath: path("manifest.yaml")) || fm.fileExists(atPath: path("run.json")) else {
            throw .badInput("\(folder) is not a ticketsweep results folder (no manifest.yaml); run `ticketsweep run MANIFEST --out \(folder)` first")
        }
        for file in ["summary.csv", "points.csv", "run.json"] where !fm.fileExists(atPath: path(file)) {
            throw .badInput("\(folder) has not been reduced (no \(file)); run `ticketsweep reduce \(folder)` (or finish the run with `ticketsweep run MANIFEST --out \(folder) --resume`)")
        }
        var tables = ResultsTables(
            name: (folder as NSString).lastPathComponent, facts: [], columns: [], labels: [],
            design: DesignRecord(grid: [], zip: [], samplePoints: nil, sampleMethod: nil),
            metrics: [], statisticColumns: [], summary: [], histograms: [:], correlations: [:])
        try tables.readRun(path("run.json"))
        try tables.readPoints(try table(path("points.csv")))
        try tables.readSummary(try table(path("summary.csv")))
        if fm.fileExists(atPath: path("histograms.csv")) { try tables.readHistograms(try table(path("histograms.csv"))) }
        if fm.fileExists(atPath: path("correlations.csv")) { try tables.readCorrelations(try table(path("correlations.csv"))) }
        if fm.fileExists(atPath: path("differences.csv")) { try tables.readDifferences(try table(path("differences.csv"))) }
        if fm.fileExists(atPath: path("sensitivity.csv")) { try tables.readSensitivity(try table(path("sensitivity.csv"))) }
        if fm.fileExists(atPath: path("benchmarks.csv")) { try tables.readBenchmarks(try table(path("benchmarks.csv"))) }
        return tables
    }

    static func table(_ path: String) throws(SweepError) -> CSVTable {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .runtime("cannot read \(path); check its permissions")
        }
        do {
            return try CSVTable(text: String(decoding: data, as: UTF8.self))
        } catch {
            throw .badInput("\(path):\(error.line): \(error.message); rerun `ticketsweep reduce` on the folder to rewrite the tables")
        }
    }

    static func missing(_ column: String, _ file: String) -> SweepError {
        .badInput("\(file) has no '\(column)' column; it was not written by this version of ticketsweep (rerun `ticketsweep reduce` on the folder)")
    }

    private mutating func readRun(_ path: String) throws(SweepError) {
        guard let data = FileManager.default.contents(atPath: path),
              let object = try? JSONSerialization.jsonObject(with: data), let run = object as? [String: Any] else {
            throw .badInput("\(path) is not valid JSON; rerun `ticketsweep reduce` on the folder to rewrite it")
        }
        if let n = run["name"] as? String { name = n }
        for key in ["points", "replications", "slots", "seed", "version", "host", "started", "finished"] {
            if let v = run[key] { facts.append((key.replacingOccurrences(of: "_", with: " "), "\(v)")) }
        }
        if let sha = run["manifest_sha256"] as? String { facts.append(("manifest sha256", String(sha.prefix(16)) + "…")) }
        design = DesignRecord(json: run["design"] as? [String: Any] ?? [:], columns: run["columns"] as? [String] ?? [])
        // benchmarks.csv, read later, overrides these when the folder has it.
        readBenchmarks(json: run["benchmarks"] as? [[String: Any]] ?? [])
    }

    private mutating func readPoints(_ t: CSVTable) throws(SweepError) {
        guard t.column("point") == 0 else { throw Self.missing("point", "points.csv") }
        columns = Array(t.header.dropFirst())
        var byPoint: [Int: [String]] = [:]
        for row in t.rows {
            guard let point = Int(t.cell(row, 0)), point >= 0 else {
                throw .badInput("points.csv has a row whose point is not a number ('\(t.cell(row, 0))'); rerun `ticketsweep reduce` on the folder")
            }
            byPoint[point] = (0..<columns.count).map { t.cell(row, $0 + 1) }
        }
        labels = (0..<byPoint.count).map { byPoint[$0] ?? Array(repeating: "", count: columns.count) }
    }

    private mutating func readSummary(_ t: CSVTable) throws(SweepError) {
        guard let p = t.column("point") else { throw Self.missing("point", "summary.csv") }
        guard let m = t.column("metric") else { throw Self.missing("metric", "summary.csv") }
        statisticColumns = Array(t.header[(m + 1)...])
        var seen = Set<String>()
        for row in t.rows {
            guard let point = Int(t.cell(row, p)), point >= 0, point < pointCount else { continue }
            let metric = t.cell(row, m)
            if seen.insert(metric).inserted { metrics.append(metric) }
            var statistics: [String: Double] = [:]
            for (k, name) in statisticColumns.enumerated() {
                if let x = CSVTable.number(t.cell(row, m + 1 + k)) { statistics[name] = x }
            }
            summaryIndex[metric, default: [:]][point] = summary.count
            summary.append(SummaryRow(point: point, metric: metric, statistics: statistics))
        }
    }

    private mutating func readHistograms(_ t: CSVTable) throws(SweepError) {
        guard let p = t.column("point"), let m = t.column("metric"), let lo = t.column("bin_low"),
              let hi = t.column("bin_high"), let c = t.column("count") else { throw Self.missing("bin_low", "histograms.csv") }
        for row in t.rows {
            guard let point = Int(t.cell(row, p)), let low = CSVTable.number(t.cell(row, lo)),
                  let high = CSVTable.number(t.cell(row, hi)), let count = CSVTable.number(t.cell(row, c)) else { continue }
            histograms[t.cell(row, m), default: [:]][point, default: []].append(Bin(low: low, high: high, count: count))
        }
    }

    private mutating func readCorrelations(_ t: CSVTable) throws(SweepError) {
        guard let p = t.column("point"), let a = t.column("metric_a"), let b = t.column("metric_b"),
              let r = t.column("correlation") else { throw Self.missing("metric_a", "correlations.csv") }
        var names: [Int: [String]] = [:]
        var values: [Int: [String: Double]] = [:]
        for row in t.rows {
            guard let point = Int(t.cell(row, p)) else { continue }
            let (x, y) = (t.cell(row, a), t.cell(row, b))
            for name in [x, y] where !(names[point]?.contains(name) ?? false) { names[point, default: []].append(name) }
            values[point, default: [:]][x + "\u{0}" + y] = CSVTable.number(t.cell(row, r)) ?? .nan
        }
        for (point, list) in names {
            let v = values[point] ?? [:]
            var matrix = list.map { x in
                list.map { y in x == y ? 1 : v[x + "\u{0}" + y] ?? v[y + "\u{0}" + x] ?? .nan }
            }
            // A metric constant over the paths correlates with nothing, itself included.
            for i in list.indices where list.count > 1 && matrix[i].indices.allSatisfy({ $0 == i || matrix[i][$0].isNaN }) {
                matrix[i][i] = .nan
            }
            correlations[point] = (list, matrix)
        }
    }
}

/// The sweep design as `run.json` records it: grid and zip axes with their value counts, and the
/// sample's size. Point order is row-major over grid axes (first slowest), zip, sample.
public struct DesignRecord: Sendable {
    public struct Axis: Sendable {
        public var path: String
        public var count: Int
    }

    public var grid: [Axis]
    public var zip: [Axis]
    public var samplePoints: Int?
    public var sampleMethod: String?
    /// The sampled parameters, in column order (`run.json` keeps them in a sorted map).
    public var samplePaths: [String] = []

    public init(grid: [Axis], zip: [Axis], samplePoints: Int?, sampleMethod: String?, samplePaths: [String] = []) {
        self.grid = grid
        self.zip = zip
        self.samplePoints = samplePoints
        self.sampleMethod = sampleMethod
        self.samplePaths = samplePaths
    }

    init(json: [String: Any], columns: [String]) {
        func axes(_ key: String) -> [Axis] {
            (json[key] as? [[String: Any]] ?? []).map { Axis(path: $0["path"] as? String ?? "?", count: ($0["values"] as? [Any])?.count ?? 0) }
        }
        grid = axes("grid")
        zip = axes("zip")
        if let sample = json["sample"] as? [String: Any] {
            samplePoints = (sample["points"] as? NSNumber)?.intValue
            sampleMethod = sample["method"] as? String
            samplePaths = Array(columns.dropFirst(grid.count + zip.count))
            // A Saltelli design of `points` base samples has `points × (ranges + 2)` rows.
            if sampleMethod == "saltelli" { samplePoints = samplePoints.map { $0 * (samplePaths.count + 2) } }
        }
    }
}
