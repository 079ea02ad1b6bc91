/// `precision`: run replications in rounds of whole shards until a per-point statistic's
/// standard error is at most `standardError` at every point, or the point has
/// `maxReplications` replications (SPEC.md "Research analyses: Precision targets").
public struct PrecisionTarget: Sendable, Hashable {
    /// The per-point statistic whose SE is targeted. Only `pathMean` exists today; a pooled ratio
    /// (model v2's `capture_pooled`, whose SE is the delta method's over the same per-path rows)
    /// is another case here, and a branch in SweepResults' `PrecisionStatistic` and in
    /// SweepEngine's `PrecisionPilot`.
    public enum Statistic: Sendable, Hashable {
        /// The mean over paths of a per-path metric; its SE is `sd / sqrt(n)` of the point's
        /// merged moments (the `se` column of `summary.csv`, bit for bit).
        case pathMean(metric: String)
    }

    public var statistic: Statistic
    /// The target, in the metric's units; `> 0`.
    public var standardError: Double
    /// At least the manifest's `replications`.
    public var maxReplications: Int

    public init(statistic: Statistic, standardError: Double, maxReplications: Int) {
        self.statistic = statistic
        self.standardError = standardError
        self.maxReplications = maxReplications
    }

    /// The metric the statistic is of.
    public var metric: String {
        switch statistic {
        case .pathMean(let metric): metric
        }
    }
}
