#!/usr/bin/env python3
"""Reference values for the model-v2 theory units (Sources/TicketModel/Theory/).

Every literal in Tests/TicketModelTests/Theory*Tests.swift comes from this script, computed
here independently of the Swift code: densities integrated with mpmath at 30 digits (not the
Swift closed forms), order-statistic densities (not the survival recursion), the equilibrium bid
by nested quadrature, and finite sums term by term (not the geometric closed forms).

    "$(scripts/python-env)/bin/python" scripts/references/model_v2.py

Runs in about a minute; prints one section per test file.
"""
import mpmath as mp
from scipy.optimize import brentq

mp.mp.dps = 30


def f(x):
    return repr(float(x))


# --- Gauss-Legendre 20-point nodes (PanelQuadrature.swift) -------------------------------------
def gauss_legendre(n):
    xs, ws = [], []
    for i in range(1, n + 1):
        x = mp.cos(mp.pi * (i - mp.mpf(1) / 4) / (n + mp.mpf(1) / 2))
        for _ in range(100):
            p = mp.legendre(n, x)
            dp = n * (x * p - mp.legendre(n - 1, x)) / (x * x - 1)
            dx = p / dp
            x -= dx
            if abs(dx) < mp.mpf(10) ** -28:
                break
        dp = n * (x * mp.legendre(n, x) - mp.legendre(n - 1, x)) / (x * x - 1)
        xs.append(x)
        ws.append(2 / ((1 - x * x) * dp * dp))
    return xs, ws


print("# PanelQuadrature: 20-point Gauss-Legendre, positive nodes and weights")
xs, ws = gauss_legendre(20)
print([f(x) for x in xs[:10]])
print([f(w) for w in ws[:10]])


# --- Lognormal-Pareto with a truncated tail (LognormalPareto.swift) ----------------------------
class LNP:
    def __init__(self, mu, sigma, q, alpha, M):
        self.mu, self.sigma, self.q, self.alpha, self.M = map(mp.mpf, (mu, sigma, q, alpha, M))
        self.zq = mp.sqrt(2) * mp.erfinv(2 * self.q - 1)
        self.xq = mp.exp(self.mu + self.sigma * self.zq)
        self.r = 0 if self.M == mp.inf else (self.xq / self.M) ** self.alpha

    def body_density(self, x):
        return mp.npdf(mp.log(x), self.mu, self.sigma) / x

    def tail_density(self, x):  # the tail's density, mass 1 - q in total
        a = self.alpha
        return (1 - self.q) * a * self.xq ** a * x ** (-a - 1) / (1 - self.r)

    def moment(self, k):
        body = mp.quad(lambda x: x ** k * self.body_density(x), [0, self.xq * mp.mpf("0.01"), self.xq])
        upper = self.M
        pts = [self.xq, self.xq * 10, self.xq * 100] + ([upper] if upper != mp.inf else [mp.inf])
        tail = mp.quad(lambda x: x ** k * self.tail_density(x), pts)
        return body + tail

    def quantile(self, u):
        u = mp.mpf(u)
        if u <= self.q:
            return mp.exp(self.mu + self.sigma * mp.sqrt(2) * mp.erfinv(2 * u - 1))
        v = (u - self.q) / (1 - self.q)
        return self.xq * (1 - v * (1 - self.r)) ** (-1 / self.alpha)

    def cdf(self, x):
        x = mp.mpf(x)
        if x <= self.xq:
            return mp.ncdf((mp.log(x) - self.mu) / self.sigma)
        return self.q + (1 - self.q) * (1 - (self.xq / x) ** self.alpha) / (1 - self.r)


print("\n# ValueLawTests: calibration fit")
mean_target = 0.1246


def mean_of_alpha(alpha):
    return float(LNP(-2.975, 0.85, 0.95, alpha, 692).moment(1)) - mean_target


alpha = brentq(mean_of_alpha, 0.5, 3.0, xtol=1e-15, rtol=8.9e-16, maxiter=200)
print("fitted alpha (brentq on the mpmath-quadrature mean):", f(alpha))
d = LNP(-2.975, 0.85, 0.95, alpha, 692)
print("default mean, second moment:", f(d.moment(1)), f(d.moment(2)))
print("default sd:", f(mp.sqrt(d.moment(2) - d.moment(1) ** 2)))
print("default quantiles 0.25, 0.5, 0.75, 0.99, 0.9999, 1:",
      [f(d.quantile(u)) for u in ("0.25", "0.5", "0.75", "0.99", "0.9999", "1")])
print("default cdf at 0.5, 10, 100:", [f(d.cdf(x)) for x in (0.5, 10, 100)])

for (mu, sigma, q, a, M) in [(-2.975, 0.85, 0.95, 2.5, mp.inf), (-1.0, 0.5, 0.9, 2.0, 50.0),
                             (-1.0, 0.5, 0.9, 1.0, 50.0), (0.0, 1.0, 0.8, 0.7, 1000.0)]:
    law = LNP(mu, sigma, q, a, M)
    print(f"LNP(mu={mu}, sigma={sigma}, q={q}, alpha={a}, M={M}): E[V], E[V^2] =",
          f(law.moment(1)), f(law.moment(2)), " x_q =", f(law.xq))

print("lognormal(mu=-1, sigma=0.5) E[V], E[V^2]:",
      f(mp.quad(lambda x: x * mp.npdf(mp.log(x), -1, 0.5) / x, [0, 1, mp.inf])),
      f(mp.quad(lambda x: x * x * mp.npdf(mp.log(x), -1, 0.5) / x, [0, 1, mp.inf])))
sample = [0.01, 0.2, 0.03, 5.0, 0.07]
print("empirical", sample, "moments:", f(mp.fsum(mp.mpf(x) for x in sample) / 5),
      f(mp.fsum(mp.mpf(x) ** 2 for x in sample) / 5))


# --- Builder factors and payments (PaymentFactor.swift, EquilibriumBidTable.swift) --------------
def lognormal_factor(q, s):
    q, s = mp.mpf(q), mp.mpf(s)
    m = mp.log(q) - s * s / 2
    cdf = lambda y: mp.ncdf((mp.log(y) - m) / s) if y > 0 else mp.mpf(0)
    pdf = lambda y: mp.npdf(mp.log(y), m, s) / y if y > 0 else mp.mpf(0)
    # breakpoints in y at the body: mean +- 16 sd in log space
    pts = [mp.mpf(0)] + [mp.exp(m + k * s) for k in range(-16, 17, 2)] + [mp.inf]
    return cdf, pdf, pts


def density_second_highest(cdfs, pdfs, y):
    """f_(2)(y) = sum_j f_j(y) sum_(i != j) (1 - F_i(y)) prod_(l != i, j) F_l(y)."""
    n = len(cdfs)
    F = [c(y) for c in cdfs]
    total = mp.mpf(0)
    for j in range(n):
        for i in range(n):
            if i == j:
                continue
            prod = pdfs[j](y) * (1 - F[i])
            for l in range(n):
                if l != i and l != j:
                    prod *= F[l]
            total += prod
    return total


def density_highest(cdfs, pdfs, y):
    n = len(cdfs)
    F = [c(y) for c in cdfs]
    total = mp.mpf(0)
    for j in range(n):
        prod = pdfs[j](y)
        for l in range(n):
            if l != j:
                prod *= F[l]
        total += prod
    return total


def expect(density, h, pts):
    return mp.quad(lambda y: h(y) * density(y), pts)


def payment_refs(label, skills, s, e_values, shade):
    laws = [lognormal_factor(q, s) for q in skills]
    cdfs, pdfs = [l[0] for l in laws], [l[1] for l in laws]
    pts = sorted(set(p for l in laws for p in l[2]))
    d2 = lambda y: density_second_highest(cdfs, pdfs, y)
    d1 = lambda y: density_highest(cdfs, pdfs, y)
    print(f"{label}: E[Y1] =", f(expect(d1, lambda y: y, pts)))
    for e in e_values:
        e = mp.mpf(e)
        cut = sorted(set(pts + [e]))
        sp1 = expect(d2, lambda y: max(e, y), cut)
        sp2 = expect(d2, lambda y: max(e, y) ** 2, cut)
        k = 1 - mp.mpf(shade)
        cut1 = sorted(set(pts + [e / k]))
        fp1 = expect(d1, lambda y: max(e, k * y), cut1)
        fp2 = expect(d1, lambda y: max(e, k * y) ** 2, cut1)
        print(f"  e = {float(e)}: second price E[max], E[max^2] = {f(sp1)}, {f(sp2)};"
              f" first price shade {shade}: {f(fp1)}, {f(fp2)}")


print("\n# PaymentFactorTests")
payment_refs("5 builders, noise 0.1, equal skills", [1] * 5, 0.1, [0, 1.0], 0.05)
payment_refs("4 builders, noise 0.2, equal skills", [1] * 4, 0.2, [0], 0.05)
payment_refs("3 builders, noise 0.3, skills 1, 0.9, 1.1", [1, 0.9, 1.1], 0.3, [0, 1.0], 0.1)

# Equilibrium bid b(y) = y - int_0^y F^(B-1) / F(y)^(B-1): b at a few points by mpmath, and
# E[max(e, b(Y1))] by scipy's adaptive quadrature (double precision, epsrel 1e-13) over the
# highest factor's density, with b inside by scipy quadrature in log space (nested, no table).
print("\n# EquilibriumBidTests")
from scipy import integrate, stats as sst
import math

for B, s in [(5, 0.1), (4, 0.2)]:
    cdf, pdf, pts = lognormal_factor(1, s)

    def bid(y):
        inner = mp.quad(lambda t: cdf(t) ** (B - 1), [0] + [p for p in pts[1:-1] if p < y] + [y])
        return y - inner / cdf(y) ** (B - 1)

    print(f"B = {B}, noise {s}: b(y) at y = 0.9, 1.0, 1.2:", [f(bid(mp.mpf(y))) for y in ("0.9", "1.0", "1.2")])

    m = -s * s / 2
    F = lambda u: sst.norm.cdf((u - m) / s)

    def bid_u(u):  # b(e^u), inner integral in log space from m - 14 s
        inner, _ = integrate.quad(lambda t: F(t) ** (B - 1) * math.exp(t), m - 14 * s, u, epsabs=0, epsrel=1e-13, limit=200)
        return math.exp(u) - inner / F(u) ** (B - 1)

    dens = lambda u: B * F(u) ** (B - 1) * sst.norm.pdf((u - m) / s) / s
    for e in (0.0, 0.95):
        lo, hi = m - 10 * s, m + 12 * s
        # the kink of max(e, b) where b(e^u) = e
        kinks = []
        if e > 0:
            from scipy.optimize import brentq as _bq
            kinks = [_bq(lambda u: bid_u(u) - e, lo, hi, xtol=1e-14)]
        edges = [lo] + kinks + [hi]
        val = sum(integrate.quad(lambda u: max(e, bid_u(u)) * dens(u), a, b, epsabs=0, epsrel=1e-13, limit=200)[0]
                  for a, b in zip(edges[:-1], edges[1:]))
        if e > 0:
            val += e * F(lo) ** B
        print(f"  E[max({e}, b(Y1))] = {f(val)}")
for B in (2, 5):
    print(f"uniform(0,1), B = {B}: E[Y2] = {f(mp.mpf(B - 1) / (B + 1))},"
          f" E[Y2^2] = {f(mp.mpf(B - 1) * B / ((B + 1) * (B + 2)))},"
          f" E[Y1] = {f(mp.mpf(B) / (B + 1))}")


# --- Beliefs (ClosedFormBeliefs.swift) ----------------------------------------------------------
print("\n# ClosedFormBeliefsTests: default law, 5 builders noise 0.1 second price")
laws = [lognormal_factor(1, 0.1) for _ in range(5)]
cdfs, pdfs = [l[0] for l in laws], [l[1] for l in laws]
pts = laws[0][2]
d2 = lambda y: density_second_highest(cdfs, pdfs, y)
for e, m in [(0.0, 0.0), (0.0, 0.01), (1.2, 0.05)]:
    e = mp.mpf(e)
    cut = sorted(set(pts + [e]))
    s1 = expect(d2, lambda y: max(e, y), cut)
    s2 = expect(d2, lambda y: max(e, y) ** 2, cut)
    pi = (1 - mp.mpf(m)) * d.moment(1) * s1
    r2 = (1 - mp.mpf(m)) * d.moment(2) * s2
    print(f"e = {float(e)}, m = {m}: pi = {f(pi)}, Var R = {f(r2 - pi ** 2)}")


# --- Ticket valuation with expiry (ExpiryValuation.swift) ---------------------------------------
print("\n# ExpiryValuationTests: sums term by term")


def pv_moments(H, d, mu, r2, E, c, lam=1):
    H, d, mu, r2, c, lam = map(mp.mpf, (H, d, mu, r2, c, lam))
    p = 1 / H
    delta = 1 / (1 + d)
    m1 = mp.fsum(p * (1 - p) ** (w - 1) * lam * mu * delta ** w for w in range(1, E + 1))
    m2 = mp.fsum(p * (1 - p) ** (w - 1) * lam ** 2 * r2 * delta ** (2 * w) for w in range(1, E + 1))
    surv = (1 - p) ** E
    m1 += surv * c * delta ** E
    m2 += surv * c * c * delta ** (2 * E)
    return m1, m2 - m1 * m1


for args in [(10, 0.01, 0.5, 1 / mp.mpf(3), 15, 0.3, 1), (10, 0.01, 0.5, 1 / mp.mpf(3), 15, 0.3, 0.97),
             (64, 1.8552804252045474e-08, 0.1246, 4.4, 100, 0.05, 1), (1, 0.01, 0.5, 1 / mp.mpf(3), 3, 0.3, 1)]:
    m, v = pv_moments(*args)
    print(f"H={args[0]}, d={args[1]}, mu={args[2]}, E[R^2]={float(args[3])}, E={args[4]}, c={args[5]},"
          f" lambda={args[6]}: E[PV] = {f(m)}, Var[PV] = {f(v)}")
print("expiry probability (1 - 1/10)^15 =", f((1 - mp.mpf(1) / 10) ** 15))


# --- Expected surplus per slot (SlotSurplus.swift) ---------------------------------------------
# sigma(e) = e P(S < e) + E[Y1 1{S >= e}], from the joint law of the top two factors (iid), by
# scipy quadrature (epsrel 1e-13); the lognormal partial expectation E[y; y > a] in closed form.
print("\n# SlotSurplusTests: 5 iid builders, noise 0.1")
B, s = 5, 0.1
m = -s * s / 2
F = lambda y: sst.norm.cdf((math.log(y) - m) / s)
pdf = lambda y: sst.norm.pdf((math.log(y) - m) / s) / (s * y)
partial = lambda a: sst.norm.cdf((m + s * s - math.log(a)) / s) * math.exp(m + s * s / 2)  # E[y; y > a]
top = math.exp(m + 14 * s)
for e in (0.9, 1.0, 1.05):
    p_below = F(e) ** B + B * F(e) ** (B - 1) * (1 - F(e))
    joint, _ = integrate.quad(lambda y2: B * (B - 1) * F(y2) ** (B - 2) * pdf(y2) * partial(y2), e, top,
                              epsabs=0, epsrel=1e-13, limit=200)
    sp = e * p_below + joint
    c = e / 0.95
    tail, _ = integrate.quad(lambda y: y * B * F(y) ** (B - 1) * pdf(y), c, top, epsabs=0, epsrel=1e-13, limit=200)
    fp = e * F(c) ** B + tail
    print(f"e = {e}: second price sigma = {f(sp)}, first price shade 0.05 sigma = {f(fp)}")


def bid5(u):  # the equilibrium bid b(e^u) of 5 builders of noise 0.1, as in the section above
    Fu = lambda t: sst.norm.cdf((t - m) / s)
    inner, _ = integrate.quad(lambda t: Fu(t) ** (B - 1) * math.exp(t), m - 14 * s, u, epsabs=0, epsrel=1e-13, limit=200)
    return math.exp(u) - inner / Fu(u) ** (B - 1)


for e in (0.9, 1.0, 1.05):
    c = math.exp(brentq(lambda u: bid5(u) - e, m - 8 * s, m + 12 * s, xtol=1e-15))
    tail, _ = integrate.quad(lambda y: y * B * F(y) ** (B - 1) * pdf(y), c, top, epsabs=0, epsrel=1e-13, limit=200)
    print(f"e = {e}: equilibrium first price sigma = {f(e * F(c) ** B + tail)}")
