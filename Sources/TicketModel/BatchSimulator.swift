import SweepMath
import SweepRandom
import SweepStatistics

/// What a shard asks the model to simulate: one point's parameters and where its random numbers
/// come from.
public struct SimulationSetup: Sendable, Hashable {
    public var parameters: ModelParameters
    /// Measured slots per path (the warmup comes on top).
    public var slots: Int
    public var seed: UInt64
    public var point: Int
    /// Exogenous streams (values, builder signals) ignore the point when true.
    public var commonRandomNumbers: Bool

    public init(parameters: ModelParameters, slots: Int, seed: UInt64, point: Int, commonRandomNumbers: Bool = true) {
        self.parameters = parameters
        self.slots = slots
        self.seed = seed
        self.point = point
        self.commonRandomNumbers = commonRandomNumbers
    }
}

/// Simulates batches of paths of one point slot by slot (MODEL.md section 10's order within a
/// slot: draw, the holder sells its slot, sales, price update).
///
/// Each slot has a batch-wide phase that fills the slot's random numbers and values for every path
/// (one kernel call per stream) and a per-path phase for the market's decisions. Nothing is
/// allocated inside the slot loop. Results depend only on `(seed, point, replication)`, never on
/// the batch a path is simulated in.
///
/// A final class because it owns the batch's buffers and reuses them across batches.
public final class BatchSimulator {
    public let setup: SimulationSetup
    public let layout: MetricLayout
    public let batchCapacity: Int
    public let beliefs: [PayoffBelief]

    let parameters: ModelParameters
    /// Each path's beliefs at its start: the exact ones, or an `ewma` class's `prior`.
    let initialBeliefs: [PayoffBelief]
    let sampler: ValueSampler
    let auction: BuilderAuction
    let valuations: [Valuation]
    let classes: ClassTable
    let agentClass: [Int]
    /// First agent index of each class (agents of a class are contiguous).
    let classStart: [Int]
    let warmup: Int
    let totalSlots: Int
    /// Slots between the sale or draw of a slot's right and the slot itself.
    let delay: Int
    let salesCap: Int
    let ewmaWeight: [Double]
    let anyMiss: Bool
    let anyEWMA: Bool
    let persistence: Double
    let streams: (value: RandomStream, signal: RandomStream, draw: RandomStream, order: RandomStream, miss: RandomStream)
    let exogenousPoint: UInt32
    let pointWord: UInt32
    let state: BatchState
    /// The mechanism's `pointConstants` (e.g. equilibrium spends under exact beliefs).
    public let mechanismConstants: [Double]
    /// The mechanism's price state at the start of a path.
    let initialPrice: Double
    /// `w_k(H)` for `H` in `0 ... tableSize - 1`, class-major, when every class has exact beliefs
    /// (valuations then depend on the pool size only); empty otherwise.
    let valuationTable: [Double]
    /// `max_k w_k(H)`, the same range.
    let bestValuation: [Double]
    let tableSize: Int
    /// Multi-block premium and resale (`MultiBlockPremium.swift`, `ResaleStep.swift`): `1 + beta`,
    /// whether the previous proposer is tracked (a premium or resale), the resale's constants
    /// and state.
    let premiumFactor: Double
    let tracksProposer: Bool
    let resaleRule: ResaleRule
    let market: SecondaryMarketState
    /// Ticket expiry and refunds (`TicketExpiry.swift`; disabled by default).
    let expiryRule: ExpiryRule
    /// Patient buyers' horizons (`PatientBuyers.swift`; none by default).
    let patience: Patience

    /// Per-path metric rows of the last batch, row-major `count x layout.pathMetrics.count`.
    public internal(set) var pathRows: [Double]
    /// Tickets buffered per path before they are folded into the path's moments and the batch's
    /// sketches (a path's chunks depend only on its own ticket count, never on the batch).
    public let ticketChunk: Int
    /// Doubles between two paths' chunks and between two metrics' columns in the ticket buffer:
    /// each one cache line more than the data, so that the 32 paths' and 4 metrics' write
    /// positions fall in different sets of the L1 cache (strides of 2 KiB and 64 KiB, the
    /// unpadded ones, map them onto a few sets, and the buffer's writes evicted one another).
    let ticketPathStride: Int
    let ticketMetricStride: Int
    /// Per path and per-ticket metric, the moments of the last batch's tickets (path-major).
    public internal(set) var ticketMoments: [Moments]
    /// Sketches of every per-ticket metric over all tickets since the last `drainTicketSketches`.
    var ticketSketches: [QuantileSketch]
    public internal(set) var batchCount = 0
    /// Internal switches of the kernel, fixed at initialisation (the defaults are the product).
    let options: KernelOptions
    /// What `KernelOptions.fullSalesStep`'s sale step saw (tests).
    var fullStepCounts = FullSalesStepCounts()

    /// `ticketChunk` (default 256) bounds the per-ticket buffer: `4 x batchCapacity x
    /// ticketChunk` doubles (plus a cache line per path and metric: `ticketPathStride`), 256 KiB for
    /// the engine's 32-path batches, which stays in a core's L2
    /// cache (4096 took 4 MiB a worker, and two workers slowed each other down by about 10%). A
    /// chunk of `slots` (`slots` times the agents under proportional allocation, where every
    /// spend is a ticket) keeps every ticket of a path readable through `tickets(metric:path:)`
    /// after a run (for tests).
    public convenience init(setup: SimulationSetup, batchCapacity: Int, beliefs: [PayoffBelief]? = nil, ticketChunk: Int = 256) {
        self.init(setup: setup, batchCapacity: batchCapacity, beliefs: beliefs, ticketChunk: ticketChunk, options: KernelOptions())
    }

    /// The public initialiser with the kernel's internal `options` (tests).
    init(setup: SimulationSetup, batchCapacity: Int, beliefs: [PayoffBelief]?, ticketChunk: Int, options: KernelOptions) {
        self.options = options
        self.setup = setup
        let params = setup.parameters
        self.parameters = params
        self.layout = MetricLayout(params)
        self.batchCapacity = max(batchCapacity, 1)
        let beliefs = beliefs ?? ClosedFormBeliefs.exact(params)
        self.beliefs = beliefs
        initialBeliefs = zip(params.buyers, beliefs).map { buyer, exact in
            if case .ewma = buyer.belief, let prior = buyer.prior { return prior }
            return exact
        }
        sampler = ValueSampler(params.value.distribution)
        auction = BuilderAuction(params.builders)
        let mechanism = params.pricing.mechanism
        let delay = params.delay
        self.delay = delay
        let valuations = params.buyers.map { Valuation(buyer: $0, lookahead: delay) }
        self.valuations = valuations
        classes = ClassTable(params.buyers)
        var ofAgent: [Int] = []
        var starts: [Int] = []
        for (k, c) in params.buyers.enumerated() {
            starts.append(ofAgent.count)
            ofAgent += Array(repeating: k, count: c.count)
        }
        agentClass = ofAgent
        classStart = starts
        warmup = params.effectiveWarmup
        totalSlots = params.effectiveWarmup + setup.slots
        salesCap = mechanism.salesCap(maxSalesPerSlot: params.maxSalesPerSlot)
        initialPrice = mechanism.initialPrice
        ewmaWeight = params.buyers.map {
            if case .ewma(let h) = $0.belief { return -Elementary.expm1(-Elementary.log(2) / h) }
            return 0
        }
        anyMiss = params.buyers.contains { $0.missRate > 0 }
        anyEWMA = ewmaWeight.contains { $0 > 0 }
        persistence = params.value.persistence
        let seed = setup.seed
        streams = (
            RandomStream(seed: seed, stream: RandomStreamID.value.rawValue),
            RandomStream(seed: seed, stream: RandomStreamID.signal.rawValue),
            RandomStream(seed: seed, stream: RandomStreamID.draw.rawValue),
            RandomStream(seed: seed, stream: RandomStreamID.order.rawValue),
            RandomStream(seed: seed, stream: RandomStreamID.miss.rawValue)
        )
        pointWord = UInt32(truncatingIfNeeded: setup.point)
        exogenousPoint = setup.commonRandomNumbers ? 0xFFFF_FFFF : pointWord
        var poolBound = 1
        if type(of: mechanism).usesPool {
            var bound = mechanism.maxSoldPerSlot(salesCap: salesCap) * totalSlots
            let caps = params.buyers.map { c in c.maxTickets.map { $0 * c.count } }
            if !caps.contains(where: { $0 == nil }) { bound = min(bound, caps.reduce(0) { $0 + $1! }) }
            poolBound = bound + 1
        }
        let chunk = max(1, min(ticketChunk, setup.slots * max(params.agentCount, 1)))
        self.ticketChunk = chunk
        ticketPathStride = chunk + 8
        ticketMetricStride = self.batchCapacity * (chunk + 8) + 8
        let ticketMetricCount = MetricLayout.ticketMetricNames.count
        ticketMoments = Array(repeating: Moments(), count: self.batchCapacity * ticketMetricCount)
        ticketSketches = Array(repeating: QuantileSketch(), count: ticketMetricCount)
        state = BatchState(
            capacity: self.batchCapacity, agents: agentClass.count, classes: params.buyers.count,
            builders: params.builders.count, poolBound: poolBound, ringLength: delay + 1,
            ticketCapacity: ticketMetricStride, ticketMetrics: ticketMetricCount)
        pathRows = Array(repeating: 0, count: self.batchCapacity * layout.pathMetrics.count)
        if ewmaWeight.contains(where: { $0 > 0 }) {
            tableSize = 0
            valuationTable = []
            bestValuation = []
        } else {
            let size = min(poolBound, 1 << 16) + mechanism.valuationHeadroom + 2
            tableSize = size
            var table = [Double](repeating: 0, count: size * valuations.count)
            var best = [Double](repeating: -.infinity, count: size)
            for (k, v) in valuations.enumerated() {
                for h in 0..<size {
                    let w = v.marginal(poolAfter: Double(h), belief: beliefs[k])
                    table[k * size + h] = w
                    best[h] = max(best[h], w)
                }
            }
            valuationTable = table
            bestValuation = best
        }
        premiumFactor = 1 + params.value.multiBlockPremium
        tracksProposer = params.value.multiBlockPremium > 0 || params.secondaryMarket.enabled
        resaleRule = ResaleRule(params.secondaryMarket, premium: params.value.multiBlockPremium, beliefs: beliefs, valuations: valuations, seed: seed)
        market = SecondaryMarketState(capacity: self.batchCapacity, ringLength: delay + 1, classes: params.buyers.count)
        expiryRule = ExpiryRule(
            params, usesPool: type(of: mechanism).usesPool, maxSoldPerSlot: mechanism.maxSoldPerSlot(salesCap: salesCap),
            headroom: mechanism.valuationHeadroom)
        patience = Patience(params.buyers)
        mechanismConstants = mechanism.pointConstants(
            valuations: valuations, beliefs: beliefs, counts: params.buyers.map(\.count), delay: delay)
    }

    /// The counter word of slot `t`: measured slot `i` maps to the same word whatever the warmup,
    /// so that common random numbers line up across points with different warmups.
    @inline(__always) func slotWord(_ t: Int) -> UInt32 {
        UInt32(truncatingIfNeeded: t - warmup + 0x4000_0000)
    }

    /// Simulates paths `firstReplication ..< firstReplication + count` (at most `batchCapacity`)
    /// and fills `pathRows` and the ticket columns. Opens the mechanism once per batch: the slot
    /// loop runs specialised for its type.
    public func run(firstReplication: Int, count: Int) {
        parameters.pricing.mechanism.runBatch(self, firstReplication: firstReplication, count: count)
    }

    /// The slot loop of one batch for mechanism `M` (entered through `PricingMechanism.runBatch`).
    func runSlots<M: PricingMechanism>(_ mechanism: M, firstReplication: Int, count: Int) {
        let n = min(count, batchCapacity)
        batchCount = n
        state.reset(initialPrice: initialPrice, beliefs: initialBeliefs)
        market.reset()
        for i in ticketMoments.indices { ticketMoments[i] = Moments() }
        let rep0 = UInt32(truncatingIfNeeded: firstReplication)
        let ringLength = state.ringLength
        for t in 0..<totalSlots {
            fillSlot(t, firstReplication: rep0, count: n)
            let measured = t >= warmup
            // The ring entries of slot t + delay (the draw's) and of slot t (the holder's), the
            // same on every path: two integer divisions a slot, not two a path-slot.
            let entries = (draw: (t + delay) % ringLength, holder: t % ringLength)
            if M.usesPool { drawFromPools(count: n, measured: measured, drawEntry: entries.draw) }
            if resaleRule.enabled {
                // Every path's assignment, the batch's resales of the rights just assigned, then
                // every path's sales (a path's steps touch only its own state).
                for p in 0..<n {
                    let context = SlotContext(path: p, slot: t, replication: rep0 &+ UInt32(truncatingIfNeeded: p), measured: measured)
                    market.posted[p] = assignSlot(mechanism, context)
                }
                resellAssignedRights(slot: t, count: n, firstReplication: rep0, measured: measured, drawEntry: entries.draw)
                for p in 0..<n {
                    let context = SlotContext(path: p, slot: t, replication: rep0 &+ UInt32(truncatingIfNeeded: p), measured: measured)
                    finishSlot(mechanism, context, postedAtDraw: market.posted[p], holderEntry: entries.holder)
                }
            } else {
                for p in 0..<n {
                    stepPath(mechanism, p, slot: t, replication: rep0 &+ UInt32(truncatingIfNeeded: p), measured: measured, ringEntries: entries)
                }
            }
        }
        for p in 0..<n { flushTickets(p) }
#if TICKETSWEEP_INTERNAL_CHECKS
        for p in 0..<n { state.checkInvariants(path: p) }
#endif
        finish(count: n)
    }

    /// The batch-wide phase: values, builder outcomes and the draw and miss uniforms of slot `t`.
    func fillSlot(_ t: Int, firstReplication rep0: UInt32, count n: Int) {
        let word = slotWord(t)
        let s = state
        let values = UnsafeMutableBufferPointer(start: s.values, count: n)
        slotUniforms(streams.value, point: exogenousPoint, slot: t, firstReplication: rep0, count: n, into: s.values, spare: s.valueSpare)
        if persistence > 0 {
            let rho = persistence
            let innovation = (1 - rho * rho).squareRoot()
            StandardNormal.quantiles(values)
            for p in 0..<n {
                let z = t == 0 ? values[p] : rho * s.persistentZ[p] + innovation * values[p]
                s.persistentZ[p] = z
                values[p] = sampler.value(normal: z)
            }
        } else {
            sampler.values(inPlace: values, scratch: s.valueScratch)
        }
        fillBuilderOutcomes(word, firstReplication: rep0, count: n)
        slotUniforms(streams.draw, point: pointWord, slot: t, firstReplication: rep0, count: n, into: s.drawU, spare: s.drawSpare)
        if anyMiss {
            slotUniforms(streams.miss, point: pointWord, slot: t, firstReplication: rep0, count: n, into: s.missU, spare: s.missSpare)
        }
    }

    /// One uniform per path for slot `t` from a stream that needs one a slot: the two uniforms
    /// of the counter of the slot pair `(2j, 2j + 1)` (slot words, so measured slot `i` gets the
    /// same uniform whatever the warmup) serve both slots, halving the Philox blocks.
    @inline(__always)
    func slotUniforms(
        _ stream: RandomStream, point: UInt32, slot t: Int, firstReplication rep0: UInt32, count n: Int,
        into out: UnsafeMutablePointer<Double>, spare: UnsafeMutablePointer<Double>
    ) {
        let word = slotWord(t)
        if word & 1 == 1 && t > 0 {
            out.update(from: spare, count: n)
            return
        }
        stream.fillPairsAcrossReplications(
            first: out, second: spare, stride: 1, count: n, point: point, firstReplication: rep0, slot: word & ~1, index: 0)
        if word & 1 == 1 { out.update(from: spare, count: n) }
    }

    /// The builder auction of every path for a unit value: the winning builder's value and the
    /// payment. Builder `j`'s signal is uniform `j` of the path's signal sequence (counter index
    /// `j / 2`), drawn for all paths at once. With equal skills a builder's value is monotone in
    /// its uniform, so only the two largest uniforms are kept (selected as they are drawn) and
    /// get the normal quantile and the exponential. Under `SignalDraw.orderStatistics` (not the
    /// default: measured slower, see `SignalDraw`) the two best come straight from their
    /// order-statistic laws, from the two uniforms of the signal stream's counter 0
    /// (`BuilderAuction.outcome(orderStatistics:_:)`).
    @inline(__always)
    func fillBuilderOutcomes(_ word: UInt32, firstReplication rep0: UInt32, count n: Int) {
        let s = state
        let b = auction.count
        if auction.noise > 0 {
            if auction.uniformSkill && options.signalDraw == .orderStatistics {
                let first = s.signals, second = s.signals + n  // the buffer holds max(b, 2) per path
                streams.signal.fillPairsAcrossReplications(
                    first: first, second: second, stride: 1, count: n, point: exogenousPoint, firstReplication: rep0, slot: word, index: 0)
                for p in 0..<n {
                    let o = auction.outcome(orderStatistics: first[p], second[p])
                    s.best[p] = o.best
                    s.payment[p] = o.payment
                }
                return
            }
            if auction.uniformSkill {
                let top = s.signals, next = s.signals + n
                streams.signal.fillTopTwoAcrossReplications(
                    top: top, next: next, uniformsPerPath: b, count: n, point: exogenousPoint, firstReplication: rep0, slot: word)
                auction.outcomes(topUniforms: top, next: next, count: n, best: s.best, payment: s.payment)
                return
            }
            for k in 0 ..< (b + 1) / 2 {
                streams.signal.fillPairsAcrossReplications(
                    first: s.signals + 2 * k, second: 2 * k + 1 < b ? s.signals + 2 * k + 1 : nil, stride: b, count: n,
                    point: exogenousPoint, firstReplication: rep0, slot: word, index: UInt32(k))
            }
            StandardNormal.quantiles(UnsafeMutableBufferPointer(start: s.signals, count: n * b))
        }
        for p in 0..<n {
            let o = auction.outcome(unitSignals: s.signals + p * b)
            s.best[p] = o.best
            s.payment[p] = o.payment
        }
    }

    /// The per-ticket values of metric `metric` (`MetricLayout.Ticket`) in path `p`'s last chunk
    /// of the last batch, in slot order: every ticket of the path when `ticketChunk` is at least
    /// the number of slots. Valid until the next `run`.
    public func tickets(metric: Int, path p: Int) -> UnsafeBufferPointer<Double> {
        UnsafeBufferPointer(start: ticketColumn(metric, path: p), count: state.ticketCount[p])
    }

    /// The moments of each per-ticket metric over path `p`'s tickets in the last batch.
    public func ticketMoments(path p: Int) -> ArraySlice<Moments> {
        let t = MetricLayout.ticketMetricNames.count
        return ticketMoments[p * t ..< (p + 1) * t]
    }

    /// The sketches of every per-ticket metric since the last call, and a fresh start.
    public func drainTicketSketches() -> [QuantileSketch] {
        defer { ticketSketches = Array(repeating: QuantileSketch(), count: ticketSketches.count) }
        return ticketSketches
    }

    /// Folds path `p`'s buffered tickets into its moments (a chunk's moments merged in order)
    /// and into the sketches, and empties the buffer. `ticket_multiple` leaves out the tickets
    /// bought at price 0 (stored as NaN): its count is the other metrics' less those tickets.
    func flushTickets(_ p: Int) {
        let n = state.ticketCount[p]
        guard n > 0 else { return }
        let t = MetricLayout.ticketMetricNames.count
        for c in 0..<t {
            let values = UnsafeBufferPointer(start: ticketColumn(c, path: p), count: n)
            var chunk = Moments()
            // An expired ticket proposes no slot: its wait is NaN, left out likewise.
            if (c == MetricLayout.Ticket.multiple || (expiryRule.enabled && c == MetricLayout.Ticket.wait)) && values.contains(where: \.isNaN) {
                for x in values where !x.isNaN {
                    chunk.add(x)
                    ticketSketches[c].add(x)
                }
                ticketMoments[p * t + c].merge(chunk)
                continue
            }
            chunk.add(contentsOf: values)
            ticketMoments[p * t + c].merge(chunk)
            ticketSketches[c].add(contentsOf: values)
        }
    }

    /// The start of path `p`'s chunk of per-ticket metric `metric` (`MetricLayout.Ticket`).
    @inline(__always) func ticketColumn(_ metric: Int, path p: Int) -> UnsafeMutablePointer<Double> {
        state.tickets + (metric &* ticketMetricStride &+ p &* ticketPathStride)
    }

    /// The `i`-th uniform of the agents'-order stream of path `replication` in slot `t`.
    @inline(__always) func orderUniform(replication: UInt32, slot t: Int, index i: Int) -> Double {
        let pair = streams.order.uniforms(point: pointWord, replication: replication, slot: slotWord(t), index: UInt32(i >> 1))
        return i & 1 == 0 ? pair.0 : pair.1
    }
}
