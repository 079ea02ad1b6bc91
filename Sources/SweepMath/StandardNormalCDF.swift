extension Elementary {
    /// The standard normal CDF `Φ(z) = P(Z <= z)`.
    ///
    /// `|z| <= 1/2`: `1/2 + z S(z²)`, the Taylor series of `Φ(z) - 1/2` to 13 terms. Otherwise
    /// the upper tail `1 - Φ(|z|) = e^(-z²/2) Q(|z|)`, with `z²` exact as a pair and
    /// `Q(z) = (1 - Φ(z)) e^(z²/2)` from Chebyshev expansions on `[2^e, 2^(e+1))`, `e = -1...5`
    /// (mpmath, NormalTailCoefficients.swift), evaluated by Clenshaw's recurrence: no
    /// `erfc`, and no rounding of `z/√2` (whose error the C library's `erfc` amplifies by `z²`).
    ///
    /// Accuracy: measured at most 2.06 ulp over the mpmath reference points on [-37.5, 9]
    /// (tests require <= 2.5 ulp); below -37.5 the result is subnormal (absolute error within
    /// 2^-1073). Special values: NaN for NaN, 0 for `z <= -39` (the result is below half the
    /// least subnormal), 1 for `z >= 9` (it rounds to 1 above 8.3).
    public static func normalCDF(_ z: Double) -> Double {
        if z.isNaN { return z }
        if z >= 9 { return 1 }
        if z <= -39 { return 0 }
        let a = z.magnitude
        if a <= 0.5 {
            return 0.5 + z * centralSeries(z * z)
        }
        let tail = upperTail(a)
        return z < 0 ? tail : 1 - tail
    }

    /// `(Φ(z), Φ(-z))`, the same two numbers as `normalCDF(z)` and `normalCDF(-z)` (bit for
    /// bit, special values included) at the cost of about one: both are `1/2 ± z S(z²)` with
    /// one `S`, or `tail` and `1 - tail` with one `tail = e^(-z²/2) Q(|z|)`. For the builders'
    /// CDF and survival at a quadrature node (Theory/BuilderFactorLaw.swift).
    public static func normalCDFPair(_ z: Double) -> (lower: Double, upper: Double) {
        if z.isNaN { return (z, -z) }
        let a = z.magnitude
        if a <= 0.5 {
            let s = centralSeries(z * z)
            return (0.5 + z * s, 0.5 + -z * s)
        }
        // Each side's special values as `normalCDF` has them; the tail only when one side needs it.
        func special(_ x: Double) -> Double? { x >= 9 ? 1 : x <= -39 ? 0 : nil }
        let lower = special(z), upper = special(-z)
        if let lower, let upper { return (lower, upper) }
        let tail = upperTail(a)
        return (lower ?? (z < 0 ? tail : 1 - tail), upper ?? (-z < 0 ? tail : 1 - tail))
    }

    /// `S(w)`, the Taylor series of `(Φ(z) - 1/2) / z` in `w = z²` (13 terms, Horner), for
    /// `|z| <= 1/2`.
    @inline(__always)
    static func centralSeries(_ w: Double) -> Double {
        let c = NormalTailCoefficients.taylor
        var s = c[c.count - 1]
        for j in stride(from: c.count - 2, through: 0, by: -1) { s = s * w + c[j] }
        return s
    }

    /// `1 - Φ(a) = e^(-a²/2) Q(a)` for `1/2 < a < 39`, with `a²` exact as a pair.
    @inline(__always)
    static func upperTail(_ a: Double) -> Double {
        let (wh, wl) = ExactArithmetic.twoProduct(a, a)
        return expKernel(-0.5 * wh, -0.5 * wl) * normalTailScaled(a)
    }

    /// `Q(a) = (1 - Φ(a)) e^(a²/2)` for `1/2 <= a < 64`, by the Chebyshev expansion of `a`'s
    /// binade in `t = a 2^(1-e) - 3` (exact), all `width` terms (short expansions end in zeros).
    @inlinable @inline(__always)
    static func normalTailScaled(_ a: Double) -> Double {
        let binade = Int(truncatingIfNeeded: a.bitPattern >> 52) - 1022  // 0 for [1/2, 1)
        let t = a * powerOfTwo(2 - binade) - 3
        let n = NormalTailCoefficients.width
        let c = NormalTailCoefficients.chebyshev
        let base = binade * n
        var b1 = 0.0
        var b2 = 0.0
        let t2 = 2 * t
        for j in stride(from: n - 1, through: 1, by: -1) {
            let b0 = t2 * b1 - b2 + c[base + j]
            b2 = b1
            b1 = b0
        }
        return t * b1 - b2 + c[base]
    }
}
