import SweepMath
import SweepRandom

/// Every elementary function that the model-v2 theory units (`Theory/`) call, in one place.
///
/// Each wrapper calls the project's own functions (`SweepMath.Elementary`, built from IEEE basic
/// operations, within 1 ulp; the normal CDF within 2.5 ulp), never the C library, whose last bits
/// differ between CPUs: beliefs, bid tables and benchmarks are the same on every machine. The normal quantile is the one
/// the sampler uses (`StandardNormal.quantile`), so a tail point here and a sampled value there
/// agree.
@usableFromInline enum TheoryMath {
    static func exp(_ x: Double) -> Double { Elementary.exp(x) }
    static func expm1(_ x: Double) -> Double { Elementary.expm1(x) }
    static func log(_ x: Double) -> Double { Elementary.log(x) }
    static func log1p(_ x: Double) -> Double { Elementary.log1p(x) }
    /// Also the value sampler's Pareto tail (`ValueSampler`, inlinable: hence `@usableFromInline`).
    @usableFromInline static func pow(_ x: Double, _ y: Double) -> Double { Elementary.pow(x, y) }

    /// `Phi(z)`, accurate in relative terms in the lower tail: take `normalCDF(-z)` for the upper
    /// tail `1 - Phi(z)`, never `1 - normalCDF(z)`.
    static func normalCDF(_ z: Double) -> Double { Elementary.normalCDF(z) }

    /// `(normalCDF(z), normalCDF(-z))` for the price of one.
    static func normalCDFPair(_ z: Double) -> (lower: Double, upper: Double) { Elementary.normalCDFPair(z) }

    /// The standard normal density `phi(z)`.
    static func normalDensity(_ z: Double) -> Double { 0.39894228040143267794 * Elementary.exp(-0.5 * z * z) }

    /// `Phi^-1(p)` (AS 241 through `StandardNormal.quantile`, about 1e-16 relative).
    static func normalQuantile(_ p: Double) -> Double { StandardNormal.quantile(p) }
}
