/// The builders that bid for a slot in the just-in-time auction (MODEL.md section 6).
public struct BuilderMarket: Sendable, Hashable {
    public var count: Int
    /// Signal noise `sigma_b` (mean-preserving lognormal factor).
    public var noise: Double
    public var auction: AuctionFormat
    /// First price only: bids are `v (1 - shade)` (unless `equilibriumShade`).
    public var shade: Double
    /// First price only (`shade: equilibrium`): builders bid the symmetric Bayes–Nash
    /// equilibrium of their factors (`EquilibriumBidTable`); equal skills only.
    public var equilibriumShade: Bool
    /// Skill `q_j` per builder; empty means 1 for every builder, else exactly `count` entries.
    public var skills: [Double]

    public init(
        count: Int = Int(BuilderMarket.countParameter.declaredNumber), noise: Double = BuilderMarket.noiseParameter.declaredNumber,
        auction: AuctionFormat = .secondPrice, shade: Double = ParameterSpec.shade.declaredNumber, skills: [Double] = [],
        equilibriumShade: Bool = false
    ) {
        self.count = count
        self.noise = noise
        self.auction = auction
        self.shade = shade
        self.skills = skills
        self.equilibriumShade = equilibriumShade
    }

    /// Skill of builder `j`.
    @inlinable public func skill(_ j: Int) -> Double { skills.isEmpty ? 1 : skills[j] }
}

extension BuilderMarket {
    public static let countParameter = ParameterSpec("count", .integer(low: 1, high: 1000), .defaulted(.number(5)), "number of builders `B`")
    public static let noiseParameter = ParameterSpec("noise", .number(.nonNegative), .defaulted(.number(0.1)), "signal noise `sigma_b`")
    public static let auctionParameter = ParameterSpec(
        "auction", .choice(AuctionFormat.allCases.map(\.rawValue)), .defaulted(.string(AuctionFormat.secondPrice.rawValue)),
        "format of the just-in-time auction")
    /// The builders' `shade`: a fixed fraction, or `equilibrium` (first price, equal skills).
    public static let shadeParameter = ParameterSpec(
        "shade", .numberOrChoice(.unitHalfOpen, ["equilibrium"]), .defaulted(.number(ParameterSpec.shade.declaredNumber)),
        "first price only: bids are shaded to `v (1 - shade)`; `equilibrium`: the symmetric Bayes–Nash bid of the builders' factors (equal skills only)")
    public static let skillsParameter = ParameterSpec(
        "skills", .numberList(.positive), .optional, "skill `q_j` per builder (default 1 each); exactly `count` entries")
}
