import SweepMath
@testable import TicketModel
import XCTest

/// The slot loop's batched transforms (`ValueSampler.values(inPlace:scratch:)` and
/// `BuilderAuction.outcomes(topUniforms:next:count:best:payment:)`, `exp` in SIMD4 lanes across
/// paths) must give, bit for bit, the scalar functions' numbers path by path: tables may not
/// move when the kernel batches its work.
final class BatchLanesTests: XCTestCase {
    /// Uniforms over the whole open interval, the tails and their ends included, in a count
    /// that is not a multiple of 4 (the scalar remainder).
    static let uniforms: [Double] = {
        var u: [Double] = [0x1p-53, 1e-300, 1e-12, 0.01, 0.05, 0.3, 0.5, 0.7, 0.949, 0.95, 0.950001, 0.99, 1 - 1e-9, 1 - 0x1p-53]
        var x = 0.123456789
        for _ in 0..<63 {
            x = (x * 7919.0 + 0.5).truncatingRemainder(dividingBy: 1)
            u.append(Swift.max(x, 0x1p-53))
        }
        return u
    }()

    func testBatchedValuesEqualScalarValues() {
        let laws: [ValueDistribution] = [
            ValueModel.mainnet.distribution, .lognormal(mu: -3, sigma: 0.85), .uniform(low: 0.01, high: 0.2), .constant(0.1),
        ]
        for law in laws {
            let sampler = ValueSampler(law)
            var buffer = Self.uniforms
            var scratch = [Double](repeating: 0, count: buffer.count)
            buffer.withUnsafeMutableBufferPointer { b in
                scratch.withUnsafeMutableBufferPointer { sampler.values(inPlace: b, scratch: $0.baseAddress!) }
            }
            for (u, v) in zip(Self.uniforms, buffer) {
                XCTAssertEqual(v.bitPattern, sampler.value(uniform: u).bitPattern, "\(law) at u = \(u)")
            }
        }
    }

    func testBatchedAuctionOutcomesEqualScalarOutcomes() {
        let markets = [
            BuilderMarket(count: 5, noise: 0.1, auction: .secondPrice),
            BuilderMarket(count: 1, noise: 0.1, auction: .secondPrice),
            BuilderMarket(count: 3, noise: 0.3, auction: .firstPrice),
        ]
        let top = Self.uniforms
        for market in markets {
            let auction = BuilderAuction(market)
            // The second largest is below the largest; -infinity for a lone builder.
            let next = top.map { market.count == 1 ? -Double.infinity : $0 * 0.75 }
            var a = top, b = next
            var best = [Double](repeating: 0, count: top.count), payment = best
            a.withUnsafeMutableBufferPointer { a in
                b.withUnsafeMutableBufferPointer { b in
                    best.withUnsafeMutableBufferPointer { best in
                        payment.withUnsafeMutableBufferPointer { payment in
                            auction.outcomes(
                                topUniforms: a.baseAddress!, next: b.baseAddress!, count: top.count, best: best.baseAddress!,
                                payment: payment.baseAddress!)
                        }
                    }
                }
            }
            for i in top.indices {
                let o = auction.outcome(topUniform: top[i], nextUniform: next[i])
                XCTAssertEqual(best[i].bitPattern, o.best.bitPattern, "\(market) best at \(top[i])")
                XCTAssertEqual(payment[i].bitPattern, o.payment.bitPattern, "\(market) payment at \(top[i])")
            }
        }
    }
}
