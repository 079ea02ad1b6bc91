/// Composite 20-point Gauss–Legendre quadrature on equal panels: the one integration rule of the
/// theory units (`Theory/`).
///
/// On a panel of width `h` the rule is exact for polynomials of degree 39 and its error for an
/// analytic integrand falls like `(h / (2 rho))^40` for a Bernstein ellipse of half-axis `rho`.
/// The integrands here are Gaussian tails and their products in log space: with panels no wider
/// than half a standard deviation the per-panel error is far below 1e-16 relative, so the error
/// of an expectation is the rounding of its sum (about `panels * 1e-16` relative) and the
/// truncation of the range, which each caller bounds. Nodes and weights are literals from
/// `scripts/references/model_v2.py` (mpmath, 40 digits, rounded to double), so the rule is the
/// same on every machine. Complexity: `20 * panels` evaluations of the integrand.
enum PanelQuadrature {
    /// The ten positive nodes of the 20-point rule on `[-1, 1]`, largest first.
    static let nodes: [Double] = [
        0.9931285991850949, 0.9639719272779138, 0.912234428251326, 0.8391169718222188,
        0.7463319064601508, 0.636053680726515, 0.5108670019508271, 0.37370608871541955,
        0.22778585114164507, 0.07652652113349734,
    ]
    /// Their weights (those of `-x` are the same).
    static let weights: [Double] = [
        0.017614007139152118, 0.04060142980038694, 0.06267204833410907, 0.08327674157670475,
        0.10193011981724044, 0.11819453196151841, 0.13168863844917664, 0.14209610931838204,
        0.14917298647260374, 0.15275338713072584,
    ]

    /// `int_a^b f(x) dx` on one panel (`a < b`, or `a == b` for 0). `f` may return several
    /// integrands at once (`SIMD2<Double>`: two integrals that share their evaluations at the
    /// nodes); each is summed with the arithmetic of its own scalar rule, so a pair gives the
    /// same bits as two scalar integrations.
    static func panel<T: QuadratureValue>(_ a: Double, _ b: Double, _ f: (Double) -> T) -> T {
        let mid = 0.5 * (a + b), half = 0.5 * (b - a)
        var sum = T.zero
        for i in 0..<10 {
            let dx = half * nodes[i]
            sum = sum + (f(mid - dx) + f(mid + dx)).scaled(by: weights[i])
        }
        return sum.scaled(by: half)
    }

    /// `int_a^b f(x) dx` on `panels` equal panels (`panels >= 1`).
    static func integrate<T: QuadratureValue>(from a: Double, to b: Double, panels: Int, _ f: (Double) -> T) -> T {
        guard b > a else { return T.zero }
        let width = (b - a) / Double(panels)
        var sum = T.zero
        for p in 0..<panels {
            let lo = a + Double(p) * width
            let hi = p == panels - 1 ? b : lo + width
            sum = sum + panel(lo, hi, f)
        }
        return sum
    }

    /// `int_a^b f(x) dx` with panels no wider than `maxWidth`.
    static func integrate<T: QuadratureValue>(from a: Double, to b: Double, maxWidth: Double, _ f: (Double) -> T) -> T {
        guard b > a else { return T.zero }
        let panels = max(1, Int(((b - a) / maxWidth).rounded(.up)))
        return integrate(from: a, to: b, panels: panels, f)
    }
}

/// What `PanelQuadrature` integrates: a number, or several summed lane by lane (IEEE addition
/// and multiplication per lane, the same as on a scalar).
protocol QuadratureValue {
    static var zero: Self { get }
    static func + (lhs: Self, rhs: Self) -> Self
    /// `self * w`, lane by lane.
    func scaled(by w: Double) -> Self
}

extension Double: QuadratureValue {
    func scaled(by w: Double) -> Double { self * w }
}

extension SIMD2: QuadratureValue where Scalar == Double {
    func scaled(by w: Double) -> SIMD2<Double> { self * w }
}

extension SIMD4: QuadratureValue where Scalar == Double {
    func scaled(by w: Double) -> SIMD4<Double> { self * w }
}
