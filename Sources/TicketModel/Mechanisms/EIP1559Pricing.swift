/// EIP-1559-style posted price with a pool or a sales target: after every slot the price moves
/// by at most `1/A` towards the target.
public struct EIP1559Pricing: PricingMechanism {
    public enum Target: Sendable, Hashable {
        /// Target number of tickets in the pool, `H*`.
        case pool(Int)
        /// Target sales per slot, `tau`; sales are capped at `2 tau` per slot.
        case sales(Int)
    }

    public static let name = "eip1559"
    public static let doc = "posted price updated after every slot towards a pool or a sales target"
    public static let defaultTarget = Target.pool(64)
    public static let poolParameter = ParameterSpec(
        "pool", .integer(low: 1, high: ParameterBounds.maxCount), .required, "target pool size `H*`")
    public static let salesParameter = ParameterSpec(
        "sales", .integer(low: 1, high: ParameterBounds.maxSales / 2), .required, "target sales per slot `tau` (at most `2 tau` per slot)")
    public static let targetParameter = ParameterSpec(
        "target", .exactlyOne([poolParameter, salesParameter]), .defaulted(defaultTarget.declared),
        "exactly one of `{pool: H*}` or `{sales: tau}`")
    public static let quotientParameter = ParameterSpec(
        "quotient", .number(.atLeastOne), .defaulted(.number(8)), "adjustment quotient `A`: the price moves at most `1/A` per slot")
    public static let initialPriceParameter = ParameterSpec(
        "initial_price", .number(.positive), .defaulted(.number(0.1)), "price in the first slot, ETH")
    public static let minPriceParameter = ParameterSpec(
        "min_price", .number(.positive), .defaulted(.number(1e-9)), "floor of the price, ETH")
    public static let parameters = [targetParameter, quotientParameter, initialPriceParameter, minPriceParameter]
    public static let usesPool = true

    public var target: Target
    /// Adjustment quotient `A`: the price moves by at most `1/A` per slot.
    public var quotient: Double
    public var initialPrice: Double
    public var minPrice: Double

    public init(
        target: Target = EIP1559Pricing.defaultTarget, quotient: Double = EIP1559Pricing.quotientParameter.declaredNumber,
        initialPrice: Double = EIP1559Pricing.initialPriceParameter.declaredNumber,
        minPrice: Double = EIP1559Pricing.minPriceParameter.declaredNumber
    ) {
        self.target = target
        self.quotient = quotient
        self.initialPrice = initialPrice
        self.minPrice = minPrice
    }

    public init(values: some ParameterValues) {
        var goal = Self.defaultTarget
        if let t = values.map(Self.targetParameter.name) {
            goal = t.has(Self.salesParameter.name) ? .sales(t.int(Self.salesParameter)) : .pool(t.int(Self.poolParameter))
        }
        self.init(
            target: goal, quotient: values.number(Self.quotientParameter),
            initialPrice: values.number(Self.initialPriceParameter), minPrice: values.number(Self.minPriceParameter))
    }

    /// With a pool target, the marginal class's valuation at `H*`; a sales target has no pool
    /// size to clear at (no benchmark).
    public func equilibriumBenchmark(_ parameters: ModelParameters, valuations: BenchmarkValuations) -> MechanismBenchmark? {
        if case .pool(let h) = target { return valuations.poolTarget(h) }
        return nil
    }

    /// `4 (L + H*)` with a pool target, `L + 1` with a sales target.
    public func defaultWarmup(lookahead: Int) -> Int {
        if case .pool(let h) = target { return 4 * (lookahead + h) }
        return lookahead + 1
    }

    public func salesCap(maxSalesPerSlot: Int) -> Int {
        if case .sales(let tau) = target { return 2 * tau }
        return maxSalesPerSlot
    }

    @inline(__always)
    public func sell(_ market: BatchSimulator, _ slot: SlotContext, postedAtDraw: Double) -> Double {
        let p = slot.path
        let posted = market.pathPrice(p)
        let sold = market.sellAtPostedPrice(slot, forecaster: self) { _ in posted }
        let delta: Double
        switch target {
        case .pool(let target):
            let x = (Double(market.poolCount(p)) - Double(target)) / (Double(target) * quotient)
            delta = min(max(x, -1 / quotient), 1 / quotient)
        case .sales(let tau):
            delta = (Double(sold) - Double(tau)) / (Double(tau) * quotient)
        }
        market.setPathPrice(p, max(posted * (1 + delta), minPrice))
        return posted
    }
}

extension EIP1559Pricing.Target {
    /// The target as the declared default map.
    var declared: ParameterDefault {
        switch self {
        case .pool(let h): .map([(EIP1559Pricing.poolParameter.name, .number(Double(h)))])
        case .sales(let tau): .map([(EIP1559Pricing.salesParameter.name, .number(Double(tau)))])
        }
    }
}

extension Pricing {
    public static func eip1559(_ rule: EIP1559Pricing) -> Pricing { Pricing(rule) }
}
