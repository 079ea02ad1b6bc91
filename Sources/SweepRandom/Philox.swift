/// The Philox4x32-10 counter-based bit generator (Salmon, Moraes, Dror & Shaw, "Parallel random
/// numbers: as easy as 1, 2, 3", SC 2011; the Random123 library).
///
/// A pure function from a 128-bit counter and a 64-bit key to 128 random bits: ten rounds of two
/// 32×32→64-bit multiplications (multipliers `0xD2511F53`, `0xCD9E8D57`) with a Weyl key schedule
/// (increments `0x9E3779B9`, `0xBB67AE85`). There is no state, so any block can be computed in any
/// order on any thread. Output equals Random123's `philox4x32_R(10, ctr, key)` word for word
/// (checked against its published known-answer vectors).
///
/// `block` computes one counter; `blocks(wide:key:)` computes `wideLaneCount` counters at once
/// in 64-bit SIMD lanes (`blocks(wide:roundKeys:)` with the key schedule computed once: the
/// stream fills' path), and `blocks(_:key:)` `laneCount` counters in 32-bit lanes on top of it.
/// Speeds: `Benchmarks/` (`RandomNumbers` suite).
public enum Philox4x32 {
    /// Number of counters one call of `blocks` processes.
    public static let laneCount = 8

    /// One 32-bit word of `laneCount` counters (or outputs): lane `i` belongs to counter `i`.
    public typealias LaneWord = SIMD8<UInt32>

    /// Counters (or outputs) in structure-of-arrays form, one SIMD vector per 32-bit word:
    /// counter `i` is `(w0[i], w1[i], w2[i], w3[i])`.
    @frozen
    public struct CounterLanes<Word: SIMD & Sendable & Equatable>: Sendable, Equatable where Word.Scalar: FixedWidthInteger {
        public var w0: Word
        public var w1: Word
        public var w2: Word
        public var w3: Word

        @inlinable
        public init(w0: Word, w1: Word, w2: Word, w3: Word) {
            self.w0 = w0
            self.w1 = w1
            self.w2 = w2
            self.w3 = w3
        }

        /// Lane `i` as one 4-word counter.
        @inlinable
        public subscript(lane i: Int) -> SIMD4<UInt32> {
            SIMD4(
                UInt32(truncatingIfNeeded: w0[i]), UInt32(truncatingIfNeeded: w1[i]),
                UInt32(truncatingIfNeeded: w2[i]), UInt32(truncatingIfNeeded: w3[i]))
        }
    }

    /// `laneCount` counters in 32-bit lanes.
    public typealias Lanes = CounterLanes<LaneWord>

    /// Philox4x32-10 of one counter under `key`.
    @inlinable
    public static func block(_ counter: SIMD4<UInt32>, key: SIMD2<UInt32>) -> SIMD4<UInt32> {
        var x0 = counter[0], x1 = counter[1], x2 = counter[2], x3 = counter[3]
        var k0 = key[0], k1 = key[1]
        for round in 0..<10 {
            if round > 0 {
                k0 &+= 0x9E37_79B9
                k1 &+= 0xBB67_AE85
            }
            let p0 = UInt64(x0) &* 0xD251_1F53
            let p1 = UInt64(x2) &* 0xCD9E_8D57
            let y0 = UInt32(truncatingIfNeeded: p1 >> 32) ^ x1 ^ k0
            let y2 = UInt32(truncatingIfNeeded: p0 >> 32) ^ x3 ^ k1
            x1 = UInt32(truncatingIfNeeded: p1)
            x3 = UInt32(truncatingIfNeeded: p0)
            x0 = y0
            x2 = y2
        }
        return SIMD4(x0, x1, x2, x3)
    }

    /// Philox4x32-10 of `laneCount` counters under one `key`; lane `i` of the result equals
    /// `block(counters[lane: i], key: key)`. Computed as two calls of ``blocks(wide:key:)``.
    @inlinable
    public static func blocks(_ counters: Lanes, key: SIMD2<UInt32>) -> Lanes {
        func half(_ w: LaneWord, _ h: Int) -> WideWord {
            WideWord(UInt64(w[4 * h]), UInt64(w[4 * h + 1]), UInt64(w[4 * h + 2]), UInt64(w[4 * h + 3]))
        }
        func join(_ a: WideWord, _ b: WideWord) -> LaneWord {
            LaneWord(lowHalf: SIMD4<UInt32>(truncatingIfNeeded: a), highHalf: SIMD4<UInt32>(truncatingIfNeeded: b))
        }
        func wide(_ h: Int) -> WideLanes {
            blocks(
                wide: WideLanes(w0: half(counters.w0, h), w1: half(counters.w1, h), w2: half(counters.w2, h), w3: half(counters.w3, h)),
                key: key)
        }
        let (a, b) = (wide(0), wide(1))
        return Lanes(w0: join(a.w0, b.w0), w1: join(a.w1, b.w1), w2: join(a.w2, b.w2), w3: join(a.w3, b.w3))
    }

    /// Number of counters one call of `blocks(wide:key:)` processes: four 64-bit lanes fill two
    /// SSE2 registers a word, so that the state of a round stays in registers.
    public static let wideLaneCount = 4

    /// One 32-bit word of `wideLaneCount` counters, each in the low half of a 64-bit lane.
    public typealias WideWord = SIMD4<UInt64>

    /// `wideLaneCount` counters (or outputs) with each 32-bit word in the low half of a 64-bit
    /// lane; the high halves are zero.
    public typealias WideLanes = CounterLanes<WideWord>

    /// Philox4x32-10 of `wideLaneCount` counters in the layout of ``WideLanes``.
    @inlinable
    public static func blocks(wide counters: WideLanes, key: SIMD2<UInt32>) -> WideLanes {
        withUnsafeTemporaryAllocation(of: WideWord.self, capacity: roundKeyCount) { keys in
            let schedule = keys.baseAddress.unsafelyUnwrapped
            roundKeys(key, into: schedule)
            return blocks(wide: counters, roundKeys: schedule)
        }
    }

    /// The number of words ``roundKeys(_:into:)`` writes: two a round.
    public static let roundKeyCount = 20

    /// The Weyl key schedule of `key` for ``blocks(wide:roundKeys:)``: round `r`'s two key words,
    /// each broadcast to the wide lanes, at `2r` and `2r + 1`. Computed once per stream fill.
    @inlinable
    public static func roundKeys(_ key: SIMD2<UInt32>, into out: UnsafeMutablePointer<WideWord>) {
        var k0 = key[0], k1 = key[1]
        for round in 0..<10 {
            out[2 * round] = WideWord(repeating: UInt64(k0))
            out[2 * round + 1] = WideWord(repeating: UInt64(k1))
            k0 &+= 0x9E37_79B9
            k1 &+= 0xBB67_AE85
        }
    }

    /// ``blocks(wide:key:)`` with the key schedule already computed (`roundKeys`, the hot path
    /// of the stream fills).
    ///
    /// Each round's 32×32→64-bit products come straight from the 64-bit lanes (`pmuludq` on
    /// x86-64), with no interleaving of high and low halves between rounds.
    @inlinable @inline(__always)
    public static func blocks(wide counters: WideLanes, roundKeys keys: UnsafePointer<WideWord>) -> WideLanes {
        let low32 = WideWord(repeating: 0xFFFF_FFFF)
        let x = rounds(wide: counters, roundKeys: keys)
        return WideLanes(w0: x.w0 & low32, w1: x.w1 & low32, w2: x.w2 & low32, w3: x.w3 & low32)
    }

    /// The ten rounds of ``blocks(wide:roundKeys:)``, before the high halves are cleared: each
    /// word's low half is the output, the high half is left over from the products.
    ///
    /// Not inlined, returning the high halves, two rounds an iteration and the keys read from
    /// memory, on purpose: where the caller's masks could be seen, the optimiser noticed that
    /// only the low halves are ever used and moved the rounds to 32-bit lanes, packing and
    /// unpacking the products every round (about 55 instructions a round for four counters);
    /// as written a round is about 22 (a key broadcast and the register rotation of a one-round
    /// loop took 16 more).
    @usableFromInline @inline(never)
    static func rounds(wide counters: WideLanes, roundKeys keys: UnsafePointer<WideWord>) -> WideLanes {
        var x0 = counters.w0, x1 = counters.w1, x2 = counters.w2, x3 = counters.w3
        for pair in 0..<5 {
            round(&x0, &x1, &x2, &x3, keys[4 * pair], keys[4 * pair + 1])
            round(&x0, &x1, &x2, &x3, keys[4 * pair + 2], keys[4 * pair + 3])
        }
        return WideLanes(w0: x0, w1: x1, w2: x2, w3: x3)
    }

    /// One round on the wide lanes under the round's key words `k0`, `k1`.
    @inline(__always)
    static func round(_ x0: inout WideWord, _ x1: inout WideWord, _ x2: inout WideWord, _ x3: inout WideWord, _ k0: WideWord, _ k1: WideWord) {
        // Only the low halves of x0 and x2 are multiplied (the masks make that visible to the
        // compiler, which then emits one pmuludq a register); the high halves of x1 and x3
        // carry the products' upper words until the end.
        let low32 = WideWord(repeating: 0xFFFF_FFFF)
        let p0 = (x0 & low32) &* WideWord(repeating: 0xD251_1F53)
        let p1 = (x2 & low32) &* WideWord(repeating: 0xCD9E_8D57)
        x0 = (p1 &>> 32) ^ x1 ^ k0
        x2 = (p0 &>> 32) ^ x3 ^ k1
        x1 = p1
        x3 = p0
    }
}
