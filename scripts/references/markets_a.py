#!/usr/bin/env python3
"""Reference values for the market features of issue 15 (part A): expiry and refunds, the
auction's reserve, the proportional contest's tickets, patient buyers.

Every literal in Tests/TicketModelTests/TicketExpiryTests.swift, AuctionReserveTests.swift,
ProportionalTicketTests.swift and PatientBuyerTests.swift comes from this script: finite sums
term by term in mpmath at 30 digits (not the geometric closed forms of ExpiryValuation.swift),
and the contest's equilibrium from its first-order condition.

    "$(scripts/python-env)/bin/python" scripts/references/markets_a.py
"""
import mpmath as mp

mp.mp.dps = 30


def f(x):
    return repr(float(x))


print("# TicketExpiryTests")
# The fraction of tickets expiring with the pool held at n tickets: a ticket survives each draw
# with probability 1 - 1/n, independently of the rest, E draws in all.
for n, E in [(10, 10), (4, 3), (6, 12)]:
    print(f"n={n}, E={E}: (1 - 1/n)^E = {f((1 - mp.mpf(1) / n) ** E)}")


def pv_moments(H, d, mu, r2, E, c):
    """E[PV] and Var[PV] of PV = R delta^W 1{W <= E} + c delta^E 1{W > E}, term by term."""
    H, d, mu, r2, c = map(mp.mpf, (H, d, mu, r2, c))
    p = 1 / H
    delta = 1 / (1 + d)
    m1 = mp.fsum(p * (1 - p) ** (w - 1) * mu * delta ** w for w in range(1, E + 1))
    m2 = mp.fsum(p * (1 - p) ** (w - 1) * r2 * delta ** (2 * w) for w in range(1, E + 1))
    surv = (1 - p) ** E
    m1 += surv * c * delta ** E
    m2 += surv * c * c * delta ** (2 * E)
    return m1, m2 - m1 * m1


# Check 1 with expiry through the simulator: pool held at 10, d = 0.01 a slot, V ~ U(0, 1) sold
# for exactly V (mu = 1/2, E[R^2] = 1/3), E = 10, refund 0.5 of the price 0.1 (c = 0.05).
m, v = pv_moments(10, 0.01, 0.5, mp.mpf(1) / 3, 10, 0.05)
print(f"pool 10, d 0.01, U(0,1), E 10, c 0.05: E[PV] = {f(m)}, Var[PV] = {f(v)}")
# The valuation of one more ticket at that point (risk-neutral, lookahead 0): E[PV] itself.
print(f"  w(10, 0.1) = E[PV] = {f(m)} (above the price 0.1)")

print("\n# AuctionReserveTests")
# Risk-neutral, d = 0, constant V = 1 sold for exactly V: class 'high' builds for 2 V
# (pi = 2), class 'low' sells (pi = 1). Without expiry w = pi at every pool size.
for reserve in [0.5, 1.5, 2.5]:
    price = max(1, reserve) if reserve <= 2 else None
    print(f"supply 1, bids (2, 1), reserve {reserve}: price {price}")
# With expiry E and refund rho, d = 0 and a pool of H after the auction: A1 = 1 - (1 - 1/H)^E,
# s = (1 - 1/H)^E; the break-even bid b solves b = pi A1 + rho b s.
for H, E, rho in [(2, 3, 0.5)]:
    s = (1 - mp.mpf(1) / H) ** E
    A1 = mp.fsum((1 / mp.mpf(H)) * (1 - 1 / mp.mpf(H)) ** (w - 1) for w in range(1, E + 1))
    for pi in [2, 1]:
        print(f"H={H}, E={E}, rho={rho}, pi={pi}: break-even bid = {f(pi * A1 / (1 - rho * s))}")

print("\n# ProportionalTicketTests")
# n symmetric risk-neutral agents of value v: the symmetric equilibrium of the Tullock contest,
# from the first-order condition d/db [v b / (b + (n-1) x) - b] = 0 at b = x:
# v (n-1) x / (n x)^2 = 1, so x = v (n-1) / n^2. Per contest, n tickets: one pays v - x, n - 1
# pay -x; mean ticket return (v - n x) / n.
for n, v in [(4, mp.mpf(1) / 2), (3, 1), (4, 1)]:
    x = mp.findroot(lambda b: v * (n - 1) * b - (n * b) ** 2, v / n)  # the root b > 0
    print(f"n={n}, v={float(v)}: spend {f(x)}, mean ticket return {f((v - n * x) / n)} (v/n^2 = {f(v / n ** 2)})")

print("\n# PatientBuyerTests")
# One risk-neutral agent, constant V = 1 sold for exactly V (pi = 1, Var R = 0), lookahead 0,
# d = 0.01 a slot, a fixed price of 0.5, up to 4 tickets a slot: w(H) = 1 / (1 + H d). The
# market is deterministic; run the decision rule of PatientBuyers.swift in exact rationals
# (buy iff w(H+1) >= p and w(H+1) - p >= max_j delta^j (w(max(H-j, 0) + 1) - p)), slot by
# slot (draw one ticket, then sales), and report the pool after the sales in the last slot.
from fractions import Fraction as Fr


def steady_pool(horizon, slots=600):
    d, p, delta = Fr(1, 100), Fr(1, 2), 1 / (1 + Fr(1, 100))
    w = lambda h: 1 / (1 + h * d)
    pool, seen = 0, []
    for t in range(slots):
        if pool > 0:
            pool -= 1
        for _ in range(4):
            now = w(pool + 1)
            if now < p:
                break
            wait = max((delta ** j * (w(max(pool - j, 0) + 1) - p) for j in range(1, horizon + 1)), default=None)
            if wait is not None and now - p < wait:
                break
            pool += 1
        seen.append(pool)
    return seen[-1], seen[-50:]


for h in [0, 1, 8]:
    last, tail = steady_pool(h)
    print(f"horizon {h}: pool after sales {last} (constant over the last 50 slots: {len(set(tail)) == 1})")

print("\n# TicketExpiryTests: the valuation with a refund sets the pool")
# 50 agents capped at one ticket, V ~ U(0, 1) sold for exactly V (mu = 1/2, E[R^2] = 1/3),
# lookahead 0, d = 0.01 a slot, E = 10, a fixed price p: the pool settles at the largest H with
# w(H, p) >= p, w(H, p) = E[PV] - a/2 Var[PV] at refund c = rho p (the series above).


def settled_pool(p, rho, a, agents=50):
    """The pool grows from 0 while w(pool + 1, p) >= p (one ticket per agent, up to 4 a slot)."""
    willing = [pv_moments(H, 0.01, 0.5, mp.mpf(1) / 3, 10, rho * mp.mpf(p)) for H in range(1, agents + 1)]
    willing = [m - mp.mpf(a) / 2 * v >= p for m, v in willing]
    first_no = willing.index(False) if False in willing else agents
    assert not any(willing[first_no:]), "w(H, p) - p changes sign once"
    return first_no


for p, rho, a in [(0.3, 0, 0), (0.3, 0.5, 0), (0.3, 1, 0), (0.25, 0, 0.5), (0.25, 0.5, 0.5)]:
    print(f"price {p}, refund {rho}, risk aversion {a}: pool {settled_pool(p, rho, a)}")
