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

// ---- The lanes, written once (PhiloxLanes.h) for each width ---------------------------------

// AVX-512: eight counters a call.
#define TS_TARGET __attribute__((target("avx512f")))
#define TS_SUFFIX 8
#define TS_LANES 8
#define TS_VI __m512i
#define TS_VD __m512d
#define TS_SET1(x) _mm512_set1_epi64((long long)(x))
#define TS_STEPS _mm512_set_epi64(7, 6, 5, 4, 3, 2, 1, 0)
#define TS_MULU(a, b) _mm512_mul_epu32(a, b)
#define TS_SRL(a, n) _mm512_srli_epi64(a, n)
#define TS_SLL(a, n) _mm512_slli_epi64(a, n)
#define TS_XOR(a, b) _mm512_xor_si512(a, b)
#define TS_AND(a, b) _mm512_and_si512(a, b)
#define TS_OR(a, b) _mm512_or_si512(a, b)
#define TS_ADD(a, b) _mm512_add_epi64(a, b)
#define TS_CASTPD(a) _mm512_castsi512_pd(a)
#define TS_SET1PD(x) _mm512_set1_pd(x)
#define TS_SUBPD(a, b) _mm512_sub_pd(a, b)
#define TS_MINPD(a, b) _mm512_min_pd(a, b)
#define TS_MAXPD(a, b) _mm512_max_pd(a, b)
#define TS_STOREPD(p, a) _mm512_storeu_pd(p, a)
#include "PhiloxLanes.h"

// AVX2: four counters a call.
#define TS_TARGET __attribute__((target("avx2")))
#define TS_SUFFIX 4
#define TS_LANES 4
#define TS_VI __m256i
#define TS_VD __m256d
#define TS_SET1(x) _mm256_set1_epi64x((long long)(x))
#define TS_STEPS _mm256_set_epi64x(3, 2, 1, 0)
#define TS_MULU(a, b) _mm256_mul_epu32(a, b)
#define TS_SRL(a, n) _mm256_srli_epi64(a, n)
#define TS_SLL(a, n) _mm256_slli_epi64(a, n)
#define TS_XOR(a, b) _mm256_xor_si256(a, b)
#define TS_AND(a, b) _mm256_and_si256(a, b)
#define TS_OR(a, b) _mm256_or_si256(a, b)
#define TS_ADD(a, b) _mm256_add_epi64(a, b)
#define TS_CASTPD(a) _mm256_castsi256_pd(a)
#define TS_SET1PD(x) _mm256_set1_pd(x)
#define TS_SUBPD(a, b) _mm256_sub_pd(a, b)
#define TS_MINPD(a, b) _mm256_min_pd(a, b)
#define TS_MAXPD(a, b) _mm256_max_pd(a, b)
#define TS_STOREPD(p, a) _mm256_storeu_pd(p, a)
#include "PhiloxLanes.h"

__attribute__((target("avx512f"))) static void ts_consecutive8(uint32_t key0, uint32_t key1, uint32_t firstIndex, uint32_t slot,
                                                                uint32_t replication, uint32_t point, double *out) {
    // Consecutive counter indices, as the replication words are.
    ts_lanes8 c = {ts_replications8(firstIndex), _mm512_set1_epi64(slot), _mm512_set1_epi64(replication), _mm512_set1_epi64(point)};
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
