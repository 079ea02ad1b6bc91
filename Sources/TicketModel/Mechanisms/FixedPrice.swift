/// A posted price that never changes.
public struct FixedPrice: PricingMechanism {
    public static let name = "fixed"
    public static let doc = "a posted price that never changes"
    public static let priceParameter = ParameterSpec("price", .number(.nonNegative), .defaulted(.number(0.1)), "posted price, ETH")
    public static let parameters = [priceParameter]
    public static let usesPool = true

    /// The posted price, ETH.
    public var price: Double

    public init(price: Double = FixedPrice.priceParameter.declaredNumber) {
        self.price = price
    }

    public init(values: some ParameterValues) {
        self.init(price: values.number(Self.priceParameter))
    }

    public var initialPrice: Double { price }

    /// The posted price (the market does not set it: no marginal class).
    public func equilibriumBenchmark(_ parameters: ModelParameters, valuations: BenchmarkValuations) -> MechanismBenchmark? {
        MechanismBenchmark(price: price, marginalClass: nil)
    }

    @inline(__always)
    public func sell(_ market: BatchSimulator, _ slot: SlotContext, postedAtDraw: Double) -> Double {
        let price = self.price
        market.sellAtPostedPrice(slot, forecaster: self) { _ in price }
        return price
    }
}

extension Pricing {
    public static func fixed(price: Double) -> Pricing { Pricing(FixedPrice(price: price)) }
}
