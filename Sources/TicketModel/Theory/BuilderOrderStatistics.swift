/// The order statistics of independent builder factors `y_1 ... y_B` (MODEL.md version 2,
/// section 6): the distribution of the highest and second-highest factor, for equal or unequal
/// skills.
///
/// `P(Y_(k) > y)`, the probability that at least `k` factors exceed `y`, is the upper tail of a
/// Poisson-binomial count with success probabilities `G_j(y) = P(y_j > y)`. It is computed by
/// the recursion over builders on the states "0, 1, ..., k-1, at least k exceed"
/// (`p_n' = p_n F_j + p_(n-1) G_j`, the last state absorbing), a sum of products of the
/// factors' own `F_j` and `G_j` with no subtraction, so it keeps its relative accuracy in both
/// tails (the textbook `1 - prod F_j - sum_j G_j prod_(i != j) F_i` loses all digits where it is
/// small). Complexity `O(B k)` per point.
public struct BuilderOrderStatistics: Sendable, Hashable {
    public let factors: [BuilderFactorLaw]
    /// Whether every builder has the same law (equal skills): then each of `survival` and
    /// `cdfOfHighest` evaluates the law's CDF and survival once per point instead of once per
    /// builder, and multiplies the same numbers in the same order, so the results are the same
    /// bits as the builder-by-builder loop.
    let identical: Bool
    /// Each law's `logSkill`, taken once here rather than at every node.
    let logSkills: [Double]

    public init(_ factors: [BuilderFactorLaw]) {
        precondition(!factors.isEmpty, "at least one builder")
        self.factors = factors
        identical = factors.allSatisfy { $0 == factors[0] }
        logSkills = factors.map(\.logSkill)
    }

    /// `(F_j(e^u), G_j(e^u))` of builder `j`.
    @inline(__always)
    private func law(_ j: Int, _ u: Double) -> (cdf: Double, survival: Double) {
        factors[j].cdfAndSurvival(u, logSkill: logSkills[j])
    }

    /// The builders of a `BuilderMarket`: `y_j = q_j exp(sigma e_j - sigma^2/2)`. Noise 0 has no
    /// density and is not representable here (the payment is then a constant: see
    /// `PaymentFactor`).
    public init(market: BuilderMarket) {
        self.init((0..<market.count).map { .lognormal(skill: market.skill($0), noise: market.noise) })
    }

    public var count: Int { factors.count }

    /// `P(Y_(k) > e^u)` for `k >= 1` (`Y_(1)` the highest); 0 for `k > B`.
    func survival(order k: Int, logFactor u: Double) -> Double {
        guard k <= factors.count else { return 0 }
        // The orders the theory asks for (1 and 2) keep their states in registers; the
        // arithmetic is that of the general recursion below, in the same order.
        if k == 1 {
            var none = 1.0, above = 0.0
            eachLaw(u) { f, g in
                above += none * g
                none *= f
            }
            return above
        }
        if k == 2 {
            var none = 1.0, one = 0.0, above = 0.0
            eachLaw(u) { f, g in
                above += one * g
                one = one * f + none * g
                none *= f
            }
            return above
        }
        // states[n] = P(exactly n of the builders so far exceed), n < k; above = P(at least k).
        var states = [Double](repeating: 0, count: k)
        states[0] = 1
        var above = 0.0
        for law in factors {
            let f = law.cdf(u), g = law.survival(u)
            above += states[k - 1] * g
            var n = k - 1
            while n > 0 {
                states[n] = states[n] * f + states[n - 1] * g
                n -= 1
            }
            states[0] *= f
        }
        return above
    }

    /// `(P(Y_(1) > e^u), P(Y_(2) > e^u))` from one evaluation of each law at `u`: the same
    /// numbers as `survival(order: 1, ...)` and `survival(order: 2, ...)` (each is the arithmetic
    /// of its own recursion; the two share the state "none exceeds").
    func survivalOfTopTwo(logFactor u: Double) -> (highest: Double, second: Double) {
        var none = 1.0, one = 0.0, highest = 0.0, second = 0.0
        eachLaw(u) { f, g in
            second += one * g
            highest += none * g
            one = one * f + none * g
            none *= f
        }
        return (highest, factors.count >= 2 ? second : 0)
    }

    /// Calls `body(F_j, G_j)` at `u` for every builder in order; with equal skills the law is
    /// evaluated once for all of them.
    @inline(__always)
    private func eachLaw(_ u: Double, _ body: (Double, Double) -> Void) {
        if identical {
            let (f, g) = law(0, u)
            for _ in factors { body(f, g) }
        } else {
            for j in factors.indices {
                let (f, g) = law(j, u)
                body(f, g)
            }
        }
    }

    /// `P(Y_(1) <= e^u) = prod F_j`.
    func cdfOfHighest(logFactor u: Double) -> Double {
        guard identical else { return factors.reduce(1) { $0 * $1.cdf(u) } }
        let f = factors[0].cdf(u)
        var product = 1.0
        for _ in factors { product *= f }
        return product
    }

    /// The quadrature range in `u` shared by all builders and panel boundaries (range ends and
    /// kinks), with the widest panel allowed.
    var grid: (breaks: [Double], width: Double) {
        let low = factors.map { $0.logRange.low }.min()!
        let high = factors.map { $0.logRange.high }.max()!
        var breaks = [low, high]
        for k in factors.compactMap(\.kink) where k > low && k < high { breaks.append(k) }
        breaks.sort()
        return (breaks, factors.map(\.panelWidth).min()!)
    }

    /// `int_a^b f(u) du` over `[a, b]` clipped to `breaks`, with panels split at the breaks.
    static func integrate<T: QuadratureValue>(_ a: Double, _ b: Double, breaks: [Double], width: Double, _ f: (Double) -> T) -> T {
        guard b > a else { return T.zero }
        var edges = [a]
        for x in breaks where x > a && x < b { edges.append(x) }
        edges.append(b)
        var sum = T.zero
        for i in 0..<(edges.count - 1) {
            sum = sum + PanelQuadrature.integrate(from: edges[i], to: edges[i + 1], maxWidth: width, f)
        }
        return sum
    }
}
