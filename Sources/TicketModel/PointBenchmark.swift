/// The buyer classes' valuations under exact beliefs, as a mechanism's benchmark reads them.
public struct BenchmarkValuations: Sendable {
    public let valuations: [Valuation]
    public let beliefs: [PayoffBelief]
    public let buyers: [BuyerClass]

    public init(valuations: [Valuation], beliefs: [PayoffBelief], buyers: [BuyerClass]) {
        self.valuations = valuations
        self.beliefs = beliefs
        self.buyers = buyers
    }

    /// `w_k(H)`: class `k`'s valuation of one more ticket with `H` in the pool after it.
    public func marginal(_ k: Int, poolAfter h: Int) -> Double {
        valuations[k].marginal(poolAfter: Double(h), belief: beliefs[k])
    }

    /// Class `k`'s bid for one slot held outright `lead` slots ahead.
    public func outright(_ k: Int, lead: Int) -> Double {
        valuations[k].outright(lead: lead, belief: beliefs[k])
    }

    /// The price of the `(supply+1)`-th highest of the agents' values `value(k)` (each agent one
    /// bid), or `reserve` if higher, with the class that bid it (`nil` for the reserve).
    public func kthBid(supply: Int, reserve: Double = 0, value: (Int) -> Double) -> MechanismBenchmark {
        let bids = buyers.indices.map { (valuation: value($0), agents: buyers[$0].count) }
        let price = EquilibriumBenchmark.auctionPrice(valuations: bids, supply: supply, reserve: reserve)
        let k = bids.indices.first { bids[$0].valuation == price }
        return MechanismBenchmark(price: price, marginalClass: k)
    }

    /// The clearing price at a pool target `h` (`EquilibriumBenchmark.poolPrice`), or `nil`.
    public func poolTarget(_ h: Int) -> MechanismBenchmark? {
        EquilibriumBenchmark.poolPrice(classes: demand(poolAfter: h), targetPool: h).map {
            MechanismBenchmark(price: $0.price, marginalClass: $0.marginalClass)
        }
    }

    /// The classes at pool size `h` as `EquilibriumBenchmark.poolPrice` ranks them.
    public func demand(poolAfter h: Int) -> [EquilibriumBenchmark.ClassDemand] {
        buyers.indices.map { k in
            let c = buyers[k]
            let capacity = c.maxTickets.map { $0.multipliedReportingOverflow(by: c.count) }.map { $0.overflow ? Int.max : $0.partialValue } ?? Int.max
            return EquilibriumBenchmark.ClassDemand(valuation: marginal(k, poolAfter: h), capacity: capacity)
        }
    }
}

/// The competitive-equilibrium benchmark of one point (MODEL.md section 8): the mechanism's
/// stationary price and `equilibrium_capture = price / expected surplus per slot`, where the
/// expected surplus per slot is that of a slot held by the marginal class `k`,
/// `(1 - m_k) E[V] sigma(e_k)` (`PaymentFactor.surplusFactor`). Deterministic: closed forms and
/// quadrature only. `nan` where the mechanism has no clearing price.
public struct PointBenchmark: Sendable, Hashable {
    /// `equilibrium_price`, ETH per slot.
    public var price: Double
    /// `equilibrium_capture`.
    public var capture: Double
    /// `expected_surplus`: the expected surplus per slot of the marginal class's slots, ETH.
    public var surplusPerSlot: Double

    /// The names and values, in the order of `benchmarks.csv`.
    public var quantities: [(name: String, value: Double)] {
        [("equilibrium_price", price), ("expected_surplus", surplusPerSlot), ("equilibrium_capture", capture)]
    }

    public init(price: Double, capture: Double, surplusPerSlot: Double) {
        self.price = price
        self.capture = capture
        self.surplusPerSlot = surplusPerSlot
    }

    /// The benchmark of `parameters` under the exact beliefs `beliefs`. Cost: one quadrature of the
    /// surplus factor (about a millisecond), once per point.
    public init(_ parameters: ModelParameters, beliefs: [PayoffBelief]) {
        self.init(parameters, beliefs: beliefs, payment: nil, meanHighest: nil)
    }

    /// A point's exact beliefs (`ClosedFormBeliefs.exact`, the same bits) and its benchmark under
    /// them, made together: the builders' payment rule is set up once, and with second price and
    /// a class that does not out-build the builders (`extraction` below their factors, the
    /// default 0) the surplus factor's `E[Y_(1)]` comes from the beliefs' quadrature nodes
    /// (`ClosedFormBeliefs.beliefsAndMeanHighest`), so the benchmark costs next to nothing
    /// beyond the beliefs. The run computes both once per point and records the benchmark in the
    /// point's partials, so that the reducer need not compute it again.
    public static func withExactBeliefs(_ parameters: ModelParameters) -> (beliefs: [PayoffBelief], benchmark: PointBenchmark) {
        let payment = PaymentFactor.of(parameters.builders)
        let exact = ClosedFormBeliefs.beliefsAndMeanHighest(parameters, payment: payment)
        return (exact.beliefs, PointBenchmark(parameters, beliefs: exact.beliefs, payment: payment, meanHighest: exact.meanHighest))
    }

    /// The benchmark with the payment rule `payment` (`PaymentFactor.of(parameters.builders)`,
    /// made here when `nil`) and `E[Y_(1)]` when known.
    init(_ parameters: ModelParameters, beliefs: [PayoffBelief], payment: PaymentFactor?, meanHighest: Double?) {
        let delay = parameters.delay
        let valuations = BenchmarkValuations(
            valuations: parameters.buyers.map { Valuation(buyer: $0, lookahead: delay) }, beliefs: beliefs, buyers: parameters.buyers)
        guard let found = parameters.pricing.mechanism.equilibriumBenchmark(parameters, valuations: valuations) else {
            self.init(price: .nan, capture: .nan, surplusPerSlot: .nan)
            return
        }
        // The marginal class's surplus; without one (a price the market does not set), the class
        // whose valuation at one ticket is highest (the one that buys first).
        let k = found.marginalClass ?? parameters.buyers.indices.max { valuations.marginal($0, poolAfter: 1) < valuations.marginal($1, poolAfter: 1) } ?? 0
        let buyer = parameters.buyers[k]
        let payment = payment ?? PaymentFactor.of(parameters.builders)
        let surplus = (1 - buyer.missRate) * parameters.value.law.mean
            * payment.surplusFactor(extraction: buyer.extraction, meanHighest: meanHighest)
        self.init(price: found.price, capture: EquilibriumBenchmark.capture(price: found.price, surplusPerSlot: surplus), surplusPerSlot: surplus)
    }
}
