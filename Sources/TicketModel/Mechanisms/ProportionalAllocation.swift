/// Proportional allocation (a Tullock contest): 1-wei tickets, and each class wins slot `t + L`
/// with probability proportional to its spend; every spend is burned.
public struct ProportionalAllocation: PricingMechanism {
    public static let name = "proportional"
    public static let doc = "1-wei tickets, each class wins with probability proportional to its spend (Tullock contest)"
    public static let parameters: [ParameterSpec] = []
    public static let usesPool = false

    public init() {}

    public init(values: some ParameterValues) {
        self.init()
    }

    /// The equilibrium spend per agent of each class under exact beliefs.
    public func pointConstants(valuations: [Valuation], beliefs: [PayoffBelief], counts: [Int], delay: Int) -> [Double] {
        ContestEquilibrium.spend(values: zip(valuations, beliefs).map { $0.outright(lead: delay, belief: $1) }, counts: counts)
    }

    public func assignAtDraw(_ market: BatchSimulator, _ slot: SlotContext) -> Double {
        market.runContest(slot)
    }
}

extension Pricing {
    public static let proportional = Pricing(ProportionalAllocation())
}

extension BatchSimulator {
    /// Proportional allocation of slot `t + L`: each agent of class `k` spends its equilibrium
    /// `b_k` and wins with probability `b_k / sum b`; every spend is burned. Returns the total
    /// spend of the slot.
    func runContest(_ c: SlotContext) -> Double {
        let p = c.path, t = c.slot
        let counts = classes.count
        let spend: [Double]
        if anyEWMA {
            spend = ContestEquilibrium.spend(
                values: (0..<state.classes).map { valuations[$0].outright(lead: delay, belief: belief(p, $0)) }, counts: counts)
        } else {
            spend = mechanismConstants
        }
        let target = p * state.ringLength + (t + delay) % state.ringLength
        var total = 0.0
        for k in 0..<state.classes { total += Double(counts[k]) * spend[k] }
        guard total > 0 else {
            state.ringAgent[target] = -1
            return 0
        }
        var u = orderUniform(replication: c.replication, slot: t, index: 0) * total
        var k = 0
        while k < state.classes - 1 && u >= Double(counts[k]) * spend[k] {
            u -= Double(counts[k]) * spend[k]
            k += 1
        }
        let within = spend[k] > 0 ? min(Int(u / spend[k]), counts[k] - 1) : 0
        let winner = classStart[k] + max(within, 0)
        if c.measured {
            // Every spend is a ticket (MODEL.md section 5); a losing one is used up in this
            // contest: it pays nothing, costs its spend, and its wait is the delay to the slot
            // it lost. The winner's ticket is accounted for when its slot comes.
            state.sales[p] += 1
            state.revenue[p] += total
            for k2 in 0..<state.classes where spend[k2] > 0 {
                let losers = counts[k2] - (k2 == k ? 1 : 0)
                state.classProfit[p * state.classes + k2] -= Double(losers) * spend[k2]
                for _ in 0..<losers { recordTicket(p, payoff: 0, price: spend[k2], wait: delay) }
            }
        }
        state.held[p * state.agents + winner] += 1
        state.ringAgent[target] = Int32(winner)
        state.ringPrice[target] = spend[k]
        state.ringSlot[target] = Int32(truncatingIfNeeded: t)
        return total
    }
}
