import Synchronization

/// The bucket bounds `QuantileSketch.power(i)` of the default α, computed once per index and
/// shared by every sketch of the process.
///
/// A bound is a bisection of 64 steps (about 0.3 µs); the reducer needs two per quantile and per
/// histogram bucket, for every metric of every point, and the same indices recur from point to
/// point. A lookup is a dictionary read under a lock (tens of ns); the values are exactly those
/// of `QuantileSketch.inverseLog`, so tables do not change. Memory is bounded by the indices
/// of magnitudes 1e-300 to 1.8e308 at the default α: about 143 000 entries (a few MB) at most.
/// A final class because the table is one process-wide store behind a lock.
final class SketchBoundTable: Sendable {
    static let shared = SketchBoundTable()

    /// `k = 0.7 / ln γ` of the default α (the default sketch's own).
    static let multiplier: Double = QuantileSketch().multiplier

    private let bounds = Mutex<[Int: Double]>([:])

    /// `QuantileSketch.inverseLog(Double(i) / multiplier)` for the default multiplier.
    func bound(_ i: Int) -> Double {
        if let known = bounds.withLock({ $0[i] }) { return known }
        let value = QuantileSketch.inverseLog(Double(i) / Self.multiplier)
        bounds.withLock { $0[i] = value }
        return value
    }
}
