/// The bidding rule of the sealed-bid mechanisms (`auction`, `execution-auction`): second price,
/// or first price with bids shaded to `v (1 - shade)`. Its manifest keys, `format` and `shade`,
/// follow each mechanism's own key in `parameters`.
public struct SealedBid: Sendable, Hashable {
    public var format: AuctionFormat
    /// First price only: bids are `v (1 - shade)`, in [0, 1).
    public var shade: Double

    public init(format: AuctionFormat = .secondPrice, shade: Double = ParameterSpec.shade.declaredNumber) {
        self.format = format
        self.shade = shade
    }

    /// `format` and `shade`, read from checked manifest values (defaults when missing).
    public init(values: some ParameterValues) {
        self.init(format: values.format(.auctionFormat), shade: values.number(.shade))
    }

    /// The keys `format` and `shade`, after a mechanism's own.
    public static let parameters = [ParameterSpec.auctionFormat, ParameterSpec.shade]

    /// What a winner whose bid is `bid` pays: `losing` (the highest losing bid) at second price,
    /// its shaded bid `bid (1 - shade)` at first price.
    @inlinable public func price(bid: Double, losing: Double) -> Double {
        format == .secondPrice ? losing : bid * (1 - shade)
    }

    /// Whether a competitive-equilibrium benchmark applies: second price only (a fixed
    /// first-price shade has no equilibrium price to compare with).
    public var hasBenchmark: Bool { format == .secondPrice }
}
