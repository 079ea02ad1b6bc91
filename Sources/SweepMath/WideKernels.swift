import CWideKernels
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// SweepMath's wrapper of the C kernels in `CWideKernels` (the one file of the module that calls
// them): `ts_wide_level` (cpuid / xgetbv), `ts_exp_in_place`, `ts_log_in_place`, `ts_expm1_in_place`
// and `ts_normal_quantile_in_place`.

/// Which lanes the hot loops use: `CWideKernels`' C kernels in AVX2 or AVX-512 lanes (the
/// Philox stream fills of SweepRandom's `WideRandom`, `Elementary.exp(inPlace:)`), chosen once
/// from what the CPU and the operating system support, or the portable Swift code (SSE2, the
/// x86-64 baseline). Every level gives the same bits: the kernels are the same sequences of
/// integer and IEEE basic operations, without fused multiply-adds. `WideRandomTests` and
/// `WideExponentialTests` check each level against the scalar functions, and
/// `scripts/test-cpu-paths` runs a sweep at each level and compares every table byte for byte.
///
/// `TICKETSWEEP_SIMD=baseline|avx2|avx512` in the environment lowers the level (for tests, and
/// to measure what an older CPU runs); a level above the machine's is capped at the machine's,
/// and any other value is ignored.
public enum SIMDLevel: Int32, Sendable, CaseIterable, CustomStringConvertible {
    case baseline = 0, avx2 = 1, avx512 = 2

    public var description: String {
        switch self {
        case .baseline: return "baseline"
        case .avx2: return "avx2"
        case .avx512: return "avx512"
        }
    }

    /// The most the machine supports (`cpuid` and `xgetbv`, asked once).
    public static let supported: SIMDLevel = SIMDLevel(rawValue: ts_wide_level()) ?? .baseline

    /// The level the kernels use: `supported`, lowered by `TICKETSWEEP_SIMD`.
    public static let active: SIMDLevel = {
        guard let variable = getenv("TICKETSWEEP_SIMD"),
              case let requested = String(cString: variable),
              let level = SIMDLevel.allCases.first(where: { $0.description == requested })
        else { return supported }
        return SIMDLevel(rawValue: Swift.min(level.rawValue, supported.rawValue)) ?? .baseline
    }()
}

/// The AVX-512 kernels of SweepMath's batch functions; each returns how many leading elements it
/// did (a multiple of 8; 0 below `.avx512`), and the caller does the rest in Swift.
enum WideKernels {
    /// `ts_exp_in_place`: `Elementary.exp(_: Lanes)`'s operations in AVX-512 lanes.
    static func exp(_ p: UnsafeMutablePointer<Double>, count: Int, level: SIMDLevel) -> Int {
        guard level == .avx512 else { return 0 }
        return ExponentialTable.values.withUnsafeBufferPointer { ts_exp_in_place(level.rawValue, p, count, $0.baseAddress) }
    }

    /// `ts_log_in_place`: `Elementary.log(_: Lanes)`'s operations in AVX-512 lanes.
    static func log(_ p: UnsafeMutablePointer<Double>, count: Int, level: SIMDLevel) -> Int {
        guard level == .avx512 else { return 0 }
        return LogarithmTable.values.withUnsafeBufferPointer { ts_log_in_place(level.rawValue, p, count, $0.baseAddress) }
    }

    /// `ts_expm1_in_place`: `Elementary.expm1`'s operations in AVX-512 lanes, from the start up to
    /// the first group of eight with an argument it leaves to the scalar function (`|x| > 36.7`
    /// except the special values); returns how many it did.
    static func expm1(_ p: UnsafeMutablePointer<Double>, count: Int, level: SIMDLevel) -> Int {
        guard level == .avx512 else { return 0 }
        return ts_expm1_in_place(level.rawValue, p, count)
    }

    /// `ts_normal_quantile_in_place`: SweepRandom's `StandardNormal.quantile` (AS 241, its tails'
    /// logarithm `Elementary.log`, whose table it reads) in AVX-512 lanes.
    static func normalQuantiles(_ p: UnsafeMutablePointer<Double>, count: Int, level: SIMDLevel) -> Int {
        guard level == .avx512 else { return 0 }
        return LogarithmTable.values.withUnsafeBufferPointer { ts_normal_quantile_in_place(level.rawValue, p, count, $0.baseAddress) }
    }
}
