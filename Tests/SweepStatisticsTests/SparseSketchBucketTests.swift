import SweepStatistics
import XCTest

/// Bucket bounds of a sparse sketch (a tiny point's path metric: a few values decades apart),
/// whose walk skips the empty indices between them: each bound must hold its value within a
/// ratio of γ = (1 + α)/(1 - α), and equal, bit for bit, the bound of the same bucket in a dense
/// sketch (every index between occupied, so its walk shares each bound with the next bucket).
final class SparseSketchBucketTests: XCTestCase {
    let values: [Double] = [-2500, -3.25, 0, 1.502, 1.51, 1500, 1.0e6]

    func testSparseBoundsHoldTheirValuesWithinGamma() {
        var sparse = QuantileSketch()
        for x in values { sparse.add(x) }
        let buckets = sparse.buckets()
        XCTAssertEqual(buckets.map(\.count).reduce(0, +), UInt64(values.count))
        let gamma = (1 + sparse.relativeAccuracy) / (1 - sparse.relativeAccuracy)
        for x in values where x != 0 {
            let holding = buckets.filter { $0.low < x && x <= $0.high || ($0.low <= x && x < $0.high && x < 0) }
            XCTAssertEqual(holding.count, 1, "\(x) lies in exactly one bucket")
            if let b = holding.first {
                let (small, large) = (min(b.low.magnitude, b.high.magnitude), max(b.low.magnitude, b.high.magnitude))
                XCTAssertLessThanOrEqual(large / small, gamma * (1 + 1e-12), "\(x)")
                XCTAssertGreaterThan(large / small, 1, "\(x)")
            }
        }
        // Histogram totals are exact, and every value lands in a bin.
        let h = try! Histogram.fromSketch(sparse, bins: 16)
        XCTAssertEqual(h.total, UInt64(values.count))
    }

    func testSparseBoundsEqualDenseBoundsBitForBit() {
        var sparse = QuantileSketch()
        for x in values { sparse.add(x) }
        // The dense sketch also holds a value every 0.3% of magnitude between the extremes of
        // each side, so that no bucket index between them is empty (α = 0.5%: buckets span ~1%).
        var dense = sparse
        for (low, high, sign) in [(3.25, 2500.0, -1.0), (1.502, 1.0e6, 1.0)] {
            var m = low
            while m < high {
                dense.add(sign * m)
                m *= 1.003
            }
        }
        let key = { (low: Double, high: Double) in "\(low.bitPattern):\(high.bitPattern)" }
        let denseBounds = Set(dense.buckets().map { key($0.low, $0.high) })
        let sparseBuckets = sparse.buckets()
        XCTAssertEqual(sparseBuckets.count, 6, "1.502 and 1.51 share a bucket")
        for b in sparseBuckets {
            XCTAssertTrue(denseBounds.contains(key(b.low, b.high)), "bucket (\(b.low), \(b.high)] of the sparse sketch")
        }
    }
}
