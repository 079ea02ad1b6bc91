// SweepMath's `Elementary.exp` (Sources/SweepMath/Elementary+SIMD.swift, `exp(_: Lanes)` and
// `expKernel`) in AVX-512 lanes: the same operations in the same order, each an IEEE basic
// operation rounded to nearest; no contraction into fused multiply-adds (the pragma, and no
// `fma` target feature), so that every lane's bits equal the scalar function's.
#include "WideMath.h"

#pragma STDC FP_CONTRACT OFF

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>

static inline double ts_bits_to_double(uint64_t b) {
    union { uint64_t u; double d; } v = {b};
    return v.d;
}

__attribute__((target("avx512f"))) static long ts_exp8(double *x, long count, const double *table) {
    const double ln2Hi = ts_bits_to_double(0x3FE62E42FEE00000ull);
    const double ln2Lo = ts_bits_to_double(0x3DEA39EF35793C76ull);
    const double invLn2 = ts_bits_to_double(0x3FF71547652B82FEull);
    const double shifter = 6755399441055744.0;
    const __m512d vShifter = _mm512_set1_pd(shifter);
    const __m512d scale = _mm512_set1_pd(64 * invLn2);        // exact: a power of two times invLn2
    const __m512d hiStep = _mm512_set1_pd(ln2Hi / 64), loStep = _mm512_set1_pd(ln2Lo / 64);
    const __m512d c2 = _mm512_set1_pd(0.5), c3 = _mm512_set1_pd(1.0 / 6), c4 = _mm512_set1_pd(1.0 / 24);
    const __m512d c5 = _mm512_set1_pd(1.0 / 120), c6 = _mm512_set1_pd(1.0 / 720);
    const __m512d zero = _mm512_setzero_pd();
    const __m512i shifterBits = _mm512_castpd_si512(vShifter);
    const __m512i bias = _mm512_set1_epi64(1023), mask63 = _mm512_set1_epi64(63);
    long i = 0;
    for (; count - i >= 8; i += 8) {
        __m512d v = _mm512_loadu_pd(x + i);
        __mmask8 nan = _mm512_cmp_pd_mask(v, v, _CMP_UNORD_Q);
        __mmask8 big = _mm512_cmp_pd_mask(v, _mm512_set1_pd(709.782712893384), _CMP_GT_OQ);
        __mmask8 small = _mm512_cmp_pd_mask(v, _mm512_set1_pd(-745.2), _CMP_LT_OQ);
        __m512d hi = _mm512_mask_mov_pd(v, nan | big | small, zero);
        // expKernel(hi, 0)
        __m512d shifted = _mm512_add_pd(_mm512_mul_pd(hi, scale), vShifter);
        __m512d kd = _mm512_sub_pd(shifted, vShifter);
        __m512d a = _mm512_sub_pd(hi, _mm512_mul_pd(kd, hiStep));
        __m512d b = _mm512_sub_pd(zero, _mm512_mul_pd(kd, loStep));
        __m512d r = _mm512_add_pd(a, b);                           // fastTwoSum(a, b)
        __m512d c = _mm512_sub_pd(b, _mm512_sub_pd(r, a));
        __m512i k = _mm512_sub_epi64(_mm512_castpd_si512(shifted), shifterBits);
        __m512i j = _mm512_slli_epi64(_mm512_and_si512(k, mask63), 1);
        __m512d t = _mm512_i64gather_pd(j, table, 8);
        __m512d tl = _mm512_i64gather_pd(_mm512_add_epi64(j, _mm512_set1_epi64(1)), table, 8);
        __m512d r2 = _mm512_mul_pd(r, r);                           // expTableTail(r)
        __m512d low = _mm512_add_pd(c2, _mm512_mul_pd(r, c3));
        __m512d high = _mm512_add_pd(_mm512_add_pd(c4, _mm512_mul_pd(r, c5)), _mm512_mul_pd(r2, c6));
        __m512d tail = _mm512_mul_pd(r2, _mm512_add_pd(low, _mm512_mul_pd(r2, high)));
        // y = t + (tl + t * (r + (tail + c)))
        __m512d y = _mm512_add_pd(t, _mm512_add_pd(tl, _mm512_mul_pd(t, _mm512_add_pd(r, _mm512_add_pd(tail, c)))));
        __m512i m = _mm512_srai_epi64(k, 6);
        __m512i m1 = _mm512_srai_epi64(m, 1);
        __m512d p1 = _mm512_castsi512_pd(_mm512_slli_epi64(_mm512_add_epi64(m1, bias), 52));
        __m512d p2 = _mm512_castsi512_pd(_mm512_slli_epi64(_mm512_add_epi64(_mm512_sub_epi64(m, m1), bias), 52));
        y = _mm512_mul_pd(_mm512_mul_pd(y, p1), p2);
        y = _mm512_mask_mov_pd(y, big, _mm512_set1_pd(__builtin_inf()));
        y = _mm512_mask_mov_pd(y, small, zero);
        y = _mm512_mask_mov_pd(y, nan, v);
        _mm512_storeu_pd(x + i, y);
    }
    return i;
}

long ts_exp_in_place(int level, double *x, long count, const double *table) {
    if (level < 2 || count < 8) return 0;
    return ts_exp8(x, count, table);
}

#else

long ts_exp_in_place(int level, double *x, long count, const double *table) {
    (void)level; (void)x; (void)count; (void)table;
    return 0;
}

#endif
