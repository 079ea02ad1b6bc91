// SweepMath's lane `exp` and SweepRandom's normal quantile in AVX-512 lanes, chosen at run time
// (SweepMath/WideKernels.swift is the only caller): the same sequences of IEEE operations as
// `Elementary.exp(_: Lanes)` and `StandardNormal.quantile`, with no fused multiply-add, so the
// same bits on any CPU.
#ifndef TICKETSWEEP_WIDE_MATH_H
#define TICKETSWEEP_WIDE_MATH_H

// The level `level` arguments take: `ts_wide_level()` in WideRandom.h.

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// `x[i] = exp(x[i])` for the first `count - count % 8` elements in AVX-512 lanes when `level`
/// is 2 (`ts_wide_level`'s AVX-512), `table` the 128 doubles of SweepMath's
/// `ExponentialTable.values`. Returns the number of elements done (0 below level 2: the caller
/// does them all).
long ts_exp_in_place(int level, double *x, long count, const double *table);

/// `x[i] = StandardNormal.quantile(x[i])` (AS 241 as SweepRandom computes it, its tails'
/// logarithm SweepMath's `Elementary.log`) for the first `count - count % 8` elements in AVX-512
/// lanes when `level` is 2, `logTable` the 384 doubles of SweepMath's `LogarithmTable.values`.
/// Returns the number of elements done.
long ts_normal_quantile_in_place(int level, double *x, long count, const double *logTable);

/// `x[i] = Elementary.log(x[i])` for the first `count - count % 8` elements in AVX-512 lanes when
/// `level` is 2, `table` the 384 doubles of SweepMath's `LogarithmTable.values`. Returns the
/// number of elements done.
long ts_log_in_place(int level, double *x, long count, const double *table);

/// `x[i] = Elementary.expm1(x[i])` in AVX-512 lanes when `level` is 2, eight at a time from the
/// start, up to the first group of eight with an element in [-40, -36.7) or (36.7, 709.78] (where
/// the scalar function scales by more than 2^53) or the last full group. Returns the number of
/// elements done, a multiple of 8: the caller does the next group (or the remainder) and calls
/// again after it.
long ts_expm1_in_place(int level, double *x, long count);

#ifdef __cplusplus
}
#endif

#endif
