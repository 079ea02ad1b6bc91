#!/usr/bin/env python3
"""Reference values and coefficients for SweepMath, computed with mpmath at 256 bits.

    "$(scripts/python-env)/bin/python" scripts/make-elementary-reference.py

writes two committed files:

- Tests/SweepMathTests/Fixtures/elementary-reference.txt: one case a line,
  `function x [y] hi lo`, every number as the 16 hex digits of a double's bit pattern. `hi` is
  the correctly rounded (nearest, ties to even) value of the function, `lo` the correctly rounded
  remainder `f - hi`, so a test can measure errors in fractions of an ulp. Inputs cover each
  function's domain (random over the whole range with a fixed seed, dense near the points where
  the function is hard: 0, 1, the overflow and underflow thresholds, subnormals).
- Sources/SweepMath/ExponentialTable.swift: `2^(j/64)`, `j = 0..63`, each as the nearest double
  and the nearest double to the remainder (the table of the exponential kernel).
- Sources/SweepMath/NormalTailCoefficients.swift: the coefficients that StandardNormalCDF uses
  (the Taylor coefficients of Phi(z) - 1/2 around 0, and Chebyshev expansions of the scaled tail
  Q(z) = (1 - Phi(z)) exp(z^2/2) over [2^e, 2^(e+1)), e = -1..5), each rounded to nearest.

The rounding to double is exact rational arithmetic (Python's int/int division rounds
correctly), not mpmath's own float conversion.
"""
import random
import struct
import sys
from fractions import Fraction
from pathlib import Path

import mpmath
from mpmath import mp, mpf

mp.prec = 256
ROOT = Path(__file__).resolve().parent.parent


def exact(v):
    """The mpf `v` as an exact Fraction."""
    sign, man, exp, _ = v._mpf_
    return (-1) ** sign * Fraction(man) * (Fraction(2) ** exp)


def nearest(q):
    """The double nearest the Fraction `q` (ties to even), inf on overflow."""
    try:
        return q.numerator / q.denominator
    except OverflowError:
        return float("inf") if q > 0 else float("-inf")


def hx(d):
    return struct.pack(">d", d).hex()


def split(v):
    """(hi, lo): hi = v rounded to nearest, lo = (v - hi) rounded to nearest."""
    if mpmath.isinf(v):
        return (float(v), 0.0)
    q = exact(v)
    hi = nearest(q)
    if hi in (float("inf"), float("-inf")):
        return (hi, 0.0)
    return (hi, nearest(q - Fraction(hi)))


def ncdf(z):
    return mpmath.erfc(-mpf(z) / mpmath.sqrt(2)) / 2


FUNCTIONS = {
    "exp": lambda x: mpmath.exp(mpf(x)),
    "expm1": lambda x: mpmath.expm1(mpf(x)),
    "log": lambda x: mpmath.log(mpf(x)),
    "log1p": lambda x: mpmath.log1p(mpf(x)),
    "log10": lambda x: mpmath.log10(mpf(x)),
    "normalCDF": ncdf,
}


def log_uniform(rng, lo, hi):
    """A double with log2 uniform in [lo, hi] (random mantissa bits)."""
    e = rng.uniform(lo, hi)
    return float(mpmath.power(2, e))


def log_table_points(seed=20261203):
    """Inputs at the weak spots of the table-driven log (scripts/make-log-table.py): both sides of
    every subinterval boundary of [OFF, 2 OFF) (OFF = 0x1.69p-1), scaled by 2^0 and by a random
    power of two, the subinterval around 1 densely, and subnormals. Own generator, so that the
    other functions' cases stay as they were."""
    rng = random.Random(seed)
    off = struct.unpack("<Q", struct.pack("<d", float.fromhex("0x1.69p-1")))[0]
    xs = []
    for j in range(129):
        b = off + (j << 45)
        for delta in (-1, 0, 1):
            z = struct.unpack("<d", struct.pack("<Q", b + delta))[0]
            xs += [z, z * 2.0 ** rng.randint(-1020, 1022)]
    xs += [1 + rng.uniform(-2.0 ** -9, 2.0 ** -8) for _ in range(100)]
    xs += [1 + rng.choice((-1, 1)) * log_uniform(rng, -52, -9) for _ in range(50)]
    xs += [log_uniform(rng, -1074, -1022) for _ in range(60)]
    return xs


def inputs(rng, name, n):
    xs = []
    if name == "exp":
        xs += [rng.uniform(-745.13, 709.78) for _ in range(n)]
        xs += [rng.choice((-1, 1)) * log_uniform(rng, -60, 0) for _ in range(n // 4)]
        xs += [rng.uniform(-0.35, 0.35) for _ in range(n // 4)]
        xs += [rng.uniform(709.0, 709.782712893384) for _ in range(40)]
        xs += [rng.uniform(-745.13, -708.0) for _ in range(100)]   # subnormal results
        xs += [709.782712893384, -708.3964185322641, -745.1332191019411, 1.0, -1.0, 0.5, 2.0, 10.0]
    elif name == "expm1":
        xs += [rng.uniform(-40, 709.78) for _ in range(n // 2)]
        xs += [rng.uniform(-3, 3) for _ in range(n // 2)]
        xs += [rng.choice((-1, 1)) * log_uniform(rng, -60, 0) for _ in range(n // 4)]
        xs += [rng.uniform(0.3, 1.1) for _ in range(n // 4)]      # k = 1, the hardest region
        xs += [rng.uniform(-1.1, -0.3) for _ in range(n // 8)]
        xs += [rng.uniform(35, 42) for _ in range(40)] + [rng.uniform(-40, -35) for _ in range(40)]
        xs += [5e-324, -5e-324, 1e-310, 709.782712893384, -36.7, 1.0, -1.0]
    elif name in ("log", "log10"):
        xs += [log_uniform(rng, -1074, 1024) for _ in range(n // 2)]
        xs += [log_uniform(rng, -30, 30) for _ in range(n // 4)]
        xs += [1 + rng.choice((-1, 1)) * log_uniform(rng, -52, -1) for _ in range(n // 2)]
        xs += [rng.uniform(0.7, 1.42) for _ in range(n // 4)]
        xs += [5e-324, 1e-310, 2.2250738585072014e-308, 1.7976931348623157e308,
               0.9999999999999999, 1.0000000000000002, 0.7071067811865476, 1.414213562373095, 2.0, 10.0]
        if name == "log10":
            xs += [10.0 ** k for k in range(-20, 23)]
        else:
            xs += log_table_points()
    elif name == "log1p":
        xs += [rng.choice((-1, 1)) * log_uniform(rng, -80, -1) for _ in range(n // 2)]
        xs += [-1 + log_uniform(rng, -53, -1) for _ in range(n // 4)]
        xs += [log_uniform(rng, -1, 1023) for _ in range(n // 4)]
        xs += [rng.uniform(-0.3, 0.42) for _ in range(n // 4)]
        xs += [rng.uniform(0.4, 3) for _ in range(n // 4)]
        xs += [5e-324, -5e-324, -0.9999999999999999, 0.41421356237309503, -0.2928932188134524,
               1e300, 1.7976931348623157e308, 1.0, 1.0 / 2629800.0, 0.05]
    elif name == "normalCDF":
        xs += [rng.uniform(-37.5, 9) for _ in range(n)]
        xs += [rng.uniform(-6, 6) for _ in range(n)]
        xs += [rng.uniform(-0.6, 0.6) for _ in range(n // 4)]
        xs += [rng.choice((-1, 1)) * log_uniform(rng, -60, -1) for _ in range(n // 4)]
        xs += [-(2.0 ** e) for e in range(-1, 6)] + [2.0 ** e for e in range(-1, 4)]
        xs += [-37.5, -30.0, -20.0, -10.0, -8.2, 8.2, 0.5, -0.5, 1e-300]
    return xs


def pow_inputs(rng, n):
    cases = []
    for _ in range(n):
        x = log_uniform(rng, -40, 40)
        lx = abs(mpmath.log(x))
        bound = min(60.0, float(700 / lx)) if lx > 0 else 60.0
        cases.append((x, rng.uniform(-bound, bound)))
    for _ in range(n // 2):    # wide range, results near overflow and underflow
        x = log_uniform(rng, -1074, 1024)
        lx = float(abs(mpmath.log(x)))
        cases.append((x, rng.choice((-1, 1)) * rng.uniform(0, 745 / lx)))
    for _ in range(n // 4):    # (1 + d)^-L, the valuation's discount factors
        d = log_uniform(rng, -40, -3)
        cases.append((1 + d, -float(rng.randint(1, 10 ** 6))))
    for _ in range(n // 4):    # ((1 - q)/(1 - u))^(1/alpha), the Pareto tail
        cases.append((log_uniform(rng, 0, 53), 1 / rng.uniform(0.5, 5)))
    for _ in range(n // 4):    # 10^t, the symmetric-log edges
        cases.append((10.0, rng.uniform(-20, 20)))
    for _ in range(n // 8):    # integer powers of negative bases
        x = -log_uniform(rng, -10, 10)
        cases.append((x, float(rng.randint(-60, 60))))
    cases += [(2.0, 0.5), (2.0, -1074.0), (2.0, 1023.0), (10.0, 22.0), (10.0, -5.0),
              (1.0000000000000002, 1e15), (0.9999999999999999, -1e15), (3.0, 3.0)]
    return cases


def write_fixture(path, n=600, seed=20261202):
    rng = random.Random(seed)
    lines = []
    for name, f in FUNCTIONS.items():
        for x in inputs(rng, name, n):
            hi, lo = split(f(x))
            lines.append(f"{name} {hx(x)} {hx(hi)} {hx(lo)}")
    for x, y in pow_inputs(rng, n):
        v = mpmath.power(mpf(x), mpf(y))
        if x < 0:
            v = mpmath.re(v)
        hi, lo = split(v)
        lines.append(f"pow {hx(x)} {hx(y)} {hx(hi)} {hx(lo)}")
    path.write_text("# generated by scripts/make-elementary-reference.py (mpmath %s, 256 bits)\n"
                    % mpmath.__version__ + "\n".join(lines) + "\n")
    return len(lines)


def q_tail(z):
    z = mpf(z)
    return mpmath.erfc(z / mpmath.sqrt(2)) / 2 * mpmath.exp(z * z / 2)


def chebyshev(f, a, b, n=48):
    """Chebyshev coefficients c_0..c_{n-1} of f on [a, b] (interpolation at n Chebyshev nodes);
    f(x) = c_0/2 + sum c_j T_j(t), t = (2x - a - b)/(b - a)."""
    nodes = [mpmath.cos(mpmath.pi * (k + mpf(1) / 2) / n) for k in range(n)]
    values = [f((b - a) / 2 * t + (a + b) / 2) for t in nodes]
    return [2 * mpmath.fsum(values[k] * mpmath.cos(mpmath.pi * j * (k + mpf(1) / 2) / n)
                            for k in range(n)) / n for j in range(n)]


def swift_double(d):
    """A Swift hexadecimal float literal: exact, and constant, so that an array of them is
    statically initialised (no lazy-initialisation check on each access)."""
    return d.hex() if d != 0 else "0x0p+0"


def write_coefficients(path):
    # Taylor series of Phi(z) - 1/2 = z * S(z^2), S(w) = sum_n a_n w^n,
    # a_n = (-1)^n / (sqrt(2 pi) 2^n n! (2n + 1)); |z| <= 1/2, terms to 1e-22 relative.
    taylor = []
    for k in range(40):
        a = (-1) ** k / (mpmath.sqrt(2 * mpmath.pi) * mpf(2) ** k * mpmath.factorial(k) * (2 * k + 1))
        if k > 0 and abs(a) * mpf(0.25) ** k < mpf(2) ** -75:
            break
        taylor.append(nearest(exact(a)))
    intervals = []
    for e in range(-1, 6):
        a, b = mpf(2) ** e, mpf(2) ** (e + 1)
        c = chebyshev(q_tail, a, b)
        c[0] /= 2     # stored as the plain coefficient of T_0
        keep = len(c)
        while keep > 1 and abs(c[keep - 1]) < abs(c[0]) * mpf(2) ** -62:
            keep -= 1
        intervals.append([nearest(exact(v)) for v in c[:keep]])
    width = max(len(i) for i in intervals)
    out = ["// Generated by scripts/make-elementary-reference.py (mpmath %s, 256 bits): do not edit."
           % mpmath.__version__, "",
           "/// Coefficients of `StandardNormalCDF`, each the double nearest the exact value.",
           "@usableFromInline enum NormalTailCoefficients {",
           "    /// `a_n = (-1)^n / (sqrt(2 pi) 2^n n! (2n + 1))`: `Phi(z) - 1/2 = z sum a_n z^(2n)`.",
           "    @usableFromInline static let taylor: [Double] = ["]
    out += ["        %s,  // %r" % (swift_double(v), v) for v in taylor]
    out += ["    ]", "",
            "    /// The number of Chebyshev coefficients of every interval (shorter ones padded with 0).",
            "    @usableFromInline static let width = %d" % width, "",
            "    /// Chebyshev coefficients of `Q(z) = (1 - Phi(z)) exp(z^2/2)` on `[2^e, 2^(e+1))`,",
            "    /// `e = -1...5`, in the variable `t = z 2^(1-e) - 3`: `Q = sum c_j T_j(t)`, `width` per",
            "    /// interval, highest degree last. Truncated where `|c_j| < 2^-62 |c_0|`.",
            "    @usableFromInline static let chebyshev: [Double] = ["]
    for e, cs in zip(range(-1, 6), intervals):
        out.append("        // [2^%d, 2^%d): %d terms" % (e, e + 1, len(cs)))
        out += ["        %s," % swift_double(v) for v in cs + [0.0] * (width - len(cs))]
    out += ["    ]", "}", ""]
    path.write_text("\n".join(out))
    return [len(i) for i in intervals]


def write_exponential_table(path):
    out = ["// Generated by scripts/make-elementary-reference.py (mpmath %s, 256 bits): do not edit."
           % mpmath.__version__, "",
           "/// `2^(j/64)` for `j = 0..<64` as pairs: `[2j]` the nearest double, `[2j + 1]` the nearest",
           "/// double to the remainder (together about 106 bits).",
           "@usableFromInline enum ExponentialTable {",
           "    @usableFromInline static let values: [Double] = ["]
    for j in range(64):
        hi, lo = split(mpmath.power(2, mpf(j) / 64))
        out.append("        %s, %s,  // 2^(%d/64)" % (swift_double(hi), swift_double(lo), j))
    out += ["    ]", "}", ""]
    path.write_text("\n".join(out))


if __name__ == "__main__":
    write_exponential_table(ROOT / "Sources/SweepMath/ExponentialTable.swift")
    degrees = write_coefficients(ROOT / "Sources/SweepMath/NormalTailCoefficients.swift")
    count = write_fixture(ROOT / "Tests/SweepMathTests/Fixtures/elementary-reference.txt")
    print(f"coefficients per interval {degrees}; {count} reference cases", file=sys.stderr)
