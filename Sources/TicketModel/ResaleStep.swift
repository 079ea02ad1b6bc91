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
    /// The `resale` stream, drawn one counter at a time across the batch's paths.
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
    /// MODEL.md section 5's resale of the right just assigned in slot `t` (slot `t + delay`, ring
    /// entry `drawEntry`) on every path of the batch, run between each path's assignment (and
    /// expiry) and its holder's sale of slot `t` (`runSlots`; a path's resale reads and writes
    /// only its own state, so the order of paths is free). Bids are compared in log space
    /// (`log b_i = log(pi_k (1+d_k)^-D) + sigma_r z_i - sigma_r^2/2 [+ log(1 + beta)]`), so only
    /// the price is exponentiated. Within a class the other bidders (neither the holder nor the
    /// neighbour, below their cap) are `n` identical agents whose bids increase with their views,
    /// so only the class's two best views matter: they are drawn directly as the two largest of
    /// `n` iid uniforms (`ClassTopViews`), and the best one's agent uniformly among the `n`. The
    /// `resale` stream's counter `(point, replication, slot t, index)` gives, in this order, the
    /// holder's uniform, the neighbour's, then per class `k` the top's, the second's and the one
    /// that picks the top's agent: `2 + 3 classes` uniforms per path and slot.
    ///
    /// In four passes over the batch: the holders, neighbours and bidder counts; the uniforms,
    /// one counter at a time across the paths (`fillPairsAcrossReplications`); the views' tails
    /// and their normal quantiles, each pass over every path's values in SIMD lanes (the same
    /// bits as the scalar functions at every level); then each path's sale. O(classes) per path
    /// without `max_tickets` caps; a capped class counts its bidders, O(its agents) compares.
    /// No allocation.
    @inline(__always)
    func resellAssignedRights(slot t: Int, count n: Int, firstReplication rep0: UInt32, measured: Bool, drawEntry: Int) {
        let s = state, m = market, rule = resaleRule
        let classCount = s.classes
        let holders = m.holder, neighbours = m.neighbour, counts = m.bidders
        // 1. Who holds the right, who holds the neighbouring slot (t + delay - 1; for delay 0 the
        //    proposer of slot t - 1), and how many bidders each class has.
        for p in 0..<n {
            let target = s.ringIndex(path: p, entry: drawEntry)
            m.sellerClass[target] = -1
            let holder = s.ringAgent[target]
            holders[p] = holder
            guard holder >= 0 else { continue }
            if measured { m.assigned[p] += 1 }
            let neighbour = delay > 0 ? s.ringAgent[s.ringIndex(path: p, entry: (t + delay - 1) % s.ringLength)] : m.lastProposer[p]
            neighbours[p] = neighbour
            m.neighbourBids[p] = offersNeighbour(p, holder: Int(holder), neighbour: Int(neighbour))
            for k in 0..<classCount {
                counts[k * n + p] = classBidders(p, class: k, holder: Int(holder), neighbour: Int(neighbour))
            }
        }
        // 2. The uniforms: column j is uniform j of every path.
        let u = m.uniforms
        for j in 0 ..< SecondaryMarketState.counters(classes: classCount) {
            rule.stream.fillPairsAcrossReplications(
                first: u + 2 * j * n, second: u + (2 * j + 1) * n, stride: 1, count: n, point: pointWord,
                firstReplication: rep0, slot: slotWord(t), index: UInt32(j))
        }
        // 3. The tails q = 1 - U of the views (z = -quantile(q)): the holder's (column 0), the
        //    neighbour's (1), then class k's top's and second's (2 + 2k, 3 + 2k).
        let level = SIMDLevel.active
        let q = m.tails, z = m.normals
        let views = q + 2 * n
        for k in 0..<classCount {
            (views + 2 * k * n).update(from: u + (2 + 3 * k) * n, count: n)
            (views + (2 * k + 1) * n).update(from: u + (3 + 3 * k) * n, count: n)
        }
        ClassTopViews.tails(inPlace: views, counts: counts, classes: classCount, draws: n, level: level)
        for p in 0 ..< 2 * n { q[p] = 1 - u[p] }
        // With noise, the normal quantiles of the tails of the bids that are made (a path without
        // a right, an absent neighbour, a class's missing second: no quantile), packed for the
        // quantiles' lanes and put back in their columns.
        if rule.noise > 0 {
            @inline(__always) func eachBid(_ body: (Int) -> Void) {
                for p in 0..<n {
                    let holder = Int(holders[p])
                    guard holder >= 0 else { continue }
                    body(p)
                    if m.neighbourBids[p] { body(n + p) }
                    for k in 0..<classCount {
                        let bidders = counts[k * n + p]
                        if bidders > 0 { body((2 + 2 * k) * n + p) }
                        if bidders > 1 { body((3 + 2 * k) * n + p) }
                    }
                }
            }
            let packed = m.packedNormals
            var count = 0
            eachBid { i in
                packed[count] = q[i]
                count += 1
            }
            StandardNormal.quantiles(UnsafeMutableBufferPointer(start: packed, count: count), level: level)
            count = 0
            eachBid { i in
                z[i] = packed[count]
                count += 1
            }
        }
        // 4. Each path's best offer and, when it beats the holder's own bid, the sale.
        let base = m.classLogBase
        var sales = 0
        for p in 0..<n {
            let holder = Int(holders[p])
            guard holder >= 0 else { continue }
            let neighbour = Int(neighbours[p])
            if anyEWMA {
                for k in 0..<classCount { base[k] = Elementary.log(s.beliefMean[p * classCount + k] * valuations[k].lookaheadFactor) }
            } else {
                for k in 0..<classCount { base[k] = rule.logBase[k] }
            }
            // Tail column c's bid for class k; a tie goes to the smaller tail.
            @inline(__always) func logBid(_ k: Int, column c: Int, neighbour isNeighbour: Bool) -> Double {
                var b = base[k]
                if rule.noise > 0 { b += rule.drift - rule.noise * z[c * n + p] }
                if isNeighbour { b += rule.logPremium }
                return b
            }
            let own = logBid(agentClass[holder], column: 0, neighbour: holder == neighbour)
            // The other bids in the order the rule offers them, the neighbour's, then per class
            // its top's and its second's: the best (a tie to the smaller tail, then to the first
            // offered), its class (-1: the neighbour) and the second-best bid.
            var best = -Double.infinity, bestTail = 1.0, second = -Double.infinity, bestClass = -2
            // Selects, not branches: which offer is best is a coin toss the predictor loses.
            @inline(__always) func offer(_ k: Int, column c: Int, neighbour isNeighbour: Bool) {
                let b = logBid(k, column: c, neighbour: isNeighbour), tail = q[c * n + p]
                let better = b > best || (b == best && tail < bestTail)
                let runnerUp = better ? best : b > second ? b : second
                best = better ? b : best
                bestTail = better ? tail : bestTail
                bestClass = better ? (isNeighbour ? -1 : k) : bestClass
                second = runnerUp
            }
            if m.neighbourBids[p] {
                offer(agentClass[neighbour], column: 1, neighbour: true)
            }
            for k in 0..<classCount {
                let bidders = counts[k * n + p]
                guard bidders > 0 else { continue }
                offer(k, column: 2 + 2 * k, neighbour: false)
                if bidders > 1 { offer(k, column: 3 + 2 * k, neighbour: false) }
            }
            // Some bid beat `own`, so `bestClass` is set (-1 or a class): `best` starts at -inf.
            guard best > own else { continue }
            let buyer: Int
            if bestClass == -1 {
                buyer = neighbour
            } else {
                let bidders = counts[bestClass * n + p]
                let pick = u[(4 + 3 * bestClass) * n + p]
                buyer = classBidder(p, class: bestClass, index: Swift.min(Int(pick * Double(bidders)), bidders - 1), holder: holder, neighbour: neighbour)
            }
            // The sale, its price taken below with the others' (`exponent` 0 where it is not one
            // `exp`: that price is taken here).
            m.salePath[sales] = Int32(truncatingIfNeeded: p)
            m.saleBuyer[sales] = Int32(truncatingIfNeeded: buyer)
            if let x = Self.resalePriceExponent(second: second, own: own) {
                m.saleExponent[sales] = x
                m.saleOneExp[sales] = true
            } else {
                m.saleExponent[sales] = 0
                m.saleOneExp[sales] = false
                m.salePrice[sales] = Self.resalePrice(second: second, own: own)
            }
            sales += 1
        }
        // 5. The prices in `exp`'s lanes, then each sale.
        Elementary.exp(inPlace: UnsafeMutableBufferPointer(start: m.saleExponent, count: sales), level: level)
        for j in 0..<sales {
            let p = Int(m.salePath[j]), buyer = Int(m.saleBuyer[j])
            let price = m.saleOneExp[j] ? m.saleExponent[j] : m.salePrice[j]
            let target = s.ringIndex(path: p, entry: drawEntry)
            let holder = Int(holders[p])
            m.sellerClass[target] = Int32(agentClass[holder])
            m.sellerNet[target] = (1 - rule.fee) * price - s.ringPrice[target]
            s.held[p * s.agents + holder] -= 1
            s.held[p * s.agents + buyer] += 1
            s.ringAgent[target] = Int32(buyer)
            s.ringPrice[target] = price
            s.ringSlot[target] = Int32(truncatingIfNeeded: t)
            if measured {
                m.resold[p] += 1
                s.revenue[p] += rule.fee * price
            }
        }
    }

    /// Whether the holder of the neighbouring slot bids apart from its class: it exists, is not
    /// the holder, and is below its cap.
    @inline(__always)
    func offersNeighbour(_ p: Int, holder: Int, neighbour: Int) -> Bool {
        neighbour >= 0 && neighbour != holder && belowCap(p, agent: neighbour)
    }

    /// The resale price `max(exp(second), exp(own))` (`exp(own)` when there is no second bid),
    /// with one `exp` where the two log prices are more than 2^-20 apart in the normal range
    /// (`resalePriceExponent`), both otherwise.
    @inline(__always)
    static func resalePrice(second: Double, own: Double) -> Double {
        if let x = resalePriceExponent(second: second, own: own) { return Elementary.exp(x) }
        if second == -.infinity { return Swift.max(0, Elementary.exp(own)) }
        return Swift.max(Elementary.exp(second), Elementary.exp(own))
    }

    /// The log price whose `exp` is `resalePrice(second:own:)` bit for bit, when the two log
    /// prices are more than 2^-20 apart in the normal range (`nil` otherwise, and without a
    /// second bid): `Elementary.exp` is within 1 ulp (2^-52 relative) of `e^x`, so there the
    /// larger argument's exponential is the larger one.
    @inline(__always)
    static func resalePriceExponent(second: Double, own: Double) -> Double? {
        guard second != -.infinity else { return nil }
        let gap = second - own
        guard gap.magnitude > 0x1p-20 && second.magnitude < 700 && own.magnitude < 700 else { return nil }
        return gap > 0 ? second : own
    }

    /// Whether agent `i` bids for a resold right as one of its class's identical bidders: neither
    /// the holder nor the neighbour, and below its `max_tickets` cap.
    @inline(__always)
    func isClassBidder(_ p: Int, agent i: Int, holder: Int, neighbour: Int) -> Bool {
        i != holder && i != neighbour && belowCap(p, agent: i)
    }

    /// The number of class `k`'s bidders for a resold right on path `p`: O(1) for a class without
    /// a `max_tickets` cap, O(its agents) compares for a capped one.
    @inline(__always)
    func classBidders(_ p: Int, class k: Int, holder: Int, neighbour: Int) -> Int {
        let start = classStart[k], size = classes.count[k]
        guard classes.maxTickets[k] == Int.max else {
            var n = 0
            for i in start ..< start + size where isClassBidder(p, agent: i, holder: holder, neighbour: neighbour) { n += 1 }
            return n
        }
        let range = start ..< start + size
        var n = size
        if range.contains(holder) { n -= 1 }
        if neighbour != holder && range.contains(neighbour) { n -= 1 }
        return n
    }

    /// The agent of class `k`'s bidders (in agent order) at position `j`, `0 <= j < classBidders`.
    @inline(__always)
    func classBidder(_ p: Int, class k: Int, index j: Int, holder: Int, neighbour: Int) -> Int {
        let start = classStart[k], size = classes.count[k]
        guard classes.maxTickets[k] == Int.max else {
            var seen = 0
            for i in start ..< start + size where isClassBidder(p, agent: i, holder: holder, neighbour: neighbour) {
                if seen == j { return i }
                seen += 1
            }
            preconditionFailure("class \(k) has fewer than \(j + 1) bidders")
        }
        // Skip the excluded agents of the class in increasing order.
        let range = start ..< start + size
        var a = start + j
        let low = Swift.min(holder, neighbour), high = Swift.max(holder, neighbour)
        if range.contains(low) && a >= low { a += 1 }
        if high != low && range.contains(high) && a >= high { a += 1 }
        return a
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
