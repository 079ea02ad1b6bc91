import CWideKernels
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
