/// The mainnet calibration of slot values (MODEL.md version 2, section 3) and the fit of the
/// Pareto tail index to its mean.
///
/// Data: MEV-Boost payments, Sep 2022 – May 2024, about 3.79 M slots: mean 0.1246 ETH, median
/// 0.0511, quartiles 0.0304 and 0.0958, maximum 692. The body `mu = -2.975, sigma = 0.85` gives
/// the median (`exp(mu) = 0.05105`) and the quartiles to about 5% (0.0288, 0.0906); with
/// `q = 0.95` and `M = 692` the tail index is the root of `E[V](alpha) = 0.1246`.
public enum ValueCalibration {
    public static let mean = 0.1246
    public static let median = 0.0511
    public static let lowerQuartile = 0.0304
    public static let upperQuartile = 0.0958
    public static let mu = -2.975
    public static let sigma = 0.85
    public static let tailQuantile = 0.95
    public static let max = LognormalPareto.mainnetMax

    /// The fitted tail index, the default `alpha`: the root of `E[V](alpha) = 0.1246` found by
    /// scipy's `brentq` (xtol 1e-15) in `scripts/references/model_v2.py`; `fitTailIndex`
    /// reproduces it (a test, to 1e-9).
    public static let alpha = 1.078058633170623

    /// The default value law: the body above with the fitted, truncated tail.
    public static var law: LognormalPareto {
        LognormalPareto(mu: mu, sigma: sigma, tailQuantile: tailQuantile, alpha: alpha, max: max)
    }

    /// The tail index `alpha` at which the law's closed-form mean equals `targetMean`.
    ///
    /// `E[V]` falls strictly as `alpha` rises (a larger index moves the tail's mass towards
    /// `x_q`), so the root is unique; it is bracketed in `[1/64, 64]` and found by bisection to
    /// adjacent doubles (at most about 70 steps): no tolerance to tune, the same steps on every
    /// machine. Returns `nil` when `targetMean` is outside the bracket's means (no index fits).
    public static func fitTailIndex(
        mu: Double = mu, sigma: Double = sigma, tailQuantile: Double = tailQuantile,
        max: Double = max, targetMean: Double = mean
    ) -> Double? {
        func excess(_ alpha: Double) -> Double {
            LognormalPareto(mu: mu, sigma: sigma, tailQuantile: tailQuantile, alpha: alpha, max: max).moment(1) - targetMean
        }
        var lo = 1.0 / 64, hi = 64.0
        let fLo = excess(lo), fHi = excess(hi)
        guard fLo > 0, fHi < 0 else { return nil }
        for _ in 0..<200 {
            let mid = 0.5 * (lo + hi)
            guard mid > lo && mid < hi else { break }
            if excess(mid) > 0 { lo = mid } else { hi = mid }
        }
        return abs(excess(lo)) <= abs(excess(hi)) ? lo : hi
    }
}
