#!/usr/bin/env python3
"""Reference values for check 10 of MODEL.md section 9 (monotonicity, Burian, Crapis & Saleh),
used by Tests/TicketModelTests/ModelV2MonotonicityTests.swift.

    "$(scripts/python-env)/bin/python" scripts/references/monotonicity.py

The market of the test: V lognormal(mu 0, sigma 0.5), four builders of noise 0 (every builder
values the slot at V, so the payment and the surplus are V), a second-price ticket auction of
one ticket a slot to ten identical agents, lookahead 0. In steady state the pool is empty after
the draw, so each bid is the valuation at H = 1 (MODEL.md section 4) and, with d = 0,
Var[PV](1) = Var R. The moments of V are integrated numerically here (mpmath), not taken from the
lognormal closed form the Swift code uses.

- risk aversion a, no discount: price = E[V] - a/2 Var V, capture = price / E[V];
- per-slot discount d, risk neutral: price = E[V] / (1 + d), capture = 1 / (1 + d);
- a Tullock contest of two agents of values v1 = e E[V] (extraction e >= 1 builds itself) and
  v2 = E[V]: P(agent 1 wins) = v1 / (v1 + v2) = e / (1 + e).
"""
import mpmath as mp

mp.mp.dps = 30
mu, sigma = mp.mpf(0), mp.mpf("0.5")


def density(x):
    return mp.exp(-((mp.log(x) - mu) ** 2) / (2 * sigma**2)) / (x * sigma * mp.sqrt(2 * mp.pi))


m1 = mp.quad(lambda x: x * density(x), [0, 1, 3, 10, mp.inf])
m2 = mp.quad(lambda x: x * x * density(x), [0, 1, 3, 10, mp.inf])
var = m2 - m1**2
print("E[V]", repr(float(m1)), " Var V", repr(float(var)))
for a in ["0", "0.25", "0.5", "1"]:
    a = mp.mpf(a)
    print("risk aversion", float(a), "capture", repr(float((m1 - a / 2 * var) / m1)))
for d in ["0", "0.05", "0.15", "0.3"]:
    d = mp.mpf(d)
    print("discount", float(d), "capture", repr(float(1 / (1 + d))))
for e in [1, 2, 3, 5, 8, 20]:
    print("extraction", e, "share", repr(float(mp.mpf(e) / (1 + e))))
