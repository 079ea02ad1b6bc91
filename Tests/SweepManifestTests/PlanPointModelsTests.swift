import SweepPlanner
@testable import SweepManifest
import TicketModel
import XCTest

/// A plan above the kept-point limit keeps no decoded point and decodes each again on demand;
/// it must be the same plan as one that keeps them all, and decoding in chunks on several
/// threads must report the same problems, in the same order, as one decode after another.
final class PlanPointModelsTests: XCTestCase {
    let text = required + """
        slots: 50
        base:
          lookahead: 3
          pricing: {mechanism: eip1559, target: {pool: 8}, quotient: 8}
        sweep:
          grid:
            warmup: [0, 7, 12]
          sample:
            method: sobol
            points: 16
            ranges: {pricing.quotient: [2, 32], builders.noise: [0.05, 0.3]}
        """

    func testOnDemandPointsEqualKeptPoints() throws {
        let manifest = try load(text)
        let kept = try SweepPlan(manifest, keptPointLimit: 1_000, chunkSize: 5)
        let onDemand = try SweepPlan(manifest, keptPointLimit: 4, chunkSize: 5)
        XCTAssertEqual(kept.points.count, 48)
        XCTAssertEqual(onDemand.points.count, 48)
        XCTAssertEqual(onDemand.slotSteps(), kept.slotSteps())
        XCTAssertEqual(kept.slotSteps(), 10 * (48 * 50 + 16 * (0 + 7 + 12)))
        var quotients = Set<Double>()
        for p in 0 ..< 48 {
            XCTAssertEqual(onDemand.parameters(ofPoint: p), kept.parameters(ofPoint: p), "point \(p)")
            XCTAssertEqual(onDemand.setup(ofPoint: p).point, p)
            quotients.insert(kept.parameters(ofPoint: p).pricing.as(EIP1559Pricing.self)?.quotient ?? .nan)
        }
        XCTAssertEqual(quotients.count, 16, "the sample's 16 quotients, each on three warmups")
    }

    func testChunkedDecodingReportsProblemsInPointOrder() throws {
        // A uniform value needs `high > low`: each grid value passes against the base, but six of
        // the sixteen pairs break it, at points spread over the design (each pair on 16 sample
        // points and three warmups), each pair with its own message.
        let bad = text
            .replacingOccurrences(of: "  lookahead: 3", with: "  lookahead: 3\n  value: {distribution: uniform, low: 0.1, high: 0.9}")
            .replacingOccurrences(of: "    warmup: [0, 7, 12]", with: "    warmup: [0, 7, 12]\n    value.low: [0.1, 0.3, 0.5, 0.7]\n    value.high: [0.2, 0.4, 0.6, 0.8]")
        let manifest = try load(bad)
        func messages(chunkSize: Int, limit: Int) -> [String] {
            do {
                _ = try SweepPlan(manifest, keptPointLimit: limit, chunkSize: chunkSize)
                return []
            } catch {
                return error.errors.map(\.description)
            }
        }
        let serial = messages(chunkSize: 1_000, limit: 1_000)
        XCTAssertEqual(serial.count, 6, "\(serial)")
        XCTAssertEqual(Set(serial).count, serial.count, "each message once")
        for size in [1, 3, 7] {
            XCTAssertEqual(messages(chunkSize: size, limit: 1_000), serial, "chunks of \(size)")
            XCTAssertEqual(messages(chunkSize: size, limit: 2), serial, "chunks of \(size), nothing kept")
        }
    }
}
