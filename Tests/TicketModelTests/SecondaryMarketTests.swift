import SweepTestSupport
import TicketModel
import XCTest

/// MODEL.md version 2, section 5: resale of assigned slot rights (`SecondaryMarket`,
/// `ResaleStep.swift`) and, with it, the multi-block premium as a market. References are
/// closed forms or literals from `scripts/references/markets.py` (mpmath); statistical checks
/// fix the seed and state their tolerance in standard errors of per-path values.
final class SecondaryMarketTests: XCTestCase {
    /// Builders that pay exactly `V` (three of equal skill, no noise, second price).
    let exactBuilders = BuilderMarket(count: 3, noise: 0, auction: .secondPrice)

    func metric(_ sim: BatchSimulator, _ name: String, path p: Int) -> Double {
        sim.pathRows[p * sim.layout.pathMetrics.count + sim.layout.pathMetrics.firstIndex(of: name)!]
    }

    /// n symmetric agents in a proportional contest (lookahead 0: every slot's right is drawn
    /// uniformly and resold at once), V = 1, no discounting, resale with private views of noise
    /// `sigma`.
    func contest(agents n: Int, premium beta: Double, noise sigma: Double, fee: Double = 0) -> ModelParameters {
        ModelParameters(
            value: ValueModel(distribution: .constant(1), multiBlockPremium: beta), lookahead: 0, pricing: .proportional,
            builders: exactBuilders, buyers: [BuyerClass(name: "crowd", count: n, discountPerSlot: 0)],
            secondaryMarket: SecondaryMarket(enabled: true, fee: fee, noise: sigma))
    }

    /// Without a premium, each assigned right is resold exactly when some other agent's view
    /// beats the holder's: with n = 5 symmetric agents (fixed price 0.05, one ticket sold and
    /// one drawn per slot, lookahead 2, V = 1 so every bid is `y_i`), `P(resale) = (n - 1)/n =
    /// 0.8`. The price is then the second-highest of the n views (the holder's or the second
    /// other bid), and the holder's rank is independent of the order statistics, so the burned
    /// fee per assigned right is `phi (n - 1)/n E[Y_(2:n)]` = 0.25 * 0.8 * 1.1248054320751584
    /// for views of noise 0.3 (`markets.py`). The fee is `protocol_revenue - 0.05 * sales`. Every
    /// measured slot assigns a right (T = 400 slots, 400 paths); tolerance 4 SE. The values and
    /// the builders' outcome do not move with resale on (its own stream): `value_total` equals
    /// the run without resale, path by path.
    func testResaleRateAndFeeOfSymmetricAgents() {
        var params = ModelParameters(
            value: ValueModel(distribution: .constant(1)), lookahead: 2, pricing: .fixed(price: 0.05), maxSalesPerSlot: 1,
            builders: exactBuilders, buyers: [BuyerClass(name: "crowd", count: 5, discountPerSlot: 0)])
        let slots = 400, paths = 400
        let off = ModelRun(SimulationSetup(parameters: params, slots: slots, seed: 41, point: 0), paths: paths, batch: 100)
        params.secondaryMarket = SecondaryMarket(enabled: true, fee: 0.25, noise: 0.3)
        let on = ModelRun(SimulationSetup(parameters: params, slots: slots, seed: 41, point: 0), paths: paths, batch: 100)
        XCTAssertEqual(on.column("value_total"), off.column("value_total"))
        XCTAssertEqual(off.column("resale_rate"), Array(repeating: 0, count: paths), "no resale when the market is off")
        let rate = meanAndSE(on.column("resale_rate"))
        XCTAssertEqual(rate.mean, 0.8, accuracy: 4 * rate.se)
        let revenue = on.column("protocol_revenue"), sales = on.column("sales_per_slot")
        for s in sales { XCTAssertEqual(s, 1, "one ticket sold per measured slot") }
        let fee = meanAndSE(zip(revenue, sales).map { ($0 - 0.05 * $1 * Double(slots)) / Double(slots) })
        XCTAssertEqual(fee.mean, 0.25 * 0.8 * 1.1248054320751584, accuracy: 4 * fee.se)
        XCTAssertGreaterThan(fee.se, 0)
    }

    /// A class with a `max_tickets` cap counts its bidders one by one (`classBidders`), a class
    /// without one subtracts the holder and the neighbour: with a cap that never binds (100,000
    /// tickets for 7 agents over 300 slots) both give the same bidders and the same buyer, so
    /// every column equals the uncapped run's (`fixed` and lookahead 2 as above, a premium of 0.1
    /// so that the neighbour bids apart, two classes so that it is in one of them).
    func testUnbindingCapResellsAsWithoutCap() {
        func run(cap: Int?) -> ModelRun {
            let params = ModelParameters(
                value: ValueModel(distribution: .constant(1), multiBlockPremium: 0.1), lookahead: 2, pricing: .fixed(price: 0.05),
                maxSalesPerSlot: 1, builders: exactBuilders,
                buyers: [
                    BuyerClass(name: "a", count: 4, discountPerSlot: 0, maxTickets: cap),
                    BuyerClass(name: "b", count: 3, discountPerSlot: 0.001, maxTickets: cap),
                ],
                secondaryMarket: SecondaryMarket(enabled: true, fee: 0.1, noise: 0.2))
            return ModelRun(SimulationSetup(parameters: params, slots: 300, seed: 45, point: 0), paths: 40, batch: 20)
        }
        let free = run(cap: nil), capped = run(cap: 100_000)
        for name in ["resale_rate", "run_share", "protocol_revenue", "profit.a", "profit.b", "hhi"] {
            XCTAssertEqual(capped.column(name), free.column(name), name)
        }
        XCTAssertGreaterThan(meanAndSE(free.column("resale_rate")).mean, 0.5, "most rights are resold")
    }

    /// The knife edge of MODEL.md section 5: without private views (`noise: 0`) any premium lets
    /// the holder of the previous slot outbid everyone for the next one, so the first measured
    /// slot's proposer chains every slot: `run_share = (T - 1)/T`, `longest_run = T`,
    /// `top_share = 1`, `hhi = 10000` (6 agents, beta = 0.1, T = 120). With beta = 0 every bid
    /// ties with the holder's and nothing is resold (`resale_rate = 0`).
    func testNoPrivateViewsChainEverySlot() {
        let slots = 120, paths = 8
        let chained = ModelRun(SimulationSetup(parameters: contest(agents: 6, premium: 0.1, noise: 0), slots: slots, seed: 42, point: 0), paths: paths)
        for p in 0..<paths {
            XCTAssertEqual(chained.column("run_share")[p], Double(slots - 1) / Double(slots), accuracy: 1e-15)
            XCTAssertEqual(chained.column("longest_run")[p], Double(slots))
            XCTAssertEqual(chained.column("top_share")[p], 1)
            XCTAssertEqual(chained.column("hhi")[p], 10_000, accuracy: 1e-9)
        }
        let ties = ModelRun(SimulationSetup(parameters: contest(agents: 6, premium: 0, noise: 0), slots: slots, seed: 42, point: 0), paths: paths)
        XCTAssertEqual(ties.column("resale_rate"), Array(repeating: 0, count: paths))
    }

    /// Issue 15's test: with resale on, `run_share` rises with the premium, monotonically. n = 10
    /// symmetric agents, views of noise 0.1. The right to slot t ends with the proposer of slot
    /// t - 1 exactly when that agent's boosted view is the largest of all n (drawn or not), so a
    /// slot continues a run with probability `q(beta) = int phi(z) Phi(z + log(1 + beta)/0.1)^9
    /// dz` (`markets.py`): 0.1 (= 1/n: MODEL.md check 4 with resale on and no premium),
    /// 0.19628973442283681, 0.3261590538056249, 0.6175059331537489, 0.9452457800477876 for beta
    /// = 0, 0.05, 0.1, 0.2, 0.4, independently across slots; `run_share` has mean
    /// `q (T - 1)/T` (T = 100, the first slot has no predecessor). 400 paths per premium, the
    /// same seed: each mean within 4 SE of `q (T - 1)/T`, and each step up in the premium
    /// raises `run_share` by more than 4 SE of the paired per-path differences.
    func testRunShareRisesWithPremium() {
        let slots = 100, paths = 400
        let cases: [(beta: Double, q: Double)] = [
            (0, 0.1), (0.05, 0.19628973442283681), (0.1, 0.3261590538056249), (0.2, 0.6175059331537489), (0.4, 0.9452457800477876),
        ]
        var previous: [Double]? = nil
        for (beta, q) in cases {
            let run = ModelRun(SimulationSetup(parameters: contest(agents: 10, premium: beta, noise: 0.1), slots: slots, seed: 43, point: 0), paths: paths, batch: 100)
            let share = run.column("run_share")
            let s = meanAndSE(share)
            XCTAssertEqual(s.mean, q * Double(slots - 1) / Double(slots), accuracy: 4 * s.se, "beta \(beta)")
            if let previous {
                let d = meanAndSE(zip(share, previous).map { $0 - $1 })
                XCTAssertGreaterThan(d.mean, 4 * d.se, "run_share rises from the premium before to \(beta)")
            }
            previous = share
        }
    }

    /// MODEL.md check 9 with resale and a premium on, on every mechanism (all six assign slot
    /// `t + D` to one agent in slot `t`, so resale applies to each): the market of
    /// `MetricDefinitionTests.testAccountingIdentities` (uniform(0, 0.2) values, three classes
    /// with misses, builders of skills (1.2, 1.0, 0.7) without noise at second price) with
    /// `multi_block_premium: 0.3` and `secondary_market: {fee: 0.2, noise: 0.1}`. Per path:
    /// - `surplus_total = builder_profit + proposer_revenue`, and `builder_profit = 0.2 *
    ///   proposer_revenue` (a proposed slot pays `1.0 (1 + beta)^run V` and leaves the builder
    ///   `0.2` of that: the premium is in both);
    /// - the tickets' payoffs `ticket_return + ticket_price` sum to `proposer_revenue` (each
    ///   used right has one record, its last holder's);
    /// - `proposer_revenue = sum_k profit.k + sum ticket_price - resaleSellerNet` (the identity of
    ///   section 8, with the sellers' net proceeds of the resold rights: `SecondaryMarket`);
    /// - some rights are resold, not all (`0 < resale_rate < 1` on average).
    /// And, from the tables alone, the money is conserved on `fixed` with lookahead 0 (every
    /// right is resold in the slot it is used, so the fees of the rights used are the fees
    /// burned): `proposer_revenue = sum_k profit.k + price * (tickets used) + (protocol_revenue
    /// - price * sales)`. Tolerance 1e-12 relative to `value_total`.
    func testAccountingIdentitiesWithResaleAndPremium() {
        let pricings: [(Pricing, Int)] = [
            (.fixed(price: 0.03), 2),
            (.fixed(price: 0.03), 0),
            (.eip1559(EIP1559Pricing(target: .pool(8), quotient: 8, initialPrice: 0.1)), 2),
            (.exponential(ExponentialPricing(targetPool: 8, quotient: 4, priceAtTarget: 0.05)), 2),
            (.auction(TicketAuction(supply: 2, format: .secondPrice)), 2),
            (.executionAuction(ExecutionAuction(lead: 3, format: .firstPrice, shade: 0.1)), 2),
            (.proportional, 2),
        ]
        for (pricing, lookahead) in pricings {
            let params = ModelParameters(
                value: ValueModel(distribution: .uniform(low: 0, high: 0.2), multiBlockPremium: 0.3), lookahead: lookahead, pricing: pricing,
                maxSalesPerSlot: 2,
                builders: BuilderMarket(count: 3, noise: 0, auction: .secondPrice, skills: [1.2, 1.0, 0.7]),
                buyers: [
                    BuyerClass(name: "flaky", count: 3, missRate: 0.1),
                    BuyerClass(name: "averse", count: 2, riskAversion: 1, missRate: 0.02),
                    BuyerClass(name: "neutral", count: 2, discountPerSlot: 0, missRate: 0.05),
                ],
                secondaryMarket: SecondaryMarket(enabled: true, fee: 0.2, noise: 0.1))
            let paths = 8, slots = 400
            let sim = BatchSimulator(
                setup: SimulationSetup(parameters: params, slots: slots, seed: 44, point: 0), batchCapacity: paths, ticketChunk: slots * 8)
            sim.run(firstReplication: 0, count: paths)
            let names = params.buyers.map(\.name)
            let label = "\(pricing.mechanismName), lookahead \(lookahead)"
            var resold = 0.0
            for p in 0..<paths {
                let total = metric(sim, "value_total", path: p)
                let tolerance = 1e-12 * total
                let proposer = metric(sim, "proposer_revenue", path: p)
                let builder = metric(sim, "builder_profit", path: p)
                let profits = names.map { metric(sim, "profit.\($0)", path: p) }.reduce(0, +)
                let returns = sim.tickets(metric: MetricLayout.Ticket.ticketReturn, path: p)
                let prices = sim.tickets(metric: MetricLayout.Ticket.price, path: p)
                XCTAssertEqual(metric(sim, "surplus_total", path: p), builder + proposer, accuracy: tolerance, label)
                XCTAssertEqual(builder, 0.2 * proposer, accuracy: tolerance, label)
                XCTAssertEqual(zip(returns, prices).map { $0 + $1 }.reduce(0, +), proposer, accuracy: tolerance, label)
                XCTAssertEqual(proposer, profits + prices.reduce(0, +) - sim.resaleSellerNet(path: p), accuracy: tolerance, label)
                if let fixed = pricing.as(FixedPrice.self), lookahead == 0 {
                    let fees = metric(sim, "protocol_revenue", path: p) - fixed.price * metric(sim, "sales_per_slot", path: p) * Double(slots)
                    XCTAssertGreaterThan(fees, 0, label)
                    XCTAssertEqual(proposer, profits + fixed.price * Double(returns.count) + fees, accuracy: tolerance, label)
                }
                resold += metric(sim, "resale_rate", path: p) / Double(paths)
            }
            XCTAssertGreaterThan(resold, 0, "\(label): rights are resold")
            XCTAssertLessThan(resold, 1, "\(label): not every right is resold")
        }
    }
}
