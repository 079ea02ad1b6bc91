#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Bonding curve: the next ticket costs `minPrice * exp((H - H*) / A)`.
public struct ExponentialPricing: PricingMechanism {
    public static let name = "exponential"
    public static let doc = "bonding curve: the next ticket costs `min_price * exp((H - H*) / A)`"
    public static let targetPoolParameter = ParameterSpec(
        "target_pool", .integer(low: 0, high: ParameterBounds.maxCount), .defaulted(.number(64)), "pool size `H*` at which a ticket costs `min_price`")
    public static let quotientParameter = ParameterSpec(
        "quotient", .number(.positive), .defaulted(.number(8)), "`A` in `min_price * exp((H - H*) / A)`")
    public static let minPriceParameter = ParameterSpec(
        "min_price", .number(.positive), .defaulted(.number(1e-9)), "price at the target pool, ETH")
    public static let parameters = [targetPoolParameter, quotientParameter, minPriceParameter]
    public static let usesPool = true

    public var targetPool: Int
    public var quotient: Double
    public var minPrice: Double

    public init(
        targetPool: Int = Int(ExponentialPricing.targetPoolParameter.declaredNumber),
        quotient: Double = ExponentialPricing.quotientParameter.declaredNumber,
        minPrice: Double = ExponentialPricing.minPriceParameter.declaredNumber
    ) {
        self.targetPool = targetPool
        self.quotient = quotient
        self.minPrice = minPrice
    }

    public init(values: some ParameterValues) {
        self.init(
            targetPool: values.int(Self.targetPoolParameter), quotient: values.number(Self.quotientParameter),
            minPrice: values.number(Self.minPriceParameter))
    }

    /// `4 (L + H*)`.
    public func defaultWarmup(lookahead: Int) -> Int { 4 * (lookahead + targetPool) }

    public var initialPrice: Double { minPrice }

    /// The marginal class's valuation at the target pool `H*` (where the curve's price is
    /// `price_at_target`).
    public func equilibriumBenchmark(_ parameters: ModelParameters, valuations: BenchmarkValuations) -> MechanismBenchmark? {
        valuations.poolTarget(targetPool)
    }

    @inline(__always)
    public func sell(_ market: BatchSimulator, _ slot: SlotContext, postedAtDraw: Double) -> Double {
        let target = Double(targetPool)
        let minPrice = self.minPrice, quotient = self.quotient
        let priceAt: (Int) -> Double = { h in minPrice * exp((Double(h) - target) / quotient) }
        let posted = priceAt(market.poolCount(slot.path))
        market.sellAtPostedPrice(slot, priceAt: priceAt)
        return posted
    }
}

extension Pricing {
    public static func exponential(_ curve: ExponentialPricing) -> Pricing { Pricing(curve) }
}
