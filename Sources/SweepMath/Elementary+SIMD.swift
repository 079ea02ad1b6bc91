/// Lane-wise `exp`, `log` and `pow` over `SIMD4<Double>`, bit-identical to the scalar functions
/// in every lane (the same sequence of IEEE operations; special lanes are selected with masks or,
/// for `pow`, computed by the scalar function), for batches of paths. Speed: in these SIMD4
/// lanes on the baseline x86-64 (SSE2) code the lanes are not faster than a scalar loop (the
/// table is read lane by lane; measured per value on a loaded machine, 26–33 ns against 19–21 ns
/// for scalar `exp` and glibc's 14–16 ns); `exp(inPlace:)` therefore runs its AVX-512 kernel
/// (`WideKernels`) where the machine has one.
///
/// Accuracy and special values: those of the scalar functions (a test compares every lane's bits
/// with the scalar result on the mpmath reference inputs and on special values).
extension Elementary {
    public typealias Lanes = SIMD4<Double>

    @inlinable @inline(__always)
    static func bits(_ x: Lanes) -> SIMD4<UInt64> { unsafeBitCast(x, to: SIMD4<UInt64>.self) }

    @inlinable @inline(__always)
    static func double(_ b: SIMD4<UInt64>) -> Lanes { unsafeBitCast(b, to: Lanes.self) }

    @inlinable @inline(__always)
    static func twoSum(_ a: Lanes, _ b: Lanes) -> (Lanes, Lanes) {
        let s = a + b
        let bb = s - a
        return (s, (a - (s - bb)) + (b - bb))
    }

    @inlinable @inline(__always)
    static func fastTwoSum(_ a: Lanes, _ b: Lanes) -> (Lanes, Lanes) {
        let s = a + b
        return (s, b - (s - a))
    }

    @inlinable @inline(__always)
    static func powerOfTwo(_ n: SIMD4<Int64>) -> Lanes {
        double(SIMD4<UInt64>(truncatingIfNeeded: n &+ 1023) &<< 52)
    }

    @inlinable @inline(__always)
    static func expTableTail(_ r: Lanes) -> Lanes {
        let r2 = r * r
        let c2 = Lanes(repeating: 0.5), c3 = Lanes(repeating: 1.0 / 6), c4 = Lanes(repeating: 1.0 / 24)
        let c5 = Lanes(repeating: 1.0 / 120), c6 = Lanes(repeating: 1.0 / 720)
        let low = c2 + r * c3
        let high = (c4 + r * c5) + r2 * c6
        return r2 * (low + r2 * high)
    }

    /// The lane version of `expKernel(hi, lo)`, same domain (the table is read lane by lane).
    @inlinable @inline(__always)
    static func expKernel(_ hi: Lanes, _ lo: Lanes) -> Lanes {
        let shifted = hi * (64 * invLn2) + roundingShifter
        let kd = shifted - roundingShifter
        let a = hi - kd * (ln2Hi / 64)
        let b = lo - kd * (ln2Lo / 64)
        let (r, c) = fastTwoSum(a, b)
        // The integers from the bits (no conversion instruction or library rounding call).
        let k = SIMD4<Int64>(truncatingIfNeeded: bits(shifted) &- roundingShifter.bitPattern)
        let j = 2 &* (k & 63)
        var t = Lanes(), tl = Lanes()
        ExponentialTable.values.withUnsafeBufferPointer { table in
            for i in 0..<4 {
                t[i] = table[Int(j[i])]
                tl[i] = table[Int(j[i]) + 1]
            }
        }
        let y = t + (tl + t * (r + (expTableTail(r) + c)))
        let m = k &>> 6
        let m1 = m &>> 1
        return y * powerOfTwo(m1) * powerOfTwo(m &- m1)
    }

    /// `exp` in each lane.
    public static func exp(_ x: Lanes) -> Lanes {
        let nan = x .!= x
        let safe = x.replacing(with: 0, where: nan .| (x .> 709.782712893384) .| (x .< -745.2))
        var y = expKernel(safe, Lanes(repeating: 0))
        y.replace(with: .infinity, where: x .> 709.782712893384)
        y.replace(with: 0, where: x .< -745.2)
        y.replace(with: x, where: nan)
        return y
    }

    /// `log` in each lane: the lane version of `logTable` (the table is read lane by lane).
    public static func log(_ x: Lanes) -> Lanes {
        let normal = (x .> 0) .& (x .< .infinity)
        let safe = x.replacing(with: 1, where: .!normal)
        let subnormal = safe .< 0x1p-1022
        let y = safe.replacing(with: safe * 0x1p52, where: subnormal)
        let ix = bits(y) &- SIMD4<UInt64>(repeating: 0).replacing(with: UInt64(52) << 52, where: subnormal)
        let t = ix &- LogarithmTable.offset
        let i = (t &>> 45) & 127
        let z = double(ix &- (t & 0xFFF0_0000_0000_0000))
        var invc = Lanes(), hi = Lanes(), lo = Lanes()
        LogarithmTable.values.withUnsafeBufferPointer { table in
            for j in 0..<4 {
                let n = 3 * Int(truncatingIfNeeded: i[j])
                invc[j] = table[n]
                hi[j] = table[n + 1]
                lo[j] = table[n + 2]
            }
        }
        let zh = double(bits(z) & 0xFFFF_FFFF_FFFF_FE00)
        let r = (zh * invc - 1) + (z - zh) * invc
        // Double(k) exactly, through the bits of k + roundingShifter (|k| < 2^51).
        let k = SIMD4<Int64>(truncatingIfNeeded: t) &>> 52
        let shifter = SIMD4<Int64>(repeating: Int64(bitPattern: roundingShifter.bitPattern))
        let kd = double(SIMD4<UInt64>(truncatingIfNeeded: k &+ shifter)) - roundingShifter
        let big = kd * ln2Hi + hi
        let s = big + r
        let e = r - (s - big)
        let r2 = r * r
        func pair(_ a: Double, _ b: Double) -> Lanes { Lanes(repeating: a) + r * Lanes(repeating: b) }
        typealias P = LogarithmTable
        let q = pair(P.c2, P.c3) + r2 * (pair(P.c4, P.c5) + r2 * pair(P.c6, P.c7))
        var v = s + (e + ((kd * ln2Lo + lo) + r2 * q))
        v.replace(with: .nan, where: .!normal)
        v.replace(with: -.infinity, where: x .== 0)
        v.replace(with: .infinity, where: x .== .infinity)
        return v
    }

    /// `pow` in each lane: `ln x` as a pair and `y ln x` lane by lane (scalar code), then the
    /// exponential across the lanes. Lanes with `x <= 0`, `x == 1`, `y == 0`, a non-finite
    /// operand or a result that overflows or underflows entirely take the scalar `pow` (the same
    /// bits either way).
    public static func pow(_ x: Lanes, _ y: Lanes) -> Lanes {
        let plain = (x .> 0) .& (x .< .infinity) .& (x .!= 1) .& (y .!= 0) .& (y .< .infinity) .& (y .> -.infinity)
        let safeX = x.replacing(with: 2, where: .!plain)
        let safeY = y.replacing(with: 1, where: .!plain)
        var hi = Lanes(repeating: 0)
        var lo = Lanes(repeating: 0)
        var lane = SIMDMask<SIMD4<Int64>>(repeating: false)
        for i in 0..<4 {
            let l = logExtended(safeX[i])
            let estimate = safeY[i] * l.0
            if plain[i] && estimate <= 710 && estimate >= -746 {
                let (p, e) = ExactArithmetic.twoProduct(safeY[i], l.0)
                (hi[i], lo[i]) = ExactArithmetic.fastTwoSum(p, e + safeY[i] * l.1)
                lane[i] = true
            }
        }
        var result = expKernel(hi, lo)
        for i in 0..<4 where !lane[i] { result[i] = pow(x[i], y[i]) }
        return result
    }
}

extension Elementary {
    /// Replaces every element of `buffer` by its `exp`, in `SIMDLevel.active`'s lanes: eight at a
    /// time with AVX-512, else four (the remainder by the scalar function: the same bits). No
    /// allocation.
    public static func exp(inPlace buffer: UnsafeMutableBufferPointer<Double>) {
        exp(inPlace: buffer, level: SIMDLevel.active)
    }

    /// `exp(inPlace:)` with the lanes of `level`: AVX-512's eight at a time in `CWideKernels`
    /// (the same operations as `exp(_: Lanes)`, so the same bits), the rest four at a time here.
    public static func exp(inPlace buffer: UnsafeMutableBufferPointer<Double>, level: SIMDLevel) {
        guard let p = buffer.baseAddress else { return }
        var i = WideKernels.exp(p, count: buffer.count, level: level)
        while i + 4 <= buffer.count {
            let y = exp(Lanes(p[i], p[i + 1], p[i + 2], p[i + 3]))
            p[i] = y[0]; p[i + 1] = y[1]; p[i + 2] = y[2]; p[i + 3] = y[3]
            i += 4
        }
        while i < buffer.count { p[i] = exp(p[i]); i += 1 }
    }

    /// Replaces every element of `buffer` by its `log`, in `SIMDLevel.active`'s lanes: eight at a
    /// time with AVX-512, else four (the remainder by the scalar function: the same bits). No
    /// allocation.
    public static func log(inPlace buffer: UnsafeMutableBufferPointer<Double>) {
        log(inPlace: buffer, level: SIMDLevel.active)
    }

    /// `log(inPlace:)` with the lanes of `level`: AVX-512's eight at a time in `CWideKernels`
    /// (the same operations as `log(_: Lanes)`, so the same bits), the rest four at a time here.
    public static func log(inPlace buffer: UnsafeMutableBufferPointer<Double>, level: SIMDLevel) {
        guard let p = buffer.baseAddress else { return }
        var i = WideKernels.log(p, count: buffer.count, level: level)
        while i + 4 <= buffer.count {
            let y = log(Lanes(p[i], p[i + 1], p[i + 2], p[i + 3]))
            p[i] = y[0]; p[i + 1] = y[1]; p[i + 2] = y[2]; p[i + 3] = y[3]
            i += 4
        }
        while i < buffer.count { p[i] = log(p[i]); i += 1 }
    }
}

extension Elementary {
    /// Replaces every element of `buffer` by its `expm1`, in `SIMDLevel.active`'s lanes (eight at
    /// a time with AVX-512; the same bits as the scalar function). No allocation.
    public static func expm1(inPlace buffer: UnsafeMutableBufferPointer<Double>) {
        expm1(inPlace: buffer, level: SIMDLevel.active)
    }

    /// `expm1(inPlace:)` with the lanes of `level`: AVX-512's eight at a time in `CWideKernels`
    /// (the scalar function's operations in lanes), and the scalar function for the remainder, for
    /// every element below `.avx512`, and for a group of eight that the kernel leaves (an argument
    /// of magnitude above 36.7, where the scalar function scales by more than 2^53).
    public static func expm1(inPlace buffer: UnsafeMutableBufferPointer<Double>, level: SIMDLevel) {
        guard let p = buffer.baseAddress else { return }
        let count = buffer.count
        var i = 0
        while i < count {
            i += WideKernels.expm1(p + i, count: count - i, level: level)
            let end = Swift.min(i + 8, count)
            while i < end { p[i] = expm1(p[i]); i += 1 }
        }
    }
}

extension Elementary {
    /// The AVX-512 lanes of SweepRandom's `StandardNormal.quantile` (AS 241, its tails' logarithm
    /// this module's `log`): replaces the first `count - count % 8` elements of `buffer` by their
    /// quantiles when `level` is `.avx512` and returns how many it did (0 otherwise); the caller
    /// does the rest with the scalar function. Here because the kernel reads `log`'s table.
    /// `StandardNormalTests` checks every lane's bits against the scalar quantile.
    public static func wideNormalQuantiles(_ buffer: UnsafeMutableBufferPointer<Double>, level: SIMDLevel) -> Int {
        guard let p = buffer.baseAddress else { return 0 }
        return WideKernels.normalQuantiles(p, count: buffer.count, level: level)
    }
}
