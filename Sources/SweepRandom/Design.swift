/// Why a design could not be made.
public struct DesignError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What was wrong; new cases may be added.
    public enum Code: Sendable, Equatable {
        /// `points` was negative, or too large for the design.
        case invalidPointCount
        /// `dimensions` was below 1.
        case invalidDimensionCount
        /// `dimensions` exceeds what the Sobol' direction-number table supports.
        case tooManyDimensions
    }

    public let code: Code
    /// A sentence saying what was wrong and what to do.
    public let message: String

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}

/// Space-filling designs over the unit cube, for sampled sweep axes.
///
/// Every design is a pure function of its arguments (the seed included): the same call gives the
/// same points on any machine and thread. A design is returned as `points` rows of `dimensions`
/// coordinates; the caller scales each coordinate to its parameter range.
///
/// Each design draws from its own `RandomStream` of the seed, with a stream number reserved for it
/// (`sobolStream`, `latinHypercubeStream`, `uniformStream`), so a design does not share numbers
/// with a simulation run from the same seed as long as simulation streams stay below `0xFFFF_FF00`.
public enum DesignSampler {
    /// The largest `dimensions` that `sobol` accepts.
    public static let sobolMaxDimensions = SobolDirectionNumbers.dimensionCount
    /// The largest `points` that `sobol` accepts (the 32-bit sequence's period).
    public static let sobolMaxPoints = 1 << 32

    /// Stream number of the random digital shift of `sobol`.
    public static let sobolStream: UInt32 = 0xFFFF_FF01
    /// Stream number of the permutations and jitter of `latinHypercube`.
    public static let latinHypercubeStream: UInt32 = 0xFFFF_FF02
    /// Stream number of `uniform`.
    public static let uniformStream: UInt32 = 0xFFFF_FF03

    /// The first `points` points of the Sobol' sequence in `dimensions` dimensions (Joe & Kuo
    /// direction numbers new-joe-kuo-6.21201, 32-bit, Gray-code order), with a random digital
    /// shift: coordinate `j` of every point is XORed with one random 32-bit word, word 0 of
    /// `RandomStream(seed: seed, stream: sobolStream).bits(point: commonPoint, replication: 0,
    /// slot: 0, index: j)`.
    ///
    /// Coordinates are multiples of 2⁻³² in [0, 1). The shift keeps the (t, s)-net structure of
    /// every power-of-two prefix and makes each point uniformly distributed, so averages over the
    /// design are unbiased; use a power of two for `points` to keep the balance properties.
    /// Cost O(points × dimensions).
    ///
    /// - Throws: `DesignError` if `dimensions` is not in 1…`sobolMaxDimensions` or `points` is
    ///   not in 0…`sobolMaxPoints`.
    public static func sobol(points n: Int, dimensions d: Int, seed: UInt64) throws -> [[Double]] {
        rows(try sobolFlat(points: n, dimensions: d, seed: seed), dimensions: d)
    }

    /// `sobol`'s design in one row-major array (`points × dimensions`, no array per row).
    public static func sobolFlat(points n: Int, dimensions d: Int, seed: UInt64) throws -> [Double] {
        try checkSobol(points: n, dimensions: d)
        let stream = RandomStream(seed: seed, stream: sobolStream)
        var shift = [UInt32](repeating: 0, count: d)
        for j in 0..<d {
            shift[j] = stream.bits(point: RandomStream.commonPoint, replication: 0, slot: 0, index: UInt32(j))[0]
        }
        return sobolPoints(n, d, shift: shift)
    }

    /// The first `points` points of the plain Sobol' sequence (no shift), starting with the
    /// origin; equal to SciPy's `qmc.Sobol(d, scramble=False).random(points)`. Coordinates are
    /// multiples of 2⁻³² in [0, 1).
    ///
    /// - Throws: `DesignError` as `sobol` does.
    public static func sobolUnscrambled(points n: Int, dimensions d: Int) throws -> [[Double]] {
        try checkSobol(points: n, dimensions: d)
        return rows(sobolPoints(n, d, shift: [UInt32](repeating: 0, count: d)), dimensions: d)
    }

    /// A Latin hypercube: in every dimension each of the `points` strata [k/n, (k+1)/n) holds
    /// exactly one point (so `Int(x * Double(n)) == k` for exactly one row), the strata assigned
    /// to rows by an independent seeded Fisher–Yates shuffle per dimension, and each point placed
    /// uniformly at random inside its stratum. Coordinates lie in (0, 1).
    ///
    /// Shuffle indices use 64 random bits each by multiply-high, a bias below n/2⁶⁴.
    /// Cost O(points × dimensions).
    ///
    /// - Throws: `DesignError` if `points` < 0, `points` ≥ 2³², or `dimensions` < 1.
    public static func latinHypercube(points n: Int, dimensions d: Int, seed: UInt64) throws -> [[Double]] {
        rows(try latinHypercubeFlat(points: n, dimensions: d, seed: seed), dimensions: d)
    }

    /// `latinHypercube`'s design in one row-major array (`points × dimensions`).
    public static func latinHypercubeFlat(points n: Int, dimensions d: Int, seed: UInt64) throws -> [Double] {
        try checkCounts(points: n, dimensions: d)
        guard n > 0 else { return [] }
        let stream = RandomStream(seed: seed, stream: latinHypercubeStream)
        let common = RandomStream.commonPoint
        let scale = Double(n)
        var design = [Double](repeating: 0, count: n * d)
        var strata = [Int](repeating: 0, count: n)
        for j in 0..<d {
            let dimension = UInt32(j)
            for k in 0..<n { strata[k] = k }
            // Fisher–Yates, from the top: swap position i with a uniform position in 0...i.
            var i = n - 1
            while i > 0 {
                let x = stream.bits(point: common, replication: dimension, slot: 0, index: UInt32(i))
                let word = UInt64(x[1]) << 32 | UInt64(x[0])
                let pick = Int(word.multipliedFullWidth(by: UInt64(i + 1)).high)
                strata.swapAt(i, pick)
                i -= 1
            }
            for row in 0..<n {
                let k = strata[row]
                let u = stream.uniforms(point: common, replication: dimension, slot: 1, index: UInt32(row)).0
                design[row * d + j] = placeInStratum(k, jitter: u, strata: n, scale: scale)
            }
        }
        return design
    }

    /// `points` rows of `dimensions` independent uniforms in (0, 1) (resolution 2⁻⁵²), from
    /// `RandomStream(seed: seed, stream: uniformStream)`: row `i` is `fill(…, replication: i,
    /// slot: 0, firstIndex: 0)` with point `commonPoint`. Cost O(points × dimensions).
    ///
    /// - Throws: `DesignError` if `points` < 0, `points` ≥ 2³², or `dimensions` < 1.
    public static func uniform(points n: Int, dimensions d: Int, seed: UInt64) throws -> [[Double]] {
        rows(try uniformFlat(points: n, dimensions: d, seed: seed), dimensions: d)
    }

    /// `uniform`'s design in one row-major array (`points × dimensions`).
    public static func uniformFlat(points n: Int, dimensions d: Int, seed: UInt64) throws -> [Double] {
        try checkCounts(points: n, dimensions: d)
        let stream = RandomStream(seed: seed, stream: uniformStream)
        return [Double](unsafeUninitializedCapacity: n * d) { buffer, initialized in
            for i in 0..<n {
                stream.fill(
                    UnsafeMutableBufferPointer(rebasing: buffer[(i * d) ..< ((i + 1) * d)]), point: RandomStream.commonPoint,
                    replication: UInt32(i), slot: 0, firstIndex: 0)
            }
            initialized = n * d
        }
    }

    /// A row-major design (`dimensions` values a row) as one array per row.
    static func rows(_ flat: [Double], dimensions d: Int) -> [[Double]] {
        stride(from: 0, to: flat.count, by: d).map { Array(flat[$0 ..< $0 + d]) }
    }

    // MARK: - Implementation

    private static func checkCounts(points n: Int, dimensions d: Int) throws {
        guard d >= 1 else {
            throw DesignError(
                code: .invalidDimensionCount,
                message: "a design needs at least 1 dimension, got \(d); give the sampled axes a range each")
        }
        guard n >= 0, n < 1 << 32 else {
            throw DesignError(
                code: .invalidPointCount,
                message: "a design's point count must be in 0..<4294967296, got \(n)")
        }
    }

    private static func checkSobol(points n: Int, dimensions d: Int) throws {
        guard d <= sobolMaxDimensions else {
            throw DesignError(
                code: .tooManyDimensions,
                message: "the Sobol' design supports at most \(sobolMaxDimensions) dimensions, got \(d); "
                    + "sample fewer axes or use method latin-hypercube or uniform")
        }
        try checkCounts(points: n, dimensions: d)
    }

    /// 32-bit direction integers V_1…V_32 (V_k = m_k · 2^(32−k)) for dimensions 0..<d.
    private static func directionIntegers(dimensions d: Int) -> [[UInt32]] {
        var all = [[UInt32]]()
        all.reserveCapacity(d)
        // Dimension 1: van der Corput, every m_k = 1.
        all.append((0..<32).map { UInt32(1) << (31 - $0) })
        let table = SobolDirectionNumbers.table
        var offset = 0
        for _ in 1..<max(d, 1) {
            let s = Int(table[offset])
            let a = table[offset + 1]
            var m = [UInt32](repeating: 0, count: 32)  // m[k - 1] = m_k
            for k in 0..<s { m[k] = table[offset + 2 + k] }
            offset += 2 + s
            // Bratley–Fox recurrence (Joe & Kuo, eq. 2):
            // m_k = 2 a_1 m_{k-1} ⊕ 4 a_2 m_{k-2} ⊕ … ⊕ 2^(s-1) a_{s-1} m_{k-s+1} ⊕ 2^s m_{k-s} ⊕ m_{k-s}
            if s < 32 {
                for k in s..<32 {
                    var value = m[k - s] ^ (m[k - s] << UInt32(s))
                    for i in 1..<s where (a >> UInt32(s - 1 - i)) & 1 == 1 {
                        value ^= m[k - i] << UInt32(i)
                    }
                    m[k] = value
                }
            }
            all.append((0..<32).map { m[$0] << (31 - UInt32($0)) })
        }
        return all
    }

    /// Points 0..<n of the sequence in Gray-code order, each coordinate XORed with `shift`, in
    /// one row-major array.
    private static func sobolPoints(_ n: Int, _ d: Int, shift: [UInt32]) -> [Double] {
        guard n > 0 else { return [] }
        let directions = directionIntegers(dimensions: d)
        var state = shift
        var design = [Double]()
        design.reserveCapacity(n * d)
        for i in 0..<n {
            if i > 0 {
                // Going from point i−1 to i flips the direction of the lowest zero bit of i−1.
                let bit = (~(i - 1)).trailingZeroBitCount
                for j in 0..<d { state[j] ^= directions[j][bit] }
            }
            for j in 0..<d { design.append(Double(state[j]) * 0x1p-32) }
        }
        return design
    }

    /// `(k + u) / n`, nudged so that it stays inside stratum k: `floor(x · n) == k`.
    private static func placeInStratum(_ k: Int, jitter u: Double, strata n: Int, scale: Double) -> Double {
        var x = (Double(k) + u) / scale
        while x > 0, Int((x * scale).rounded(.down)) > k { x = x.nextDown }
        while Int((x * scale).rounded(.down)) < k { x = x.nextUp }
        return x
    }
}
