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
        pricing: Pricing = Pricing(EIP1559Pricing()),
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

    /// MODEL.md section 10's warmup, from the mechanism: `4 (L + H*)` where a pool target exists;
    /// otherwise the first slot that can have a proposer (`L + 1` with a pool, where slot `L` is
    /// drawn for in slot 0 before the first sale; the delay without one).
    public var defaultWarmup: Int { pricing.mechanism.defaultWarmup(lookahead: lookahead) }

    /// Slots between the sale or draw of a slot's right and the slot itself.
    public var delay: Int { pricing.mechanism.delay(lookahead: lookahead) }

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

    public init(count: Int = 5, noise: Double = 0.1, auction: AuctionFormat = .secondPrice, shade: Double = ParameterSpec.shade.declaredNumber, skills: [Double] = []) {
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
        (r.isZero) ? 0 : expm1(log1p(r) / slotsPerYear)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
