import SweepMath

/// The two largest of `n` independent uniforms on (0, 1), drawn directly as order statistics
/// from two uniforms: `U_(n) = U1^(1/n)` and `U_(n-1) = U_(n) U2^(1/(n-1))` (the largest of `n`
/// has CDF `u^n`; given it, the other `n - 1` are uniform below it). The resale step
/// (`ResaleStep.swift`) uses it for each buyer class's two best private views, two uniforms per
/// class instead of one per agent.
///
/// Both are returned as upper tails, `1 - U_(n)` and `1 - U_(n-1)`, computed as
/// `-expm1(log U1 / n)` and `-expm1(log U1 / n + log U2 / (n - 1))` with SweepMath's
/// deterministic `log` and `expm1` (no libm, so the same bits on every CPU), so that the tail
/// keeps its relative accuracy (a few ulps) however close `U_(n)` is to 1 for large `n`, where
/// `U_(n)` itself would round to 1. Each tail lies in `[2^-53 n^-1 (about), 1 - 2^-53]`: never 0,
/// never 1. O(1): two logs and two expm1; `tails(inPlace:...)` does a batch of draws in SIMD lanes.
enum ClassTopViews {
    /// The largest tail a draw returns, `1 - 2^-53` (the smallest uniform of `RandomStream`).
    static let largestTail = 1 - 0x1p-53

    /// The upper tails `(1 - U_(n), 1 - U_(n-1))` of the two largest of `n` iid uniforms, from the
    /// independent uniforms `u1`, `u2` in (0, 1); the second is `nil` when `n == 1`. `n >= 1`.
    @inline(__always)
    static func tails(count n: Int, _ u1: Double, _ u2: Double) -> (first: Double, second: Double?) {
        assert(n >= 1 && u1 > 0 && u1 < 1 && u2 > 0 && u2 < 1)
        let top = logTop(count: n, u1)
        let first = tail(top)
        guard n > 1 else { return (first, nil) }
        return (first, tail(logNext(top, count: n, u2)))
    }

    /// `log U_(n) = log(u1) / n`, the largest view's log uniform (the resale step draws the
    /// top's tail from it only when it needs it).
    @inline(__always)
    static func logTop(count n: Int, _ u1: Double) -> Double { Elementary.log(u1) / Double(n) }

    /// `log U_(n-1) = log U_(n) + log(u2) / (n - 1)`, `n >= 2`.
    @inline(__always)
    static func logNext(_ logTop: Double, count n: Int, _ u2: Double) -> Double { logTop + Elementary.log(u2) / Double(n - 1) }

    /// The upper tail `1 - U` of the uniform whose log is `x`: `-expm1(x)`, at most `largestTail`.
    @inline(__always)
    static func tail(_ x: Double) -> Double { Swift.min(-Elementary.expm1(x), largestTail) }

    /// `tails(count:_:_:)` for `classes` columns of `n` draws at once, in place: `views` holds
    /// `2 classes` columns of `n` (column `c` at `views + c n`); for draw `p` of class `k`, with
    /// `counts[k n + p]` bidders, column `2k` holds `u1` and column `2k + 1` holds `u2`, and they
    /// become the tails `1 - U_(n)` and `1 - U_(n-1)`: the same bits as `tails` (the `log` and
    /// `expm1` passes run in `level`'s lanes, `Elementary.log(inPlace:level:)` and
    /// `expm1(inPlace:level:)`). Where a count is 0 (or 1) the column's tail (or the second's)
    /// is meaningless. No allocation.
    static func tails(
        inPlace views: UnsafeMutablePointer<Double>, counts: UnsafePointer<Int>, classes: Int, draws n: Int, level: SIMDLevel
    ) {
        let all = UnsafeMutableBufferPointer(start: views, count: 2 * classes * n)
        Elementary.log(inPlace: all, level: level)
        for k in 0..<classes {
            let top = views + 2 * k * n, next = top + n, count = counts + k * n
            for p in 0..<n {
                let m = Double(count[p])
                let x = top[p] / m  // logTop
                top[p] = x
                next[p] = x + next[p] / (m - 1)  // logNext
            }
        }
        Elementary.expm1(inPlace: all, level: level)
        for i in all.indices { all[i] = Swift.min(-all[i], largestTail) }
    }
}
