/// The co-moment (Gram) matrix `C = Xᵀ X` of a row-major matrix, summed in a fixed order.
///
/// Every entry `C_ij = Σ_r x_ri x_rj` is accumulated over the rows in row order, one product and
/// one addition per row (IEEE basic operations, no fused multiply-add), so its bits depend only on
/// the data: not on the CPU, a BLAS kernel or a thread count. (It replaces `cblas_dsyrk`, whose
/// blocking and kernel order differ between OpenBLAS's Haswell, Sandybridge and Prescott kernels
/// and moved the last digits of `correlations.csv`.) The entries of one row are independent, so
/// the compiler may vectorise across `j` without changing any sum.
///
/// Accuracy: each entry is a plain recursive sum, within `rows · 2⁻⁵³ · Σ_r |x_ri x_rj|` of the
/// exact value (the inputs are centred, so this is small against `√(C_ii C_jj)`).
/// Complexity: `rows · k (k + 1) / 2` multiply-adds; no allocation.
enum GramMatrix {
    /// Fills `c` (`columns × columns`, row-major, full symmetric storage) with `Xᵀ X` of the
    /// row-major `rows × columns` matrix `x`.
    ///
    /// - Precondition: `x.count >= rows * columns`, `c.count >= columns * columns`.
    static func fill(
        _ x: UnsafeBufferPointer<Double>, rows: Int, columns k: Int, into c: UnsafeMutableBufferPointer<Double>
    ) {
        precondition(rows >= 0 && k >= 0 && x.count >= rows * k && c.count >= k * k)
        guard k > 0, let xs = x.baseAddress, let cs = c.baseAddress else { return }
        for i in 0..<(k * k) { cs[i] = 0 }
        for r in 0..<rows {
            let row = xs + r * k
            for i in 0..<k {
                let xi = row[i]
                let out = cs + i * k
                for j in i..<k { out[j] += xi * row[j] }
            }
        }
        for i in 0..<k {
            for j in 0..<i { cs[i * k + j] = cs[j * k + i] }
        }
    }
}
