import SweepMath

/// The per-path phase of a slot: the draw, the holder's sale to builders, ticket sales, and the
/// price update (MODEL.md section 10).
extension BatchSimulator {
    /// One path's slot after the batch's draws (`drawFromPools`), without resale (with resale
    /// `runSlots` runs `assignSlot`, the batch's resales, then `finishSlot`); `ringEntries` are
    /// `(t + delay) % ringLength` and `t % ringLength`, computed once a slot.
    @inline(__always)
    func stepPath<M: PricingMechanism>(
        _ mechanism: M, _ p: Int, slot t: Int, replication: UInt32, measured: Bool, ringEntries: (draw: Int, holder: Int)
    ) {
        let context = SlotContext(path: p, slot: t, replication: replication, measured: measured)
        let posted = assignSlot(mechanism, context)
        finishSlot(mechanism, context, postedAtDraw: posted, holderEntry: ringEntries.holder)
    }

    /// Step 1 of path `p`'s slot: the beliefs' update, then expiry after the draw from the pool
    /// (`drawFromPools`, every path at once, came before), or, without a pool, the mechanism's
    /// sale of the right to slot t + delay here instead, so that a delay of 0 means this slot.
    /// Returns the mechanism's posted price of that sale (0 with a pool).
    @inline(__always)
    func assignSlot<M: PricingMechanism>(_ mechanism: M, _ context: SlotContext) -> Double {
        let p = context.path
        if anyEWMA { observe(p, value: state.values[p]) }
        guard M.usesPool else { return mechanism.assignAtDraw(self, context) }
        if expiryRule.enabled { expireTickets(p, slot: context.slot, measured: context.measured) }
        return 0
    }

    /// Steps 2 to 4 of path `p`'s slot, after its assignment (and the right's resale), the holder
    /// of slot t's sale at ring entry `holderEntry` (`t % ringLength`), ticket sales and the
    /// price update.
    @inline(__always)
    func finishSlot<M: PricingMechanism>(_ mechanism: M, _ context: SlotContext, postedAtDraw: Double, holderEntry: Int) {
        let p = context.path, t = context.slot, measured = context.measured
        let s = state
        let v = s.values[p]
        var posted = postedAtDraw

        // 2. The holder of slot t sells it to the builders (or builds, or misses it).
        let here = s.ringIndex(path: p, entry: holderEntry)
        let agent = Int(s.ringAgent[here])
        if measured { s.valueTotal[p] += v }
        if agent < 0 {
            if measured {
                s.lostValue[p] += v
                s.emptySlots[p] &+= 1
                s.runAgent[p] = -1
                s.runLength[p] = 0
            }
            if tracksProposer { rememberProposer(p, agent: -1) }
        } else {
            s.ringAgent[here] = -1
            s.held[p &* s.agents &+ agent] &-= 1
            let k = agentClass[agent]
            let missed = anyMiss && s.missU[p] < classes.missRate[k]
            let worth = tracksProposer ? slotWorth(p, agent: agent, value: v) : v
            if tracksProposer { rememberProposer(p, agent: missed ? -1 : agent) }
            let own = classes.extraction[k] * worth
            let sold = s.payment[p] * worth
            let payoff = missed ? 0 : max(own, sold)
            if measured {
                let ticketPrice = s.ringPrice[here]
                if missed {
                    s.lostValue[p] += v
                    s.missedSlots[p] += 1
                    s.runAgent[p] = -1
                    s.runLength[p] = 0
                } else {
                    s.proposerRevenue[p] += payoff
                    if sold > own {
                        let extracted = s.best[p] * worth
                        s.builderProfit[p] += extracted - sold
                        s.surplus[p] += extracted
                    } else {
                        s.surplus[p] += own
                    }
                    s.agentSlots[p &* s.agents &+ agent] &+= 1
                    s.classSlots[p &* s.classes &+ k] &+= 1
                    if s.runAgent[p] == Int32(agent) {
                        s.runLength[p] &+= 1
                        s.runSlots[p] &+= 1
                    } else {
                        s.runAgent[p] = Int32(agent)
                        s.runLength[p] = 1
                    }
                    if s.runLength[p] > s.longestRun[p] { s.longestRun[p] = s.runLength[p] }
                }
                // profit.<class> is over the tickets used in measured slots (MODEL.md section 8).
                s.classProfit[p &* s.classes &+ k] += payoff - ticketPrice
                if resaleRule.enabled { bookResale(p, ring: here) }
                recordTicket(p, payoff: payoff, price: ticketPrice, wait: t &- Int(s.ringSlot[here]))
            }
        }

        // 3. Sales, then 4. the price update.
        posted = mechanism.sell(self, context, postedAtDraw: posted)
        if measured {
            let i = Double(t - warmup + 1)
            let d = posted - s.priceMean[p]
            s.priceMean[p] += d / i
            s.priceM2[p] += d * (posted - s.priceMean[p])
            let pool = Double(s.poolCount[p])
            let e = pool - s.poolMean[p]
            s.poolMean[p] += e / i
            s.poolM2[p] += e * (pool - s.poolMean[p])
        }
    }

    /// Step 1 of slot `t` on every path of the batch with a pool, before the paths' other steps
    /// (a path's draw reads and writes only its own pool and ring, so the order of paths is
    /// free): a uniformly random pool ticket, by the path's draw uniform, gets slot `t + L` (ring
    /// entry `drawEntry`), or the slot stays empty when the pool is empty. In one loop the
    /// paths' random reads of their pools overlap, where one per path step waited for its cache
    /// miss. Counts the draws for `expired_rate` under expiry.
    @inline(__always)
    func drawFromPools(count: Int, measured: Bool, drawEntry: Int) {
        let s = state
        let pool = s.pool.pointee
        let countDraws = measured && expiryRule.enabled
        for p in 0..<count {
            let target = s.ringIndex(path: p, entry: drawEntry)
            let n = s.poolCount[p]
            guard n > 0 else {
                s.ringAgent[target] = -1
                continue
            }
            let base = pool.base(p)
            let i = base &+ min(truncatedIndex(s.drawU[p] * Double(n)), n &- 1)
            let drawn = pool.tickets[i]
            s.ringAgent[target] = drawn.agent
            s.ringPrice[target] = drawn.price
            s.ringSlot[target] = drawn.slot
            pool.tickets[i] = pool.tickets[base &+ n &- 1]
            s.poolCount[p] = n &- 1
            if countDraws { s.drawnTickets[p] += 1 }
        }
    }

    /// Updates the EWMA beliefs of path `p` with the payoff each class would have had this slot,
    /// misses included: with the slot's miss uniform below the class's miss rate the observed
    /// payoff is 0 (MODEL.md section 4), so the learned variance carries the miss risk.
    @inline(__always)
    func observe(_ p: Int, value v: Double) {
        let s = state
        for (k, lambda) in ewmaWeight.enumerated() where lambda > 0 {
            let missed = anyMiss && s.missU[p] < classes.missRate[k]
            let r = missed ? 0 : max(classes.extraction[k] * v, s.payment[p] * v)
            let i = p * s.classes + k
            let diff = r - s.beliefMean[i]
            s.beliefMean[i] += lambda * diff
            s.beliefVariance[i] = (1 - lambda) * (s.beliefVariance[i] + lambda * diff * diff)
        }
    }

    /// `w_k(h)` of path `p`: from the table under exact beliefs, else from the path's beliefs.
    @inline(__always)
    func valuation(_ p: Int, _ k: Int, poolAfter h: Int) -> Double {
        if h < tableSize { return valuationTable[k * tableSize + h] }
        return valuations[k].marginal(poolAfter: Double(h), belief: belief(p, k))
    }

    /// Whether some class values one more ticket at `h` at `price` or more.
    @inline(__always)
    func anyClassWilling(_ p: Int, poolAfter h: Int, price: Double) -> Bool {
        if h < tableSize { return bestValuation[h] >= price }
        for k in 0..<valuations.count where valuation(p, k, poolAfter: h) >= price { return true }
        return false
    }

    @inline(__always)
    func belief(_ p: Int, _ k: Int) -> PayoffBelief {
        let i = p * state.classes + k
        return PayoffBelief(mean: state.beliefMean[i], variance: state.beliefVariance[i])
    }

    @inline(__always)
    func recordTicket(_ p: Int, payoff: Double, price: Double, wait: Int) {
        let s = state
        if s.ticketCount[p] == ticketChunk {
            flushTickets(p)
            s.ticketCount[p] = 0
        }
        let n = s.ticketCount[p]
        let stride = ticketMetricStride
        let column = ticketColumn(0, path: p) + n
        column[MetricLayout.Ticket.ticketReturn &* stride] = payoff - price
        // A ticket bought at price 0 has no multiple: NaN here, left out when the chunk is folded.
        column[MetricLayout.Ticket.multiple &* stride] = price > 0 ? payoff / price : .nan
        column[MetricLayout.Ticket.wait &* stride] = Double(wait)
        column[MetricLayout.Ticket.price &* stride] = price
        s.ticketCount[p] = n &+ 1
    }
}
