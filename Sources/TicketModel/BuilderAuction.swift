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
