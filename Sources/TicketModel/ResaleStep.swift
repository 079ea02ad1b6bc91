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
    /// the price is exponentiated. O(agents) per path and slot: one Philox block and one normal
    /// quantile per two agents and per agent; no allocation.
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
        let neighbour = delay > 0 ? s.ringAgent[ring + (t + delay - 1) % s.ringLength] : m.lastProposer[p]
        let base = m.classLogBase
        if anyEWMA {
            for k in 0..<s.classes { base[k] = Elementary.log(s.beliefMean[p * s.classes + k] * valuations[k].lookaheadFactor) }
        } else {
            for k in 0..<s.classes { base[k] = rule.logBase[k] }
        }
        let word = slotWord(t)
        var own = -Double.infinity
        var best = -Double.infinity, bestTie = 0.0, bestAgent = -1
        var second = -Double.infinity
        var pair = (0.0, 0.0)
        for i in 0..<s.agents {
            if i & 1 == 0 { pair = rule.stream.uniforms(point: pointWord, replication: c.replication, slot: word, index: UInt32(i >> 1)) }
            let u = i & 1 == 0 ? pair.0 : pair.1
            var x = base[agentClass[i]]
            if rule.noise > 0 { x += rule.noise * StandardNormal.quantile(u) + rule.drift }
            if Int32(i) == neighbour { x += rule.logPremium }
            if i == holder {
                own = x
                continue
            }
            guard belowCap(p, agent: i) else { continue }
            if x > best || (x == best && u > bestTie) {
                second = best
                best = x
                bestTie = u
                bestAgent = i
            } else if x > second {
                second = x
            }
        }
        guard bestAgent >= 0, best > own else { return }
        let price = Swift.max(second == -.infinity ? 0 : Elementary.exp(second), Elementary.exp(own))
        m.sellerClass[target] = Int32(agentClass[holder])
        m.sellerNet[target] = (1 - rule.fee) * price - s.ringPrice[target]
        s.held[p * s.agents + holder] -= 1
        s.held[p * s.agents + bestAgent] += 1
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
