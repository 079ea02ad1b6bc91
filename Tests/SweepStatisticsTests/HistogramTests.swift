import SweepCore
import SweepStatistics
import XCTest

final class HistogramTests: XCTestCase {
    func testLinearBinsUseHalfOpenIntervalsAndClosedLastBin() throws {
        var h = try Histogram.linear(low: 0, high: 1, bins: 4)
        XCTAssertEqual(h.edges, [0, 0.25, 0.5, 0.75, 1])
        for x in [0, 0.1, 0.25, 0.7499999, 0.75, 1, -0.1, 1.1, .nan, .infinity] { h.add(x) }
        XCTAssertEqual(h.counts, [2, 1, 1, 2])
        XCTAssertEqual(h.underflow, 1)
        XCTAssertEqual(h.overflow, 1)
        XCTAssertEqual(h.nonFinite, 2)
        XCTAssertEqual(h.total, 8)
    }

    func testLogarithmicEdgesAndExactEdgeAssignment() throws {
        var h = try Histogram.logarithmic(low: 1, high: 1000, bins: 3)
        XCTAssertEqual(h.edges[0], 1)
        XCTAssertEqual(h.edges[1], 10, accuracy: 1e-13)
        XCTAssertEqual(h.edges[2], 100, accuracy: 1e-12)
        XCTAssertEqual(h.edges[3], 1000)
        // A value equal to a stored edge always goes to the bin that edge opens.
        for e in h.edges { h.add(e) }
        XCTAssertEqual(h.counts, [1, 1, 2])
        XCTAssertThrowsError(try Histogram.logarithmic(low: 0, high: 1, bins: 3))
        XCTAssertThrowsError(try Histogram.linear(low: 1, high: 1, bins: 3))
        XCTAssertThrowsError(try Histogram.linear(low: 0, high: 1, bins: 0))
        XCTAssertThrowsError(try Histogram.linear(low: 1e16, high: 1e16 + 4, bins: 64), "edges not distinct")
        XCTAssertThrowsError(try Histogram(edges: [0, 1, 1]))
    }

    func testCustomEdgesBinarySearchAgreesWithLinearScan() throws {
        let edges: [Double] = [-3, -1, 0, 0.5, 2, 10]
        var h = try Histogram(edges: edges)
        var g = SplitMix64(seed: 3)
        var expected = [UInt64](repeating: 0, count: 5)
        for _ in 0..<10_000 {
            let x = g.nextOpenUnit() * 12 - 3
            h.add(x)
            let i = (0..<5).last { edges[$0] <= x }!
            expected[i] += 1
        }
        XCTAssertEqual(h.counts, expected)
    }

    func testMergeAddsAndRefusesDifferentEdges() throws {
        var a = try Histogram.linear(low: 0, high: 10, bins: 10)
        var b = a
        a.add(1); a.add(-1)
        b.add(1); b.add(11); b.add(.nan)
        try a.merge(b)
        XCTAssertEqual(a.counts[1], 2)
        XCTAssertEqual(a.underflow, 1)
        XCTAssertEqual(a.overflow, 1)
        XCTAssertEqual(a.nonFinite, 1)
        XCTAssertThrowsError(try a.merge(try Histogram.linear(low: 0, high: 10, bins: 5))) { error in
            XCTAssertEqual((error as? StatisticsError)?.code, .incompatibleMerge)
        }
    }

    /// Bins from a sketch: log-spaced for the lognormal-pareto sample; every count differs from the
    /// exact count of the same bin by at most the number of values within α of the bin's edges.
    func testFromSketchIsAccurateToTheSketchResolutionAtEdges() throws {
        let values = Array(QuantileSketchTests.sample[0..<200_000])
        var s = QuantileSketch()
        values.withUnsafeBufferPointer { s.add(contentsOf: $0) }
        let h = try Histogram.fromSketch(s, bins: 64)
        XCTAssertEqual(h.edges.first, s.min)
        XCTAssertEqual(h.edges.last, s.max)
        XCTAssertEqual(h.edges[1] / h.edges[0], h.edges[64] / h.edges[63], accuracy: 1e-9, "log-spaced")
        XCTAssertEqual(h.total, s.count)
        XCTAssertEqual(h.underflow + h.overflow, 0)
        var exact = try Histogram(edges: h.edges)
        values.withUnsafeBufferPointer { exact.add(contentsOf: $0) }
        let alpha = s.relativeAccuracy * (1 + 1e-9)
        let sorted = values.sorted()
        func below(_ v: Double) -> Int {  // the number of values < v
            var lo = 0, hi = sorted.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if sorted[mid] < v { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        func near(_ e: Double) -> Int { below(e * (1 + 2 * alpha)) - below(e * (1 - 2 * alpha)) }
        for i in 0..<64 {
            let nearEdge = near(h.edges[i]) + near(h.edges[i + 1])
            let diff = Int(h.counts[i]) - Int(exact.counts[i])
            XCTAssertLessThanOrEqual(abs(diff), nearEdge, "bin \(i)")
        }
        XCTAssertEqual(try Histogram.fromSketch(s, bins: 64), h, "deterministic")
        // Data with negative values get linear bins; a constant and an empty sketch still work.
        var neg = QuantileSketch()
        for x in [-1.0, 0, 2] { neg.add(x) }
        XCTAssertEqual(try Histogram.fromSketch(neg, bins: 3).edges, [-1, 0, 1, 2])
        var constant = QuantileSketch()
        constant.add(4); constant.add(4)
        let hc = try Histogram.fromSketch(constant, bins: 2)
        XCTAssertEqual(hc.edges, [2, 4, 6])
        XCTAssertEqual(hc.counts, [0, 2])
        XCTAssertEqual(try Histogram.fromSketch(QuantileSketch(), bins: 2).total, 0)
        XCTAssertThrowsError(try Histogram.fromSketch(s, bins: 0))
    }

    /// Both signs over many decades (a ticket's return): symmetric-log edges, two linear bins
    /// around zero at a tenth of the larger quartile magnitude, geometric bins outward, shared by
    /// decades; counts total exactly and match an exact histogram with the same edges to within
    /// the sketch's relative accuracy at the edges.
    func testBothSignsOverDecadesGetSymmetricLogBins() throws {
        var s = QuantileSketch()
        var values: [Double] = []
        var state: UInt64 = 12345
        for _ in 0..<50_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let u = (Double(state >> 11) + 0.5) * 0x1p-53
            // A price of 0.1 paid, a Pareto payoff with tail index 1.2 and minimum 0.02.
            let x = 0.02 * pow(u, -1 / 1.2) - 0.1
            values.append(x)
            s.add(x)
        }
        let h = try Histogram.fromSketch(s, bins: 64)
        let e = h.edges
        XCTAssertEqual(e.count, 65)
        XCTAssertEqual(e.first, s.min)
        XCTAssertEqual(e.last, s.max)
        let zero = try XCTUnwrap(e.firstIndex(of: 0))
        let c = e[zero + 1]
        XCTAssertEqual(e[zero - 1], -c)
        let quartile = max(abs(s.quantile(0.25)), abs(s.quantile(0.75)))
        XCTAssertEqual(c, quartile / 10, accuracy: 1e-12 * quartile)
        // Geometric outward on the positive side (up to the last edge, which is the exact max).
        let ratio = e[zero + 2] / e[zero + 1]
        XCTAssertGreaterThan(ratio, 1.1)
        for i in (zero + 2)..<(e.count - 1) { XCTAssertEqual(e[i] / e[i - 1], ratio, accuracy: 1e-9 * ratio) }
        XCTAssertEqual(h.total, s.count)
        var exact = try Histogram(edges: e)
        values.withUnsafeBufferPointer { exact.add(contentsOf: $0) }
        XCTAssertEqual(exact.total, h.total)
        let moved = zip(exact.counts, h.counts).map { abs(Int($0) - Int($1)) }.reduce(0, +)
        XCTAssertLessThan(Double(moved) / Double(values.count), 0.02, "only values within α of an edge change bins")
        // Fewer than 8 bins, or data within two decades of c: linear bins as before.
        XCTAssertNil(Histogram.symmetricLogEdges(s, bins: 7))
        var narrow = QuantileSketch()
        for x in [-1.0, -0.5, 0.25, 0.5, 2] { narrow.add(x) }
        XCTAssertNil(Histogram.symmetricLogEdges(narrow, bins: 64))
    }

    func testEncodingRoundTrips() throws {
        var h = try Histogram.logarithmic(low: 0.01, high: 100, bins: 8)
        for x in [0.001, 0.02, 3, 50, 1e9, .nan] { h.add(x) }
        var w = BinaryWriter()
        h.encode(to: &w)
        var r = BinaryReader(w.bytes)
        XCTAssertEqual(try Histogram(from: &r), h)
        XCTAssertTrue(r.isAtEnd)
        for cut in 0..<w.bytes.count {
            var t = BinaryReader(Array(w.bytes[0..<cut]))
            XCTAssertThrowsError(try Histogram(from: &t))
        }
    }
}
