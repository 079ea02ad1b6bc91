/// Internal switches of `BatchSimulator`'s kernel, for tests that compare a fast path with the
/// plain computation it replaces. The defaults are what the product runs; no manifest reaches
/// them.
struct KernelOptions: Sendable, Hashable {
    /// Posted-price sales through `sellAtPostedPriceFully`: every order uniform of the slot
    /// drawn up front (as an implementation without the idle-slot skip must), and every stop of
    /// the sale checked against each agent's own valuation.
    var fullSalesStep = false
    /// How the builders' signals are drawn when their skills are equal (`BuilderAuction`).
    var signalDraw = SignalDraw.orderStatistics
}

/// The draw of equal-skill builders' signals (docs/model.md, section 3).
enum SignalDraw: Sendable, Hashable {
    /// The two best of `B` straight from their order-statistic laws: two uniforms per slot.
    case orderStatistics
    /// One uniform per builder and the two largest kept (the draw before version 2.1 of the
    /// kernel's random numbers): `B` uniforms per slot.
    case everySignal
}

/// What `KernelOptions.fullSalesStep` counted over a simulator's runs.
struct FullSalesStepCounts: Sendable, Hashable {
    /// Path-slots whose sale ended before its first visit (the fast path's skipped slots).
    var idleSlots = 0
    /// Sale steps run.
    var steps = 0
    /// Order uniforms drawn.
    var drawn = 0
    /// Stops at which some agent below its caps valued one more ticket at the price (0 when the
    /// skip is exact).
    var inexactStops = 0
}
