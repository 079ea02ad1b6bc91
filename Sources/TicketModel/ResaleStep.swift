import SweepMath
import SweepRandom

/// The secondary market's constants of a point, resolved once per simulator for the slot loop
/// (the rule is in `SecondaryMarket`'s doc comment).
struct ResaleRule {
    let enabled: Bool
    /// `phi`.
    let fee: Double
    /// `sigma_r` and `-sigma_r^2 / 2`.
    let noise: Double
    let drift: Double
    /// `log(1 + beta)`, added to the log bid of the holder of the neighbouring slot.
    let logPremium: Double
    /// `log(pi_k (1 + d_k)^-D)` per class under the simulator's initial beliefs.
    let logBase: [Double]
    let stream: RandomStream

    init(_ market: SecondaryMarket, premium beta: Double, beliefs: [PayoffBelief], valuations: [Valuation], seed: UInt64) {
        enabled = market.enabled
        fee = market.fee
        noise = market.noise
        drift = -market.noise * market.noise / 2
        logPremium = Elementary.log1p(beta)
        logBase = zip(beliefs, valuations).map { Elementary.log($0.mean * $1.lookaheadFactor) }
        stream = RandomStream(seed: seed, stream: RandomStreamID.resale.rawValue)
    }
}

extension BatchSimulator {
    /// MODEL.md section 5's resale of the right just assigned in slot `t` (slot `t + delay`),
    /// run between the draw and the holder's sale of slot `t`. Bids are compared in log space
    /// (`log b_i = log(pi_k (1+d_k)^-D) + sigma_r z_i - sigma_r^2/2 [+ log(1 + beta)]`), so only
    /// the price is exponentiated. Within a class the other bidders' bids are increasing in their
    /// uniforms, so one pass keeps each class's two largest uniforms, and only those, the
    /// holder's and the neighbour's get the normal quantile: O(agents) compares, one wide Philox
    /// fill of `agents` uniforms and at most `2 classes + 2` quantiles per path and slot; no
    /// allocation. The same numbers as evaluating every agent's bid.
    @inline(__always)
    func resellAssignedRight(_ c: SlotContext) {
        let p = c.path, t = c.slot
        let s = state, m = market, rule = resaleRule
        let ring = p * s.ringLength
        let target = ring + (t + delay) % s.ringLength
        m.sellerClass[target] = -1
        let holder = Int(s.ringAgent[target])
        guard holder >= 0 else { return }
        if c.measured { m.assigned[p] += 1 }
        // The holder of slot t + delay - 1 (for delay 0: the proposer of slot t - 1).
        let neighbour = Int(delay > 0 ? s.ringAgent[ring + (t + delay - 1) % s.ringLength] : m.lastProposer[p])
        let classCount = s.classes, agents = s.agents
        let base = m.classLogBase
        if anyEWMA {
            for k in 0..<classCount { base[k] = Elementary.log(s.beliefMean[p * classCount + k] * valuations[k].lookaheadFactor) }
        } else {
            for k in 0..<classCount { base[k] = rule.logBase[k] }
        }
        let u = m.uniforms
        rule.stream.fill(UnsafeMutableBufferPointer(start: u, count: agents), point: pointWord, replication: c.replication, slot: slotWord(t), firstIndex: 0)
        let top = m.classTop, topAgent = m.classTopAgent
        for k in 0 ..< 2 * classCount {
            top[k] = -1
            topAgent[k] = -1
        }
        for i in 0..<agents where i != holder && i != neighbour && belowCap(p, agent: i) {
            let k = 2 * agentClass[i]
            let x = u[i]
            if x > top[k] {
                top[k + 1] = top[k]
                topAgent[k + 1] = topAgent[k]
                top[k] = x
                topAgent[k] = Int32(i)
            } else if x > top[k + 1] {
                top[k + 1] = x
                topAgent[k + 1] = Int32(i)
            }
        }
        @inline(__always) func logBid(_ i: Int, _ x: Double) -> Double {
            var b = base[agentClass[i]]
            if rule.noise > 0 { b += rule.noise * StandardNormal.quantile(x) + rule.drift }
            if i == neighbour { b += rule.logPremium }
            return b
        }
        let own = logBid(holder, u[holder])
        var best = -Double.infinity, bestTie = 0.0, bestAgent = -1
        var second = -Double.infinity
        @inline(__always) func offer(_ i: Int, _ x: Double) {
            let b = logBid(i, x)
            if b > best || (b == best && x > bestTie) {
                second = best
                best = b
                bestTie = x
                bestAgent = i
            } else if b > second {
                second = b
            }
        }
        if neighbour >= 0 && neighbour != holder && belowCap(p, agent: neighbour) { offer(neighbour, u[neighbour]) }
        for k in 0 ..< 2 * classCount where topAgent[k] >= 0 { offer(Int(topAgent[k]), top[k]) }
        guard bestAgent >= 0, best > own else { return }
        let price = Swift.max(second == -.infinity ? 0 : Elementary.exp(second), Elementary.exp(own))
        m.sellerClass[target] = Int32(agentClass[holder])
        m.sellerNet[target] = (1 - rule.fee) * price - s.ringPrice[target]
        s.held[p * agents + holder] -= 1
        s.held[p * agents + bestAgent] += 1
        s.ringAgent[target] = Int32(bestAgent)
        s.ringPrice[target] = price
        s.ringSlot[target] = Int32(truncatingIfNeeded: t)
        if c.measured {
            m.resold[p] += 1
            s.revenue[p] += rule.fee * price
        }
    }

    /// Books a used right's resale, if it had one, when its slot (ring entry `entry`) is used in a
    /// measured slot: the seller's net proceeds go to its class's profit.
    @inline(__always)
    func bookResale(_ p: Int, ring entry: Int) {
        let m = market
        let seller = Int(m.sellerClass[entry])
        guard seller >= 0 else { return }
        state.classProfit[p * state.classes + seller] += m.sellerNet[entry]
        m.sellerNetUsed[p] += m.sellerNet[entry]
    }

    /// The sellers' net proceeds `(1 - phi) price - (their own price)` summed over path `p`'s
    /// resold rights used in measured slots of the last batch: the term by which
    /// `proposer_revenue = sum_k profit.k + sum ticket_price - resaleSellerNet` extends MODEL.md
    /// section 8's identity when rights are resold (0 without resale).
    public func resaleSellerNet(path p: Int) -> Double { market.sellerNetUsed[p] }
}
