import TicketModel

/// The bench scenario of `sweeps/bench.yaml`, built in Swift so that the suites need no manifest,
/// and one variant of it per pricing mechanism for the mechanism suite.
///
/// `bench.yaml`: seed 7, 7200 slots, shards of 32 replications; the mainnet value calibration,
/// lookahead 32, five builders with noise 0.1 in a second-price auction, one integrated builder
/// (extraction 1, 5 %/year) and fifty lottery players (3 %/year, risk aversion -0.05), EIP-1559 on
/// a pool target of 64 with the quotient swept over 4, 8, 16, 32 (point 0 is quotient 4).
public enum BenchmarkScenario {
    public static let seed: UInt64 = 7
    public static let slots = 7200
    public static let shardSize = 32
    public static let quotients: [Double] = [4, 8, 16, 32]

    /// The parameters of point `point` of `bench.yaml` (its `pricing.quotient` is `quotients[point]`).
    public static func parameters(point: Int = 0) -> ModelParameters {
        parameters(pricing: .eip1559(EIP1559Pricing(target: .pool(64), quotient: quotients[point])))
    }

    /// The bench market under another pricing mechanism.
    public static func parameters(pricing: Pricing, warmup: Int? = nil) -> ModelParameters {
        ModelParameters(
            value: .mainnet,
            lookahead: 32,
            warmup: warmup,
            pricing: pricing,
            builders: BuilderMarket(count: 5, noise: 0.1, auction: .secondPrice),
            buyers: [
                BuyerClass(name: "integrated", count: 1, extraction: 1.0,
                           discountPerSlot: BuyerClass.perSlotRate(annual: 0.05)),
                BuyerClass(name: "lottery", count: 50, extraction: 0.0,
                           discountPerSlot: BuyerClass.perSlotRate(annual: 0.03), riskAversion: -0.05),
            ])
    }

    /// One point per pricing mechanism (names as in manifests; EIP-1559 twice, by target), with
    /// the settings of `sweeps/capture-by-mechanism.yaml` except the fixed price, which is
    /// `fixedPriceAtTarget`: every mechanism then keeps a pool of tens of tickets and sells about
    /// one ticket per slot, so that their costs per slot-step compare like with like.
    public static let mechanisms: [(name: String, pricing: Pricing)] = [
        ("fixed", .fixed(price: fixedPriceAtTarget)),
        ("eip1559-pool", .eip1559(EIP1559Pricing(target: .pool(64), quotient: 8))),
        ("eip1559-sales", .eip1559(EIP1559Pricing(target: .sales(1), quotient: 8))),
        ("exponential", .exponential(ExponentialPricing(targetPool: 64, quotient: 8, priceAtTarget: 0.001))),
        ("auction", .auction(TicketAuction(supply: 1, format: .secondPrice))),
        ("execution-auction", .executionAuction(ExecutionAuction(lead: 32, format: .secondPrice))),
        ("proportional", .proportional),
    ]

    /// Market features (issue 15), each compared with `fixed` by the same criterion (none more
    /// than 2 times slower): on the `eip1559-pool` point, tickets that expire after 256 slots with
    /// half the price refunded, and lottery players who are patient with a horizon of 32 slots;
    /// on `fixed`, resale of every assigned slot (private views of noise 0.1, no fee) with a
    /// multi-block premium of 0.1, the MODEL.md version 2 section 5 market (51 agents bid for
    /// every right).
    public static let features: [(name: String, pricing: Pricing, change: @Sendable (inout ModelParameters) -> Void)] = [
        ("eip1559-pool+expiry", .eip1559(EIP1559Pricing(target: .pool(64), quotient: 8)), { $0.tickets = TicketTerms(expiry: 256, refund: 0.5) }),
        ("eip1559-pool+patient", .eip1559(EIP1559Pricing(target: .pool(64), quotient: 8)), { $0.buyers[1].strategy = .patient(horizon: 32) }),
        ("fixed+resale", .fixed(price: fixedPriceAtTarget), {
            $0.secondaryMarket = SecondaryMarket(enabled: true, fee: 0, noise: 0.1)
            $0.value.multiBlockPremium = 0.1
        }),
    ]

    /// The highest marginal valuation of a 64th pool ticket in the bench market under exact beliefs:
    /// at this fixed price the pool settles at the EIP-1559 pool target, 64. (At a price below
    /// every valuation the market buys four tickets every slot and the pool grows without bound;
    /// above them it buys none.)
    public static let fixedPriceAtTarget: Double = {
        let market = parameters(point: 0)
        let beliefs = ClosedFormBeliefs.exact(market)
        return zip(market.buyers, beliefs).map { buyer, belief in
            Valuation(buyer: buyer, lookahead: market.lookahead).marginal(poolAfter: 64, belief: belief)
        }.max()!
    }()

    /// The simulation setup of one mechanism's point with a fixed number of slot-steps per path:
    /// `warmup + slots == slotsPerPath` whatever the mechanism's default warmup, so that every
    /// mechanism does the same work per batch.
    public static func setup(pricing: Pricing, slotsPerPath: Int, warmup: Int = 200) -> SimulationSetup {
        SimulationSetup(
            parameters: parameters(pricing: pricing, warmup: warmup), slots: slotsPerPath - warmup,
            seed: seed, point: 0)
    }
}
