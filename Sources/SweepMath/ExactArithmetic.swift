/// Error-free transformations on doubles (Knuth's TwoSum, Dekker's product), from IEEE basic
/// operations only: no fused multiply-add, so every CPU computes the same bits.
///
/// A pair `(hi, lo)` stands for the unevaluated sum `hi + lo` with `|lo| <= ulp(hi)/2`
/// ("double-double"), about 106 bits.
@usableFromInline
enum ExactArithmetic {
    /// `(s, e)` with `s = fl(a + b)` and `s + e = a + b` exactly (Knuth; 6 operations, any order
    /// of magnitudes, no overflow).
    @inlinable @inline(__always)
    static func twoSum(_ a: Double, _ b: Double) -> (Double, Double) {
        let s = a + b
        let bb = s - a
        let e = (a - (s - bb)) + (b - bb)
        return (s, e)
    }

    /// `(s, e)` with `s + e = a + b` exactly, when `a == 0` or the exponent of `a` is at least
    /// that of `b` (Dekker's Fast2Sum; 3 operations).
    @inlinable @inline(__always)
    static func fastTwoSum(_ a: Double, _ b: Double) -> (Double, Double) {
        let s = a + b
        return (s, b - (s - a))
    }

    /// `(hi, lo)` with `hi + lo = a` exactly, each with at most 26 significant bits (Veltkamp's
    /// split). Needs `|a| < 2^995` (the product by 2^27 + 1 must not overflow).
    @inlinable @inline(__always)
    static func split(_ a: Double) -> (Double, Double) {
        let c = 134_217_729.0 * a  // 2^27 + 1
        let hi = c - (c - a)
        return (hi, a - hi)
    }

    /// `(p, e)` with `p = fl(a b)` and `p + e = a b` exactly (Dekker's product, 17 operations),
    /// for `|a|, |b| < 2^995` and a product whose error is not below the subnormal range
    /// (`|a b| >= 2^-969`); otherwise `e` is only approximately the error.
    @inlinable @inline(__always)
    static func twoProduct(_ a: Double, _ b: Double) -> (Double, Double) {
        let p = a * b
        let (ah, al) = split(a)
        let (bh, bl) = split(b)
        let e = ((ah * bh - p) + ah * bl + al * bh) + al * bl
        return (p, e)
    }

    /// `(x.hi + x.lo)(y.hi + y.lo)` as a normalised pair, relative error below 2^-102.
    @inlinable @inline(__always)
    static func multiply(_ x: (Double, Double), _ y: (Double, Double)) -> (Double, Double) {
        let (p, e) = twoProduct(x.0, y.0)
        return fastTwoSum(p, e + (x.0 * y.1 + x.1 * y.0))
    }

    /// `(x.hi + x.lo) + (y.hi + y.lo)` as a normalised pair (relative error below 2^-102 unless
    /// the sum cancels).
    @inlinable @inline(__always)
    static func add(_ x: (Double, Double), _ y: (Double, Double)) -> (Double, Double) {
        let (s, e) = twoSum(x.0, y.0)
        return fastTwoSum(s, e + (x.1 + y.1))
    }
}
