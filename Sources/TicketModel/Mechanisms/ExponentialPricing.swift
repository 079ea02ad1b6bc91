import SweepMath

/// Bonding curve: the next ticket costs `priceAtTarget * exp((H - H*) / A)`. (Version 1 called
/// `price_at_target` `min_price`, which it is not; the manifest still accepts the old name, with
/// a warning: `DeprecatedKeys`.)
public struct ExponentialPricing: PricingMechanism {
    public static let name = "exponential"
    public static let doc = "bonding curve: the next ticket costs `price_at_target * exp((H - H*) / A)`"
    public static let targetPoolParameter = ParameterSpec(
        "target_pool", .integer(low: 0, high: ParameterBounds.maxCount), .defaulted(.number(64)), "pool size `H*` at which a ticket costs `price_at_target`")
    public static let quotientParameter = ParameterSpec(
        "quotient", .number(.positive), .defaulted(.number(8)), "`A` in `price_at_target * exp((H - H*) / A)`")
    public static let priceAtTargetParameter = ParameterSpec(
        "price_at_target", .number(.positive), .defaulted(.number(1e-9)),
        "price at the target pool, ETH (version 1's `min_price`, still accepted with a warning)")
    public static let parameters = [targetPoolParameter, quotientParameter, priceAtTargetParameter]
    public static let usesPool = true

    public var targetPool: Int
    public var quotient: Double
    public var priceAtTarget: Double

    public init(
        targetPool: Int = Int(ExponentialPricing.targetPoolParameter.declaredNumber),
        quotient: Double = ExponentialPricing.quotientParameter.declaredNumber,
        priceAtTarget: Double = ExponentialPricing.priceAtTargetParameter.declaredNumber
    ) {
        self.targetPool = targetPool
        self.quotient = quotient
        self.priceAtTarget = priceAtTarget
    }

    public init(values: some ParameterValues) {
        self.init(
            targetPool: values.int(Self.targetPoolParameter), quotient: values.number(Self.quotientParameter),
            priceAtTarget: values.number(Self.priceAtTargetParameter))
    }

    /// `4 (L + H*)`.
    public func defaultWarmup(lookahead: Int) -> Int { 4 * (lookahead + targetPool) }

    public var initialPrice: Double { priceAtTarget }

    /// The marginal class's valuation at the target pool `H*` (where the curve's price is
    /// `price_at_target`).
    public func equilibriumBenchmark(_ parameters: ModelParameters, valuations: BenchmarkValuations) -> MechanismBenchmark? {
        valuations.poolTarget(targetPool)
    }

    @inline(__always)
    public func sell(_ market: BatchSimulator, _ slot: SlotContext, postedAtDraw: Double) -> Double {
        let target = Double(targetPool)
        let priceAtTarget = self.priceAtTarget, quotient = self.quotient
        let priceAt: (Int) -> Double = { h in priceAtTarget * Elementary.exp((Double(h) - target) / quotient) }
        let posted = priceAt(market.poolCount(slot.path))
        market.sellAtPostedPrice(slot, forecaster: self, priceAt: priceAt)
        return posted
    }
}

extension Pricing {
    public static func exponential(_ curve: ExponentialPricing) -> Pricing { Pricing(curve) }
}
