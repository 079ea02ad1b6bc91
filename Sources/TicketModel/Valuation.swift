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
    /// The agents' private views of each resold slot (`ResaleStep.swift`).
    case resale = 6

    /// Whether the stream describes the market rather than an agent's choice.
    public var isExogenous: Bool { self == .value || self == .signal }
}
