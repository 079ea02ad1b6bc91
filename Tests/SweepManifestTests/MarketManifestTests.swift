import TicketModel
import XCTest
@testable import SweepManifest

/// The manifest keys of the multi-block premium and the secondary market (MODEL.md version 2,
/// sections 3 and 5): decoded from their one declaration each, defaults filled in, bad values
/// refused at their line with the rule.
final class MarketManifestTests: XCTestCase {
    func testPremiumAndSecondaryMarketDecode() throws {
        let m = try load(required + """
            base:
              value: {distribution: lognormal, multi_block_premium: 0.3}
              secondary_market: {enabled: true, fee: 0.1, noise: 0.2}
            """)
        XCTAssertEqual(m.baseParameters.value.multiBlockPremium, 0.3)
        XCTAssertEqual(m.baseParameters.secondaryMarket, SecondaryMarket(enabled: true, fee: 0.1, noise: 0.2))
        let defaults = try load(required + "base:\n  secondary_market: {enabled: true}\n")
        XCTAssertEqual(defaults.baseParameters.secondaryMarket, SecondaryMarket(enabled: true, fee: 0, noise: 0.1), "fee 0 and noise 0.1 by default")
        XCTAssertEqual(defaults.baseParameters.value.multiBlockPremium, 0)
        let off = try load(required)
        XCTAssertFalse(off.baseParameters.secondaryMarket.enabled, "no resale unless asked for")
    }

    func testBadValuesAreRefusedWithTheirRule() {
        XCTAssertEqual(errors(required + "base:\n  secondary_market: {enabled: true, fee: 1.5}\n"), [
            "m.yaml:4:42: error: secondary_market.fee must be a number in [0, 1]; got 1.5",
        ])
        XCTAssertEqual(errors(required + "base:\n  value: {multi_block_premium: -0.1}\n"), [
            "m.yaml:4:32: error: value.multi_block_premium must be a number >= 0; got -0.1",
        ])
        let enabled = errors(required + "base:\n  secondary_market: {enabled: often}\n")
        XCTAssertEqual(enabled.count, 1)
        XCTAssertTrue(enabled.first?.contains("secondary_market.enabled") ?? false, "\(enabled)")
    }
}
