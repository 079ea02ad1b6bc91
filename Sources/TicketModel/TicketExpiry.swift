/// The kernel's side of ticket expiry and refunds (MODEL.md section 5; `TicketTerms`): which
/// tickets leave the pool, what their holders get back, and how a buyer values a ticket that
/// may expire (`ExpiryValuation`).
///
/// Built once per simulator. `enabled` is false without `tickets.expiry` or without a pool, and
/// then nothing here runs: the kernel is the one without expiry, bit for bit.
struct ExpiryRule {
    let enabled: Bool
    /// `E`, slots (`Int.max` when disabled).
    let expiry: Int
    /// `rho`.
    let refund: Double
    /// `ExpiryValuation.WaitFactors` of class `k` at pool size after the purchase `H`, at
    /// `k * size + H` for `H < size` (entry 0 holds `H = 1`'s; a purchase always leaves `H >= 1`).
    let factors: [ExpiryValuation.WaitFactors]
    let size: Int
    let discounts: [Double]

    /// The table covers every pool size the kernel can reach with expiry on: the pool only holds
    /// tickets bought in the last `E` slots, at most `maxSoldPerSlot` a slot (and at most 2^16,
    /// beyond which factors are computed when needed). O(classes x size) transcendental calls.
    init(_ parameters: ModelParameters, usesPool: Bool, maxSoldPerSlot: Int, headroom: Int) {
        discounts = parameters.buyers.map(\.discountPerSlot)
        refund = parameters.tickets.refund
        guard usesPool, let e = parameters.tickets.expiry else {
            enabled = false
            expiry = Int.max
            factors = []
            size = 0
            return
        }
        enabled = true
        expiry = e
        let (reach, overflow) = e.multipliedReportingOverflow(by: max(maxSoldPerSlot, 1))
        let size = min(overflow ? Int.max - 1 : reach, 1 << 16) + headroom + 2
        self.size = size
        var table: [ExpiryValuation.WaitFactors] = []
        table.reserveCapacity(size * discounts.count)
        for d in discounts {
            for h in 0..<size { table.append(ExpiryValuation.waitFactors(pool: Double(max(h, 1)), discount: d, expiry: e)) }
        }
        factors = table
    }
}

extension BatchSimulator {
    /// Class `k`'s wait factors at `h` tickets in the pool after the purchase (`h >= 1`).
    @inline(__always)
    func waitFactors(_ k: Int, poolAfter h: Int) -> ExpiryValuation.WaitFactors {
        let rule = expiryRule
        if h < rule.size { return rule.factors[k * rule.size + h] }
        return ExpiryValuation.waitFactors(pool: Double(h), discount: rule.discounts[k], expiry: rule.expiry)
    }

    /// `w_k(H, price)` with expiry: with the wait factors of `(H, d_k, E)` (`ExpiryValuation`),
    /// the refund `c = rho * price`, the lookahead factor `lambda = (1 + d)^-L` and the path's
    /// belief `(pi, Var R)`,
    ///
    ///     w = lambda pi A1 + c delta^E s  -  a/2 Var[PV],   Var[PV] = E[R^2] A2 + c^2 delta^2E s - (pi A1 + c delta^E s)^2
    ///
    /// As without expiry (`Valuation.marginal`), the lookahead discounts the payoff's mean and
    /// not the variance term; as `E -> inf` this is `Valuation.marginal`. Four products and no
    /// transcendental function when `H` is in the table.
    @inline(__always)
    func expiringValuation(_ p: Int, _ k: Int, poolAfter h: Int, price: Double) -> Double {
        let f = waitFactors(k, poolAfter: h)
        let b = belief(p, k)
        let v = valuations[k]
        let c = expiryRule.refund * price
        let mean = v.lookaheadFactor * b.mean * f.a1 + c * f.expiryDiscount
        if v.riskAversion == 0 { return mean }
        let spread = ExpiryValuation.moments(f, payoffMean: b.mean, payoffSecondMoment: b.variance + b.mean * b.mean, refund: c).variance
        return mean - v.riskAversion / 2 * spread
    }

    /// The valuation the sale steps use: `w_k(H)`, or `w_k(H, price)` when tickets expire.
    @inline(__always)
    func marketValuation(_ p: Int, _ k: Int, poolAfter h: Int, price: Double) -> Double {
        expiryRule.enabled ? expiringValuation(p, k, poolAfter: h, price: price) : valuation(p, k, poolAfter: h)
    }

    /// Class `k`'s auction bid when tickets expire: the highest price `b >= 0` at which a
    /// ticket is still worth its price, `w_k(H, b) = b` (the refund is a share of the price
    /// paid, so the valuation moves with it). `w(H, b) - b = alpha + beta b + gamma b^2` with
    /// (`A1`, `A2`, `u = delta^E s`, `u2 = delta^2E s`, `lambda` as in `expiringValuation`)
    ///
    ///     alpha = lambda pi A1 - a/2 (E[R^2] A2 - (pi A1)^2)     (the valuation at price 0)
    ///     beta  = rho u (1 + a pi A1) - 1
    ///     gamma = -a/2 rho^2 (u2 - u^2)
    ///
    /// The bid is the smallest root above 0 where `alpha >= 0` (the price at which the ticket
    /// stops paying), `alpha` itself otherwise (a negative bid: the class does not buy), and
    /// `alpha` when there is no such root (a risk seeker whose refund gamble would be worth any
    /// price: capped at its valuation without the refund's variance term).
    func expiringBid(_ p: Int, _ k: Int, poolAfter h: Int) -> Double {
        let f = waitFactors(k, poolAfter: h)
        let b = belief(p, k)
        let v = valuations[k]
        let rho = expiryRule.refund
        let a = v.riskAversion
        let payoff = b.mean * f.a1
        let alpha = v.lookaheadFactor * payoff - a / 2 * (max(0, (b.variance + b.mean * b.mean) * f.a2 - payoff * payoff))
        guard alpha >= 0 else { return alpha }
        let beta = rho * f.expiryDiscount * (1 + a * payoff) - 1
        let gamma = -a / 2 * rho * rho * (f.expiryDiscountSquared - f.expiryDiscount * f.expiryDiscount)
        if gamma == 0 { return beta < 0 ? alpha / -beta : alpha }
        let discriminant = beta * beta - 4 * alpha * gamma
        guard discriminant >= 0 else { return alpha }
        // The roots of gamma b^2 + beta b + alpha, in the form without cancellation.
        let q = -(beta + (beta < 0 ? -1 : 1) * discriminant.squareRoot()) / 2
        let first = q / gamma, second = q != 0 ? alpha / q : Double.infinity
        var bid = Double.infinity
        if first >= 0 { bid = first }
        if second >= 0 && second < bid { bid = second }
        return bid.isFinite ? bid : alpha
    }

    /// Phase "expiry" of slot `t` (MODEL.md section 10: after the draw): every ticket bought in
    /// slot `t - E` or earlier still in path `p`'s pool leaves it; its holder gets `rho * price`
    /// back. In a measured slot the refund comes off `protocol_revenue`, the class's profit gets
    /// `refund - price` (the ticket is used up here), the ticket is recorded with payoff = refund
    /// (its `ticket_wait` is NaN: it proposes no slot), and it counts towards `expired_rate`, as
    /// the draw (`drawFromPools`, before it) does towards its denominator.
    ///
    /// Cost: O(1) in a slot where no ticket can have expired, O(pool) otherwise (one pass, which
    /// also finds the oldest remaining purchase: the next pass comes `E` slots after it at most).
    @inline(__always)
    func expireTickets(_ p: Int, slot t: Int, measured: Bool) {
        let s = state
        let limit = t - expiryRule.expiry
        guard s.oldestPurchase[p] <= limit else { return }
        let pool = s.pool.pointee
        let base = pool.base(p)
        var n = s.poolCount[p]
        // Tickets sold later in this slot or after have purchase slots >= t.
        var oldest = t
        var i = 0
        while i < n {
            let ticket = pool.tickets[base + i]
            let bought = Int(ticket.slot)
            guard bought <= limit else {
                oldest = min(oldest, bought)
                i += 1
                continue
            }
            let agent = Int(ticket.agent)
            let price = ticket.price
            s.held[p * s.agents + agent] -= 1
            if measured {
                let refund = expiryRule.refund * price
                s.revenue[p] -= refund
                s.classProfit[p * s.classes + agentClass[agent]] += refund - price
                s.expiredTickets[p] += 1
                recordTicket(p, payoff: refund, price: price, wait: 0)
                ticketColumn(MetricLayout.Ticket.wait, path: p)[s.ticketCount[p] - 1] = .nan
            }
            n -= 1
            pool.tickets[base + i] = pool.tickets[base + n]
        }
        s.poolCount[p] = n
        s.oldestPurchase[p] = oldest
    }
}
