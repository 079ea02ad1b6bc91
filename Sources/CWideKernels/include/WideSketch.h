// SweepStatistics' `QuantileSketch.addInWindow` over blocks of eight values in AVX-512 lanes
// (SweepStatistics/QuantileSketch+Wide.swift is the only caller): the bucket index of each value by the same IEEE
// operations as `QuantileSketch.index(ofMagnitude:multiplier:)`, the counts incremented in order.
#ifndef TICKETSWEEP_WIDE_SKETCH_H
#define TICKETSWEEP_WIDE_SKETCH_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// One side of a sketch as `addInWindow` sees it: values whose bucket index lies in
/// `[low, high]` are counted at `counts[index - offset]` (an empty side has `low > high`).
typedef struct {
    long low, high, offset;
    uint64_t *counts;
} ts_sketch_side;

/// The running state of `addInWindow`: the minimum and maximum so far and the values added to
/// each side and to the zero bucket.
typedef struct {
    double low, high;
    uint64_t positive, negative, zero;
} ts_sketch_tally;

/// Adds `x[0 ..< 8j]` block by block while every value of a block is finite and either below
/// `minIndexable` in magnitude (the zero bucket) or in its side's window; returns the number of
/// values added (a multiple of 8; 0 when `level` is below 2, AVX-512). `lowestBits` and `span`
/// are `minIndexable`'s bit pattern and `infinity`'s less it.
long ts_sketch_add(int level, const double *x, long count, double multiplier, double minIndexable, uint64_t lowestBits, uint64_t span,
                   ts_sketch_side positive, ts_sketch_side negative, ts_sketch_tally *tally);

#ifdef __cplusplus
}
#endif

#endif
