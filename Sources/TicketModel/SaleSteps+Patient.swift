import SweepRandom

/// The posted-price sale with patient buyers (`PatientBuyers.swift`): the loop of
/// `sellAtPostedPrice` with the same visits, the same order uniforms and the same purchases,
/// made cheaper where a visit cannot end in a purchase.
extension BatchSimulator {
    /// Posted-price sales when some class is patient. Agents are served in the order drawn
    /// afresh on the order stream (a partial Fisher–Yates shuffle, uniforms `2k` and `2k + 1`
    /// from counter `k`), exactly as in `sellAtPostedPrice`, and the loop ends where that one's
    /// does: before a visit, once no class with an agent not yet served in the slot buys one
    /// more ticket at the slot's state (pool, sales so far).
    ///
    /// **What is cheaper.** Each class's verdict at the state (its valuation at least the
    /// price and, for a patient class, the rule) is reached once per state and kept in
    /// `decisions.buying`, with the number of not-yet-served agents of the classes that buy
    /// (`open`); both are recomputed only when a purchase moves the state. A visit to an
    /// agent of a class that does not buy at the state, which ends in no purchase in the loop
    /// it replaces, is then a Fisher–Yates step and a count: no valuation, no rule, no test of
    /// every class. The visit still draws its order uniform and makes its swap, so the service
    /// order, every purchase and every table are those of the loop it replaces, bit for bit.
    /// Cost per state: one valuation per class and, for each patient class willing at the
    /// price, one forecast and up to `h` valuations; per waiting visit, a thirty-second of a
    /// sixteen-counter kernel call (`ServiceOrderBlock`: the uniforms and their steps 32 at a time, bit for
    /// bit those of `serviceOrderAgent`) and a swap. No allocation.
    @inline(__always)
    func sellToPatientBuyers<F: PriceForecast>(
        _ c: SlotContext, forecaster: F, decisions: inout PatientDecisions, priceAt: (Int) -> Double
    ) -> Int {
        let p = c.path, t = c.slot
        let s = state
        let agents = s.agents
        let order = s.order + p * agents
        var sold = 0
        var i = 0
        var open = 0
        var stale = true
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: ServiceOrderBlock.size) { buffer in
            var block = ServiceOrderBlock(buffer.baseAddress!)
            // The first block's targets before the classes' verdicts, which do not depend on
            // them: the kernel's chain of Philox rounds then runs while the verdicts are
            // reached, instead of stalling the first visit. (A slot whose sale ends before a
            // visit draws these uniforms for nothing; the stream is counter-based, so no other
            // number changes.)
            if agents > 0 && salesCap > 0 {
                drawServiceOrderBlock(c, start: 0, count: ServiceOrderBlock.size, into: block.targets)
                block.start = 0
                block.held = ServiceOrderBlock.size
            }
            while i < agents && sold < salesCap {
                if stale {
                    open = classesBuying(p, pool: s.poolCount[p], sold: sold, price: priceAt(s.poolCount[p]), forecaster: forecaster, decisions: &decisions)
                    stale = false
                }
                guard open > 0 else { break }
                let (a, k) = visitToBuyer(c, position: &i, block: &block, order: order, decisions: decisions)
                guard decisions.buying[k] != 0 else { break }
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
    }

    /// The visits of a patient sale from position `i` up to the next agent of a class that
    /// buys at the state (`decisions.buying`), or to the end of the order (`i < agents` on
    /// entry): before that agent the state does not move, so each visit is the swap with its
    /// target (`block`) and the class's served count. Returns the last agent visited and its
    /// class, with `i` one past it. Not inlined, with the block's start in a local and the
    /// visits of one block in a loop with no call, so that the loop keeps its few values in
    /// registers (inlined in the sale, it spilled them: about 55 instructions a visit, then
    /// about 15). The visits to the waiting class with most agents (in the bench market the
    /// patient lottery class, about 25 visits a slot) are counted in a register and added to its
    /// served count at the end: a visit is then a swap, a class lookup and a compare, with no
    /// read-modify-write of memory that the next visit waits for. The same swaps and counts.
    @inline(never)
    func visitToBuyer(
        _ c: SlotContext, position i: inout Int, block: inout ServiceOrderBlock, order: UnsafeMutablePointer<Int32>,
        decisions: PatientDecisions
    ) -> (agent: Int, class: Int) {
        let agents = state.agents
        let served = decisions.served, buying = decisions.buying
        let targets = block.targets
        // The waiting class with most agents (-1 when every class buys).
        var hot = -1, most = 0
        for k in 0..<state.classes where buying[k] == 0 && classes.count[k] > most {
            hot = k
            most = classes.count[k]
        }
        var start = block.start, held = block.held, at = i, hotVisits: Int32 = 0
        let (a, k) = agentClass.withUnsafeBufferPointer { classOf in
            var a = 0, k = 0
            repeat {
                if at &- start >= held {
                    // The walk goes on past the block: the next positions, `refill` of them.
                    start = at
                    held = ServiceOrderBlock.refill
                    drawServiceOrderBlock(c, start: start, count: held, into: targets)
                }
                // The block's positions, with no call inside: its values stay in registers.
                let end = Swift.min(start &+ held, agents)
                repeat {
                    // order.swapAt(at, j), the agent now at `at` kept from its load.
                    let j = targets[at &- start]
                    let x = order[j]
                    order[j] = order[at]
                    order[at] = x
                    a = Int(x)
                    k = classOf[a]
                    at &+= 1
                    if k == hot {
                        hotVisits &+= 1
                    } else {
                        served[k] &+= 1
                        if buying[k] != 0 { break }
                    }
                } while at < end
            } while buying[k] == 0 && at < agents
            return (a, k)
        }
        if hot >= 0 { served[hot] &+= hotVisits }
        block.start = start
        block.held = held
        i = at
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

/// The service order's steps of one path-slot, a block of positions at a time: for positions
/// `start ..< start + held` (`start` a multiple of 16), the positions their Fisher–Yates steps
/// swap with, from the uniforms of the order stream's counters from `start / 2`, drawn and turned
/// into steps in one call (`RandomStream.fillShuffleTargets`, one AVX-512 kernel where the
/// machine has it). A patient class that waits is walked agent by agent (each visit an order
/// uniform, about 26 a slot in the bench market). One call's Philox rounds are a chain of
/// dependent multiplications: a call of 16 positions waits on their latency, and one of 32 runs
/// two chains side by side in about the same time. So the sale draws the first 32 before the
/// classes' verdicts (the chains run while the verdicts are reached), and a walk that goes
/// further draws 16 more at a time: in the bench market about 39 positions a slot, against 44
/// with blocks of 32 and 33 in blocks of 16 each waiting on its chain.
struct ServiceOrderBlock {
    /// The positions of the first block, and the buffer's capacity.
    static var size: Int { 32 }
    /// The positions of each later block.
    static var refill: Int { 16 }
    /// The swap targets `j` of positions `start ..< start + held` (a stack buffer of the sale).
    let targets: UnsafeMutablePointer<Int>
    /// The first position held; `-size` before the first draw of the slot.
    var start = -size
    /// The positions held from `start`.
    var held = size

    init(_ buffer: UnsafeMutablePointer<Int>) { targets = buffer }
}

extension BatchSimulator {
    /// Writes to `out[m]` the position that the Fisher–Yates step of position `start + m`
    /// swaps with, `0 <= m < count` (16 or 32; `start` a multiple of 16; positions past the last
    /// agent get values never read): `serviceOrderAgent`'s `i + min(truncatedIndex(u (n - i)),
    /// n - i - 1)` on that position's uniform (uniform `m` of the counters from `start / 2`, two
    /// a counter), bit for bit (`RandomStream.fillShuffleTargets`: one AVX-512 call where the
    /// machine has it).
    @inline(__always)
    func drawServiceOrderBlock(_ c: SlotContext, start: Int, count: Int, into out: UnsafeMutablePointer<Int>) {
        streams.order.fillShuffleTargets(
            out, count: count, scratch: state.orderUniforms, point: pointWord, replication: c.replication,
            slot: slotWord(c.slot), start: start, items: state.agents)
    }
}
