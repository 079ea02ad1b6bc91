@testable import TicketModel
import XCTest

/// `capture_pooled`'s delta-method SE (Theory/PooledCaptureError.swift) and the
/// competitive-equilibrium benchmark (Theory/EquilibriumBenchmark.swift).
final class TheoryCaptureAndBenchmarkTests: XCTestCase {
    /// Paths with surplus Y ~ U(1, 3) and revenue X = 0.4 Y + Z, Z ~ U(-1/2, 1/2) independent:
    /// mu_X = 0.8, mu_Y = 2, Var X = 0.16/3 + 1/12, Var Y = 1/3, Cov = 0.4/3, so the ratio's
    /// error is sum Z / sum Y and the delta SE is sqrt(1 / (48 n)) (0.014433756729740645 for
    /// n = 100, by hand and in Python). The spread of sum X / sum Y over 4000 simulated points of
    /// 100 paths (SplitMix64, seed 7) agrees within 5%: the SD estimate of 4000 replications has a
    /// relative SE of 1.1% (3 SE = 3.4%), and the delta method's own error is O(1/n) = 1%.
    func testDeltaMethodAgreesWithSimulatedSpread() {
        let n = 100
        let se = PooledCaptureError.standardError(
            paths: n, meanRevenue: 0.8, meanSurplus: 2, varianceRevenue: 0.16 / 3 + 1.0 / 12,
            varianceSurplus: 1.0 / 3, covariance: 0.4 / 3)
        XCTAssertEqual(se, 0.014433756729740645, accuracy: 1e-16)
        var rng = SplitMix(seed: 7)
        var ratios: [Double] = []
        for _ in 0..<4000 {
            var sx = 0.0, sy = 0.0
            for _ in 0..<n {
                let y = 1 + 2 * rng.uniform()
                sx += 0.4 * y + (rng.uniform() - 0.5)
                sy += y
            }
            ratios.append(sx / sy)
        }
        let mean = ratios.reduce(0, +) / 4000
        let sd = (ratios.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 3999).squareRoot()
        XCTAssertEqual(sd, se, accuracy: 0.05 * se)
        XCTAssertEqual(mean, 0.4, accuracy: 4 * se / 63.2)   // 4 SE of the mean of 4000 ratios
        XCTAssertTrue(PooledCaptureError.standardError(paths: 1, meanRevenue: 1, meanSurplus: 1, varianceRevenue: 1, varianceSurplus: 1, covariance: 0).isNaN)
    }

    /// Classes ranked by valuation fill the target pool up to their caps; the marginal class sets
    /// the price (worked by hand from MODEL.md section 8).
    func testPoolBenchmark() throws {
        let classes = [
            EquilibriumBenchmark.ClassDemand(valuation: 0.10, capacity: 30),
            EquilibriumBenchmark.ClassDemand(valuation: 0.12, capacity: 20),
            EquilibriumBenchmark.ClassDemand(valuation: 0.08, capacity: .max),
        ]
        // 0.12 holds 20, 0.10 brings it to 50, so the third class is marginal at H* = 64.
        let at64 = try XCTUnwrap(EquilibriumBenchmark.poolPrice(classes: classes, targetPool: 64))
        XCTAssertEqual(at64.marginalClass, 2)
        XCTAssertEqual(at64.price, 0.08)
        let at40 = try XCTUnwrap(EquilibriumBenchmark.poolPrice(classes: classes, targetPool: 40))
        XCTAssertEqual(at40.marginalClass, 0)
        XCTAssertEqual(at40.price, 0.10)
        XCTAssertNil(EquilibriumBenchmark.poolPrice(classes: Array(classes[0..<2]), targetPool: 64), "caps hold only 50")
        let negative = [EquilibriumBenchmark.ClassDemand(valuation: -0.01, capacity: .max)]
        XCTAssertEqual(EquilibriumBenchmark.poolPrice(classes: negative, targetPool: 8)?.price, 0)
        XCTAssertEqual(EquilibriumBenchmark.capture(price: 0.1, surplusPerSlot: 0.2), 0.5)
        XCTAssertTrue(EquilibriumBenchmark.capture(price: 0.1, surplusPerSlot: 0).isNaN)
    }

    func testAuctionBenchmark() {
        let bids: [(valuation: Double, agents: Int)] = [(0.1, 3), (0.2, 1)]
        XCTAssertEqual(EquilibriumBenchmark.auctionPrice(valuations: bids, supply: 1), 0.1)
        XCTAssertEqual(EquilibriumBenchmark.auctionPrice(valuations: bids, supply: 3), 0.1)
        XCTAssertEqual(EquilibriumBenchmark.auctionPrice(valuations: bids, supply: 4), 0, "4 agents, supply 4: the reserve")
        XCTAssertEqual(EquilibriumBenchmark.auctionPrice(valuations: bids, supply: 1, reserve: 0.15), 0.15)
    }
}
