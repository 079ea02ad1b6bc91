/// A primary-market pricing mechanism: how tickets (or slot rights) are priced and sold
/// (MODEL.md section 5). One conforming type per mechanism, each in its own file under
/// `Mechanisms/`, holding its parameters, its sale step, its price update, its warm-up and bounds;
/// registered by one line in `MechanismRegistry.builtIn`.
///
/// The batch kernel is generic over the mechanism: `runBatch` (do not implement it; the default
/// does) enters `BatchSimulator`'s slot loop specialised for `Self`, so that the per-path hooks
/// below are direct calls, resolved at compile time, with no per-path switch or dynamic dispatch.
/// The hooks run in the hot loop: they must not allocate.
public protocol PricingMechanism: Sendable, Hashable {
    /// The name in manifests (`pricing.mechanism`) and tables.
    static var name: String { get }
    /// One line for the reference.
    static var doc: String { get }
    /// The mechanism's own manifest keys (the common `max_sales_per_slot` comes on top).
    static var parameters: [ParameterSpec] { get }
    /// Decodes checked values of `parameters` (missing keys take the declared defaults).
    init(values: some ParameterValues)

    /// Whether sold tickets wait in a pool for the draw (a lottery); without a pool the mechanism
    /// assigns slot `t + delay` itself in `assignAtDraw`.
    static var usesPool: Bool { get }
    /// Slots between the sale or draw of a slot's right and the slot itself (default: `L`).
    func delay(lookahead: Int) -> Int
    /// MODEL.md section 10's warmup (default: `L + 1` with a pool, the delay without).
    func defaultWarmup(lookahead: Int) -> Int
    /// The cap on sales in one slot given the manifest's `max_sales_per_slot` (default: it).
    func salesCap(maxSalesPerSlot: Int) -> Int
    /// The most tickets sold in one slot, for the pool's bound (default: the sales cap).
    func maxSoldPerSlot(salesCap: Int) -> Int
    /// Pool sizes above the current one at which bids are evaluated (default 0).
    var valuationHeadroom: Int { get }
    /// The per-path price state at the start of a path (default 0).
    var initialPrice: Double { get }
    /// Constants of a point computed once per simulator (e.g. equilibrium spends), read back
    /// through `BatchSimulator.mechanismConstants` (default: none).
    func pointConstants(valuations: [Valuation], beliefs: [PayoffBelief], counts: [Int], delay: Int) -> [Double]

    /// Phase 1 without a pool: assigns the right to slot `t + delay`; returns the slot's posted
    /// price (default: leaves the slot empty, 0).
    func assignAtDraw(_ market: BatchSimulator, _ slot: SlotContext) -> Double
    /// Phases 3 and 4: sales, then the price update; returns the slot's posted price (the
    /// `price_mean` metric), given the one phase 1 returned (default: that one, no sales).
    func sell(_ market: BatchSimulator, _ slot: SlotContext, postedAtDraw: Double) -> Double
    /// The mechanism's competitive-equilibrium price for these parameters, when it has one
    /// (MODEL.md section 8; default: none, reported as `nan`).
    func equilibriumBenchmark(_ parameters: ModelParameters, valuations: BenchmarkValuations) -> MechanismBenchmark?

    /// Simulates one batch with the kernel specialised for `Self` (provided; do not implement).
    func runBatch(_ simulator: BatchSimulator, firstReplication: Int, count: Int)
}

/// The path and slot a mechanism's hook acts on.
public struct SlotContext: Sendable {
    /// Path index within the batch.
    public let path: Int
    /// Slot index, warmup included.
    public let slot: Int
    public let replication: UInt32
    /// Whether the slot counts towards the metrics.
    public let measured: Bool
}

/// What a mechanism's competitive equilibrium predicts for a point (MODEL.md section 8), to
/// compare the simulation against: the stationary price and the class whose valuation sets it
/// (`nil` for a price the market does not set, e.g. `fixed`). `PointBenchmark` turns it into
/// `equilibrium_capture` with the expected surplus per slot.
public struct MechanismBenchmark: Sendable, Hashable {
    /// Stationary price, ETH per ticket (one ticket used per slot).
    public var price: Double
    /// The marginal class, whose slots' expected surplus is the capture's denominator.
    public var marginalClass: Int?

    public init(price: Double, marginalClass: Int?) {
        self.price = price
        self.marginalClass = marginalClass
    }
}

extension PricingMechanism {
    public func delay(lookahead: Int) -> Int { lookahead }
    public func defaultWarmup(lookahead: Int) -> Int { Self.usesPool ? lookahead + 1 : delay(lookahead: lookahead) }
    public func salesCap(maxSalesPerSlot: Int) -> Int { maxSalesPerSlot }
    public func maxSoldPerSlot(salesCap: Int) -> Int { salesCap }
    public var valuationHeadroom: Int { 0 }
    public var initialPrice: Double { 0 }
    public func pointConstants(valuations: [Valuation], beliefs: [PayoffBelief], counts: [Int], delay: Int) -> [Double] { [] }
    public func assignAtDraw(_ market: BatchSimulator, _ slot: SlotContext) -> Double {
        market.leaveEmpty(slot)
        return 0
    }
    public func sell(_ market: BatchSimulator, _ slot: SlotContext, postedAtDraw: Double) -> Double { postedAtDraw }
    public func equilibriumBenchmark(_ parameters: ModelParameters, valuations: BenchmarkValuations) -> MechanismBenchmark? { nil }

    public func runBatch(_ simulator: BatchSimulator, firstReplication: Int, count: Int) {
        simulator.runSlots(self, firstReplication: firstReplication, count: count)
    }
}

/// A point's pricing mechanism: one value of some `PricingMechanism` type.
///
/// Equal when the mechanisms are of one type and equal. The kernel opens it once per batch.
public struct Pricing: Sendable, Hashable {
    public let mechanism: any PricingMechanism

    public init(_ mechanism: some PricingMechanism) {
        self.mechanism = mechanism
    }

    /// The name used in manifests and tables.
    public var mechanismName: String { type(of: mechanism).name }

    /// The mechanism as `M`, if it is one.
    public func `as`<M: PricingMechanism>(_ type: M.Type) -> M? { mechanism as? M }

    public static func == (a: Pricing, b: Pricing) -> Bool {
        AnyHashable(a.mechanism) == AnyHashable(b.mechanism)
    }

    public func hash(into hasher: inout Hasher) {
        AnyHashable(mechanism).hash(into: &hasher)
    }
}
