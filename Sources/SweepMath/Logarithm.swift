extension Elementary {
    /// `R(z) = 2z/3 + 2z²/5 + ... + 2z¹²/25`, the tail of `ln(1+f) = 2s + s R(s²)`,
    /// `s = f/(2+f)`, for `z = s² <= 0.0295` (truncation below 2^-61 relative to `ln(1+f)`), by
    /// Estrin's scheme (dependency chains of four steps instead of twelve).
    @inlinable @inline(__always)
    static func logSeries(_ z: Double) -> Double {
        let z2 = z * z
        let z4 = z2 * z2
        let s0 = (2.0 / 3 + z * (2.0 / 5)) + z2 * (2.0 / 7 + z * (2.0 / 9))
        let s1 = (2.0 / 11 + z * (2.0 / 13)) + z2 * (2.0 / 15 + z * (2.0 / 17))
        let s2 = (2.0 / 19 + z * (2.0 / 21)) + z2 * (2.0 / 23 + z * (2.0 / 25))
        return z * ((s0 + z4 * s1) + (z4 * z4) * s2)
    }

    /// `k ln 2 + ln(1 + f) + c` for `1 + f` in `[√2/2, √2]` (f exact) and a small correction `c`:
    /// `k ln2Hi - ((h - (s (h + R) + (k ln2Lo + c))) - f)` with `h = f²/2`, so that the large
    /// parts `k ln2Hi` and `f` enter exactly and the rounding errors fall on the small terms.
    @inlinable @inline(__always)
    static func logKernel(_ f: Double, _ kd: Double, _ c: Double) -> Double {
        let s = f / (2 + f)
        let h = 0.5 * f * f
        let r = logSeries(s * s)
        return kd * ln2Hi - ((h - (s * (h + r) + (kd * ln2Lo + c))) - f)
    }

    /// Splits a positive finite `x` into `k` and `f` with `x = 2^k (1 + f)`, `1 + f` in
    /// `[√2/2, √2]` and `f` exact (subnormal `x` is first scaled by 2^54, exactly).
    @inlinable @inline(__always)
    static func reduce(_ x: Double) -> (kd: Double, f: Double) {
        let subnormal = x < 0x1p-1022
        let y = subnormal ? x * 0x1p54 : x
        let bits = y.bitPattern
        let mantissa = bits & 0x000F_FFFF_FFFF_FFFF
        let high = mantissa > 0x0006_A09E_667F_3BCD  // 1 + mantissa > √2: halve it
        let m = Double(bitPattern: mantissa | (high ? 0x3FE0_0000_0000_0000 : 0x3FF0_0000_0000_0000))
        let k = Int(truncatingIfNeeded: bits >> 52) - 1023 + (high ? 1 : 0) - (subnormal ? 54 : 0)
        return (Double(k), m - 1)
    }

    /// The natural logarithm `ln x`.
    ///
    /// Accuracy: measured at most 0.598 ulp over the mpmath reference points from the least
    /// subnormal to the largest double and near 1 (tests require <= 1 ulp).
    /// Special values: NaN for NaN and `x < 0` (also `-inf`), `-inf` for `±0`, `+inf` for `+inf`,
    /// `ln 1 = +0`.
    public static func log(_ x: Double) -> Double {
        guard x > 0 && x < .infinity else {
            if x == 0 { return -.infinity }
            return x == .infinity ? x : .nan
        }
        let (kd, f) = reduce(x)
        return logKernel(f, kd, 0)
    }

    /// `ln(1 + x)`, accurate also for small `|x|`.
    ///
    /// Accuracy: measured at most 0.703 ulp over the mpmath reference points on (-1, 1.8e308]
    /// (tests require <= 1 ulp).
    /// Special values: NaN for NaN and `x < -1`, `-inf` for `-1`, `+inf` for `+inf`,
    /// `log1p(±0) = ±0`, `log1p(x) = x` for subnormal `x`.
    public static func log1p(_ x: Double) -> Double {
        guard x > -1 && x < .infinity else {
            if x == -1 { return -.infinity }
            return x == .infinity ? x : .nan
        }
        if x == 0 { return x }
        if x > -0.2928932188134524 && x < 0.41421356237309503 { return logKernel(x, 0, 0) }
        // u = 1 + x rounded, c its rounding error: ln(1 + x) = ln u + c/u to well below an ulp.
        let (u, c) = ExactArithmetic.twoSum(1, x)
        let (kd, f) = reduce(u)
        return logKernel(f, kd, c / u)
    }
}
