import SweepTestSupport
import TicketModel
import XCTest

/// MODEL.md version 2, section 5 (expiry and refunds) through the simulator, and section 9's
/// check 1 with expiry. References from `scripts/references/markets_a.py` (mpmath, sums term by
/// term); statistical tolerances of 3 SE of per-path means, seeds fixed.
final class TicketExpiryTests: XCTestCase {
    /// Builders that pay exactly `V` (several builders, no noise, second price).
    let exactBuilders = BuilderMarket(count: 3, noise: 0, auction: .secondPrice)

    /// The pool held at `n`: `n` agents capped at one ticket each, a fixed price below every
    /// valuation, lookahead 0 and a sales cap of `n`, so that every ticket that leaves the pool
    /// (drawn, or expired) is replaced in the same slot and every draw sees `n` tickets.
    func heldPool(n: Int, expiry: Int, price: Double = 0, discount: Double = 0) -> ModelParameters {
        var params = ModelParameters(
            value: ValueModel(distribution: .uniform(low: 0, high: 1)), lookahead: 0, warmup: 200, pricing: .fixed(price: price),
            maxSalesPerSlot: n, builders: exactBuilders,
            buyers: [BuyerClass(name: "holder", count: n, discountPerSlot: discount, maxTickets: 1)])
        params.tickets = TicketTerms(expiry: expiry, refund: 0.5)
        return params
    }

    /// A ticket survives each draw with probability `1 - 1/n`, so it expires with probability
    /// `(1 - 1/n)^E`, and so does the fraction of tickets leaving the pool that expire:
    /// 0.3486784401 (n = 10, E = 10), 0.421875 (4, 3), 0.11215665478461509 (6, 12). A rate of
    /// `(1 - 1/n)^(E+1)` or `^(E-1)` (an expiry one slot late or early) is 8 to 30 SE away at
    /// these sizes. 64 paths of 2000 slots; 3 SE.
    func testExpiredFractionWithThePoolHeldAtN() {
        for (n, e, expected) in [(10, 10, 0.3486784401), (4, 3, 0.421875), (6, 12, 0.11215665478461509)] {
            let run = ModelRun(SimulationSetup(parameters: heldPool(n: n, expiry: e), slots: 2000, seed: 31, point: 0), paths: 64)
            let rate = meanAndSE(run.column("expired_rate"))
            XCTAssertEqual(rate.mean, expected, accuracy: 3 * rate.se, "n = \(n), E = \(e)")
            XCTAssertLessThan(rate.se, 0.004, "n = \(n), E = \(e): the test can tell a slot's difference")
            for pool in run.column("pool_mean") { XCTAssertEqual(pool, Double(n), "the pool is held at n") }
        }
    }

    /// Check 1 with expiry: the pool held at 10, d = 0.01 a slot, V ~ U(0, 1) sold for exactly
    /// V, E = 10, refund 0.5 of the price 0.1 (c = 0.05). The realised present value of a
    /// ticket, `R (1+d)^-W` when drawn after `W` slots or `c (1+d)^-E` when it expires, has
    /// mean 0.32684904615788474 and variance 0.09211959640701746 (mpmath, term by term). 64
    /// paths of 2000 slots; 3 SE on the mean, and on the variance 3 SE of the mean square plus
    /// the delta method's `2 m` times 3 SE of the mean.
    func testTicketValueWithExpiryMatchesTheSeries() {
        let d = 0.01, e = 10
        let params = heldPool(n: 10, expiry: e, price: 0.1, discount: d)
        let run = ModelRun(SimulationSetup(parameters: params, slots: 2000, seed: 12, point: 0), paths: 64, keepTickets: true, ticketsPerSlot: 3)
        var sum = [Double](repeating: 0, count: 64), square = sum, count = sum
        var expired = 0
        for t in run.tickets {
            // An expired ticket's wait is NaN (it proposes no slot); its payoff is the refund.
            let pv: Double
            if t.wait.isNaN {
                expired += 1
                XCTAssertEqual(t.payoff, 0.05, accuracy: 1e-15, "the refund is half the price")
                pv = t.payoff * pow(1 + d, -Double(e))
            } else {
                XCTAssertLessThanOrEqual(t.wait, Double(e), "a ticket is drawn within E slots or expires")
                pv = t.payoff * pow(1 + d, -t.wait)
            }
            sum[t.path] += pv
            square[t.path] += pv * pv
            count[t.path] += 1
        }
        XCTAssertGreaterThan(expired, 10_000)
        XCTAssertEqual(run.tickets.count, 64 * 2000 + expired, "every drawn ticket (one a slot) and every expired one is recorded")
        let mean = meanAndSE(zip(sum, count).map { $0 / $1 })
        let second = meanAndSE(zip(square, count).map { $0 / $1 })
        XCTAssertEqual(mean.mean, 0.32684904615788474, accuracy: 3 * mean.se)
        XCTAssertEqual(second.mean - mean.mean * mean.mean, 0.09211959640701746, accuracy: 3 * second.se + 2 * mean.mean * 3 * mean.se)
        for pool in run.column("pool_mean") { XCTAssertEqual(pool, 10, "the valuation 0.327 is above the price: the pool is held") }
    }

    /// Refunds are burned revenue returned, in the slot of the refund: at a fixed price `p`, with
    /// every agent's ticket replaced at once, `protocol_revenue = p * sales - rho p * expired`
    /// (exactly, to rounding). And a refund above the price's worth changes nothing of the draw:
    /// the same seed with refund 0 expires the same tickets (`expired_rate` equal).
    func testRefundsComeOffRevenue() {
        let params = heldPool(n: 4, expiry: 3, price: 0.2)
        var noRefund = params
        noRefund.tickets.refund = 0
        let slots = 500
        let with = ModelRun(SimulationSetup(parameters: params, slots: slots, seed: 5, point: 0), paths: 8)
        let without = ModelRun(SimulationSetup(parameters: noRefund, slots: slots, seed: 5, point: 0), paths: 8)
        XCTAssertEqual(with.column("expired_rate"), without.column("expired_rate"))
        for p in 0..<8 {
            let sold = with.column("sales_per_slot")[p] * Double(slots)
            let revenue = with.column("protocol_revenue")[p], gross = without.column("protocol_revenue")[p]
            XCTAssertEqual(gross, 0.2 * sold, accuracy: 1e-12 * gross)
            // Tickets that left the pool in measured slots: drawn ones (one a slot) and expired.
            let rate = with.column("expired_rate")[p]
            let expiredCount = (rate * Double(slots) / (1 - rate)).rounded()
            XCTAssertEqual(revenue, gross - 0.1 * expiredCount, accuracy: 1e-12 * gross)
        }
    }

    /// The valuation with expiry and refund (`w_k(H, p)`, the refund `rho p` included) decides
    /// the pool: 50 agents capped at one ticket, V ~ U(0, 1) sold for exactly V, lookahead 0,
    /// d = 0.01, E = 10, a fixed price `p` and a sales cap of 50, so the pool refills every slot
    /// to the largest `H` at which one more ticket is worth its price. From the series
    /// (markets_a.py): 10 at p = 0.3 without refund, 15 with half the price refunded; with risk
    /// aversion 0.5 at p = 0.25, 12 and 18. (Valuations without the refund term, or without the
    /// variance's refund terms, give other pools.)
    func testTheRefundEntersTheValuation() {
        for (price, refund, aversion, pool) in [(0.3, 0.0, 0.0, 10.0), (0.3, 0.5, 0, 15), (0.25, 0, 0.5, 12), (0.25, 0.5, 0.5, 18)] {
            var params = ModelParameters(
                value: ValueModel(distribution: .uniform(low: 0, high: 1)), lookahead: 0, warmup: 100, pricing: .fixed(price: price),
                maxSalesPerSlot: 50, builders: exactBuilders,
                buyers: [BuyerClass(name: "holder", count: 50, discountPerSlot: 0.01, riskAversion: aversion, maxTickets: 1)])
            params.tickets = TicketTerms(expiry: 10, refund: refund)
            let run = ModelRun(SimulationSetup(parameters: params, slots: 300, seed: 4, point: 0), paths: 4)
            XCTAssertEqual(run.column("pool_mean"), [pool, pool, pool, pool], "price \(price), refund \(refund), a = \(aversion)")
            XCTAssertEqual(run.column("pool_sd"), [0, 0, 0, 0])
        }
    }

    /// Without `tickets.expiry` the layout has no `expired_rate` (tables keep their columns);
    /// with it, a mechanism without a pool is refused (`TicketTerms.problem`) by name.
    func testExpiryNeedsAPool() {
        XCTAssertFalse(MetricLayout(ModelParameters()).pathMetrics.contains("expired_rate"))
        XCTAssertEqual(MetricLayout(heldPool(n: 2, expiry: 3)).pathMetrics.last, "expired_rate")
        XCTAssertNil(TicketTerms.problem(expiry: true, mechanism: EIP1559Pricing.self))
        let problem = TicketTerms.problem(expiry: true, mechanism: ProportionalAllocation.self)
        XCTAssertTrue(problem?.contains("mechanism 'proportional' has no pool") == true, problem ?? "")
        XCTAssertNotNil(TicketTerms.problem(expiry: true, mechanism: ExecutionAuction.self))
        XCTAssertNil(TicketTerms.problem(expiry: false, mechanism: ExecutionAuction.self))
    }
}
