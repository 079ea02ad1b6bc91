extension Elementary {
    /// `2/3` as a pair.
    @inlinable static var twoThirds: (Double, Double) {
        (Double(bitPattern: 0x3FE5_5555_5555_5555), Double(bitPattern: 0x3C85_5555_5555_5555))
    }
    /// `1 / ln 10` as a pair.
    @inlinable static var invLn10: (Double, Double) {
        (Double(bitPattern: 0x3FDB_CB7B_1526_E50E), Double(bitPattern: 0x3C69_5355_BAAA_FAD3))
    }

    /// `ln x` as a pair `hi + lo` with relative error below 2^-65 (positive finite `x`, including
    /// subnormals): `k ln 2 + 2s + s R(s²)` with `s = f/(2+f)` and the first terms of `R` in
    /// pair arithmetic. The kernel of `pow` and `log10`, whose errors grow with `|y ln x|`.
    @inlinable @inline(__always)
    static func logExtended(_ x: Double) -> (Double, Double) {
        let (kd, f) = reduce(x)
        // s = f / (2 + f) as a pair: 2 + f = th + tl exactly, then one correction step.
        let (th, tl) = ExactArithmetic.twoSum(2, f)
        let sh = f / th
        let (p, pe) = ExactArithmetic.twoProduct(sh, th)
        let sl = (((f - p) - pe) - sh * tl) / th
        let (zh0, ze) = ExactArithmetic.twoProduct(sh, sh)
        let z = ExactArithmetic.fastTwoSum(zh0, ze + 2 * sh * sl)
        // R(z) = z (2/3 + z R2(z)), R2 = 2/5 + 2z/7 + ... + 2z^11/27 in doubles.
        let zh = z.0
        var q = 2.0 / 27
        q = q * zh + 2.0 / 25
        q = q * zh + 2.0 / 23
        q = q * zh + 2.0 / 21
        q = q * zh + 2.0 / 19
        q = q * zh + 2.0 / 17
        q = q * zh + 2.0 / 15
        q = q * zh + 2.0 / 13
        q = q * zh + 2.0 / 11
        q = q * zh + 2.0 / 9
        q = q * zh + 2.0 / 7
        q = q * zh + 2.0 / 5
        let inner = ExactArithmetic.add(twoThirds, ExactArithmetic.twoProduct(zh, q))
        let r = ExactArithmetic.multiply(z, inner)
        let tail = ExactArithmetic.multiply((sh, sl), r)
        let body = ExactArithmetic.add(ExactArithmetic.fastTwoSum(2 * sh, 2 * sl), tail)
        let k = ExactArithmetic.add((kd * ln2Hi, 0), (kd * ln2Lo, 0))
        return ExactArithmetic.add(k, body)
    }

    /// The decimal logarithm `log10 x`, as `ln x / ln 10` in pair arithmetic.
    ///
    /// Accuracy: measured at most 0.500 ulp over the mpmath reference points from the least
    /// subnormal to the largest double (tests require <= 1 ulp); exact for the powers of ten
    /// 10^0 ... 10^22.
    /// Special values: as `log`.
    public static func log10(_ x: Double) -> Double {
        guard x > 0 && x < .infinity else {
            if x == 0 { return -.infinity }
            return x == .infinity ? x : .nan
        }
        let l = logExtended(x)
        let (p, e) = ExactArithmetic.twoProduct(l.0, invLn10.0)
        return p + (e + (l.0 * invLn10.1 + l.1 * invLn10.0))
    }
}
