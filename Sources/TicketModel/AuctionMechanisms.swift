/// The primary-market mechanisms that are not posted prices: the per-slot ticket auction, the
/// execution auction and the proportional (Tullock) contest (MODEL.md section 5).
extension BatchSimulator {
    /// Classes ordered by bid, highest first (ties by class index), into `scratch`.
    @inline(__always)
    private func rankClasses(_ bids: UnsafeMutablePointer<Double>, into scratch: UnsafeMutablePointer<Int>) {
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
    private func randomAgent(_ p: Int, ofClass k: Int, slot t: Int, replication: UInt32, draw: inout Int, skip: Int = 0) -> Int {
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

    /// `supply` tickets sold to the highest marginal valuations `w(H + supply)` (every bid is
    /// evaluated at the pool size after the auction); within a class the winners are random
    /// agents below their caps, each taking up to `max_buy_per_slot`. Second price: every winner
    /// pays the highest losing bid (the next unit of the last winning class if it has capacity
    /// left, else the next class's bid, caps of other classes ignored; 0 if none). First price:
    /// each pays its shaded bid. Returns the mean price paid (0 when nothing sold).
    func sellByAuction(_ p: Int, rule: TicketAuction, slot t: Int, replication: UInt32, measured: Bool) -> Double {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: max(state.classes, 1)) { bids in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: max(state.classes, 1)) { rank in
                withUnsafeTemporaryAllocation(of: Int.self, capacity: max(rule.supply, 1) * 2) { winners in
                    let h = state.poolCount[p] + rule.supply
                    for k in 0..<state.classes { bids[k] = valuation(p, k, poolAfter: h) }
                    rankClasses(bids.baseAddress!, into: rank.baseAddress!)
                    var remaining = rule.supply
                    var winnerCount = 0
                    var losingBid = 0.0
                    var draw = 0
                    for r in 0..<state.classes {
                        let k = rank[r]
                        guard bids[k] > 0 else { break }
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
                        let price = rule.format == .secondPrice ? losingBid : bids[k] * (1 - rule.shade)
                        addToPool(p, agent: winners[2 * w], price: price, slot: t, measured: measured)
                        paid += price
                    }
                    return winnerCount > 0 ? paid / Double(winnerCount) : 0
                }
            }
        }
    }

    /// At slot `t` the right to slot `t + lead` goes to the best bid `pi (1+d)^-m - a/2 (1+d)^-2m Var R`
    /// (a random agent of the best class below its cap). Second price: it pays the next-best bid
    /// (its own class's when another agent of the class is below its cap). First price: its shaded
    /// bid. No positive bid leaves the slot empty. Returns the price paid (0 when unsold).
    func sellSlotOutright(_ p: Int, rule: ExecutionAuction, slot t: Int, replication: UInt32, measured: Bool) -> Double {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: max(state.classes, 1)) { bids in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: max(state.classes, 1)) { rank in
                for k in 0..<state.classes { bids[k] = valuations[k].outright(lead: rule.lead, belief: belief(p, k)) }
                rankClasses(bids.baseAddress!, into: rank.baseAddress!)
                var draw = 0
                var winner = -1
                var winnerClass = -1
                var second = 0.0
                for r in 0..<state.classes {
                    let k = rank[r]
                    guard bids[k] > 0 else { break }
                    if winner < 0 {
                        winner = randomAgent(p, ofClass: k, slot: t, replication: replication, draw: &draw)
                        if winner >= 0 {
                            winnerClass = k
                            if randomAgent(p, ofClass: k, slot: t, replication: replication, draw: &draw, skip: 1) >= 0 {
                                second = bids[k]
                                break
                            }
                        }
                    } else if randomAgent(p, ofClass: k, slot: t, replication: replication, draw: &draw) >= 0 {
                        second = bids[k]
                        break
                    }
                }
                let target = p * state.ringLength + (t + rule.lead) % state.ringLength
                guard winner >= 0 else {
                    state.ringAgent[target] = -1
                    return 0
                }
                let price = rule.format == .secondPrice ? second : bids[winnerClass] * (1 - rule.shade)
                assignOutright(p, agent: winner, price: price, ring: target, slot: t, measured: measured)
                return price
            }
        }
    }

    /// Proportional allocation of slot `t + L`: each agent of class `k` spends its equilibrium
    /// `b_k` and wins with probability `b_k / sum b`; every spend is burned. Returns the total
    /// spend of the slot.
    func runContest(_ p: Int, slot t: Int, replication: UInt32, measured: Bool) -> Double {
        let counts = classes.count
        let spend: [Double]
        if anyEWMA {
            spend = ContestEquilibrium.spend(
                values: (0..<state.classes).map { valuations[$0].outright(lead: delay, belief: belief(p, $0)) }, counts: counts)
        } else {
            spend = contestSpend
        }
        let target = p * state.ringLength + (t + delay) % state.ringLength
        var total = 0.0
        for k in 0..<state.classes { total += Double(counts[k]) * spend[k] }
        guard total > 0 else {
            state.ringAgent[target] = -1
            return 0
        }
        var u = orderUniform(replication: replication, slot: t, index: 0) * total
        var k = 0
        while k < state.classes - 1 && u >= Double(counts[k]) * spend[k] {
            u -= Double(counts[k]) * spend[k]
            k += 1
        }
        let within = spend[k] > 0 ? min(Int(u / spend[k]), counts[k] - 1) : 0
        let winner = classStart[k] + max(within, 0)
        if measured {
            state.sales[p] += 1
            state.revenue[p] += total
            for c in 0..<state.classes { state.classProfit[p * state.classes + c] -= Double(counts[c]) * spend[c] }
        }
        state.held[p * state.agents + winner] += 1
        state.ringAgent[target] = Int32(winner)
        state.ringPrice[target] = spend[k]
        state.ringSlot[target] = Int32(truncatingIfNeeded: t)
        return total
    }

    @inline(__always)
    private func assignOutright(_ p: Int, agent: Int, price: Double, ring target: Int, slot t: Int, measured: Bool) {
        state.ringAgent[target] = Int32(agent)
        state.ringPrice[target] = price
        state.ringSlot[target] = Int32(truncatingIfNeeded: t)
        state.held[p * state.agents + agent] += 1
        if measured {
            state.revenue[p] += price
            state.classProfit[p * state.classes + agentClass[agent]] -= price
            state.sales[p] += 1
        }
    }
}

/// The Nash equilibrium of the Tullock contest among classes of identical agents.
public enum ContestEquilibrium {
    /// Equilibrium spend per agent of each class, for agents valuing the prize at `values[k]`
    /// with `counts[k]` agents per class. Iterated symmetric best responses: given the others'
    /// total `O`, the symmetric best response of a class of `n` agents of value `v` solves
    /// `(O + n b)^2 = v (O + (n - 1) b)`, i.e.
    /// `b = (v (n-1) - 2 O n + sqrt(4 O n v + v^2 (n-1)^2)) / (2 n^2)`, clamped at 0.
    /// Converged when no spend changes by more than `1e-13` relative (at most 10,000 sweeps).
    public static func spend(values: [Double], counts: [Int]) -> [Double] {
        let k = values.count
        var b = [Double](repeating: 0, count: k)
        let agents = counts.reduce(0, +)
        // Start below the equilibrium (a best response to a large total is 0, and 0 is a fixed
        // point of the iteration that a start from above could fall into).
        let scale = 0.1 / Double(max(agents * agents, 1))
        for i in 0..<k where values[i] > 0 && counts[i] > 0 { b[i] = values[i] * scale }
        for _ in 0..<10_000 {
            var change = 0.0
            for i in 0..<k {
                let v = max(values[i], 0)
                let n = Double(counts[i])
                guard n > 0, v > 0 else { b[i] = 0; continue }
                var others = 0.0
                for j in 0..<k where j != i { others += Double(counts[j]) * b[j] }
                let root = (4 * others * n * v + v * v * (n - 1) * (n - 1)).squareRoot()
                // A lone bidder facing no spend would bid an infinitesimal amount; keep it positive.
                let lone = n == 1 && others == 0 ? v * 1e-3 : 0
                let next = max(lone, (v * (n - 1) - 2 * others * n + root) / (2 * n * n))
                change = max(change, abs(next - b[i]) / max(abs(next), 1e-300))
                b[i] = next
            }
            if change <= 1e-13 { break }
        }
        return b
    }
}
