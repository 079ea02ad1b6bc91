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
        let target = state.ringIndex(path: p, entry: (t + delay) % state.ringLength)
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
                recordEqualTickets(p, payoff: 0, price: spend[k2], wait: delay, count: losers)
            }
        }
        state.held[p * state.agents + winner] += 1
        state.ringAgent[target] = Int32(winner)
        state.ringPrice[target] = spend[k]
        state.ringSlot[target] = Int32(truncatingIfNeeded: t)
        return total
    }
}

extension BatchSimulator {
    /// `count` equal ticket records, the state that `count` calls of `recordTicket` leave (the
    /// same values, the same chunk flushes), written a run at a time: a contest records one
    /// ticket per losing agent, tens per slot.
    @inline(__always)
    func recordEqualTickets(_ p: Int, payoff: Double, price: Double, wait: Int, count: Int) {
        let s = state
        let stride = ticketMetricStride
        let values = (
            ticketReturn: payoff - price, multiple: price > 0 ? payoff / price : Double.nan, wait: Double(wait), price: price)
        var left = count
        while left > 0 {
            if s.ticketCount[p] == ticketChunk {
                flushTickets(p)
                s.ticketCount[p] = 0
            }
            let n = s.ticketCount[p]
            let run = Swift.min(left, ticketChunk - n)
            let column = ticketColumn(0, path: p) + n
            (column + MetricLayout.Ticket.ticketReturn * stride).update(repeating: values.ticketReturn, count: run)
            (column + MetricLayout.Ticket.multiple * stride).update(repeating: values.multiple, count: run)
            (column + MetricLayout.Ticket.wait * stride).update(repeating: values.wait, count: run)
            (column + MetricLayout.Ticket.price * stride).update(repeating: values.price, count: run)
            s.ticketCount[p] = n + run
            left -= run
        }
    }
}
