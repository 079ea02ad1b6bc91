import SweepTestSupport
import TicketModel
import XCTest

/// SPEC.md "Common random numbers": exogenous streams ignore the point.
final class CommonRandomNumbersTests: XCTestCase {
    func setup(quotient: Double, point: Int, common: Bool) -> SimulationSetup {
        var params = ModelParameters()
        params.pricing = .eip1559(EIP1559Pricing(quotient: quotient))
        params.buyers = [BuyerClass(name: "integrated", count: 1, extraction: 1), BuyerClass(name: "lottery", count: 20, riskAversion: -0.05)]
        return SimulationSetup(parameters: params, slots: 600, seed: 42, point: point, commonRandomNumbers: common)
    }

    /// Two points that differ only in the pricing quotient see the same market: identical
    /// value_total on every path, while their prices differ.
    func testPointsDifferingInQuotientSeeIdenticalValues() {
        let a = ModelRun(setup(quotient: 4, point: 0, common: true), paths: 8)
        let b = ModelRun(setup(quotient: 32, point: 1, common: true), paths: 8)
        XCTAssertEqual(a.column("value_total"), b.column("value_total"))
        XCTAssertNotEqual(a.column("price_sd"), b.column("price_sd"))
    }

    /// Without common random numbers the points draw different markets.
    func testIndependentStreamsDifferAcrossPoints() {
        let a = ModelRun(setup(quotient: 4, point: 0, common: false), paths: 8)
        let b = ModelRun(setup(quotient: 32, point: 1, common: false), paths: 8)
        for (x, y) in zip(a.column("value_total"), b.column("value_total")) { XCTAssertNotEqual(x, y) }
    }

    /// A path's results do not depend on the batch it is simulated in.
    func testBatchSizeDoesNotChangePaths() {
        let s = setup(quotient: 8, point: 3, common: true)
        let small = ModelRun(s, paths: 10, batch: 3, keepTickets: true)
        let large = ModelRun(s, paths: 10, batch: 10, keepTickets: true)
        XCTAssertEqual(small.rows, large.rows)
        XCTAssertEqual(small.tickets.map(\.payoff), large.tickets.map(\.payoff))
    }
}

/// Per-ticket values are folded in chunks; any chunk size gives the same statistics.
final class TicketChunkTests: XCTestCase {
    func testChunkedTicketMomentsMatchOneChunk() {
        var params = ModelParameters()
        params.buyers = [BuyerClass(name: "lottery", count: 20)]
        let setup = SimulationSetup(parameters: params, slots: 1000, seed: 5, point: 0)
        let whole = BatchSimulator(setup: setup, batchCapacity: 3, ticketChunk: 1000)
        let chunked = BatchSimulator(setup: setup, batchCapacity: 3, ticketChunk: 7)
        whole.run(firstReplication: 0, count: 3)
        chunked.run(firstReplication: 0, count: 3)
        for p in 0..<3 {
            for (a, b) in zip(whole.ticketMoments(path: p), chunked.ticketMoments(path: p)) {
                XCTAssertEqual(a.count, b.count)
                XCTAssertGreaterThan(a.count, 900)
                XCTAssertEqual(a.mean, b.mean, accuracy: 1e-12 * max(1, abs(a.mean)))
                XCTAssertEqual(a.variance, b.variance, accuracy: 1e-10 * a.variance)
                XCTAssertEqual(a.min, b.min)
                XCTAssertEqual(a.max, b.max)
            }
        }
        XCTAssertEqual(whole.drainTicketSketches(), chunked.drainTicketSketches(), "sketches merge exactly")
    }
}
