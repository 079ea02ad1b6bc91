/// A stream with its Philox key schedule computed once, for the slot loop's draws of a few
/// consecutive counters at a time: four counters (eight uniforms) in one wide Philox call
/// (`Philox4x32.blocks(wide:roundKeys:)`: under callgrind about 260 instructions for the rounds
/// and 100 to 150 for the counters and the uniforms around them) instead of four scalar blocks
/// (about 180 each with the call), and without the key schedule that `fill` recomputes on
/// every call. Immutable after `init`; a final class because it owns the schedule
/// (freed in `deinit`), so that the hot path reads a pointer, not an array.
public final class ScheduledStream: @unchecked Sendable {
    @usableFromInline let roundKeys: UnsafeMutablePointer<Philox4x32.WideWord>

    public init(_ stream: RandomStream) {
        roundKeys = .allocate(capacity: Philox4x32.roundKeyCount)
        Philox4x32.roundKeys(stream.key, into: roundKeys)
    }

    deinit { roundKeys.deallocate() }

    /// The uniforms of the four counters `firstIndex ..< firstIndex + 4` (indices wrap modulo
    /// 2³²) of one `(point, replication, slot)`: lane `m` of `first` and of `second` are the two
    /// of the stream's `uniforms(point:replication:slot:index: firstIndex + m)`, bit for bit (the
    /// lanes of `fill`).
    @inlinable @inline(__always)
    public func uniforms(point: UInt32, replication: UInt32, slot: UInt32, firstIndex: UInt32) -> (first: SIMD4<Double>, second: SIMD4<Double>) {
        let counters = Philox4x32.WideLanes(
            w0: RandomStream.consecutiveWords(from: firstIndex), w1: Philox4x32.WideWord(repeating: UInt64(slot)),
            w2: Philox4x32.WideWord(repeating: UInt64(replication)), w3: Philox4x32.WideWord(repeating: UInt64(point)))
        let x = Philox4x32.blocks(wide: counters, roundKeys: roundKeys)
        return (RandomStream.openUnit(low: x.w0, high: x.w1), RandomStream.openUnit(low: x.w2, high: x.w3))
    }

    /// Writes the eight uniforms of counters `firstIndex ..< firstIndex + 4` to `out[0 ..< 8]`
    /// in `fill`'s order: `out[2m]` and `out[2m + 1]` are counter `firstIndex + m`'s two.
    @inlinable @inline(__always)
    public func fillEight(_ out: UnsafeMutablePointer<Double>, point: UInt32, replication: UInt32, slot: UInt32, firstIndex: UInt32) {
        let (first, second) = uniforms(point: point, replication: replication, slot: slot, firstIndex: firstIndex)
        for m in 0..<4 {  // Philox4x32.wideLaneCount, a literal so that nothing is looked up here
            out[2 * m] = first[m]
            out[2 * m + 1] = second[m]
        }
    }
}
