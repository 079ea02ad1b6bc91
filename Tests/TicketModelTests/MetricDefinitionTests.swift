import SweepTestSupport
import TicketModel
import XCTest

/// MODEL.md sections 4, 6, 8 and 10: each metric's definition in a configuration whose answer is
/// known in closed form, and the identities that tie the metrics together. Deterministic checks
/// state their tolerance as a relative error (float summation only); statistical ones fix the
/// seed and state it in standard errors.
final class MetricDefinitionTests: XCTestCase {
    /// One agent buying one ticket a slot at a fixed price, lookahead 0: the pool holds exactly
    /// one ticket at every draw, so every measured slot is proposed by that agent. Constant value
    /// V = 0.1; builders as given.
    func soloBuyer(_ builders: BuilderMarket, extraction: Double = 0, missRate: Double = 0) -> ModelParameters {
        ModelParameters(
            value: ValueModel(distribution: .constant(0.1)), lookahead: 0, pricing: .fixed(price: 0.05),
            builders: builders,
            buyers: [BuyerClass(name: "solo", count: 1, extraction: extraction, discountPerSlot: 0, missRate: missRate)])
    }

    /// Runs one batch of `paths` paths and keeps every ticket of each path readable.
    func simulate(
        _ params: ModelParameters, slots: Int, paths: Int, seed: UInt64 = 1, beliefs: [PayoffBelief]? = nil, ticketsPerSlot: Int = 1
    ) -> BatchSimulator {
        let sim = BatchSimulator(
            setup: SimulationSetup(parameters: params, slots: slots, seed: seed, point: 0), batchCapacity: paths,
            beliefs: beliefs, ticketChunk: slots * ticketsPerSlot)
        sim.run(firstReplication: 0, count: paths)
        return sim
    }

    func metric(_ sim: BatchSimulator, _ name: String, path p: Int) -> Double {
        guard let c = sim.layout.pathMetrics.firstIndex(of: name) else { fatalError("no metric \(name)") }
        return sim.pathRows[p * sim.layout.pathMetrics.count + c]
    }

    func assertRelative(
        _ x: Double, _ expected: Double, _ tolerance: Double = 1e-12, _ message: String = "", file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertEqual(x, expected, accuracy: tolerance * max(abs(expected), 1e-300), message, file: file, line: line)
    }

    // MARK: - Builder auction (MODEL.md section 6)

    /// `builder_profit` and the payment follow the builders' skills with noise 0 (values
    /// `q_j V`). Skills listed out of order, `(0.8, 1.3, 1.1)`, V = 0.1, T = 200 measured slots,
    /// all proposed:
    /// - second price pays the second-highest skill: proposer revenue `T * 1.1 V = 22`, builder
    ///   surplus `(1.3 - 1.1) V` per slot, `builder_profit = 4`;
    /// - first price with shade 0.1 pays the highest bid `0.9 * 1.3 V`: proposer revenue 23.4,
    ///   builder surplus `0.1 * 1.3 V` per slot, `builder_profit = 2.6`;
    /// - two builders tied at the top skill leave the winner no surplus: `builder_profit = 0`.
    /// Tolerance 1e-12 relative (200 float additions).
    func testBuilderPaymentAndProfitFollowSkills() {
        let cases: [(BuilderMarket, proposer: Double, builder: Double)] = [
            (BuilderMarket(count: 3, noise: 0, auction: .secondPrice, skills: [0.8, 1.3, 1.1]), 22, 4),
            (BuilderMarket(count: 3, noise: 0, auction: .firstPrice, shade: 0.1, skills: [0.8, 1.3, 1.1]), 23.4, 2.6),
            (BuilderMarket(count: 3, noise: 0, auction: .secondPrice, skills: [1.3, 0.5, 1.3]), 26, 0),
        ]
        for (builders, proposer, builder) in cases {
            let sim = simulate(soloBuyer(builders), slots: 200, paths: 2)
            for p in 0..<2 {
                XCTAssertEqual(metric(sim, "empty_slot_rate", path: p), 0)
                assertRelative(metric(sim, "proposer_revenue", path: p), proposer, 1e-12, "\(builders)")
                if builder == 0 {
                    XCTAssertEqual(metric(sim, "builder_profit", path: p), 0, "\(builders)")
                } else {
                    assertRelative(metric(sim, "builder_profit", path: p), builder, 1e-12, "\(builders)")
                }
            }
        }
    }

    /// A holder whose own extraction beats the builders' payment builds itself (MODEL.md section
    /// 6: it receives `max(e V, payment)`): with `e = 1.2` against a second-price payment of
    /// `1.1 V` it receives `T * 1.2 V = 24` and no builder earns anything, although the best
    /// builder's value `1.3 V` exceeds `e V`.
    func testHolderThatBuildsLeavesNoBuilderProfit() {
        let builders = BuilderMarket(count: 3, noise: 0, auction: .secondPrice, skills: [0.8, 1.3, 1.1])
        let sim = simulate(soloBuyer(builders, extraction: 1.2), slots: 200, paths: 2)
        for p in 0..<2 {
            assertRelative(metric(sim, "proposer_revenue", path: p), 24)
            XCTAssertEqual(metric(sim, "builder_profit", path: p), 0)
        }
    }

    /// Exact beliefs (MODEL.md section 10) see the same auction: `pi = (1 - m) E[V] max(e, P/V)`
    /// and, for a constant V with noise 0, the payoff is `R = V max(e, P/V)` kept with
    /// probability `1 - m`, so `Var = m (1 - m) R^2`. Skills (0.8, 1.3, 1.1), V = 0.1, m = 0.25:
    /// second price `R = 0.11`, `pi = 0.0825`, `Var = 0.75 * 0.25 * 0.11^2 = 0.00226875`; first
    /// price, shade 0.1: `R = 0.117`, `pi = 0.08775`, `Var = 0.0025666875`; extraction 1.2 over
    /// second price: `R = 0.12`, `pi = 0.09`, `Var = 0.0027`. Tolerance 1e-12 relative.
    func testExactBeliefsFollowSkills() {
        let second = BuilderMarket(count: 3, noise: 0, auction: .secondPrice, skills: [0.8, 1.3, 1.1])
        let first = BuilderMarket(count: 3, noise: 0, auction: .firstPrice, shade: 0.1, skills: [0.8, 1.3, 1.1])
        let cases: [(ModelParameters, mean: Double, variance: Double)] = [
            (soloBuyer(second, missRate: 0.25), 0.0825, 0.00226875),
            (soloBuyer(first, missRate: 0.25), 0.08775, 0.0025666875),
            (soloBuyer(second, extraction: 1.2, missRate: 0.25), 0.09, 0.0027),
        ]
        for (params, mean, variance) in cases {
            let belief = ClosedFormBeliefs.exact(params)[0]
            assertRelative(belief.mean, mean)
            assertRelative(belief.variance, variance, 1e-9)
        }
    }

    // MARK: - Allocation: slot shares, HHI, top share, runs (MODEL.md sections 8 and 10)

    /// A fixed price of 0.15 that only one agent pays: "rich" (one agent, extraction 2) values a
    /// slot at 0.2, each of the three "poor" agents (extraction 0, builders paying V) at 0.1.
    /// Constant V = 0.1, lookahead 3, T = 300. Every metric follows by hand:
    /// rich proposes every slot (`slot_share.rich = 1`, `slot_share.poor = 0`, `hhi = 10000`,
    /// `top_share = 1`, `longest_run = 300`); it builds itself (`proposer_revenue = 300 * 0.2`,
    /// `builder_profit = 0`); it buys one ticket per slot (`protocol_revenue = 45`,
    /// `profit.rich = 60 - 45`); the surplus is what rich extracts, `surplus_total = 60`, so
    /// `capture_ratio = 45 / 60 = 0.75` (version 1 divided by `value_total` and reported 1.5);
    /// `nakamoto = 1`, `run_share = 299 / 300` (the first measured slot starts the run). The pool holds one ticket after each
    /// slot's sales, bought after that slot's draw and drawn in the next slot for the slot L
    /// later: `ticket_wait = L + 1 = 4`, `ticket_return = 0.2 - 0.15`, `ticket_multiple = 0.2 /
    /// 0.15`, `ticket_price = 0.15`. Tolerance 1e-12 relative.
    func testMonopolistMetrics() {
        let params = ModelParameters(
            value: ValueModel(distribution: .constant(0.1)), lookahead: 3, pricing: .fixed(price: 0.15),
            builders: BuilderMarket(count: 3, noise: 0, auction: .secondPrice),
            buyers: [
                BuyerClass(name: "rich", count: 1, extraction: 2, discountPerSlot: 0),
                BuyerClass(name: "poor", count: 3, discountPerSlot: 0),
            ])
        let slots = 300
        let sim = simulate(params, slots: slots, paths: 2)
        let exact: [(String, Double)] = [
            ("slot_share.rich", 1), ("slot_share.poor", 0), ("hhi", 10_000), ("top_share", 1), ("longest_run", 300),
            ("builder_profit", 0), ("profit.poor", 0), ("empty_slot_rate", 0), ("missed_slot_rate", 0), ("lost_value", 0),
            ("sales_per_slot", 1), ("pool_mean", 1), ("pool_sd", 0), ("price_mean", 0.15), ("price_sd", 0),
        ]
        let relative: [(String, Double)] = [
            ("value_total", 30), ("proposer_revenue", 60), ("protocol_revenue", 45), ("profit.rich", 15), ("capture_ratio", 0.75),
            ("surplus_total", 60), ("nakamoto", 1), ("run_share", 299.0 / 300),
        ]
        for p in 0..<2 {
            for (name, value) in exact { XCTAssertEqual(metric(sim, name, path: p), value, accuracy: 1e-12, name) }
            for (name, value) in relative { assertRelative(metric(sim, name, path: p), value, 1e-12, name) }
            let expected: [(Int, Double)] = [
                (MetricLayout.Ticket.ticketReturn, 0.05), (MetricLayout.Ticket.multiple, 4.0 / 3.0),
                (MetricLayout.Ticket.wait, 4), (MetricLayout.Ticket.price, 0.15),
            ]
            for (m, value) in expected {
                let tickets = sim.tickets(metric: m, path: p)
                XCTAssertEqual(tickets.count, slots)
                for x in tickets { XCTAssertEqual(x, value, accuracy: 1e-12, MetricLayout.ticketMetricNames[m]) }
            }
        }
    }

    /// `hhi` and `top_share` count agents, not classes (MODEL.md section 10). Proportional
    /// allocation among one class of n = 4 identical agents gives each slot to a uniformly random
    /// agent, independently, so an agent's slot counts over T = 50 slots are multinomial(50; 1/4
    /// each): `E[hhi] = 2650` (`10000 (1/n + (1 - 1/n)/T)`: 2500 plus the finite-sample term),
    /// sd 121.24, and `E[top_share] = 0.32444682427478144`, both by exact enumeration of the
    /// multinomial in Python (one-liner below). `slot_share.crowd` is 1 on every path.
    /// 2000 paths; tolerance 4 SE; the sd of hhi within 10% of the exact one (slots independent).
    func testConcentrationOfSymmetricAgents() {
        let params = ModelParameters(
            value: ValueModel(distribution: .constant(1)), lookahead: 0, pricing: .proportional,
            builders: BuilderMarket(count: 3, noise: 0, auction: .secondPrice),
            buyers: [BuyerClass(name: "crowd", count: 4, discountPerSlot: 0)])
        let run = ModelRun(SimulationSetup(parameters: params, slots: 50, seed: 21, point: 0), paths: 2000, batch: 250)
        XCTAssertEqual(run.column("slot_share.crowd"), Array(repeating: 1, count: 2000))
        let hhi = meanAndSE(run.column("hhi"))
        // python3 -c "from math import factorial as f; T=50; print(sum(f(T)/(f(a)*f(b)*f(c)*f(T-a-b-c))/4**T*10000*(a*a+b*b+c*c+(T-a-b-c)**2)/T**2 for a in range(T+1) for b in range(T+1-a) for c in range(T+1-a-b)))"
        XCTAssertEqual(hhi.mean, 2650, accuracy: 4 * hhi.se)
        XCTAssertLessThan(4 * hhi.se, 150, "the test resolves the finite-sample term")
        // python3 -c "from math import factorial as f; T=50; print(sum(f(T)/(f(a)*f(b)*f(c)*f(T-a-b-c))/4**T*(10000*(a*a+b*b+c*c+(T-a-b-c)**2)/T**2-2650)**2 for a in range(T+1) for b in range(T+1-a) for c in range(T+1-a-b))**0.5)"
        XCTAssertEqual(hhi.se * Double(2000).squareRoot(), 121.24355652982082, accuracy: 0.1 * 121.24355652982082)
        let top = meanAndSE(run.column("top_share"))
        // python3 -c "from math import factorial as f; T=50; print(repr(sum(f(T)/(f(a)*f(b)*f(c)*f(T-a-b-c))/4**T*max(a,b,c,T-a-b-c)/T for a in range(T+1) for b in range(T+1-a) for c in range(T+1-a-b))))"
        XCTAssertEqual(top.mean, 0.32444682427478144, accuracy: 4 * top.se)
    }

    /// MODEL.md check 4 beyond pairs, and over agents: with each slot going to one of n = 4
    /// agents of one class uniformly and independently, a path of T = 3 slots has
    /// `longest_run = 1` with probability `(1 - 1/4)^2 = 9/16` (no two consecutive slots share an
    /// agent) and `longest_run = 3` with probability `(1/4)^2 = 1/16`. A run counted over
    /// classes would always be 3. 20,000 paths; tolerance 4 binomial SE.
    func testRunsOfSymmetricAgents() {
        let params = ModelParameters(
            value: ValueModel(distribution: .constant(1)), lookahead: 0, pricing: .proportional,
            builders: BuilderMarket(count: 3, noise: 0, auction: .secondPrice),
            buyers: [BuyerClass(name: "crowd", count: 4, discountPerSlot: 0)])
        let n = 20_000
        let run = ModelRun(SimulationSetup(parameters: params, slots: 3, seed: 22, point: 0), paths: n, batch: 500)
        let runs = run.column("longest_run")
        for (length, p) in [(1.0, 9.0 / 16.0), (3.0, 1.0 / 16.0)] {
            let fraction = Double(runs.filter { $0 == length }.count) / Double(n)
            XCTAssertEqual(fraction, p, accuracy: 4 * (p * (1 - p) / Double(n)).squareRoot(), "longest run \(length)")
        }
    }

    // MARK: - Tickets and the pool (MODEL.md sections 4, 7 and 8)

    /// A ticket's wait in a pool of H tickets, one drawn uniformly per slot, is geometric with
    /// mean H (MODEL.md sections 4 and 7), plus the lookahead: `ticket_wait = W + L`, `W >= 1`.
    /// Eight agents capped at one ticket each, lookahead L = 3 and a price all pay: three tickets
    /// are always assigned to the next L slots, so the pool holds H = 8 - 3 = 5 after each slot's
    /// sales (`pool_mean = 5`, `pool_sd = 0`) and every wait is at least L + 1 = 4.
    /// - `P(wait = L + 1) = 1/H = 0.2`: the ticket drawn in a slot is the one bought in the slot
    ///   before with probability 1/5, independently across slots (so binomial over the 16,000
    ///   tickets; tolerance 4 SE). A FIFO or LIFO draw would give 0 or 1.
    /// - The mean wait is `H + L = 8` (4 SE of per-path means; by Little's law it is nearly
    ///   fixed per path, so this checks the pool's bookkeeping more than the draw).
    /// `ticket_multiple = 0.1 / 0.01 = 10` for every ticket. 16 paths of 1000 slots.
    func testTicketWaitIsGeometricPlusLookahead() {
        let params = ModelParameters(
            value: ValueModel(distribution: .constant(0.1)), lookahead: 3, warmup: 50, pricing: .fixed(price: 0.01),
            builders: BuilderMarket(count: 3, noise: 0, auction: .secondPrice),
            buyers: [BuyerClass(name: "capped", count: 8, discountPerSlot: 0, maxTickets: 1)])
        let paths = 16, slots = 1000
        let sim = simulate(params, slots: slots, paths: paths, seed: 23)
        var means: [Double] = []
        var shortest = 0
        for p in 0..<paths {
            XCTAssertEqual(metric(sim, "pool_mean", path: p), 5, accuracy: 1e-12)
            XCTAssertEqual(metric(sim, "pool_sd", path: p), 0, accuracy: 1e-9)
            let waits = sim.tickets(metric: MetricLayout.Ticket.wait, path: p)
            XCTAssertEqual(waits.count, slots)
            XCTAssertEqual(waits.min(), 4)
            shortest += waits.filter { $0 == 4 }.count
            means.append(waits.reduce(0, +) / Double(waits.count))
            for m in sim.tickets(metric: MetricLayout.Ticket.multiple, path: p) { XCTAssertEqual(m, 10, accuracy: 1e-12) }
        }
        let n = Double(paths * slots)
        XCTAssertEqual(Double(shortest) / n, 0.2, accuracy: 4 * (0.2 * 0.8 / n).squareRoot())
        let wait = meanAndSE(means)
        XCTAssertEqual(wait.mean, 8, accuracy: 4 * wait.se)
    }

    /// The metrics' accounting identities under every pricing mechanism, in a market with random
    /// values (uniform(0, 0.2)), three classes with different miss rates, discount rates and risk
    /// aversions, and builders with skills (1.2, 1.0, 0.7), noise 0, second price and no
    /// extraction, so that a proposed slot pays its holder `1.0 V` and its winning builder
    /// `0.2 V`. Per path (MODEL.md version 2, sections 8 and 9, check 9):
    /// - `surplus_total = builder_profit + proposer_revenue` and `proposer_revenue = sum_k
    ///   profit.k + (prices of the tickets used)` (profit over the tickets used in measured slots;
    ///   version 1 subtracted the prices of the tickets *sold* in measured slots instead, which
    ///   MODEL.md version 2 corrects);
    /// - `proposer_revenue = value_total - lost_value` and `builder_profit = 0.2 (value_total -
    ///   lost_value)` (the lost value is exactly that of the unproposed slots);
    /// - `sum_k slot_share.k = 1` (shares of the proposed slots; version 1 divided by all slots);
    /// - one ticket per measured slot with a holder (`T (1 - empty_slot_rate)` tickets; more under
    ///   proportional allocation, where every losing spend is a ticket), and the tickets' payoffs
    ///   `ticket_return + ticket_price` sum to `proposer_revenue` (a missed slot's ticket pays
    ///   0); `ticket_multiple * ticket_price = ticket_return + ticket_price` per ticket of a
    ///   positive price (NaN, left out of the metric, at price 0).
    /// With expiry on (`E = 6`, refund 0.5; every pool mechanism, `fixed` included, and a
    /// reserve on the auction) the identities hold with the refunds: `proposer_revenue +
    /// refunds = sum_k profit.k + (prices of the tickets used)`, where a ticket expired in a
    /// measured slot is used there (`ticket_wait` NaN: it proposes no slot) and pays its refund,
    /// `rho * price`; at the fixed price, `protocol_revenue = price * sales - refunds`.
    /// Tolerance 1e-12 relative to `value_total` (float summation in different orders).
    func testAccountingIdentities() {
        let expiring = TicketTerms(expiry: 6, refund: 0.5)
        let pricings: [(Pricing, TicketTerms)] = [
            (.eip1559(EIP1559Pricing(target: .pool(8), quotient: 8, initialPrice: 0.1)), TicketTerms()),
            (.exponential(ExponentialPricing(targetPool: 8, quotient: 4, priceAtTarget: 0.05)), TicketTerms()),
            (.auction(TicketAuction(supply: 2, format: .secondPrice)), TicketTerms()),
            (.executionAuction(ExecutionAuction(lead: 3, format: .firstPrice, shade: 0.1)), TicketTerms()),
            (.proportional, TicketTerms()),
            (.fixed(price: 0.05), expiring),
            (.eip1559(EIP1559Pricing(target: .pool(8), quotient: 8, initialPrice: 0.1)), expiring),
            (.exponential(ExponentialPricing(targetPool: 8, quotient: 4, priceAtTarget: 0.05)), expiring),
            (.auction(TicketAuction(supply: 2, format: .secondPrice, reserve: 0.01)), expiring),
        ]
        for (pricing, terms) in pricings {
            var params = ModelParameters(
                value: ValueModel(distribution: .uniform(low: 0, high: 0.2)), lookahead: 2, pricing: pricing,
                builders: BuilderMarket(count: 3, noise: 0, auction: .secondPrice, skills: [1.2, 1.0, 0.7]),
                buyers: [
                    BuyerClass(name: "flaky", count: 3, missRate: 0.1),
                    BuyerClass(name: "averse", count: 2, riskAversion: 1, missRate: 0.02),
                    BuyerClass(name: "neutral", count: 2, discountPerSlot: 0, missRate: 0.05),
                ])
            params.tickets = terms
            let paths = 8, slots = 400
            // Room for every ticket of a path (proportional: one per agent and contest).
            let sim = simulate(params, slots: slots, paths: paths, seed: 24, ticketsPerSlot: 8)
            let names = params.buyers.map(\.name)
            let mechanism = pricing.mechanismName + (terms.expiry == nil ? "" : " with expiry")
            var expired = 0
            var missed = 0.0
            for p in 0..<paths {
                let total = metric(sim, "value_total", path: p)
                let tolerance = 1e-12 * total
                let proposer = metric(sim, "proposer_revenue", path: p)
                let protocolRevenue = metric(sim, "protocol_revenue", path: p)
                let lost = metric(sim, "lost_value", path: p)
                let profits = names.map { metric(sim, "profit.\($0)", path: p) }.reduce(0, +)
                let returns = sim.tickets(metric: MetricLayout.Ticket.ticketReturn, path: p)
                let prices = sim.tickets(metric: MetricLayout.Ticket.price, path: p)
                let multiples = sim.tickets(metric: MetricLayout.Ticket.multiple, path: p)
                let waits = sim.tickets(metric: MetricLayout.Ticket.wait, path: p)
                // Expired tickets (NaN wait) pay their refund, half their price.
                var refunds = 0.0, expiredCount = 0
                for i in waits.indices where waits[i].isNaN {
                    XCTAssertEqual(returns[i] + prices[i], 0.5 * prices[i], accuracy: 1e-15, "\(mechanism): the refund")
                    refunds += returns[i] + prices[i]
                    expiredCount += 1
                }
                expired += expiredCount
                // MODEL.md version 2, section 8: profit is over the tickets used in measured slots.
                XCTAssertEqual(proposer + refunds, profits + prices.reduce(0, +), accuracy: tolerance, mechanism)
                if case .some(let fixed) = pricing.as(FixedPrice.self) {
                    let sold = metric(sim, "sales_per_slot", path: p) * Double(slots)
                    XCTAssertEqual(protocolRevenue, fixed.price * sold - refunds, accuracy: tolerance, mechanism)
                }
                if terms.expiry != nil && expiredCount > 0 {
                    let left = Double(expiredCount) / metric(sim, "expired_rate", path: p)
                    XCTAssertEqual(left, left.rounded(), accuracy: 1e-9, "\(mechanism): expired_rate counts the expired tickets")
                }
                XCTAssertEqual(metric(sim, "surplus_total", path: p), metric(sim, "builder_profit", path: p) + proposer, accuracy: tolerance, mechanism)
                XCTAssertEqual(proposer, total - lost, accuracy: tolerance, mechanism)
                XCTAssertEqual(metric(sim, "builder_profit", path: p), 0.2 * (total - lost), accuracy: tolerance, mechanism)
                let empty = metric(sim, "empty_slot_rate", path: p)
                let missedRate = metric(sim, "missed_slot_rate", path: p)
                missed += missedRate
                // Shares are over the proposed slots (version 2): they sum to 1.
                let shares = names.map { metric(sim, "slot_share.\($0)", path: p) }.reduce(0, +)
                XCTAssertEqual(shares, 1, accuracy: 1e-12, mechanism)
                XCTAssertLessThan(empty + missedRate, 1, mechanism)
                if pricing == .proportional {
                    // Every losing spend is a ticket too (used in its contest, paying 0).
                    XCTAssertGreaterThan(Double(returns.count), Double(slots) * (1 - empty), mechanism)
                } else {
                    XCTAssertEqual(Double(returns.count - expiredCount), Double(slots) * (1 - empty), accuracy: 1e-9, mechanism)
                }
                XCTAssertEqual(zip(returns, prices).map { $0 + $1 }.reduce(0, +), proposer + refunds, accuracy: tolerance, mechanism)
                for i in returns.indices {
                    if prices[i] == 0 {
                        XCTAssertTrue(multiples[i].isNaN, "\(mechanism): a ticket bought at price 0 has no multiple")
                        continue
                    }
                    XCTAssertEqual(multiples[i] * prices[i], returns[i] + prices[i], accuracy: 1e-12 * max(prices[i], 1), mechanism)
                }
                XCTAssertGreaterThan(protocolRevenue, 0, "\(mechanism): tickets were sold")
            }
            XCTAssertGreaterThan(missed, 0, "\(mechanism): the scenario has missed slots")
            if terms.expiry != nil { XCTAssertGreaterThan(expired, 20, "\(mechanism): tickets expired") }
        }
    }

    // MARK: - Valuation and beliefs (MODEL.md section 4)

    /// `w(H) = pi (1+d)^-L / (1 + H d) - a/2 [(Var R + pi^2) / (H d^2 + 2 H d + 1) - pi^2 /
    /// (H^2 d^2 + 2 H d + 1)]` against literals evaluated in exact rational arithmetic:
    /// python3 -c "from fractions import Fraction as F; w=lambda p,v,d,L,H,a: p*(1+d)**-L/(1+H*d)-a/2*((v+p*p)/(H*d*d+2*H*d+1)-p*p/(H*H*d*d+2*H*d+1)); print([repr(float(w(*map(F,x[:3]),x[3],x[4],F(x[5])))) for x in [('0.12','0.05','0.001',32,64,'2'),('1','4','0.01',0,10,'-1'),('0.1246','0.3','2e-8',32,64,'0.5'),('0.5','0','0.02',5,3,'0')]])"
    /// Tolerance 1e-12 relative (the inputs' decimal literals are not exact doubles).
    func testMarginalValuationLiterals() {
        let cases: [(pi: Double, varR: Double, d: Double, L: Int, H: Double, a: Double, expected: Double)] = [
            (0.12, 0.05, 0.001, 32, 64, 2, 0.06486262203531795),
            (1, 4, 0.01, 0, 10, -1, 2.577466436371894),  // risk seeking: above the mean 1/1.1
            (0.1246, 0.3, 2e-8, 32, 64, 0.5, 0.04959995276783667),  // about 5%/year
            (0.5, 0, 0.02, 5, 3, 0, 0.427231514070715),  // risk neutral: the variance term vanishes
        ]
        for c in cases {
            let buyer = BuyerClass(name: "b", discountPerSlot: c.d, riskAversion: c.a)
            let w = Valuation(buyer: buyer, lookahead: c.L).marginal(poolAfter: c.H, belief: PayoffBelief(mean: c.pi, variance: c.varR))
            assertRelative(w, c.expected, 1e-12, "\(c)")
        }
    }

    /// EWMA beliefs with half-life h move halfway to a new constant payoff in h observed slots.
    /// Observed only through purchases: one risk-neutral agent (d = 0, so its valuation is its
    /// belief mean), one ticket a slot at most, a fixed price just above or just below half the
    /// step. A belief is updated with a slot's payoff before that slot's sales, so after slot t
    /// it has seen t + 1 payoffs and is `new + (old - new) 2^(-(t+1)/h)`.
    /// - Falling (prior 1, payoffs 0, h = 40): it buys while the belief is at least the price:
    ///   slots 0 ... 38 (39 sales) at 0.5005 and 0 ... 39 (40 sales) at 0.4995.
    /// - Rising (prior 0, payoffs 1, h = 16): it buys from slot 15 at 0.4995 (85 of 100 slots) and
    ///   from slot 16 at 0.5005 (84).
    /// Deterministic. A weight of 1/h instead of 1 - 2^(-1/h) would reach half after about
    /// 0.69 h slots (27 sales instead of 39 in the falling case), and a half-life off by one slot
    /// would move both counts by one.
    func testEWMAHalfLife() {
        func sales(prior: Double, value: Double, halfLife: Double, price: Double) -> Int {
            let learner = BuyerClass(name: "learner", count: 1, discountPerSlot: 0, belief: .ewma(halfLife: halfLife))
            let params = ModelParameters(
                value: ValueModel(distribution: .constant(value)), lookahead: 0, warmup: 0, pricing: .fixed(price: price),
                builders: BuilderMarket(count: 3, noise: 0, auction: .secondPrice), buyers: [learner])
            let sim = simulate(params, slots: 100, paths: 1, beliefs: [PayoffBelief(mean: prior, variance: 0)])
            return Int((metric(sim, "sales_per_slot", path: 0) * 100).rounded())
        }
        XCTAssertEqual(sales(prior: 1, value: 0, halfLife: 40, price: 0.5005), 39)
        XCTAssertEqual(sales(prior: 1, value: 0, halfLife: 40, price: 0.4995), 40)
        XCTAssertEqual(sales(prior: 0, value: 1, halfLife: 16, price: 0.4995), 85)
        XCTAssertEqual(sales(prior: 0, value: 1, halfLife: 16, price: 0.5005), 84)
        // The same start given as the class's `prior` instead of the simulator's beliefs.
        let learner = BuyerClass(
            name: "learner", count: 1, discountPerSlot: 0, belief: .ewma(halfLife: 40), prior: PayoffBelief(mean: 1, variance: 0))
        let params = ModelParameters(
            value: ValueModel(distribution: .constant(0)), lookahead: 0, warmup: 0, pricing: .fixed(price: 0.5005),
            builders: BuilderMarket(count: 3, noise: 0, auction: .secondPrice), buyers: [learner])
        let sim = simulate(params, slots: 100, paths: 1)
        XCTAssertEqual(Int((metric(sim, "sales_per_slot", path: 0) * 100).rounded()), 39)
    }
}
