/// The competitive-equilibrium benchmark of a point (MODEL.md version 2, section 8): the
/// stationary price at which the market clears with the pool at its target and one ticket sold
/// per slot, and the capture it implies. Pure functions of numbers the kernel already has
/// (valuations at the target pool, caps, the expected surplus), so they are deterministic.
///
/// Conventions (written down here and in docs/model.md):
/// - Pool mechanisms (`eip1559` with a pool target, `exponential`): the classes are ranked by
///   their valuation `w_k(H*)` (highest first; ties keep manifest order) and fill the pool of
///   `H*` tickets up to their caps (`count * max_tickets`). The **marginal class** is the first
///   whose cumulative capacity reaches `H*`; the price is its valuation, floored at 0 (a buyer
///   never pays to be given a ticket). When the caps of all classes together cannot hold `H*`
///   tickets there is no clearing price at the target: `nil` (reported as `nan`).
/// - `fixed`: the posted price. `auction`: the `(s+1)`-th highest valuation among the agents
///   (each agent one bid, a class of `count` agents counted `count` times), or the reserve if
///   higher; with `s` or fewer agents, the reserve.
/// - `equilibrium_capture = price / expected surplus per slot`. The expected surplus per slot
///   is that of a slot held by the **marginal class** `k` (the class whose valuation is the
///   price): `(1 - m_k) E[V] sigma(e_k)`, with `sigma` from `PaymentFactor.surplusFactor`
///   (`E[Y_(1)]`, the winning builder's factor, for a class that never builds; `e_k` when it
///   always builds itself; the exact mixture in between). Slots left empty by the pool are not
///   counted: at the target the pool never empties.
public enum EquilibriumBenchmark {
    /// A buyer class as the benchmark sees it.
    public struct ClassDemand: Sendable, Hashable {
        /// `w_k(H*)`, ETH.
        public var valuation: Double
        /// Tickets the class can hold, `count * max_tickets` (`Int.max` for unlimited).
        public var capacity: Int

        public init(valuation: Double, capacity: Int) {
            self.valuation = valuation
            self.capacity = capacity
        }
    }

    /// The marginal class's index and the clearing price at the pool target, or `nil` when the
    /// classes cannot hold `targetPool` tickets.
    public static func poolPrice(classes: [ClassDemand], targetPool: Int) -> (marginalClass: Int, price: Double)? {
        let order = classes.indices.sorted { a, b in
            classes[a].valuation != classes[b].valuation ? classes[a].valuation > classes[b].valuation : a < b
        }
        var held = 0
        for k in order {
            let (sum, overflow) = held.addingReportingOverflow(classes[k].capacity)
            held = overflow ? Int.max : sum
            if held >= targetPool { return (k, Swift.max(0, classes[k].valuation)) }
        }
        return nil
    }

    /// The second-price ticket auction's stationary price: the `(supply+1)`-th highest of the
    /// agents' valuations `(valuation, agents)`, or `reserve` if that is higher or there are at
    /// most `supply` agents.
    public static func auctionPrice(valuations: [(valuation: Double, agents: Int)], supply: Int, reserve: Double = 0) -> Double {
        let sorted = valuations.sorted { $0.valuation > $1.valuation }
        var seen = 0
        for entry in sorted {
            seen += entry.agents
            if seen >= supply + 1 { return Swift.max(reserve, entry.valuation) }
        }
        return reserve
    }

    /// `price / surplusPerSlot`; `nan` when the surplus is not positive.
    public static func capture(price: Double, surplusPerSlot: Double) -> Double {
        surplusPerSlot > 0 ? price / surplusPerSlot : .nan
    }
}
