/// Lane-wise `exp`, `log` and `pow` over `SIMD4<Double>`, bit-identical to the scalar functions
/// in every lane (the same sequence of IEEE operations; special lanes are selected with masks or,
/// for `pow`, computed by the scalar function), for batches of paths. Speed: on the project's
/// baseline x86-64 (SSE2) build the lanes are not faster than a scalar loop yet (the table is
/// read lane by lane); measured per value on a loaded machine, `exp(inPlace:)` 26–33 ns against
/// 19–21 ns for scalar `exp` (and glibc's 14–16 ns).
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

    @inlinable @inline(__always)
    static func logSeries(_ z: Lanes) -> Lanes {
        let z2 = z * z
        let z4 = z2 * z2
        func pair(_ a: Double, _ b: Double) -> Lanes { Lanes(repeating: a) + z * Lanes(repeating: b) }
        let q0 = pair(2.0 / 3, 2.0 / 5), q1 = pair(2.0 / 7, 2.0 / 9)
        let q2 = pair(2.0 / 11, 2.0 / 13), q3 = pair(2.0 / 15, 2.0 / 17)
        let q4 = pair(2.0 / 19, 2.0 / 21), q5 = pair(2.0 / 23, 2.0 / 25)
        let s0 = q0 + z2 * q1
        let s1 = q2 + z2 * q3
        let s2 = q4 + z2 * q5
        let z8 = z4 * z4
        return z * ((s0 + z4 * s1) + z8 * s2)
    }

    /// The lane version of `reduce` (positive finite lanes).
    @inlinable @inline(__always)
    static func reduce(_ x: Lanes) -> (kd: Lanes, f: Lanes) {
        let subnormal = x .< 0x1p-1022
        let y = x.replacing(with: x * 0x1p54, where: subnormal)
        let b = bits(y)
        let mantissa = b & 0x000F_FFFF_FFFF_FFFF
        let high = mantissa .> 0x0006_A09E_667F_3BCD
        let exponent = SIMD4<UInt64>(repeating: 0x3FF0_0000_0000_0000)
            .replacing(with: 0x3FE0_0000_0000_0000, where: high)
        let m = double(mantissa | exponent)
        var k = SIMD4<Int64>(truncatingIfNeeded: b &>> 52) &- 1023
        k = k.replacing(with: k &+ 1, where: high)
        k = k.replacing(with: k &- 54, where: subnormal)
        // Double(k) exactly, through the bits of k + roundingShifter (|k| < 2^51).
        let shifter = SIMD4<Int64>(repeating: Int64(bitPattern: roundingShifter.bitPattern))
        let kd = double(SIMD4<UInt64>(truncatingIfNeeded: k &+ shifter)) - roundingShifter
        return (kd, m - 1)
    }

    /// `log` in each lane.
    public static func log(_ x: Lanes) -> Lanes {
        let normal = (x .> 0) .& (x .< .infinity)
        let safe = x.replacing(with: 1, where: .!normal)
        let (kd, f) = reduce(safe)
        let s = f / (2 + f)
        let h = 0.5 * f * f
        let r = logSeries(s * s)
        let c = Lanes(repeating: 0)
        var y = kd * ln2Hi - ((h - (s * (h + r) + (kd * ln2Lo + c))) - f)
        y.replace(with: .nan, where: .!normal)
        y.replace(with: -.infinity, where: x .== 0)
        y.replace(with: .infinity, where: x .== .infinity)
        return y
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
    /// Replaces every element of `buffer` by its `exp`, four lanes at a time (the remainder by the
    /// scalar function: the same bits). No allocation.
    public static func exp(inPlace buffer: UnsafeMutableBufferPointer<Double>) {
        guard let p = buffer.baseAddress else { return }
        var i = 0
        while i + 4 <= buffer.count {
            let y = exp(Lanes(p[i], p[i + 1], p[i + 2], p[i + 3]))
            p[i] = y[0]; p[i + 1] = y[1]; p[i + 2] = y[2]; p[i + 3] = y[3]
            i += 4
        }
        while i < buffer.count { p[i] = exp(p[i]); i += 1 }
    }

    /// Replaces every element of `buffer` by its `log`, four lanes at a time (the remainder by the
    /// scalar function: the same bits). No allocation.
    public static func log(inPlace buffer: UnsafeMutableBufferPointer<Double>) {
        guard let p = buffer.baseAddress else { return }
        var i = 0
        while i + 4 <= buffer.count {
            let y = log(Lanes(p[i], p[i + 1], p[i + 2], p[i + 3]))
            p[i] = y[0]; p[i + 1] = y[1]; p[i + 2] = y[2]; p[i + 3] = y[3]
            i += 4
        }
        while i < buffer.count { p[i] = log(p[i]); i += 1 }
    }
}
