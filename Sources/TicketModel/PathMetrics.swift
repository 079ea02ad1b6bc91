/// Turning a batch's accumulators into its per-path metric rows (MODEL.md section 8).
///
/// Shares, `hhi` and `top_share` are over the measured slots (`T`), counting proposed slots only:
/// an empty slot and a missed slot have no proposer, and both end a run. `hhi` is over agents,
/// `sum (100 s_i)^2` in 0–10000. `capture_ratio` is `protocol_revenue / value_total` (NaN when
/// no value arrived). `price_sd` and `pool_sd` are population standard deviations over slots.
extension BatchSimulator {
    func finish(count n: Int) {
        let s = state
        let m = layout.pathMetrics.count
        let slots = Double(setup.slots)
        let classes = s.classes
        pathRows.withUnsafeMutableBufferPointer { rows in
            for p in 0..<n {
                let row = UnsafeMutableBufferPointer(rebasing: rows[p * m ..< (p + 1) * m])
                row[MetricLayout.Column.valueTotal] = s.valueTotal[p]
                row[MetricLayout.Column.protocolRevenue] = s.revenue[p]
                row[MetricLayout.Column.captureRatio] = s.valueTotal[p] > 0 ? s.revenue[p] / s.valueTotal[p] : .nan
                row[MetricLayout.Column.proposerRevenue] = s.proposerRevenue[p]
                row[MetricLayout.Column.builderProfit] = s.builderProfit[p]
                row[MetricLayout.Column.lostValue] = s.lostValue[p]
                for k in 0..<classes {
                    row[layout.profitColumn(k)] = s.classProfit[p * classes + k]
                    row[layout.slotShareColumn(k)] = Double(s.classSlots[p * classes + k]) / slots
                }
                var hhi = 0.0
                var top = 0.0
                for a in 0..<s.agents {
                    let share = Double(s.agentSlots[p * s.agents + a]) / slots
                    hhi += 10_000 * share * share
                    top = max(top, share)
                }
                row[layout.hhi] = hhi
                row[layout.topShare] = top
                row[layout.longestRun] = Double(s.longestRun[p])
                row[layout.priceMean] = s.priceMean[p]
                row[layout.priceSD] = (s.priceM2[p] / slots).squareRoot()
                row[layout.poolMean] = s.poolMean[p]
                row[layout.poolSD] = (s.poolM2[p] / slots).squareRoot()
                row[layout.emptySlotRate] = Double(s.emptySlots[p]) / slots
                row[layout.missedSlotRate] = Double(s.missedSlots[p]) / slots
                row[layout.salesPerSlot] = Double(s.sales[p]) / slots
            }
        }
    }
}
