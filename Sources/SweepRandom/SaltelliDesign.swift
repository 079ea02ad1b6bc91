extension DesignSampler {
    /// The largest `dimensions` that `saltelli` accepts (its base has twice as many).
    public static let saltelliMaxDimensions = sobolMaxDimensions / 2

    /// Saltelli's design for first-order and total Sobol' indices, without second-order rows:
    /// `points × (dimensions + 2)` rows in the layout of SALib's `sobol.sample(problem, N,
    /// calc_second_order=False)`.
    ///
    /// The base is `sobol(points: points, dimensions: 2 × dimensions, seed: seed)` (digitally
    /// shifted, first point kept); its row `i` splits into `A_i` (columns `0..<D`) and `B_i`
    /// (columns `D..<2D`). Rows `i (D + 2) + j` are then `A_i` (j = 0), `AB_i^(j)` = `A_i` with
    /// column `j − 1` taken from `B_i` (j = 1…D), and `B_i` (j = D + 1). Use
    /// `SaltelliLayout(points:dimensions:)` to index it. Cost O(points × dimensions²).
    ///
    /// - Throws: `DesignError` if `points` is not a power of two, if `dimensions` is not in
    ///   1…`saltelliMaxDimensions`, or if the design has 2³² rows or more.
    public static func saltelli(points n: Int, dimensions d: Int, seed: UInt64) throws -> [[Double]] {
        rows(try saltelliFlat(points: n, dimensions: d, seed: seed), dimensions: d)
    }

    /// `saltelli`'s design in one row-major array (`points × (dimensions + 2)` rows of
    /// `dimensions` values).
    public static func saltelliFlat(points n: Int, dimensions d: Int, seed: UInt64) throws -> [Double] {
        try checkSaltelli(points: n, dimensions: d)
        return saltelliLayout(base: try sobolFlat(points: n, dimensions: 2 * d, seed: seed), dimensions: d)
    }

    /// The Saltelli layout of `base`, whose rows have `2 × dimensions` coordinates (`A` then
    /// `B`); `base.count × (dimensions + 2)` rows, as `saltelli` describes.
    public static func saltelliRows(base: [[Double]], dimensions d: Int) -> [[Double]] {
        for row in base { precondition(row.count == 2 * d, "a Saltelli base row needs 2 × dimensions coordinates") }
        return rows(saltelliLayout(base: base.flatMap { $0 }, dimensions: d), dimensions: d)
    }

    /// `saltelliRows` on row-major arrays: `base` has `2 d` values a row, the result `d`.
    static func saltelliLayout(base: [Double], dimensions d: Int) -> [Double] {
        let n = base.count / (2 * d)
        var rows = [Double]()
        rows.reserveCapacity(n * (d + 2) * d)
        for i in 0..<n {
            let a = base[(2 * i * d) ..< ((2 * i + 1) * d)], b = base[((2 * i + 1) * d) ..< ((2 * i + 2) * d)]
            rows += a
            for j in 0..<d {
                rows += a.prefix(j)
                rows.append(b[b.startIndex + j])
                rows += a.suffix(d - j - 1)
            }
            rows += b
        }
        return rows
    }

    private static func checkSaltelli(points n: Int, dimensions d: Int) throws {
        guard d >= 1 else {
            throw DesignError(
                code: .invalidDimensionCount,
                message: "a Saltelli design needs at least 1 dimension, got \(d); give the sampled axes a range each")
        }
        guard d <= saltelliMaxDimensions else {
            throw DesignError(
                code: .tooManyDimensions,
                message: "the Saltelli design supports at most \(saltelliMaxDimensions) ranges (its Sobol' base has two "
                    + "coordinates per range), got \(d)")
        }
        guard n >= 1, n & (n - 1) == 0 else {
            throw DesignError(
                code: .invalidPointCount,
                message: "a Saltelli design's points must be a power of two (such as 256 or 1024), got \(n)")
        }
        guard n.multipliedReportingOverflow(by: d + 2).partialValue < 1 << 32, n < 1 << 32 else {
            throw DesignError(
                code: .invalidPointCount,
                message: "a Saltelli design of \(n) points in \(d) dimensions has \(n) × \(d + 2) rows; at most 4294967295 are allowed")
        }
    }
}

/// Where the rows of a Saltelli design (`DesignSampler.saltelli`) sit: base sample `i` owns rows
/// `i (D + 2) ..< (i + 1)(D + 2)`, in the order `A`, `AB^(1)` … `AB^(D)`, `B`.
public struct SaltelliLayout: Sendable, Hashable {
    /// `N`: base samples (a power of two).
    public let points: Int
    /// `D`: sampled parameters.
    public let dimensions: Int

    public init(points: Int, dimensions: Int) {
        self.points = points
        self.dimensions = dimensions
    }

    /// `N (D + 2)`.
    public var rowCount: Int { points * (dimensions + 2) }
    /// The row of `A_i`.
    public func a(_ i: Int) -> Int { i * (dimensions + 2) }
    /// The row of `B_i`.
    public func b(_ i: Int) -> Int { i * (dimensions + 2) + dimensions + 1 }
    /// The row of `AB_i^(j)`: `A_i` with parameter `j` (0-based) from `B_i`.
    public func ab(_ i: Int, _ j: Int) -> Int { i * (dimensions + 2) + 1 + j }
}
