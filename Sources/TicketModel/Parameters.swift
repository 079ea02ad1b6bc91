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
    /// Resale of assigned slot rights (MODEL.md section 5; off by default).
    public var secondaryMarket: SecondaryMarket
    /// Expiry and refunds of pool tickets (`tickets`; default: never expire).
    public var tickets = TicketTerms()

    public init(
        value: ValueModel = .mainnet,
        lookahead: Int = Int(ModelParameters.lookaheadParameter.declaredNumber),
        warmup: Int? = nil,
        pricing: Pricing = Pricing(EIP1559Pricing()),
        maxSalesPerSlot: Int = Int(ModelParameters.maxSalesPerSlotParameter.declaredNumber),
        builders: BuilderMarket = BuilderMarket(),
        buyers: [BuyerClass] = ModelParameters.defaultBuyers,
        secondaryMarket: SecondaryMarket = SecondaryMarket()
    ) {
        self.value = value
        self.lookahead = lookahead
        self.warmup = warmup
        self.pricing = pricing
        self.maxSalesPerSlot = maxSalesPerSlot
        self.builders = builders
        self.buyers = buyers
        self.secondaryMarket = secondaryMarket
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

extension ModelParameters {
    public static let lookaheadParameter = ParameterSpec(
        "lookahead", .integer(low: 0, high: ParameterBounds.maxDelay), .defaulted(.number(32)),
        "slots `L` between the draw and the slot proposed (at most 100000: every path keeps a slot of memory per slot of lookahead)")
    public static let warmupParameter = ParameterSpec(
        "warmup", .integer(low: 0, high: ParameterBounds.maxCount), .optional,
        "slots simulated before the measured ones (default `4 (L + H*)` with a pool target; else `L + 1` with a pool, `L` for proportional, `lead` for the execution auction)")
    /// Keys that version 1 accepted and version 2 removed, with what replaced them: a manifest
    /// that sets one is refused with this explanation.
    public static let removedParameters: [(key: String, reason: String)] = [
        ("belief_sample", "'belief_sample' was removed in model version 2: exact beliefs are now computed by deterministic quadrature "
            + "(the same for every seed), so there is no pre-sample to size; delete the key"),
    ]
    /// Common to every mechanism (in the `pricing` map).
    public static let maxSalesPerSlotParameter = ParameterSpec(
        "max_sales_per_slot", .integer(low: 1, high: ParameterBounds.maxSales), .defaulted(.number(4)), "cap on tickets sold in one slot, whole market")
    /// The buyers of a model that names none.
    public static let defaultBuyers = [BuyerClass(name: "default", count: 10)]
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
    /// Where `ewma` beliefs start: `nil` = the exact beliefs (`prior: exact`).
    public var prior: PayoffBelief?
    /// `myopic` (default) or `patient` with a horizon (`PatientBuyers.swift`).
    public var strategy = BuyingStrategy.myopic

    public init(
        name: String, count: Int = Int(BuyerClass.countParameter.declaredNumber),
        extraction: Double = BuyerClass.extractionParameter.declaredNumber,
        discountPerSlot: Double = BuyerClass.perSlotRate(annual: BuyerClass.discountRateParameter.declaredNumber),
        riskAversion: Double = BuyerClass.riskAversionParameter.declaredNumber, missRate: Double = BuyerClass.missRateParameter.declaredNumber,
        maxTickets: Int? = nil, maxBuyPerSlot: Int = Int(BuyerClass.maxBuyPerSlotParameter.declaredNumber), belief: Belief = .exact,
        prior: PayoffBelief? = nil
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
        self.prior = prior
    }

    /// Slots in a year of 12-second slots.
    public static let slotsPerYear = 2_629_800.0

    /// `d = (1 + r)^(1/slots_per_year) - 1`, computed without cancellation.
    public static func perSlotRate(annual r: Double) -> Double {
        (r.isZero) ? 0 : Elementary.expm1(Elementary.log1p(r) / slotsPerYear)
    }
}

extension BuyerClass {
    public static let nameParameter = ParameterSpec("name", .text(.name), .required, "class name (letters, digits, `_`, `-`), unique")
    public static let countParameter = ParameterSpec("count", .integer(low: 1, high: 100_000), .defaulted(.number(1)), "identical agents in the class")
    public static let extractionParameter = ParameterSpec(
        "extraction", .number(.nonNegative), .defaulted(.number(0)), "`e`: the class builds itself for `e V` (0 = only sells to builders)")
    /// Per year in the manifest; the model keeps it per slot.
    public static let discountRateParameter = ParameterSpec(
        "discount_rate", .number(.nonNegative), .defaulted(.number(0.05)), "cost of capital per year (used per slot)")
    public static let riskAversionParameter = ParameterSpec(
        "risk_aversion", .number(.any), .defaulted(.number(0)), "mean-variance `a` (negative = risk seeking)")
    public static let missRateParameter = ParameterSpec(
        "miss_rate", .number(.unitClosed), .defaulted(.number(0)), "probability that a held slot is missed")
    public static let maxTicketsParameter = ParameterSpec(
        "max_tickets", .integer(low: 1, high: ParameterBounds.maxCount), .optional, "cap on tickets held per agent (default unlimited)")
    public static let maxBuyPerSlotParameter = ParameterSpec(
        "max_buy_per_slot", .integer(low: 1, high: ParameterBounds.maxCount), .defaulted(.number(1)), "cap on tickets bought per agent and slot")
    public static let beliefParameter = ParameterSpec(
        "belief", .choice(["exact", "ewma"]), .defaulted(.string("exact")), "`exact` or `ewma` (learns from observed payoffs)")
    public static let priorMeanParameter = ParameterSpec("mean", .number(.nonNegative), .required, "prior mean payoff of a held slot, ETH")
    public static let priorVarianceParameter = ParameterSpec("variance", .number(.nonNegative), .required, "prior variance of that payoff, ETH^2")
    public static let priorParameter = ParameterSpec(
        "prior", .choiceOrMap(["exact"], [priorMeanParameter, priorVarianceParameter]), .defaulted(.string("exact")),
        "where `ewma` beliefs start: `exact` (the closed-form beliefs) or `{mean, variance}`")
    public static let halfLifeParameter = ParameterSpec(
        "half_life", .number(.positive), .defaulted(.number(256)), "half-life of `ewma` beliefs, slots")
}

import SweepMath
