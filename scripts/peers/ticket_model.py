"""The execution-tickets model shared by the two peer implementations (numpy_peer.py, radcad_peer.py).

What a researcher writing the model without ticketsweep would put in one module: the scenario's
parameters, the slot-value distribution, the builders' auction, the buyers' exact beliefs and
marginal valuation (MODEL.md sections 3-6 and 10), the metric names, and the command line and
JSON report both peers share. The semantics follow ticketsweep's Swift model
(Sources/TicketModel); random numbers come from numpy's PCG64 and are *not* ticketsweep's streams,
so results agree with ticketsweep's in distribution only.

One exception, on purpose: the 2^16 pre-sample behind the exact beliefs. With a Pareto tail of
alpha <= 2 the payoff variance is infinite, and the pre-sample's variance estimate (which the
lottery class's risk-seeking valuation adds, times a/2) varies by orders of magnitude from one
pre-sample to another (0.3 to 1800 over twelve seeds for the bench scenario). The beliefs, and so
the whole price level, are then a property of the pre-sample, not a sampling fluctuation that
averages out over paths. `--beliefs ticketsweep` (the default) therefore reproduces ticketsweep's
pre-sample bit for bit (Philox4x32-10 keyed by the manifest seed, stream 6, and the AS 241 normal
quantile), so that the peers simulate the same scenario; `--beliefs numpy` draws the pre-sample
from numpy instead, as a researcher without ticketsweep would.
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import sys
import time
from dataclasses import dataclass, field
from statistics import NormalDist

import numpy as np

SLOTS_PER_YEAR = 2_629_800.0
_NORMAL = NormalDist()


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
                  "tail_quantile": 0.95, "alpha": 1.2},
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
        "belief_sample": 1 << 16,
    }


BENCH_SEED = 7  # sweeps/bench.yaml's seed: ticketsweep's belief pre-sample is keyed by it


# --------------------------------------------------------------------------------------------
# Slot values (MODEL.md section 3).
# --------------------------------------------------------------------------------------------

def _as241(p: np.ndarray) -> np.ndarray:
    """The standard normal quantile by Wichura's AS 241 (PPND16), vectorised; p in (0, 1)."""
    p = np.asarray(p, dtype=np.float64)
    q = p - 0.5
    out = np.empty_like(p)
    central = np.abs(q) <= 0.425
    if central.any():
        qc = q[central]
        r = 0.180625 - qc * qc
        num = (((((((2.5090809287301226727e+3 * r + 3.3430575583588128105e+4) * r
                    + 6.7265770927008700853e+4) * r + 4.5921953931549871457e+4) * r
                  + 1.3731693765509461125e+4) * r + 1.9715909503065514427e+3) * r
                + 1.3314166789178437745e+2) * r + 3.3871328727963666080e+0)
        den = (((((((5.2264952788528545610e+3 * r + 2.8729085735721942674e+4) * r
                    + 3.9307895800092710610e+4) * r + 2.1213794301586595867e+4) * r
                  + 5.3941960214247511077e+3) * r + 6.8718700749205790830e+2) * r
                + 4.2313330701600911252e+1) * r + 1.0)
        out[central] = qc * num / den
    tail = ~central
    if tail.any():
        qt = q[tail]
        area = np.where(qt < 0, p[tail], 1.0 - p[tail])
        r = np.sqrt(-np.log(area))
        near = r <= 5.0
        value = np.empty_like(r)
        rn = r[near] - 1.6
        num = (((((((7.74545014278341407640e-4 * rn + 2.27238449892691845833e-2) * rn
                    + 2.41780725177450611770e-1) * rn + 1.27045825245236838258e+0) * rn
                  + 3.64784832476320460504e+0) * rn + 5.76949722146069140550e+0) * rn
                + 4.63033784615654529590e+0) * rn + 1.42343711074968357734e+0)
        den = (((((((1.05075007164441684324e-9 * rn + 5.47593808499534494600e-4) * rn
                    + 1.51986665636164571966e-2) * rn + 1.48103976427480074590e-1) * rn
                  + 6.89767334985100004550e-1) * rn + 1.67638483018380384940e+0) * rn
                + 2.05319162663775882187e+0) * rn + 1.0)
        value[near] = num / den
        rf = r[~near] - 5.0
        num = (((((((2.01033439929228813265e-7 * rf + 2.71155556874348757815e-5) * rf
                    + 1.24266094738807843860e-3) * rf + 2.65321895265761230930e-2) * rf
                  + 2.96560571828504891230e-1) * rf + 1.78482653991729133580e+0) * rf
                + 5.46378491116411436990e+0) * rf + 6.65790464350110377720e+0)
        den = (((((((2.04426310338993978564e-15 * rf + 1.42151175831644588870e-7) * rf
                    + 1.84631831751005468180e-5) * rf + 7.86869131145613259100e-4) * rf
                  + 1.48753612908506148525e-2) * rf + 1.36929880922735805310e-1) * rf
                + 5.99832206555887937690e-1) * rf + 1.0)
        value[~near] = num / den
        out[tail] = np.where(qt < 0, -value, value)
    return out


@dataclass
class ValueDistribution:
    """The marginal of V_t. Supported: constant, uniform, lognormal, lognormal-pareto."""
    kind: str
    mu: float = 0.0
    sigma: float = 0.0
    q: float = 1.0
    alpha: float = math.inf
    low: float = 0.0
    high: float = 0.0
    value: float = 0.0

    @classmethod
    def from_params(cls, spec: dict) -> "ValueDistribution":
        kind = spec.get("distribution", "lognormal-pareto")
        if kind == "constant":
            return cls(kind, value=spec["value"])
        if kind == "uniform":
            return cls(kind, low=spec["low"], high=spec["high"])
        if kind == "lognormal":
            return cls(kind, mu=spec["mu"], sigma=spec["sigma"])
        if kind == "lognormal-pareto":
            return cls(kind, mu=spec["mu"], sigma=spec["sigma"], q=spec["tail_quantile"], alpha=spec["alpha"])
        raise ValueError(f"unsupported value distribution {kind!r}")

    @property
    def z_q(self) -> float:
        return _NORMAL.inv_cdf(self.q)

    @property
    def x_q(self) -> float:
        return math.exp(self.mu + self.sigma * self.z_q)

    @property
    def mean(self) -> float:
        """E[V] in closed form (never from a sample: the Pareto tail makes that biased)."""
        if self.kind == "constant":
            return self.value
        if self.kind == "uniform":
            return (self.low + self.high) / 2
        if self.kind == "lognormal":
            return math.exp(self.mu + self.sigma ** 2 / 2)
        if self.alpha <= 1:
            return math.inf
        body = math.exp(self.mu + self.sigma ** 2 / 2) * _NORMAL.cdf(self.z_q - self.sigma)
        return body + (1 - self.q) * self.x_q * self.alpha / (self.alpha - 1)

    def sample(self, rng: np.random.Generator, size) -> np.ndarray:
        """Draws V. Lognormal-Pareto: a standard normal z gives the body exp(mu + sigma z) when
        z <= z_q; above it the tail x_q U^(-1/alpha) with a fresh uniform U (given z > z_q,
        (1 - Phi(z)) / (1 - q) is uniform, so this is the inverse-CDF tail in distribution)."""
        if self.kind == "constant":
            return np.full(size, self.value)
        if self.kind == "uniform":
            return rng.uniform(self.low, self.high, size)
        z = rng.standard_normal(size)
        if self.kind == "lognormal":
            return np.exp(self.mu + self.sigma * z)
        v = np.exp(self.mu + self.sigma * z)
        tail = z > self.z_q
        n_tail = int(np.count_nonzero(tail))
        if n_tail:
            v[tail] = self.x_q * (1.0 - rng.random(n_tail)) ** (-1.0 / self.alpha)
        return v

    def sample_one(self, rng: np.random.Generator) -> float:
        """One draw as a Python float (the radCAD peer's per-slot value)."""
        if self.kind == "constant":
            return self.value
        if self.kind == "uniform":
            return float(rng.uniform(self.low, self.high))
        z = float(rng.standard_normal())
        if self.kind == "lognormal" or z <= self.z_q_cached:
            return math.exp(self.mu + self.sigma * z)
        return self.x_q_cached * (1.0 - float(rng.random())) ** (-1.0 / self.alpha)

    def __post_init__(self):
        self.z_q_cached = self.z_q if self.kind == "lognormal-pareto" else math.inf
        self.x_q_cached = self.x_q if self.kind == "lognormal-pareto" else math.inf

    def quantile(self, u: np.ndarray) -> np.ndarray:
        """F^-1(u), as ticketsweep's ValueSampler computes it (for the ticketsweep pre-sample)."""
        u = np.asarray(u, dtype=np.float64)
        if self.kind == "constant":
            return np.full_like(u, self.value)
        if self.kind == "uniform":
            return self.low + (self.high - self.low) * u
        if self.kind == "lognormal":
            return np.exp(self.mu + self.sigma * _as241(u))
        z_q = float(_as241(np.array([self.q]))[0])
        x_q = math.exp(self.mu + self.sigma * z_q)
        out = np.empty_like(u)
        body = u <= self.q
        out[body] = np.exp(self.mu + self.sigma * _as241(u[body]))
        out[~body] = x_q * ((1 - self.q) / (1 - u[~body])) ** (1 / self.alpha)
        return out


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
# ticketsweep's belief pre-sample: Philox4x32-10 on (index, slot, replication, point) keyed by
# (seed, stream), two open-interval uniforms per block (Sources/SweepRandom).
# --------------------------------------------------------------------------------------------

_M32 = 0xFFFFFFFF
_M64 = 0xFFFFFFFFFFFFFFFF


def _mix64(z: int) -> int:
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _M64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _M64
    return z ^ (z >> 31)


def philox_key(seed: int, stream: int) -> tuple[int, int]:
    golden = 0x9E3779B97F4A7C15
    key = _mix64(_mix64((seed + golden) & _M64) ^ ((stream * golden) & _M64))
    return key & _M32, key >> 32


def philox4x32(counters: np.ndarray, key: tuple[int, int]) -> np.ndarray:
    """Philox4x32-10 of counters of shape (n, 4) (uint32 words), returns (n, 4) uint64 words."""
    x0, x1, x2, x3 = (counters[:, i].astype(np.uint64) for i in range(4))
    k0, k1 = key
    m0, m1 = np.uint64(0xD2511F53), np.uint64(0xCD9E8D57)
    lo, sh = np.uint64(_M32), np.uint64(32)
    for rnd in range(10):
        if rnd:
            k0 = (k0 + 0x9E3779B9) & _M32
            k1 = (k1 + 0xBB67AE85) & _M32
        p0 = x0 * m0
        p1 = x2 * m1
        y0 = (p1 >> sh) ^ x1 ^ np.uint64(k0)
        y2 = (p0 >> sh) ^ x3 ^ np.uint64(k1)
        x1 = p1 & lo
        x3 = p0 & lo
        x0, x2 = y0, y2
    return np.stack([x0, x1, x2, x3], axis=1)


def _open_unit(low: np.ndarray, high: np.ndarray) -> np.ndarray:
    bits = (high << np.uint64(32)) | low
    return ((bits >> np.uint64(12)).astype(np.float64) + 0.5) * 2.0 ** -52


def philox_uniforms(seed: int, stream: int, point: int, replications: np.ndarray, slot: int, index: int):
    """The two uniforms of block (index, slot, replication, point) for each replication."""
    n = len(replications)
    counters = np.empty((n, 4), dtype=np.uint64)
    counters[:, 0] = index
    counters[:, 1] = slot
    counters[:, 2] = replications
    counters[:, 3] = point
    x = philox4x32(counters, philox_key(seed, stream))
    return _open_unit(x[:, 0], x[:, 1]), _open_unit(x[:, 2], x[:, 3])


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
        self.lookahead_factor = (1 + self.discount) ** -float(self.lookahead)
        self.agent_class = np.repeat(np.arange(len(buyers)), self.counts)
        self.agents = len(self.agent_class)
        self.classes = len(buyers)
        self.belief_sample = int(p.get("belief_sample", 1 << 16))
        self.pi = None
        self.var = None

    def total_slots(self, slots: int) -> int:
        return self.warmup + slots

    # Exact beliefs (MODEL.md section 10): pi_k = (1 - m_k) E[V] E[max(e_k, P/V)] with E[V] in
    # closed form and the second factor, and Var_k R, from a pre-sample of values and signals.
    def compute_beliefs(self, source: str = "ticketsweep", seed: int = BENCH_SEED) -> None:
        n = self.belief_sample
        count = self.builders["count"]
        if source == "ticketsweep":
            point = 0xFFFFFFFF
            reps = np.arange(n, dtype=np.uint64)
            u, _ = philox_uniforms(seed, 6, point, reps, slot=0, index=0)
            v = self.value.quantile(u)
            cols = []
            for index in range((count + 1) // 2):
                a, b = philox_uniforms(seed, 6, point, reps, slot=1, index=index)
                cols += [a, b]
            normals = _as241(np.stack(cols[:count], axis=1))
        elif source == "numpy":
            rng = np.random.default_rng([seed, 6])
            v = self.value.sample(rng, n)
            normals = rng.standard_normal((n, count))
        else:
            raise ValueError(f"unknown belief source {source!r}")
        _, ratio = builder_outcome(normals, self.builders)
        keep = 1 - self.miss_rate
        m = np.maximum(self.extraction[None, :], ratio[:, None])  # (n, K)
        r = v[:, None] * m
        self.pi = keep * self.value.mean * m.mean(axis=0)
        sample_mean = keep * r.mean(axis=0)
        self.var = np.maximum(0.0, keep * (r * r).mean(axis=0) - sample_mean ** 2)
        self.belief_source = source
        self.belief_seed = seed

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
        return (["value_total", "protocol_revenue", "capture_ratio", "proposer_revenue", "builder_profit", "lost_value"]
                + [f"profit.{n}" for n in self.names] + [f"slot_share.{n}" for n in self.names]
                + ["hhi", "top_share", "longest_run", "price_mean", "price_sd", "pool_mean", "pool_sd",
                   "empty_slot_rate", "missed_slot_rate", "sales_per_slot"])


TICKET_METRICS = ["ticket_return", "ticket_multiple", "ticket_wait", "ticket_price"]


def path_metrics_from_totals(scn: Scenario, slots: int, t: dict) -> dict:
    """Per-path metrics from per-path totals (arrays of shape (paths,) or (paths, K|agents)).

    Shares are over the measured slots, counting proposed slots; hhi over agents in 0-10000;
    price_sd and pool_sd are population standard deviations over the measured slots."""
    with np.errstate(invalid="ignore", divide="ignore"):
        capture = np.where(t["value_total"] > 0, t["revenue"] / t["value_total"], np.nan)
    out = {
        "value_total": t["value_total"], "protocol_revenue": t["revenue"], "capture_ratio": capture,
        "proposer_revenue": t["proposer_revenue"], "builder_profit": t["builder_profit"],
        "lost_value": t["lost_value"],
    }
    for k, name in enumerate(scn.names):
        out[f"profit.{name}"] = t["class_profit"][:, k]
    for k, name in enumerate(scn.names):
        out[f"slot_share.{name}"] = t["class_slots"][:, k] / slots
    share = t["agent_slots"] / slots
    out["hhi"] = 10_000 * (share ** 2).sum(axis=1)
    out["top_share"] = share.max(axis=1)
    out["longest_run"] = t["longest_run"].astype(float)
    out["price_mean"] = t["price_sum"] / slots
    out["price_sd"] = np.sqrt(np.maximum(t["price_sumsq"] / slots - out["price_mean"] ** 2, 0))
    out["pool_mean"] = t["pool_sum"] / slots
    out["pool_sd"] = np.sqrt(np.maximum(t["pool_sumsq"] / slots - out["pool_mean"] ** 2, 0))
    out["empty_slot_rate"] = t["empty"] / slots
    out["missed_slot_rate"] = t["missed"] / slots
    out["sales_per_slot"] = t["sales"] / slots
    return {k: np.asarray(v, dtype=float) for k, v in out.items()}


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
    ap.add_argument("--beliefs", choices=["ticketsweep", "numpy"], default="ticketsweep",
                    help="pre-sample of the exact beliefs: ticketsweep's stream (default) or numpy's")
    ap.add_argument("--belief-seed", type=int, default=BENCH_SEED,
                    help=f"seed of the belief pre-sample (ticketsweep: the manifest's seed, {BENCH_SEED})")
    ap.add_argument("--json", action="store_true", help="print the report as JSON")
    return ap


def scenario_from_args(args) -> Scenario:
    scn = Scenario(bench_params(args.quotient))
    scn.compute_beliefs(args.beliefs, args.belief_seed)
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
        "beliefs": {"source": scn.belief_source, "seed": scn.belief_seed,
                    "mean": dict(zip(scn.names, map(float, scn.pi))),
                    "variance": dict(zip(scn.names, map(float, scn.var)))},
        "seconds": seconds,
        "slot_steps": steps,
        "slot_steps_per_second": steps / seconds if seconds > 0 else math.inf,
        "peak_rss_mib": peak_rss_mib(),
    }
    out.update(extra or {})
    out["metrics"] = summarize(metrics)
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
