/// Knuth's TwoSum: `s = fl(a + b)` and the exact rounding error `e`, so that `a + b == s + e`
/// exactly (barring overflow). Six additions, no branch.
///
/// The accumulators keep their means as unevaluated pairs `high + low` built with this: a mean
/// of data at offset 1e8 is then known far below the double spacing there (1.5e-8), which is what
/// keeps the pairwise merge formulas accurate when the difference of two means is small.
@inlinable @inline(__always)
func twoSum(_ a: Double, _ b: Double) -> (sum: Double, error: Double) {
    let s = a + b
    let bb = s - a
    let e = (a - (s - bb)) + (b - bb)
    return (s, e)
}
