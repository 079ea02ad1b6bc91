/// Turning a batch's accumulators into its per-path metric rows (MODEL.md section 8).
///
/// Over the measured slots (`T`). `surplus_total` sums what each proposed slot's builder
/// extracted (the winning builder's value when sold, `e_k V` when the holder built itself; 0 for
/// empty and missed slots); `capture_ratio = protocol_revenue / surplus_total` (NaN without
/// surplus). Shares, `hhi`, `top_share`, `nakamoto` and `run_share` are over the **proposed**
/// slots (an empty or missed slot has no proposer, and both end a run; NaN when no slot was
/// proposed): `hhi = sum (100 s_i)^2` over agents (0–10000), `nakamoto` the fewest agents whose
/// slots together exceed half of the proposed ones. `price_sd` and `pool_sd` are population
/// standard deviations over slots. Cost: `O(agents log agents)` per path (the `nakamoto` sort),
/// once per batch, into scratch space (no allocation per path).
extension BatchSimulator {
    func finish(count n: Int) {
        let s = state
        let m = layout.pathMetrics.count
        let slots = Double(setup.slots)
        let classes = s.classes
        let agents = s.agents
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: max(agents, 1)) { scratch in
        var counts = scratch
        pathRows.withUnsafeMutableBufferPointer { rows in
            for p in 0..<n {
                let row = UnsafeMutableBufferPointer(rebasing: rows[p * m ..< (p + 1) * m])
                row[MetricLayout.Column.valueTotal] = s.valueTotal[p]
                row[MetricLayout.Column.surplusTotal] = s.surplus[p]
                row[MetricLayout.Column.protocolRevenue] = s.revenue[p]
                row[MetricLayout.Column.captureRatio] = s.surplus[p] > 0 ? s.revenue[p] / s.surplus[p] : .nan
                row[MetricLayout.Column.proposerRevenue] = s.proposerRevenue[p]
                row[MetricLayout.Column.builderProfit] = s.builderProfit[p]
                row[MetricLayout.Column.lostValue] = s.lostValue[p]
                var proposedCount = 0
                for k in 0..<classes { proposedCount += s.classSlots[p * classes + k] }
                let proposed = Double(proposedCount)
                for k in 0..<classes {
                    row[layout.profitColumn(k)] = s.classProfit[p * classes + k]
                    row[layout.slotShareColumn(k)] = proposedCount > 0 ? Double(s.classSlots[p * classes + k]) / proposed : .nan
                }
                var hhi = 0.0
                var top: Int32 = 0
                for a in 0..<agents {
                    let c = s.agentSlots[p * agents + a]
                    counts[a] = c
                    let share = Double(c) / proposed
                    hhi += 10_000 * share * share
                    top = max(top, c)
                }
                counts.sort(by: >)
                var nakamoto = 0
                var covered = 0
                while nakamoto < agents && 2 * covered <= proposedCount {
                    covered += Int(counts[nakamoto])
                    nakamoto += 1
                }
                row[layout.hhi] = proposedCount > 0 ? hhi : .nan
                row[layout.topShare] = proposedCount > 0 ? Double(top) / proposed : .nan
                row[layout.nakamoto] = proposedCount > 0 ? Double(nakamoto) : .nan
                row[layout.longestRun] = Double(s.longestRun[p])
                row[layout.runShare] = proposedCount > 0 ? Double(s.runSlots[p]) / proposed : .nan
                row[layout.priceMean] = s.priceMean[p]
                row[layout.priceSD] = (s.priceM2[p] / slots).squareRoot()
                row[layout.poolMean] = s.poolMean[p]
                row[layout.poolSD] = (s.poolM2[p] / slots).squareRoot()
                row[layout.emptySlotRate] = Double(s.emptySlots[p]) / slots
                row[layout.missedSlotRate] = Double(s.missedSlots[p]) / slots
                row[layout.salesPerSlot] = Double(s.sales[p]) / slots
                let assigned = market.assigned[p]
                row[layout.resaleRate] = assigned > 0 ? Double(market.resold[p]) / Double(assigned) : (resaleRule.enabled ? .nan : 0)
                if let c = layout.expiredRate {
                    let left = s.expiredTickets[p] + s.drawnTickets[p]
                    row[c] = left > 0 ? Double(s.expiredTickets[p]) / Double(left) : .nan
                }
            }
        }
        }
    }
}
