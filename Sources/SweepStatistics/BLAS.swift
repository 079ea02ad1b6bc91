// The one file that calls OpenBLAS (through the COpenBLAS shim over <cblas.h>). No table entry
// comes from a BLAS kernel any more (their rounding depends on the CPU kernel OpenBLAS picks:
// the co-moments use GramMatrix); only the thread setting is left, so that a BLAS call added
// later does not oversubscribe the Dispatch workers.

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
