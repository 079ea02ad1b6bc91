import SweepRandom

/// The posted-price sale with patient buyers (`PatientBuyers.swift`): the loop of
/// `sellAtPostedPrice` with the same law of visits and purchases, the waiting visits skipped.
extension BatchSimulator {
    /// Posted-price sales when some class is patient. Agents are served in a random order, and
    /// the loop ends where `sellAtPostedPrice`'s (`KernelOptions.patientVisitByVisit`, a
    /// Fisher–Yates step a visit) does: before a visit, once no class with an agent not yet
    /// served in the slot buys one more ticket at the slot's state (pool, sales so far).
    ///
    /// **What is cheaper.** Each class's verdict at the state (its valuation at least the
    /// price and, for a patient class, the rule) is reached once per state and kept in
    /// `decisions.buying`, with the number of not-yet-served agents of the classes that buy
    /// (`open`); both are recomputed only when a purchase moves the state. Before the next agent
    /// of a buying class the state does not move, so the visits to waiting agents end in
    /// nothing: `walkToBuyer` draws how many there are and of which classes, and which buying
    /// agent comes next, from a few uniforms, instead of visiting them one by one (in the bench
    /// market about 26 visits a slot, each with its own order uniform). The law of the sale is
    /// that of the visit-by-visit loop (`PatientSaleLoopTests` compares the two), not its bits.
    /// Cost per state: one valuation per class and, for each patient class willing at the price,
    /// one forecast and up to `h` valuations; per buying visit, one eight-counter Philox call and
    /// O(classes) work, plus a uniform per waiting visit when two or more classes wait. No
    /// allocation.
    @inline(__always)
    func sellToPatientBuyers<F: PriceForecast>(
        _ c: SlotContext, forecaster: F, decisions: inout PatientDecisions, priceAt: (Int) -> Double
    ) -> Int {
        let p = c.path, t = c.slot
        let s = state
        let agents = s.agents
        var sold = 0
        var i = 0
        var open = 0
        var stale = true
        while i < agents && sold < salesCap {
            if stale {
                open = classesBuying(p, pool: s.poolCount[p], sold: sold, price: priceAt(s.poolCount[p]), forecaster: forecaster, decisions: &decisions)
                stale = false
            }
            guard open > 0 else { break }
            let (a, k) = walkToBuyer(c, position: &i, decisions: &decisions)
            open -= 1
            let limit = classes.maxBuyPerSlot[k]
            var bought = 0
            while bought < limit && sold < salesCap && belowCap(p, agent: a) {
                let price = priceAt(s.poolCount[p])
                let w = marketValuation(p, k, poolAfter: s.poolCount[p] + 1, price: price)
                guard w >= price else { break }
                if patience.horizon[k] > 0 {
                    guard patientBuys(p, k, now: w, price: price, pool: s.poolCount[p], sold: sold, forecaster: forecaster, decisions: &decisions) else { break }
                }
                addToPool(p, agent: a, price: price, slot: t, measured: c.measured)
                bought += 1
                sold += 1
            }
            if bought > 0 { stale = true }
        }
        return sold
    }

    /// The visits of a patient sale from position `i` (agents served so far in the slot) up to and
    /// including the next agent of a class that buys at the state (`decisions.buying`; at least
    /// one such agent is not yet served): returns it and its class, with `i` one past it and every
    /// class's served count moved on. In the visit-by-visit loop each visit is a uniformly random
    /// agent not yet served; with `R` of them left, `B` in buying classes, the visits before the
    /// first buying agent number `W`, with `P(W >= w) = prod_(j < w) (R - B - j) / (R - j)` (the
    /// first of `B` marked items in a random order), they are a uniformly random `W` of the
    /// waiting agents, and the buying agent is uniform among the `B` and independent of `W`. So:
    ///
    /// 1. `W` by inversion of that survival function (for `B = 1`, `W = floor(u R)`);
    /// 2. the classes of the `W` waiting visits, one at a time without replacement from the
    ///    waiting classes' unserved counts (none to draw when one class waits);
    /// 3. the buying agent's class, `k` with probability `R_k / B`, and the agent uniformly among
    ///    class `k`'s agents not yet picked in the slot (`decisions.picked`).
    ///
    /// Which waiting agents were passed is not drawn: an agent passed is uniform among its
    /// class's agents, so a later pick uniform among the class's agents not yet picked has the
    /// law of a pick among those neither picked nor passed (exchangeability), and nothing else
    /// reads their identity. Path `p`'s `order` keeps each class's agents in its own segment
    /// (`classStart`), the picked ones first. The order stream's counters: the buying visit `v`
    /// of the slot (`decisions.walks`) reads uniforms from counter `v * stride`, `stride` 8 per
    /// 16 agents (rounded up) so that the `3 + W` uniforms of a walk never reach the next walk's
    /// (uniform 0: `W`; 1: the class; 2: the agent; 3 on: the waiting visits' classes). The
    /// 32-bit counter index wraps, so walks share counters only beyond about 92,000 agents.
    @inline(__always)
    func walkToBuyer(_ c: SlotContext, position i: inout Int, decisions: inout PatientDecisions) -> (agent: Int, class: Int) {
        let agents = state.agents
        let served = decisions.served, buying = decisions.buying, picked = decisions.picked
        let counts = classes.count
        var left = 0, buyers = 0, waitingClasses = 0
        for k in 0..<state.classes {
            let r = counts[k] &- Int(served[k])
            left &+= r
            if buying[k] != 0 { buyers &+= r } else if r > 0 { waitingClasses &+= 1 }
        }
        // The walk's uniforms, sixteen at a time from its first counter.
        let buffer = state.orderUniforms
        let stride = 8 &* ((agents &+ 3 &+ 15) / 16)
        let first = UInt32(truncatingIfNeeded: decisions.walks &* stride)
        decisions.walks &+= 1
        var chunk = -1
        @inline(__always) func uniform(_ j: Int) -> Double {
            if j >> 4 != chunk {
                chunk = j >> 4
                streams.order.fillSixteen(
                    buffer, point: pointWord, replication: c.replication, slot: slotWord(c.slot),
                    firstIndex: first &+ UInt32(truncatingIfNeeded: chunk &* 8))
            }
            return buffer[j & 15]
        }
        // 1. The waiting visits before the buying one.
        let waiting = left &- buyers
        var passed = 0
        if waiting > 0 {
            let u = uniform(0)
            if buyers == 1 {
                passed = Swift.min(truncatedIndex(u * Double(left)), waiting)
            } else {
                var survival = 1.0
                while passed < waiting {
                    let next = survival * Double(waiting &- passed) / Double(left &- passed)
                    guard u < next else { break }
                    survival = next
                    passed &+= 1
                }
            }
        }
        // 2. Their classes.
        if passed > 0 {
            if waitingClasses == 1 {
                for k in 0..<state.classes where buying[k] == 0 && counts[k] > Int(served[k]) {
                    served[k] &+= Int32(truncatingIfNeeded: passed)
                    break
                }
            } else {
                var remaining = waiting
                for v in 0..<passed {
                    var x = Swift.min(truncatedIndex(uniform(3 &+ v) * Double(remaining)), remaining &- 1)
                    for k in 0..<state.classes where buying[k] == 0 {
                        let r = counts[k] &- Int(served[k])
                        if x < r {
                            served[k] &+= 1
                            break
                        }
                        x &-= r
                    }
                    remaining &-= 1
                }
            }
        }
        // 3. The buying agent: its class by the unserved counts, then one of the class's agents
        //    not yet picked.
        var x = Swift.min(truncatedIndex(uniform(1) * Double(buyers)), buyers &- 1)
        var k = 0
        while k < state.classes {
            if buying[k] != 0 {
                let r = counts[k] &- Int(served[k])
                if x < r { break }
                x &-= r
            }
            k &+= 1
        }
        let segment = state.order + (c.path &* agents &+ classStart[k])
        let e = Int(picked[k]), free = counts[k] &- e
        let m = e &+ Swift.min(truncatedIndex(uniform(2) * Double(free)), free &- 1)
        segment.swapAt(e, m)
        let a = Int(segment[e])
        picked[k] &+= 1
        served[k] &+= 1
        i &+= passed &+ 1
        return (a, k)
    }

    /// Writes each class's verdict at the state (pool `pool` now, `sold` sold this slot, the
    /// posted price `price`) into `decisions.buying` (1 buys one more ticket, 0 does not) and
    /// returns the number of agents not yet served in the slot in the classes that buy: the
    /// sale goes on while it is above 0 (`anyClassBuys` with patient buyers, counted).
    @inline(__always)
    func classesBuying<F: PriceForecast>(
        _ p: Int, pool: Int, sold: Int, price: Double, forecaster: F, decisions: inout PatientDecisions
    ) -> Int {
        var open = 0
        for k in 0..<valuations.count {
            let left = classes.count[k] - Int(decisions.served[k])
            var buys = false
            if left > 0 {
                let w = marketValuation(p, k, poolAfter: pool + 1, price: price)
                if w >= price {
                    buys = patience.horizon[k] == 0
                        || patientBuys(p, k, now: w, price: price, pool: pool, sold: sold, forecaster: forecaster, decisions: &decisions)
                }
            }
            decisions.buying[k] = buys ? 1 : 0
            if buys { open += left }
        }
        return open
    }
}
