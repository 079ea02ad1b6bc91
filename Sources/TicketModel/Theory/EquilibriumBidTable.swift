/// The symmetric Bayes–Nash first-price bid of `B` builders with iid factors (MODEL.md
/// version 2, section 6, `shade: equilibrium`), tabulated once per point:
///
///     b(y) = y - int_0^y F(t)^(B-1) dt / F(y)^(B-1)
///
/// (times `V` for the bid on a slot of value `V`). With one builder `b = 0`.
///
/// Table: nodes `u_i = u_0 + i h` in `u = log y`, `h` = a 128th of the factor's standard
/// deviation (1/128 for the uniform), from where `F^(B-1)` first exceeds 1e-150 (lower bids have
/// probability below 1e-150) to the top of the factor's range. `I(u) = int F^(B-1) e^u du` is
/// accumulated with one 20-point Gauss–Legendre panel per interval (per-interval error far
/// below 1e-16 relative), started from `I(u_0) ~ F^(B-1) e^u / (1 + (B-1) f_u / F)` at `u_0`
/// (exact for the uniform; for the lognormal its error decays like `F(u_0)^(B-1) / F(u)^(B-1)`).
/// Between nodes, cubic Hermite interpolation in `u` with the exact slopes
/// `db/du = (B-1) f_u(u) I(u) / F(u)^B`, limited by Fritsch–Carlson so that the interpolant is
/// monotone. Interpolation error about `(h/sigma)^4 / 384` of `b` (below 1e-11 relative);
/// outside the table `b` is clamped to its end values (`b` is flat where `F = 1`). Node values
/// are made non-decreasing (a running maximum: where `F` rounds to 1 the difference
/// `y - I / F^(B-1)` has rounding noise of a few ulps).
/// Building costs about `20 B` CDF evaluations per node (a few thousand nodes); a look-up is
/// O(1), allocation-free.
public struct EquilibriumBidTable: Sendable, Hashable {
    public let builders: Int
    /// `u_0` and `h`.
    let start: Double, step: Double
    /// `b(u_i)`.
    let bids: [Double]
    /// Per interval `i`: the limited slopes `db/du` at its left and right ends.
    let leftSlopes: [Double], rightSlopes: [Double]

    /// The table for `builders` builders whose factors all follow `law`.
    public init(law: BuilderFactorLaw, builders: Int) {
        precondition(builders >= 1, "at least one builder")
        self.builders = builders
        let range = law.logRange
        let b1 = Double(builders - 1)
        let h: Double
        switch law {
        case .lognormal(_, let s): h = s / 128
        case .uniform: h = 1.0 / 128
        }
        // The first node where F^(B-1) > 1e-150 (bisection in u; the CDF is monotone).
        var u0 = range.low
        if builders > 1 {
            let floor = TheoryMath.exp(-150 * TheoryMath.log(10) / b1)
            if law.cdf(u0) < floor {
                var lo = range.low, hi = range.high
                for _ in 0..<200 where hi - lo > h / 4 {
                    let mid = 0.5 * (lo + hi)
                    if law.cdf(mid) < floor { lo = mid } else { hi = mid }
                }
                u0 = hi
            }
        }
        let top = range.high
        let n = Swift.max(2, Int(((top - u0) / h).rounded(.up)) + 1)
        let hh = (top - u0) / Double(n - 1)
        start = u0
        step = hh
        var bids = [Double](repeating: 0, count: n)
        var slopes = [Double](repeating: 0, count: n)
        if builders > 1 {
            func weight(_ u: Double) -> Double { TheoryMath.pow(law.cdf(u), b1) * TheoryMath.exp(u) }
            var integral: Double = {
                let f = law.cdf(u0)
                return weight(u0) / (1 + b1 * law.logDensity(u0) / f)
            }()
            for i in 0..<n {
                let u = u0 + Double(i) * hh
                if i > 0 { integral += PanelQuadrature.panel(u - hh, u, weight) }
                let f = law.cdf(u)
                let fb1 = TheoryMath.pow(f, b1)
                bids[i] = TheoryMath.exp(u) - integral / fb1
                slopes[i] = b1 * law.logDensity(u) * integral / (fb1 * f)
            }
        }
        // Where F is within rounding of 1, `y - I / F^(B-1)` is a difference of nearly equal
        // numbers and its last bits are noise; the true b is non-decreasing, so keep the running
        // maximum (a change of a few ulps) so that the interpolant is monotone.
        for i in 1..<n where bids[i] < bids[i - 1] { bids[i] = bids[i - 1] }
        // Fritsch–Carlson: scale both slopes of an interval where they would overshoot.
        var left = [Double](repeating: 0, count: n - 1), right = [Double](repeating: 0, count: n - 1)
        for i in 0..<(n - 1) {
            let delta = (bids[i + 1] - bids[i]) / hh
            if delta <= 0 { continue }
            var a = slopes[i] / delta, c = slopes[i + 1] / delta
            let r = a * a + c * c
            if r > 9 { let tau = 3 / r.squareRoot(); a *= tau; c *= tau }
            left[i] = a * delta
            right[i] = c * delta
        }
        self.bids = bids
        leftSlopes = left
        rightSlopes = right
    }

    /// `b` at the factor `e^u` (`u = log y`).
    public func bid(logFactor u: Double) -> Double {
        let x = (u - start) / step
        if !(x > 0) { return bids[0] }
        let last = bids.count - 1
        if x >= Double(last) { return bids[last] }
        let i = Int(x)
        let t = x - Double(i)
        let t2 = t * t, t3 = t2 * t
        let h10 = t3 - 2 * t2 + t, h01 = -2 * t3 + 3 * t2, h11 = t3 - t2
        // b_i + (a non-decreasing increment): exactly b_i on a flat interval, and rounding (which
        // is monotone in the increment) cannot make the interpolant decrease.
        return bids[i] + (h01 * (bids[i + 1] - bids[i]) + step * (h10 * leftSlopes[i] + h11 * rightSlopes[i]))
    }

    /// `db/du` of the interpolant at `u` (0 outside the table).
    public func slope(logFactor u: Double) -> Double {
        let x = (u - start) / step
        let last = bids.count - 1
        if !(x > 0) || x >= Double(last) { return 0 }
        let i = Int(x)
        let t = x - Double(i)
        let t2 = t * t
        let d00 = 6 * t2 - 6 * t, d10 = 3 * t2 - 4 * t + 1
        let d01 = -6 * t2 + 6 * t, d11 = 3 * t2 - 2 * t
        return (d00 * bids[i] + d01 * bids[i + 1]) / step + d10 * leftSlopes[i] + d11 * rightSlopes[i]
    }

    /// The table's range in `u`.
    var logRange: (low: Double, high: Double) { (start, start + step * Double(bids.count - 1)) }

    /// The smallest `u` with `b(u) >= s` (by bisection on the monotone interpolant to 1e-13 in
    /// `u`); the table's ends when `s` lies outside its bids.
    func inverse(_ s: Double) -> Double {
        let range = logRange
        if s <= bids[0] { return range.low }
        if s >= bids[bids.count - 1] { return range.high }
        var lo = range.low, hi = range.high
        for _ in 0..<200 where hi - lo > 1e-13 {
            let mid = 0.5 * (lo + hi)
            if bid(logFactor: mid) < s { lo = mid } else { hi = mid }
        }
        return hi
    }
}
