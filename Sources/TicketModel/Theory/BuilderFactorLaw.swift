/// One builder's value factor `y_j` (a builder values a slot of value `V` at `y_j V`), described
/// in log space `u = log y` for the quadratures of the builder-auction theory (MODEL.md
/// version 2, section 6).
///
/// - `lognormal`: `y = q exp(sigma e - sigma^2 / 2)`, `e` standard normal (skill `q`, noise
///   `sigma > 0`, mean `q`): `F(u) = Phi(z)`, `z = (u - log q + sigma^2 / 2) / sigma`.
/// - `uniform`: `y` uniform on `(0, high)` (the textbook case of MODEL.md section 9, check 2):
///   `F(u) = e^u / high` below `log high`.
///
/// `cdf` and `survival` are each computed directly (never as `1 - other`), so both keep their
/// relative accuracy in their small tails.
public enum BuilderFactorLaw: Sendable, Hashable {
    case lognormal(skill: Double, noise: Double)
    case uniform(high: Double)

    /// `P(y <= e^u)`.
    func cdf(_ u: Double) -> Double {
        switch self {
        case .lognormal(let q, let s): return TheoryMath.normalCDF(score(u, q, s))
        case .uniform(let h): return Swift.min(1, TheoryMath.exp(u) / h)
        }
    }

    /// `P(y > e^u)`.
    func survival(_ u: Double) -> Double {
        switch self {
        case .lognormal(let q, let s): return TheoryMath.normalCDF(-score(u, q, s))
        case .uniform(let h): return Swift.max(0, -TheoryMath.expm1(u - TheoryMath.log(h)))
        }
    }

    /// `(cdf(u), survival(u))` with the lognormal's score computed once: the same two numbers.
    func cdfAndSurvival(_ u: Double) -> (cdf: Double, survival: Double) { cdfAndSurvival(u, logSkill: logSkill) }

    /// `cdfAndSurvival(u)` given this law's `logSkill`: the same numbers without a logarithm
    /// per call (the quadratures evaluate a law at thousands of nodes, `BuilderOrderStatistics`
    /// keeps each law's `logSkill`).
    func cdfAndSurvival(_ u: Double, logSkill: Double) -> (cdf: Double, survival: Double) {
        switch self {
        case .lognormal(_, let s):
            let pair = TheoryMath.normalCDFPair(score(u, logSkill: logSkill, s))
            return (pair.lower, pair.upper)
        case .uniform: return (cdf(u), survival(u))
        }
    }

    /// `log q` of a lognormal, the constant of its score (0 for the uniform, which has none).
    var logSkill: Double {
        switch self {
        case .lognormal(let q, _): return TheoryMath.log(q)
        case .uniform: return 0
        }
    }

    /// The density of `u = log y` (for the uniform, its left limit at the top `log high`).
    func logDensity(_ u: Double) -> Double {
        switch self {
        case .lognormal(let q, let s): return TheoryMath.normalDensity(score(u, q, s)) / s
        case .uniform(let h): return u <= TheoryMath.log(h) ? TheoryMath.exp(u) / h : 0
        }
    }

    /// `E[y]`.
    public var mean: Double {
        switch self {
        case .lognormal(let q, _): return q
        case .uniform(let h): return h / 2
        }
    }

    /// The range of `u` outside which the law has no mass that matters: below `low` the CDF is
    /// under 1e-38 (13 standard deviations; for the uniform, `e^-40`); above `high` the
    /// integrand of the second moment, `y^2` times the survival, is below about 1e-37 of its
    /// peak (13 standard deviations past the peak's shift by `2 sigma^2`).
    var logRange: (low: Double, high: Double) {
        switch self {
        case .lognormal(let q, let s):
            let m = TheoryMath.log(q) - s * s / 2
            return (m - 13 * s, m + 2 * s * s + 13 * s)
        case .uniform(let h):
            let top = TheoryMath.log(h)
            return (top - 40, top)
        }
    }

    /// The widest quadrature panel in `u` (a quarter of a standard deviation; 0.25 for the
    /// uniform, whose log-space CDF varies on a unit scale).
    var panelWidth: Double {
        switch self {
        case .lognormal(_, let s): return s / 4
        case .uniform: return 0.25
        }
    }

    /// Where the law's CDF has a kink in `u` (the uniform's top), for panel boundaries.
    var kink: Double? {
        switch self {
        case .lognormal: return nil
        case .uniform(let h): return TheoryMath.log(h)
        }
    }

    private func score(_ u: Double, _ q: Double, _ s: Double) -> Double {
        score(u, logSkill: TheoryMath.log(q), s)
    }

    private func score(_ u: Double, logSkill: Double, _ s: Double) -> Double {
        (u - logSkill + s * s / 2) / s
    }
}
