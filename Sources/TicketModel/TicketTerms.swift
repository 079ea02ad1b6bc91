/// The terms a pool ticket is sold on (MODEL.md section 5, "Expiry and refunds"): a ticket not
/// drawn within `expiry` slots of its purchase leaves the pool and its holder gets `refund`
/// times the price back (the burned revenue falls by as much, in the slot of the refund).
///
/// Only mechanisms with a pool (`PricingMechanism.usesPool`) have tickets that can expire; the
/// manifest refuses `tickets.expiry` for the others. Without `expiry` (the default) tickets
/// never expire and `refund` has no effect: the model is exactly the one without this feature.
public struct TicketTerms: Sendable, Hashable {
    /// Slots `E >= 1` after its purchase at which an undrawn ticket expires; `nil` = never.
    public var expiry: Int?
    /// `rho` in `[0, 1]`: the share of the price refunded when a ticket expires.
    public var refund: Double

    public init(expiry: Int? = nil, refund: Double = TicketTerms.refundParameter.declaredNumber) {
        self.expiry = expiry
        self.refund = refund
    }

    public static let expiryParameter = ParameterSpec(
        "expiry", .integer(low: 1, high: ParameterBounds.maxCount), .optional,
        "slots `E` after its purchase at which a ticket not yet drawn leaves the pool (default: never); pool mechanisms only")
    public static let refundParameter = ParameterSpec(
        "refund", .number(.unitClosed), .defaulted(.number(0)), "`rho`: share of the price refunded to the holder of an expired ticket")
    /// The keys of the `tickets` map.
    public static let parameters = [expiryParameter, refundParameter]

    /// Decodes a checked `tickets` map.
    public init(values: some ParameterValues) {
        self.init(
            expiry: values.number(Self.expiryParameter.name) == nil ? nil : values.int(Self.expiryParameter, fallback: Int.max),
            refund: values.number(Self.refundParameter))
    }

    /// Why these terms cannot apply to the mechanism `mechanism`, or `nil`: expiry needs a pool.
    public static func problem(expiry: Bool, mechanism: any PricingMechanism.Type) -> String? {
        guard expiry, !mechanism.usesPool else { return nil }
        let pools = MechanismRegistry.all.filter { $0.usesPool }.map { "'\($0.name)'" }.joined(separator: ", ")
        return "mechanism '\(mechanism.name)' has no pool of tickets, so no ticket can expire; "
            + "expiry and refunds apply to the pool mechanisms (\(pools)): remove 'tickets.expiry' or choose one of them"
    }
}
