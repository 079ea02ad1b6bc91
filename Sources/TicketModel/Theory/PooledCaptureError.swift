/// The standard error of `capture_pooled = sum_i X_i / sum_i Y_i` over `n` independent paths
/// (MODEL.md version 2, section 8; `X` = a path's protocol revenue, `Y` its surplus), by the
/// delta method.
///
/// With per-path means `mu_X, mu_Y`, variances `s_XX, s_YY` and covariance `s_XY`, the ratio
/// `r = mu_X / mu_Y` and `sum X / sum Y = mean X / mean Y` has, to first order in `1/n`,
///
///     Var(sum X / sum Y) = (s_XX - 2 r s_XY + r^2 s_YY) / (n mu_Y^2)
///
/// (the gradient of `x / y` at the means is `(1/mu_Y, -mu_X/mu_Y^2)`). Its relative error is
/// `O(1/n)`; the moments passed in are the exact (merged) co-moments of the point's paths, so
/// the result does not depend on how the paths were sharded. `nan` when `n < 2` or `mu_Y == 0`.
public enum PooledCaptureError {
    public static func standardError(
        paths n: Int, meanRevenue mx: Double, meanSurplus my: Double,
        varianceRevenue sxx: Double, varianceSurplus syy: Double, covariance sxy: Double
    ) -> Double {
        guard n >= 2, my != 0 else { return .nan }
        let r = mx / my
        let v = (sxx - 2 * r * sxy + r * r * syy) / (Double(n) * my * my)
        return Swift.max(0, v).squareRoot()
    }
}
