"""A results folder as an xarray Dataset with one dimension per grid axis."""

from __future__ import annotations

import math
import os
from dataclasses import dataclass

import numpy as np
import xarray as xr

from ._tables import _table, is_quantile_column, load, points, quantile_level, run_info


@dataclass
class Design:
    """The sweep design of ``run.json``: grid axes (slowest first), zip axes, sample."""

    grid: list[tuple[str, list]]
    zip: list[tuple[str, list]]
    sample_paths: list[str]
    zip_size: int
    sample_size: int

    @property
    def shape(self) -> tuple[int, ...]:
        return tuple(len(values) for _, values in self.grid)

    @property
    def size(self) -> int:
        """Zip × sample combinations at each grid point (1 for a pure grid)."""
        return self.zip_size * self.sample_size

    @property
    def has_design_dim(self) -> bool:
        return bool(self.zip or self.sample_paths) or self.size > 1

    @property
    def points(self) -> int:
        return math.prod(self.shape) * self.size


def design(info: dict, where: str = "run.json") -> Design:
    """The :class:`Design` of a parsed ``run.json`` (``design`` may be null or absent)."""
    d = info.get("design") or {}
    try:
        grid = [(a["path"], list(a["values"])) for a in d.get("grid") or []]
        zips = [(a["path"], list(a["values"])) for a in d.get("zip") or []]
        sample = d.get("sample") or {}
        sample_paths = list(sample.get("ranges") or {})
        sample_size = int(sample["points"]) if sample else 1
        if sample and sample.get("method") == "saltelli":  # N (D + 2) rows: A, AB_1..AB_D, B
            sample_size *= len(sample_paths) + 2
    except (KeyError, TypeError, ValueError) as e:
        raise ValueError(f"{where}: malformed design ({type(e).__name__}: {e})") from None
    lengths = {len(values) for _, values in zips}
    if len(lengths) > 1:
        raise ValueError(f"{where}: zip axes of unequal lengths {sorted(lengths)}")
    if any(len(values) == 0 for _, values in grid + zips) or sample_size < 1:
        raise ValueError(f"{where}: a design axis is empty")
    return Design(grid, zips, sample_paths, lengths.pop() if lengths else 1, sample_size)


def _same(a, b) -> bool:
    a, b = np.asarray(a), np.asarray(b)
    if a.dtype.kind in "biuf" and b.dtype.kind in "biuf":
        return np.allclose(a.astype(float), b.astype(float), rtol=1e-12, atol=0, equal_nan=True)
    return np.array_equal(a.astype(str), b.astype(str))


def to_xarray(folder: str | os.PathLike) -> xr.Dataset:
    """The summary of a results folder as an :class:`xarray.Dataset`.

    Dimensions: one per grid axis, named by its parameter path and with the axis values as
    coordinates, in manifest order; then ``design`` when the sweep has zip or sample parts
    (one entry per zip × sample combination, zip slowest; the zip and sample parameters are
    coordinates along it); then ``metric``. A sweep without any design has only ``metric``.
    The data variables are the statistics: ``count``, ``mean``, ``sd``, ``se``, ``skewness``,
    ``kurtosis``, ``min``, the quantiles ``p..`` (with a ``quantile`` attribute) and ``max``.
    The non-index coordinate ``point`` gives each cell's row in ``points.csv``.

    >>> ds = ticketsweep.to_xarray("results/capture-vs-quotient")           # doctest: +SKIP
    >>> ds["mean"].sel(metric="ticket_return")                               # doctest: +SKIP
    >>> ds["p95"].sel({"pricing.quotient": 8, "metric": "profit.lottery"})  # doctest: +SKIP
    """
    info = run_info(folder)
    where = str(_table(folder, "run.json"))
    d = design(info, where)
    pts = points(folder).sort_values("point", ignore_index=True)
    summary = load(folder)

    n = d.points
    if "points" in info and info["points"] != n:
        raise ValueError(f"{where}: says {info['points']} points but its design has {n}")
    if not np.array_equal(pts["point"].to_numpy(), np.arange(n)):
        raise ValueError(f"{folder}/points.csv should number points 0..{n - 1} for this design")
    params = [p for p, _ in d.grid + d.zip] + d.sample_paths
    missing = [p for p in params if p not in pts.columns]
    if missing:
        raise ValueError(f"{folder}/points.csv lacks the design column(s) {', '.join(missing)}")

    # Point p = (grid index, row-major) * design size + zip index * sample size + sample index.
    grid_index = np.unravel_index(np.arange(n) // d.size, d.shape) if d.shape else ()
    for (path, values), index in zip(d.grid, grid_index):
        if not _same(pts[path], np.asarray(values)[index]):
            raise ValueError(f"{folder}: points.csv column {path!r} disagrees with run.json's grid")
    for path, values in d.zip:
        if not _same(pts[path], np.asarray(values)[np.arange(n) % d.size // d.sample_size]):
            raise ValueError(f"{folder}: points.csv column {path!r} disagrees with run.json's zip")

    dims = [p for p, _ in d.grid] + (["design"] if d.has_design_dim else [])
    shape = list(d.shape) + ([d.size] if d.has_design_dim else [])
    coords = {p: np.asarray(values) for p, values in d.grid}
    if d.has_design_dim:
        coords["design"] = np.arange(d.size)
        for path in [p for p, _ in d.zip] + d.sample_paths:
            column = pts[path].to_numpy().reshape(-1, d.size)
            if _same(column, np.broadcast_to(column[0], column.shape)):
                coords[path] = ("design", column[0])
            else:  # values differ between grid points: a coordinate over every dimension
                coords[path] = (dims, column.reshape(shape))
    coords["point"] = (dims, np.arange(n).reshape(shape))

    metrics = list(dict.fromkeys(summary["metric"].tolist()))
    coords["metric"] = np.array(metrics, dtype=str)
    m = len(metrics)
    if not summary["point"].between(0, n - 1).all():
        raise ValueError(f"{folder}/summary.csv has points outside 0..{n - 1}")
    codes = {name: i for i, name in enumerate(metrics)}
    cell = summary["point"].to_numpy() * m + summary["metric"].map(codes).to_numpy()
    if len(np.unique(cell)) != len(cell):
        raise ValueError(f"{folder}/summary.csv has more than one row for a (point, metric)")

    data = {}
    stats = summary.columns[summary.columns.get_loc("metric") + 1 :]
    for stat in stats:
        values = np.full(n * m, np.nan)
        values[cell] = summary[stat].to_numpy(dtype=float)
        if summary[stat].dtype.kind == "i" and len(cell) == n * m:
            values = values.astype(np.int64)
        attrs = {"quantile": quantile_level(stat)} if is_quantile_column(stat) else {}
        data[stat] = (dims + ["metric"], values.reshape(shape + [m]), attrs)

    attrs = {k: info[k] for k in ("version", "manifest_sha256", "seed", "replications", "points")
             if isinstance(info.get(k), (str, int, float))}
    if d.sample_paths:
        attrs["sample_method"] = str((info["design"]["sample"]).get("method", ""))
    attrs["folder"] = str(folder)
    return xr.Dataset(data, coords=coords, attrs=attrs)
