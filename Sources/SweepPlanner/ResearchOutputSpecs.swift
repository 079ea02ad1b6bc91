/// `outputs.differences`: paired differences of every point against a baseline point.
public struct DifferenceSpec: Sendable {
    /// How each point's baseline is found.
    public enum Baseline: Sendable, Equatable {
        /// One point for all (an index into the plan's points).
        case point(Int)
        /// The point with these grid values and zip position, the other coordinates the point's
        /// own: `grid[a]` is a value index of grid axis `a` (`nil`: the point's own), `zip` a
        /// position of the zip axes.
        case coordinates(grid: [Int?], zip: Int?)
    }

    public var baseline: Baseline

    public init(baseline: Baseline) {
        self.baseline = baseline
    }
}

/// `outputs.sensitivity`: Sobol' indices of per-point statistics over a Saltelli sample.
public struct SensitivitySpec: Sendable {
    public var statistics: [PointStatistic]
    /// Bootstrap resamples behind the confidence half-widths (at least 2).
    public var bootstrap: Int

    public init(statistics: [PointStatistic], bootstrap: Int) {
        self.statistics = statistics
        self.bootstrap = bootstrap
    }
}

/// One number per point read from its merged statistics: the mean of a metric, or a quantile
/// (`metric:p99`, from the point's quantile sketch). The text is what `sensitivity.csv` names it.
public struct PointStatistic: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case mean
        /// A level in (0, 1).
        case quantile(Double)
    }

    public var metric: String
    public var kind: Kind

    public init(metric: String, kind: Kind) {
        self.metric = metric
        self.kind = kind
    }

    /// `metric`, or `metric:pNN` (`p99`, `p99_9`, `p05`, as `summary.csv`'s columns).
    public var text: String {
        switch kind {
        case .mean: metric
        case .quantile(let q): "\(metric):\(PointStatistic.quantileName(q))"
        }
    }

    /// `p` + the level in percent with two integer digits and `_` for the decimal point:
    /// 0.01 → `p01`, 0.5 → `p50`, 0.999 → `p99_9`, 0.001 → `p00_1` (also `summary.csv`'s
    /// quantile columns). The level is rounded to 1e-6 percent first, so at most six decimals.
    public static func quantileName(_ q: Double) -> String {
        let percent = (q * 100 * 1e6).rounded() / 1e6
        let whole = Int(percent)
        var text = whole < 10 ? "0\(whole)" : "\(whole)"
        var fraction = percent - Double(whole)
        if fraction > 1e-9 {
            text += "_"
            var digits = 0
            while fraction > 1e-9 && digits < 6 {
                fraction *= 10
                let d = Int(fraction + 1e-9)
                text += String(d)
                fraction -= Double(d)
                digits += 1
            }
        }
        return "p" + text
    }
}
