import SweepRandom

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Every elementary function that the model-v2 theory units (`Theory/`) call, in one place.
///
/// Today each wrapper calls the C library (`exp`, `expm1`, `log`, `log1p`, `pow`, `erfc`), whose
/// last bits can differ between CPUs (FACTS.md, "Reproducibility across CPUs"). When the
/// project's deterministic functions land, they replace the bodies of the `libm*` functions at
/// the bottom of this file and nothing else in `Theory/` changes. The normal quantile is the one
/// the sampler uses (`StandardNormal.quantile`), so a tail point here and a sampled value there
/// agree.
@usableFromInline enum TheoryMath {
    static func exp(_ x: Double) -> Double { libmExp(x) }
    static func expm1(_ x: Double) -> Double { libmExpm1(x) }
    static func log(_ x: Double) -> Double { libmLog(x) }
    static func log1p(_ x: Double) -> Double { libmLog1p(x) }
    /// Also the value sampler's Pareto tail (`ValueSampler`, inlinable: hence `@usableFromInline`).
    @usableFromInline static func pow(_ x: Double, _ y: Double) -> Double { libmPow(x, y) }
    static func erfc(_ x: Double) -> Double { libmErfc(x) }

    /// `Phi(z)`, accurate in relative terms in the lower tail: take `normalCDF(-z)` for the upper
    /// tail `1 - Phi(z)`, never `1 - normalCDF(z)`.
    static func normalCDF(_ z: Double) -> Double { 0.5 * libmErfc(-z * 0.70710678118654752440) }

    /// The standard normal density `phi(z)`.
    static func normalDensity(_ z: Double) -> Double { 0.39894228040143267794 * libmExp(-0.5 * z * z) }

    /// `Phi^-1(p)` (AS 241 through `StandardNormal.quantile`, about 1e-16 relative).
    static func normalQuantile(_ p: Double) -> Double { StandardNormal.quantile(p) }
}

// The only calls into the C library from `Theory/`.
@inline(__always) private func libmExp(_ x: Double) -> Double { exp(x) }
@inline(__always) private func libmExpm1(_ x: Double) -> Double { expm1(x) }
@inline(__always) private func libmLog(_ x: Double) -> Double { log(x) }
@inline(__always) private func libmLog1p(_ x: Double) -> Double { log1p(x) }
@inline(__always) private func libmPow(_ x: Double, _ y: Double) -> Double { pow(x, y) }
@inline(__always) private func libmErfc(_ x: Double) -> Double { erfc(x) }
