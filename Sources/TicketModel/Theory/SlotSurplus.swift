extension PaymentFactor {
    /// The expected surplus of a slot per unit of its value, for a holder of extraction `e`
    /// (MODEL.md version 2, section 6): the holder builds itself when that pays more (`e > S`,
    /// surplus `e V`), otherwise the winning builder extracts `Y_(1) V`:
    ///
    ///     sigma(e) = E[e 1{S < e} + Y_(1) 1{S >= e}] = E[Y_(1)] - E[(Y_(1) - e) 1{S < e}]
    ///
    /// (`sigma(0) = E[Y_(1)]`). The correction, by integration by parts:
    /// - first price (`S = b(Y_(1))`, `b` the fixed shade or the equilibrium bid, increasing),
    ///   with `c = b^-1(e)`: `(c - e) F_(1)(c) - int_0^c F_(1)(y) dy`;
    /// - second price (`S = Y_(2) < e` when at most one factor exceeds `e`):
    ///   `-int_0^e F_(1)(y) dy + sum_j (int_e^inf G_j(y) dy) prod_(i != j) F_i(e)`.
    /// Same quadrature and accuracy as the payment's expectations (relative 1e-10 or better).
    /// Multiply by `(1 - m) E[V]` for a class of miss rate `m`: a missed slot creates nothing.
    /// `meanHighest`, when the caller has it (`expectedMaxMomentsAndMeanHighest`), saves its
    /// quadrature.
    public func surplusFactor(extraction e: Double, meanHighest known: Double? = nil) -> Double {
        guard let stats = statistics else {
            let top = constantFactors.max()!
            let s = expectation(0, power: 1)
            return e > s ? e : top
        }
        let highest = known ?? meanHighest
        guard e > 0 else { return highest }
        let grid = stats.grid
        let low = grid.breaks.first!, high = grid.breaks.last!
        /// int_0^(e^a) F_(1)(y) dy (F_(1) below 1e-38 under the range, 1 above it).
        func integralOfHighestCDF(upTo a: Double) -> Double {
            guard a > low else { return 0 }
            let inside = BuilderOrderStatistics.integrate(low, Swift.min(a, high), breaks: grid.breaks, width: grid.width) {
                stats.cdfOfHighest(logFactor: $0) * TheoryMath.exp($0)
            }
            return a > high ? inside + TheoryMath.exp(a) - TheoryMath.exp(high) : inside
        }
        let logE = TheoryMath.log(e)
        let correction: Double
        switch rule {
        case .secondPrice:
            var sum = -integralOfHighestCDF(upTo: logE)
            // Builders of the same law have the same term: it is computed once and added once
            // per builder, as the loop would (the same bits).
            var last: (law: BuilderFactorLaw, term: Double?)?
            for (j, law) in stats.factors.enumerated() {
                if stats.identical, let last, last.law == law {
                    if let term = last.term { sum += term }
                    continue
                }
                var others = 1.0
                for (i, other) in stats.factors.enumerated() where i != j { others *= other.cdf(logE) }
                if others == 0 {
                    last = (law, nil)
                    continue
                }
                var excess = BuilderOrderStatistics.integrate(Swift.max(logE, low), high, breaks: grid.breaks, width: grid.width) {
                    law.survival($0) * TheoryMath.exp($0)
                }
                if logE < low { excess += law.survival(low) * (TheoryMath.exp(low) - e) }
                last = (law, excess * others)
                sum += excess * others
            }
            correction = sum
        case .firstPrice(let shade):
            if shade >= 1 { return e }
            let logC = logE - TheoryMath.log(1 - shade)
            correction = (TheoryMath.exp(logC) - e) * stats.cdfOfHighest(logFactor: logC) - integralOfHighestCDF(upTo: logC)
        case .firstPriceEquilibrium(let table):
            let logC = table.inverse(e)
            correction = (TheoryMath.exp(logC) - e) * stats.cdfOfHighest(logFactor: logC) - integralOfHighestCDF(upTo: logC)
        }
        return highest - correction
    }
}
