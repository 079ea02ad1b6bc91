// The one file that calls OpenBLAS (through the COpenBLAS shim over <cblas.h>). Every other file
// of the package goes through the wrappers below.

import COpenBLAS

/// The number of threads OpenBLAS uses inside each call.
///
/// Wraps `openblas_set_num_threads` / `openblas_get_num_threads`. The setting is process-wide.
/// Set it to 1 while Dispatch workers run BLAS calls concurrently: two BLAS threads inside each of
/// two workers oversubscribe a 2-core machine and run about 2x slower (FACTS.md).
public enum BLASThreads {
    /// Sets the OpenBLAS thread count (`openblas_set_num_threads`); values below 1 are taken as 1.
    public static func set(_ n: Int) {
        openblas_set_num_threads(Int32(clamping: Swift.max(1, n)))
    }

    /// The current OpenBLAS thread count (`openblas_get_num_threads`).
    public static func get() -> Int {
        Int(openblas_get_num_threads())
    }
}

/// Thin wrappers over single cblas routines.
enum BLAS {
    /// The co-moment matrix `C = Xᵀ X` of a row-major `rows × columns` matrix `X`.
    ///
    /// Calls `cblas_dsyrk(CblasRowMajor, CblasUpper, CblasTrans, N: columns, K: rows,
    /// alpha: 1, A: x, lda: columns, beta: 0, C: c, ldc: columns)`, which fills the upper
    /// triangle, then mirrors it into the lower triangle so that `c` is full symmetric row-major
    /// storage. The sum over rows is in OpenBLAS's kernel order: bitwise repeatable for the same
    /// build, CPU kernel and thread count, and within a few ulps of `Σ x_i x_j` otherwise.
    ///
    /// - Precondition: `x.count >= rows * columns`, `c.count >= columns * columns`, both
    ///   dimensions fit in `Int32`.
    static func gram(
        _ x: UnsafeBufferPointer<Double>, rows: Int, columns: Int, into c: UnsafeMutableBufferPointer<Double>
    ) {
        precondition(rows >= 0 && columns >= 0 && x.count >= rows * columns && c.count >= columns * columns)
        precondition(rows <= Int(Int32.max) && columns <= Int(Int32.max))
        guard columns > 0 else { return }
        guard rows > 0 else {
            for i in 0..<(columns * columns) { c[i] = 0 }
            return
        }
        let k = Int32(columns)
        cblas_dsyrk(
            CblasRowMajor, CblasUpper, CblasTrans, k, Int32(rows),
            1.0, x.baseAddress, k, 0.0, c.baseAddress, k)
        for i in 0..<columns {
            for j in 0..<i { c[i * columns + j] = c[j * columns + i] }
        }
    }
}
