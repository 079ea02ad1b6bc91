import CWideKernels
import SweepMath

/// The stream fills' AVX2 and AVX-512 kernels (`CWideKernels`), at the level `SIMDLevel` picks:
/// the same bits as the portable Swift fills of `RandomStream`.
public enum WideRandom {
    public typealias Level = SIMDLevel

    /// The level the fills use (`SIMDLevel.active`).
    public static var active: Level { SIMDLevel.active }

    /// The most the machine supports.
    public static var supported: Level { SIMDLevel.supported }

    /// `RandomStream.fillTopTwoAcrossReplications`'s first paths at `level`; returns how many
    /// were written (a multiple of the level's lane count; 0 at `.baseline`).
    static func fillTopTwo(
        _ key: SIMD2<UInt32>, level: Level, slot: UInt32, point: UInt32, firstReplication: UInt32, uniformsPerPath b: Int,
        count: Int, top: UnsafeMutablePointer<Double>, next: UnsafeMutablePointer<Double>
    ) -> Int {
        guard level != .baseline else { return 0 }
        return ts_fill_top_two(level.rawValue, key[0], key[1], slot, point, firstReplication, b, count, top, next)
    }

    /// `RandomStream.fillPairsAcrossReplications`'s first paths (stride 1) at `level`; returns how
    /// many were written.
    static func fillPairs(
        _ key: SIMD2<UInt32>, level: Level, index: UInt32, slot: UInt32, point: UInt32, firstReplication: UInt32,
        count: Int, first: UnsafeMutablePointer<Double>, second: UnsafeMutablePointer<Double>?
    ) -> Int {
        guard level != .baseline else { return 0 }
        return ts_fill_pairs(level.rawValue, key[0], key[1], index, slot, point, firstReplication, count, first, second)
    }

    /// `RandomStream.fill` of 16 uniforms (8 counters from `firstIndex`) in one AVX-512 call;
    /// false (nothing written) below that level.
    static func fillSixteen(
        _ key: SIMD2<UInt32>, level: Level, point: UInt32, replication: UInt32, slot: UInt32, firstIndex: UInt32, out: UnsafeMutablePointer<Double>
    ) -> Bool {
        level == .avx512 && ts_fill_consecutive(level.rawValue, key[0], key[1], firstIndex, slot, replication, point, out) == 8
    }
}
