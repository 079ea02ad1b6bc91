#!/usr/bin/env python3
"""Reference values for the multi-block premium and the secondary market (MODEL.md version 2,
sections 3 and 5; Tests/TicketModelTests/SecondaryMarketTests.swift), computed here with mpmath
at 30 digits, independently of the Swift code.

    "$(scripts/python-env)/bin/python" scripts/references/markets.py

- run probability with resale: n symmetric agents, private views y = exp(sigma z - sigma^2/2),
  the holder of the previous slot adds log(1 + beta) to its log bid; the right ends with that
  agent exactly when its premium-boosted view is the largest of all n (whether or not it was
  drawn): q = int phi(z) Phi(z + log(1+beta)/sigma)^(n-1) dz.
- the mean second-highest of n iid mean-one lognormal views, E[Y_(2:n)], by the order
  statistic's density n (n-1) f(y) F(y)^(n-2) (1 - F(y)).
"""
import mpmath as mp

mp.mp.dps = 30


def f(x):
    return repr(float(x))


def phi(z):
    return mp.exp(-z * z / 2) / mp.sqrt(2 * mp.pi)


def Phi(z):
    return mp.ncdf(z)


def run_probability(beta, sigma, n):
    c = mp.log(1 + mp.mpf(beta)) / sigma
    return mp.quad(lambda z: phi(z) * Phi(z + c) ** (n - 1), [-mp.inf, -3, 0, 3, mp.inf])


def second_highest_mean(sigma, n):
    sigma = mp.mpf(sigma)
    # In log space: Y = exp(sigma z - sigma^2/2), z standard normal.
    def density(z):
        return n * (n - 1) * phi(z) * Phi(z) ** (n - 2) * (1 - Phi(z))
    return mp.quad(lambda z: mp.exp(sigma * z - sigma * sigma / 2) * density(z), [-mp.inf, -3, 0, 3, mp.inf])


print("# run probability q(beta), sigma_r = 0.1, n = 10 agents")
for beta in ["0", "0.05", "0.1", "0.2", "0.4"]:
    print(beta, f(run_probability(mp.mpf(beta), mp.mpf("0.1"), 10)))
print("# q(beta), sigma_r = 0.2, n = 4 agents")
for beta in ["0.3"]:
    print(beta, f(run_probability(mp.mpf(beta), mp.mpf("0.2"), 4)))
print("# E[Y_(2:n)], sigma_r = 0.3, n = 5")
print(f(second_highest_mean("0.3", 5)))


# Quantiles of a class's two best private views (ClassTopViewsTests): the largest and the
# second-largest of n iid uniforms have CDFs u^n and u^n + n u^(n-1) (1 - u); the view of a
# uniform u is y = exp(sigma Phi^-1(u) - sigma^2/2), increasing in u, so its p-quantile is the
# view of the uniform's p-quantile (the second by bisection to 60 digits of u).
def second_largest_uniform_quantile(p, n):
    lo, hi = mp.mpf(0), mp.mpf(1)
    for _ in range(200):
        mid = (lo + hi) / 2
        if mid ** n + n * mid ** (n - 1) * (1 - mid) < p:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def view(u, sigma):
    sigma = mp.mpf(sigma)
    return mp.exp(sigma * mp.sqrt(2) * mp.erfinv(2 * u - 1) - sigma * sigma / 2)


for n in [2, 50]:
    print(f"# views of the best and second-best of n = {n}, sigma_r = 0.1, at p = 0.05, 0.25, 0.5, 0.75, 0.95")
    ps = [mp.mpf(x) for x in ["0.05", "0.25", "0.5", "0.75", "0.95"]]
    print("best", [f(view(p ** (mp.mpf(1) / n), "0.1")) for p in ps])
    print("second", [f(view(second_largest_uniform_quantile(p, n), "0.1")) for p in ps])
