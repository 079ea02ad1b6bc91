"""Reading the CSV tables and run.json of a ticketsweep results folder."""

from __future__ import annotations

import json
import os
import re
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd

# Any of these marks a folder as a ticketsweep results folder, reduced or not.
_MARKERS = ("run.json", "manifest.yaml", "shards", "points.csv", "summary.csv")


def quantile_name(level: float) -> str:
    """The summary column of a quantile level.

    >>> quantile_name(0.5), quantile_name(0.999), quantile_name(0.001)
    ('p50', 'p99_9', 'p00_1')
    """
    whole, _, frac = format(Decimal(repr(float(level))) * 100, "f").partition(".")
    frac = frac.rstrip("0")
    return f"p{int(whole):02d}" + (f"_{frac}" if frac else "")


def quantile_level(name: str) -> float:
    """The quantile level of a summary column, the inverse of :func:`quantile_name`.

    >>> quantile_level("p99_9"), quantile_level("p05")
    (0.999, 0.05)
    """
    if not is_quantile_column(name):
        raise ValueError(f"{name!r} is not a quantile column (p01, p50, p99_9, ...)")
    return float(Decimal(name[1:].replace("_", ".")) / 100)


def is_quantile_column(name: str) -> bool:
    """Whether a column name is a quantile column such as ``p05`` or ``p99_9``."""
    return re.fullmatch(r"p[0-9]{2,}(_[0-9]+)?", name) is not None


def axis_columns(df: pd.DataFrame) -> list[str]:
    """The swept-parameter columns of a frame from :func:`load`, :func:`points`,
    :func:`histograms` or :func:`correlations`: those between ``point`` and the first
    of ``metric``/``metric_a``/``bin_low`` (or the end).

    >>> axis_columns(pd.DataFrame(columns=["point", "pricing.quotient", "metric", "mean"]))
    ['pricing.quotient']
    """
    cols = list(df.columns)
    start = cols.index("point") + 1 if "point" in cols else 0
    ends = [cols.index(c) for c in ("metric", "metric_a", "bin_low") if c in cols]
    return cols[start : min(ends) if ends else len(cols)]


def _table(folder: str | os.PathLike, name: str) -> Path:
    """The path of ``name`` in a results folder, or a clear error saying what is wrong."""
    folder = Path(folder)
    if not folder.exists():
        raise FileNotFoundError(f"results folder {folder} does not exist")
    if not folder.is_dir():
        raise NotADirectoryError(f"{folder} is not a folder: expected a ticketsweep results folder")
    path = folder / name
    if path.is_file():
        return path
    if any((folder / m).exists() for m in _MARKERS):
        raise FileNotFoundError(
            f"{folder} has no {name}: the results folder has not been reduced "
            f"(or the run has not finished). Run `ticketsweep reduce {folder}` first."
        )
    raise ValueError(
        f"{folder} is not a ticketsweep results folder: it has none of "
        f"{', '.join(_MARKERS)}. Point at the --out folder of `ticketsweep run`."
    )


def _read_csv(path: Path, required: tuple[str, ...]) -> pd.DataFrame:
    # Everything as text first: pandas' default NA spellings ("NA", "None", "null", "")
    # could be legitimate string values of a swept parameter.
    df = pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False)
    missing = [c for c in required if c not in df.columns]
    if missing:
        raise ValueError(f"{path} lacks the column(s) {', '.join(missing)}; it has {list(df.columns)}")
    return df


def _numbers(col: pd.Series, integer: bool = False) -> np.ndarray:
    """Numbers from text, with ``nan``, ``inf`` and ``-inf`` as written by the engine."""
    values = col.to_numpy(dtype=str).astype(float)
    if integer and np.isfinite(values).all() and (values == np.round(values)).all():
        return values.astype(np.int64)
    return values


def _parameter(col: pd.Series) -> pd.Series | np.ndarray:
    """A swept parameter's column: integers or floats when every value is a number, booleans
    when every value is ``true``/``false``, text otherwise."""
    text = col.to_numpy(dtype=str)
    for dtype in (np.int64, float):
        try:
            return text.astype(dtype)
        except (ValueError, OverflowError):
            pass
    if len(col) and col.isin(["true", "false"]).all():
        return text == "true"
    return col


def _typed(path: Path, df: pd.DataFrame, axes, floats=(), integers=()) -> pd.DataFrame:
    out = {}
    for c in df.columns:
        try:
            if c == "point" or c in integers:
                out[c] = _numbers(df[c], integer=True)
            elif c in axes:
                out[c] = _parameter(df[c])
            elif c in floats:
                out[c] = _numbers(df[c])
            else:
                out[c] = df[c]
        except (ValueError, TypeError) as e:
            raise ValueError(f"{path}: column {c!r} should hold numbers: {e}") from None
    return pd.DataFrame(out, index=df.index)


def load(folder: str | os.PathLike) -> pd.DataFrame:
    """The tidy summary of a reduced results folder: one row per grid point and metric.

    Columns: ``point``, one column per swept parameter (named by its manifest path, numeric
    when its values are numbers), ``metric``, then the statistics ``count``, ``mean``, ``sd``,
    ``se``, ``skewness``, ``kurtosis``, ``min``, the quantiles (``p01`` ... ``p99``) and ``max``.
    Undefined statistics are NaN; infinite ones are ``inf``.

    Raises ``FileNotFoundError`` for a missing folder or an unreduced one (with the
    ``ticketsweep reduce DIR`` to run) and ``ValueError`` for a folder that is not a results
    folder or a malformed table.

    >>> df = ticketsweep.load("results/capture-vs-quotient")              # doctest: +SKIP
    >>> df[df.metric == "ticket_return"].groupby("pricing.quotient")["mean"].mean()  # doctest: +SKIP
    """
    path = _table(folder, "summary.csv")
    df = _read_csv(path, ("point", "metric", "count", "mean", "max"))
    axes = axis_columns(df)
    stats = list(df.columns[df.columns.get_loc("metric") + 1 :])
    return _typed(path, df, axes, floats=[s for s in stats if s != "count"], integers=["count"])


def points(folder: str | os.PathLike) -> pd.DataFrame:
    """The grid points of a results folder (``points.csv``): ``point`` and one typed column
    per swept parameter.

    >>> ticketsweep.points("results/capture-vs-quotient").head()          # doctest: +SKIP
    """
    path = _table(folder, "points.csv")
    df = _read_csv(path, ("point",))
    return _typed(path, df, list(df.columns[1:]))


def _with_axes(folder, table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with the swept-parameter columns of its points inserted after ``point``."""
    pts = points(folder)
    unknown = set(table["point"]) - set(pts["point"])
    if unknown:
        raise ValueError(f"{folder}: points {sorted(unknown)[:5]} are not in points.csv")
    return pts.merge(table, on="point", how="right", validate="one_to_many")


def histograms(folder: str | os.PathLike) -> pd.DataFrame:
    """The merged histograms (``histograms.csv``) with the swept parameters joined:
    ``point``, parameters..., ``metric``, ``bin_low``, ``bin_high``, ``count``.

    >>> h = ticketsweep.histograms(folder)                                   # doctest: +SKIP
    >>> h[(h.point == 0) & (h.metric == "ticket_return")].plot.bar(x="bin_low", y="count")  # doctest: +SKIP
    """
    path = _table(folder, "histograms.csv")
    df = _read_csv(path, ("point", "metric", "bin_low", "bin_high", "count"))
    df = _typed(path, df, [], floats=("bin_low", "bin_high"), integers=("count",))
    return _with_axes(folder, df)


def correlations(folder: str | os.PathLike) -> pd.DataFrame:
    """The correlations between per-path metrics (``correlations.csv``) with the swept
    parameters joined: ``point``, parameters..., ``metric_a``, ``metric_b``, ``correlation``.

    >>> c = ticketsweep.correlations(folder)                                 # doctest: +SKIP
    >>> c.pivot_table(index="metric_a", columns="metric_b", values="correlation")  # doctest: +SKIP
    """
    path = _table(folder, "correlations.csv")
    df = _read_csv(path, ("point", "metric_a", "metric_b", "correlation"))
    return _with_axes(folder, _typed(path, df, [], floats=("correlation",)))


def run_info(folder: str | os.PathLike) -> dict:
    """The parsed ``run.json`` of a results folder (version, seed, design, shards, ...)."""
    path = _table(folder, "run.json")
    try:
        info = json.loads(path.read_text())
    except json.JSONDecodeError as e:
        raise ValueError(f"{path} is not valid JSON: {e}") from None
    if not isinstance(info, dict):
        raise ValueError(f"{path} should hold a JSON object")
    return info


def to_parquet(folder: str | os.PathLike, path: str | os.PathLike) -> Path:
    """Write the tidy summary of :func:`load` to a Parquet file and return its path.

    >>> ticketsweep.to_parquet("results/sweep", "sweep.parquet")            # doctest: +SKIP
    PosixPath('sweep.parquet')
    >>> pandas.read_parquet("sweep.parquet")                                # doctest: +SKIP
    """
    path = Path(path)
    load(folder).to_parquet(path, index=False)
    return path
