/// The Nash equilibrium of the Tullock contest among classes of identical agents.
public enum ContestEquilibrium {
    /// Equilibrium spend per agent of each class, for agents valuing the prize at `values[k]`
    /// with `counts[k]` agents per class. Iterated symmetric best responses: given the others'
    /// total `O`, the symmetric best response of a class of `n` agents of value `v` solves
    /// `(O + n b)^2 = v (O + (n - 1) b)`, i.e.
    /// `b = (v (n-1) - 2 O n + sqrt(4 O n v + v^2 (n-1)^2)) / (2 n^2)`, clamped at 0.
    /// Converged when no spend changes by more than `1e-13` relative (at most 10,000 sweeps).
    public static func spend(values: [Double], counts: [Int]) -> [Double] {
        let k = values.count
        var b = [Double](repeating: 0, count: k)
        let agents = counts.reduce(0, +)
        // Start below the equilibrium (a best response to a large total is 0, and 0 is a fixed
        // point of the iteration that a start from above could fall into).
        let scale = 0.1 / Double(max(agents * agents, 1))
        for i in 0..<k where values[i] > 0 && counts[i] > 0 { b[i] = values[i] * scale }
        for _ in 0..<10_000 {
            var change = 0.0
            for i in 0..<k {
                let v = max(values[i], 0)
                let n = Double(counts[i])
                guard n > 0, v > 0 else { b[i] = 0; continue }
                var others = 0.0
                for j in 0..<k where j != i { others += Double(counts[j]) * b[j] }
                let root = (4 * others * n * v + v * v * (n - 1) * (n - 1)).squareRoot()
                // A lone bidder facing no spend would bid an infinitesimal amount; keep it positive.
                let lone = n == 1 && others == 0 ? v * 1e-3 : 0
                let next = max(lone, (v * (n - 1) - 2 * others * n + root) / (2 * n * n))
                change = max(change, abs(next - b[i]) / max(abs(next), 1e-300))
                b[i] = next
            }
            if change <= 1e-13 { break }
        }
        return b
    }
}
