/// The lognormal body with a Pareto tail truncated at `max` (MODEL.md version 2, section 3).
///
/// Below its `q`-quantile `x_q = exp(mu + sigma z_q)` (`z_q = Phi^-1(q)`) the law is the
/// lognormal `exp(mu + sigma z)`; above it, with probability `1 - q`, a Pareto tail of index
/// `alpha` on `[x_q, M]`, density `alpha x_q^alpha x^(-alpha-1) / (1 - r)`, `r = (x_q / M)^alpha`.
///
/// - Quantile: `u <= q`: `exp(mu + sigma Phi^-1(u))`; `u > q`: with `v = (u - q) / (1 - q)`,
///   `x = x_q (1 - v (1 - r))^(-1/alpha)`, computed as `x_q w^(-1/alpha)` with
///   `w = (1 - u) / (1 - q) + v r` (no cancellation near `u = 1`), capped at `M`.
/// - Moments, with `t = log(M / x_q)` and `c = k - alpha`:
///   `E[V^k] = exp(k mu + k^2 sigma^2 / 2) Phi(z_q - k sigma)` (the body's partial moment)
///   `+ (1 - q) alpha x_q^k g / (1 - r)`, `g = int_0^t e^(c s) ds = expm1(c t) / c` (`t` if
///   `c = 0`), `1 - r = -expm1(-alpha t)`. For `M = inf` and `alpha > k` the same expressions
///   give `alpha x_q^k / (alpha - k)`. Accuracy: a few ulps per term.
public struct LognormalPareto: Sendable, Hashable {
    public var mu: Double
    public var sigma: Double
    public var tailQuantile: Double
    public var alpha: Double
    /// `M`, in ETH; `+infinity` for an untruncated tail (allowed only with `alpha > 2`).
    public var max: Double

    /// 692 ETH: the largest MEV-Boost payment observed over 3.79 M slots (Sep 2022 – May 2024).
    public static let mainnetMax = 692.0

    public init(mu: Double, sigma: Double, tailQuantile: Double, alpha: Double, max: Double = mainnetMax) {
        self.mu = mu
        self.sigma = sigma
        self.tailQuantile = tailQuantile
        self.alpha = alpha
        self.max = max
    }

    /// `z_q = Phi^-1(q)`.
    public var tailStartScore: Double { TheoryMath.normalQuantile(tailQuantile) }

    /// `x_q`, where the tail starts (ETH).
    public var tailStart: Double { TheoryMath.exp(mu + sigma * tailStartScore) }

    /// `r = (x_q / M)^alpha`, the untruncated tail's mass beyond `M` relative to the tail's.
    var truncatedMass: Double { max == .infinity ? 0 : TheoryMath.exp(-alpha * TheoryMath.log(max / tailStart)) }

    /// `E[V^k]`; `+infinity` when the untruncated tail has no `k`-th moment (`alpha <= k`).
    public func moment(_ k: Double) -> Double {
        let zq = tailStartScore, xq = tailStart
        let body = TheoryMath.exp(k * mu + k * k * sigma * sigma / 2) * TheoryMath.normalCDF(zq - k * sigma)
        let t = max == .infinity ? Double.infinity : TheoryMath.log(max / xq)
        let c = k - alpha
        if t == .infinity && c >= 0 { return .infinity }
        let g = c == 0 ? t : TheoryMath.expm1(c * t) / c
        let kept = -TheoryMath.expm1(-alpha * t)
        let tail = alpha * TheoryMath.pow(xq, k) * g / kept
        return body + (1 - tailQuantile) * tail
    }

    /// `F^-1(u)` for `u` in `[0, 1]`; `quantile(1) == max` (and no value exceeds it).
    public func quantile(_ u: Double) -> Double {
        let q = tailQuantile
        if u <= q { return TheoryMath.exp(mu + sigma * TheoryMath.normalQuantile(u)) }
        let v = (u - q) / (1 - q)
        let w = (1 - u) / (1 - q) + v * truncatedMass
        let x = tailStart * TheoryMath.exp(-TheoryMath.log(w) / alpha)
        return Swift.min(x, max)
    }

    /// `F^-1(Phi(z))` for a standard normal score `z` (the persistent-value path), without the
    /// round trip through `u`: the tail takes `1 - u = Phi(-z)` directly, so the upper tail keeps
    /// its precision; capped at `max`.
    public func quantile(normalScore z: Double) -> Double {
        let zq = tailStartScore
        if z <= zq { return TheoryMath.exp(mu + sigma * z) }
        let q = tailQuantile
        let above = TheoryMath.normalCDF(-z) / (1 - q)        // (1 - u) / (1 - q)
        let w = above + (1 - above) * truncatedMass
        return Swift.min(tailStart * TheoryMath.exp(-TheoryMath.log(w) / alpha), max)
    }

    /// `F(x) = P(V <= x)`.
    public func cdf(_ x: Double) -> Double {
        guard x > 0 else { return 0 }
        let xq = tailStart
        if x <= xq { return TheoryMath.normalCDF((TheoryMath.log(x) - mu) / sigma) }
        if x >= max { return 1 }
        // Tail: q + (1 - q) (1 - (x_q/x)^alpha) / (1 - r).
        let inTail = -TheoryMath.expm1(-alpha * TheoryMath.log(x / xq)) / (1 - truncatedMass)
        return tailQuantile + (1 - tailQuantile) * inTail
    }

    /// Why the law is refused, or `nil`.
    public var problem: ValueLawError? {
        if !mu.isFinite { return ValueLawError("mu", "mu must be finite, got \(mu)") }
        if !(sigma.isFinite && sigma > 0) { return ValueLawError("sigma", "sigma must be finite and > 0, got \(sigma)") }
        if !(tailQuantile > 0 && tailQuantile < 1) {
            return ValueLawError("tail_quantile", "tail_quantile q must lie strictly between 0 and 1 (the body's share of the values), got \(tailQuantile)")
        }
        if !(alpha.isFinite && alpha > 0) { return ValueLawError("alpha", "the tail index alpha must be finite and > 0, got \(alpha)") }
        if max.isNaN { return ValueLawError("max", "max must be a number of ETH or inf, got nan") }
        if max == .infinity && alpha <= 2 {
            let lacks = alpha <= 1 ? "no mean (and no variance)" : "no variance"
            return ValueLawError(
                "max",
                "an untruncated Pareto tail (max: inf) with alpha = \(alpha) <= \(alpha <= 1 ? 1 : 2) has \(lacks): "
                    + "every simulated capture and every buyer's risk term would then be an estimate without a limit. "
                    + "Give a finite max (the default \(LognormalPareto.mainnetMax) ETH is the largest MEV-Boost payment observed) "
                    + "or a tail index alpha > 2")
        }
        let xq = tailStart
        if !(max > xq) {
            return ValueLawError(
                "max",
                "max = \(max) must exceed the tail's start x_q = exp(mu + sigma Phi^-1(q)) = \(xq) ETH: "
                    + "the Pareto tail lies between x_q and max")
        }
        return nil
    }
}
