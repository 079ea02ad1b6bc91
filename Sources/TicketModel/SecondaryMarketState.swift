/// Per-path state of the multi-block premium and the secondary market for a batch of paths
/// (`MultiBlockPremium.swift`, `ResaleStep.swift`), beside `BatchState` so that the two
/// features touch no buffer of the primary market. One arena (`ArenaLayout`), one `reset` per
/// batch. A final class because it owns the arena (freed in `deinit`).
final class SecondaryMarketState {
    private let arena: UnsafeMutableRawPointer
    private let layout: ArenaLayout

    /// The agent that proposed path `p`'s previous slot (warm-up slots included), or -1 when that
    /// slot was empty or missed.
    let lastProposer: UnsafeMutablePointer<Int32>
    /// Per ring entry (`BatchState.ringIndex`): the class of the agent that resold the
    /// right, or -1 when it was not resold, and that seller's net proceeds
    /// `(1 - phi) price - (its own price)`, booked to its class when the slot is used.
    let sellerClass: UnsafeMutablePointer<Int32>
    let sellerNet: UnsafeMutablePointer<Double>
    /// Rights assigned to a holder, and rights resold, in measured slots (`resale_rate`).
    let assigned: UnsafeMutablePointer<Int>
    let resold: UnsafeMutablePointer<Int>
    /// The sellers' net proceeds of the resold rights used in measured slots.
    let sellerNetUsed: UnsafeMutablePointer<Double>
    /// `log(pi_k (1 + d_k)^-D)` per class, recomputed each slot under `ewma` beliefs.
    let classLogBase: UnsafeMutablePointer<Double>
    /// Scratch of one resale: its `2 + 3 classes` uniforms (the layout is in `ResaleStep.swift`;
    /// room for a multiple of 8, as they are drawn eight at a time),
    /// each class's bidder count, and the bids in the order they are offered (at most
    /// `1 + 2 classes`: the neighbour's, then each class's top and second) with their tails and
    /// classes (-1: the neighbour).
    let uniforms: UnsafeMutablePointer<Double>
    let bidders: UnsafeMutablePointer<Int>
    let offerBid: UnsafeMutablePointer<Double>
    let offerTail: UnsafeMutablePointer<Double>
    let offerClass: UnsafeMutablePointer<Int>

    init(capacity: Int, ringLength: Int, classes: Int) {
        var layout = ArenaLayout()
        let lastProposerBuffer = layout.add(Int32.self, count: capacity, fill: -1)
        let sellerClassBuffer = layout.add(Int32.self, count: capacity * ringLength, fill: -1)
        let sellerNetBuffer = layout.add(Double.self, count: capacity * ringLength, fill: 0)
        let assignedBuffer = layout.add(Int.self, count: capacity, fill: 0)
        let resoldBuffer = layout.add(Int.self, count: capacity, fill: 0)
        let sellerNetUsedBuffer = layout.add(Double.self, count: capacity, fill: 0)
        let classLogBaseBuffer = layout.add(Double.self, count: classes, fill: 0)
        let uniformsBuffer = layout.add(Double.self, count: (2 + 3 * classes + 7) / 8 * 8, fill: 0)
        let biddersBuffer = layout.add(Int.self, count: classes, fill: 0)
        let offerBidBuffer = layout.add(Double.self, count: 1 + 2 * classes, fill: 0)
        let offerTailBuffer = layout.add(Double.self, count: 1 + 2 * classes, fill: 0)
        let offerClassBuffer = layout.add(Int.self, count: 1 + 2 * classes, fill: 0)
        let arena = layout.allocate()
        self.arena = arena
        self.layout = layout
        lastProposer = lastProposerBuffer.view(arena)
        sellerClass = sellerClassBuffer.view(arena)
        sellerNet = sellerNetBuffer.view(arena)
        assigned = assignedBuffer.view(arena)
        resold = resoldBuffer.view(arena)
        sellerNetUsed = sellerNetUsedBuffer.view(arena)
        classLogBase = classLogBaseBuffer.view(arena)
        uniforms = uniformsBuffer.view(arena)
        bidders = biddersBuffer.view(arena)
        offerBid = offerBidBuffer.view(arena)
        offerTail = offerTailBuffer.view(arena)
        offerClass = offerClassBuffer.view(arena)
    }

    /// Every buffer back to its initial value, for a new batch.
    func reset() { layout.reset(arena) }

    deinit { arena.deallocate() }
}
