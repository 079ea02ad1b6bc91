/// The building blocks that mechanisms' sale steps are made of: posted-price sales, the pool,
/// outright assignment of a slot, ranking bids and drawing agents. All act on one path of the
/// batch and allocate nothing.
extension BatchSimulator {
    /// Path `p`'s price state (set to the mechanism's `initialPrice` at the start of a path).
    @inline(__always) public func pathPrice(_ p: Int) -> Double { state.price[p] }

    @inline(__always) public func setPathPrice(_ p: Int, _ price: Double) { state.price[p] = price }

    /// Tickets in path `p`'s pool.
    @inline(__always) public func poolCount(_ p: Int) -> Int { state.poolCount[p] }

    /// Leaves slot `t + delay` of the context's path without a proposer.
    @inline(__always) public func leaveEmpty(_ c: SlotContext) {
        state.ringAgent[state.ringIndex(path: c.path, entry: (c.slot + delay) % state.ringLength)] = -1
    }

    /// Posted-price sales: agents are served in an order drawn afresh (a partial Fisher–Yates
    /// shuffle on the order stream); each buys while its marginal valuation at the pool size after
    /// the purchase is at least `priceAt(pool size)` and its caps and the sales cap allow.
    /// Returns the number sold.
    ///
    /// **Idle-slot skip.** The step ends as soon as no class values one more ticket at the posted
    /// price (under exact beliefs one comparison against `bestValuation`, the per-point maximum
    /// valuation by pool size), and an order uniform is drawn only when a visit can end in a
    /// sale. In a slot whose price is above every valuation (most of a pool-targeting
    /// controller's cycle) the step costs that one comparison and draws nothing. The order stream
    /// is counter-based, so a uniform not drawn changes no other number:
    /// `sellAtPostedPriceFully` (tests only, `KernelOptions.fullSalesStep`) draws every one of them and gives
    /// the same rows (`IdleSlotSkipTests`).
    @discardableResult @inline(__always)
    public func sellAtPostedPrice(_ c: SlotContext, priceAt: (Int) -> Double) -> Int {
        sellAtPostedPrice(c, forecaster: NoPriceForecast(), priceAt: priceAt)
    }

    /// Posted-price sales where patient buyers (`PatientBuyers.swift`) read the mechanism's
    /// price forecast, `forecaster`; with tickets that expire, valuations include the refund of
    /// the posted price (`TicketExpiry.swift`). Without either feature this is `sellToMyopicBuyers`;
    /// with patient buyers it is `sellToPatientBuyers` (`SaleSteps+Patient.swift`), which tests
    /// each class once per state of the slot and draws the visits to waiting agents at once (the
    /// same law of sales as visiting them one by one).
    @discardableResult @inline(__always)
    public func sellAtPostedPrice<F: PriceForecast>(_ c: SlotContext, forecaster: F, priceAt: (Int) -> Double) -> Int {
        if !(patience.any && forecaster.forecastsPrices) && !expiryRule.enabled && !options.fullSalesStep {
            return sellToMyopicBuyers(c, priceAt: priceAt)
        }
        return sellWithMarketFeatures(c, forecaster: forecaster, priceAt: priceAt)
    }

    /// The sale with patient buyers or expiring tickets (or the tests' full step), with the
    /// patient buyers' scratch. Not inlined, so that the myopic sale above stays small enough
    /// for the mechanism's `sell` to be inlined into the slot loop.
    @inline(never)
    func sellWithMarketFeatures<F: PriceForecast>(_ c: SlotContext, forecaster: F, priceAt: (Int) -> Double) -> Int {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: max(patience.longest, 1)) { forecast in
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: PatientDecisions.scratchCount(classes: state.classes)) { scratch in
                var decisions = PatientDecisions(forecast: forecast.baseAddress!, scratch: scratch.baseAddress!, classes: state.classes)
                return sellAtPostedPrice(c, forecaster: forecaster, decisions: &decisions, priceAt: priceAt)
            }
        }
    }

    @inline(__always)
    func sellAtPostedPrice<F: PriceForecast>(
        _ c: SlotContext, forecaster: F, decisions: inout PatientDecisions, priceAt: (Int) -> Double
    ) -> Int {
        let p = c.path, t = c.slot
        let s = state
        if options.fullSalesStep { return sellAtPostedPriceFully(c, priceAt: priceAt) }
        let agents = s.agents
        let order = s.order + p * agents
        var sold = 0
        let patient = patience.any && forecaster.forecastsPrices
        if patient && !options.patientVisitByVisit {
            return sellToPatientBuyers(c, forecaster: forecaster, decisions: &decisions, priceAt: priceAt)
        }
        let market = patient || expiryRule.enabled
        func anyoneWilling() -> Bool {
            let h = s.poolCount[p]
            if market {
                return anyClassBuys(p, pool: h, sold: sold, price: priceAt(h), patient: patient, forecaster: forecaster, decisions: &decisions)
            }
            return anyClassWilling(p, poolAfter: h + 1, price: priceAt(h))
        }
        var i = 0
        while i < agents && sold < salesCap && anyoneWilling() {
            let a = serviceOrderAgent(c, position: i, order: order)
            let k = agentClass[a]
            if patient { decisions.served[k] += 1 }
            let limit = classes.maxBuyPerSlot[k]
            var bought = 0
            while bought < limit && sold < salesCap && belowCap(p, agent: a) {
                let price = priceAt(s.poolCount[p])
                let w = market ? marketValuation(p, k, poolAfter: s.poolCount[p] + 1, price: price) : valuation(p, k, poolAfter: s.poolCount[p] + 1)
                guard w >= price else { break }
                if patient && patience.horizon[k] > 0 {
                    guard patientBuys(p, k, now: w, price: price, pool: s.poolCount[p], sold: sold, forecaster: forecaster, decisions: &decisions) else { break }
                }
                addToPool(p, agent: a, price: price, slot: t, measured: c.measured)
                bought += 1
                sold += 1
            }
            i += 1
        }
        return sold
    }

    /// The posted-price sale without patient buyers or expiring tickets (the bench scenario's):
    /// the loop of `sellAtPostedPrice(_:forecaster:decisions:priceAt:)` with both features off,
    /// the same visits, uniforms and purchases, without the patient buyers' scratch (two
    /// temporary allocations and a `PatientDecisions` a path-slot) and the closure over it. An
    /// idle slot costs the first `anyClassWilling` comparison.
    @inline(__always)
    func sellToMyopicBuyers(_ c: SlotContext, priceAt: (Int) -> Double) -> Int {
        let p = c.path
        let s = state
        let agents = s.agents
        let order = s.order + p * agents
        var sold = 0
        var i = 0
        while i < agents && sold < salesCap {
            let h = s.poolCount[p]
            guard anyClassWilling(p, poolAfter: h + 1, price: priceAt(h)) else { break }
            let a = serviceOrderAgent(c, position: i, order: order)
            let k = agentClass[a]
            let limit = classes.maxBuyPerSlot[k]
            var bought = 0
            while bought < limit && sold < salesCap && belowCap(p, agent: a) {
                let price = priceAt(s.poolCount[p])
                guard valuation(p, k, poolAfter: s.poolCount[p] + 1) >= price else { break }
                addToPool(p, agent: a, price: price, slot: c.slot, measured: c.measured)
                bought &+= 1
                sold &+= 1
            }
            i &+= 1
        }
        return sold
    }

    /// Visit `i` of a posted-price sale's service order on path `c.path`: takes the Fisher–Yates
    /// step on the visit's uniform (uniforms 2k and 2k+1 of the order stream are counter k's)
    /// and returns the agent served at position `i`. The uniforms are drawn 16 at a time
    /// (`RandomStream.fillSixteen`: eight counters in one AVX-512 call where the machine has it)
    /// into `state.orderUniforms`, at visits 0, 16, 32, ...; `orderUniform` gives the same one.
    @inline(__always)
    func serviceOrderAgent(_ c: SlotContext, position i: Int, order: UnsafeMutablePointer<Int32>) -> Int {
        let buffer = state.orderUniforms
        if i & 15 == 0 {
            streams.order.fillSixteen(buffer, point: pointWord, replication: c.replication, slot: slotWord(c.slot), firstIndex: UInt32(i >> 1))
        }
        let u = buffer[i & 15]
        let agents = state.agents
        let j = i &+ min(truncatedIndex(u * Double(agents &- i)), agents &- i &- 1)
        order.swapAt(i, j)
        return Int(order[i])
    }

    /// Visit `i` of a posted-price sale: the agent drawn for position `i` of the service order
    /// (uniform `u`, a Fisher–Yates step on path `p`'s order) buys while its valuation, its caps
    /// and the sales cap (`sold` so far) allow. Returns the number it bought.
    @inline(__always)
    func serve(
        _ c: SlotContext, position i: Int, uniform u: Double, order: UnsafeMutablePointer<Int32>, sold: Int,
        priceAt: (Int) -> Double
    ) -> Int {
        let p = c.path
        let s = state
        let agents = s.agents
        let j = i + min(Int(u * Double(agents - i)), agents - i - 1)
        order.swapAt(i, j)
        let a = Int(order[i])
        let k = agentClass[a]
        let limit = classes.maxBuyPerSlot[k]
        var bought = 0
        while bought < limit && sold + bought < salesCap && belowCap(p, agent: a) {
            let price = priceAt(s.poolCount[p])
            let w = valuation(p, k, poolAfter: s.poolCount[p] + 1)
            guard w >= price else { break }
            addToPool(p, agent: a, price: price, slot: c.slot, measured: c.measured)
            bought += 1
        }
        return bought
    }

    /// Adds a ticket bought by `agent` at `price` in slot `t` to the pool of path `p`.
    @inline(__always)
    func addToPool(_ p: Int, agent: Int, price: Double, slot t: Int, measured: Bool) {
        let s = state
        if s.poolCount[p] == s.pool.pointee.capacity { s.growPool() }
        let pool = s.pool.pointee
        let i = pool.base(p) &+ s.poolCount[p]
#if TICKETSWEEP_INTERNAL_CHECKS
        precondition(s.poolCount[p] < pool.capacity, "pool of path \(p) full at \(pool.capacity) tickets")
#endif
        pool.tickets[i] = BatchState.PoolTicket(price: price, agent: Int32(agent), slot: Int32(truncatingIfNeeded: t))
        s.poolCount[p] &+= 1
        recordSale(p, agent: agent, price: price, measured: measured)
    }

    /// `agent` of path `p` holds one more ticket, bought at `price` (revenue and the sales count
    /// move in a measured slot; the class's profit moves when the ticket is used).
    @inline(__always)
    func recordSale(_ p: Int, agent: Int, price: Double, measured: Bool) {
        let s = state
        s.held[p &* s.agents &+ agent] &+= 1
        if measured {
            s.revenue[p] += price
            s.sales[p] &+= 1
        }
    }

    /// Whether agent `a` of path `p` may hold one more ticket.
    @inline(__always)
    func belowCap(_ p: Int, agent a: Int) -> Bool {
        Int(state.held[p &* state.agents &+ a]) < classes.maxTickets[agentClass[a]]
    }

    /// Gives `agent` the slot at ring entry `target`, bought at `price` in slot `t`.
    @inline(__always)
    func assignOutright(_ p: Int, agent: Int, price: Double, ring target: Int, slot t: Int, measured: Bool) {
        state.ringAgent[target] = Int32(agent)
        state.ringPrice[target] = price
        state.ringSlot[target] = Int32(truncatingIfNeeded: t)
        recordSale(p, agent: agent, price: price, measured: measured)
    }

    /// Classes ordered by bid, highest first (ties by class index), into `scratch`.
    @inline(__always)
    func rankClasses(_ bids: UnsafeMutablePointer<Double>, into scratch: UnsafeMutablePointer<Int>) {
        let k = state.classes
        for i in 0..<k { scratch[i] = i }
        for i in 1..<max(k, 1) {
            var j = i
            while j > 0 && bids[scratch[j]] > bids[scratch[j - 1]] {
                let x = scratch[j]; scratch[j] = scratch[j - 1]; scratch[j - 1] = x
                j -= 1
            }
        }
    }

    /// Picks a uniformly random agent of class `k` below its cap (a partial shuffle of the class's
    /// agents on the order stream), or -1 if every agent is capped.
    @inline(__always)
    func randomAgent(_ p: Int, ofClass k: Int, slot t: Int, replication: UInt32, draw: inout Int, skip: Int = 0) -> Int {
        let start = classStart[k]
        let count = classes.count[k]
        let order = state.order + p * state.agents + start
        var i = skip
        while i < count {
            let j = i + min(Int(orderUniform(replication: replication, slot: t, index: draw) * Double(count - i)), count - i - 1)
            draw += 1
            order.swapAt(i, j)
            let a = Int(order[i])
            if belowCap(p, agent: a) { return a }
            i += 1
        }
        return -1
    }
}

extension UnsafeMutablePointer where Pointee == Int32 {
    @inline(__always) func swapAt(_ i: Int, _ j: Int) {
        let x = self[i]
        self[i] = self[j]
        self[j] = x
    }
}

/// `Int(x)` for `0 <= x < 2^51` (a uniform times a count, in the slot loop's draws), from IEEE
/// addition only: `Int(x)` checks its range (about ten instructions). `x + 1.5 · 2^52` rounds
/// `x` to the nearest integer `r`, held in the low bits of the sum's significand; the truncation
/// is `r - 1` when `r > x`.
@inline(__always)
func truncatedIndex(_ x: Double) -> Int {
    let shifter = 0x1.8p52
    let shifted = x + shifter
    let r = Int(truncatingIfNeeded: shifted.bitPattern &- shifter.bitPattern)
    return shifted - shifter > x ? r &- 1 : r
}
