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
    /// The batch phase of one slot's resales (`ResaleStep.swift`), in columns of the batch's
    /// `n` paths (column `c` of a buffer at `c n`): each path's mechanism's posted price from
    /// its assignment (kept for its sale after the resale), the right's holder (-1: no right)
    /// and the neighbouring slot's holder, each class's bidder count, the `2 + 3 classes`
    /// uniforms (room for whole counters), the tails `1 - U` of the holder's, the neighbour's
    /// and each class's two best views (`ClassTopViews`), and the normal quantiles of those that
    /// bid.
    let posted: UnsafeMutablePointer<Double>
    let holder: UnsafeMutablePointer<Int32>
    let neighbour: UnsafeMutablePointer<Int32>
    /// Whether that neighbour bids apart from its class (`offersNeighbour`).
    let neighbourBids: UnsafeMutablePointer<Bool>
    let bidders: UnsafeMutablePointer<Int>
    let uniforms: UnsafeMutablePointer<Double>
    let tails: UnsafeMutablePointer<Double>
    let normals: UnsafeMutablePointer<Double>
    /// The tails of the bids made, packed for the quantiles' lanes.
    let packedNormals: UnsafeMutablePointer<Double>
    /// The slot's sales, in path order: the path, the buyer, whether the price is one `exp`,
    /// that `exp`'s argument (then the price), and the price when it is not.
    let salePath: UnsafeMutablePointer<Int32>
    let saleBuyer: UnsafeMutablePointer<Int32>
    let saleOneExp: UnsafeMutablePointer<Bool>
    let saleExponent: UnsafeMutablePointer<Double>
    let salePrice: UnsafeMutablePointer<Double>

    /// The resale stream's counters per path and slot: `2 + 3 classes` uniforms, two a counter.
    static func counters(classes: Int) -> Int { (2 + 3 * classes + 1) / 2 }

    init(capacity: Int, ringLength: Int, classes: Int) {
        var layout = ArenaLayout()
        let lastProposerBuffer = layout.add(Int32.self, count: capacity, fill: -1)
        let sellerClassBuffer = layout.add(Int32.self, count: capacity * ringLength, fill: -1)
        let sellerNetBuffer = layout.add(Double.self, count: capacity * ringLength, fill: 0)
        let assignedBuffer = layout.add(Int.self, count: capacity, fill: 0)
        let resoldBuffer = layout.add(Int.self, count: capacity, fill: 0)
        let sellerNetUsedBuffer = layout.add(Double.self, count: capacity, fill: 0)
        let classLogBaseBuffer = layout.add(Double.self, count: classes, fill: 0)
        let postedBuffer = layout.add(Double.self, count: capacity, fill: 0)
        let holderBuffer = layout.add(Int32.self, count: capacity, fill: -1)
        let neighbourBuffer = layout.add(Int32.self, count: capacity, fill: -1)
        let neighbourBidsBuffer = layout.add(Bool.self, count: capacity, fill: false)
        let biddersBuffer = layout.add(Int.self, count: classes * capacity, fill: 0)
        let uniformsBuffer = layout.add(Double.self, count: 2 * Self.counters(classes: classes) * capacity, fill: 0)
        let tailsBuffer = layout.add(Double.self, count: (2 + 2 * classes) * capacity, fill: 0)
        let normalsBuffer = layout.add(Double.self, count: (2 + 2 * classes) * capacity, fill: 0)
        let packedNormalsBuffer = layout.add(Double.self, count: (2 + 2 * classes) * capacity, fill: 0)
        let salePathBuffer = layout.add(Int32.self, count: capacity, fill: 0)
        let saleBuyerBuffer = layout.add(Int32.self, count: capacity, fill: 0)
        let saleOneExpBuffer = layout.add(Bool.self, count: capacity, fill: false)
        let saleExponentBuffer = layout.add(Double.self, count: capacity, fill: 0)
        let salePriceBuffer = layout.add(Double.self, count: capacity, fill: 0)
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
        posted = postedBuffer.view(arena)
        holder = holderBuffer.view(arena)
        neighbour = neighbourBuffer.view(arena)
        neighbourBids = neighbourBidsBuffer.view(arena)
        bidders = biddersBuffer.view(arena)
        uniforms = uniformsBuffer.view(arena)
        tails = tailsBuffer.view(arena)
        normals = normalsBuffer.view(arena)
        packedNormals = packedNormalsBuffer.view(arena)
        salePath = salePathBuffer.view(arena)
        saleBuyer = saleBuyerBuffer.view(arena)
        saleOneExp = saleOneExpBuffer.view(arena)
        saleExponent = saleExponentBuffer.view(arena)
        salePrice = salePriceBuffer.view(arena)
    }

    /// Every buffer back to its initial value, for a new batch.
    func reset() { layout.reset(arena) }

    deinit { arena.deallocate() }
}
