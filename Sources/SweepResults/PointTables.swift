import SweepCore
import SweepStatistics
import TicketModel

/// Writes one point's rows of `summary.csv`, `histograms.csv` and `correlations.csv`
/// (SPEC.md "Results folder") into byte buffers, without a `String` per cell.
///
/// The bytes are exactly those of joining ``NumberFormat`` texts with commas: numbers go through
/// ``NumberFormat/append(_:to:)-(Double,_)``, each histogram edge is formatted once (it is the
/// high of one row and the low of the next), and metric names are quoted once per layout.
/// One row buffer is reused, so a point costs no allocation beyond the numbers whose shortest
/// text is longer than 15 bytes and the histogram of each metric. Histograms are skipped when
/// `histogramBins` is nil (the design is too large for them by default; see
/// ``HistogramPolicy``).
public struct PointTables {
    public let quantiles: [Double]
    public let histogramBins: Int?
    private var row: [UInt8] = []
    private var edgeText: [UInt8] = []
    private var edgeEnds: [Int] = []
    private var layoutNames: [String] = []
    private var quotedNames: [[UInt8]] = []

    /// Rows with the `quantiles` columns of `summary.csv`, and histograms of `histogramBins`
    /// bins (none when nil).
    public init(quantiles: [Double], histogramBins: Int?) {
        self.quantiles = quantiles
        self.histogramBins = histogramBins
        row.reserveCapacity(1024)
    }

    /// The CSV cells of the layout's names, recomputed only when the layout's names change.
    private mutating func names(_ layout: MetricLayout) {
        let all = layout.allNames
        guard all != layoutNames else { return }
        layoutNames = all
        quotedNames = all.map { Array(NumberFormat.csvCell($0).utf8) }
    }

    /// Appends the point's rows for the `selected` metrics (indices into `layout.allNames`, in
    /// layout order). `prefix` is the point's `point,label,...` cells, without a trailing comma.
    /// O(metrics · (quantiles + bins) + path metrics²).
    public mutating func write(
        point: Int, prefix: [UInt8], reduction: PointReduction, selected: [Int],
        summary: some ByteSink, histograms: some ByteSink, correlations: some ByteSink
    ) -> Int {
        let layout = reduction.layout
        names(layout)
        var rows = 0
        let pointMetricStart = layout.pathMetrics.count + layout.ticketMetrics.count
        for c in selected {
            if c >= pointMetricStart {
                // A per-point metric (`capture_pooled`): count = paths, mean and se, the rest nan.
                let pooled = Reducer.pooledCapture(reduction)
                startRow(prefix: prefix, metric: c, count: pooled.paths)
                for x in [pooled.ratio, .nan, pooled.se, .nan, .nan, .nan] { cell(x) }
                for _ in 0 ... quantiles.count { cell(.nan) }
                row.append(UInt8(ascii: "\n"))
                summary.append(bytes: row)
                rows += 1
                continue
            }
            let m = reduction.moments[c]
            let s = reduction.sketches[c]
            startRow(prefix: prefix, metric: c, count: m.count)
            cell(m.mean)
            cell(m.sd)
            cell(m.se)
            cell(m.skewness)
            cell(m.kurtosis)
            cell(m.min)
            for q in quantiles { cell(s.count > 0 ? s.quantile(q) : .nan) }
            cell(m.max)
            row.append(UInt8(ascii: "\n"))
            summary.append(bytes: row)
            rows += 1
            if let bins = histogramBins, s.count > 0, let h = try? Histogram.fromSketch(s, bins: bins) {
                writeHistogram(h, point: point, name: quotedNames[c], to: histograms)
            }
        }
        let k = layout.pathMetrics.count
        let pathSelected = selected.filter { $0 < k }
        guard pathSelected.count > 1 else { return rows }
        let corr = reduction.comoments.correlation()
        for (i, a) in pathSelected.enumerated() {
            for b in pathSelected[(i + 1)...] {
                row.removeAll(keepingCapacity: true)
                NumberFormat.append(Int64(point), to: &row)
                row.append(UInt8(ascii: ","))
                row.append(contentsOf: quotedNames[a])
                row.append(UInt8(ascii: ","))
                row.append(contentsOf: quotedNames[b])
                cell(corr[a * k + b])
                row.append(UInt8(ascii: "\n"))
                correlations.append(bytes: row)
            }
        }
        return rows
    }

    /// Starts a `summary.csv` row: the point's cells, the name of metric `c`, the count.
    private mutating func startRow(prefix: [UInt8], metric c: Int, count: Int) {
        row.removeAll(keepingCapacity: true)
        row.append(contentsOf: prefix)
        row.append(UInt8(ascii: ","))
        row.append(contentsOf: quotedNames[c])
        row.append(UInt8(ascii: ","))
        NumberFormat.append(Int64(count), to: &row)
    }

    /// Appends `,` and the number's text to the row.
    private mutating func cell(_ x: Double) {
        row.append(UInt8(ascii: ","))
        NumberFormat.append(x, to: &row)
    }

    /// One row per bin: `point,metric,bin_low,bin_high,count`.
    private mutating func writeHistogram(_ h: Histogram, point: Int, name: [UInt8], to file: some ByteSink) {
        edgeText.removeAll(keepingCapacity: true)
        edgeEnds.removeAll(keepingCapacity: true)
        for e in h.edges {
            NumberFormat.append(e, to: &edgeText)
            edgeEnds.append(edgeText.count)
        }
        row.removeAll(keepingCapacity: true)
        NumberFormat.append(Int64(point), to: &row)
        row.append(UInt8(ascii: ","))
        row.append(contentsOf: name)
        row.append(UInt8(ascii: ","))
        let head = row.count
        let counts = h.counts
        for i in 0..<counts.count {
            row.removeSubrange(head...)
            let start = i == 0 ? 0 : edgeEnds[i - 1]
            row.append(contentsOf: edgeText[start ..< edgeEnds[i]])
            row.append(UInt8(ascii: ","))
            row.append(contentsOf: edgeText[edgeEnds[i] ..< edgeEnds[i + 1]])
            row.append(UInt8(ascii: ","))
            NumberFormat.append(counts[i], to: &row)
            row.append(UInt8(ascii: "\n"))
            file.append(bytes: row)
        }
    }
}
