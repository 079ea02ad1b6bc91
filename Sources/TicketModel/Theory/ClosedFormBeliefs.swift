/// Exact beliefs of a buyer class (MODEL.md version 2, section 4): the mean and variance of the
/// payoff `R = max(e V, P)` of one held slot, the miss risk included.
///
///     pi    = (1 - m) E[V]   E[max(e, S)]
///     E[R^2] = (1 - m) E[V^2] E[max(e, S)^2]
///     Var R = E[R^2] - pi^2
///
/// with `S = P / V` independent of `V` (`PaymentFactor`) and the exact moments of `V`
/// (`ValueLaw`). No sample is drawn: the result depends on the parameters only, the same for
/// every seed, shard and machine (once `TheoryMath` is the project's deterministic library).
/// Accuracy: that of `PaymentFactor` (relative 1e-12) and the closed-form moments.
public enum ClosedFormBeliefs {
    /// The belief of a class of extraction `e >= 0` and miss rate `m` in `[0, 1]`.
    public static func belief(value: ValueLaw, payment: PaymentFactor, extraction e: Double, missRate m: Double) -> PayoffBelief {
        belief(value: value, expectedMax: payment.expectedMaxMoments(extraction: e), missRate: m)
    }

    /// The belief of a class of miss rate `m` from its `(E[max(e, S)], E[max(e, S)^2])`.
    static func belief(value: ValueLaw, expectedMax moments: (first: Double, second: Double), missRate m: Double) -> PayoffBelief {
        let keep = 1 - m
        let mean = keep * value.mean * moments.first
        let second = keep * value.secondMoment * moments.second
        return PayoffBelief(mean: mean, variance: Swift.max(0, second - mean * mean))
    }

    /// One belief per buyer class of `parameters`, in class order, for the value law `value`
    /// (the model-v2 law, with its `max`) and the builders' payment rule `payment`.
    public static func beliefs(_ parameters: ModelParameters, value: ValueLaw, payment: PaymentFactor) -> [PayoffBelief] {
        parameters.buyers.map { belief(value: value, payment: payment, extraction: $0.extraction, missRate: $0.missRate) }
    }

    /// `beliefs(parameters, value: parameters.value.law, payment: payment)` (the same bits) and,
    /// when one class's expectations gave it on the same nodes
    /// (`PaymentFactor.expectedMaxMomentsAndMeanHighest`), the winning builder's `E[Y_(1)]` that
    /// the point's benchmark needs; otherwise `nil`.
    public static func beliefsAndMeanHighest(
        _ parameters: ModelParameters, payment: PaymentFactor
    ) -> (beliefs: [PayoffBelief], meanHighest: Double?) {
        let value = parameters.value.law
        var highest: Double?
        let beliefs = parameters.buyers.map { buyer -> PayoffBelief in
            guard let three = payment.expectedMaxMomentsAndMeanHighest(extraction: buyer.extraction) else {
                return belief(value: value, payment: payment, extraction: buyer.extraction, missRate: buyer.missRate)
            }
            highest = three.highest
            return belief(value: value, expectedMax: (three.first, three.second), missRate: buyer.missRate)
        }
        return (beliefs, highest)
    }

    /// The exact beliefs of every class of a model (the kernel's default): its value law and
    /// its builders' payment rule (`PaymentFactor.of`).
    public static func exact(_ parameters: ModelParameters) -> [PayoffBelief] {
        beliefs(parameters, value: parameters.value.law, payment: PaymentFactor.of(parameters.builders))
    }
}

extension PaymentFactor {
    /// The payment rule the kernel's `BuilderAuction` applies for `market`: equilibrium shading
    /// when asked for and defined (first price, equal skills), else the fixed shade. A market
    /// the rule cannot describe (no builders, a skill that is not positive: the manifest refuses
    /// both) is taken as paying nothing.
    public static func of(_ market: BuilderMarket) -> PaymentFactor {
        PaymentFactor(market: market, equilibrium: market.equilibriumShade) ?? PaymentFactor(market: market)
            ?? PaymentFactor(constantFactors: [0], rule: .secondPrice)
    }
}
