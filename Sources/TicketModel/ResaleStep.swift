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
    /// The `resale` stream, drawn four counters (eight uniforms) per wide Philox call.
    let stream: ScheduledStream

    init(_ market: SecondaryMarket, premium beta: Double, beliefs: [PayoffBelief], valuations: [Valuation], seed: UInt64) {
        enabled = market.enabled
        fee = market.fee
        noise = market.noise
        drift = -market.noise * market.noise / 2
        logPremium = Elementary.log1p(beta)
        logBase = zip(beliefs, valuations).map { Elementary.log($0.mean * $1.lookaheadFactor) }
        stream = ScheduledStream(RandomStream(seed: seed, stream: RandomStreamID.resale.rawValue))
    }
}

extension BatchSimulator {
    /// MODEL.md section 5's resale of the right just assigned in slot `t` (slot `t + delay`),
    /// run between the draw and the holder's sale of slot `t`. Bids are compared in log space
    /// (`log b_i = log(pi_k (1+d_k)^-D) + sigma_r z_i - sigma_r^2/2 [+ log(1 + beta)]`), so only
    /// the price is exponentiated. Within a class the other bidders (neither the holder nor the
    /// neighbour, below their cap) are `n` identical agents whose bids increase with their views,
    /// so only the class's two best views matter: they are drawn directly as the two largest of
    /// `n` iid uniforms (`ClassTopViews`), and the best one's agent uniformly among the `n`. The
    /// `resale` stream's counter `(point, replication, slot t, index)` gives, in this order, the
    /// holder's uniform, the neighbour's, then per class `k` the top's, the second's and the one
    /// that picks the top's agent: `2 + 3 classes` uniforms and at most `2 classes + 2` normal
    /// quantiles per path and slot. With noise, the top view of the class with most bidders is
    /// turned into a tail and a bid only when the sale can depend on its value
    /// (`sellsToDeferredTop`): the same sale, buyer and price, one `expm1` and one normal
    /// quantile fewer in most slots. O(classes) without `max_tickets` caps; a capped class
    /// counts its bidders, O(its agents) compares. No allocation.
    @inline(__always)
    func resellAssignedRight(_ c: SlotContext) {
        let p = c.path, t = c.slot
        let s = state, m = market, rule = resaleRule
        let target = s.ringIndex(path: p, entry: (t + delay) % s.ringLength)
        m.sellerClass[target] = -1
        let holder = Int(s.ringAgent[target])
        guard holder >= 0 else { return }
        if c.measured { m.assigned[p] += 1 }
        // The holder of slot t + delay - 1 (for delay 0: the proposer of slot t - 1).
        let neighbour = Int(delay > 0 ? s.ringAgent[s.ringIndex(path: p, entry: (t + delay - 1) % s.ringLength)] : m.lastProposer[p])
        let classCount = s.classes
        let base = m.classLogBase
        if anyEWMA {
            for k in 0..<classCount { base[k] = Elementary.log(s.beliefMean[p * classCount + k] * valuations[k].lookaheadFactor) }
        } else {
            for k in 0..<classCount { base[k] = rule.logBase[k] }
        }
        let u = m.uniforms
        // The uniforms `fill` would give, eight (four counters) per wide Philox call with the
        // key schedule computed once: about 410 instructions under callgrind for the bench
        // market's 8, where four scalar blocks cost about 860 (the buffer is rounded up to 8).
        for j in stride(from: 0, to: 2 + 3 * classCount, by: 8) {
            rule.stream.fillEight(u + j, point: pointWord, replication: c.replication, slot: slotWord(t), firstIndex: UInt32(j / 2))
        }
        // Views as upper tails q = 1 - U (z = -quantile(q)); a tie goes to the smaller tail.
        @inline(__always) func logBid(_ k: Int, tail q: Double, neighbour isNeighbour: Bool) -> Double {
            var b = base[k]
            if rule.noise > 0 { b += rule.drift - rule.noise * StandardNormal.quantile(q) }
            if isNeighbour { b += rule.logPremium }
            return b
        }
        let own = logBid(agentClass[holder], tail: 1 - u[0], neighbour: holder == neighbour)
        // The other bids in the order the rule offers them: the neighbour's, then per class its
        // top's and its second's.
        let bids = m.offerBid, tails = m.offerTail, owners = m.offerClass
        var offers = 0
        @inline(__always) func add(_ b: Double, tail q: Double, class k: Int) {
            bids[offers] = b
            tails[offers] = q
            owners[offers] = k
            offers += 1
        }
        if neighbour >= 0 && neighbour != holder && belowCap(p, agent: neighbour) {
            add(logBid(agentClass[neighbour], tail: 1 - u[1], neighbour: true), tail: 1 - u[1], class: -1)
        }
        // With noise, the class of most bidders (two or more) has its top's tail and bid drawn
        // only if they can matter (`deferred`, below).
        let counts = m.bidders
        var deferred = -1, most = 1
        for k in 0..<classCount {
            counts[k] = classBidders(p, class: k, holder: holder, neighbour: neighbour)
            if rule.noise > 0 && counts[k] > most {
                most = counts[k]
                deferred = k
            }
        }
        var deferredAt = -1, deferredTop = 0.0, deferredNext = 0.0
        for k in 0..<classCount {
            let n = counts[k]
            guard n > 0 else { continue }
            let top = ClassTopViews.logTop(count: n, u[2 + 3 * k])
            if k == deferred {
                deferredAt = offers
                deferredTop = top
                add(.nan, tail: .nan, class: k)  // the top's place in the order, drawn if needed
            } else {
                let q = ClassTopViews.tail(top)
                add(logBid(k, tail: q, neighbour: false), tail: q, class: k)
                guard n > 1 else { continue }
            }
            let next = ClassTopViews.logNext(top, count: n, u[3 + 3 * k])
            if k == deferred { deferredNext = next }
            let q = ClassTopViews.tail(next)
            add(logBid(k, tail: q, neighbour: false), tail: q, class: k)
        }
        // The best other bid's class (-1: the neighbour) and the second-best bid.
        var bestClass = -2, second = -Double.infinity
        if deferredAt >= 0 && sellsToDeferredTop(next: deferredNext, top: deferredTop, at: deferredAt, offers: offers, own: own) {
            bestClass = deferred
            second = bids[deferredAt + 1]
        } else {
            if deferredAt >= 0 {
                let q = ClassTopViews.tail(deferredTop)
                bids[deferredAt] = logBid(deferred, tail: q, neighbour: false)
                tails[deferredAt] = q
            }
            // The best bid, a tie to the smaller tail (then to the first offered).
            var best = -Double.infinity, bestTail = 1.0
            for j in 0..<offers {
                let b = bids[j], q = tails[j]
                if b > best || (b == best && q < bestTail) {
                    second = best
                    best = b
                    bestTail = q
                    bestClass = owners[j]
                } else if b > second {
                    second = b
                }
            }
            // Some bid beat `own`, so `bestClass` is set (-1 or a class): `best` starts at -inf.
            guard best > own else { return }
        }
        let buyer: Int
        if bestClass == -1 {
            buyer = neighbour
        } else {
            let n = classBidders(p, class: bestClass, holder: holder, neighbour: neighbour)
            buyer = classBidder(p, class: bestClass, index: Swift.min(Int(u[4 + 3 * bestClass] * Double(n)), n - 1), holder: holder, neighbour: neighbour)
        }
        let price = Self.resalePrice(second: second, own: own)
        m.sellerClass[target] = Int32(agentClass[holder])
        m.sellerNet[target] = (1 - rule.fee) * price - s.ringPrice[target]
        s.held[p * s.agents + holder] -= 1
        s.held[p * s.agents + buyer] += 1
        s.ringAgent[target] = Int32(buyer)
        s.ringPrice[target] = price
        s.ringSlot[target] = Int32(truncatingIfNeeded: t)
        if c.measured {
            m.resold[p] += 1
            s.revenue[p] += rule.fee * price
        }
    }

    /// Whether the deferred class's top bid (not drawn; offer `at`, its second's at `at + 1`) is
    /// the best bid and above `own`, so that the sale goes to that class at its second's bid,
    /// with no need of the top's tail: when its second's bid is above `own` and above every
    /// other offer, and the two views' tails are far enough apart that the top's bid is at
    /// least its second's. The tails are `-expm1(x)` of the log uniforms `top > next`; with
    /// `next > -1` and `top - next > 1e-11` they differ by more than `e^-1 1e-11 - 2 ulps >
    /// 3.6e-12` (`expm1` within 1 ulp), and the normal quantile, of slope at least `sqrt(2 pi)`
    /// and within 1e-13 of its value (AS 241: about 1e-16 relative, |z| < 8.3), then puts the
    /// top's view strictly above its second's: the bids (the same monotone arithmetic of the
    /// view) are in the same order, as the full comparison would find them. Else `false`, and
    /// the caller draws the top and compares every bid.
    @inline(__always)
    func sellsToDeferredTop(next: Double, top: Double, at d: Int, offers: Int, own: Double) -> Bool {
        let bids = market.offerBid
        let bid = bids[d + 1]
        guard next > -1, top - next > 1e-11, bid > own else { return false }
        for j in 0..<offers where j != d && j != d + 1 {
            guard bid > bids[j] else { return false }
        }
        return true
    }

    /// The resale price `max(exp(second), exp(own))` (`exp(own)` when there is no second bid),
    /// with one `exp` where the two log prices are more than 2^-20 apart in the normal range:
    /// `Elementary.exp` is within 1 ulp (2^-52 relative) of `e^x`, so there the larger argument's
    /// exponential is the larger one, bit for bit the same price; both are taken otherwise.
    @inline(__always)
    static func resalePrice(second: Double, own: Double) -> Double {
        if second == -.infinity { return Swift.max(0, Elementary.exp(own)) }
        let gap = second - own
        if gap.magnitude > 0x1p-20 && second.magnitude < 700 && own.magnitude < 700 {
            return Elementary.exp(gap > 0 ? second : own)
        }
        return Swift.max(Elementary.exp(second), Elementary.exp(own))
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
