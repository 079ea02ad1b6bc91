extension Elementary {
    /// `e^r - 1 - r` for `|r| <= 0.35`, by the Taylor polynomial of degree 13 of `e^r - 1`
    /// without its linear term (truncation below 4.3e-18 relative to `e^r`; the rounded
    /// coefficients `1/n!` are each within half an ulp).
    @inlinable @inline(__always)
    static func expm1Tail(_ r: Double) -> Double {
        var q = 1.0 / 6_227_020_800
        q = q * r + 1.0 / 479_001_600
        q = q * r + 1.0 / 39_916_800
        q = q * r + 1.0 / 3_628_800
        q = q * r + 1.0 / 362_880
        q = q * r + 1.0 / 40_320
        q = q * r + 1.0 / 5_040
        q = q * r + 1.0 / 720
        q = q * r + 1.0 / 120
        q = q * r + 1.0 / 24
        q = q * r + 1.0 / 6
        return r * r * (0.5 + r * q)
    }

    /// `e^r - 1 - r` for `|r| <= ln 2 / 128` (plus rounding), degree 6 (truncation below 3e-20
    /// relative), evaluated with short dependency chains (Estrin's scheme).
    @inlinable @inline(__always)
    static func expTableTail(_ r: Double) -> Double {
        let r2 = r * r
        return r2 * ((0.5 + r * (1.0 / 6)) + r2 * ((1.0 / 24 + r * (1.0 / 120)) + r2 * (1.0 / 720)))
    }

    /// `e^(hi + lo)` for `-770 <= hi <= 710` and `|lo| <= ulp(hi)`, the common kernel of `exp`,
    /// `pow` and the normal CDF: `hi + lo = (64m + j) ln2/64 + r + c` with `64m + j` the nearest
    /// integer to `64 hi / ln 2` (Cody and Waite's two-part `ln 2`, exact), `|r| <= ln 2/128`,
    /// then `2^m (T_j + (T'_j + T_j (r + p(r) + c)))` with `T_j + T'_j = 2^(j/64)` from
    /// `ExponentialTable`: only the last addition rounds at the scale of the result.
    @inlinable @inline(__always)
    static func expKernel(_ hi: Double, _ lo: Double) -> Double {
        let shifted = hi * (64 * invLn2) + roundingShifter
        let kd = shifted - roundingShifter
        let a = hi - kd * (ln2Hi / 64)
        let b = lo - kd * (ln2Lo / 64)
        // |b| <= 2.2e-7 + |lo|; where |a| < |b| the pair is not exact, but its error is below
        // 2^-53 |b|, far below the result's ulp.
        let (r, c) = ExactArithmetic.fastTwoSum(a, b)
        let k = integer(shifted)
        let j = 2 * (k & 63)
        let (t, tl) = ExponentialTable.values.withUnsafeBufferPointer { ($0[j], $0[j + 1]) }
        let y = t + (tl + t * (r + (expTableTail(r) + c)))
        let m = k >> 6
        // One exact multiplication unless the result is subnormal or overflows (then two, the
        // second rounding once: the same bits as `scale` gives in the common range).
        return m >= -1022 && m <= 1023 ? y * powerOfTwo(m) : scale(y, m)
    }

    /// `e^x`.
    ///
    /// Accuracy: measured at most 0.501 ulp over the mpmath reference points across
    /// [-708.4, 709.78] (tests require <= 1 ulp); results in the subnormal range (x < -708.4)
    /// round twice and are within 1 ulp of the subnormal grid.
    /// Special values: `exp(NaN) = NaN`, `exp(+inf) = +inf`, `exp(-inf) = 0`, `exp(±0) = 1`;
    /// overflow to `+inf` for `x > 709.782712893384`, 0 for `x < -745.1332191019412`.
    public static func exp(_ x: Double) -> Double {
        if x > 709.782712893384 { return .infinity }
        if x < -745.2 { return 0 }
        if x.isNaN { return x }
        return expKernel(x, 0)
    }

    /// `e^x - 1`, accurate also for small `|x|`.
    ///
    /// Accuracy: measured at most 0.563 ulp over the mpmath reference points on [-40, 709.78]
    /// and tiny magnitudes (tests require <= 1 ulp).
    /// Special values: NaN for NaN, `+inf` for `+inf` and `x > 709.782712893384`, `-1` for
    /// `-inf` and `x < -40` (the exact result rounds to -1 below -37.5), `expm1(±0) = ±0`,
    /// `expm1(x) = x` for subnormal `x`.
    public static func expm1(_ x: Double) -> Double {
        if x > 709.782712893384 { return .infinity }
        if x < -40 { return -1 }
        if x.isNaN || x == 0 { return x }
        if x.magnitude <= 0.3465 { return x + expm1Tail(x) }
        let kd = (x * invLn2 + roundingShifter) - roundingShifter
        let k = Int(kd)
        let (r, c) = ExactArithmetic.twoSum(x - kd * ln2Hi, -(kd * ln2Lo))
        let t = expm1Tail(r)
        let d = t + (c + c * (r + t))  // e^(r+c) - 1 - r
        if k >= -53 && k <= 53 {
            // 2^k - 1 and 2^k r are exact, and so is their sum as a pair: one rounding at the
            // scale of the result.
            let p = powerOfTwo(k)
            let (s, err) = ExactArithmetic.twoSum(p - 1, p * r)
            return s + (err + p * d)
        }
        let (s, err) = ExactArithmetic.fastTwoSum(1, r)
        if k > 53 { return scale(s + (err + (d - powerOfTwo(-Swift.min(k, 1022)))), k) }
        return powerOfTwo(k) * (s + (err + d)) - 1
    }
}
