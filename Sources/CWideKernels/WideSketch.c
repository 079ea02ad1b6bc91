// `QuantileSketch.addInWindow` (Sources/SweepStatistics/QuantileSketch.swift) eight values at a
// time: each lane's bucket index by `index(ofMagnitude:multiplier:)`'s operations (the exponent
// and significand from the bits, DDSketch's cubic `P(s)`, the product with the multiplier and the
// ceiling by the 1.5 * 2^52 shifter), IEEE basic operations without contraction, so the same
// index as the Swift code; then the counts are incremented lane by lane, in order.
#include "WideSketch.h"

#pragma STDC FP_CONTRACT OFF

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>

__attribute__((target("avx512f"))) static long ts_sketch_add8(const double *x, long count, double multiplier, double minIndexable,
                                                              uint64_t lowestBits, uint64_t span, ts_sketch_side pos,
                                                              ts_sketch_side neg, ts_sketch_tally *tally) {
    const __m512i magnitudeMask = _mm512_set1_epi64(0x7FFFFFFFFFFFFFFFll);
    const __m512i vLowest = _mm512_set1_epi64((long long)lowestBits), vSpan = _mm512_set1_epi64((long long)span);
    const __m512d shifter = _mm512_set1_pd(0x1.8p52);
    const __m512i shifterBits = _mm512_castpd_si512(shifter);
    const __m512d c3 = _mm512_set1_pd(6.0 / 35.0), c2 = _mm512_set1_pd(3.0 / 5.0), c1 = _mm512_set1_pd(10.0 / 7.0);
    const __m512d one = _mm512_set1_pd(1.0), k = _mm512_set1_pd(multiplier), zero = _mm512_setzero_pd();
    const __m512i pLow = _mm512_set1_epi64(pos.low), pHigh = _mm512_set1_epi64(pos.high);
    const __m512i nLow = _mm512_set1_epi64(neg.low), nHigh = _mm512_set1_epi64(neg.high);
    __m512d low = _mm512_set1_pd(tally->low), high = _mm512_set1_pd(tally->high);
    uint64_t added[3] = {0, 0, 0};
    long i = 0;
    for (; count - i >= 8; i += 8) {
        __m512d v = _mm512_loadu_pd(x + i);
        __m512i bits = _mm512_and_si512(_mm512_castpd_si512(v), magnitudeMask);
        __mmask8 indexable = _mm512_cmp_epu64_mask(_mm512_sub_epi64(bits, vLowest), vSpan, _MM_CMPINT_LT);
        __mmask8 tiny = _mm512_cmp_pd_mask(_mm512_castsi512_pd(bits), _mm512_set1_pd(minIndexable), _CMP_LT_OQ);
        if ((__mmask8)(indexable | tiny) != 0xFF) break;
        // e = exponent - 1023 exactly (through the shifter), s = significand - 1.
        __m512i exponent = _mm512_sub_epi64(_mm512_srli_epi64(bits, 52), _mm512_set1_epi64(1023));
        __m512d e = _mm512_sub_pd(_mm512_castsi512_pd(_mm512_add_epi64(exponent, shifterBits)), shifter);
        __m512d s = _mm512_sub_pd(
            _mm512_castsi512_pd(_mm512_or_si512(_mm512_and_si512(bits, _mm512_set1_epi64(0x000FFFFFFFFFFFFFll)),
                                                _mm512_set1_epi64(0x3FF0000000000000ll))),
            one);
        __m512d p = _mm512_mul_pd(_mm512_add_pd(_mm512_mul_pd(_mm512_sub_pd(_mm512_mul_pd(c3, s), c2), s), c1), s);
        __m512d y = _mm512_mul_pd(_mm512_add_pd(e, p), k);
        __m512d shifted = _mm512_add_pd(y, shifter);
        __m512i r = _mm512_sub_epi64(_mm512_castpd_si512(shifted), shifterBits);
        __mmask8 below = _mm512_cmp_pd_mask(_mm512_sub_pd(shifted, shifter), y, _CMP_LT_OQ);
        __m512i index = _mm512_mask_add_epi64(r, below, r, _mm512_set1_epi64(1));
        __mmask8 up = _mm512_cmp_pd_mask(v, zero, _CMP_GT_OQ);
        __mmask8 inPositive = _mm512_cmp_epi64_mask(index, pLow, _MM_CMPINT_NLT) & _mm512_cmp_epi64_mask(index, pHigh, _MM_CMPINT_LE);
        __mmask8 inNegative = _mm512_cmp_epi64_mask(index, nLow, _MM_CMPINT_NLT) & _mm512_cmp_epi64_mask(index, nHigh, _MM_CMPINT_LE);
        __mmask8 counted = (__mmask8)((indexable & up & inPositive) | (indexable & ~up & inNegative));
        if ((__mmask8)(counted | (tiny & ~indexable)) != 0xFF) break;
        // min and max over `x + 0.0` (-0.0 as +0.0), exact in any order.
        __m512d plain = _mm512_add_pd(v, zero);
        low = _mm512_min_pd(low, plain);
        high = _mm512_max_pd(high, plain);
        int64_t idx[8];
        _mm512_storeu_si512((void *)idx, index);
        for (int lane = 0; lane < 8; lane++) {
            unsigned bit = 1u << lane;
            if (!(indexable & bit)) {
                added[2]++;
            } else if (up & bit) {
                pos.counts[idx[lane] - pos.offset]++;
                added[0]++;
            } else {
                neg.counts[idx[lane] - neg.offset]++;
                added[1]++;
            }
        }
    }
    if (i > 0) {
        tally->low = _mm512_reduce_min_pd(low);
        tally->high = _mm512_reduce_max_pd(high);
        tally->positive += added[0];
        tally->negative += added[1];
        tally->zero += added[2];
    }
    return i;
}

long ts_sketch_add(int level, const double *x, long count, double multiplier, double minIndexable, uint64_t lowestBits, uint64_t span,
                   ts_sketch_side positive, ts_sketch_side negative, ts_sketch_tally *tally) {
    if (level < 2 || count < 8) return 0;
    return ts_sketch_add8(x, count, multiplier, minIndexable, lowestBits, span, positive, negative, tally);
}

#else

long ts_sketch_add(int level, const double *x, long count, double multiplier, double minIndexable, uint64_t lowestBits, uint64_t span,
                   ts_sketch_side positive, ts_sketch_side negative, ts_sketch_tally *tally) {
    (void)level; (void)x; (void)count; (void)multiplier; (void)minIndexable; (void)lowestBits; (void)span;
    (void)positive; (void)negative; (void)tally;
    return 0;
}

#endif
