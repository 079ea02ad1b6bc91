#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SplitMix64 (Steele, Lea & Flood 2014): a small deterministic generator for test data.
struct SplitMix64 {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform double in the open interval (0, 1): (k + 0.5) / 2^53.
    mutating func nextOpenUnit() -> Double {
        (Double(next() >> 11) + 0.5) * 0x1p-53
    }

    mutating func nextNormal() -> Double { inverseNormal(nextOpenUnit()) }
}

/// Φ⁻¹(p) for p in (0, 1): Acklam's rational approximation (relative error below 1.2e-9), then one
/// Halley step on `Φ(x) - p` with `erfc`, which brings it to about double precision.
func inverseNormal(_ p: Double) -> Double {
    let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
             1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
    let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
             6.680131188771972e+01, -1.328068155288572e+01]
    let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
             -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
    let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
    let pLow = 0.02425
    var x: Double
    if p < pLow || p > 1 - pLow {
        let q = (-2 * log(p < pLow ? p : 1 - p)).squareRoot()
        x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
            / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        if p > 1 - pLow { x = -x }
    } else {
        let q = p - 0.5, r = q * q
        x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
            / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
    }
    let e = 0.5 * erfc(-x / 2.0.squareRoot()) - p
    let u = e * (2 * Double.pi).squareRoot() * exp(x * x / 2)
    return x - u / (1 + x * u / 2)
}

/// The lognormal-pareto value distribution of the manifest: lognormal(mu, sigma) below its
/// q-quantile x_q, Pareto(alpha) above: `x_q ((1 - q)/(1 - u))^(1/alpha)` for `u >= q`.
struct LognormalPareto {
    var mu = -2.975, sigma = 0.85, tailQuantile = 0.95, alpha = 1.2

    var threshold: Double { exp(mu + sigma * inverseNormal(tailQuantile)) }

    func sample(count: Int, seed: UInt64) -> [Double] {
        var g = SplitMix64(seed: seed)
        let xq = threshold
        return (0..<count).map { _ in
            let u = g.nextOpenUnit()
            return u < tailQuantile ? exp(mu + sigma * inverseNormal(u)) : xq * pow((1 - tailQuantile) / (1 - u), 1 / alpha)
        }
    }
}

/// `|a - b| <= tolerance * scale`, with a message for XCTAssert.
func close(_ a: Double, _ b: Double, relative tolerance: Double, scale: Double? = nil) -> Bool {
    (a - b).magnitude <= tolerance * (scale ?? Swift.max(a.magnitude, b.magnitude))
}

/// Splits `0..<total` into consecutive pieces of the given sizes, the last piece taking the rest.
func pieces(_ total: Int, sizes: [Int]) -> [Range<Int>] {
    var out: [Range<Int>] = [], start = 0
    for s in sizes where start < total {
        let end = Swift.min(total, start + s)
        out.append(start..<end)
        start = end
    }
    if start < total { out.append(start..<total) }
    return out
}
