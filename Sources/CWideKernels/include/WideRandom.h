// Philox4x32-10 stream fills in AVX2 and AVX-512 lanes, chosen at run time (SweepRandom's
// `WideRandom` is the only caller). Integer arithmetic only, plus the exact conversion of 52
// random bits to a double in (0, 1) and exact max/min: the outputs are bit for bit those of
// SweepRandom's portable Swift fills on any CPU, whichever of these functions runs.
#ifndef TICKETSWEEP_WIDE_RANDOM_H
#define TICKETSWEEP_WIDE_RANDOM_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// What the CPU and the operating system support: 0 neither, 1 AVX2, 2 AVX2 and AVX-512F.
int ts_wide_level(void);

/// `RandomStream.fillTopTwoAcrossReplications` for the first `count - count % lanes` paths
/// (lanes: 4 for AVX2, 8 for AVX-512): path `r` gets the largest and second-largest of the first
/// `b` uniforms of counters `(k, slot, firstReplication + r, point)`, `k = 0 ..< (b + 1) / 2`.
/// Returns the number of paths written; 0 when `level` is not supported (the caller does the rest).
long ts_fill_top_two(int level, uint32_t key0, uint32_t key1, uint32_t slot, uint32_t point, uint32_t firstReplication,
                     long b, long count, double *top, double *next);

/// `RandomStream.fillPairsAcrossReplications` (stride 1) for the first `count - count % lanes`
/// paths: `first[r]`, `second[r]` (`second` may be NULL) are the two uniforms of counter
/// `(index, slot, firstReplication + r, point)`. Returns the number of paths written.
long ts_fill_pairs(int level, uint32_t key0, uint32_t key1, uint32_t index, uint32_t slot, uint32_t point,
                   uint32_t firstReplication, long count, double *first, double *second);

/// `RandomStream.fill` of 16 uniforms: `out[2k]`, `out[2k + 1]` are the two uniforms of counter
/// `(firstIndex + k, slot, replication, point)`, `k = 0 ..< 8` (indices modulo 2^32), in one
/// AVX-512 call. Returns 8 (the counters done), or 0 when `level` is below 2.
long ts_fill_consecutive(int level, uint32_t key0, uint32_t key1, uint32_t firstIndex, uint32_t slot, uint32_t replication,
                         uint32_t point, double *out);

#ifdef __cplusplus
}
#endif

#endif
