import SweepCore

extension ResultsTables {
    /// One row of `differences.csv`: a metric at a point against its baseline point.
    public struct DifferenceRow: Sendable {
        public var point: Int
        public var metric: String
        public var baseline: Int
        public var difference: Double
        /// NaN for per-ticket metrics (not paired).
        public var sePaired: Double
        public var seUnpaired: Double
    }

    /// One row of `sensitivity.csv`: the Sobol' indices of a statistic for one parameter.
    public struct SensitivityRow: Sendable {
        public var metric: String
        public var parameter: String
        public var s1: Double
        public var s1Confidence: Double
        public var st: Double
        public var stConfidence: Double
    }

    mutating func readDifferences(_ t: CSVTable) throws(SweepError) {
        let names = ["point", "metric", "baseline", "difference", "se_paired", "se_unpaired"]
        var columns: [Int] = []
        for name in names {
            guard let c = t.column(name) else { throw Self.missing(name, "differences.csv") }
            columns.append(c)
        }
        differences = t.rows.compactMap { row in
            guard let point = Int(t.cell(row, columns[0])), let baseline = Int(t.cell(row, columns[2])) else { return nil }
            func number(_ k: Int) -> Double { CSVTable.number(t.cell(row, columns[k])) ?? .nan }
            return DifferenceRow(point: point, metric: t.cell(row, columns[1]), baseline: baseline,
                                 difference: number(3), sePaired: number(4), seUnpaired: number(5))
        }
    }

    mutating func readSensitivity(_ t: CSVTable) throws(SweepError) {
        let names = ["metric", "parameter", "S1", "S1_conf", "ST", "ST_conf"]
        var columns: [Int] = []
        for name in names {
            guard let c = t.column(name) else { throw Self.missing(name, "sensitivity.csv") }
            columns.append(c)
        }
        sensitivity = t.rows.map { row in
            func number(_ k: Int) -> Double { CSVTable.number(t.cell(row, columns[k])) ?? .nan }
            return SensitivityRow(metric: t.cell(row, columns[0]), parameter: t.cell(row, columns[1]),
                                  s1: number(2), s1Confidence: number(3), st: number(4), stConfidence: number(5))
        }
    }
}
