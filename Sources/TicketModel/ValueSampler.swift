import SweepMath
import SweepRandom

/// Inverse-CDF sampling of a slot's value `V_t` (MODEL.md section 3), resolved once per point so
/// that the slot loop does no enum dispatch beyond one `switch` per value.
///
/// Accuracy: the lognormal body uses `StandardNormal.quantile` (AS 241, about 1e-16 relative), so
/// sampled values equal the analytic quantile to a few ulps.
public struct ValueSampler: Sendable {
    @usableFromInline enum Kind: Sendable {
        case constant(Double)
        case uniform(Double, Double)
        case lognormal(Double, Double)
        /// mu, sigma, q, 1/alpha, x_q, z_q
        case lognormalPareto(Double, Double, Double, Double, Double, Double)
        case empirical([Double])
    }

    @usableFromInline let kind: Kind

    public init(_ distribution: ValueDistribution) {
        switch distribution {
        case .constant(let v): kind = .constant(v)
        case .uniform(let lo, let hi): kind = .uniform(lo, hi)
        case .lognormal(let mu, let sigma): kind = .lognormal(mu, sigma)
        case .lognormalPareto(let mu, let sigma, let q, let alpha):
            let zq = StandardNormal.quantile(q)
            kind = .lognormalPareto(mu, sigma, q, 1 / alpha, Elementary.exp(mu + sigma * zq), zq)
        case .empirical(let sample): kind = .empirical(sample.sorted)
        }
    }

    /// `F^-1(u)` for `u` in `(0, 1)`.
    @inlinable public func value(uniform u: Double) -> Double {
        switch kind {
        case .constant(let v): return v
        case .uniform(let lo, let hi): return lo + (hi - lo) * u
        case .lognormal(let mu, let sigma): return Elementary.exp(mu + sigma * StandardNormal.quantile(u))
        case .lognormalPareto(let mu, let sigma, let q, let invAlpha, let xq, _):
            if u <= q { return Elementary.exp(mu + sigma * StandardNormal.quantile(u)) }
            return xq * Elementary.pow((1 - q) / (1 - u), invAlpha)
        case .empirical(let values):
            let i = min(Int(u * Double(values.count)), values.count - 1)
            return values[i]
        }
    }

    /// `F^-1(Phi(z))` for a standard normal `z`, computed without the round trip through `u` where
    /// the distribution allows it (the persistent-value path); the upper tail uses `Phi(-z)`
    /// directly so that `1 - u` keeps its precision.
    @inlinable public func value(normal z: Double) -> Double {
        switch kind {
        case .lognormal(let mu, let sigma): return Elementary.exp(mu + sigma * z)
        case .lognormalPareto(let mu, let sigma, let q, let invAlpha, let xq, let zq):
            if z <= zq { return Elementary.exp(mu + sigma * z) }
            return xq * Elementary.pow((1 - q) / StandardNormal.cdf(-z), invAlpha)
        default:
            return value(uniform: StandardNormal.cdf(z))
        }
    }

    /// `E[V]` in closed form (the sample mean for `empirical`); `+infinity` for a Pareto tail with
    /// `alpha <= 1`.
    public var mean: Double {
        switch kind {
        case .constant(let v): return v
        case .uniform(let lo, let hi): return (lo + hi) / 2
        case .lognormal(let mu, let sigma): return Elementary.exp(mu + sigma * sigma / 2)
        case .lognormalPareto(let mu, let sigma, let q, let invAlpha, let xq, let zq):
            // Body: E[X; X <= x_q] = exp(mu + sigma^2/2) Phi(z_q - sigma).
            let body = Elementary.exp(mu + sigma * sigma / 2) * StandardNormal.cdf(zq - sigma)
            let alpha = 1 / invAlpha
            guard alpha > 1 else { return .infinity }
            return body + (1 - q) * xq * alpha / (alpha - 1)
        case .empirical(let values):
            return values.reduce(0, +) / Double(values.count)
        }
    }
}
