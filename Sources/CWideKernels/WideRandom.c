// Philox4x32-10 (Salmon, Moraes, Dror & Shaw, SC 2011) across paths in 64-bit SIMD lanes: each
// 32-bit word of a counter sits in the low half of a 64-bit lane, so that a round's 32x32->64
// products are one `vpmuludq` a word (which reads only the low halves) and the high halves carry
// left-over product bits that are masked off once, at the end. The same rounds, key schedule,
// counter layout and uniforms as Sources/SweepRandom (Philox.swift, StreamKey.swift).
#include "WideRandom.h"

#pragma STDC FP_CONTRACT OFF

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>

#define TS_M0 0xD2511F53u
#define TS_M1 0xCD9E8D57u
#define TS_W0 0x9E3779B9u
#define TS_W1 0xBB67AE85u

static int ts_os_saves(uint64_t mask) {
    uint32_t a, b, c, d;
    __asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(1), "c"(0));
    if (!(c & (1u << 27))) return 0;  // OSXSAVE
    uint32_t lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    uint64_t xcr0 = ((uint64_t)hi << 32) | lo;
    return (xcr0 & mask) == mask;
}

int ts_wide_level(void) {
    uint32_t a, b, c, d;
    __asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(0), "c"(0));
    if (a < 7) return 0;
    __asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(7), "c"(0));
    int avx2 = (b >> 5) & 1, avx512f = (b >> 16) & 1;
    if (!avx2 || !ts_os_saves(0x6)) return 0;         // XMM and YMM state
    if (avx512f && ts_os_saves(0xE6)) return 2;       // plus opmask, ZMM_Hi256, Hi16_ZMM
    return 1;
}

// ---- AVX-512: eight counters a call -------------------------------------------------------

typedef struct { __m512i w0, w1, w2, w3; } ts_lanes8;

__attribute__((target("avx512f"))) static inline ts_lanes8 ts_philox8(ts_lanes8 x, uint32_t key0, uint32_t key1) {
    const __m512i m0 = _mm512_set1_epi64(TS_M0), m1 = _mm512_set1_epi64(TS_M1);
    uint32_t k0 = key0, k1 = key1;
    for (int round = 0; round < 10; round++) {
        __m512i p0 = _mm512_mul_epu32(x.w0, m0);
        __m512i p1 = _mm512_mul_epu32(x.w2, m1);
        __m512i y0 = _mm512_xor_si512(_mm512_xor_si512(_mm512_srli_epi64(p1, 32), x.w1), _mm512_set1_epi64(k0));
        __m512i y2 = _mm512_xor_si512(_mm512_xor_si512(_mm512_srli_epi64(p0, 32), x.w3), _mm512_set1_epi64(k1));
        x.w1 = p1;
        x.w3 = p0;
        x.w0 = y0;
        x.w2 = y2;
        k0 += TS_W0;
        k1 += TS_W1;
    }
    return x;
}

// (high << 32 | low) of two words' low halves, to (bits >> 12 | 1.0's exponent) - (1 - 2^-53).
__attribute__((target("avx512f"))) static inline __m512d ts_unit8(__m512i low, __m512i high) {
    const __m512i low32 = _mm512_set1_epi64(0xFFFFFFFFll);
    __m512i x = _mm512_or_si512(_mm512_and_si512(low, low32), _mm512_slli_epi64(high, 32));
    __m512i m = _mm512_or_si512(_mm512_srli_epi64(x, 12), _mm512_set1_epi64(0x3FF0000000000000ll));
    return _mm512_sub_pd(_mm512_castsi512_pd(m), _mm512_set1_pd(1.0 - 0x1p-53));
}

__attribute__((target("avx512f"))) static inline __m512i ts_replications8(uint32_t first) {
    const __m512i steps = _mm512_set_epi64(7, 6, 5, 4, 3, 2, 1, 0);
    __m512i r = _mm512_add_epi64(_mm512_set1_epi64((long long)first), steps);
    return _mm512_and_si512(r, _mm512_set1_epi64(0xFFFFFFFFll));
}

__attribute__((target("avx512f"))) static long ts_top_two8(uint32_t key0, uint32_t key1, uint32_t slot, uint32_t point,
                                                           uint32_t rep, long b, long count, double *top, double *next) {
    long r = 0;
    const __m512i wslot = _mm512_set1_epi64(slot), wpoint = _mm512_set1_epi64(point);
    for (; count - r >= 8; r += 8, rep += 8) {
        __m512d first = _mm512_set1_pd(-__builtin_inf()), second = first;
        __m512i reps = ts_replications8(rep);
        for (long k = 0; k < (b + 1) / 2; k++) {
            ts_lanes8 c = {_mm512_set1_epi64(k), wslot, reps, wpoint};
            ts_lanes8 x = ts_philox8(c, key0, key1);
            __m512d u = ts_unit8(x.w0, x.w1);
            __m512d lower = _mm512_min_pd(first, u);
            first = _mm512_max_pd(first, u);
            second = _mm512_max_pd(second, lower);
            if (2 * k + 1 < b) {
                u = ts_unit8(x.w2, x.w3);
                lower = _mm512_min_pd(first, u);
                first = _mm512_max_pd(first, u);
                second = _mm512_max_pd(second, lower);
            }
        }
        _mm512_storeu_pd(top + r, first);
        _mm512_storeu_pd(next + r, second);
    }
    return r;
}

__attribute__((target("avx512f"))) static long ts_pairs8(uint32_t key0, uint32_t key1, uint32_t index, uint32_t slot, uint32_t point,
                                                         uint32_t rep, long count, double *first, double *second) {
    long r = 0;
    const __m512i windex = _mm512_set1_epi64(index), wslot = _mm512_set1_epi64(slot), wpoint = _mm512_set1_epi64(point);
    for (; count - r >= 8; r += 8, rep += 8) {
        ts_lanes8 c = {windex, wslot, ts_replications8(rep), wpoint};
        ts_lanes8 x = ts_philox8(c, key0, key1);
        _mm512_storeu_pd(first + r, ts_unit8(x.w0, x.w1));
        if (second) _mm512_storeu_pd(second + r, ts_unit8(x.w2, x.w3));
    }
    return r;
}

// ---- AVX2: four counters a call -----------------------------------------------------------

typedef struct { __m256i w0, w1, w2, w3; } ts_lanes4;

__attribute__((target("avx2"))) static inline ts_lanes4 ts_philox4(ts_lanes4 x, uint32_t key0, uint32_t key1) {
    const __m256i m0 = _mm256_set1_epi64x(TS_M0), m1 = _mm256_set1_epi64x(TS_M1);
    uint32_t k0 = key0, k1 = key1;
    for (int round = 0; round < 10; round++) {
        __m256i p0 = _mm256_mul_epu32(x.w0, m0);
        __m256i p1 = _mm256_mul_epu32(x.w2, m1);
        __m256i y0 = _mm256_xor_si256(_mm256_xor_si256(_mm256_srli_epi64(p1, 32), x.w1), _mm256_set1_epi64x(k0));
        __m256i y2 = _mm256_xor_si256(_mm256_xor_si256(_mm256_srli_epi64(p0, 32), x.w3), _mm256_set1_epi64x(k1));
        x.w1 = p1;
        x.w3 = p0;
        x.w0 = y0;
        x.w2 = y2;
        k0 += TS_W0;
        k1 += TS_W1;
    }
    return x;
}

__attribute__((target("avx2"))) static inline __m256d ts_unit4(__m256i low, __m256i high) {
    const __m256i low32 = _mm256_set1_epi64x(0xFFFFFFFFll);
    __m256i x = _mm256_or_si256(_mm256_and_si256(low, low32), _mm256_slli_epi64(high, 32));
    __m256i m = _mm256_or_si256(_mm256_srli_epi64(x, 12), _mm256_set1_epi64x(0x3FF0000000000000ll));
    return _mm256_sub_pd(_mm256_castsi256_pd(m), _mm256_set1_pd(1.0 - 0x1p-53));
}

__attribute__((target("avx2"))) static inline __m256i ts_replications4(uint32_t first) {
    __m256i r = _mm256_add_epi64(_mm256_set1_epi64x((long long)first), _mm256_set_epi64x(3, 2, 1, 0));
    return _mm256_and_si256(r, _mm256_set1_epi64x(0xFFFFFFFFll));
}

__attribute__((target("avx2"))) static long ts_top_two4(uint32_t key0, uint32_t key1, uint32_t slot, uint32_t point,
                                                        uint32_t rep, long b, long count, double *top, double *next) {
    long r = 0;
    const __m256i wslot = _mm256_set1_epi64x(slot), wpoint = _mm256_set1_epi64x(point);
    for (; count - r >= 4; r += 4, rep += 4) {
        __m256d first = _mm256_set1_pd(-__builtin_inf()), second = first;
        __m256i reps = ts_replications4(rep);
        for (long k = 0; k < (b + 1) / 2; k++) {
            ts_lanes4 c = {_mm256_set1_epi64x(k), wslot, reps, wpoint};
            ts_lanes4 x = ts_philox4(c, key0, key1);
            __m256d u = ts_unit4(x.w0, x.w1);
            __m256d lower = _mm256_min_pd(first, u);
            first = _mm256_max_pd(first, u);
            second = _mm256_max_pd(second, lower);
            if (2 * k + 1 < b) {
                u = ts_unit4(x.w2, x.w3);
                lower = _mm256_min_pd(first, u);
                first = _mm256_max_pd(first, u);
                second = _mm256_max_pd(second, lower);
            }
        }
        _mm256_storeu_pd(top + r, first);
        _mm256_storeu_pd(next + r, second);
    }
    return r;
}

__attribute__((target("avx2"))) static long ts_pairs4(uint32_t key0, uint32_t key1, uint32_t index, uint32_t slot, uint32_t point,
                                                      uint32_t rep, long count, double *first, double *second) {
    long r = 0;
    const __m256i windex = _mm256_set1_epi64x(index), wslot = _mm256_set1_epi64x(slot), wpoint = _mm256_set1_epi64x(point);
    for (; count - r >= 4; r += 4, rep += 4) {
        ts_lanes4 c = {windex, wslot, ts_replications4(rep), wpoint};
        ts_lanes4 x = ts_philox4(c, key0, key1);
        _mm256_storeu_pd(first + r, ts_unit4(x.w0, x.w1));
        if (second) _mm256_storeu_pd(second + r, ts_unit4(x.w2, x.w3));
    }
    return r;
}

__attribute__((target("avx512f"))) static void ts_consecutive8(uint32_t key0, uint32_t key1, uint32_t firstIndex, uint32_t slot,
                                                                uint32_t replication, uint32_t point, double *out) {
    __m512i index = _mm512_and_si512(_mm512_add_epi64(_mm512_set1_epi64(firstIndex), _mm512_set_epi64(7, 6, 5, 4, 3, 2, 1, 0)),
                                     _mm512_set1_epi64(0xFFFFFFFFll));
    ts_lanes8 c = {index, _mm512_set1_epi64(slot), _mm512_set1_epi64(replication), _mm512_set1_epi64(point)};
    ts_lanes8 x = ts_philox8(c, key0, key1);
    double first[8], second[8];
    _mm512_storeu_pd(first, ts_unit8(x.w0, x.w1));
    _mm512_storeu_pd(second, ts_unit8(x.w2, x.w3));
    for (int k = 0; k < 8; k++) {
        out[2 * k] = first[k];
        out[2 * k + 1] = second[k];
    }
}

long ts_fill_consecutive(int level, uint32_t key0, uint32_t key1, uint32_t firstIndex, uint32_t slot, uint32_t replication,
                         uint32_t point, double *out) {
    if (level < 2) return 0;
    ts_consecutive8(key0, key1, firstIndex, slot, replication, point, out);
    return 8;
}

long ts_fill_top_two(int level, uint32_t key0, uint32_t key1, uint32_t slot, uint32_t point, uint32_t firstReplication,
                     long b, long count, double *top, double *next) {
    if (b < 1 || count <= 0) return 0;
    if (level >= 2) return ts_top_two8(key0, key1, slot, point, firstReplication, b, count, top, next);
    if (level == 1) return ts_top_two4(key0, key1, slot, point, firstReplication, b, count, top, next);
    return 0;
}

long ts_fill_pairs(int level, uint32_t key0, uint32_t key1, uint32_t index, uint32_t slot, uint32_t point,
                   uint32_t firstReplication, long count, double *first, double *second) {
    if (count <= 0) return 0;
    if (level >= 2) return ts_pairs8(key0, key1, index, slot, point, firstReplication, count, first, second);
    if (level == 1) return ts_pairs4(key0, key1, index, slot, point, firstReplication, count, first, second);
    return 0;
}

#else

int ts_wide_level(void) { return 0; }

long ts_fill_consecutive(int level, uint32_t key0, uint32_t key1, uint32_t firstIndex, uint32_t slot, uint32_t replication,
                         uint32_t point, double *out) {
    (void)level; (void)key0; (void)key1; (void)firstIndex; (void)slot; (void)replication; (void)point; (void)out;
    return 0;
}

long ts_fill_top_two(int level, uint32_t key0, uint32_t key1, uint32_t slot, uint32_t point, uint32_t firstReplication,
                     long b, long count, double *top, double *next) {
    (void)level; (void)key0; (void)key1; (void)slot; (void)point; (void)firstReplication; (void)b; (void)count; (void)top; (void)next;
    return 0;
}

long ts_fill_pairs(int level, uint32_t key0, uint32_t key1, uint32_t index, uint32_t slot, uint32_t point,
                   uint32_t firstReplication, long count, double *first, double *second) {
    (void)level; (void)key0; (void)key1; (void)index; (void)slot; (void)point; (void)firstReplication; (void)count; (void)first; (void)second;
    return 0;
}

#endif
