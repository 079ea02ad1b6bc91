import CWideKernels
import SweepMath

// SweepStatistics' wrapper of the C kernel `ts_sketch_add` (CWideKernels/WideSketch.c), the one
// file of the module that calls it.

/// One side of a sketch as the block insert sees it: values whose bucket index lies in
/// `low...high` are counted at `counts[index - offset]` (an empty side has `low > high`).
@usableFromInline struct SketchBlockSide {
    @usableFromInline let low: Int, high: Int, offset: Int
    @usableFromInline let counts: UnsafeMutablePointer<UInt64>?

    @inlinable init(low: Int, high: Int, offset: Int, counts: UnsafeMutablePointer<UInt64>?) {
        self.low = low
        self.high = high
        self.offset = offset
        self.counts = counts
    }
}

/// The running state of `addInWindow`: the minimum and maximum so far and the values added to
/// each side and to the zero bucket.
@usableFromInline struct SketchBlockTally {
    @usableFromInline var low: Double, high: Double
    @usableFromInline var positive: UInt64, negative: UInt64, zero: UInt64

    @inlinable init(low: Double, high: Double, positive: UInt64, negative: UInt64, zero: UInt64) {
        self.low = low
        self.high = high
        self.positive = positive
        self.negative = negative
        self.zero = zero
    }
}

extension QuantileSketch {
    /// `ts_sketch_add` (AVX-512) from `values[start...]`: whole blocks of eight values, each
    /// finite and in the zero bucket or its side's window, added to the counts and to `tally`
    /// (the same buckets, counts, min and max as `add(_:)` one by one); returns the number of
    /// values added (a multiple of 8, 0 below `SIMDLevel.avx512`).
    @usableFromInline static func addBlocks(
        _ values: UnsafeBufferPointer<Double>, from start: Int, multiplier: Double, positive: SketchBlockSide, negative: SketchBlockSide,
        tally: inout SketchBlockTally
    ) -> Int {
        guard let base = values.baseAddress else { return 0 }
        var t = ts_sketch_tally(low: tally.low, high: tally.high, positive: tally.positive, negative: tally.negative, zero: tally.zero)
        let done = ts_sketch_add(
            SIMDLevel.active.rawValue, base + start, values.count - start, multiplier, minIndexable, minIndexable.bitPattern,
            Double.infinity.bitPattern &- minIndexable.bitPattern,
            ts_sketch_side(low: positive.low, high: positive.high, offset: positive.offset, counts: positive.counts),
            ts_sketch_side(low: negative.low, high: negative.high, offset: negative.offset, counts: negative.counts), &t)
        tally = SketchBlockTally(low: t.low, high: t.high, positive: t.positive, negative: t.negative, zero: t.zero)
        return done
    }
}
