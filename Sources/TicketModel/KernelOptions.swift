/// Internal switches of `BatchSimulator`'s kernel, for tests that compare a fast path with the
/// plain computation it replaces. The defaults are what the product runs; no manifest reaches
/// them.
struct KernelOptions: Sendable, Hashable {
    /// Posted-price sales through `sellAtPostedPriceFully`: every order uniform of the slot
    /// drawn up front (as an implementation without the idle-slot skip must), and every stop of
    /// the sale checked against each agent's own valuation.
    var fullSalesStep = false
    /// Posted-price sales with patient buyers through the loop that `sellToPatientBuyers`
    /// replaced: a Fisher–Yates step of the service order a visit, before every visit every
    /// class tested (valuation, served count, rule), and every visited agent running its own
    /// test, also where its class does not buy. The same law of sales as the product's loop,
    /// which skips the waiting visits, with other random numbers (`PatientSaleLoopTests`).
    var patientVisitByVisit = false
    /// How the builders' signals are drawn when their skills are equal (`BuilderAuction`).
    var signalDraw = SignalDraw.everySignal
}

/// The draw of equal-skill builders' signals (docs/model.md, section 3).
///
/// Measured on the bench scenario (5 builders; callgrind on one worker, 1 point x 256 paths x
/// 7,584 slots, and pinned interleaved CPU time): `orderStatistics` executes 3.6% more
/// instructions (two `log` at about 100 and two `expm1` at about 63 instructions a path-slot
/// replace two of three Philox blocks at about 115) and took 1.5-1.6x the CPU time (a serial
/// chain of `log`, `expm1`, the quantile and `exp` per path, where the uniforms' draw runs in
/// SIMD lanes across paths). So the kernel keeps `everySignal`; `orderStatistics` is kept,
/// tested against it and against the closed form, for builders in larger numbers or once `log`
/// and `expm1` have lane versions.
enum SignalDraw: Sendable, Hashable {
    /// The two best of `B` straight from their order-statistic laws: two uniforms per slot.
    case orderStatistics
    /// One uniform per builder and the two largest kept, selected in SIMD lanes as they are
    /// drawn: `B` uniforms per slot (the kernel's default).
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
