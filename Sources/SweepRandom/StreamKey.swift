/// A keyed stream of counter-based random numbers: the Philox4x32-10 key of one `(seed, stream)`.
///
/// **Key.** With γ = 0x9E3779B97F4A7C15 (the 64-bit golden ratio) and `mix64` the SplitMix64
/// finaliser (`z ^= z >> 30; z ×= 0xBF58476D1CE4E5B9; z ^= z >> 27; z ×= 0x94D049BB133111EB;
/// z ^= z >> 31`, a bijection of 64-bit words):
/// `key64 = mix64(mix64(seed + γ) ^ (stream × γ))` (wrapping arithmetic), and
/// `key = (low 32 bits, high 32 bits)`. `mix64(seed + γ)` is SplitMix64's first output for `seed`.
/// For one seed, distinct streams always get distinct keys; across seeds a collision is a
/// 2⁻⁶⁴ event per pair.
///
/// **Counter layout.** One Philox block (128 bits) per
/// `(point, replication, slot, index)`:
///
/// | word | holds |
/// |---|---|
/// | 0 | `index`: position within a slot (the k-th block a slot draws) |
/// | 1 | `slot` |
/// | 2 | `replication` |
/// | 3 | `point`; streams common to all grid points pass `RandomStream.commonPoint` |
///
/// The numbers therefore depend only on `(seed, stream, point, replication, slot, index)`, never
/// on which thread or shard asks, or in what order.
///
/// **Uniforms.** A block gives two doubles, one from each 64-bit half
/// (`x = word1 << 32 | word0`, then `x = word3 << 32 | word2`), each
/// `u = (Double(x >> 12) + 0.5) × 2⁻⁵²`: the midpoints of 2⁵² equal cells, so `u` lies in the
/// open interval (0, 1) — never 0 or 1 — with `2⁻⁵³ ≤ u ≤ 1 − 2⁻⁵³`, resolution 2⁻⁵², and the grid
/// is symmetric (`1 − u` is again a grid point, exactly). (With 53 bits, `(k + 0.5) × 2⁻⁵³` is not
/// representable for `k ≥ 2⁵²` and rounds to 1.0 at the top, so 52 bits is the most an exact open
/// interval allows.)
public struct RandomStream: Sendable, Hashable {
    /// The seed this stream was made from.
    public let seed: UInt64
    /// The stream number within the seed.
    public let stream: UInt32
    /// The Philox key derived from `(seed, stream)`.
    public let key: SIMD2<UInt32>

    /// The `point` word to pass for streams shared by every grid point (common random numbers).
    public static let commonPoint: UInt32 = 0xFFFF_FFFF

    /// The stream `stream` of `seed`; the key derivation is in the type's doc comment.
    public init(seed: UInt64, stream: UInt32) {
        self.seed = seed
        self.stream = stream
        let golden: UInt64 = 0x9E37_79B9_7F4A_7C15
        let key64 = Self.mix64(Self.mix64(seed &+ golden) ^ (UInt64(stream) &* golden))
        self.key = SIMD2(UInt32(truncatingIfNeeded: key64), UInt32(truncatingIfNeeded: key64 >> 32))
    }

    /// The SplitMix64 finaliser (Steele, Lea & Flood 2014), a bijection on 64-bit words.
    @inlinable
    public static func mix64(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The 128 random bits of one counter (layout in the type's doc comment).
    @inlinable
    public func bits(point: UInt32, replication: UInt32, slot: UInt32, index: UInt32) -> SIMD4<UInt32> {
        Philox4x32.block(SIMD4(index, slot, replication, point), key: key)
    }

    /// The two uniforms of one counter, each in the open interval (0, 1) with resolution 2⁻⁵².
    @inlinable
    public func uniforms(point: UInt32, replication: UInt32, slot: UInt32, index: UInt32) -> (Double, Double) {
        let x = bits(point: point, replication: replication, slot: slot, index: index)
        return (
            Self.openUnit(UInt64(x[1]) << 32 | UInt64(x[0])),
            Self.openUnit(UInt64(x[3]) << 32 | UInt64(x[2]))
        )
    }

    /// Maps 64 random bits to `(Double(bits >> 12) + 0.5) × 2⁻⁵²`, in [2⁻⁵³, 1 − 2⁻⁵³].
    ///
    /// Computed exactly as `1.m − (1 − 2⁻⁵³)`, where `1.m` has the top 52 bits as its mantissa.
    @inlinable
    public static func openUnit(_ bits: UInt64) -> Double {
        Double(bitPattern: 0x3FF0_0000_0000_0000 | (bits >> 12)) - (1.0 - 0x1p-53)
    }

    /// `openUnit` on each lane of `(high << 32 | low)` (32-bit words in 64-bit lanes, the
    /// ``Philox4x32/WideLanes`` layout).
    @inlinable @inline(__always)
    internal static func openUnit(low: Philox4x32.WideWord, high: Philox4x32.WideWord) -> SIMD4<Double> {
        let x = low | (high &<< 32)
        let mantissa = (x &>> 12) | SIMD4<UInt64>(repeating: 0x3FF0_0000_0000_0000)
        return unsafeBitCast(mantissa, to: SIMD4<Double>.self) - SIMD4<Double>(repeating: 1.0 - 0x1p-53)
    }

    /// The counter words `start, start + 1, …` (modulo 2³²) of `Philox4x32.wideLaneCount`
    /// consecutive counters, in the ``Philox4x32/WideLanes`` layout.
    @inlinable @inline(__always)
    internal static func consecutiveWords(from start: UInt32) -> Philox4x32.WideWord {
        (Philox4x32.WideWord(0, 1, 2, 3) &+ Philox4x32.WideWord(repeating: UInt64(start))) & Philox4x32.WideWord(repeating: 0xFFFF_FFFF)
    }

    /// Fills `out` with consecutive uniforms of one `(point, replication, slot)`: `out[2k]` and
    /// `out[2k + 1]` are `uniforms(point:replication:slot:index: firstIndex + k)`, and an odd count
    /// drops the second uniform of the last block. Indices wrap modulo 2³².
    ///
    /// No allocation; `Philox4x32.wideLaneCount` blocks per Philox call.
    public func fill(
        _ out: UnsafeMutableBufferPointer<Double>,
        point: UInt32, replication: UInt32, slot: UInt32, firstIndex: UInt32
    ) {
        guard let base = out.baseAddress else { return }
        let count = out.count
        let lanes = Philox4x32.wideLaneCount
        let fixed = (
            w1: Philox4x32.WideWord(repeating: UInt64(slot)), w2: Philox4x32.WideWord(repeating: UInt64(replication)),
            w3: Philox4x32.WideWord(repeating: UInt64(point)))
        var next = firstIndex
        var i = 0
        withUnsafeTemporaryAllocation(of: Philox4x32.WideWord.self, capacity: Philox4x32.roundKeyCount) { schedule in
            let keys = schedule.baseAddress.unsafelyUnwrapped
            Philox4x32.roundKeys(key, into: keys)
            while count - i >= 2 * lanes {
                let x = Philox4x32.blocks(
                    wide: Philox4x32.WideLanes(w0: Self.consecutiveWords(from: next), w1: fixed.w1, w2: fixed.w2, w3: fixed.w3), roundKeys: keys)
                let first = Self.openUnit(low: x.w0, high: x.w1)
                let second = Self.openUnit(low: x.w2, high: x.w3)
                let target = base + i
                for lane in 0..<lanes {
                    target[2 * lane] = first[lane]
                    target[2 * lane + 1] = second[lane]
                }
                next &+= UInt32(lanes)
                i += 2 * lanes
            }
        }
        while i < count {
            let (u0, u1) = uniforms(point: point, replication: replication, slot: slot, index: next)
            base[i] = u0
            if i + 1 < count { base[i + 1] = u1 }
            i += 2
            next &+= 1
        }
    }

    /// The 16 uniforms of counters `firstIndex ..< firstIndex + 8` of one `(point, replication,
    /// slot)` into `out[0 ..< 16]`, in `fill`'s order (`out[2k]`, `out[2k + 1]` are counter
    /// `firstIndex + k`'s two): one AVX-512 call where `level` allows (`WideRandom`, the same
    /// bits), else `fill`. For draws of a few consecutive counters in a slot loop, such as a
    /// sale's service order. No allocation.
    public func fillSixteen(
        _ out: UnsafeMutablePointer<Double>, point: UInt32, replication: UInt32, slot: UInt32, firstIndex: UInt32,
        level: WideRandom.Level = WideRandom.active
    ) {
        if WideRandom.fillSixteen(key, level: level, point: point, replication: replication, slot: slot, firstIndex: firstIndex, out: out) {
            return
        }
        fill(UnsafeMutableBufferPointer(start: out, count: 16), point: point, replication: replication, slot: slot, firstIndex: firstIndex)
    }

    /// One uniform per path for a batch of paths: `out[r]` is the first uniform of
    /// `uniforms(point:replication: firstReplication + r, slot:index:)`. Replications wrap modulo 2³².
    ///
    /// No allocation; `Philox4x32.wideLaneCount` paths per Philox call (one block per uniform:
    /// half of each block is unused).
    public func fillAcrossReplications(
        _ out: UnsafeMutableBufferPointer<Double>,
        point: UInt32, firstReplication: UInt32, slot: UInt32, index: UInt32
    ) {
        guard let base = out.baseAddress else { return }
        fillPairsAcrossReplications(
            first: base, second: nil, stride: 1, count: out.count, point: point, firstReplication: firstReplication,
            slot: slot, index: index)
    }

    /// Both uniforms of one counter for a batch of paths, written with a stride: for path `r`,
    /// `first[r * stride]` and `second[r * stride]` are `uniforms(point:replication:
    /// firstReplication + r, slot:index:)`; `second` may be `nil`. With `stride` = the number of
    /// uniforms per path and `first` at offset `2k`, this lays out exactly what `fill` gives each
    /// path for `firstIndex` 0, one counter index at a time, but vectorised across paths (at
    /// stride 1 in `WideRandom`'s AVX2 or AVX-512 C kernels where `level` allows: the same bits).
    public func fillPairsAcrossReplications(
        first: UnsafeMutablePointer<Double>, second: UnsafeMutablePointer<Double>?, stride: Int, count: Int,
        point: UInt32, firstReplication: UInt32, slot: UInt32, index: UInt32, level: WideRandom.Level = WideRandom.active
    ) {
        let lanes = Philox4x32.wideLaneCount
        let fixed = (
            w0: Philox4x32.WideWord(repeating: UInt64(index)), w1: Philox4x32.WideWord(repeating: UInt64(slot)),
            w3: Philox4x32.WideWord(repeating: UInt64(point)))
        // The C kernels' lanes first (`WideRandom`, the same bits), the rest here.
        var r = stride == 1
            ? WideRandom.fillPairs(
                key, level: level, index: index, slot: slot, point: point, firstReplication: firstReplication, count: count,
                first: first, second: second)
            : 0
        var replication = firstReplication &+ UInt32(truncatingIfNeeded: r)
        withUnsafeTemporaryAllocation(of: Philox4x32.WideWord.self, capacity: Philox4x32.roundKeyCount) { schedule in
            let keys = schedule.baseAddress.unsafelyUnwrapped
            Philox4x32.roundKeys(key, into: keys)
            while count - r >= lanes {
                let x = Philox4x32.blocks(
                    wide: Philox4x32.WideLanes(w0: fixed.w0, w1: fixed.w1, w2: Self.consecutiveWords(from: replication), w3: fixed.w3),
                    roundKeys: keys)
                let u0 = Self.openUnit(low: x.w0, high: x.w1)
                let u1 = Self.openUnit(low: x.w2, high: x.w3)
                for lane in 0..<lanes { first[(r + lane) * stride] = u0[lane] }
                if let second { for lane in 0..<lanes { second[(r + lane) * stride] = u1[lane] } }
                replication &+= UInt32(lanes)
                r += lanes
            }
        }
        while r < count {
            let (a, b) = uniforms(point: point, replication: replication, slot: slot, index: index)
            first[r * stride] = a
            second?[r * stride] = b
            r += 1
            replication &+= 1
        }
    }

    /// The largest and second-largest of the first `uniformsPerPath` uniforms of each path in a
    /// batch: for path `r`, of `u_j` (`j < uniformsPerPath`), where `u_2k` and `u_2k+1` are
    /// `uniforms(point:replication: firstReplication + r, slot:index: k)`. `top[r]` is their
    /// maximum and `next[r]` the second largest (`-infinity` for a single uniform); the same
    /// numbers as filling them with `fillPairsAcrossReplications` and picking the two largest.
    ///
    /// Vectorised across paths (`Philox4x32.wideLaneCount` at a time, the selection in SIMD
    /// lanes; with AVX2 or AVX-512, 4 or 8 at a time in `WideRandom`'s C kernels, which `level`
    /// chooses, the same bits): nothing is stored per uniform. No allocation.
    public func fillTopTwoAcrossReplications(
        top: UnsafeMutablePointer<Double>, next: UnsafeMutablePointer<Double>, uniformsPerPath b: Int, count: Int,
        point: UInt32, firstReplication: UInt32, slot: UInt32, level: WideRandom.Level = WideRandom.active
    ) {
        let lanes = Philox4x32.wideLaneCount
        let fixed = (w1: Philox4x32.WideWord(repeating: UInt64(slot)), w3: Philox4x32.WideWord(repeating: UInt64(point)))
        // The C kernels' lanes first (`WideRandom`, the same bits), the rest here.
        var r = WideRandom.fillTopTwo(
            key, level: level, slot: slot, point: point, firstReplication: firstReplication, uniformsPerPath: b, count: count,
            top: top, next: next)
        var replication = firstReplication &+ UInt32(truncatingIfNeeded: r)
        withUnsafeTemporaryAllocation(of: Philox4x32.WideWord.self, capacity: Philox4x32.roundKeyCount) { schedule in
            let keys = schedule.baseAddress.unsafelyUnwrapped
            Philox4x32.roundKeys(key, into: keys)
            while count - r >= lanes {
                var first = SIMD4<Double>(repeating: -.infinity)
                var second = SIMD4<Double>(repeating: -.infinity)
                @inline(__always) func insert(_ u: SIMD4<Double>) {
                    let lower = first.replacing(with: u, where: u .< first)
                    first.replace(with: u, where: u .> first)
                    second.replace(with: lower, where: lower .> second)
                }
                let replications = Self.consecutiveWords(from: replication)
                for k in 0 ..< (b + 1) / 2 {
                    let x = Philox4x32.blocks(
                        wide: Philox4x32.WideLanes(w0: Philox4x32.WideWord(repeating: UInt64(k)), w1: fixed.w1, w2: replications, w3: fixed.w3),
                        roundKeys: keys)
                    insert(Self.openUnit(low: x.w0, high: x.w1))
                    if 2 * k + 1 < b { insert(Self.openUnit(low: x.w2, high: x.w3)) }
                }
                for lane in 0..<lanes {
                    top[r + lane] = first[lane]
                    next[r + lane] = second[lane]
                }
                replication &+= UInt32(lanes)
                r += lanes
            }
        }
        while r < count {
            var first = -Double.infinity, second = -Double.infinity
            for k in 0 ..< (b + 1) / 2 {
                let (u0, u1) = uniforms(point: point, replication: replication, slot: slot, index: UInt32(k))
                second = Swift.max(second, Swift.min(first, u0))
                first = Swift.max(first, u0)
                if 2 * k + 1 < b {
                    second = Swift.max(second, Swift.min(first, u1))
                    first = Swift.max(first, u1)
                }
            }
            top[r] = first
            next[r] = second
            r += 1
            replication &+= 1
        }
    }
}
