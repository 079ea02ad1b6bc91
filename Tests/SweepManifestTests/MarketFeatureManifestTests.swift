import XCTest
import TicketModel
@testable import SweepManifest

/// The manifest side of issue 15's part A: `tickets: {expiry, refund}`, the auction's
/// `reserve`, `strategy: patient` with `horizon`, each decoded from its one declaration, and the
/// refusals that name the mechanism (MODEL.md section 5).
final class MarketFeatureManifestTests: XCTestCase {
    func manifest(pricing: String, tickets: String = "", strategy: String = "") -> String {
        required + """
            base:
              pricing: \(pricing)
              buyers:
                - {name: crowd, count: 4\(strategy)}
            \(tickets.isEmpty ? "" : "  tickets: \(tickets)")
            """
    }

    func testDecodesTheFeatures() throws {
        let m = try load(manifest(pricing: "{mechanism: fixed, price: 0.1}", tickets: "{expiry: 64, refund: 0.25}", strategy: ", strategy: patient, horizon: 8"))
        XCTAssertEqual(m.baseParameters.tickets, TicketTerms(expiry: 64, refund: 0.25))
        XCTAssertEqual(m.baseParameters.buyers[0].strategy, .patient(horizon: 8))
        XCTAssertTrue(m.metricNames.contains("expired_rate"), "a model with expiry has expired_rate")
        let plain = try load(manifest(pricing: "{mechanism: auction, reserve: 0.02}"))
        XCTAssertEqual(plain.baseParameters.tickets, TicketTerms(), "no `tickets`: tickets never expire")
        XCTAssertEqual(plain.baseParameters.buyers[0].strategy, .myopic)
        XCTAssertFalse(plain.metricNames.contains("expired_rate"))
        XCTAssertEqual(plain.baseParameters.pricing.as(TicketAuction.self)?.reserve, 0.02)
        XCTAssertEqual(try load(manifest(pricing: "{mechanism: auction}")).baseParameters.pricing.as(TicketAuction.self)?.reserve, 0)
    }

    func testExpiryWithoutAPoolIsRefusedByName() {
        for mechanism in ["proportional", "execution-auction"] {
            let lines = errors(manifest(pricing: "{mechanism: \(mechanism)}", tickets: "{expiry: 10}"))
            XCTAssertEqual(lines.count, 1, "\(lines)")
            XCTAssertTrue(lines.first?.contains("tickets.expiry: mechanism '\(mechanism)' has no pool of tickets") == true, "\(lines)")
        }
        XCTAssertEqual(errors(manifest(pricing: "{mechanism: auction}", tickets: "{expiry: 10, refund: 1}")), [])
        XCTAssertEqual(errors(manifest(pricing: "{mechanism: proportional}", tickets: "{refund: 0.5}")), [], "no expiry, nothing to refuse")
        let range = errors(manifest(pricing: "{mechanism: fixed}", tickets: "{expiry: 0, refund: 1.5}"))
        XCTAssertEqual(range.count, 2, "\(range)")
    }

    func testPatienceWithoutAPostedPriceIsRefusedByName() {
        for mechanism in ["auction", "execution-auction", "proportional"] {
            let lines = errors(manifest(pricing: "{mechanism: \(mechanism)}", strategy: ", strategy: patient, horizon: 4"))
            XCTAssertEqual(lines.count, 1, "\(lines)")
            XCTAssertTrue(lines.first?.contains("buyers[crowd].strategy: patient buyers forecast a posted price") == true, "\(lines)")
            XCTAssertTrue(lines.first?.contains("mechanism '\(mechanism)' has no posted price") == true, "\(lines)")
        }
        for mechanism in ["fixed", "eip1559", "exponential"] {
            XCTAssertEqual(errors(manifest(pricing: "{mechanism: \(mechanism)}", strategy: ", strategy: patient, horizon: 4")), [], mechanism)
        }
    }
}
