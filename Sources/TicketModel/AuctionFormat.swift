/// First- or second-price sealed bids.
public enum AuctionFormat: String, Sendable, Hashable, CaseIterable {
    case firstPrice = "first-price"
    case secondPrice = "second-price"
}

extension ParameterSpec {
    /// `format` of the ticket auctions: `first-price` or `second-price`.
    public static let auctionFormat = ParameterSpec(
        "format", .choice(AuctionFormat.allCases.map(\.rawValue)), .defaulted(.string(AuctionFormat.secondPrice.rawValue)),
        "`first-price` or `second-price`")

    /// `shade` of every first-price auction (tickets and builders): bids are `v (1 - shade)`.
    public static let shade = ParameterSpec(
        "shade", .number(.unitHalfOpen), .defaulted(.number(0.05)), "first price only: bids are shaded to `v (1 - shade)`")
}
