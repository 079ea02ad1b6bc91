/// A slot value's marginal distribution with its exact moments (MODEL.md version 2, section 3).
///
/// `ValueLaw` is the theory's view of a `ValueDistribution`: the
/// lognormal-Pareto law carries the truncation point `M` of its tail, and every case exposes
/// `E[V]` and `E[V^2]` in closed form, so that no moment of `V` is ever estimated from a sample.
/// Accuracy: the moments are a few closed-form terms, a few ulps each (the normal CDF is the
/// C library's `erfc`, relative error below 1e-15 where it is used); the empirical moments are
/// compensated sums in ascending order (relative error about 1e-16, the same on every machine).
public enum ValueLaw: Sendable, Hashable {
    case constant(Double)
    case uniform(low: Double, high: Double)
    /// `exp(mu + sigma z)`.
    case lognormal(mu: Double, sigma: Double)
    case lognormalPareto(LognormalPareto)
    /// Bootstrap resampling of observed values: the sample's own moments.
    case empirical(EmpiricalSample)

    /// The law of a model's value distribution (the lognormal-Pareto case carries its `max`).
    public init(_ distribution: ValueDistribution) {
        switch distribution {
        case .constant(let v): self = .constant(v)
        case .uniform(let lo, let hi): self = .uniform(low: lo, high: hi)
        case .lognormal(let mu, let sigma): self = .lognormal(mu: mu, sigma: sigma)
        case .lognormalPareto(let law): self = .lognormalPareto(law)
        case .empirical(let sample): self = .empirical(sample)
        }
    }

    /// `E[V]`.
    public var mean: Double { moment(1) }

    /// `E[V^2]`.
    public var secondMoment: Double { moment(2) }

    /// `Var V = E[V^2] - E[V]^2`.
    public var variance: Double { let m = mean; return Swift.max(0, secondMoment - m * m) }

    /// `E[V^k]` for `k` = 1 or 2 (any `k > 0` for the parametric cases).
    public func moment(_ k: Int) -> Double {
        let kd = Double(k)
        switch self {
        case .constant(let v): return TheoryMath.pow(v, kd)
        case .uniform(let lo, let hi):
            // int_lo^hi x^k dx / (hi - lo), written without the division for lo == hi.
            if k == 1 { return (lo + hi) / 2 }
            if k == 2 { return (lo * lo + lo * hi + hi * hi) / 3 }
            return hi == lo ? TheoryMath.pow(lo, kd)
                : (TheoryMath.pow(hi, kd + 1) - TheoryMath.pow(lo, kd + 1)) / ((kd + 1) * (hi - lo))
        case .lognormal(let mu, let sigma): return TheoryMath.exp(kd * mu + kd * kd * sigma * sigma / 2)
        case .lognormalPareto(let law): return law.moment(kd)
        case .empirical(let sample): return ValueLaw.sampleMoment(sample.sorted, k)
        }
    }

    /// `F^-1(u)` for `u` in `[0, 1]` (the same inverse CDF as `ValueSampler`, with the tail
    /// truncated at `max` for the lognormal-Pareto law).
    public func quantile(_ u: Double) -> Double {
        switch self {
        case .constant(let v): return v
        case .uniform(let lo, let hi): return lo + (hi - lo) * u
        case .lognormal(let mu, let sigma): return TheoryMath.exp(mu + sigma * TheoryMath.normalQuantile(u))
        case .lognormalPareto(let law): return law.quantile(u)
        case .empirical(let sample):
            let values = sample.sorted
            return values[Swift.min(Int(u * Double(values.count)), values.count - 1)]
        }
    }

    /// Why the law is not a valid slot value, or `nil`: what is wrong, which parameter, and why
    /// it matters. Every law the model runs on must pass this check.
    public var problem: ValueLawError? {
        switch self {
        case .constant(let v):
            if !(v.isFinite && v >= 0) { return ValueLawError("value", "a constant value must be finite and >= 0 (ETH), got \(v)") }
        case .uniform(let lo, let hi):
            if !(lo.isFinite && hi.isFinite && lo >= 0 && hi >= lo) {
                return ValueLawError("low, high", "a uniform value needs 0 <= low <= high, both finite (ETH); got low = \(lo), high = \(hi)")
            }
        case .lognormal(let mu, let sigma):
            if !mu.isFinite { return ValueLawError("mu", "mu must be finite, got \(mu)") }
            if !(sigma.isFinite && sigma >= 0) { return ValueLawError("sigma", "sigma must be finite and >= 0, got \(sigma)") }
        case .lognormalPareto(let law): return law.problem
        case .empirical(let sample):
            if sample.sorted.isEmpty { return ValueLawError("file", "\(sample.source) holds no values") }
            if let bad = sample.sorted.first(where: { !($0.isFinite && $0 >= 0) }) {
                return ValueLawError("file", "\(sample.source) holds \(bad): every value must be finite and >= 0 (ETH)")
            }
        }
        return nil
    }

    /// `sum x^k / n` by a compensated (Neumaier) sum in the sample's ascending order.
    static func sampleMoment(_ values: [Double], _ k: Int) -> Double {
        var sum = 0.0, carry = 0.0
        for x in values {
            let term = k == 1 ? x : (k == 2 ? x * x : TheoryMath.pow(x, Double(k)))
            let t = sum + term
            carry += abs(sum) >= abs(term) ? (sum - t) + term : (term - t) + sum
            sum = t
        }
        return (sum + carry) / Double(values.count)
    }
}

/// Why a value law was refused: the parameter (as the manifest names it under `value:`) and
/// the reason, written for the person who set it.
public struct ValueLawError: Error, Sendable, Hashable, CustomStringConvertible {
    public let parameter: String
    public let reason: String

    public init(_ parameter: String, _ reason: String) {
        self.parameter = parameter
        self.reason = reason
    }

    public var description: String { "value.\(parameter): \(reason)" }
}
