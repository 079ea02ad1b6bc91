/// Structure-of-arrays state of a batch of paths, allocated once per simulator and reused for
/// every batch. Path `p`'s slice of a per-path array `x` of width `w` is `x[p*w ..< (p+1)*w]`.
///
/// A final class because it owns manually allocated buffers (freed in `deinit`).
final class BatchState {
    let capacity: Int
    let agents: Int
    let classes: Int
    /// The pools' storage, behind a pointer so that the slot loop reads it without the dynamic
    /// exclusivity checks of a class's `var` properties; `growPool` replaces its buffers.
    struct PoolStorage {
        /// Tickets each path's pool can hold before `growPool` doubles it (at most `poolBound`).
        var capacity: Int
        var agent: UnsafeMutablePointer<Int32>
        var price: UnsafeMutablePointer<Double>
        var slot: UnsafeMutablePointer<Int32>
    }

    let pool: UnsafeMutablePointer<PoolStorage>
    /// The most tickets a pool can ever hold (sales cap x slots, or the sum of the caps).
    let poolBound: Int
    var poolCapacity: Int { pool.pointee.capacity }
    let ringLength: Int

    // Market state.
    let price: UnsafeMutablePointer<Double>
    let persistentZ: UnsafeMutablePointer<Double>
    let poolCount: UnsafeMutablePointer<Int>

    let ringAgent: UnsafeMutablePointer<Int32>
    let ringPrice: UnsafeMutablePointer<Double>
    let ringSlot: UnsafeMutablePointer<Int32>
    let held: UnsafeMutablePointer<Int32>
    let order: UnsafeMutablePointer<Int32>
    let beliefMean: UnsafeMutablePointer<Double>
    let beliefVariance: UnsafeMutablePointer<Double>

    // Per-path accumulators over the measured slots.
    let valueTotal: UnsafeMutablePointer<Double>
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

    // Per-ticket observations: metric-major columns of `capacity * ticketChunk` values, path
    // `p`'s current chunk starting at `p * ticketChunk` within a column; `ticketCount[p]` of them.
    let tickets: UnsafeMutablePointer<Double>
    let ticketCount: UnsafeMutablePointer<Int>

    init(capacity: Int, agents: Int, classes: Int, builders: Int, poolBound: Int, ringLength: Int, ticketCapacity: Int, ticketMetrics: Int) {
        self.capacity = capacity
        self.agents = agents
        self.classes = classes
        self.poolBound = poolBound
        let poolCapacity = min(poolBound, 1024)
        self.ringLength = ringLength
        func make<T>(_ n: Int, _ fill: T) -> UnsafeMutablePointer<T> {
            let p = UnsafeMutablePointer<T>.allocate(capacity: max(n, 1))
            p.initialize(repeating: fill, count: max(n, 1))
            return p
        }
        price = make(capacity, 0)
        persistentZ = make(capacity, 0)
        poolCount = make(capacity, 0)
        pool = .allocate(capacity: 1)
        pool.initialize(to: PoolStorage(
            capacity: poolCapacity, agent: make(capacity * poolCapacity, 0), price: make(capacity * poolCapacity, 0),
            slot: make(capacity * poolCapacity, 0)))
        ringAgent = make(capacity * ringLength, -1)
        ringPrice = make(capacity * ringLength, 0)
        ringSlot = make(capacity * ringLength, 0)
        held = make(capacity * agents, 0)
        order = make(capacity * agents, 0)
        beliefMean = make(capacity * classes, 0)
        beliefVariance = make(capacity * classes, 0)
        valueTotal = make(capacity, 0)
        revenue = make(capacity, 0)
        proposerRevenue = make(capacity, 0)
        builderProfit = make(capacity, 0)
        lostValue = make(capacity, 0)
        classProfit = make(capacity * classes, 0)
        classSlots = make(capacity * classes, 0)
        agentSlots = make(capacity * agents, 0)
        runAgent = make(capacity, -1)
        runLength = make(capacity, 0)
        longestRun = make(capacity, 0)
        emptySlots = make(capacity, 0)
        missedSlots = make(capacity, 0)
        sales = make(capacity, 0)
        priceMean = make(capacity, 0)
        priceM2 = make(capacity, 0)
        poolMean = make(capacity, 0)
        poolM2 = make(capacity, 0)
        values = make(capacity, 0)
        best = make(capacity, 0)
        payment = make(capacity, 0)
        drawU = make(capacity, 0)
        missU = make(capacity, 0)
        valueSpare = make(capacity, 0)
        drawSpare = make(capacity, 0)
        missSpare = make(capacity, 0)
        signals = make(capacity * max(builders, 2), 0)
        tickets = make(ticketCapacity * ticketMetrics, 0)
        ticketCount = make(capacity, 0)
    }

    /// Doubles every path's pool storage (up to `poolBound`), keeping each path's tickets. Rare:
    /// a pool grows past its capacity only a few times in a run.
    func growPool() {
        let current = pool.pointee
        let old = current.capacity
        let new = min(max(2 * old, 1), poolBound)
        guard new > old else { return }
        let agent = UnsafeMutablePointer<Int32>.allocate(capacity: capacity * new)
        let price = UnsafeMutablePointer<Double>.allocate(capacity: capacity * new)
        let slot = UnsafeMutablePointer<Int32>.allocate(capacity: capacity * new)
        for p in 0..<capacity {
            let n = poolCount[p]
            (agent + p * new).initialize(from: current.agent + p * old, count: n)
            (price + p * new).initialize(from: current.price + p * old, count: n)
            (slot + p * new).initialize(from: current.slot + p * old, count: n)
        }
        current.agent.deallocate()
        current.price.deallocate()
        current.slot.deallocate()
        pool.pointee = PoolStorage(capacity: new, agent: agent, price: price, slot: slot)
    }

    /// Resets every per-path quantity for a new batch.
    func reset(initialPrice: Double, beliefs: [PayoffBelief]) {
        let n = capacity
        price.update(repeating: initialPrice, count: n)
        persistentZ.update(repeating: 0, count: n)
        poolCount.update(repeating: 0, count: n)
        ringAgent.update(repeating: -1, count: n * ringLength)
        held.update(repeating: 0, count: n * agents)
        for p in 0..<n {
            for a in 0..<agents { order[p * agents + a] = Int32(a) }
            for k in 0..<classes {
                beliefMean[p * classes + k] = beliefs[k].mean
                beliefVariance[p * classes + k] = beliefs[k].variance
            }
        }
        for buffer in [valueTotal, revenue, proposerRevenue, builderProfit, lostValue, priceMean, priceM2, poolMean, poolM2] {
            buffer.update(repeating: 0, count: n)
        }
        classProfit.update(repeating: 0, count: n * classes)
        classSlots.update(repeating: 0, count: n * classes)
        agentSlots.update(repeating: 0, count: n * agents)
        runAgent.update(repeating: -1, count: n)
        for buffer in [runLength, longestRun, emptySlots, missedSlots, sales, ticketCount] { buffer.update(repeating: 0, count: n) }
    }

    deinit {
        let all: [UnsafeMutableRawPointer] = [
            .init(price), .init(persistentZ), .init(poolCount), .init(pool.pointee.agent), .init(pool.pointee.price),
            .init(pool.pointee.slot), .init(pool),
            .init(ringAgent), .init(ringPrice), .init(ringSlot), .init(held), .init(order), .init(beliefMean),
            .init(beliefVariance), .init(valueTotal), .init(revenue), .init(proposerRevenue), .init(builderProfit),
            .init(lostValue), .init(classProfit), .init(classSlots), .init(agentSlots), .init(runAgent),
            .init(runLength), .init(longestRun), .init(emptySlots), .init(missedSlots), .init(sales), .init(priceMean),
            .init(priceM2), .init(poolMean), .init(poolM2), .init(values), .init(best), .init(payment),
            .init(drawU), .init(missU), .init(valueSpare), .init(drawSpare), .init(missSpare), .init(signals), .init(tickets), .init(ticketCount),
        ]
        for pointer in all { pointer.deallocate() }
    }
}
