#!/usr/bin/env python3
"""Writes sweeps/data/mev-synthetic.csv: a synthetic sample of per-slot MEV payments for the
`empirical` value distribution. Not scraped data: 20,000 draws (seed 20261125) from the
lognormal-pareto calibration of MODEL.md section 3 (lognormal body mu -2.975, sigma 0.85 up to
its 0.95 quantile, Pareto tail alpha 1.4 above it), rounded to 1e-9 ETH, with a slot number
column. Regenerate with: python3 scripts/make-empirical-sample.py
"""
import csv
import math
import pathlib
import random
from statistics import NormalDist

MU, SIGMA, Q, ALPHA, N, SEED = -2.975, 0.85, 0.95, 1.4, 20_000, 20261125


def quantile(u: float) -> float:
    normal = NormalDist()
    if u <= Q:
        return math.exp(MU + SIGMA * normal.inv_cdf(u))
    x_q = math.exp(MU + SIGMA * normal.inv_cdf(Q))
    return x_q * ((1 - Q) / (1 - u)) ** (1 / ALPHA)


def main() -> None:
    rng = random.Random(SEED)
    out = pathlib.Path(__file__).resolve().parent.parent / "sweeps" / "data" / "mev-synthetic.csv"
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["slot", "payment_eth"])
        for slot in range(N):
            u = rng.random()
            while u == 0.0:
                u = rng.random()
            w.writerow([slot, f"{quantile(u):.9f}"])
    print(f"wrote {out} ({N} rows)")


if __name__ == "__main__":
    main()
