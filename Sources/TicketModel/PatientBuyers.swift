import SweepMath
import SweepRandom

/// Patient buyers (MODEL.md section 5): a buyer who reads the posted-price controller and
/// waits for a lower price when waiting pays.
///
/// **The decision rule.** Offered one more ticket in slot `t` at the posted price `p_0`, with
/// `H` tickets in the pool now (after the draw, expiry and the sales so far in this slot), an
/// agent of class `k` with horizon `h` buys iff
///
///     w_k(H + 1, p_0) - p_0  >=  0                                                    (myopic)
///     w_k(H + 1, p_0) - p_0  >=  max_{1 <= j <= h} delta_k^j (w_k(H_j + 1, p_j) - p_j)   (patient)
///
/// where `delta_k = 1 / (1 + d_k)`, `H_j = max(H - j, 0)` is the pool in slot `t + j` if nobody
/// buys (one ticket is drawn a slot), `p_j` is the posted price of slot `t + j` forecast from the
/// public controller under the same assumption (`PriceForecast`), and `w_k(H, p)` is the
/// valuation of one more ticket with `H` in the pool after it (`Valuation.marginal`, or the
/// expiry valuation at refund `rho p`). In words: it buys now unless buying at one of the next
/// `h` slots' forecast prices, discounted back to now, would leave it more surplus. Equivalently
/// the price it accepts is at most `min_j [p_j + (w_now - delta^j w_j) + (1 - delta^j) p_j]`:
/// the lowest forecast price plus the value that waiting loses, to discounting and to the
/// pool's path (a smaller pool brings the draw nearer and raises `w`; a pool forecast empty is
/// valued at `H_j = 0`, one ticket in the pool after the purchase). The forecast ignores the
/// other buyers; the rule is re-applied to every ticket, so an agent buying several tickets a
/// slot re-evaluates at the new pool. With `h = 0` the maximum is over no slot and the rule is
/// the myopic one; the kernel then runs the myopic code itself, so tables are identical.
///
/// Cost: at most one forecast of `h` prices (written only as far as the rule reads) and `h`
/// valuations per patient class and state of the slot (pool, sales so far), table look-ups
/// under exact beliefs, no allocation: the forecast lives in a stack buffer.
public enum BuyingStrategy: Sendable, Hashable {
    /// Buys while its valuation is at least the price (the default).
    case myopic
    /// Waits when a forecast price within `horizon` slots leaves it more surplus.
    case patient(horizon: Int)

    /// Slots looked ahead (0 for `myopic`).
    public var horizon: Int {
        if case .patient(let h) = self { return h }
        return 0
    }
}

extension BuyerClass {
    public static let strategyParameter = ParameterSpec(
        "strategy", .choice(["myopic", "patient"]), .optional,
        "`myopic` (when not given) or `patient`: waits for a lower forecast price (posted-price mechanisms only)")
    public static let horizonParameter = ParameterSpec(
        "horizon", .integer(low: 0, high: ParameterBounds.maxDelay), .optional,
        "slots `h` a `patient` buyer looks ahead (0 when not given: myopic)")

    /// Why this class's strategy cannot apply under `mechanism`, or `nil`: patience reads a
    /// posted price's public path.
    public static func strategyProblem(patient: Bool, mechanism: any PricingMechanism.Type) -> String? {
        guard patient, !(mechanism is any PriceForecast.Type) else { return nil }
        return "patient buyers forecast a posted price from its public controller, and mechanism '\(mechanism.name)' "
            + "has no posted price: use 'fixed', 'eip1559' or 'exponential', or strategy: myopic"
    }
}

/// A posted-price mechanism whose next prices, if nobody bought, anyone can compute from
/// public state (MODEL.md section 5: the pool shrinking by one ticket a slot under a pool
/// target, no sales under a sales target).
public protocol PriceForecast {
    /// Whether `forecast` writes prices (default true); false makes patient buyers myopic.
    var forecastsPrices: Bool { get }
    /// Writes `out[j - 1]`, `j = 1 ... horizon`: the price of a ticket in slot `t + j` if
    /// nobody buys from now on, given the pool `pool` and `sold` tickets sold so far in slot `t`
    /// on path `path`. Must not allocate, and `out[j - 1]` must not depend on `horizon >= j`
    /// (bit for bit: the rule asks for 4 prices first, then for the whole horizon).
    func forecast(_ market: BatchSimulator, path: Int, pool: Int, sold: Int, horizon: Int, into out: UnsafeMutablePointer<Double>)
}

extension PriceForecast {
    public var forecastsPrices: Bool { true }
}

/// The forecaster of a mechanism without one: patient buyers there buy as myopic ones (the
/// manifest refuses them).
public struct NoPriceForecast: PriceForecast {
    public init() {}
    public var forecastsPrices: Bool { false }
    public func forecast(_ market: BatchSimulator, path: Int, pool: Int, sold: Int, horizon: Int, into out: UnsafeMutablePointer<Double>) {}
}

extension FixedPrice: PriceForecast {
    /// The price, always.
    public func forecast(_ market: BatchSimulator, path: Int, pool: Int, sold: Int, horizon: Int, into out: UnsafeMutablePointer<Double>) {
        out.update(repeating: price, count: horizon)
    }
}

extension EIP1559Pricing: PriceForecast {
    /// The controller run forward with no sales: `p_1` is this slot's update at the pool (or the
    /// sales) so far, then `p_(j+1) = max(p_j (1 + clamp((H_j - H*) / (H* A))), min_price)` with
    /// `H_j = max(H - j, 0)` (pool target) or `max(p_j (1 - 1/A), min_price)` (sales target).
    ///
    /// Computed as the factors `1 + delta_j` first, then their running product, whose chain is
    /// one multiplication a step; where the product stays above `min_price` it is the clamped
    /// recursion bit for bit (each step the same multiplication), and from the first step at
    /// or below it the clamped recursion is run instead.
    public func forecast(_ market: BatchSimulator, path: Int, pool: Int, sold: Int, horizon: Int, into out: UnsafeMutablePointer<Double>) {
        for j in 0..<horizon {
            let delta: Double
            switch target {
            case .pool(let target):
                let x = (Double(max(pool - j, 0)) - Double(target)) / (Double(target) * quotient)
                delta = min(max(x, -1 / quotient), 1 / quotient)
            case .sales(let tau):
                delta = (Double(j == 0 ? sold : 0) - Double(tau)) / (Double(tau) * quotient)
            }
            out[j] = 1 + delta
        }
        var price = market.pathPrice(path)
        var j = 0
        while j < horizon {
            let next = price * out[j]
            guard next > minPrice else { break }
            price = next
            out[j] = price
            j += 1
        }
        while j < horizon {
            price = max(price * out[j], minPrice)
            out[j] = price
            j += 1
        }
    }
}

extension ExponentialPricing: PriceForecast {
    /// The curve at the pool `H - j`: `price_at_target exp((max(H - j, 0) - H*) / A)`.
    public func forecast(_ market: BatchSimulator, path: Int, pool: Int, sold: Int, horizon: Int, into out: UnsafeMutablePointer<Double>) {
        for j in 0..<horizon {
            out[j] = priceAtTarget * Elementary.exp((Double(max(pool - j - 1, 0)) - Double(targetPool)) / quotient)
        }
    }
}

/// The buyer classes' horizons, flat for the sale loop.
struct Patience {
    let horizon: [Int]
    /// `1 / (1 + d_k)`.
    let deltas: [Double]
    /// Whether any class has a horizon above 0 (otherwise the sale loop is the myopic one).
    let any: Bool
    let longest: Int

    init(_ buyers: [BuyerClass]) {
        horizon = buyers.map(\.strategy.horizon)
        deltas = buyers.map { 1 / (1 + $0.discountPerSlot) }
        longest = horizon.max() ?? 0
        any = longest > 0
    }
}

/// The patient classes' verdicts within one sale step, for the pool and the sales count they
/// were reached at: every agent of a class faces the same forecast and valuation there, so a
/// class decides once per state of the slot (one forecast and `h` valuations) instead of once
/// per agent. And the agents of each class served so far in the slot: with patient buyers the
/// sale loop stops as soon as no class with an agent still to serve would buy (a patient class
/// that waits would otherwise be walked agent by agent, each with an order draw), and every
/// class's verdict at the current state for `sellToPatientBuyers`. Stack buffers (the forecast;
/// a patient verdict, a served count and a buying verdict per class), no allocation.
struct PatientDecisions {
    let forecast: UnsafeMutablePointer<Double>
    /// Per class: -1 not decided at this state, 0 waits, 1 buys.
    let verdicts: UnsafeMutablePointer<Int32>
    /// Per class: agents served (offered tickets) so far in this slot.
    let served: UnsafeMutablePointer<Int32>
    /// Per class: 1 if it buys one more ticket at the state `sellToPatientBuyers` last
    /// reached (its valuation at least the price and, if patient, the rule), else 0.
    let buying: UnsafeMutablePointer<Int32>
    /// Per class: its agents picked as buying visits so far in this slot (`walkToBuyer`).
    let picked: UnsafeMutablePointer<Int32>
    let classes: Int
    var pool = -1, sold = -1
    /// The buying visits of the slot so far (`walkToBuyer`'s counters).
    var walks = 0
    /// Forecast prices written for the current state (`forecast[0 ..< forecastCount]`): the
    /// rule extends them only as far as it reads.
    var forecastCount = 0

    /// The Int32 values `scratch` holds: four arrays of `classes` rounded up to a multiple of 8.
    static func scratchCount(classes: Int) -> Int { 4 * width(classes) }

    /// `classes` rounded up to a multiple of 8 (at least 8).
    @inline(__always) static func width(_ classes: Int) -> Int { (Swift.max(classes, 1) + 7) & ~7 }

    /// `scratch` holds `scratchCount(classes:)` values.
    @inline(__always)
    init(forecast: UnsafeMutablePointer<Double>, scratch: UnsafeMutablePointer<Int32>, classes: Int) {
        let width = Self.width(classes)
        self.forecast = forecast
        verdicts = scratch
        served = scratch + width
        buying = scratch + 2 * width
        picked = scratch + 3 * width
        self.classes = classes
        Self.fill(served, 0, width: width)
        Self.fill(picked, 0, width: width)
    }

    /// Forgets the verdicts unless they were reached at `(pool, sold)`.
    @inline(__always)
    mutating func move(pool: Int, sold: Int) {
        guard pool != self.pool || sold != self.sold else { return }
        self.pool = pool
        self.sold = sold
        forecastCount = 0
        Self.fill(verdicts, -1, width: Self.width(classes))
    }

    /// Sets `width` values (a multiple of 8) to `value` with vector stores: for up to 8 classes
    /// one store, not a call to `memset` (`perf` put about a tenth of the patient market's run
    /// on the read of one class's value right after that call).
    @inline(__always)
    static func fill(_ p: UnsafeMutablePointer<Int32>, _ value: Int32, width: Int) {
        let raw = UnsafeMutableRawPointer(p)
        raw.storeBytes(of: SIMD8<Int32>(repeating: value), as: SIMD8<Int32>.self)
        var i = 8
        while i < width {
            (raw + 4 * i).storeBytes(of: SIMD8<Int32>(repeating: value), as: SIMD8<Int32>.self)
            i += 8
        }
    }
}

extension BatchSimulator {
    /// Whether class `k`, valuing one more ticket at `now` at the price `price` (pool `pool`
    /// now, `sold` sold this slot), buys it under the rule above (`now >= price` is the
    /// caller's check). The verdict is kept in `decisions` for the other agents of the class.
    @inline(__always)
    func patientBuys<F: PriceForecast>(
        _ p: Int, _ k: Int, now: Double, price: Double, pool: Int, sold: Int, forecaster: F, decisions: inout PatientDecisions
    ) -> Bool {
        decisions.move(pool: pool, sold: sold)
        let known = decisions.verdicts[k]
        if known >= 0 { return known == 1 }
        let buys = patientRule(p, k, now: now, price: price, pool: pool, sold: sold, forecaster: forecaster, decisions: &decisions)
        decisions.verdicts[k] = buys ? 1 : 0
        return buys
    }

    /// The rule itself. It stops at the first slot `j` where waiting pays, so the forecast is
    /// written only as far as the rule reads: 4 prices first, then all `patience.longest`
    /// (a forecast's first prices do not depend on its horizon, so the prices, and the
    /// verdicts, are those of one forecast of the whole horizon).
    @inline(__always)
    func patientRule<F: PriceForecast>(
        _ p: Int, _ k: Int, now: Double, price: Double, pool: Int, sold: Int, forecaster: F, decisions: inout PatientDecisions
    ) -> Bool {
        let h = patience.horizon[k]
        let delta = patience.deltas[k]
        let surplus = now - price
        let forecast = decisions.forecast
        var discount = 1.0
        for j in 1...h {
            if j > decisions.forecastCount {
                let count = decisions.forecastCount == 0 ? min(4, patience.longest) : patience.longest
                forecaster.forecast(self, path: p, pool: pool, sold: sold, horizon: count, into: forecast)
                decisions.forecastCount = count
            }
            discount *= delta
            let later = forecast[j - 1]
            let w = marketValuation(p, k, poolAfter: max(pool - j, 0) + 1, price: later)
            if discount * (w - later) > surplus { return false }
        }
        return true
    }

    /// Whether some class buys one more ticket at `price` with `pool` tickets in the pool now:
    /// its valuation at least the price and, for a patient class (when `patient`), the rule
    /// above; with patient buyers, only classes with an agent not yet served in this slot.
    @inline(__always)
    func anyClassBuys<F: PriceForecast>(
        _ p: Int, pool: Int, sold: Int, price: Double, patient: Bool, forecaster: F, decisions: inout PatientDecisions
    ) -> Bool {
        for k in 0..<valuations.count {
            if patient && Int(decisions.served[k]) >= classes.count[k] { continue }
            let w = marketValuation(p, k, poolAfter: pool + 1, price: price)
            guard w >= price else { continue }
            if !patient || patience.horizon[k] == 0 { return true }
            if patientBuys(p, k, now: w, price: price, pool: pool, sold: sold, forecaster: forecaster, decisions: &decisions) { return true }
        }
        return false
    }
}
