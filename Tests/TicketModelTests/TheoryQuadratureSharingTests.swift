@testable import TicketModel
import XCTest

/// The shortcuts that make a point's beliefs and benchmark cheap (issue 11, "points that cost
/// nothing") give the same bits as the computations they replace, so that no table changes:
///
/// - `BuilderOrderStatistics.survival` and `cdfOfHighest` with equal skills evaluate one law once
///   per node; checked against the builder-by-builder recursion written out here;
/// - `PaymentFactor.expectedMaxMoments` integrates both powers in one pass; checked against
///   `expectedMax` and `expectedMaxSquare`, one integral each;
/// - `expectedMaxMomentsAndMeanHighest` adds `E[Y_(1)]` on the same nodes, and
///   `PointBenchmark.withExactBeliefs` makes a point's beliefs and benchmark with it; checked
///   against `expectedMaxMoments`, `meanHighest`, `ClosedFormBeliefs.exact` and `PointBenchmark`.
///
/// Exact equality (`==` on the bits), not a tolerance: any reordering of the arithmetic fails.
/// Accuracy against mpmath is `TheoryPaymentFactorTests`' and `TheoryBeliefsTests`' business.
final class TheoryQuadratureSharingTests: XCTestCase {
    /// `P(Y_(k) > e^u)` by the recursion over builders (states "0 ... k-1, at least k exceed"),
    /// one builder at a time, each with its own CDF and survival.
    func reference(_ laws: [BuilderFactorLaw], order k: Int, _ u: Double) -> Double {
        guard k <= laws.count else { return 0 }
        var states = [Double](repeating: 0, count: k)
        states[0] = 1
        var above = 0.0
        for law in laws {
            let f = law.cdf(u), g = law.survival(u)
            above += states[k - 1] * g
            for n in stride(from: k - 1, to: 0, by: -1) { states[n] = states[n] * f + states[n - 1] * g }
            states[0] *= f
        }
        return above
    }

    let markets: [[BuilderFactorLaw]] = [
        Array(repeating: .lognormal(skill: 1, noise: 0.1), count: 5),
        Array(repeating: .lognormal(skill: 0.7, noise: 0.3), count: 2),
        [.lognormal(skill: 1, noise: 0.05)],
        Array(repeating: .uniform(high: 2), count: 4),
        [.lognormal(skill: 1, noise: 0.1), .lognormal(skill: 1.2, noise: 0.1), .lognormal(skill: 0.9, noise: 0.1)],
    ]

    func testEqualSkillsSurvivalIsTheRecursionBitForBit() {
        for laws in markets {
            let stats = BuilderOrderStatistics(laws)
            XCTAssertEqual(stats.identical, Set(laws).count == 1)
            let range = laws[0].logRange
            for i in 0 ... 200 {
                let u = range.low - 1 + (range.high - range.low + 2) * Double(i) / 200
                for k in 1 ... 3 {
                    let fast = stats.survival(order: k, logFactor: u), slow = reference(laws, order: k, u)
                    XCTAssertEqual(fast.bitPattern, slow.bitPattern, "\(laws) order \(k) at u = \(u): \(fast) against \(slow)")
                }
                let product = laws.reduce(1.0) { $0 * $1.cdf(u) }
                XCTAssertEqual(stats.cdfOfHighest(logFactor: u).bitPattern, product.bitPattern, "\(laws) F_(1) at u = \(u)")
            }
        }
    }

    func testMomentsInOnePassAreTheTwoIntegralsBitForBit() {
        for laws in markets {
            let stats = BuilderOrderStatistics(laws)
            for rule in [PaymentFactor.Rule.secondPrice, .firstPrice(shade: 0.05), .firstPrice(shade: 0.5), .firstPrice(shade: 1)] {
                let payment = PaymentFactor(statistics: stats, rule: rule)
                for e in [0, 1e-300, 0.01, 0.5, 0.97, 1, 1.3, 3, 1e6] {
                    let both = payment.expectedMaxMoments(extraction: e)
                    XCTAssertEqual(both.first.bitPattern, payment.expectedMax(extraction: e).bitPattern, "\(laws) \(rule) e = \(e)")
                    XCTAssertEqual(both.second.bitPattern, payment.expectedMaxSquare(extraction: e).bitPattern, "\(laws) \(rule) e = \(e)")
                }
            }
        }
        // Constant factors (noise 0) and the equilibrium bid take the two integrals as before.
        let constant = PaymentFactor(constantFactors: [1, 0.8], rule: .secondPrice)
        XCTAssertEqual(constant.expectedMaxMoments(extraction: 0.9).first, 0.9)
        XCTAssertEqual(constant.expectedMaxMoments(extraction: 0.5).second, 0.8 * 0.8)
    }

    /// The second-price surplus adds one term per builder; with equal skills the term is
    /// computed once and added per builder: against the builder-by-builder sum written out here.
    func testEqualSkillsSurplusAddsTheSameTermPerBuilder() {
        let laws = Array(repeating: BuilderFactorLaw.lognormal(skill: 1, noise: 0.2), count: 4)
        let stats = BuilderOrderStatistics(laws)
        let payment = PaymentFactor(statistics: stats, rule: .secondPrice)
        for e in [0.3, 0.9, 1.1, 2.5] {
            let grid = stats.grid
            let low = grid.breaks.first!, high = grid.breaks.last!
            let logE = TheoryMath.log(e)
            XCTAssert(logE > low && logE < high)
            var sum = -BuilderOrderStatistics.integrate(low, logE, breaks: grid.breaks, width: grid.width) {
                stats.cdfOfHighest(logFactor: $0) * TheoryMath.exp($0)
            }
            for j in laws.indices {
                var others = 1.0
                for i in laws.indices where i != j { others *= laws[i].cdf(logE) }
                if others == 0 { continue }
                var excess = BuilderOrderStatistics.integrate(Swift.max(logE, low), high, breaks: grid.breaks, width: grid.width) {
                    laws[j].survival($0) * TheoryMath.exp($0)
                }
                if logE < low { excess += laws[j].survival(low) * (TheoryMath.exp(low) - e) }
                sum += excess * others
            }
            XCTAssertEqual(payment.surplusFactor(extraction: e).bitPattern, (payment.meanHighest - sum).bitPattern, "e = \(e)")
        }
    }

    func testMeanHighestOnTheBeliefsNodesIsTheTwoIntegralsBitForBit() {
        var shared = 0
        for laws in markets {
            let stats = BuilderOrderStatistics(laws)
            for rule in [PaymentFactor.Rule.secondPrice, .firstPrice(shade: 0.05)] {
                let payment = PaymentFactor(statistics: stats, rule: rule)
                for e in [0, 1e-300, 1e-20, 0.01, 0.5, 1, 3] {
                    guard let three = payment.expectedMaxMomentsAndMeanHighest(extraction: e) else {
                        // Only second price below the factors' range shares the nodes.
                        let low = stats.grid.breaks.first!
                        XCTAssert(rule != .secondPrice || TheoryMath.log(e) >= low, "\(laws) \(rule) e = \(e) not shared")
                        continue
                    }
                    XCTAssertEqual(rule, .secondPrice)
                    shared += 1
                    let both = payment.expectedMaxMoments(extraction: e)
                    XCTAssertEqual(three.first.bitPattern, both.first.bitPattern, "\(laws) e = \(e)")
                    XCTAssertEqual(three.second.bitPattern, both.second.bitPattern, "\(laws) e = \(e)")
                    XCTAssertEqual(three.highest.bitPattern, payment.meanHighest.bitPattern, "\(laws) e = \(e)")
                }
            }
        }
        XCTAssertGreaterThanOrEqual(shared, 3 * markets.count, "e = 0, 1e-300 and 1e-20 share the nodes in every market")
    }

    /// A point's beliefs and benchmark made together are those made apart, for the default
    /// market and for markets where nothing is shared (first price, a class inside the factors'
    /// range, constant factors) or only some classes share.
    func testBeliefsWithBenchmarkAreTheSeparateComputationsBitForBit() {
        var cases: [ModelParameters] = []
        for (auction, equilibrium) in [(AuctionFormat.secondPrice, false), (.firstPrice, false), (.firstPrice, true)] {
            for noise in [0, 0.05, 0.3] {
                for extractions in [[0.0, 1.0], [1.2]] {
                    var p = ModelParameters()
                    p.builders.auction = auction
                    p.builders.equilibriumShade = equilibrium
                    p.builders.noise = noise
                    p.buyers = extractions.enumerated().map { k, e in BuyerClass(name: "c\(k)", count: 3, extraction: e) }
                    cases.append(p)
                }
            }
        }
        for p in cases {
            let made = PointBenchmark.withExactBeliefs(p)
            let beliefs = ClosedFormBeliefs.exact(p)
            XCTAssertEqual(made.beliefs.map(\.mean.bitPattern), beliefs.map(\.mean.bitPattern), "\(p.builders) \(p.buyers.map(\.extraction))")
            XCTAssertEqual(made.beliefs.map(\.variance.bitPattern), beliefs.map(\.variance.bitPattern), "\(p.builders)")
            let benchmark = PointBenchmark(p, beliefs: beliefs)
            XCTAssertEqual(
                made.benchmark.quantities.map(\.value.bitPattern), benchmark.quantities.map(\.value.bitPattern),
                "\(p.builders) \(p.buyers.map(\.extraction))")
            XCTAssert(benchmark.price.isFinite, "the pool target clears: a benchmark to compare")
        }
    }
}
