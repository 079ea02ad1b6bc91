import SweepMath
import SweepRandom

/// A buyer class's expected payoff of one held slot, `pi_k`, and its variance, `Var_k R`
/// (MODEL.md sections 4 and 10).
public struct PayoffBelief: Sendable, Hashable {
    public var mean: Double
    public var variance: Double

    public init(mean: Double, variance: Double) {
        self.mean = mean
        self.variance = variance
    }
}

/// Exact beliefs: `pi_k = (1 - m_k) E[V] E[max(e_k, P/V)]` with `E[V]` in closed form and the
/// second factor from a fixed pre-sample of builder signals; `Var_k R` from the same pre-sample of
/// values and signals (finite by construction; with a Pareto tail of `alpha <= 2` the true
/// variance is infinite and this estimate grows with `belief_sample`).
///
/// The pre-sample uses its own stream (`RandomStreamID.belief`), independent of the point, so that
/// beliefs are deterministic and shared by every shard of a point.
public enum ExactBeliefs {
    public static func compute(_ parameters: ModelParameters, seed: UInt64) -> [PayoffBelief] {
        let sampler = ValueSampler(parameters.value.distribution)
        let auction = BuilderAuction(parameters.builders)
        let n = max(parameters.beliefSample, 1)
        let meanV = sampler.mean
        let stream = RandomStream(seed: seed, stream: RandomStreamID.belief.rawValue)
        let classes = parameters.buyers
        var sumMax = [Double](repeating: 0, count: classes.count)
        var sumR = [Double](repeating: 0, count: classes.count)
        var sumR2 = [Double](repeating: 0, count: classes.count)
        let builders = auction.count
        var signals = [Double](repeating: 0, count: builders + 2)
        signals.withUnsafeMutableBufferPointer { sig in
            for i in 0..<n {
                let (u, _) = stream.uniforms(point: 0xFFFF_FFFF, replication: UInt32(truncatingIfNeeded: i), slot: 0, index: 0)
                let v = sampler.value(uniform: u)
                stream.fill(
                    UnsafeMutableBufferPointer(rebasing: sig[0..<builders]), point: 0xFFFF_FFFF,
                    replication: UInt32(truncatingIfNeeded: i), slot: 1, firstIndex: 0)
                for j in 0..<builders { sig[j] = StandardNormal.quantile(sig[j]) }
                let ratio = auction.outcome(unitSignals: sig.baseAddress!).payment
                for (k, c) in classes.enumerated() {
                    let m = max(c.extraction, ratio)
                    sumMax[k] += m
                    sumR[k] += v * m
                    sumR2[k] += v * v * m * m
                }
            }
        }
        return classes.enumerated().map { k, c in
            let keep = 1 - c.missRate
            let mean = keep * meanV * sumMax[k] / Double(n)
            let sampleMean = keep * sumR[k] / Double(n)
            let variance = max(0, keep * sumR2[k] / Double(n) - sampleMean * sampleMean)
            return PayoffBelief(mean: mean, variance: variance)
        }
    }
}

/// The marginal valuation of one more ticket (MODEL.md section 4): with `H` tickets in the pool
/// after the purchase,
/// `w(H) = pi (1+d)^-L / (1 + H d) - a/2 Var[PV](H)` (MODEL.md's formula: the variance term is
/// not discounted for the lookahead) and
/// `Var[PV](H) = (Var R + pi^2) / (H d^2 + 2 H d + 1) - pi^2 / (H^2 d^2 + 2 H d + 1)`.
public struct Valuation: Sendable {
    public let discount: Double
    public let riskAversion: Double
    /// `(1 + d)^-L`.
    public let lookaheadFactor: Double

    public init(buyer: BuyerClass, lookahead: Int) {
        discount = buyer.discountPerSlot
        riskAversion = buyer.riskAversion
        lookaheadFactor = Elementary.pow(1 + buyer.discountPerSlot, -Double(lookahead))
    }

    /// `w(H)` for a belief `(pi, Var R)`.
    @inlinable public func marginal(poolAfter h: Double, belief: PayoffBelief) -> Double {
        let d = discount
        let hd = h * d
        let mean = belief.mean * lookaheadFactor / (1 + hd)
        if riskAversion == 0 { return mean }
        let pi2 = belief.mean * belief.mean
        let variance = (belief.variance + pi2) / (hd * d + 2 * hd + 1) - pi2 / (hd * hd + 2 * hd + 1)
        return mean - riskAversion / 2 * variance
    }

    /// The certainty equivalent of one slot held outright `lead` slots ahead (no pool, no wait):
    /// `pi (1+d)^-m - a/2 (1+d)^-2m Var R`.
    @inlinable public func outright(lead: Int, belief: PayoffBelief) -> Double {
        let f = Elementary.pow(1 + discount, -Double(lead))
        return belief.mean * f - riskAversion / 2 * f * f * belief.variance
    }
}

/// Named random streams. Exogenous streams (`value`, `signal`) are common to all points under
/// common random numbers; the streams of agents' choices are per point.
public enum RandomStreamID: UInt32, Sendable, CaseIterable {
    case value = 1
    case signal = 2
    case draw = 3
    case order = 4
    case miss = 5
    case belief = 6

    /// Whether the stream describes the market rather than an agent's choice.
    public var isExogenous: Bool { self == .value || self == .signal }
}
