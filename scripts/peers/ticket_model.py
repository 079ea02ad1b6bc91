"""The execution-tickets model shared by the two peer implementations (numpy_peer.py, radcad_peer.py).

What a researcher writing the model without ticketsweep would put in one module: the scenario's
parameters, the slot-value distribution, the builders' auction, the buyers' exact beliefs and
marginal valuation, the surplus accounting and the metrics (MODEL.md version 2, sections 3-8 and
10), and the command line and JSON report both peers share. The semantics follow ticketsweep's
Swift model (Sources/TicketModel, docs/model.md); random numbers come from numpy and are *not*
ticketsweep's streams, so results agree with ticketsweep's in distribution only.

Model version 2, as ticketsweep simulates it:
- the value: the lognormal body (mu -2.975, sigma 0.85) to its 0.95-quantile x_q and a Pareto tail
  of alpha 1.078058633170623 truncated at max = 692 ETH (`x = x_q (1 - v (1 - (x_q/M)^alpha))^(-1/alpha)`),
  with E[V] and E[V^2] in closed form; an untruncated tail needs alpha > 2;
- exact beliefs pi_k = (1 - m_k) E[V] E[max(e_k, S)] and Var R_k = (1 - m_k) E[V^2] E[max(e_k, S)^2]
  - pi_k^2 (the miss risk included), S the payment per unit value, by deterministic quadrature
  (Gauss-Legendre panels in log s over the order statistic's survival function): the same for
  every seed, no pre-sample;
- surplus: Y_(1) V when the holder sells to the builders, e_k V when it builds itself (e_k V > P),
  0 for an empty or missed slot; capture_ratio = protocol_revenue / surplus_total and the point's
  capture_pooled = sum revenue / sum surplus with its delta-method SE;
- shares, hhi, top_share, nakamoto and run_share over the proposed slots, agents counted.
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import sys
import time
from dataclasses import dataclass, field

import numpy as np

# The value law and the exact beliefs' quadrature (model_laws.py), re-exported for the peers.
from model_laws import (DEFAULT_ALPHA, DEFAULT_MAX, ValueDistribution, max_factor_moments,  # noqa: F401
                        normal_cdf, payment_factor_survival)

SLOTS_PER_YEAR = 2_629_800.0


def per_slot_rate(annual: float) -> float:
    """d = (1 + r)^(1/slots_per_year) - 1, without cancellation."""
    return 0.0 if annual == 0 else math.expm1(math.log1p(annual) / SLOTS_PER_YEAR)


# --------------------------------------------------------------------------------------------
# The scenario of sweeps/bench.yaml, with MODEL.md's defaults filled in.
# --------------------------------------------------------------------------------------------

def bench_params(quotient: float = 8.0) -> dict:
    """One grid point of sweeps/bench.yaml (the manifest's `base` with `pricing.quotient` set)."""
    return {
        "value": {"distribution": "lognormal-pareto", "mu": -2.975, "sigma": 0.85,
                  "tail_quantile": 0.95, "alpha": DEFAULT_ALPHA, "max": DEFAULT_MAX},
        "lookahead": 32,
        "warmup": None,  # 4 (L + H*) with a pool target
        "pricing": {"mechanism": "eip1559", "target": {"pool": 64}, "quotient": float(quotient),
                    "initial_price": 0.1, "min_price": 1e-9},
        "max_sales_per_slot": 4,
        "builders": {"count": 5, "noise": 0.1, "auction": "second-price", "shade": 0.05},
        "buyers": [
            {"name": "integrated", "count": 1, "extraction": 1.0, "discount_rate": 0.05},
            {"name": "lottery", "count": 50, "extraction": 0.0, "discount_rate": 0.03,
             "risk_aversion": -0.05},
        ],
    }


# --------------------------------------------------------------------------------------------
# The just-in-time auction to builders (MODEL.md section 6), for V = 1: both the winner's value
# and the payment scale with V.
# --------------------------------------------------------------------------------------------

def builder_outcome(normals: np.ndarray, builders: dict) -> tuple[np.ndarray, np.ndarray]:
    """(best value, payment) per row of standard-normal signals, shape (..., count)."""
    count = builders["count"]
    noise = builders["noise"]
    skills = np.asarray(builders.get("skills") or [1.0] * count)
    values = skills * np.exp(noise * normals - noise * noise / 2) if noise > 0 else np.broadcast_to(skills, normals.shape)
    if count == 1:
        best = values[..., 0]
        second = np.zeros_like(best)
    else:
        top2 = np.partition(values, count - 2, axis=-1)[..., -2:]
        second, best = top2[..., 0], top2[..., 1]
    if builders.get("auction", "second-price") == "second-price":
        return best, second
    return best, best * (1 - builders.get("shade", 0.05))


# --------------------------------------------------------------------------------------------
# The resolved scenario: plain numbers and arrays for the slot loop.
# --------------------------------------------------------------------------------------------

@dataclass
class Scenario:
    params: dict
    value: ValueDistribution = field(init=False)
    names: list = field(init=False)

    def __post_init__(self):
        p = self.params
        self.value = ValueDistribution.from_params(p.get("value", {}))
        self.lookahead = int(p.get("lookahead", 32))
        pricing = p.get("pricing", {})
        self.mechanism = pricing.get("mechanism", "eip1559")
        if self.mechanism not in ("eip1559", "fixed"):
            raise ValueError(f"the peers implement eip1559 and fixed pricing, not {self.mechanism!r}")
        target = pricing.get("target", {"pool": 64})
        self.pool_target = target.get("pool")
        self.sales_target = target.get("sales")
        self.quotient = float(pricing.get("quotient", 8))
        self.initial_price = float(pricing.get("price", pricing.get("initial_price", 0.1)))
        self.min_price = float(pricing.get("min_price", 1e-9))
        if (self.mechanism == "fixed" and self.initial_price <= 0) or (self.mechanism == "eip1559" and self.min_price <= 0):
            raise ValueError("the peers do not implement tickets at price 0 (ticket_multiple would divide by it)")
        if self.mechanism == "eip1559" and self.sales_target is not None:
            self.sales_cap = 2 * int(self.sales_target)
        else:
            self.sales_cap = int(p.get("max_sales_per_slot", 4))
        if p.get("warmup") is not None:
            self.warmup = int(p["warmup"])
        elif self.mechanism == "eip1559" and self.pool_target is not None:
            self.warmup = 4 * (self.lookahead + int(self.pool_target))
        else:
            self.warmup = self.lookahead
        self.builders = dict(p.get("builders", {}))
        self.builders.setdefault("count", 5)
        self.builders.setdefault("noise", 0.1)
        self.builders.setdefault("auction", "second-price")
        self.builders.setdefault("shade", 0.05)
        buyers = p.get("buyers", [{"name": "default", "count": 10}])
        self.names = [b["name"] for b in buyers]
        self.counts = np.array([b.get("count", 1) for b in buyers])
        self.extraction = np.array([b.get("extraction", 0.0) for b in buyers], dtype=float)
        self.discount = np.array([per_slot_rate(b.get("discount_rate", 0.05)) for b in buyers])
        self.risk_aversion = np.array([b.get("risk_aversion", 0.0) for b in buyers], dtype=float)
        self.miss_rate = np.array([b.get("miss_rate", 0.0) for b in buyers], dtype=float)
        self.max_tickets = np.array([b.get("max_tickets") or np.iinfo(np.int64).max for b in buyers], dtype=np.int64)
        self.max_buy = np.array([b.get("max_buy_per_slot", 1) for b in buyers], dtype=np.int64)
        for b in buyers:
            if b.get("belief", "exact") != "exact":
                raise ValueError("the peers implement exact beliefs only")
        if "belief_sample" in p:
            raise ValueError("belief_sample is gone in model version 2: exact beliefs are computed by quadrature")
        self.lookahead_factor = (1 + self.discount) ** -float(self.lookahead)
        self.agent_class = np.repeat(np.arange(len(buyers)), self.counts)
        self.agents = len(self.agent_class)
        self.classes = len(buyers)
        self.pi = None
        self.var = None

    def total_slots(self, slots: int) -> int:
        return self.warmup + slots

    def compute_beliefs(self) -> None:
        """Exact beliefs of every class (MODEL.md section 4), by quadrature: deterministic."""
        keep = 1 - self.miss_rate
        ev, ev2 = self.value.moment(1), self.value.moment(2)
        factors = [max_factor_moments(self.builders, e) for e in self.extraction]
        self.pi = keep * ev * np.array([f[0] for f in factors])
        second = keep * ev2 * np.array([f[1] for f in factors])
        self.var = np.maximum(0.0, second - self.pi ** 2)
        self.belief_source = "quadrature"

    def marginal(self, pool_after) -> np.ndarray:
        """w_k(H) for every class, H the pool size after the purchase: shape (..., K).

        w(H) = pi (1+d)^-L / (1 + H d) - a/2 Var[PV](H), with Burian & Crapis'
        Var[PV](H) = (Var R + pi^2) / (H d^2 + 2 H d + 1) - pi^2 / (H^2 d^2 + 2 H d + 1)
        (MODEL.md section 4 and Sources/TicketModel/Valuation.swift: the variance term is not
        discounted for the lookahead)."""
        h = np.asarray(pool_after, dtype=np.float64)[..., None]
        d = self.discount
        hd = h * d
        w = self.pi * self.lookahead_factor / (1 + hd)
        pi2 = self.pi * self.pi
        variance = (self.var + pi2) / (hd * d + 2 * hd + 1) - pi2 / (hd * hd + 2 * hd + 1)
        risk = np.where(self.risk_aversion == 0, 0.0, self.risk_aversion / 2 * variance)
        return w - risk

    def marginal_scalar(self, k: int, pool_after: int) -> float:
        """w_k(H) for one class, in plain Python floats (for per-agent loops)."""
        d = float(self.discount[k])
        pi = float(self.pi[k])
        lf = float(self.lookahead_factor[k])
        hd = pool_after * d
        w = pi * lf / (1 + hd)
        a = float(self.risk_aversion[k])
        if a == 0:
            return w
        pi2 = pi * pi
        variance = (float(self.var[k]) + pi2) / (hd * d + 2 * hd + 1) - pi2 / (hd * hd + 2 * hd + 1)
        return w - a / 2 * variance

    def next_price(self, posted: float, pool: float, sold: float) -> float:
        """EIP-1559 update after the slot's sales (fixed pricing: unchanged)."""
        if self.mechanism == "fixed":
            return posted
        a = self.quotient
        if self.pool_target is not None:
            x = (pool - self.pool_target) / (self.pool_target * a)
            delta = min(max(x, -1 / a), 1 / a)
        else:
            delta = (sold - self.sales_target) / (self.sales_target * a)
        return max(posted * (1 + delta), self.min_price)

    # Metric names in ticketsweep's order (MetricLayout.swift).
    @property
    def path_metrics(self) -> list:
        return (["value_total", "surplus_total", "protocol_revenue", "capture_ratio", "proposer_revenue",
                 "builder_profit", "lost_value"]
                + [f"profit.{n}" for n in self.names] + [f"slot_share.{n}" for n in self.names]
                + ["hhi", "top_share", "nakamoto", "longest_run", "run_share", "price_mean", "price_sd",
                   "pool_mean", "pool_sd", "empty_slot_rate", "missed_slot_rate", "sales_per_slot"])


TICKET_METRICS = ["ticket_return", "ticket_multiple", "ticket_wait", "ticket_price"]


def path_metrics_from_totals(scn: Scenario, slots: int, t: dict) -> dict:
    """Per-path metrics from per-path totals (arrays of shape (paths,) or (paths, K|agents)).

    The surplus is builder_profit + proposer_revenue (a sold slot: the builder keeps Y_(1) V - P,
    the holder P; a slot the holder builds: e V; so the identity of MODEL.md section 8 holds by
    construction). Shares, hhi, top_share, nakamoto and run_share are over the proposed slots
    (measured slots minus empty and missed ones; `nan` without one), counting agents; `run_slots`
    is the number of proposed slots whose proposer also proposed the previous slot. price_sd and
    pool_sd are population standard deviations over the measured slots."""
    surplus = t["builder_profit"] + t["proposer_revenue"]
    proposed = slots - t["empty"] - t["missed"]
    with np.errstate(invalid="ignore", divide="ignore"):
        capture = np.where(surplus > 0, t["revenue"] / surplus, np.nan)
        per = np.where(proposed > 0, 1.0 / np.maximum(proposed, 1), np.nan)
    out = {
        "value_total": t["value_total"], "surplus_total": surplus, "protocol_revenue": t["revenue"],
        "capture_ratio": capture, "proposer_revenue": t["proposer_revenue"], "builder_profit": t["builder_profit"],
        "lost_value": t["lost_value"],
    }
    for k, name in enumerate(scn.names):
        out[f"profit.{name}"] = t["class_profit"][:, k]
    for k, name in enumerate(scn.names):
        out[f"slot_share.{name}"] = t["class_slots"][:, k] * per
    share = t["agent_slots"] * per[:, None]
    out["hhi"] = 10_000 * (share ** 2).sum(axis=1)
    out["top_share"] = share.max(axis=1)
    # nakamoto: the fewest agents whose slots together exceed half of the proposed slots
    ordered = -np.sort(-t["agent_slots"], axis=1)
    covered = np.cumsum(ordered, axis=1)
    out["nakamoto"] = np.where(proposed > 0, (2 * covered <= proposed[:, None]).sum(axis=1) + 1.0, np.nan)
    out["longest_run"] = t["longest_run"].astype(float)
    out["run_share"] = t["run_slots"] * per
    out["price_mean"] = t["price_sum"] / slots
    out["price_sd"] = np.sqrt(np.maximum(t["price_sumsq"] / slots - out["price_mean"] ** 2, 0))
    out["pool_mean"] = t["pool_sum"] / slots
    out["pool_sd"] = np.sqrt(np.maximum(t["pool_sumsq"] / slots - out["pool_mean"] ** 2, 0))
    out["empty_slot_rate"] = t["empty"] / slots
    out["missed_slot_rate"] = t["missed"] / slots
    out["sales_per_slot"] = t["sales"] / slots
    return {k: np.asarray(v, dtype=float) for k, v in out.items()}


def pooled_capture(metrics: dict) -> dict:
    """capture_pooled = sum protocol_revenue / sum surplus_total over the paths, with its
    delta-method SE: se^2 = (var_x - 2 r cov_xy + r^2 var_y) / (n mean_y^2), r the ratio."""
    x = np.asarray(metrics["protocol_revenue"], dtype=float)
    y = np.asarray(metrics["surplus_total"], dtype=float)
    n = len(x)
    if n < 2 or y.sum() <= 0:
        return {"mean": math.nan, "se": math.nan, "count": n}
    r = x.sum() / y.sum()
    c = np.cov(x, y, ddof=1)
    var = (c[0, 0] - 2 * r * c[0, 1] + r * r * c[1, 1]) / (n * y.mean() ** 2)
    return {"mean": float(r), "se": math.sqrt(max(var, 0.0)), "count": n}


# --------------------------------------------------------------------------------------------
# Reporting: mean and standard error per metric, JSON on stdout.
# --------------------------------------------------------------------------------------------

@dataclass
class Moments:
    """Count, sum and sum of squares of a metric's values, for a peer that accumulates per-ticket
    metrics instead of keeping every ticket (all values finite). The sample variance
    (sum_sq - sum^2 / n) / (n - 1) loses about log10(mean^2 / variance) of float64's 16 digits."""
    count: int
    total: float
    total_sq: float

    def summary(self) -> dict:
        n = self.count
        mean = self.total / n if n else math.nan
        if n < 2:
            return {"mean": mean, "se": math.nan, "count": n}
        variance = max(0.0, (self.total_sq - self.total * mean) / (n - 1))
        return {"mean": mean, "se": math.sqrt(variance / n), "count": n}


def summarize(metrics: dict) -> dict:
    """mean, se (sample sd / sqrt(count)) and count of each metric over its finite values: over
    paths for per-path metrics, over tickets (pooled across paths) for per-ticket ones (given as
    values or as `Moments`)."""
    out = {}
    for name, values in metrics.items():
        if isinstance(values, Moments):
            out[name] = values.summary()
            continue
        x = np.asarray(values, dtype=float)
        x = x[np.isfinite(x)]
        n = len(x)
        mean = float(x.mean()) if n else math.nan
        if n < 2:
            se = math.nan
        elif x.min() == x.max():  # a metric the same on every path (numpy's std would give ~1e-17)
            se = 0.0
        else:
            se = float(x.std(ddof=1) / math.sqrt(n))
        out[name] = {"mean": mean, "se": se, "count": n}
    return out


def peak_rss_mib() -> float:
    """Peak resident set size of this process and of its finished children, MiB (Linux: KiB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def argument_parser(description: str) -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--quotient", type=float, default=8.0, help="pricing.quotient of the bench scenario")
    ap.add_argument("--paths", type=int, default=64)
    ap.add_argument("--slots", type=int, default=7200, help="measured slots per path (the warmup comes on top)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--json", action="store_true", help="print the report as JSON")
    return ap


def scenario_from_args(args) -> Scenario:
    scn = Scenario(bench_params(args.quotient))
    scn.compute_beliefs()
    return scn


def report(peer: str, args, scn: Scenario, metrics: dict, seconds: float, extra: dict | None = None) -> dict:
    steps = args.paths * scn.total_slots(args.slots)
    out = {
        "peer": peer,
        "quotient": args.quotient,
        "paths": args.paths,
        "slots": args.slots,
        "warmup": scn.warmup,
        "seed": args.seed,
        "model": 2,
        "beliefs": {"source": scn.belief_source,
                    "mean": dict(zip(scn.names, map(float, scn.pi))),
                    "variance": dict(zip(scn.names, map(float, scn.var)))},
        "seconds": seconds,
        "slot_steps": steps,
        "slot_steps_per_second": steps / seconds if seconds > 0 else math.inf,
        "peak_rss_mib": peak_rss_mib(),
    }
    out.update(extra or {})
    out["metrics"] = summarize(metrics)
    out["metrics"]["capture_pooled"] = pooled_capture(metrics)
    return out


def emit(rep: dict, as_json: bool) -> None:
    if as_json:
        json.dump(rep, sys.stdout, indent=1, allow_nan=True)
        sys.stdout.write("\n")
        return
    head = {k: v for k, v in rep.items() if k not in ("metrics", "beliefs")}
    for k, v in head.items():
        print(f"{k:>22}: {v}")
    print(f"{'beliefs':>22}: {rep['beliefs']}")
    print(f"{'metric':>22}  {'mean':>14}  {'se':>12}  count")
    for name, m in rep["metrics"].items():
        print(f"{name:>22}  {m['mean']:>14.6g}  {m['se']:>12.4g}  {m['count']}")


def timed(fn, *a, **kw):
    t0 = time.perf_counter()
    result = fn(*a, **kw)
    return result, time.perf_counter() - t0
