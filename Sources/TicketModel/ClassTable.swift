/// The buyer classes as flat per-class arrays for the slot loop (no struct copies, no strings).
struct ClassTable {
    let count: [Int]
    let extraction: [Double]
    let missRate: [Double]
    /// `Int.max` when unlimited.
    let maxTickets: [Int]
    let maxBuyPerSlot: [Int]

    init(_ buyers: [BuyerClass]) {
        count = buyers.map(\.count)
        extraction = buyers.map(\.extraction)
        missRate = buyers.map(\.missRate)
        maxTickets = buyers.map { $0.maxTickets ?? Int.max }
        maxBuyPerSlot = buyers.map(\.maxBuyPerSlot)
    }
}
