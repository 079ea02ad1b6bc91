/// The Nash equilibrium of the Tullock contest among classes of identical agents.
public enum ContestEquilibrium {
    /// Equilibrium spend per agent of each class, for agents valuing the prize at `values[k]`
    /// with `counts[k]` agents per class (an agent wins with probability its spend over the total).
    ///
    /// The equilibrium is unique and in closed form (Hillman & Riley; Stein): with the agents'
    /// values sorted `v_1 >= v_2 >= ...`, the active agents are the `m` highest, `m` the largest
    /// count with `v_m > B_m`, where `B_m = (m - 1) / sum_{i <= m} 1 / v_i` is the total spend
    /// they would make; an active agent of value `v` spends `B (1 - B / v)` and wins with
    /// probability `1 - B / v`; the others spend 0. Agents of one class are identical and so
    /// spend alike. A lone agent of positive value (no rival with a positive value) faces no
    /// contest; it is given the token spend `v * 1e-3` (any positive spend wins).
    ///
    /// `O(K log K)` in the number of classes `K`; the rounding is that of one sum over the
    /// classes and a few operations. An earlier version iterated best responses, which for two
    /// agents diverge once `v_1 / v_2 > 3 + 2 sqrt(2)` (the product of the best-response slopes
    /// at the equilibrium is `-(v_1 - v_2)^2 / (4 v_1 v_2)`).
    public static func spend(values: [Double], counts: [Int]) -> [Double] {
        var spends = [Double](repeating: 0, count: values.count)
        // Classes of positive value with agents, highest value first (ties in class order).
        let order = values.indices
            .filter { values[$0] > 0 && counts[$0] > 0 }
            .sorted { values[$0] > values[$1] || (values[$0] == values[$1] && $0 < $1) }
        let agents = order.reduce(0) { $0 + counts[$1] }
        guard agents >= 2 else {
            if let lone = order.first { spends[lone] = values[lone] * 1e-3 }
            return spends
        }
        // Add whole classes, highest value first, while a class's value exceeds the total the
        // agents already in spend (`v_m > B_m` exactly when `v_m > B_(m-1)`, and then
        // `B_m > B_(m-1)`): when a class's first agent joins, its equal fellows join too, and once
        // a class stays out, every lower one does.
        var inverseSum = 0.0
        var active = 0
        var total = 0.0
        for k in order {
            if active >= 1 && values[k] <= Double(active - 1) / inverseSum { break }
            inverseSum += Double(counts[k]) / values[k]
            active += counts[k]
            total = Double(active - 1) / inverseSum
        }
        for k in order where values[k] > total {
            spends[k] = total * (1 - total / values[k])
        }
        return spends
    }
}
