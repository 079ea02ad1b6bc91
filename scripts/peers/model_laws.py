"""The value law and the exact beliefs of model version 2, for the peers (ticket_model.py).

The truncated lognormal-Pareto value law with its exact moments (MODEL.md section 3) and the
buyers' exact beliefs by deterministic quadrature (section 4), written from MODEL.md and
docs/model.md without ticketsweep's code. Accuracy: moments in closed form (float64 rounding);
the factor moments to far below 1e-10 relative (composite Gauss-Legendre, 96 x 20 nodes); on the
bench scenario the beliefs equal ticketsweep's run.json to about 1e-15.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np

_NORMAL = NormalDist()

# MODEL.md section 3's defaults: alpha fitted to the calibration mean 0.1246 by root finding on
# the closed-form mean (docs/model.md), the tail truncated at the largest payment observed.
DEFAULT_ALPHA = 1.078058633170623
DEFAULT_MAX = 692.0

# --------------------------------------------------------------------------------------------
# Slot values (MODEL.md section 3): exact moments in closed form, the Pareto tail truncated at max.
# --------------------------------------------------------------------------------------------

def normal_cdf(x):
    """Phi(x) elementwise, by math.erfc (accurate in both tails)."""
    x = np.asarray(x, dtype=np.float64)
    return _ERFC(-x / math.sqrt(2.0)).astype(np.float64) / 2


_ERFC = np.frompyfunc(math.erfc, 1, 1)


@dataclass
class ValueDistribution:
    """The marginal of V_t. Supported: constant, uniform, lognormal, lognormal-pareto (the tail
    truncated at `max`, default 692 ETH; `max: inf` only with alpha > 2)."""
    kind: str
    mu: float = 0.0
    sigma: float = 0.0
    q: float = 1.0
    alpha: float = math.inf
    max: float = math.inf
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
            return cls(kind, mu=spec.get("mu", -2.975), sigma=spec.get("sigma", 0.85), q=spec.get("tail_quantile", 0.95),
                       alpha=spec.get("alpha", DEFAULT_ALPHA), max=float(spec.get("max", DEFAULT_MAX)))
        raise ValueError(f"unsupported value distribution {kind!r}")

    def __post_init__(self):
        if self.kind != "lognormal-pareto":
            self.z_q_cached = self.x_q_cached = math.inf
            return
        if not (0 < self.q < 1) or self.alpha <= 0 or self.sigma < 0:
            raise ValueError("lognormal-pareto needs 0 < tail_quantile < 1, alpha > 0 and sigma >= 0")
        self.z_q_cached = _NORMAL.inv_cdf(self.q)
        self.x_q_cached = math.exp(self.mu + self.sigma * self.z_q_cached)
        if math.isinf(self.max):
            if self.alpha <= 2:
                reason = "no mean" if self.alpha <= 1 else "no variance"
                raise ValueError(f"an untruncated Pareto tail with alpha = {self.alpha:g} has {reason}: give a finite"
                                 " max (MODEL.md section 3) or alpha > 2")
            self.ratio = 0.0
        else:
            if not self.max > self.x_q_cached:
                raise ValueError(f"max = {self.max:g} must exceed the tail's start x_q = {self.x_q_cached:g}")
            self.ratio = (self.x_q_cached / self.max) ** self.alpha  # (x_q / M)^alpha = P-tail mass cut off

    @property
    def z_q(self) -> float:
        return self.z_q_cached

    @property
    def x_q(self) -> float:
        return self.x_q_cached

    def _tail_moment(self, n: int) -> float:
        """E[X^n] of the Pareto tail truncated at M, density alpha x_q^alpha x^(-alpha-1) / (1 - r)
        on [x_q, M], r = (x_q / M)^alpha."""
        a, xq, m = self.alpha, self.x_q, self.max
        if math.isinf(m):
            return a * xq ** n / (a - n)
        if a == n:
            return a * xq ** n * math.log(m / xq) / (1 - self.ratio)
        return a * xq ** n * (1 - (xq / m) ** (a - n)) / ((a - n) * (1 - self.ratio))

    def moment(self, n: int) -> float:
        """E[V^n] in closed form for n = 1, 2 (never from a sample)."""
        if self.kind == "constant":
            return self.value ** n
        if self.kind == "uniform":
            lo, hi = self.low, self.high
            return (lo + hi) / 2 if n == 1 else (lo * lo + lo * hi + hi * hi) / 3
        if self.kind == "lognormal":
            return math.exp(n * self.mu + n * n * self.sigma ** 2 / 2)
        body = math.exp(n * self.mu + n * n * self.sigma ** 2 / 2) * _NORMAL.cdf(self.z_q - n * self.sigma)
        return body + (1 - self.q) * self._tail_moment(n)

    @property
    def mean(self) -> float:
        return self.moment(1)

    def tail_draw(self, u):
        """The tail's inverse CDF of a uniform u (array or float): x_q (1 - u (1 - r))^(-1/alpha)."""
        return self.x_q_cached * (1.0 - u * (1.0 - self.ratio)) ** (-1.0 / self.alpha)

    def sample(self, rng: np.random.Generator, size) -> np.ndarray:
        """Draws V. Lognormal-Pareto: a standard normal z gives the body exp(mu + sigma z) when
        z <= z_q; above it the truncated tail of a fresh uniform (given z > z_q, (Phi(z) - q) /
        (1 - q) is uniform, so this is the inverse-CDF tail in distribution)."""
        if self.kind == "constant":
            return np.full(size, self.value)
        if self.kind == "uniform":
            return rng.uniform(self.low, self.high, size)
        z = rng.standard_normal(size)
        v = np.exp(self.mu + self.sigma * z)
        if self.kind == "lognormal":
            return v
        tail = z > self.z_q
        n_tail = int(np.count_nonzero(tail))
        if n_tail:
            v[tail] = self.tail_draw(rng.random(n_tail))
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
        return float(self.tail_draw(float(rng.random())))


# --------------------------------------------------------------------------------------------
# Exact beliefs (MODEL.md section 4): pi_k = (1 - m_k) E[V] E[max(e_k, S)] and
# E[R^2] = (1 - m_k) E[V^2] E[max(e_k, S)^2], S = P / V, by deterministic quadrature.
# --------------------------------------------------------------------------------------------

def payment_factor_survival(builders: dict):
    """1 - F_S(s) as a vectorised function of s > 0, S the payment per unit value: the
    second-highest factor (second price) or the highest factor times 1 - shade (first price).
    Factor j is skill_j exp(noise z_j - noise^2 / 2), independent. Returns (survival, atoms):
    with noise 0 the factors are the skills and S is a number (returned as `atoms`, survival None)."""
    count = int(builders["count"])
    noise = float(builders["noise"])
    skills = np.asarray(builders.get("skills") or [1.0] * count, dtype=float)
    auction = builders.get("auction", "second-price")
    if auction == "first-price" and builders.get("shade") == "equilibrium":
        raise ValueError("the peers do not implement shade: equilibrium")
    shade = 0.0 if auction == "second-price" else float(builders.get("shade", 0.05))
    if noise == 0:
        ordered = np.sort(skills)[::-1]
        s = (ordered[1] if count > 1 else 0.0) if auction == "second-price" else ordered[0] * (1 - shade)
        return None, float(s)

    def cdfs(s):
        x = np.log(np.asarray(s, dtype=float))[..., None]
        return normal_cdf((x - np.log(skills) + noise * noise / 2) / noise)   # (..., count)

    def survival(s):
        f = cdfs(s if auction == "second-price" else np.asarray(s) / (1 - shade))
        all_below = f.prod(axis=-1)
        if auction != "second-price":
            return 1 - all_below
        if count == 1:
            return np.zeros_like(all_below)
        # F_(2) = P(at most one factor above s) = prod F + sum_j (1 - F_j) prod_{i != j} F_i
        one_above = sum((1 - f[..., j]) * np.delete(f, j, axis=-1).prod(axis=-1) for j in range(count))
        return 1 - all_below - one_above

    return survival, None


def _gauss_legendre_panels(lo: float, hi: float, panels: int = 96, nodes: int = 20):
    """Nodes and weights of composite Gauss-Legendre on [lo, hi]."""
    x, w = np.polynomial.legendre.leggauss(nodes)
    edges = np.linspace(lo, hi, panels + 1)
    half = (edges[1:] - edges[:-1])[:, None] / 2
    mid = (edges[1:] + edges[:-1])[:, None] / 2
    return (mid + half * x).ravel(), (half * w).ravel()


def max_factor_moments(builders: dict, extraction: float) -> tuple[float, float]:
    """(E[max(e, S)], E[max(e, S)^2]) = (e + int_e^inf (1 - F_S), e^2 + int_e^inf 2 s (1 - F_S)),
    integrated in log s over mu_b +- 14 noise (beyond it 1 - F_S is below 1e-40 or F_S is) with
    96 panels of 20 Gauss-Legendre nodes: relative error far below 1e-10 for noise up to 2."""
    survival, atom = payment_factor_survival(builders)
    e = float(extraction)
    if survival is None:
        m = max(e, atom)
        return m, m * m
    noise = float(builders["noise"])
    skills = np.asarray(builders.get("skills") or [1.0] * int(builders["count"]), dtype=float)
    lo = math.log(skills.min()) - noise * noise / 2 - 14 * noise
    hi = math.log(skills.max()) - noise * noise / 2 + 14 * noise
    first, second = e, e * e
    if e < math.exp(lo):
        # below the range F_S = 0 (to 1e-40): int_e^{s_lo} 1 ds and int 2 s ds exactly
        first += math.exp(lo) - e
        second += math.exp(2 * lo) - e * e
        start = lo
    else:
        start = math.log(e)
    if start < hi:
        y, w = _gauss_legendre_panels(start, hi)
        s = np.exp(y)
        tail = survival(s) * s * w   # ds = s dy
        first += float(tail.sum())
        second += float((2 * s * tail).sum())
    return first, second
