/// When `histograms.csv` gets its rows: `outputs.histogram.write` (SPEC.md "Results folder").
///
/// A histogram is `bins` rows per metric and point (64 x ~22 metrics: about 70 KB a point), so a
/// 10^5-point design would write gigabytes that nobody reads point by point; such designs are
/// read through `summary.csv`'s quantiles. So by default (`auto`, or `write` absent) histograms
/// are written for designs of at most ``autoPointLimit`` points, and for larger designs only when
/// the manifest says `write: always`. `never` skips them for any design. When skipped,
/// `histograms.csv` holds its header alone.
public enum HistogramWrite: String, Sendable, CaseIterable {
    case auto, always, never

    /// The most points for which `auto` writes histograms.
    public static let autoPointLimit = 2000

    /// Whether a design of `pointCount` points gets histogram rows.
    public func writes(pointCount: Int) -> Bool {
        switch self {
        case .auto: pointCount <= Self.autoPointLimit
        case .always: true
        case .never: false
        }
    }
}
