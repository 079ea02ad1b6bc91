/// Structure-of-arrays state of a batch of paths, allocated once per simulator and reused for
/// every batch. Path `p`'s slice of a per-path array `x` of width `w` is `x[p*w ..< (p+1)*w]`.
///
/// Every buffer is a typed view into one arena whose layout (`ArenaLayout`) is computed from the
/// sizes; `reset` refills them all. Only the pools, which grow, have a block of their own.
/// With `TICKETSWEEP_INTERNAL_CHECKS` (on in debug builds) `checkInvariants` verifies the ticket
/// accounting. A final class because it owns the arena and the pool block (freed in `deinit`).
final class BatchState {
    let capacity: Int
    let agents: Int
    let classes: Int
    /// The pools' storage, behind a pointer so that the slot loop reads it without the dynamic
    /// exclusivity checks of a class's `var` properties; `growPool` replaces it.
    ///
    /// A pool ticket's three fields lie together (one 16-byte record), so that the draw of a
    /// random ticket touches one cache line, not three; and path `p`'s pool starts at record
    /// `p * stride` with `stride = capacity + 4`, one cache line more than the capacity, so that
    /// the paths' pools do not start at multiples of 4 KiB (which map onto the same few sets of
    /// the L1 cache: with 32 paths and three arrays at a stride of 1,024 tickets, the draws
    /// evicted one another).
    struct PoolStorage {
        /// Tickets each path's pool can hold before `growPool` doubles it (at most `poolBound`).
        var capacity: Int
        /// Records between the starts of two paths' pools.
        var stride: Int
        var tickets: UnsafeMutablePointer<PoolTicket>

        /// The index of path `p`'s first ticket.
        @inline(__always) func base(_ p: Int) -> Int { p &* stride }
    }

    /// A ticket in a pool: bought by `agent` at `price` in slot `slot`.
    struct PoolTicket {
        var price: Double
        var agent: Int32
        var slot: Int32
    }

    let pool: UnsafeMutablePointer<PoolStorage>
    private let arena: UnsafeMutableRawPointer
    private let layout: ArenaLayout
    /// The most tickets a pool can ever hold (sales cap x slots, or the sum of the caps).
    let poolBound: Int
    var poolCapacity: Int { pool.pointee.capacity }
    let ringLength: Int

    // Market state.
    let price: UnsafeMutablePointer<Double>
    let persistentZ: UnsafeMutablePointer<Double>
    let poolCount: UnsafeMutablePointer<Int>

    /// The ring of assigned slot rights, entry-major: entry `e` (slot `t` has entry
    /// `t % ringLength`) of path `p` at `ringIndex(path: p, entry: e)`. All paths of a batch
    /// are at the same slot, so one slot's draw and holder entries of the 32 paths lie in a few
    /// cache lines (path-major, they were two lines per path and array).
    @inline(__always) func ringIndex(path p: Int, entry e: Int) -> Int { e &* capacity &+ p }
    let ringAgent: UnsafeMutablePointer<Int32>
    let ringPrice: UnsafeMutablePointer<Double>
    let ringSlot: UnsafeMutablePointer<Int32>
    let held: UnsafeMutablePointer<Int32>
    let order: UnsafeMutablePointer<Int32>
    let beliefMean: UnsafeMutablePointer<Double>
    let beliefVariance: UnsafeMutablePointer<Double>

    // Per-path accumulators over the measured slots.
    let valueTotal: UnsafeMutablePointer<Double>
    /// `surplus_total`: the winning builder's value, or `e_k V` when the holder builds itself.
    let surplus: UnsafeMutablePointer<Double>
    let revenue: UnsafeMutablePointer<Double>
    let proposerRevenue: UnsafeMutablePointer<Double>
    let builderProfit: UnsafeMutablePointer<Double>
    let lostValue: UnsafeMutablePointer<Double>
    let classProfit: UnsafeMutablePointer<Double>
    let classSlots: UnsafeMutablePointer<Int>
    let agentSlots: UnsafeMutablePointer<Int32>
    let runAgent: UnsafeMutablePointer<Int32>
    let runLength: UnsafeMutablePointer<Int>
    let longestRun: UnsafeMutablePointer<Int>
    /// Proposed slots whose proposer also proposed the previous slot (`run_share`'s numerator).
    let runSlots: UnsafeMutablePointer<Int>
    let emptySlots: UnsafeMutablePointer<Int>
    let missedSlots: UnsafeMutablePointer<Int>
    let sales: UnsafeMutablePointer<Int>
    /// Welford mean and sum of squares of the posted price and of the pool size.
    let priceMean: UnsafeMutablePointer<Double>
    let priceM2: UnsafeMutablePointer<Double>
    let poolMean: UnsafeMutablePointer<Double>
    let poolM2: UnsafeMutablePointer<Double>

    // Per-slot scratch, filled in the batch-wide phase of a slot.
    let values: UnsafeMutablePointer<Double>
    let best: UnsafeMutablePointer<Double>
    let payment: UnsafeMutablePointer<Double>
    let drawU: UnsafeMutablePointer<Double>
    let missU: UnsafeMutablePointer<Double>
    /// The second uniform of the value, draw and miss streams' last even-slot block: the
    /// uniform of the following (odd) slot.
    let valueSpare: UnsafeMutablePointer<Double>
    let drawSpare: UnsafeMutablePointer<Double>
    let missSpare: UnsafeMutablePointer<Double>
    let signals: UnsafeMutablePointer<Double>
    /// Scratch of `ValueSampler.values(inPlace:scratch:)`.
    let valueScratch: UnsafeMutablePointer<Double>
    /// The myopic sale's service-order uniforms, 16 at a time (`sellToMyopicBuyers`).
    let orderUniforms: UnsafeMutablePointer<Double>

    // Per-ticket observations: metric-major columns of `ticketCapacity` values each, path `p`'s
    // current chunk at `BatchSimulator.ticketColumn`; `ticketCount[p]` of them.
    let tickets: UnsafeMutablePointer<Double>
    let ticketCount: UnsafeMutablePointer<Int>

    // Expiry (`TicketExpiry.swift`): a lower bound on the purchase slots in each path's pool,
    // and the tickets expired and drawn in measured slots.
    let oldestPurchase: UnsafeMutablePointer<Int>
    let expiredTickets: UnsafeMutablePointer<Int>
    let drawnTickets: UnsafeMutablePointer<Int>

    init(capacity: Int, agents: Int, classes: Int, builders: Int, poolBound: Int, ringLength: Int, ticketCapacity: Int, ticketMetrics: Int) {
        self.capacity = capacity
        self.agents = agents
        self.classes = classes
        self.poolBound = poolBound
        let poolCapacity = min(poolBound, 1024)
        self.ringLength = ringLength
        var layout = ArenaLayout()
        let poolSlot = layout.add(PoolStorage.self, count: 1, fill: BatchState.allocatePool(paths: capacity, capacity: poolCapacity), resets: false)
        let priceBuffer = layout.add(Double.self, count: capacity, fill: 0)
        let persistentZBuffer = layout.add(Double.self, count: capacity, fill: 0)
        let poolCountBuffer = layout.add(Int.self, count: capacity, fill: 0)
        let ringAgentBuffer = layout.add(Int32.self, count: capacity * ringLength, fill: -1)
        let ringPriceBuffer = layout.add(Double.self, count: capacity * ringLength, fill: 0)
        let ringSlotBuffer = layout.add(Int32.self, count: capacity * ringLength, fill: 0)
        let heldBuffer = layout.add(Int32.self, count: capacity * agents, fill: 0)
        let orderBuffer = layout.add(Int32.self, count: capacity * agents, fill: 0)
        let beliefMeanBuffer = layout.add(Double.self, count: capacity * classes, fill: 0)
        let beliefVarianceBuffer = layout.add(Double.self, count: capacity * classes, fill: 0)
        let valueTotalBuffer = layout.add(Double.self, count: capacity, fill: 0)
        let surplusBuffer = layout.add(Double.self, count: capacity, fill: 0)
        let runSlotsBuffer = layout.add(Int.self, count: capacity, fill: 0)
        let revenueBuffer = layout.add(Double.self, count: capacity, fill: 0)
        let proposerRevenueBuffer = layout.add(Double.self, count: capacity, fill: 0)
        let builderProfitBuffer = layout.add(Double.self, count: capacity, fill: 0)
        let lostValueBuffer = layout.add(Double.self, count: capacity, fill: 0)
        let classProfitBuffer = layout.add(Double.self, count: capacity * classes, fill: 0)
        let classSlotsBuffer = layout.add(Int.self, count: capacity * classes, fill: 0)
        let agentSlotsBuffer = layout.add(Int32.self, count: capacity * agents, fill: 0)
        let runAgentBuffer = layout.add(Int32.self, count: capacity, fill: -1)
        let runLengthBuffer = layout.add(Int.self, count: capacity, fill: 0)
        let longestRunBuffer = layout.add(Int.self, count: capacity, fill: 0)
        let emptySlotsBuffer = layout.add(Int.self, count: capacity, fill: 0)
        let missedSlotsBuffer = layout.add(Int.self, count: capacity, fill: 0)
        let salesBuffer = layout.add(Int.self, count: capacity, fill: 0)
        let priceMeanBuffer = layout.add(Double.self, count: capacity, fill: 0)
        let priceM2Buffer = layout.add(Double.self, count: capacity, fill: 0)
        let poolMeanBuffer = layout.add(Double.self, count: capacity, fill: 0)
        let poolM2Buffer = layout.add(Double.self, count: capacity, fill: 0)
        let valuesBuffer = layout.add(Double.self, count: capacity, fill: 0)
        let bestBuffer = layout.add(Double.self, count: capacity, fill: 0)
        let paymentBuffer = layout.add(Double.self, count: capacity, fill: 0)
        let drawUBuffer = layout.add(Double.self, count: capacity, fill: 0)
        let missUBuffer = layout.add(Double.self, count: capacity, fill: 0)
        let valueSpareBuffer = layout.add(Double.self, count: capacity, fill: 0)
        let drawSpareBuffer = layout.add(Double.self, count: capacity, fill: 0)
        let missSpareBuffer = layout.add(Double.self, count: capacity, fill: 0)
        let signalsBuffer = layout.add(Double.self, count: capacity * max(builders, 2), fill: 0)
        let valueScratchBuffer = layout.add(Double.self, count: capacity, fill: 0)
        let orderUniformsBuffer = layout.add(Double.self, count: 16, fill: 0)
        let ticketsBuffer = layout.add(Double.self, count: ticketCapacity * ticketMetrics, fill: 0)
        let ticketCountBuffer = layout.add(Int.self, count: capacity, fill: 0)
        let oldestPurchaseBuffer = layout.add(Int.self, count: capacity, fill: 0)
        let expiredTicketsBuffer = layout.add(Int.self, count: capacity, fill: 0)
        let drawnTicketsBuffer = layout.add(Int.self, count: capacity, fill: 0)
        let arena = layout.allocate()
        self.arena = arena
        self.layout = layout
        pool = poolSlot.view(arena)
        price = priceBuffer.view(arena)
        persistentZ = persistentZBuffer.view(arena)
        poolCount = poolCountBuffer.view(arena)
        ringAgent = ringAgentBuffer.view(arena)
        ringPrice = ringPriceBuffer.view(arena)
        ringSlot = ringSlotBuffer.view(arena)
        held = heldBuffer.view(arena)
        order = orderBuffer.view(arena)
        beliefMean = beliefMeanBuffer.view(arena)
        beliefVariance = beliefVarianceBuffer.view(arena)
        valueTotal = valueTotalBuffer.view(arena)
        surplus = surplusBuffer.view(arena)
        runSlots = runSlotsBuffer.view(arena)
        revenue = revenueBuffer.view(arena)
        proposerRevenue = proposerRevenueBuffer.view(arena)
        builderProfit = builderProfitBuffer.view(arena)
        lostValue = lostValueBuffer.view(arena)
        classProfit = classProfitBuffer.view(arena)
        classSlots = classSlotsBuffer.view(arena)
        agentSlots = agentSlotsBuffer.view(arena)
        runAgent = runAgentBuffer.view(arena)
        runLength = runLengthBuffer.view(arena)
        longestRun = longestRunBuffer.view(arena)
        emptySlots = emptySlotsBuffer.view(arena)
        missedSlots = missedSlotsBuffer.view(arena)
        sales = salesBuffer.view(arena)
        priceMean = priceMeanBuffer.view(arena)
        priceM2 = priceM2Buffer.view(arena)
        poolMean = poolMeanBuffer.view(arena)
        poolM2 = poolM2Buffer.view(arena)
        values = valuesBuffer.view(arena)
        best = bestBuffer.view(arena)
        payment = paymentBuffer.view(arena)
        drawU = drawUBuffer.view(arena)
        missU = missUBuffer.view(arena)
        valueSpare = valueSpareBuffer.view(arena)
        drawSpare = drawSpareBuffer.view(arena)
        missSpare = missSpareBuffer.view(arena)
        signals = signalsBuffer.view(arena)
        valueScratch = valueScratchBuffer.view(arena)
        orderUniforms = orderUniformsBuffer.view(arena)
        tickets = ticketsBuffer.view(arena)
        ticketCount = ticketCountBuffer.view(arena)
        oldestPurchase = oldestPurchaseBuffer.view(arena)
        expiredTickets = expiredTicketsBuffer.view(arena)
        drawnTickets = drawnTicketsBuffer.view(arena)
    }

    /// Doubles every path's pool storage (up to `poolBound`), keeping each path's tickets. Rare:
    /// a pool grows past its capacity only a few times in a run.
    func growPool() {
        let current = pool.pointee
        let old = current.capacity
        let new = min(max(2 * old, 1), poolBound)
        guard new > old else { return }
        let grown = BatchState.allocatePool(paths: capacity, capacity: new)
        for p in 0..<capacity {
            (grown.tickets + grown.base(p)).update(from: current.tickets + current.base(p), count: poolCount[p])
        }
        current.tickets.deallocate()
        pool.pointee = grown
    }

    /// The records of `paths` pools of `capacity` tickets (see `PoolStorage`), zeroed.
    static func allocatePool(paths: Int, capacity: Int) -> PoolStorage {
        let stride = capacity + 4
        let tickets = UnsafeMutablePointer<PoolTicket>.allocate(capacity: max(paths * stride, 1))
        tickets.initialize(repeating: PoolTicket(price: 0, agent: 0, slot: 0), count: max(paths * stride, 1))
        return PoolStorage(capacity: capacity, stride: stride, tickets: tickets)
    }

    /// Resets every per-path quantity for a new batch: every buffer of the arena to its initial
    /// value, then the price state, the agents' order and the beliefs.
    func reset(initialPrice: Double, beliefs: [PayoffBelief]) {
        layout.reset(arena)
        let n = capacity
        price.update(repeating: initialPrice, count: n)
        for p in 0..<n {
            for a in 0..<agents { order[p * agents + a] = Int32(a) }
            for k in 0..<classes {
                beliefMean[p * classes + k] = beliefs[k].mean
                beliefVariance[p * classes + k] = beliefs[k].variance
            }
        }
    }

#if TICKETSWEEP_INTERNAL_CHECKS
    /// Traps unless path `p`'s accounting holds: the pool within its capacity and bound, no
    /// agent holding a negative number of tickets, and the tickets held equal to the pool's plus
    /// the slots assigned and not yet proposed. O(agents + ring length).
    func checkInvariants(path p: Int) {
        let n = poolCount[p]
        precondition(n >= 0 && n <= pool.pointee.capacity && n < poolBound, "pool of path \(p) holds \(n) tickets")
        var held = 0
        for a in 0..<agents {
            precondition(self.held[p * agents + a] >= 0, "agent \(a) of path \(p) holds a negative number of tickets")
            held += Int(self.held[p * agents + a])
        }
        var assigned = 0
        for r in 0..<ringLength where ringAgent[ringIndex(path: p, entry: r)] >= 0 { assigned += 1 }
        precondition(held == n + assigned, "path \(p): \(held) tickets held, \(n) in the pool and \(assigned) assigned")
    }
#endif

    deinit {
        pool.pointee.tickets.deallocate()
        arena.deallocate()
    }
}
