#!/usr/bin/env python3
"""Quantiles of the builder auction's best factor and second-price payment per unit value, for
Tests/TicketModelTests/BuilderOrderStatisticDrawTests.swift.

B builders of equal skill 1 with noise sigma: factor y_j = exp(sigma e_j - sigma^2 / 2), e_j iid
N(0, 1). The best factor's signal has CDF Phi(x)^B; the second best (the second-price payment)
has CDF Phi^B + B Phi^(B-1) (1 - Phi). Each quantile is solved with mpmath at 30 digits.

    python3 scripts/references/builder_order_statistics.py
"""
import mpmath as mp

mp.mp.dps = 30
LEVELS = [mp.mpf(q) for q in ("0.01", "0.05", "0.25", "0.5", "0.75", "0.95", "0.99")]


def quantile(cdf, q):
    """The root of cdf(x) = q on [-10, 10] by bisection (cdf increasing), to 30 digits."""
    low, high = mp.mpf(-10), mp.mpf(10)
    for _ in range(200):
        mid = (low + high) / 2
        if cdf(mid) < q:
            low = mid
        else:
            high = mid
    return (low + high) / 2


for builders in (2, 5):
    sigma = mp.mpf("0.1")
    phi = lambda x: mp.ncdf(x)
    best = lambda x: phi(x) ** builders
    second = lambda x: phi(x) ** builders + builders * phi(x) ** (builders - 1) * (1 - phi(x))
    for name, cdf in (("best", best), ("payment", second)):
        xs = [mp.e ** (sigma * quantile(cdf, q) - sigma ** 2 / 2) for q in LEVELS]
        print(f"B = {builders}, {name}: [" + ", ".join(mp.nstr(x, 17) for x in xs) + "]")
