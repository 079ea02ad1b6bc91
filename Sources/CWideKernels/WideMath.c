// SweepMath's `Elementary.exp` (Sources/SweepMath/Elementary+SIMD.swift, `exp(_: Lanes)` and
// `expKernel`) in AVX-512 lanes: the same operations in the same order, each an IEEE basic
// operation rounded to nearest; no contraction into fused multiply-adds (the pragma, and no
// `fma` target feature), so that every lane's bits equal the scalar function's.
#include "WideMath.h"

#pragma STDC FP_CONTRACT OFF

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>

// SweepMath's constants (Elementary.swift), bit for bit: Cody and Waite's two-part ln 2, 1/ln 2,
// and 1.5 2^52, which rounds a double below 2^51 to an integer when added.
static const double ts_ln2Hi = 0x1.62e42fee00000p-1;
static const double ts_ln2Lo = 0x1.a39ef35793c76p-33;
static const double ts_invLn2 = 0x1.71547652b82fep+0;
static const double ts_shifter = 0x1.8p52;

__attribute__((target("avx512f"))) static long ts_exp8(double *x, long count, const double *table) {
    const __m512d vShifter = _mm512_set1_pd(ts_shifter);
    const __m512d scale = _mm512_set1_pd(64 * ts_invLn2);        // exact: a power of two times 1/ln 2
    const __m512d hiStep = _mm512_set1_pd(ts_ln2Hi / 64), loStep = _mm512_set1_pd(ts_ln2Lo / 64);
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

// `Elementary.log(_: Lanes)` (Elementary+SIMD.swift): the table-driven logarithm, `table` the
// 384 doubles of SweepMath's `LogarithmTable.values`.
__attribute__((target("avx512f"))) static inline __m512d ts_log8(__m512d x, const double *table) {
    const __m512d c2 = _mm512_set1_pd(-0x1.0000000000001p-1), c3 = _mm512_set1_pd(0x1.55555555556c2p-2);
    const __m512d c4 = _mm512_set1_pd(-0x1.fffffffe7725ep-3), c5 = _mm512_set1_pd(0x1.999999071b6a1p-3);
    const __m512d c6 = _mm512_set1_pd(-0x1.5557cd2b9ee39p-3), c7 = _mm512_set1_pd(0x1.24eb95c367f1fp-3);
    const __m512d one = _mm512_set1_pd(1.0), inf = _mm512_set1_pd(__builtin_inf());
    __mmask8 normal = _mm512_cmp_pd_mask(x, _mm512_setzero_pd(), _CMP_GT_OQ) & _mm512_cmp_pd_mask(x, inf, _CMP_LT_OQ);
    __m512d safe = _mm512_mask_mov_pd(one, normal, x);
    __mmask8 subnormal = _mm512_cmp_pd_mask(safe, _mm512_set1_pd(0x1p-1022), _CMP_LT_OQ);
    __m512d y = _mm512_mask_mov_pd(safe, subnormal, _mm512_mul_pd(safe, _mm512_set1_pd(0x1p52)));
    __m512i ix = _mm512_sub_epi64(_mm512_castpd_si512(y), _mm512_maskz_mov_epi64(subnormal, _mm512_set1_epi64((long long)(52ull << 52))));
    __m512i t = _mm512_sub_epi64(ix, _mm512_set1_epi64(0x3FE6900000000000ll));
    __m512i i = _mm512_and_si512(_mm512_srli_epi64(t, 45), _mm512_set1_epi64(127));
    __m512d z = _mm512_castsi512_pd(_mm512_sub_epi64(ix, _mm512_and_si512(t, _mm512_set1_epi64((long long)0xFFF0000000000000ull))));
    __m512i n = _mm512_add_epi64(_mm512_slli_epi64(i, 1), i);   // 3i
    __m512d invc = _mm512_i64gather_pd(n, table, 8);
    __m512d hi = _mm512_i64gather_pd(_mm512_add_epi64(n, _mm512_set1_epi64(1)), table, 8);
    __m512d lo = _mm512_i64gather_pd(_mm512_add_epi64(n, _mm512_set1_epi64(2)), table, 8);
    __m512d zh = _mm512_castsi512_pd(_mm512_and_si512(_mm512_castpd_si512(z), _mm512_set1_epi64((long long)0xFFFFFFFFFFFFFE00ull)));
    __m512d r = _mm512_add_pd(_mm512_sub_pd(_mm512_mul_pd(zh, invc), one), _mm512_mul_pd(_mm512_sub_pd(z, zh), invc));
    __m512i k = _mm512_srai_epi64(t, 52);
    __m512d vShifter = _mm512_set1_pd(ts_shifter);
    __m512d kd = _mm512_sub_pd(_mm512_castsi512_pd(_mm512_add_epi64(k, _mm512_castpd_si512(vShifter))), vShifter);
    __m512d big = _mm512_add_pd(_mm512_mul_pd(kd, _mm512_set1_pd(ts_ln2Hi)), hi);
    __m512d sum = _mm512_add_pd(big, r);
    __m512d e = _mm512_sub_pd(r, _mm512_sub_pd(sum, big));
    __m512d r2 = _mm512_mul_pd(r, r);
    __m512d p23 = _mm512_add_pd(c2, _mm512_mul_pd(r, c3));
    __m512d p45 = _mm512_add_pd(c4, _mm512_mul_pd(r, c5));
    __m512d p67 = _mm512_add_pd(c6, _mm512_mul_pd(r, c7));
    __m512d q = _mm512_add_pd(p23, _mm512_mul_pd(r2, _mm512_add_pd(p45, _mm512_mul_pd(r2, p67))));
    __m512d small = _mm512_add_pd(_mm512_add_pd(_mm512_mul_pd(kd, _mm512_set1_pd(ts_ln2Lo)), lo), _mm512_mul_pd(r2, q));
    __m512d v = _mm512_add_pd(sum, _mm512_add_pd(e, small));
    v = _mm512_mask_mov_pd(_mm512_set1_pd(__builtin_nan("")), normal, v);
    v = _mm512_mask_mov_pd(v, _mm512_cmp_pd_mask(x, _mm512_setzero_pd(), _CMP_EQ_OQ), _mm512_set1_pd(-__builtin_inf()));
    v = _mm512_mask_mov_pd(v, _mm512_cmp_pd_mask(x, inf, _CMP_EQ_OQ), inf);
    return v;
}

// `-v`: the sign bit flipped (what Swift's prefix minus does, also for zeros and NaNs).
__attribute__((target("avx512f"))) static inline __m512d ts_negate8(__m512d v) {
    return _mm512_castsi512_pd(_mm512_xor_si512(_mm512_castpd_si512(v), _mm512_set1_epi64((long long)0x8000000000000000ull)));
}

// Horner's rule as SweepRandom's `StandardNormal` writes it: `((c[7] r + c[6]) r + ...) r + c[0]`.
__attribute__((target("avx512f"))) static inline __m512d ts_horner8(__m512d r, const double *c) {
    __m512d v = _mm512_set1_pd(c[7]);
    for (int j = 6; j >= 0; j--) v = _mm512_add_pd(_mm512_mul_pd(v, r), _mm512_set1_pd(c[j]));
    return v;
}

// AS 241's coefficients, as SweepRandom's `StandardNormal` writes them (index j: the power r^j).
static const double ts_as241_a[8] = {3.3871328727963666080e+0, 1.3314166789178437745e+2, 1.9715909503065514427e+3, 1.3731693765509461125e+4,
                                     4.5921953931549871457e+4, 6.7265770927008700853e+4, 3.3430575583588128105e+4, 2.5090809287301226727e+3};
static const double ts_as241_b[8] = {1.0, 4.2313330701600911252e+1, 6.8718700749205790830e+2, 5.3941960214247511077e+3,
                                     2.1213794301586595867e+4, 3.9307895800092710610e+4, 2.8729085735721942674e+4, 5.2264952788528545610e+3};
static const double ts_as241_c[8] = {1.42343711074968357734e+0, 4.63033784615654529590e+0, 5.76949722146069140550e+0, 3.64784832476320460504e+0,
                                     1.27045825245236838258e+0, 2.41780725177450611770e-1, 2.27238449892691845833e-2, 7.74545014278341407640e-4};
static const double ts_as241_d[8] = {1.0, 2.05319162663775882187e+0, 1.67638483018380384940e+0, 6.89767334985100004550e-1,
                                     1.48103976427480074590e-1, 1.51986665636164571966e-2, 5.47593808499534494600e-4, 1.05075007164441684324e-9};
static const double ts_as241_e[8] = {6.65790464350110377720e+0, 5.46378491116411436990e+0, 1.78482653991729133580e+0, 2.96560571828504891230e-1,
                                     2.65321895265761230930e-2, 1.24266094738807843860e-3, 2.71155556874348757815e-5, 2.01033439929228813265e-7};
static const double ts_as241_f[8] = {1.0, 5.99832206555887937690e-1, 1.36929880922735805310e-1, 1.48753612908506148525e-2,
                                     7.86869131145613259100e-4, 1.84631831751005468180e-5, 1.42151175831644588870e-7, 2.04426310338993978564e-15};

// `StandardNormal.tail(p, q)` (|p - 1/2| > 0.425, and the edge cases) in the lanes of `active`.
__attribute__((target("avx512f"))) static inline __m512d ts_quantile_tail8(__m512d p, __mmask8 active, const double *logTable) {
    const __m512d zero = _mm512_setzero_pd(), one = _mm512_set1_pd(1.0);
    __m512d q = _mm512_sub_pd(p, _mm512_set1_pd(0.5));
    __mmask8 negative = _mm512_cmp_pd_mask(q, zero, _CMP_LT_OQ);
    __m512d area = _mm512_mask_mov_pd(_mm512_sub_pd(one, p), negative, p);
    __m512d s = _mm512_sqrt_pd(ts_negate8(ts_log8(area, logTable)));
    __mmask8 near = _mm512_cmp_pd_mask(s, _mm512_set1_pd(5.0), _CMP_LE_OQ);
    __m512d s1 = _mm512_sub_pd(s, _mm512_set1_pd(1.6));
    __m512d tail = _mm512_div_pd(ts_horner8(s1, ts_as241_c), ts_horner8(s1, ts_as241_d));
    __mmask8 far = (__mmask8)(~near & active);
    if (far) {
        __m512d s5 = _mm512_sub_pd(s, _mm512_set1_pd(5.0));
        tail = _mm512_mask_mov_pd(tail, (__mmask8)~near, _mm512_div_pd(ts_horner8(s5, ts_as241_e), ts_horner8(s5, ts_as241_f)));
    }
    tail = _mm512_mask_mov_pd(tail, negative, ts_negate8(tail));   // q < 0 ? -value : value
    // The edge cases: p outside [0, 1] or NaN gives NaN, a tail area of 0 an infinity.
    __mmask8 valid = _mm512_cmp_pd_mask(p, zero, _CMP_GE_OQ) & _mm512_cmp_pd_mask(p, one, _CMP_LE_OQ);
    __mmask8 empty = _mm512_cmp_pd_mask(area, zero, _CMP_EQ_OQ);
    __m512d infinity = _mm512_mask_mov_pd(_mm512_set1_pd(__builtin_inf()), negative, _mm512_set1_pd(-__builtin_inf()));
    tail = _mm512_mask_mov_pd(tail, empty, infinity);
    return _mm512_mask_mov_pd(_mm512_set1_pd(__builtin_nan("")), valid, tail);
}

// SweepRandom's `StandardNormal.quantile` (Wichura's AS 241, PPND16) in lanes: the central
// region's rational function in every lane; the elements in the tails (about a third of the top
// builder signals, a few percent of the others) are gathered, eight at a time, into a tail batch
// (their `p` and position, by compress stores) and their values scattered back, so that the tail's
// `log`, square root and division run only on full groups of tail elements. The same operations in
// the same order as the scalar code, for each element.
__attribute__((target("avx512f"))) static long ts_quantile8(double *x, long count, const double *logTable) {
    const __m512d half = _mm512_set1_pd(0.5);
    const __m512i signMask = _mm512_set1_epi64(0x7FFFFFFFFFFFFFFFll);
    const __m512i laneIndex = _mm512_set_epi64(7, 6, 5, 4, 3, 2, 1, 0);
    enum { chunk = 256 };
    double tailP[chunk + 8];
    long long tailAt[chunk + 8];
    long n = count - count % 8;
    for (long begin = 0; begin < n; begin += chunk) {
        long end = n - begin < chunk ? n : begin + chunk;
        long tails = 0;
        for (long i = begin; i < end; i += 8) {
            __m512d p = _mm512_loadu_pd(x + i);
            __m512d q = _mm512_sub_pd(p, half);
            __m512d absq = _mm512_castsi512_pd(_mm512_and_si512(_mm512_castpd_si512(q), signMask));
            __mmask8 central = _mm512_cmp_pd_mask(absq, _mm512_set1_pd(0.425), _CMP_LE_OQ);
            __m512d r = _mm512_sub_pd(_mm512_set1_pd(0.180625), _mm512_mul_pd(q, q));
            __m512d value = _mm512_div_pd(_mm512_mul_pd(q, ts_horner8(r, ts_as241_a)), ts_horner8(r, ts_as241_b));
            __mmask8 outer = (__mmask8)~central;
            if (outer) {
                // Compressed in registers and stored whole (a compress straight to memory is
                // microcoded and slow on some CPUs); the buffers have room for the overhang.
                _mm512_storeu_pd(tailP + tails, _mm512_maskz_compress_pd(outer, p));
                _mm512_storeu_si512((void *)(tailAt + tails),
                                    _mm512_maskz_compress_epi64(outer, _mm512_add_epi64(_mm512_set1_epi64(i), laneIndex)));
                tails += __builtin_popcount(outer);
            }
            _mm512_storeu_pd(x + i, value);
        }
        for (long j = 0; j < tails; j += 8) {
            __mmask8 active = tails - j >= 8 ? (__mmask8)0xFF : (__mmask8)((1u << (tails - j)) - 1);
            __m512d p = _mm512_mask_loadu_pd(_mm512_set1_pd(0.25), active, tailP + j);
            double values[8];
            _mm512_storeu_pd(values, ts_quantile_tail8(p, active, logTable));
            long k = tails - j < 8 ? tails - j : 8;
            for (long m = 0; m < k; m++) x[tailAt[j + m]] = values[m];   // scalar stores: a scatter is slow on some CPUs
        }
    }
    return n;
}

// `x[i] = log(x[i])` (`Elementary.log(_: Lanes)`, in `ts_log8`) eight at a time.
__attribute__((target("avx512f"))) static long ts_log_loop8(double *x, long count, const double *table) {
    long i = 0;
    for (; count - i >= 8; i += 8) _mm512_storeu_pd(x + i, ts_log8(_mm512_loadu_pd(x + i), table));
    return i;
}

// `Elementary.expm1` (Sources/SweepMath/Exponential.swift) eight at a time, both of its branches
// in every lane and the lane's own kept: `x + expm1Tail(x)` for |x| <= 0.3465, else the reduction
// `x = k ln2 + r + c` with `2^k - 1` and `2^k r` summed as an exact pair, for |k| <= 53. NaN, 0,
// x > 709.78 and x < -40 are the scalar function's special values. A group with a lane outside
// these (-40 <= x < -36.7 or 36.7 < x <= 709.78, where |k| > 53) is left to the caller: the loop
// stops before it.
__attribute__((target("avx512f"))) static inline __m512d ts_expm1_tail8(__m512d r) {
    static const double c[11] = {1.0 / 6, 1.0 / 24, 1.0 / 120, 1.0 / 720, 1.0 / 5040, 1.0 / 40320, 1.0 / 362880,
                                 1.0 / 3628800, 1.0 / 39916800, 1.0 / 479001600, 1.0 / 6227020800};
    __m512d q = _mm512_set1_pd(c[10]);
    for (int j = 9; j >= 0; j--) q = _mm512_add_pd(_mm512_mul_pd(q, r), _mm512_set1_pd(c[j]));
    return _mm512_mul_pd(_mm512_mul_pd(r, r), _mm512_add_pd(_mm512_set1_pd(0.5), _mm512_mul_pd(r, q)));
}

__attribute__((target("avx512f"))) static long ts_expm1_loop8(double *x, long count) {
    const __m512d vShifter = _mm512_set1_pd(ts_shifter);
    const __m512i shifterBits = _mm512_castpd_si512(vShifter);
    const __m512d zero = _mm512_setzero_pd(), one = _mm512_set1_pd(1.0);
    const __m512i signMask = _mm512_set1_epi64(0x7FFFFFFFFFFFFFFFll);
    long i = 0;
    for (; count - i >= 8; i += 8) {
        __m512d v = _mm512_loadu_pd(x + i);
        __mmask8 nan = _mm512_cmp_pd_mask(v, v, _CMP_UNORD_Q);
        __mmask8 big = _mm512_cmp_pd_mask(v, _mm512_set1_pd(709.782712893384), _CMP_GT_OQ);
        __mmask8 low = _mm512_cmp_pd_mask(v, _mm512_set1_pd(-40.0), _CMP_LT_OQ);
        __mmask8 nil = _mm512_cmp_pd_mask(v, zero, _CMP_EQ_OQ);
        __mmask8 special = nan | big | low | nil;
        __m512d absx = _mm512_castsi512_pd(_mm512_and_si512(_mm512_castpd_si512(v), signMask));
        __mmask8 near = _mm512_cmp_pd_mask(absx, _mm512_set1_pd(0.3465), _CMP_LE_OQ);
        __m512d xs = _mm512_mask_mov_pd(v, special, zero);
        __m512d y = _mm512_add_pd(xs, ts_expm1_tail8(xs));
        __mmask8 reduced = (__mmask8)(~(special | near));
        if (reduced) {
            __m512d shifted = _mm512_add_pd(_mm512_mul_pd(xs, _mm512_set1_pd(ts_invLn2)), vShifter);
            __m512d kd = _mm512_sub_pd(shifted, vShifter);
            __m512i k = _mm512_sub_epi64(_mm512_castpd_si512(shifted), shifterBits);
            __mmask8 wide = _mm512_mask_cmp_epi64_mask(reduced, k, _mm512_set1_epi64(53), _MM_CMPINT_NLE)
                          | _mm512_mask_cmp_epi64_mask(reduced, k, _mm512_set1_epi64(-53), _MM_CMPINT_LT);
            if (wide) return i;
            // twoSum(x - kd ln2Hi, -(kd ln2Lo))
            __m512d a = _mm512_sub_pd(xs, _mm512_mul_pd(kd, _mm512_set1_pd(ts_ln2Hi)));
            __m512d b = _mm512_castsi512_pd(_mm512_xor_si512(_mm512_castpd_si512(_mm512_mul_pd(kd, _mm512_set1_pd(ts_ln2Lo))),
                                                     _mm512_set1_epi64((long long)0x8000000000000000ull)));
            __m512d r = _mm512_add_pd(a, b);
            __m512d bb = _mm512_sub_pd(r, a);
            __m512d c = _mm512_add_pd(_mm512_sub_pd(a, _mm512_sub_pd(r, bb)), _mm512_sub_pd(b, bb));
            __m512d t = ts_expm1_tail8(r);
            __m512d d = _mm512_add_pd(t, _mm512_add_pd(c, _mm512_mul_pd(c, _mm512_add_pd(r, t))));
            __m512d p = _mm512_castsi512_pd(_mm512_slli_epi64(_mm512_add_epi64(_mm512_maskz_mov_epi64(reduced, k), _mm512_set1_epi64(1023)), 52));
            // twoSum(p - 1, p r), then s + (err + p d)
            __m512d sa = _mm512_sub_pd(p, one), sb = _mm512_mul_pd(p, r);
            __m512d s = _mm512_add_pd(sa, sb);
            __m512d sbb = _mm512_sub_pd(s, sa);
            __m512d err = _mm512_add_pd(_mm512_sub_pd(sa, _mm512_sub_pd(s, sbb)), _mm512_sub_pd(sb, sbb));
            y = _mm512_mask_mov_pd(y, reduced, _mm512_add_pd(s, _mm512_add_pd(err, _mm512_mul_pd(p, d))));
        }
        y = _mm512_mask_mov_pd(y, big, _mm512_set1_pd(__builtin_inf()));
        y = _mm512_mask_mov_pd(y, low, _mm512_set1_pd(-1.0));
        y = _mm512_mask_mov_pd(y, nan | nil, v);
        _mm512_storeu_pd(x + i, y);
    }
    return i;
}

long ts_log_in_place(int level, double *x, long count, const double *table) {
    if (level < 2 || count < 8) return 0;
    return ts_log_loop8(x, count, table);
}

long ts_expm1_in_place(int level, double *x, long count) {
    if (level < 2 || count < 8) return 0;
    return ts_expm1_loop8(x, count);
}

long ts_normal_quantile_in_place(int level, double *x, long count, const double *logTable) {
    if (level < 2 || count < 8) return 0;
    return ts_quantile8(x, count, logTable);
}

long ts_exp_in_place(int level, double *x, long count, const double *table) {
    if (level < 2 || count < 8) return 0;
    return ts_exp8(x, count, table);
}

#else

long ts_log_in_place(int level, double *x, long count, const double *table) {
    (void)level; (void)x; (void)count; (void)table;
    return 0;
}

long ts_expm1_in_place(int level, double *x, long count) {
    (void)level; (void)x; (void)count;
    return 0;
}

long ts_exp_in_place(int level, double *x, long count, const double *table) {
    (void)level; (void)x; (void)count; (void)table;
    return 0;
}

long ts_normal_quantile_in_place(int level, double *x, long count, const double *logTable) {
    (void)level; (void)x; (void)count; (void)logTable;
    return 0;
}

#endif
