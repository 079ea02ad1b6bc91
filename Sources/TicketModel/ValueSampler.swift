import SweepMath
import SweepRandom

/// Inverse-CDF sampling of a slot's value `V_t` (MODEL.md section 3), resolved once per point so
/// that the slot loop does no enum dispatch beyond one `switch` per value.
///
/// Accuracy: the lognormal body uses `StandardNormal.quantile` (AS 241, about 1e-16 relative), so
/// sampled values equal the analytic quantile to a few ulps. The lognormal-Pareto tail is
/// `LognormalPareto.quantile`'s formula inlined (`x_q w^(-1/alpha)`, `w = (1 - u)/(1 - q) + v r`,
/// capped at `max`): no draw exceeds `max`. The exact moments are `ValueLaw`'s, not the sampler's.
public struct ValueSampler: Sendable {
    @usableFromInline enum Kind: Sendable {
        case constant(Double)
        case uniform(Double, Double)
        case lognormal(Double, Double)
        case lognormalPareto(Tail)
        case empirical([Double])
    }

    /// The lognormal-Pareto law as plain numbers for the slot loop.
    @usableFromInline struct Tail: Sendable {
        @usableFromInline let mu, sigma, q, invAlpha, xq, zq: Double
        /// `1 / (1 - q)`.
        @usableFromInline let tailScale: Double
        /// `r = (x_q / M)^alpha` (0 for `M = inf`).
        @usableFromInline let truncatedMass: Double
        /// `M`.
        @usableFromInline let max: Double
    }

    @usableFromInline let kind: Kind

    public init(_ distribution: ValueDistribution) {
        switch distribution {
        case .constant(let v): kind = .constant(v)
        case .uniform(let lo, let hi): kind = .uniform(lo, hi)
        case .lognormal(let mu, let sigma): kind = .lognormal(mu, sigma)
        case .lognormalPareto(let law):
            kind = .lognormalPareto(Tail(
                mu: law.mu, sigma: law.sigma, q: law.tailQuantile, invAlpha: 1 / law.alpha, xq: law.tailStart, zq: law.tailStartScore,
                tailScale: 1 / (1 - law.tailQuantile), truncatedMass: law.truncatedMass, max: law.max))
        case .empirical(let sample): kind = .empirical(sample.sorted)
        }
    }

    /// `F^-1(u)` for `u` in `(0, 1)`.
    @inlinable public func value(uniform u: Double) -> Double {
        switch kind {
        case .constant(let v): return v
        case .uniform(let lo, let hi): return lo + (hi - lo) * u
        case .lognormal(let mu, let sigma): return Elementary.exp(mu + sigma * StandardNormal.quantile(u))
        case .lognormalPareto(let l):
            if u <= l.q { return Elementary.exp(l.mu + l.sigma * StandardNormal.quantile(u)) }
            let w = (1 - u) * l.tailScale + (u - l.q) * l.tailScale * l.truncatedMass
            return Swift.min(l.xq * Elementary.pow(w, -l.invAlpha), l.max)
        case .empirical(let values):
            let i = min(Int(u * Double(values.count)), values.count - 1)
            return values[i]
        }
    }

    /// `value(uniform:)` of every element of `buffer`, in place, the same numbers: the normal
    /// quantiles over the batch (`StandardNormal.quantiles`), the lognormal bodies' arguments of
    /// `exp` per element, then one `Elementary.exp(inPlace:)` over the batch (both in
    /// `SIMDLevel`'s lanes, bit-identical to the scalar functions); Pareto-tail elements are
    /// computed by the scalar formula into `scratch` (room for `buffer.count`) and written back
    /// after. No allocation.
    @inlinable public func values(inPlace buffer: UnsafeMutableBufferPointer<Double>, scratch: UnsafeMutablePointer<Double>) {
        switch kind {
        case .lognormal(let mu, let sigma):
            StandardNormal.quantiles(buffer)
            for i in buffer.indices { buffer[i] = mu + sigma * buffer[i] }
            Elementary.exp(inPlace: buffer)
        case .lognormalPareto(let l):
            // The tails' values first (into `scratch`), then every element's quantile over the
            // batch (AVX-512 lanes where the machine has them; a tail element's is computed and
            // dropped), then the bodies' `exp`.
            var tails = 0
            for i in buffer.indices {
                let u = buffer[i]
                if u <= l.q {
                    scratch[i] = -1
                } else {
                    let w = (1 - u) * l.tailScale + (u - l.q) * l.tailScale * l.truncatedMass
                    scratch[i] = Swift.min(l.xq * Elementary.pow(w, -l.invAlpha), l.max)
                    tails += 1
                }
            }
            StandardNormal.quantiles(buffer)
            for i in buffer.indices { buffer[i] = scratch[i] < 0 ? l.mu + l.sigma * buffer[i] : 0 }
            Elementary.exp(inPlace: buffer)
            if tails > 0 { for i in buffer.indices where scratch[i] >= 0 { buffer[i] = scratch[i] } }
        default:
            for i in buffer.indices { buffer[i] = value(uniform: buffer[i]) }
        }
    }

    /// `F^-1(Phi(z))` for a standard normal `z`, computed without the round trip through `u` where
    /// the distribution allows it (the persistent-value path); the upper tail uses `Phi(-z)`
    /// directly so that `1 - u` keeps its precision.
    @inlinable public func value(normal z: Double) -> Double {
        switch kind {
        case .lognormal(let mu, let sigma): return Elementary.exp(mu + sigma * z)
        case .lognormalPareto(let l):
            if z <= l.zq { return Elementary.exp(l.mu + l.sigma * z) }
            let above = StandardNormal.cdf(-z) * l.tailScale  // (1 - u) / (1 - q)
            return Swift.min(l.xq * Elementary.pow(above + (1 - above) * l.truncatedMass, -l.invAlpha), l.max)
        default:
            return value(uniform: StandardNormal.cdf(z))
        }
    }
}
