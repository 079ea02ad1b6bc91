import Foundation
import SweepMath
import SweepRandom
import XCTest

@testable import TicketModel

/// The resale step's order-statistic draw of a class's two best private views
/// (`ClassTopViews`, `ResaleStep.swift`) against the per-agent draw it replaced (one uniform per
/// agent, the two largest kept) and against the closed-form quantiles of
/// `scripts/references/markets.py` (mpmath). Views are `y = exp(sigma_r z - sigma_r^2 / 2)` with
/// `sigma_r = 0.1` and `z = Phi^-1(U)`.
final class ClassTopViewsTests: XCTestCase {
    let sigma = 0.1

    /// The view of a uniform given by its upper tail `q = 1 - U`.
    func view(tail q: Double) -> Double { exp(-sigma * StandardNormal.quantile(q) - sigma * sigma / 2) }

    /// The per-agent draw (the resale step before the order statistics): `n` uniforms of one
    /// `RandomStream` counter row, the upper tails of the largest and the second-largest.
    func perAgentTails(_ stream: RandomStream, count n: Int, draw: Int, scratch: UnsafeMutableBufferPointer<Double>) -> (Double, Double) {
        let u = UnsafeMutableBufferPointer(rebasing: scratch[0..<n])
        stream.fill(u, point: 0, replication: UInt32(draw), slot: 0, firstIndex: 0)
        var top = -1.0, next = -1.0
        for x in u {
            if x > top {
                next = top
                top = x
            } else if x > next {
                next = x
            }
        }
        return (1 - top, 1 - next)
    }

    /// The fraction of `sample` at or below `threshold`.
    func fractionBelow(_ sample: [Double], _ threshold: Double) -> Double {
        Double(sample.lazy.filter { $0 <= threshold }.count) / Double(sample.count)
    }

    /// For n = 2 and n = 50 (the bench market's lottery class), 20,000 draws by each method (fixed
    /// seeds, separate streams): at p = 0.05, 0.25, 0.5, 0.75, 0.95, the fraction of best views and
    /// of second-best views at or below their closed-form p-quantile is p within 3 SE
    /// (`sqrt(p (1 - p) / N)`) for each method, and the two methods' fractions differ by less
    /// than 3 SE of the difference (`sqrt(2 p (1 - p) / N)`).
    func testBestAndSecondBestViewsMatchThePerAgentDraw() {
        let ps = [0.05, 0.25, 0.5, 0.75, 0.95]
        let quantiles: [Int: (best: [Double], second: [Double])] = [
            2: ([0.9221873675087114, 0.9950124791926823, 1.0507405628979523, 1.1115770472438342, 1.2097948898527606],
                [0.8183617256555474, 0.8906713540046604, 0.9422400435542351, 0.9950124791926823, 1.0735885879935518]),
            50: ([1.164212774927243, 1.2057876557645015, 1.2403398714487468, 1.2811926613995788, 1.3542926206247432],
                 [1.1368024542253767, 1.1696344038923254, 1.1952820217055427, 1.2238283171174227, 1.2711792917920557]),
        ]
        let draws = 20_000
        let agents = RandomStream(seed: 51, stream: 1), orderStatistics = RandomStream(seed: 51, stream: 2)
        let scratch = UnsafeMutableBufferPointer<Double>.allocate(capacity: 64)
        defer { scratch.deallocate() }
        for (n, reference) in quantiles.sorted(by: { $0.key < $1.key }) {
            var agentBest: [Double] = [], agentSecond: [Double] = [], drawnBest: [Double] = [], drawnSecond: [Double] = []
            for d in 0..<draws {
                let (a, b) = perAgentTails(agents, count: n, draw: d, scratch: scratch)
                agentBest.append(view(tail: a))
                agentSecond.append(view(tail: b))
                let (u1, u2) = orderStatistics.uniforms(point: 0, replication: UInt32(d), slot: 0, index: 0)
                let (top, next) = ClassTopViews.tails(count: n, u1, u2)
                guard let next else { return XCTFail("n = \(n) has a second-best view") }
                XCTAssertGreaterThanOrEqual(next, top, "the second-best view's tail is the larger")
                drawnBest.append(view(tail: top))
                drawnSecond.append(view(tail: next))
            }
            for (i, p) in ps.enumerated() {
                let se = (p * (1 - p) / Double(draws)).squareRoot()
                for (name, perAgent, drawn, threshold) in [
                    ("best", agentBest, drawnBest, reference.best[i]), ("second", agentSecond, drawnSecond, reference.second[i]),
                ] {
                    let a = fractionBelow(perAgent, threshold), o = fractionBelow(drawn, threshold)
                    XCTAssertEqual(a, p, accuracy: 3 * se, "per-agent draw, n = \(n), \(name) view, p = \(p)")
                    XCTAssertEqual(o, p, accuracy: 3 * se, "order statistics, n = \(n), \(name) view, p = \(p)")
                    XCTAssertEqual(o, a, accuracy: 3 * se * 2.0.squareRoot(), "the two draws, n = \(n), \(name) view, p = \(p)")
                }
            }
        }
    }

    /// One bidder has no second-best view, and its best is `1 - u1` exactly (`-expm1(log u1)`
    /// to within an ulp); tails stay inside (0, 1) at the ends of `RandomStream`'s uniforms
    /// (2^-53 and 1 - 2^-53), also for a class of a million agents, where `U_(n)` itself would
    /// round to 1.
    func testTailsAtTheEnds() {
        let (single, none) = ClassTopViews.tails(count: 1, 0.25, 0.5)
        XCTAssertNil(none)
        XCTAssertEqual(single, 0.75, accuracy: 2e-16)
        for n in [1, 2, 50, 1_000_000] {
            for u1 in [0x1p-53, 0.5, 1 - 0x1p-53] {
                for u2 in [0x1p-53, 1 - 0x1p-53] {
                    let (top, next) = ClassTopViews.tails(count: n, u1, u2)
                    XCTAssertGreaterThan(top, 0, "n \(n)")
                    XCTAssertLessThan(top, 1, "n \(n)")
                    if let next {
                        XCTAssertGreaterThan(next, 0, "n \(n)")
                        XCTAssertLessThan(next, 1, "n \(n)")
                        XCTAssertGreaterThanOrEqual(next, top, "n \(n)")
                    }
                }
            }
        }
        // 1 - U_(n) for u1 = 1/2 and n = 10^6: -expm1(log(1/2) / 10^6) = 6.931469403334939e-7 (mpmath).
        XCTAssertEqual(ClassTopViews.tails(count: 1_000_000, 0.5, 0.5).first, 6.931469403334939e-7, accuracy: 1e-20)
    }

    /// The batch form (`tails(inPlace:counts:classes:draws:level:)`, the resale step's) gives
    /// `tails(count:_:_:)`'s bits for every class count from 1 to 60 (the second for counts
    /// of 2 or more), at every SIMD level this machine supports, with batch sizes that leave
    /// every remainder after the groups of eight.
    func testBatchTailsEqualTheScalarDrawAtEveryLevel() {
        let stream = RandomStream(seed: 52, stream: 3)
        let classes = 3
        for level in SIMDLevel.allCases where level.rawValue <= SIMDLevel.supported.rawValue {
            for n in [1, 7, 8, 9, 32, 45] {
                var views = [Double](repeating: 0, count: 2 * classes * n), expected = views
                var counts = [Int](repeating: 0, count: classes * n)
                for k in 0..<classes {
                    for p in 0..<n {
                        let (u1, u2) = stream.uniforms(point: UInt32(level.rawValue), replication: UInt32(n), slot: UInt32(k), index: UInt32(p))
                        let count = 1 + (p * 7 + k * 13 + n) % 60
                        counts[k * n + p] = count
                        views[2 * k * n + p] = u1
                        views[(2 * k + 1) * n + p] = u2
                        let (top, next) = ClassTopViews.tails(count: count, u1, u2)
                        expected[2 * k * n + p] = top
                        expected[(2 * k + 1) * n + p] = next ?? .nan
                    }
                }
                views.withUnsafeMutableBufferPointer { v in
                    counts.withUnsafeBufferPointer { ClassTopViews.tails(inPlace: v.baseAddress!, counts: $0.baseAddress!, classes: classes, draws: n, level: level) }
                }
                for i in views.indices where !expected[i].isNaN {
                    XCTAssertEqual(views[i].bitPattern, expected[i].bitPattern, "\(level), n \(n), element \(i): \(views[i]) against \(expected[i])")
                }
            }
        }
    }
}
