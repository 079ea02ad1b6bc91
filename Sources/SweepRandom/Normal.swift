import SweepMath

/// The standard normal distribution N(0, 1): quantile (inverse CDF) and CDF.
///
/// Turning uniforms from `RandomStream` into normals by inversion keeps one uniform per normal,
/// so common random numbers and antithetic pairs (`quantile(1 − p) = −quantile(p)`) carry over.
public enum StandardNormal {
    /// The p-quantile Φ⁻¹(p), by Wichura's algorithm AS 241 (PPND16), Applied Statistics 37(3),
    /// 477–484, 1988: three rational approximations of degree 7/7, for |p − ½| ≤ 0.425, for
    /// r = √(−log min(p, 1 − p)) ≤ 5, and for r > 5.
    ///
    /// Accuracy: Wichura states about 1 part in 10¹⁶. Measured against mpmath (30 digits) on
    /// 5,120 values of p in [1e-300, 1 − 1e-15], the largest relative error was 6.6e-16 (median
    /// 1.1e-16); spot checks at subnormal p down to 5e-324 agree to 3e-16. The tests require
    /// < 1e-14 relative against SciPy (absolute 1e-15 at p = ½). Near p = 1 the result is as good
    /// as the double `1 − p` allows. Range: ±8.2095… at p = 2⁻⁵³ and 1 − 2⁻⁵³ (the ends of
    /// `RandomStream`'s uniforms); −38.47… at the least subnormal p. The coefficients' mantissa
    /// sums equal Wichura's published hash sums (55.8831928806149014439, 49.33206503301610289036,
    /// 47.52583317549289671629).
    ///
    /// Edge cases: `quantile(0) = −∞`, `quantile(1) = +∞`, NaN for NaN or p outside [0, 1].
    /// Symmetric: `quantile(1 − p) == −quantile(p)` whenever `1 − p` is exact.
    @inlinable
    public static func quantile(_ p: Double) -> Double {
        let q = p - 0.5
        if abs(q) <= 0.425 {
            let r = 0.180625 - q * q
            let num = (((((((2.5090809287301226727e+3 * r + 3.3430575583588128105e+4) * r
                + 6.7265770927008700853e+4) * r + 4.5921953931549871457e+4) * r
                + 1.3731693765509461125e+4) * r + 1.9715909503065514427e+3) * r
                + 1.3314166789178437745e+2) * r + 3.3871328727963666080e+0)
            let den = (((((((5.2264952788528545610e+3 * r + 2.8729085735721942674e+4) * r
                + 3.9307895800092710610e+4) * r + 2.1213794301586595867e+4) * r
                + 5.3941960214247511077e+3) * r + 6.8718700749205790830e+2) * r
                + 4.2313330701600911252e+1) * r + 1.0)
            return q * num / den
        }
        return tail(p, q)
    }

    /// The two outer regions of AS 241 (|p − ½| > 0.425), and the edge cases.
    @inlinable
    internal static func tail(_ p: Double, _ q: Double) -> Double {
        guard p >= 0, p <= 1 else { return .nan }  // also NaN
        let tailArea = q < 0 ? p : 1.0 - p
        if tailArea == 0 { return q < 0 ? -.infinity : .infinity }
        var r = Elementary.log(tailArea)
        r = (-r).squareRoot()
        let value: Double
        if r <= 5.0 {
            r -= 1.6
            let num = (((((((7.74545014278341407640e-4 * r + 2.27238449892691845833e-2) * r
                + 2.41780725177450611770e-1) * r + 1.27045825245236838258e+0) * r
                + 3.64784832476320460504e+0) * r + 5.76949722146069140550e+0) * r
                + 4.63033784615654529590e+0) * r + 1.42343711074968357734e+0)
            let den = (((((((1.05075007164441684324e-9 * r + 5.47593808499534494600e-4) * r
                + 1.51986665636164571966e-2) * r + 1.48103976427480074590e-1) * r
                + 6.89767334985100004550e-1) * r + 1.67638483018380384940e+0) * r
                + 2.05319162663775882187e+0) * r + 1.0)
            value = num / den
        } else {
            r -= 5.0
            let num = (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r
                + 1.24266094738807843860e-3) * r + 2.65321895265761230930e-2) * r
                + 2.96560571828504891230e-1) * r + 1.78482653991729133580e+0) * r
                + 5.46378491116411436990e+0) * r + 6.65790464350110377720e+0)
            let den = (((((((2.04426310338993978564e-15 * r + 1.42151175831644588870e-7) * r
                + 1.84631831751005468180e-5) * r + 7.86869131145613259100e-4) * r
                + 1.48753612908506148525e-2) * r + 1.36929880922735805310e-1) * r
                + 5.99832206555887937690e-1) * r + 1.0)
            value = num / den
        }
        return q < 0 ? -value : value
    }

    /// The CDF Φ(z), by `Elementary.normalCDF` (IEEE basic operations only, the same bits on
    /// every CPU; no C library `erfc`).
    ///
    /// Accuracy: within 2.5 ulps on [−37.5, 9] (2.06 measured against mpmath); Φ(−∞) = 0,
    /// Φ(+∞) = 1, NaN for NaN; subnormal below z ≈ −37.5, 0 below −38.5, 1 above z ≈ 8.3.
    @inlinable
    public static func cdf(_ z: Double) -> Double {
        Elementary.normalCDF(z)
    }

    /// Replaces every probability in `buffer` by its quantile, `buffer[i] = quantile(buffer[i])`.
    ///
    /// Same accuracy and edge cases as `quantile`; no allocation.
    public static func quantiles(_ buffer: UnsafeMutableBufferPointer<Double>) {
        quantiles(buffer, level: SIMDLevel.active)
    }

    /// `quantiles(_:)` with the lanes of `level`: eight at a time in AVX-512 lanes
    /// (`Elementary.wideNormalQuantiles`, the same operations, so the same bits), the rest here.
    public static func quantiles(_ buffer: UnsafeMutableBufferPointer<Double>, level: SIMDLevel) {
        guard let base = buffer.baseAddress else { return }
        for i in Elementary.wideNormalQuantiles(buffer, level: level) ..< buffer.count {
            base[i] = quantile(base[i])
        }
    }
}
