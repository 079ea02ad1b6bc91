/// The present value of one ticket, with and without expiry (MODEL.md version 2, sections 4
/// and 5): mean and variance of
///
///     PV = lambda R (1+d)^-W 1{W <= E}  +  c (1+d)^-E 1{W > E}
///
/// where `W` is the wait (geometric on `1, 2, ...` with `P(W = w) = p (1-p)^(w-1)`, `p = 1/H`
/// for a pool of `H` tickets after the purchase, one drawn per slot), `R` the slot's payoff
/// (independent of `W`, mean `mu`, second moment `E[R^2]`), `E >= 0` the expiry in slots
/// (`E = 0`: the ticket is refunded at once, `PV = c`),
/// `c = rho * price` the refund, `d` the per-slot discount, and `lambda` a discount of the
/// payoff alone (the lookahead `(1+d)^-L`; 1 in MODEL.md's statement).
///
/// Derivation. With `delta = 1/(1+d)`, `a = (1-p) delta` and `a2 = (1-p) delta^2`:
///
///     A1 = E[delta^W 1{W <= E}]   = sum_(w=1)^E p (1-p)^(w-1) delta^w   = p delta (1 - a^E) / (1 - a)
///                                  = p (1 - a^E) / (p + d)
///     A2 = E[delta^2W 1{W <= E}]  = p delta^2 (1 - a2^E) / (1 - a2)    = p (1 - a2^E) / (p + 2d + d^2)
///     s  = P(W > E)               = (1 - p)^E
///
/// and, since the two terms of `PV` are never both non-zero,
///
///     E[PV]   = lambda mu A1 + c delta^E s
///     E[PV^2] = lambda^2 E[R^2] A2 + c^2 delta^2E s
///     Var[PV] = E[PV^2] - E[PV]^2.
///
/// As `E -> inf`, `a^E, a2^E, s -> 0` and these are Burian & Crapis' `mu / (H d + 1)` and
/// `(Var R + mu^2) / (H d^2 + 2 H d + 1) - mu^2 / (H^2 d^2 + 2 H d + 1)` (`noExpiry`).
/// Numerics: `1 - a^E = -expm1(E (log1p(-p) - log1p(d)))` and the like, so that the realistic
/// `d ~ 2e-8` and large `H` lose no digits (relative error a few ulps times `E`'s magnitude in
/// the exponent). `H = 1` (`p = 1`) is exact: the ticket is drawn in the next slot.
public enum ExpiryValuation {
    /// The factors of `E[PV]` and `E[PV^2]` that depend only on the wait: `A1`, `A2`,
    /// `delta^E s` and `delta^2E s`. They do not involve the payoff, the price or the refund, so
    /// a kernel can tabulate them per class (discount) and pool size `H` once per point and
    /// then value a ticket with four multiplications (`moments(_:...)`).
    public struct WaitFactors: Sendable, Hashable {
        public var a1: Double, a2: Double
        /// `delta^E (1-p)^E` and `delta^2E (1-p)^E`.
        public var expiryDiscount: Double, expiryDiscountSquared: Double
    }

    /// `WaitFactors` for a pool of `h >= 1` tickets after the purchase, per-slot discount
    /// `d >= 0` and expiry `expiry >= 0` slots (0: refunded at once). `pool >= 1` and
    /// `discount >= 0` are the kernel's invariants (asserted, not user input).
    public static func waitFactors(pool h: Double, discount d: Double, expiry: Int) -> WaitFactors {
        assert(h >= 1 && d >= 0, "pool >= 1, discount >= 0")
        if expiry <= 0 { return WaitFactors(a1: 0, a2: 0, expiryDiscount: 1, expiryDiscountSquared: 1) }
        let p = 1 / h
        let e = Double(expiry)
        let logKeep = p == 1 ? -Double.infinity : TheoryMath.log1p(-p)   // log(1 - p)
        let logDelta = -TheoryMath.log1p(d)                               // log delta
        let oneMinusAE = -TheoryMath.expm1(e * (logKeep + logDelta))
        let oneMinusA2E = -TheoryMath.expm1(e * (logKeep + 2 * logDelta))
        let survive = TheoryMath.exp(e * logKeep)
        let deltaE = TheoryMath.exp(e * logDelta)
        return WaitFactors(
            a1: p * oneMinusAE / (p + d), a2: p * oneMinusA2E / (p + 2 * d + d * d),
            expiryDiscount: deltaE * survive, expiryDiscountSquared: deltaE * deltaE * survive)
    }

    /// `(E[PV], Var[PV])` from tabulated `WaitFactors`: no transcendental function, no
    /// allocation (for the kernel's purchase loop).
    public static func moments(
        _ w: WaitFactors, payoffMean mu: Double, payoffSecondMoment r2: Double, refund c: Double, payoffDiscount lambda: Double = 1
    ) -> (mean: Double, variance: Double) {
        let mean = lambda * mu * w.a1 + c * w.expiryDiscount
        let second = lambda * lambda * r2 * w.a2 + c * c * w.expiryDiscountSquared
        return (mean, Swift.max(0, second - mean * mean))
    }

    /// `(E[PV], Var[PV])` with expiry `expiry >= 0` slots and refund `refund = rho * price`.
    public static func moments(
        pool h: Double, discount d: Double, payoffMean mu: Double, payoffSecondMoment r2: Double,
        expiry: Int, refund c: Double, payoffDiscount lambda: Double = 1
    ) -> (mean: Double, variance: Double) {
        moments(waitFactors(pool: h, discount: d, expiry: expiry), payoffMean: mu, payoffSecondMoment: r2, refund: c, payoffDiscount: lambda)
    }

    /// Burian & Crapis without expiry: `(mu / (H d + 1), (Var R + mu^2) / (H d^2 + 2 H d + 1)
    /// - mu^2 / (H^2 d^2 + 2 H d + 1))`, with the same `lambda` as `moments`.
    public static func noExpiry(
        pool h: Double, discount d: Double, payoffMean mu: Double, payoffSecondMoment r2: Double, payoffDiscount lambda: Double = 1
    ) -> (mean: Double, variance: Double) {
        let hd = h * d
        let mean = lambda * mu / (hd + 1)
        let second = lambda * lambda * r2 / (hd * d + 2 * hd + 1)
        return (mean, Swift.max(0, second - mean * mean))
    }

    /// `P(W > E) = (1 - 1/H)^E`: the chance that a ticket expires (the expected fraction of
    /// tickets expiring with the pool held at `H`).
    public static func expiryProbability(pool h: Double, expiry: Int) -> Double {
        h <= 1 ? 0 : TheoryMath.exp(Double(expiry) * TheoryMath.log1p(-1 / h))
    }
}
