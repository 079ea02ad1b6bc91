// The Philox lanes of WideRandom.c for one vector width, included once per width with the
// width's target attribute, vector types and operations defined as TS_* macros (undefined again
// at the end): `ts_philoxN` (the ten rounds), `ts_unitN` (52 bits to a double in (0, 1)),
// `ts_replicationsN` (consecutive replication words), and the fills `ts_top_twoN` and `ts_pairsN`,
// N = TS_SUFFIX, the number of 64-bit lanes.
#define TS_CAT2(a, b) a##b
#define TS_CAT(a, b) TS_CAT2(a, b)
#define TS_NAME(n) TS_CAT(n, TS_SUFFIX)

typedef struct { TS_VI w0, w1, w2, w3; } TS_NAME(ts_lanes);

// Ten rounds; each word's high half carries left-over product bits, never read by `vpmuludq`.
TS_TARGET static inline TS_NAME(ts_lanes) TS_NAME(ts_philox)(TS_NAME(ts_lanes) x, uint32_t key0, uint32_t key1) {
    const TS_VI m0 = TS_SET1(TS_M0), m1 = TS_SET1(TS_M1);
    uint32_t k0 = key0, k1 = key1;
    for (int round = 0; round < 10; round++) {
        TS_VI p0 = TS_MULU(x.w0, m0);
        TS_VI p1 = TS_MULU(x.w2, m1);
        TS_VI y0 = TS_XOR(TS_XOR(TS_SRL(p1, 32), x.w1), TS_SET1(k0));
        TS_VI y2 = TS_XOR(TS_XOR(TS_SRL(p0, 32), x.w3), TS_SET1(k1));
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
TS_TARGET static inline TS_VD TS_NAME(ts_unit)(TS_VI low, TS_VI high) {
    TS_VI x = TS_OR(TS_AND(low, TS_SET1(0xFFFFFFFFll)), TS_SLL(high, 32));
    TS_VI m = TS_OR(TS_SRL(x, 12), TS_SET1(0x3FF0000000000000ll));
    return TS_SUBPD(TS_CASTPD(m), TS_SET1PD(1.0 - 0x1p-53));
}

// The replication words first, first + 1, ... (modulo 2^32), one a lane.
TS_TARGET static inline TS_VI TS_NAME(ts_replications)(uint32_t first) {
    return TS_AND(TS_ADD(TS_SET1(first), TS_STEPS), TS_SET1(0xFFFFFFFFll));
}

TS_TARGET static long TS_NAME(ts_top_two)(uint32_t key0, uint32_t key1, uint32_t slot, uint32_t point, uint32_t rep, long b, long count,
                                          double *top, double *next) {
    long r = 0;
    const TS_VI wslot = TS_SET1(slot), wpoint = TS_SET1(point);
    for (; count - r >= TS_LANES; r += TS_LANES, rep += TS_LANES) {
        TS_VD first = TS_SET1PD(-__builtin_inf()), second = first;
        TS_VI reps = TS_NAME(ts_replications)(rep);
        for (long k = 0; k < (b + 1) / 2; k++) {
            TS_NAME(ts_lanes) c = {TS_SET1(k), wslot, reps, wpoint};
            TS_NAME(ts_lanes) x = TS_NAME(ts_philox)(c, key0, key1);
            TS_VD u = TS_NAME(ts_unit)(x.w0, x.w1);
            TS_VD lower = TS_MINPD(first, u);
            first = TS_MAXPD(first, u);
            second = TS_MAXPD(second, lower);
            if (2 * k + 1 < b) {
                u = TS_NAME(ts_unit)(x.w2, x.w3);
                lower = TS_MINPD(first, u);
                first = TS_MAXPD(first, u);
                second = TS_MAXPD(second, lower);
            }
        }
        TS_STOREPD(top + r, first);
        TS_STOREPD(next + r, second);
    }
    return r;
}

TS_TARGET static long TS_NAME(ts_pairs)(uint32_t key0, uint32_t key1, uint32_t index, uint32_t slot, uint32_t point, uint32_t rep,
                                        long count, double *first, double *second) {
    long r = 0;
    const TS_VI windex = TS_SET1(index), wslot = TS_SET1(slot), wpoint = TS_SET1(point);
    for (; count - r >= TS_LANES; r += TS_LANES, rep += TS_LANES) {
        TS_NAME(ts_lanes) c = {windex, wslot, TS_NAME(ts_replications)(rep), wpoint};
        TS_NAME(ts_lanes) x = TS_NAME(ts_philox)(c, key0, key1);
        TS_STOREPD(first + r, TS_NAME(ts_unit)(x.w0, x.w1));
        if (second) TS_STOREPD(second + r, TS_NAME(ts_unit)(x.w2, x.w3));
    }
    return r;
}

#undef TS_NAME
#undef TS_TARGET
#undef TS_SUFFIX
#undef TS_LANES
#undef TS_VI
#undef TS_VD
#undef TS_SET1
#undef TS_STEPS
#undef TS_MULU
#undef TS_SRL
#undef TS_SLL
#undef TS_XOR
#undef TS_AND
#undef TS_OR
#undef TS_ADD
#undef TS_CASTPD
#undef TS_SET1PD
#undef TS_SUBPD
#undef TS_MINPD
#undef TS_MAXPD
#undef TS_STOREPD
