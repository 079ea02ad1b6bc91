"""Fixture results folders, written in the exact format of the engine's reducer.

Every number a fixture writes comes from ``stat_value`` (and the small formulas in
``write_results``), so tests check what they read against what was written.
"""

from __future__ import annotations

import csv
import itertools
import json
import math
from dataclasses import dataclass
from pathlib import Path

import pytest

METRICS = ["profit.lottery", "slot_share.integrated", "ticket_return"]
# Quantile columns spelled out as the contract names them (levels 0.001 0.01 ... 0.999).
QUANTILE_COLUMNS = ["p00_1", "p01", "p05", "p50", "p95", "p99", "p99_9"]
STATS = ["count", "mean", "sd", "se", "skewness", "kurtosis", "min", *QUANTILE_COLUMNS, "max"]


def stat_value(point: int, metric: str, stat: str):
    """The number the fixture writes for one cell of summary.csv."""
    if stat == "count":
        return 400 - point
    if metric == "ticket_return" and point == 0 and stat in ("skewness", "kurtosis", "min"):
        return {"skewness": math.nan, "kurtosis": math.inf, "min": -math.inf}[stat]
    return point * 1000 + METRICS.index(metric) * 100 + STATS.index(stat) + 0.25


def correlation_value(point: int, a: str, b: str) -> float:
    if point == 0 and b == "ticket_return":
        return math.nan
    return round(0.5 - 0.01 * point - 0.1 * METRICS.index(a), 6)


def fmt(value) -> str:
    """A value as the engine writes it: shortest round-trip numbers, nan/inf/-inf, text."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    return str(value)


@dataclass
class Results:
    folder: Path
    grid: list  # [(path, values)], slowest first
    zips: list  # [(path, values)]
    sample: dict | None  # {"method", "points", "ranges": {path: [lo, hi]}}
    params: list  # per point: {path: value}

    @property
    def axes(self) -> list[str]:
        return [p for p, _ in self.grid + self.zips] + list((self.sample or {}).get("ranges", {}))

    @property
    def design_size(self) -> int:
        zip_size = len(self.zips[0][1]) if self.zips else 1
        return zip_size * (self.sample["points"] if self.sample else 1)

    @property
    def n(self) -> int:
        return len(self.params)


def sample_value(s: int, n: int, lo: float, hi: float) -> float:
    return lo + (hi - lo) * (s + 0.5) / n


def write_csv(path: Path, header, rows) -> None:
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")  # QUOTE_MINIMAL, as RFC 4180
        w.writerow(header)
        w.writerows([[fmt(v) for v in row] for row in rows])


def write_results(folder: Path, grid=(), zips=(), sample=None, reduced=True,
                  design=True) -> Results:
    """Write a results folder; ``design=False`` writes ``"design": null`` (no axes)."""
    grid, zips = list(grid), list(zips)
    folder.mkdir(parents=True)
    zip_size = len(zips[0][1]) if zips else 1
    sample_size = sample["points"] if sample else 1
    params = []
    for combo in itertools.product(*[v for _, v in grid], range(zip_size), range(sample_size)):
        *grid_values, z, s = combo
        p = {path: v for (path, _), v in zip(grid, grid_values)}
        p.update({path: values[z] for path, values in zips})
        for path, (lo, hi) in (sample or {}).get("ranges", {}).items():
            p[path] = sample_value(s, sample_size, lo, hi)
        params.append(p)
    res = Results(folder, grid, zips, sample, params)

    (folder / "manifest.yaml").write_text("name: fixture\nmodel: execution-tickets\n")
    (folder / "shards").mkdir()
    (folder / "shards" / "000000.partial").write_bytes(b"\0" * 16)
    run = {
        "version": "0.1.0",
        "manifest_sha256": "ab" * 32,
        "seed": 123,
        "points": res.n,
        "replications": 400,
        "design": {
            "grid": [{"path": p, "values": v} for p, v in grid],
            "zip": [{"path": p, "values": v} for p, v in zips],
            "sample": sample,
        } if design else None,
        "shards": [{"point": i, "first": 0, "count": 400} for i in range(res.n)],
    }
    (folder / "run.json").write_text(json.dumps(run, indent=2))
    if not reduced:
        return res

    axes = res.axes
    write_csv(folder / "points.csv", ["point", *axes],
              [[i, *(p[a] for a in axes)] for i, p in enumerate(params)])
    write_csv(folder / "summary.csv", ["point", *axes, "metric", *STATS],
              [[i, *(p[a] for a in axes), m, *(stat_value(i, m, s) for s in STATS)]
               for i, p in enumerate(params) for m in METRICS])
    write_csv(folder / "histograms.csv", ["point", "metric", "bin_low", "bin_high", "count"],
              [row for i in range(res.n) for m in METRICS
               for row in ([i, m, 0.0, 1.0, i + 1], [i, m, 1.0, 2.5, 7])])
    write_csv(folder / "correlations.csv", ["point", "metric_a", "metric_b", "correlation"],
              [[i, a, b, correlation_value(i, a, b)] for i in range(res.n)
               for a, b in itertools.combinations(METRICS, 2)])
    return res


DESIGNS = {
    "grid_3x2": dict(grid=[("pricing.quotient", [4, 8, 16]),
                           ("builders.auction", ["first-price", 'second, "sealed"'])]),
    "grid_zip": dict(grid=[("pricing.target.pool", [1e-09, 0.1, 256]),
                           ("builders.count", [3, 5])],
                     zips=[("buyers[lottery].count", [10, 50]),
                          ("buyers[lottery].risk_aversion", [-1, -4.5])]),
    "sample_only": dict(sample={"method": "sobol", "points": 4,
                                "ranges": {"value.alpha": [1.2, 1.6]}}),
    "grid_zip_sample": dict(grid=[("pricing.quotient", [4, 8, 16])],
                            zips=[("builders.count", [3, 5])],
                            sample={"method": "latin-hypercube", "points": 3,
                                    "ranges": {"value.alpha": [1.2, 1.6],
                                               "builders.noise": [0.0, 0.2]}}),
    "no_axes": dict(design=False),
}


@pytest.fixture
def make_results(tmp_path):
    """``make_results(name="r", **design)`` writes a results folder under tmp_path."""
    def make(name="results", **kwargs):
        return write_results(tmp_path / name, **kwargs)
    return make


@pytest.fixture(params=list(DESIGNS))
def results(request, make_results) -> Results:
    """One fixture results folder per design in DESIGNS."""
    return make_results(request.param, **DESIGNS[request.param])
