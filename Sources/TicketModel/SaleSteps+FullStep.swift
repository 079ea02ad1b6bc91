/// The posted-price sale without the idle-slot skip (tests only): what `sellAtPostedPrice` must
/// equal, number for number.
extension BatchSimulator {
    /// `sellAtPostedPrice` as an implementation that cannot skip writes it: all `agents` order
    /// uniforms of the slot are drawn first (`RandomStream.fill`, uniforms `2k` and `2k + 1` from
    /// counter `k`), then agents are visited in the drawn order while the caps allow and some
    /// class is willing. At every stop for want of a willing class it checks each agent below its
    /// caps against its own valuation (`FullSalesStepCounts.inexactStops`). O(agents) per slot,
    /// plus the visits; allocates the slot's buffer of uniforms (a test path, never the product's).
    func sellAtPostedPriceFully(_ c: SlotContext, priceAt: (Int) -> Double) -> Int {
        let p = c.path
        let s = state
        let agents = s.agents
        fullStepCounts.steps += 1
        guard agents > 0 else { return 0 }
        let uniforms = UnsafeMutableBufferPointer<Double>.allocate(capacity: agents)
        defer { uniforms.deallocate() }
        streams.order.fill(uniforms, point: pointWord, replication: c.replication, slot: slotWord(c.slot), firstIndex: 0)
        fullStepCounts.drawn += agents
        let order = s.order + p * agents
        var sold = 0
        var i = 0
        while i < agents && sold < salesCap {
            let price = priceAt(s.poolCount[p])
            if !anyClassWilling(p, poolAfter: s.poolCount[p] + 1, price: price) {
                for a in 0..<agents where belowCap(p, agent: a) && valuation(p, agentClass[a], poolAfter: s.poolCount[p] + 1) >= price {
                    fullStepCounts.inexactStops += 1
                }
                if i == 0 { fullStepCounts.idleSlots += 1 }
                break
            }
            sold += serve(c, position: i, uniform: uniforms[i], order: order, sold: sold, priceAt: priceAt)
            i += 1
        }
        return sold
    }
}
