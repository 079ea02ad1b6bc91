import SweepAnalysis
import SweepCore
import SweepPlanner
import SweepRandom
import TicketModel

/// Collects one number per point for each statistic of `outputs.sensitivity` during a reduce,
/// and writes `sensitivity.csv` (`metric`, `parameter`, `S1`, `S1_conf`, `ST`, `ST_conf`) from
/// them with `SobolSensitivity` (bootstrap seeded by the manifest's seed).
///
/// A statistic is read from the point's merged statistics (`PointStatistic`: a metric's mean, or
/// a quantile of its sketch), so any per-point scalar of the tables can be added as a new kind.
/// Memory: one double per point and statistic.
struct SensitivityTable {
    private let plan: SweepPlan
    private let spec: SensitivitySpec
    private let layout: SaltelliLayout
    /// Index into `MetricLayout.allNames` of each statistic's metric.
    private let columns: [Int]
    /// `values[s][point]`.
    private var values: [[Double]]

    /// `nil` when the manifest asks for no sensitivity.
    init?(plan: SweepPlan, metrics: MetricLayout) throws(SweepError) {
        guard let spec = plan.settings.outputs.sensitivity, let sample = plan.design.sample else { return nil }
        self.plan = plan
        self.spec = spec
        layout = SaltelliLayout(points: sample.points, dimensions: sample.ranges.count)
        guard layout.rowCount == plan.points.count else {
            throw .badInput("outputs.sensitivity needs the sweep to be the Saltelli sample alone (\(layout.rowCount) points), but it has \(plan.points.count)")
        }
        var columns: [Int] = []
        for statistic in spec.statistics {
            guard let c = metrics.allNames.firstIndex(of: statistic.metric) else {
                throw .badInput("outputs.sensitivity: no metric '\(statistic.metric)' for this model")
            }
            columns.append(c)
        }
        self.columns = columns
        values = Array(repeating: [Double](repeating: .nan, count: plan.points.count), count: spec.statistics.count)
    }

    /// Records point `point`'s statistics from its merged reduction.
    mutating func record(point: Int, reduction: PointReduction) {
        for (s, statistic) in spec.statistics.enumerated() {
            let c = columns[s]
            switch statistic.kind {
            case .mean:
                values[s][point] = reduction.moments[c].mean
            case .quantile(let q):
                let sketch = reduction.sketches[c]
                values[s][point] = sketch.count > 0 ? sketch.quantile(q) : .nan
            }
        }
    }

    /// Computes the indices and writes `sensitivity.csv` atomically.
    func write(to folder: ResultsFolder) throws(SweepError) {
        let parameters = plan.design.sample?.ranges.map(\.path) ?? []
        var text = "metric,parameter,S1,S1_conf,ST,ST_conf\n"
        for (s, statistic) in spec.statistics.enumerated() {
            let indices: [SobolIndices]
            do {
                indices = try SobolSensitivity.analyze(
                    outputs: values[s], layout: layout, bootstrap: spec.bootstrap, seed: plan.settings.seed)
            } catch {
                throw .badInput("outputs.sensitivity: \(error)")
            }
            for (j, index) in indices.enumerated() {
                let cells = [NumberFormat.csvCell(statistic.text), NumberFormat.csvCell(parameters[j])]
                    + [index.firstOrder, index.firstOrderConfidence, index.total, index.totalConfidence].map(NumberFormat.text)
                text += cells.joined(separator: ",") + "\n"
            }
        }
        try AtomicFile.write(text: text, to: folder.sensitivityPath)
    }
}
