import SweepMath
import SweepRandom

/// The just-in-time auction in which a slot's holder sells the slot to builders (MODEL.md
/// section 6), resolved once per point into plain numbers for the slot loop.
public struct BuilderAuction: Sendable {
    public let count: Int
    public let noise: Double
    public let format: AuctionFormat
    public let shade: Double
    /// `q_j`, one per builder.
    public let skills: [Double]
    /// `-sigma_b^2 / 2`, the mean-preserving offset of the log signal.
    @usableFromInline let drift: Double
    /// Every builder has the same skill.
    @usableFromInline let uniformSkill: Bool
    /// First price with `shade: equilibrium` and noise: the symmetric equilibrium bid `b(y)`,
    /// built once per point (`EquilibriumBidTable`, a few thousand nodes), looked up in O(1) at
    /// the winning builder's log factor.
    @usableFromInline let bidTable: EquilibriumBidTable?
    /// `log q` of the (equal) skill, for the table's look-up.
    @usableFromInline let logSkill: Double
    /// `1 / B` and `1 / (B - 1)` (0 for one builder): the exponents of the order-statistic draw.
    @usableFromInline let inverseCount: Double
    @usableFromInline let inverseRest: Double

    /// Equilibrium shading needs equal skills (the manifest refuses it otherwise; a model built
    /// in code with unequal skills falls back to the fixed `shade`). With noise 0 the equal
    /// builders' equilibrium is Bertrand: competitors bid their value (shade 0), a lone builder 0.
    public init(_ market: BuilderMarket) {
        count = market.count
        noise = market.noise
        format = market.auction
        skills = (0..<market.count).map { market.skill($0) }
        drift = -market.noise * market.noise / 2
        uniformSkill = Set(skills).count <= 1
        logSkill = Elementary.log(skills.first ?? 1)
        inverseCount = market.count > 0 ? 1 / Double(market.count) : 0
        inverseRest = market.count > 1 ? 1 / Double(market.count - 1) : 0
        var shade = market.shade
        var table: EquilibriumBidTable? = nil
        if market.equilibriumShade && market.auction == .firstPrice && uniformSkill {
            if market.noise > 0 {
                table = EquilibriumBidTable(law: .lognormal(skill: skills[0], noise: market.noise), builders: market.count)
            } else {
                shade = market.count == 1 ? 1 : 0
            }
        }
        self.shade = shade
        bidTable = table
    }

    /// The outcome for value `V = 1` given standard-normal signals `e` (one per builder):
    /// the winning builder's value and the payment. Both scale linearly with `V`.
    ///
    /// With equal skills the value is monotone in the signal, so only the two largest signals are
    /// exponentiated (the same numbers as exponentiating all of them).
    @inlinable
    public func outcome(unitSignals e: UnsafePointer<Double>) -> (best: Double, payment: Double) {
        var first = -Double.infinity
        var second = 0.0
        if uniformSkill && noise > 0 {
            var top = -Double.infinity
            var next = -Double.infinity
            for j in 0..<count { BuilderAuction.insert(e[j], first: &top, second: &next) }
            first = skills[0] * Elementary.exp(noise * top + drift)
            if let table = bidTable { return (first, table.bid(logFactor: logSkill + noise * top + drift)) }
            second = next == -Double.infinity ? 0 : skills[0] * Elementary.exp(noise * next + drift)
            return BuilderAuction.settle(first: first, second: second, format: format, shade: shade)
        }
        for j in 0..<count {
            let v = noise == 0 ? skills[j] : skills[j] * Elementary.exp(noise * e[j] + drift)
            BuilderAuction.insert(v, first: &first, second: &second)
        }
        return BuilderAuction.settle(first: first, second: second, format: format, shade: shade)
    }

    /// `outcome(unitSignals:)` for builders of equal skill, from the largest and second-largest
    /// of the signals' uniforms (`next` is `-infinity` when there is one builder): the normal
    /// quantile is monotone, so only those two are transformed.
    @inlinable
    public func outcome(topUniform top: Double, nextUniform next: Double) -> (best: Double, payment: Double) {
        let zTop = StandardNormal.quantile(top)
        let first = skills[0] * Elementary.exp(noise * zTop + drift)
        if let table = bidTable { return (first, table.bid(logFactor: logSkill + noise * zTop + drift)) }
        let second = next == -Double.infinity ? 0 : skills[0] * Elementary.exp(noise * StandardNormal.quantile(next) + drift)
        return BuilderAuction.settle(first: first, second: second, format: format, shade: shade)
    }

    /// `outcome(unitSignals:)` for `B` builders of equal skill from two uniforms `v1`, `v2` in
    /// (0, 1), by the order statistics of the signals' uniforms (docs/model.md, section 3): the
    /// largest of `B` iid uniforms is `U1 = v1^(1/B)` (CDF `u^B`), and given it the second largest
    /// is the largest of `B - 1` uniforms on `(0, U1)`, `U2 = U1 v2^(1/(B-1))`. The signals are
    /// `Phi^-1(U1)` and `Phi^-1(U2)`, so the best builder's signal has CDF `Phi(x)^B` and the
    /// second best given it is the largest of `B - 1` normals conditioned below it.
    ///
    /// Computed in logs with SweepMath's functions only: `log U1 = log(v1) / B`, and the upper
    /// tail area `1 - U1 = -expm1(log U1)` keeps its relative precision where the quantile needs
    /// it (`Phi^-1(U1) = -Phi^-1(1 - U1)` for `U1 >= 1/2`, `Phi^-1(exp(log U1))` below). `v2` is not read with one builder or with the
    /// equilibrium bid table (the payment is then a function of the best signal). Accuracy: the
    /// tail areas to a few ulps (log 0.6 ulp, expm1 0.6 ulp, one division), the quantile's
    /// 1e-16 relative on top. Cost: two `log`, two `expm1` (or `exp`), two quantiles, two `exp`:
    /// measured slower than drawing 5 uniforms (see `SignalDraw`), so not the kernel's default.
    @inlinable
    public func outcome(orderStatistics v1: Double, _ v2: Double) -> (best: Double, payment: Double) {
        let logTop = Elementary.log(v1) * inverseCount
        let zTop = BuilderAuction.normalScore(logUniform: logTop)
        let first = skills[0] * Elementary.exp(noise * zTop + drift)
        if let table = bidTable { return (first, table.bid(logFactor: logSkill + noise * zTop + drift)) }
        guard count > 1 else { return BuilderAuction.settle(first: first, second: 0, format: format, shade: shade) }
        let logNext = logTop + Elementary.log(v2) * inverseRest
        let zNext = BuilderAuction.normalScore(logUniform: logNext)
        let second = skills[0] * Elementary.exp(noise * zNext + drift)
        return BuilderAuction.settle(first: first, second: second, format: format, shade: shade)
    }

    /// `Phi^-1(U)` from `log U` (`U` in (0, 1)), computed on the side where it keeps its
    /// precision: from the upper tail area `1 - U = -expm1(log U)` when `U >= 1/2`, from
    /// `U = exp(log U)` below.
    @inlinable @inline(__always)
    static func normalScore(logUniform l: Double) -> Double {
        l >= -0.6931471805599453 ? -StandardNormal.quantile(-Elementary.expm1(l)) : StandardNormal.quantile(Elementary.exp(l))
    }

    /// `outcome(topUniform:nextUniform:)` of `n` paths at once: `top[p]`, `next[p]` in,
    /// `best[p]` and `payment[p]` out; `top` and `next` are overwritten (scratch). The same
    /// numbers as the scalar call path by path: the quantiles (over the batch with two or more
    /// builders and no bid table, per path otherwise) and the arguments of `exp`, then
    /// `Elementary.exp(inPlace:)` over the batch (in `SIMDLevel`'s lanes, bit-identical to the
    /// scalar functions; `exp(-inf) = 0` gives the lone builder's second value 0). No allocation.
    @inlinable
    public func outcomes(
        topUniforms top: UnsafeMutablePointer<Double>, next: UnsafeMutablePointer<Double>, count n: Int,
        best: UnsafeMutablePointer<Double>, payment: UnsafeMutablePointer<Double>
    ) {
        let table = bidTable
        if table == nil && count > 1 {
            // The quantiles over the batch (AVX-512 lanes where the machine has them: the same
            // bits), then the same arguments of `exp`; with two or more builders no `next` is
            // `-infinity`.
            StandardNormal.quantiles(UnsafeMutableBufferPointer(start: top, count: n))
            StandardNormal.quantiles(UnsafeMutableBufferPointer(start: next, count: n))
            for p in 0..<n {
                top[p] = noise * top[p] + drift
                next[p] = noise * next[p] + drift
            }
        } else {
            for p in 0..<n {
                let zTop = StandardNormal.quantile(top[p])
                top[p] = noise * zTop + drift
                if let table { payment[p] = table.bid(logFactor: logSkill + noise * zTop + drift) }
                if table == nil && next[p] != -.infinity { next[p] = noise * StandardNormal.quantile(next[p]) + drift }
            }
        }
        Elementary.exp(inPlace: UnsafeMutableBufferPointer(start: top, count: n))
        let q = skills[0]
        if table != nil {
            for p in 0..<n { best[p] = q * top[p] }
            return
        }
        Elementary.exp(inPlace: UnsafeMutableBufferPointer(start: next, count: n))
        for p in 0..<n {
            let o = BuilderAuction.settle(first: q * top[p], second: q * next[p], format: format, shade: shade)
            best[p] = o.best
            payment[p] = o.payment
        }
    }

    /// The auction rule on the builders' values: second price pays the second-highest value
    /// (0 with one builder); first price pays the highest shaded bid `v (1 - shade)`.
    @inlinable
    public static func settle(values: UnsafeBufferPointer<Double>, format: AuctionFormat, shade: Double) -> (best: Double, payment: Double) {
        var first = -Double.infinity
        var second = 0.0
        for v in values { insert(v, first: &first, second: &second) }
        return settle(first: first, second: second, format: format, shade: shade)
    }

    /// Keeps the two largest of the values seen (`first >= second`), without branches: the
    /// signals are random, so a compare-and-branch would mispredict about once per builder.
    @inlinable @inline(__always)
    static func insert(_ v: Double, first: inout Double, second: inout Double) {
        let lower = Swift.min(first, v)
        first = Swift.max(first, v)
        second = Swift.max(second, lower)
    }

    @inlinable @inline(__always)
    static func settle(first: Double, second: Double, format: AuctionFormat, shade: Double) -> (best: Double, payment: Double) {
        switch format {
        case .secondPrice: return (first, second)
        case .firstPrice: return (first, first * (1 - shade))
        }
    }
}
