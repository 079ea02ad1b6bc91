#!/usr/bin/env python3
"""The table and polynomial of SweepMath's table-driven logarithm, computed with mpmath.

    "$(scripts/python-env)/bin/python" scripts/make-log-table.py > Sources/SweepMath/LogarithmTable.swift

prints a Swift source file (the committed Sources/SweepMath/LogarithmTable.swift) and, on stderr,
the checks below with their margins.

The method (Sources/SweepMath/Logarithm.swift): a positive x is written as x = 2^k z with z in
[OFF, 2 OFF), OFF just below sqrt(2)/2, by subtracting OFF's bit pattern from x's; the next 7 bits
of the difference pick one of 128 subintervals of [OFF, 2 OFF) (of width 2^-8 below 1 and 2^-7
above; the boundaries sit at +-half a subinterval around 1, so that 1 is inside subinterval 75,
[1 - 2^-9, 1 + 2^-8)). For subinterval i the table holds

- invc_i, a double of at most 9 significant bits near 1/z on the subinterval (invc_75 = 1): of
  the candidates on the grid of 2^-9 near 2/(lo + hi), those for which every r = z invc_i - 1
  of the subinterval is a double (r is a multiple of ulp(z) times the lowest power of two in
  invc_i; it is a double if below 2^53 such units), the one with the least max |r|. The code
  computes r exactly: z = zh + zl with zh its leading 44 bits and zl at most 9, both products
  with invc_i exact, zh invc_i - 1 exact by Sterbenz's lemma, and the sum exact because its
  value is a double.
- -ln(invc_i) as hi + lo: hi rounded to a multiple of 2^-32, so that k ln2Hi + hi is exact
  (ln2Hi has 32 significant bits and |k| <= 1075), lo the double nearest the remainder.

and ln x = (k ln2Hi + hi) + r + (k ln2Lo + lo) + P(r) with P(r) ~ ln(1 + r) - r a polynomial
r^2 (c2 + c3 r + ... + c7 r^5): its coefficients interpolate (ln(1 + r) - r)/r^2 at Chebyshev
nodes of the range of r over all subintervals, rounded to doubles; the script measures the
rounded polynomial's error against mpmath on a dense grid.
"""
import struct
import sys
from fractions import Fraction

import mpmath
from mpmath import mp, mpf

mp.prec = 256

BITS = 7                      # 128 subintervals
N = 1 << BITS
SHIFT = 52 - BITS             # the index is bits SHIFT ..< 52 of bits(x) - bits(OFF)
DEGREE = 7                    # P(r) = r^2 (c2 + ... + c7 r^5)
INVC_BITS = 9                 # z is split into 44 + 9 bits, so that z invc needs no rounding


def bits(d):
    return struct.unpack("<Q", struct.pack("<d", d))[0]


def double(b):
    return struct.unpack("<d", struct.pack("<Q", b))[0]


def exact(v):
    sign, man, exp, _ = v._mpf_
    return (-1) ** sign * Fraction(man) * (Fraction(2) ** exp)


def nearest(q):
    return q.numerator / q.denominator


def on_grid(q, step):
    """The multiple of `step` (a Fraction) nearest `q` (ties away, irrelevant here)."""
    n = q / step
    return Fraction(round(n)) * step


# bits(1) - bits(OFF) = (75 + 1/2) 2^SHIFT: 1 is the middle (in bit-pattern units) of subinterval 75.
CENTRE = 75
OFF_BITS = bits(1.0) - (CENTRE * 2 + 1) * (1 << (SHIFT - 1))
OFF = double(OFF_BITS)


def subinterval(i):
    """[lo, hi) of subinterval i as exact Fractions (hi exclusive)."""
    lo = Fraction(double(OFF_BITS + (i << SHIFT)))
    hi = Fraction(double(OFF_BITS + ((i + 1) << SHIFT)))
    return lo, hi


def significant_bits(q):
    """The number of significant bits of the dyadic Fraction q > 0."""
    m = q
    while m.denominator != 1:
        m *= 2
    m = int(m)
    return m.bit_length() - (m & -m).bit_length() + 1


def r_range(i, invc):
    """(min r, max r) of r = z invc - 1 over the doubles z of subinterval i."""
    lo, hi = subinterval(i)
    zmax = Fraction(double(bits(float(hi)) - 1))
    return lo * invc - 1, zmax * invc - 1


def exact_r(i, invc):
    """Whether every r = z invc - 1 of subinterval i is a double: r is a multiple of
    ulp(z) * (the largest power of two dividing invc), so it is when |r| < 2^53 times that."""
    lo, hi = subinterval(i)
    ulp = Fraction(1, 2 ** 53) if hi <= 1 else Fraction(1, 2 ** 52)
    g = Fraction(1)
    while (invc / g).denominator != 1:
        g /= 2
    while (invc / (2 * g)).denominator == 1:
        g *= 2
    a, b = r_range(i, invc)
    return max(abs(a), abs(b)) < 2 ** 53 * ulp * g


def choose_invc(i):
    """The invc with at most INVC_BITS significant bits, near 1/z on subinterval i, for which
    r = z invc - 1 is always a double, with the least max |r| (1 for the subinterval of 1)."""
    if i == CENTRE:
        return Fraction(1)
    lo, hi = subinterval(i)
    step = Fraction(1, 2 ** 9)
    base = on_grid(2 / (lo + hi), step)
    best = None
    for j in range(-8, 9):
        cand = base + j * step
        if significant_bits(cand) > INVC_BITS or not exact_r(i, cand):
            continue
        a, b = r_range(i, cand)
        worst = max(abs(a), abs(b))
        if best is None or worst < best[0]:
            best = (worst, cand)
    return best[1]


def check(condition, message):
    if not condition:
        sys.exit("make-log-table: check failed: " + message)


def main():
    ln2hi = Fraction(double(0x3FE62E42FEE00000))
    grid = Fraction(1, 2 ** 32)
    check(ln2hi / grid == int(ln2hi / grid), "ln2Hi is a multiple of 2^-32")
    rows = []
    rmin, rmax = Fraction(0), Fraction(0)
    for i in range(N):
        lo, hi = subinterval(i)
        invc = choose_invc(i)
        invc_d = float(invc)
        check(Fraction(invc_d) == invc, "invc %d is a double" % i)
        check(significant_bits(invc) <= INVC_BITS and exact_r(i, invc), "invc %d: bits and exact r" % i)
        r_lo, r_hi = r_range(i, invc)
        check(abs(r_lo) < Fraction(1, 128) and abs(r_hi) < Fraction(1, 128), "|r| < 2^-7 in %d" % i)
        rmin, rmax = min(rmin, r_lo), max(rmax, r_hi)
        logc = -mpmath.log(mpf(invc.numerator) / invc.denominator)
        q = exact(logc)
        h = on_grid(q, grid)
        l = nearest(q - h)
        check(abs(h) < Fraction(1, 2), "hi")
        # fastTwoSum(T, r) needs |T| >= |r| (T = k ln2Hi + hi; for k = 0 T = hi, or T = 0)
        if i != CENTRE:
            check(abs(h) >= max(abs(r_lo), abs(r_hi)), "|hi| >= |r| in %d" % i)
        rows.append((invc_d, float(h), l, lo, hi, r_lo, r_hi))

    # P(r): (ln(1 + r) - r)/r^2 interpolated at Chebyshev nodes of [rmin, rmax].
    a, b = mpf(rmin.numerator) / rmin.denominator, mpf(rmax.numerator) / rmax.denominator
    def q_exact(r):
        return (mpmath.log1p(r) - r) / (r * r) if r != 0 else mpf(-0.5)
    n = DEGREE - 1
    nodes = [(a + b) / 2 + (b - a) / 2 * mpmath.cos(mpmath.pi * (j + mpf(1) / 2) / n) for j in range(n)]
    # solve the Vandermonde system for monomial coefficients (n x n, 256 bits)
    A = mpmath.matrix([[t ** p for p in range(n)] for t in nodes])
    y = mpmath.matrix([q_exact(t) for t in nodes])
    coeffs = mpmath.lu_solve(A, y)
    rounded = [nearest(exact(c)) for c in coeffs]
    # the rounded polynomial's error, absolute in P and relative to r, on a dense grid
    worst_abs, worst_rel = mpf(0), mpf(0)
    steps = 4000
    for j in range(steps + 1):
        r = a + (b - a) * j / steps
        if r == 0:
            continue
        p = r * r * sum(mpf(c) * r ** k for k, c in enumerate(rounded))
        err = abs(p - (mpmath.log1p(r) - r))
        worst_abs = max(worst_abs, err)
        worst_rel = max(worst_rel, err / abs(r))
    print("make-log-table: OFF = %s (%r), r in [%.6g, %.6g] = 2^%.3f, P error <= 2^%.2f absolute, "
          "2^%.2f relative to r" % (OFF.hex(), OFF, float(a), float(b),
                                    float(mpmath.log(max(-a, b), 2)),
                                    float(mpmath.log(worst_abs, 2)), float(mpmath.log(worst_rel, 2))),
          file=sys.stderr)

    def lit(d):
        return d.hex() if d != 0 else "0x0p+0"

    out = ["// Generated by scripts/make-log-table.py (mpmath %s, 256 bits): do not edit." % mpmath.__version__,
           "",
           "/// The table and polynomial of `Elementary.log` (Logarithm.swift; the method is described in",
           "/// scripts/make-log-table.py).",
           "@usableFromInline enum LogarithmTable {",
           "    /// The bit pattern of `OFF` = %s (%r): `x = 2^k z` with `z` in `[OFF, 2 OFF)`," % (lit(OFF), OFF),
           "    /// `k` and the subinterval from the bits of `x` minus these.",
           "    @inlinable static var offset: UInt64 { 0x%016X }" % OFF_BITS,
           "",
           "    /// `ln(1 + r) - r ~ r^2 (c2 + c3 r + ... + c7 r^5)` for `r` in [%.6g, %.6g]: error below" % (float(a), float(b)),
           "    /// 2^%.1f absolute and 2^%.1f relative to `r` (the rounded coefficients, measured)." % (
               float(mpmath.log(worst_abs, 2)), float(mpmath.log(worst_rel, 2))),
           ]
    for k, c in enumerate(rounded):
        out.append("    @inlinable static var c%d: Double { %s }  // %r" % (k + 2, lit(c), c))
    out += ["",
            "    /// For subinterval `i = 0..<%d` (the bits %d..<52 of `bits(x) - offset`), `[3i]` `invc_i`" % (N, SHIFT),
            "    /// (at most 9 significant bits, about `1/z` on the subinterval), `[3i + 1]` `-ln(invc_i)`",
            "    /// rounded to a multiple of 2^-32, `[3i + 2]` the double nearest the remainder.",
            "    @usableFromInline static let values: [Double] = ["]
    for i, (invc, h, l, lo, hi, r_lo, r_hi) in enumerate(rows):
        out.append("        %s, %s, %s,  // %d: z in [%.8f, %.8f)" % (lit(invc), lit(h), lit(l), i, float(lo), float(hi)))
    out += ["    ]", "}", ""]
    print("make-log-table: max |r| per subinterval 2^%.3f ... 2^%.3f" % (
        min(float(mpmath.log(max(abs(r[5]), abs(r[6])), 2)) for r in rows if r[5] or r[6]),
        max(float(mpmath.log(max(abs(r[5]), abs(r[6])), 2)) for r in rows)), file=sys.stderr)
    sys.stdout.write("\n".join(out))


if __name__ == "__main__":
    main()
