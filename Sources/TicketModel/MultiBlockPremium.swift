/// Multi-block MEV (MODEL.md version 2, section 3; `value.multi_block_premium`, `beta >= 0`):
/// when the agent that proposes slot `t` also proposed slot `t - 1`, slot `t` is worth
/// `(1 + beta) V_t` to it and to the builders it sells to. In the kernel (`PathStep`) the
/// holder's own value `e_k V`, the builders' payment `S V` and the winning builder's value
/// `Y_(1) V` are all taken at `(1 + beta) V`, so the premium is in `proposer_revenue`, in
/// `builder_profit` and in `surplus_total` (section 6: "times `(1 + beta)` for a run"), and the
/// identity `surplus_total = builder_profit + proposer_revenue` keeps holding exactly.
/// `value_total` and `lost_value` stay sums of `V_t`. The previous proposer is tracked over
/// every slot, warm-up included (an empty or missed slot has none), so the first measured slot
/// can carry the premium too; `run_share` and `longest_run` still count runs within the measured
/// slots only. Primary-market valuations and `ewma` observations do not include the premium
/// (a myopic buyer values one ticket of a lottery); resale bids do (`ResaleStep.swift`).
/// With `beta = 0` (and no resale) nothing here runs, and every number is as without it.
extension BatchSimulator {
    /// The value of path `p`'s current slot to `agent`, its proposer: `(1 + beta) V` when the
    /// agent proposed the previous slot, else `V`. O(1).
    @inline(__always)
    func slotWorth(_ p: Int, agent: Int, value v: Double) -> Double {
        market.lastProposer[p] == Int32(truncatingIfNeeded: agent) ? v * premiumFactor : v
    }

    /// Records path `p`'s proposer of this slot (-1: empty or missed) for the next slot.
    @inline(__always)
    func rememberProposer(_ p: Int, agent: Int) {
        market.lastProposer[p] = Int32(truncatingIfNeeded: agent)
    }
}
