/// `supply` tickets sold per slot to the highest marginal valuations, in sealed bids.
public struct TicketAuction: PricingMechanism {
    public static let name = "auction"
    public static let doc = "`supply` tickets per slot to the highest marginal valuations"
    public static let supplyParameter = ParameterSpec(
        "supply", .integer(low: 1, high: ParameterBounds.maxSales), .defaulted(.number(1)), "tickets sold per slot")
    public static let reserveParameter = ParameterSpec(
        "reserve", .number(.nonNegative), .defaulted(.number(0)), "reserve price, ETH: only bids at or above it win; second price pays at least it")
    public static let parameters = [supplyParameter] + SealedBid.parameters + [reserveParameter]
    public static let usesPool = true

    public var supply: Int
    /// Bids of marginal valuations `w`; first price pays `w (1 - shade)`.
    public var bidding: SealedBid
    /// Reserve price, ETH (0: none).
    public var reserve: Double

    public init(
        supply: Int = Int(TicketAuction.supplyParameter.declaredNumber), bidding: SealedBid = SealedBid(),
        reserve: Double = TicketAuction.reserveParameter.declaredNumber
    ) {
        self.supply = supply
        self.bidding = bidding
        self.reserve = reserve
    }

    public init(
        supply: Int = Int(TicketAuction.supplyParameter.declaredNumber), format: AuctionFormat,
        shade: Double = ParameterSpec.shade.declaredNumber, reserve: Double = TicketAuction.reserveParameter.declaredNumber
    ) {
        self.init(supply: supply, bidding: SealedBid(format: format, shade: shade), reserve: reserve)
    }

    public init(values: some ParameterValues) {
        self.init(supply: values.int(Self.supplyParameter), bidding: SealedBid(values: values), reserve: values.number(Self.reserveParameter))
    }

    public func maxSoldPerSlot(salesCap: Int) -> Int { supply }

    /// The `(s+1)`-th highest agent valuation at the pool after the auction (`supply` tickets),
    /// second price only (a fixed first-price shade has no equilibrium price to compare with).
    public func equilibriumBenchmark(_ parameters: ModelParameters, valuations: BenchmarkValuations) -> MechanismBenchmark? {
        guard bidding.hasBenchmark else { return nil }
        return valuations.kthBid(supply: supply, reserve: reserve) { valuations.marginal($0, poolAfter: supply) }
    }
    /// Bids are evaluated at the pool size after the auction.
    public var valuationHeadroom: Int { supply }

    public func sell(_ market: BatchSimulator, _ slot: SlotContext, postedAtDraw: Double) -> Double {
        market.sellByAuction(slot, rule: self)
    }
}

extension Pricing {
    public static func auction(_ rule: TicketAuction) -> Pricing { Pricing(rule) }
}

extension BatchSimulator {
    /// `supply` tickets sold to the highest marginal valuations `w(H + supply)` (every bid is
    /// evaluated at the pool size after the auction); within a class the winners are random
    /// agents below their caps, each taking up to `max_buy_per_slot`. Second price: every winner
    /// pays the highest losing bid (the next unit of the last winning class if it has capacity
    /// left, else the next class's bid, caps of other classes ignored; 0 if none). First price:
    /// each pays its shaded bid. A reserve `r > 0` admits only bids with `w >= r` (second
    /// price) or `w (1 - shade) >= r` (first price), and a second-price winner pays
    /// `max(highest losing bid, r)`. With tickets that expire, a bid is the break-even price
    /// `w(H + supply, b) = b` (`expiringBid`). Returns the mean price paid (0 when nothing sold).
    func sellByAuction(_ c: SlotContext, rule: TicketAuction) -> Double {
        let p = c.path, t = c.slot, replication = c.replication, measured = c.measured
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: max(state.classes, 1)) { bids in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: max(state.classes, 1)) { rank in
                withUnsafeTemporaryAllocation(of: Int.self, capacity: max(rule.supply, 1) * 2) { winners in
                    let h = state.poolCount[p] + rule.supply
                    for k in 0..<state.classes { bids[k] = expiryRule.enabled ? expiringBid(p, k, poolAfter: h) : valuation(p, k, poolAfter: h) }
                    // The lowest `w` admitted: bids below the reserve neither win nor set the price.
                    let admitted = rule.bidding.format == .secondPrice ? rule.reserve : rule.reserve / (1 - rule.bidding.shade)
                    rankClasses(bids.baseAddress!, into: rank.baseAddress!)
                    var remaining = rule.supply
                    var winnerCount = 0
                    var losingBid = 0.0
                    var draw = 0
                    for r in 0..<state.classes {
                        let k = rank[r]
                        guard bids[k] > 0 && bids[k] >= admitted else { break }
                        if remaining == 0 { losingBid = bids[k]; break }
                        var served = 0
                        while remaining > 0 {
                            let a = randomAgent(p, ofClass: k, slot: t, replication: replication, draw: &draw, skip: served)
                            guard a >= 0 else { break }
                            served += 1
                            let room = classes.maxTickets[k] == Int.max ? Int.max : classes.maxTickets[k] - Int(state.held[p * state.agents + a])
                            let units = min(classes.maxBuyPerSlot[k], room, remaining)
                            for _ in 0..<units {
                                winners[2 * winnerCount] = a
                                winners[2 * winnerCount + 1] = k
                                winnerCount += 1
                            }
                            remaining -= units
                            if remaining == 0 && (units < min(classes.maxBuyPerSlot[k], room) || served < classes.count[k]) {
                                losingBid = bids[k]
                            }
                        }
                        if remaining == 0 && losingBid > 0 { break }
                    }
                    var paid = 0.0
                    for w in 0..<winnerCount {
                        let k = winners[2 * w + 1]
                        let price = rule.bidding.format == .secondPrice ? max(losingBid, rule.reserve) : rule.bidding.price(bid: bids[k], losing: losingBid)
                        addToPool(p, agent: winners[2 * w], price: price, slot: t, measured: measured)
                        paid += price
                    }
                    return winnerCount > 0 ? paid / Double(winnerCount) : 0
                }
            }
        }
    }
}
