import SweepTestSupport
import TicketModel
import XCTest

/// The ticket auction's reserve (MODEL.md section 5): only bids at or above the reserve win, and
/// a second-price winner pays `max((s+1)-th bid, reserve)`. Closed form: constant V = 1 sold for
/// exactly 1, no discounting and risk-neutral classes, so a ticket is worth `pi` at any pool:
/// class `high` builds for 2 V (`pi = 2`), class `low` sells (`pi = 1`), one agent each,
/// supply 1.
final class AuctionReserveTests: XCTestCase {
    func run(_ rule: TicketAuction) -> ModelRun {
        let params = ModelParameters(
            value: ValueModel(distribution: .constant(1)), lookahead: 0, pricing: .auction(rule),
            builders: BuilderMarket(count: 3, noise: 0, auction: .secondPrice),
            buyers: [BuyerClass(name: "high", count: 1, extraction: 2, discountPerSlot: 0), BuyerClass(name: "low", count: 1, discountPerSlot: 0)])
        return ModelRun(SimulationSetup(parameters: params, slots: 200, seed: 3, point: 0), paths: 2)
    }

    /// Second price: reserve 0 or 0.5 leaves the price at the second bid, 1; reserve 1.5 lifts
    /// it to 1.5 (the low bid no longer counts); reserve 2.5 is above both bids: nothing sells,
    /// the pool drains and every measured slot is empty.
    func testSecondPricePaysTheLargerOfTheNextBidAndTheReserve() {
        for (reserve, price) in [(0.0, 1.0), (0.5, 1.0), (1.5, 1.5)] {
            let r = run(TicketAuction(supply: 1, format: .secondPrice, reserve: reserve))
            XCTAssertEqual(r.column("price_mean"), [price, price], "reserve \(reserve)")
            XCTAssertEqual(r.column("sales_per_slot"), [1, 1], "reserve \(reserve)")
            XCTAssertEqual(r.column("slot_share.high"), [1, 1], "reserve \(reserve): the high bid wins")
            XCTAssertEqual(r.column("protocol_revenue"), [200 * price, 200 * price], "reserve \(reserve)")
        }
        let none = run(TicketAuction(supply: 1, format: .secondPrice, reserve: 2.5))
        XCTAssertEqual(none.column("sales_per_slot"), [0, 0])
        XCTAssertEqual(none.column("protocol_revenue"), [0, 0])
        XCTAssertEqual(none.column("empty_slot_rate"), [1, 1])
    }

    /// First price, shade 0.1: bids are 1.8 and 0.9. A reserve of 1.5 admits the high bid only,
    /// which pays its bid, 1.8; a reserve of 1.9 admits neither.
    func testFirstPriceAdmitsShadedBidsAtOrAboveTheReserve() {
        let r = run(TicketAuction(supply: 1, format: .firstPrice, shade: 0.1, reserve: 1.5))
        XCTAssertEqual(r.column("price_mean")[0], 1.8, accuracy: 1e-15)
        XCTAssertEqual(r.column("sales_per_slot"), [1, 1])
        XCTAssertEqual(run(TicketAuction(supply: 1, format: .firstPrice, shade: 0.1, reserve: 1.9)).column("sales_per_slot"), [0, 0])
    }
}
