/// Resale of assigned slot rights (MODEL.md version 2, section 5): `secondary_market: {enabled,
/// fee, noise}`, off by default. The kernel's step is `ResaleStep.swift`.
///
/// **The rule.** Each slot `t`, right after the draw (or the mechanism's own assignment) has given
/// the right to slot `t + D` (`D` the mechanism's delay: the lookahead `L` for pool mechanisms,
/// `lead` for the execution auction) to a holder, that right is offered in a second-price auction
/// among all agents. Agent `i` of class `k` values it at
///
///     b_i = pi_k (1 + d_k)^-D y_i (1 + beta)^[i holds slot t + D - 1]
///
/// with `pi_k = (1 - m_k) E[max(e_k V, P)]` the class's belief (exact, or the path's `ewma`
/// belief), `beta` the multi-block premium, and `y_i = exp(sigma_r z_i - sigma_r^2 / 2)` the
/// agent's private, mean-one view of that slot: `z_i` standard normal, iid across agents and
/// afresh for every offered slot, on the `resale` stream (`RandomStreamID.resale`, so switching
/// resale off changes no other number). Only the best two bids of a class's identical bidders
/// matter, so the kernel draws, per class of `n` bidders (the holder and the holder of the
/// neighbouring slot, who bid apart, excluded), the two largest of `n` iid uniforms directly as
/// order statistics, `U_(n) = U1^(1/n)` and `U_(n-1) = U_(n) U2^(1/(n-1))` (`ClassTopViews`),
/// and the best one's agent uniformly among the `n`: the same distribution as a draw per
/// agent, from `2 + 3 classes` uniforms per offered slot (counter `(point, replication, slot t,
/// index)`; the layout is in `ResaleStep.swift`). (Before this draw the stream gave one
/// uniform per agent, so resale's numbers, not its law, changed with it.)
/// "Holds slot `t + D - 1`" is the ring's holder of that slot (after its own resale), or, for
/// `D = 0`, the agent that proposed slot `t - 1` (slot `t + 1` is not assigned yet). The holder
/// `h` keeps the right unless the best other bid exceeds its own value `b_h`; then it sells to
/// that bidder at `max(second-best other bid, b_h)`, and the fraction `phi` of the price is burned
/// (protocol revenue, in the slot of the resale). Agents at their `max_tickets` cap do not bid.
/// Ties (only with `noise: 0`) go to the bidder with the larger uniform of its draw (for a
/// class, its `U_(n)`), so that equal bidders win equally often. Buyers in the primary market stay myopic: their valuation
/// of a ticket does not count the option to resell.
///
/// **Accounting.** The right's per-ticket record follows it to its last holder: `ticket_price`
/// is what that holder paid (the resale price), `ticket_wait` counts from its purchase (the
/// resale slot, so `D`), `ticket_return` is its payoff minus that price. `profit.<class>` books,
/// when the slot is used in a measured slot, the last holder's payoff minus its price and the
/// seller's `(1 - phi) price - (its own price)`. So per path, exactly,
/// `proposer_revenue = sum_k profit.k + sum ticket_price - S`, with `S` the sellers' net proceeds
/// of the resold rights used (`BatchSimulator.resaleSellerNet(path:)`), and without resale
/// `S = 0`, MODEL.md section 8's identity. `resale_rate` = rights resold over rights assigned
/// in measured slots.
///
/// **Where it applies.** Every built-in mechanism assigns the right to slot `t + D` to one
/// agent in slot `t` (a pool draw for `fixed`, `eip1559`, `exponential` and `auction`; an
/// outright sale for `execution-auction`; the contest's draw for `proportional`), so resale
/// applies to all of them; a registered mechanism that assigns no slot has nothing to resell.
public struct SecondaryMarket: Sendable, Hashable {
    public var enabled: Bool
    /// `phi`, the fraction of each resale price burned, in `[0, 1]`.
    public var fee: Double
    /// `sigma_r`, the log-sd of the agents' private views.
    public var noise: Double

    public init(
        enabled: Bool = false, fee: Double = SecondaryMarket.feeParameter.declaredNumber,
        noise: Double = SecondaryMarket.noiseParameter.declaredNumber
    ) {
        self.enabled = enabled
        self.fee = fee
        self.noise = noise
    }

    public init(values: some ParameterValues) {
        self.init(enabled: values.flag(Self.enabledParameter), fee: values.number(Self.feeParameter), noise: values.number(Self.noiseParameter))
    }
}

extension SecondaryMarket {
    public static let enabledParameter = ParameterSpec(
        "enabled", .flag, .defaulted(.flag(false)), "resell each newly assigned slot right (MODEL.md section 5)")
    public static let feeParameter = ParameterSpec(
        "fee", .number(.unitClosed), .defaulted(.number(0)), "`phi`: fraction of each resale price burned (protocol revenue)")
    public static let noiseParameter = ParameterSpec(
        "noise", .number(.nonNegative), .defaulted(.number(0.1)),
        "`sigma_r`: log-sd of each agent's private, mean-one view of an offered slot (0 = common values, ties broken at random)")
    public static let parameters = [enabledParameter, feeParameter, noiseParameter]
}
