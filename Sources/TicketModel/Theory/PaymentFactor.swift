/// The builders' payment per unit of slot value, `S = P / V` (MODEL.md version 2, sections 4
/// and 6), and the expectations that beliefs are made of: `E[max(e, S)]`, `E[max(e, S)^2]`.
///
/// - second price: `S = Y_(2)`, the second-highest factor (0 with one builder);
/// - first price, fixed shade: `S = (1 - shade) Y_(1)`;
/// - first price, equilibrium (equal skills): `S = b(Y_(1))`, `b` from `EquilibriumBidTable`.
///
/// Method: the survival forms `E[max(e, S)] = e + int_e^inf G_S(s) ds` and
/// `E[max(e, S)^2] = e^2 + int_e^inf 2 s G_S(s) ds`, with `G_S = P(S > s)` from
/// `BuilderOrderStatistics` (no cancellation in either tail), integrated in `u = log s`
/// (`ds = e^u du`) by 20-point Gauss–Legendre panels no wider than a quarter of the noise
/// (`PanelQuadrature`), split at the kinks of the integrand. Below the range, where every
/// factor's CDF is under 1e-38, `G_S` is constant to that accuracy and its integral is added in
/// closed form; above it the integrand is below about 1e-37 of its peak. For the equilibrium
/// `int_e^inf G_S(s) ds = int_(b^-1(e))^inf G_(1)(y) b'(y) dy`, with the table's slopes.
/// Accuracy: relative error below 1e-12 (checked against mpmath at 1e-10 in the tests);
/// noise 0 (constant factors) is exact. Cost: a few thousand CDF evaluations per expectation.
public struct PaymentFactor: Sendable, Hashable {
    public enum Rule: Sendable, Hashable {
        case secondPrice
        case firstPrice(shade: Double)
        case firstPriceEquilibrium(EquilibriumBidTable)
    }

    /// `nil` for noise 0: then the factors are the constants `constantFactors`.
    public let statistics: BuilderOrderStatistics?
    public let constantFactors: [Double]
    public let rule: Rule

    public init(statistics: BuilderOrderStatistics, rule: Rule) {
        self.statistics = statistics
        self.constantFactors = []
        self.rule = rule
    }

    /// Builders of constant factors `q_j` (noise 0): `S` is a number.
    public init(constantFactors: [Double], rule: Rule) {
        self.statistics = nil
        self.constantFactors = constantFactors
        self.rule = rule
    }

    /// The payment rule of a `BuilderMarket`; `equilibrium` asks for the symmetric equilibrium
    /// bid instead of `market.shade` (first price, equal skills only: otherwise `nil`).
    /// `nil` also for a market without builders (`count < 1`) or with a skill that is not a
    /// positive number.
    public init?(market: BuilderMarket, equilibrium: Bool = false) {
        guard market.count >= 1, market.noise >= 0, market.noise.isFinite else { return nil }
        let skills = (0..<market.count).map { market.skill($0) }
        guard skills.allSatisfy({ $0 > 0 && $0.isFinite }) else { return nil }
        let rule: Rule
        switch (market.auction, equilibrium) {
        case (.secondPrice, _): rule = .secondPrice
        case (.firstPrice, false): rule = .firstPrice(shade: market.shade)
        case (.firstPrice, true):
            guard Set(skills).count == 1 else { return nil }
            // Noise 0: equal constant values, so competing builders bid their value (Bertrand) and
            // a lone builder bids 0.
            if market.noise == 0 { rule = .firstPrice(shade: market.count == 1 ? 1 : 0) } else {
                rule = .firstPriceEquilibrium(
                    EquilibriumBidTable(law: .lognormal(skill: skills[0], noise: market.noise), builders: market.count))
            }
        }
        if market.noise == 0 { self.init(constantFactors: skills, rule: rule) } else {
            self.init(statistics: BuilderOrderStatistics(market: market), rule: rule)
        }
    }

    /// `E[max(e, S)]` for the holder's own extraction `e >= 0`.
    public func expectedMax(extraction e: Double) -> Double { expectation(e, power: 1) }

    /// `E[max(e, S)^2]`.
    public func expectedMaxSquare(extraction e: Double) -> Double { expectation(e, power: 2) }

    /// `(E[max(e, S)], E[max(e, S)^2])` in one pass over the quadrature nodes (the survival
    /// function evaluated once for both): the same numbers as `expectedMax` and
    /// `expectedMaxSquare`, at about half their cost.
    public func expectedMaxMoments(extraction e: Double) -> (first: Double, second: Double) {
        if let stats = statistics {
            switch rule {
            case .secondPrice:
                let both = PaymentFactor.survivalIntegrals(stats, e, powers: (1, 2)) { stats.survival(order: 2, logFactor: $0) }
                return (both[0], both[1])
            case .firstPrice(let shade) where shade < 1:
                let shift = TheoryMath.log(1 - shade)
                let both = PaymentFactor.survivalIntegrals(stats, e, powers: (1, 2), shift: shift) {
                    stats.survival(order: 1, logFactor: $0 - shift)
                }
                return (both[0], both[1])
            default: break
            }
        }
        return (expectation(e, power: 1), expectation(e, power: 2))
    }

    /// `(E[max(e, S)], E[max(e, S)^2], E[Y_(1)])` in one pass over the quadrature nodes, for
    /// second price when `e` is below the factors' range (`e = 0`, the default, among them): then
    /// the three integrals run over the same nodes, and the builders' laws are evaluated once per
    /// node for all three (`BuilderOrderStatistics.survivalOfTopTwo`). Each lane keeps the
    /// arithmetic of its own integral, so the numbers are those of `expectedMaxMoments` and
    /// `meanHighest`, at about the cost of the first alone. `nil` in every other case (the
    /// nodes differ): call those two.
    public func expectedMaxMomentsAndMeanHighest(extraction e: Double) -> (first: Double, second: Double, highest: Double)? {
        guard let stats = statistics, case .secondPrice = rule else { return nil }
        let grid = stats.grid
        let low = grid.breaks.first!, high = grid.breaks.last!
        guard e == 0 || TheoryMath.log(e) < low else { return nil }
        // Lanes: E[max(e, S)] and E[max(e, S)^2] over P(Y_(2) > s), then E[Y_(1)] (`e = 0`) over
        // P(Y_(1) > s); the last lane is unused.
        let ep = SIMD4(e, e * e, 0, 0)
        let top = stats.survivalOfTopTwo(logFactor: low)
        var result = ep
        result += SIMD4(
            top.second * (TheoryMath.exp(1 * low) - ep[0]), top.second * (TheoryMath.exp(2 * low) - ep[1]),
            top.highest * (TheoryMath.exp(1 * low) - ep[2]), 0)
        result += BuilderOrderStatistics.integrate(low, high, breaks: grid.breaks, width: grid.width) { u in
            let g = stats.survivalOfTopTwo(logFactor: u)
            let first = 1 * TheoryMath.exp(1 * u)
            return SIMD4(first * g.second, 2 * TheoryMath.exp(2 * u) * g.second, first * g.highest, 0)
        }
        return (result[0], result[1], result[2])
    }

    /// `E[S]`, the expected payment per unit of value.
    public var meanPayment: Double { expectation(0, power: 1) }

    /// `P(S > s)`, the payment factor's survival function (for `s > 0`): the tail of the
    /// holder's payoff per unit of value, e.g. for the lottery check's analytic quantiles.
    public func survival(_ s: Double) -> Double {
        guard s > 0 else { return expectation(0, power: 1) > 0 ? 1 : 0 }
        guard let stats = statistics else { return expectation(0, power: 1) > s ? 1 : 0 }
        let u = TheoryMath.log(s)
        switch rule {
        case .secondPrice: return stats.survival(order: 2, logFactor: u)
        case .firstPrice(let shade):
            return shade >= 1 ? 0 : stats.survival(order: 1, logFactor: u - TheoryMath.log(1 - shade))
        case .firstPriceEquilibrium(let table):
            let range = table.logRange
            if s >= table.bid(logFactor: range.high) { return 0 }
            return stats.survival(order: 1, logFactor: table.inverse(s))
        }
    }

    /// `E[Y_(1)]`, the winning builder's expected factor: the surplus per unit of value of a
    /// slot sold to the builders.
    public var meanHighest: Double {
        guard let stats = statistics else { return constantFactors.max()! }
        return PaymentFactor.survivalIntegral(stats, 0, power: 1) { stats.survival(order: 1, logFactor: $0) }
    }

    func expectation(_ e: Double, power: Int) -> Double {
        let ep = power == 1 ? e : e * e
        guard let stats = statistics else {
            let sorted = constantFactors.sorted(by: >)
            let s: Double
            switch rule {
            case .secondPrice: s = sorted.count > 1 ? sorted[1] : 0
            case .firstPrice(let shade): s = (1 - shade) * sorted[0]
            case .firstPriceEquilibrium(let table): s = table.bid(logFactor: TheoryMath.log(sorted[0]))
            }
            let m = Swift.max(e, s)
            return power == 1 ? m : m * m
        }
        switch rule {
        case .secondPrice:
            return PaymentFactor.survivalIntegral(stats, e, power: power) { stats.survival(order: 2, logFactor: $0) }
        case .firstPrice(let shade):
            if shade >= 1 { return ep }
            let shift = TheoryMath.log(1 - shade)
            // G_S(e^u) = G_(1)(e^(u - shift)); the range moves by `shift`.
            return PaymentFactor.survivalIntegral(stats, e, power: power, shift: shift) {
                stats.survival(order: 1, logFactor: $0 - shift)
            }
        case .firstPriceEquilibrium(let table):
            return PaymentFactor.equilibriumIntegral(stats, table, e, power: power)
        }
    }

    /// `e^p + int_(log e)^inf p e^(p u) G(u) du` over the factors' grid moved by `shift`.
    static func survivalIntegral(
        _ stats: BuilderOrderStatistics, _ e: Double, power: Int, shift: Double = 0, _ g: (Double) -> Double
    ) -> Double {
        survivalIntegrals(stats, e, powers: (Double(power), nil), shift: shift, g)[0]
    }

    /// `survivalIntegral` for the powers `p` (lane 0) and `q` (lane 1, 0 when `nil`) at once:
    /// `G` is evaluated once per node for both, and each lane is summed with the arithmetic of
    /// its own integral (the same bits as two calls).
    static func survivalIntegrals(
        _ stats: BuilderOrderStatistics, _ e: Double, powers: (p: Double, q: Double?), shift: Double = 0, _ g: (Double) -> Double
    ) -> SIMD2<Double> {
        let grid = stats.grid
        let breaks = grid.breaks.map { $0 + shift }
        let low = breaks.first!, high = breaks.last!
        let (p, q) = powers
        func power(_ r: Double) -> Double { r == 1 ? e : e * e }
        let ep = SIMD2(power(p), q.map(power) ?? 0)
        let a = e > 0 ? TheoryMath.log(e) : -Double.infinity
        if a >= high { return ep }
        var result = ep
        var from = a
        if a < low {
            // G is constant (to 1e-38) below the range: int_(log e)^low p e^(pu) G du.
            let gLow = g(low)
            result += SIMD2(gLow * (TheoryMath.exp(p * low) - ep[0]), q.map { gLow * (TheoryMath.exp($0 * low) - ep[1]) } ?? 0)
            from = low
        }
        if let q {
            result += BuilderOrderStatistics.integrate(from, high, breaks: breaks, width: grid.width) { u in
                let gu = g(u)
                return SIMD2(p * TheoryMath.exp(p * u) * gu, q * TheoryMath.exp(q * u) * gu)
            }
        } else {
            result[0] += BuilderOrderStatistics.integrate(from, high, breaks: breaks, width: grid.width) { u in
                p * TheoryMath.exp(p * u) * g(u)
            }
        }
        return result
    }

    /// Equilibrium first price: `e^p + int_(u*)^inf p b(u)^(p-1) b'(u) G_(1)(u) du`,
    /// `u* = b^-1(e)`, over the table's range (beyond it `b` is flat).
    static func equilibriumIntegral(_ stats: BuilderOrderStatistics, _ table: EquilibriumBidTable, _ e: Double, power: Int) -> Double {
        let ep = power == 1 ? e : e * e
        let range = table.logRange
        var result = ep
        let lowBid = table.bid(logFactor: range.low)
        var from = table.inverse(e)
        if e < lowBid {
            // Below the table S <= b(u_0) with probability >= 1 - 1e-150: int_e^(b0) p s^(p-1) ds.
            result += (power == 1 ? lowBid : lowBid * lowBid) - ep
            from = range.low
        }
        // One panel per table interval: there the interpolant is one cubic, so the integrand is
        // smooth on every panel.
        let step = table.step
        func integrand(_ u: Double) -> Double {
            let db = table.slope(logFactor: u)
            let weight = power == 1 ? db : 2 * table.bid(logFactor: u) * db
            return weight * stats.survival(order: 1, logFactor: u)
        }
        var i = Swift.max(0, Int(((from - range.low) / step).rounded(.down)))
        var lo = from
        while true {
            let node = range.low + Double(i + 1) * step
            let hi = Swift.min(node, range.high)
            if hi > lo { result += PanelQuadrature.panel(lo, hi, integrand) }
            if hi >= range.high { break }
            lo = hi
            i += 1
        }
        return result
    }
}
