/// Elementary functions of stated accuracy built only from IEEE 754 basic operations
/// (`+ - * /`, comparisons, conversions and bit manipulation; no fused multiply-add, no C library),
/// so that every CPU, compiler code path and C library computes the same bits for the same input.
///
/// These are the functions whose results reach a table (simulation, beliefs, statistics, histogram
/// bins, manifest-derived rates). Each doc comment states the largest error measured against
/// mpmath (Tests/SweepMathTests, scripts/make-elementary-reference.py) in ulps of the correctly
/// rounded result, the bound the tests enforce, and the special values.
///
/// The public functions are not `@inlinable`: a call costs a few instructions, while inlining
/// them into another module would read the tables through their lazy-initialisation check on
/// every call (measured with callgrind: about 20 instructions per `exp`).
///
/// Rounding mode: round to nearest (the default; the functions assume it). Swift does not
/// contract `a * b + c` into an FMA unless asked, so the sequence of operations is the one written.
public enum Elementary {
    /// `ln 2` split so that `k * ln2Hi` is exact for `|k| < 2^21` (32 significant bits).
    @inlinable static var ln2Hi: Double { Double(bitPattern: 0x3FE6_2E42_FEE0_0000) }
    /// `ln 2 - ln2Hi`, rounded.
    @inlinable static var ln2Lo: Double { Double(bitPattern: 0x3DEA_39EF_3579_3C76) }
    /// `1 / ln 2`, rounded.
    @inlinable static var invLn2: Double { Double(bitPattern: 0x3FF7_1547_652B_82FE) }
    /// `1.5 * 2^52`: adding and subtracting it rounds a double of magnitude below 2^51 to the
    /// nearest integer (ties to even), without a library call.
    @inlinable static var roundingShifter: Double { 6_755_399_441_055_744.0 }

    /// The integer `n` held by `shifted = n + roundingShifter` (`|n| < 2^51`), from its bits.
    @inlinable @inline(__always)
    static func integer(_ shifted: Double) -> Int {
        Int(truncatingIfNeeded: shifted.bitPattern &- roundingShifter.bitPattern)
    }

    /// `2^n` for `-1022 <= n <= 1023`, exactly.
    @inlinable @inline(__always)
    static func powerOfTwo(_ n: Int) -> Double {
        Double(bitPattern: UInt64(truncatingIfNeeded: n + 1023) << 52)
    }

    /// `y * 2^k` for `-2000 <= k <= 2000`, in two exact steps (the second rounds once if the
    /// result is subnormal, and overflows to infinity or underflows to 0 as IEEE multiplication
    /// does).
    @inlinable @inline(__always)
    static func scale(_ y: Double, _ k: Int) -> Double {
        let k1 = k >> 1
        return y * powerOfTwo(k1) * powerOfTwo(k - k1)
    }
}
