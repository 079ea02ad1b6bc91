import SweepPlanner
import TicketModel

extension PointStatistic {
    /// Parses `metric` or `metric:pNN`; `nil` when the suffix is not a level in (0, 1).
    static func parse(_ text: String) -> PointStatistic? {
        guard let colon = text.lastIndex(of: ":") else { return PointStatistic(metric: text, kind: .mean) }
        let metric = String(text[..<colon])
        let suffix = text[text.index(after: colon)...]
        guard suffix.first == "p" else { return nil }
        let digits = suffix.dropFirst()
        let parts = digits.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count <= 2, parts[0].count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              // `p99_9` is the level 0.999: the digits with the point moved two places, read once.
              let level = Double("0." + parts.joined()), level > 0, level < 1 else { return nil }
        return PointStatistic(metric: metric, kind: .quantile(level))
    }
}

/// Reads and checks `outputs.differences` and `outputs.sensitivity` against the parsed sweep.
enum ResearchOutputsParser {
    static func differences(_ node: ConfigNode?, sweep: SweepDesign, problems: inout ProblemList) -> DifferenceSpec? {
        guard let node, let baseline = node["baseline"] else { return nil }
        if let number = baseline.number {
            guard let index = Int(exactly: number) else { return nil }
            let count = sweep.pointCount
            guard index < count else {
                problems.add("outputs.differences.baseline is point \(index), but the sweep has \(count) point\(count == 1 ? "" : "s") (0 to \(count - 1))", at: baseline.mark)
                return nil
            }
            return DifferenceSpec(baseline: .point(index))
        }
        var grid = [Int?](repeating: nil, count: sweep.grid.count)
        var zip: (index: Int, path: ParameterPath)?
        let axisNames = (sweep.grid + sweep.zip).map(\.path.description)
        var ok = true
        for entry in baseline.entries ?? [] {
            let where_ = "outputs.differences.baseline"
            guard let path = try? ParameterPath(parsing: entry.key) else {
                problems.add("\(where_): '\(entry.key)' is not a parameter path; name a grid or zip axis, such as '\(axisNames.first ?? "pricing.quotient")'", at: entry.keyMark)
                ok = false
                continue
            }
            let label = CanonicalYAML.label(entry.value)
            func position(in axis: Axis) -> Int? {
                if let i = axis.labels.firstIndex(of: label) { return i }
                problems.add("\(where_): '\(path)' has no value \(label); its values are \(axis.labels.joined(separator: ", "))", at: entry.value.mark ?? entry.keyMark)
                ok = false
                return nil
            }
            if let a = sweep.grid.firstIndex(where: { $0.path == path }) {
                grid[a] = position(in: sweep.grid[a])
            } else if let axis = sweep.zip.first(where: { $0.path == path }) {
                guard let i = position(in: axis) else { continue }
                if let earlier = zip, earlier.index != i {
                    problems.add("\(where_): zip axes move together, but '\(earlier.path)' picks position \(earlier.index + 1) and '\(path)' position \(i + 1)", at: entry.keyMark)
                    ok = false
                }
                zip = (i, path)
            } else if sweep.sample?.ranges.contains(where: { $0.path == path }) ?? false {
                problems.add("\(where_): '\(path)' is a sampled range, whose values are drawn; name a grid or zip axis, or give a point number", at: entry.keyMark)
                ok = false
            } else {
                let hint = axisNames.isEmpty ? "; the sweep has no grid or zip axis, give a point number" : Wording.hint(for: path.description, among: axisNames)
                problems.add("\(where_): '\(path)' is not a grid or zip axis of the sweep\(hint)", at: entry.keyMark)
                ok = false
            }
        }
        if baseline.entries?.isEmpty ?? false {
            problems.add("outputs.differences.baseline is empty; give a point number or 'path: value' for grid or zip axes", at: baseline.mark)
            ok = false
        }
        return ok ? DifferenceSpec(baseline: .coordinates(grid: grid, zip: zip?.index)) : nil
    }

    // Unoptimised on purpose: Swift 6.3.1 crashes compiling this function with -O (checked
    // 2026-12-02): "Found outside of lifetime use?!" in the CopyPropagation pass's ownership
    // verification, as it does on `SweepDesignParser.sample(_:)`. It runs once per manifest.
    @_optimize(none)
    static func sensitivity(
        _ node: ConfigNode?, sweep: SweepDesign, sweepNode: ConfigNode?, classes: [String], problems: inout ProblemList
    ) -> SensitivitySpec? {
        guard let node else { return nil }
        var ok = true
        if sweep.sample?.method != .saltelli {
            let got = sweep.sample.map { "method \($0.method.rawValue)" } ?? "no sweep.sample"
            problems.add("outputs.sensitivity needs a Saltelli design: sweep.sample with method: saltelli (got \(got))", at: node.mark)
            ok = false
        } else if !sweep.grid.isEmpty || !sweep.zip.isEmpty {
            problems.add("outputs.sensitivity analyses a Saltelli sample alone; remove sweep.grid and sweep.zip (run one manifest per grid value instead)", at: node.mark)
            ok = false
        }
        let known = ManifestSchema.metricNames(buyerClasses: classes)
        var statistics: [PointStatistic] = []
        for item in node["metrics"]?.list ?? [] {
            guard let text = item.string else { continue }
            guard let statistic = PointStatistic.parse(text) else {
                problems.add("outputs.sensitivity.metrics: '\(text)' must be a metric name, or a metric and a quantile column such as 'ticket_return:p99'", at: item.mark)
                ok = false
                continue
            }
            if !known.contains(statistic.metric) {
                problems.add("unknown metric '\(statistic.metric)' in outputs.sensitivity.metrics\(Wording.hint(for: statistic.metric, among: known))", at: item.mark)
                ok = false
            } else if statistics.contains(statistic) {
                problems.add("outputs.sensitivity.metrics lists '\(text)' twice", at: item.mark)
                ok = false
            } else {
                statistics.append(statistic)
            }
        }
        let bootstrap = node["bootstrap"]?.number.flatMap { Int(exactly: $0) } ?? 200
        return ok ? SensitivitySpec(statistics: statistics, bootstrap: bootstrap) : nil
    }

    /// `sweep.sample.points` must be a power of two for `saltelli`.
    static func checkSaltelliPoints(_ sweep: SweepDesign, sweepNode: ConfigNode?, problems: inout ProblemList) {
        guard let sample = sweep.sample, sample.method == .saltelli else { return }
        let n = sample.points
        if n < 2 || n & (n - 1) != 0 {
            problems.add("sweep.sample.points must be a power of two of at least 2 for method saltelli (such as 256 or 1024); got \(n)",
                         at: sweepNode?["sample"]?["points"]?.mark)
        }
        if sample.ranges.count * 2 > 256 {
            problems.add("method saltelli samples at most 128 ranges (its Sobol' base has two coordinates per range); got \(sample.ranges.count)",
                         at: sweepNode?["sample"]?["ranges"]?.mark)
        }
    }
}
