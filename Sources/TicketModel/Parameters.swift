/// The parameters of one grid point of the execution-tickets model (MODEL.md).
///
/// Value types only: a point is fully described by this struct, the seed and the replication
/// range, so that a shard can be recomputed anywhere. Units: values and prices in ETH, time in
/// slots; discount rates are stored **per slot** (the manifest converts the per-year rates that
/// users write, see `BuyerClass.perSlotRate(annual:)`).
public struct ModelParameters: Sendable, Hashable {
    public var value: ValueModel
    /// Slots between the draw of a ticket and the slot it proposes (`L >= 0`).
    public var lookahead: Int
    /// Slots simulated before the measured ones; `nil` uses `defaultWarmup`.
    public var warmup: Int?
    public var pricing: Pricing
    /// Cap on tickets sold in one slot across the whole market.
    public var maxSalesPerSlot: Int
    public var builders: BuilderMarket
    public var buyers: [BuyerClass]
    /// Size of the deterministic pre-sample that exact beliefs are computed from.
    public var beliefSample: Int

    public init(
        value: ValueModel = .mainnet,
        lookahead: Int = 32,
        warmup: Int? = nil,
        pricing: Pricing = .eip1559(EIP1559Pricing()),
        maxSalesPerSlot: Int = 4,
        builders: BuilderMarket = BuilderMarket(),
        buyers: [BuyerClass] = [BuyerClass(name: "default", count: 10)],
        beliefSample: Int = 1 << 16
    ) {
        self.value = value
        self.lookahead = lookahead
        self.warmup = warmup
        self.pricing = pricing
        self.maxSalesPerSlot = maxSalesPerSlot
        self.builders = builders
        self.buyers = buyers
        self.beliefSample = beliefSample
    }

    /// MODEL.md section 10: `4 (L + H*)` where a pool target exists. Otherwise the first slot that
    /// can have a proposer: `L + 1` with a pool (slot `L` is drawn for in slot 0, before the first
    /// sale), `L` for proportional allocation and `lead` for the execution auction (sold in the
    /// draw phase).
    public var defaultWarmup: Int {
        switch pricing {
        case .eip1559(let p):
            if case .pool(let target) = p.target { return 4 * (lookahead + target) }
            return lookahead + 1
        case .exponential(let p): return 4 * (lookahead + p.targetPool)
        case .executionAuction(let p): return p.lead
        case .proportional: return lookahead
        case .fixed, .auction: return lookahead + 1
        }
    }

    /// The warmup in force.
    public var effectiveWarmup: Int { warmup ?? defaultWarmup }

    /// Total number of agents over all classes.
    public var agentCount: Int { buyers.reduce(0) { $0 + $1.count } }
}

/// The value of a slot: a marginal distribution and optional Gaussian-copula persistence.
public struct ValueModel: Sendable, Hashable {
    public var distribution: ValueDistribution
    /// Lag-one correlation `rho` of the Gaussian copula, in `[0, 1)`.
    public var persistence: Double

    public init(distribution: ValueDistribution, persistence: Double = 0) {
        self.distribution = distribution
        self.persistence = persistence
    }

    /// The mainnet calibration of MODEL.md section 3.
    public static let mainnet = ValueModel(
        distribution: .lognormalPareto(mu: -2.975, sigma: 0.85, tailQuantile: 0.95, alpha: 1.2))
}

/// Marginal distributions of `V_t` (MODEL.md section 3), all sampled by inverse CDF.
public enum ValueDistribution: Sendable, Hashable {
    case constant(Double)
    case uniform(low: Double, high: Double)
    case lognormal(mu: Double, sigma: Double)
    case lognormalPareto(mu: Double, sigma: Double, tailQuantile: Double, alpha: Double)
    /// Bootstrap resampling of observed values, sorted ascending (`values` is never empty).
    case empirical(EmpiricalSample)
}

/// Observed slot values for the `empirical` distribution, kept sorted so that the inverse CDF
/// is an index.
public struct EmpiricalSample: Sendable, Hashable {
    public let sorted: [Double]
    /// Where the values came from, for messages and `manifest.yaml`.
    public let source: String

    public init(values: [Double], source: String) {
        self.sorted = values.sorted()
        self.source = source
    }
}

/// The primary market: how tickets are priced and sold.
public enum Pricing: Sendable, Hashable {
    case fixed(price: Double)
    case eip1559(EIP1559Pricing)
    case exponential(ExponentialPricing)
    case auction(TicketAuction)
    case executionAuction(ExecutionAuction)
    case proportional

    /// The name used in manifests and tables.
    public var mechanismName: String {
        switch self {
        case .fixed: "fixed"
        case .eip1559: "eip1559"
        case .exponential: "exponential"
        case .auction: "auction"
        case .executionAuction: "execution-auction"
        case .proportional: "proportional"
        }
    }
}

/// EIP-1559-style posted price with a pool or a sales target.
public struct EIP1559Pricing: Sendable, Hashable {
    public enum Target: Sendable, Hashable {
        /// Target number of tickets in the pool, `H*`.
        case pool(Int)
        /// Target sales per slot, `tau`; sales are capped at `2 tau` per slot.
        case sales(Int)
    }
    public var target: Target
    /// Adjustment quotient `A`: the price moves by at most `1/A` per slot.
    public var quotient: Double
    public var initialPrice: Double
    public var minPrice: Double

    public init(target: Target = .pool(64), quotient: Double = 8, initialPrice: Double = 0.1, minPrice: Double = 1e-9) {
        self.target = target
        self.quotient = quotient
        self.initialPrice = initialPrice
        self.minPrice = minPrice
    }
}

/// Bonding curve: the next ticket costs `minPrice * exp((H - H*) / A)`.
public struct ExponentialPricing: Sendable, Hashable {
    public var targetPool: Int
    public var quotient: Double
    public var minPrice: Double

    public init(targetPool: Int = 64, quotient: Double = 8, minPrice: Double = 1e-9) {
        self.targetPool = targetPool
        self.quotient = quotient
        self.minPrice = minPrice
    }
}

/// First- or second-price sealed bids.
public enum AuctionFormat: String, Sendable, Hashable, CaseIterable {
    case firstPrice = "first-price"
    case secondPrice = "second-price"
}

/// `supply` tickets sold per slot to the highest marginal valuations.
public struct TicketAuction: Sendable, Hashable {
    public var supply: Int
    public var format: AuctionFormat
    /// First price only: bids are `w (1 - shade)`.
    public var shade: Double

    public init(supply: Int = 1, format: AuctionFormat = .secondPrice, shade: Double = 0.05) {
        self.supply = supply
        self.format = format
        self.shade = shade
    }
}

/// No pool and no lottery: at slot `t` the right to slot `t + lead` is sold outright.
public struct ExecutionAuction: Sendable, Hashable {
    public var lead: Int
    public var format: AuctionFormat
    public var shade: Double

    public init(lead: Int = 32, format: AuctionFormat = .secondPrice, shade: Double = 0.05) {
        self.lead = lead
        self.format = format
        self.shade = shade
    }
}

/// The builders that bid for a slot in the just-in-time auction (MODEL.md section 6).
public struct BuilderMarket: Sendable, Hashable {
    public var count: Int
    /// Signal noise `sigma_b` (mean-preserving lognormal factor).
    public var noise: Double
    public var auction: AuctionFormat
    /// First price only: bids are `v (1 - shade)`.
    public var shade: Double
    /// Skill `q_j` per builder; empty means 1 for every builder, else exactly `count` entries.
    public var skills: [Double]

    public init(count: Int = 5, noise: Double = 0.1, auction: AuctionFormat = .secondPrice, shade: Double = 0.05, skills: [Double] = []) {
        self.count = count
        self.noise = noise
        self.auction = auction
        self.shade = shade
        self.skills = skills
    }

    /// Skill of builder `j`.
    @inlinable public func skill(_ j: Int) -> Double { skills.isEmpty ? 1 : skills[j] }
}

/// How a buyer class forms its expectation of a held slot's payoff.
public enum Belief: Sendable, Hashable {
    /// Knows the payoff distribution (MODEL.md section 10).
    case exact
    /// Learns mean and variance from observed payoffs, exponentially weighted with this half-life in slots.
    case ewma(halfLife: Double)
}

/// A class of identical agents who buy tickets (MODEL.md section 4).
public struct BuyerClass: Sendable, Hashable {
    public var name: String
    public var count: Int
    /// The class builds itself for `extraction * V` (0 = only sells to builders).
    public var extraction: Double
    /// Discount rate **per slot**, `d`.
    public var discountPerSlot: Double
    /// Mean–variance risk aversion `a` (negative = risk seeking).
    public var riskAversion: Double
    public var missRate: Double
    /// Per-agent cap on tickets held (in the pool or assigned to a slot); `nil` = unlimited.
    public var maxTickets: Int?
    public var maxBuyPerSlot: Int
    public var belief: Belief

    public init(
        name: String, count: Int = 1, extraction: Double = 0, discountPerSlot: Double = BuyerClass.perSlotRate(annual: 0.05),
        riskAversion: Double = 0, missRate: Double = 0, maxTickets: Int? = nil, maxBuyPerSlot: Int = 1, belief: Belief = .exact
    ) {
        self.name = name
        self.count = count
        self.extraction = extraction
        self.discountPerSlot = discountPerSlot
        self.riskAversion = riskAversion
        self.missRate = missRate
        self.maxTickets = maxTickets
        self.maxBuyPerSlot = maxBuyPerSlot
        self.belief = belief
    }

    /// Slots in a year of 12-second slots.
    public static let slotsPerYear = 2_629_800.0

    /// `d = (1 + r)^(1/slots_per_year) - 1`, computed without cancellation.
    public static func perSlotRate(annual r: Double) -> Double {
        (r.isZero) ? 0 : Elementary.expm1(Elementary.log1p(r) / slotsPerYear)
    }
}

import SweepMath
