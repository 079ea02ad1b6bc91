"""The research tables of a results folder: ``differences.csv`` and ``sensitivity.csv``."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd

from ._tables import _read_csv, _table, _typed, _with_axes

_ASKED_BY = {
    "differences.csv": "outputs.differences: {baseline: ...}",
    "sensitivity.csv": "outputs.sensitivity: {metrics: [...]} with sweep.sample.method: saltelli",
}


def _research_table(folder, name: str) -> Path:
    """Like ``_table``, but a reduced folder without the table was not asked for it."""
    folder = Path(folder)
    if folder.is_dir() and (folder / "summary.csv").is_file() and not (folder / name).is_file():
        raise FileNotFoundError(
            f"{folder} has no {name}: its manifest does not ask for it "
            f"(add {_ASKED_BY[name]} to the manifest and run it again)")
    return _table(folder, name)


def differences(folder: str | os.PathLike) -> pd.DataFrame:
    """The paired differences (``differences.csv``) with the swept parameters joined:
    ``point``, parameters..., ``metric``, ``baseline`` (the baseline's point number),
    ``difference`` (point minus baseline), ``se_paired``, ``se_unpaired``, and ``se_ratio`` =
    ``se_paired / se_unpaired`` (below 1 when common random numbers pay off).

    ``se_paired`` is NaN for per-ticket metrics (tickets are not paired between points).

    >>> d = ticketsweep.differences(folder)                                  # doctest: +SKIP
    >>> d[d.metric == "capture_ratio"][["pricing.quotient", "difference", "se_paired"]]  # doctest: +SKIP
    """
    path = _research_table(folder, "differences.csv")
    df = _read_csv(path, ("point", "metric", "baseline", "difference", "se_paired", "se_unpaired"))
    df = _typed(path, df, [], floats=("difference", "se_paired", "se_unpaired"), integers=("baseline",))
    with np.errstate(divide="ignore", invalid="ignore"):
        df["se_ratio"] = df["se_paired"] / df["se_unpaired"]
    return _with_axes(folder, df)


def sensitivity(folder: str | os.PathLike) -> pd.DataFrame:
    """The Sobol' indices (``sensitivity.csv``): ``metric`` (a metric's point mean, or
    ``metric:pNN`` for a quantile), ``parameter``, ``S1``, ``S1_conf``, ``ST``, ``ST_conf``
    (the ``_conf`` columns are 95% bootstrap half-widths).

    >>> s = ticketsweep.sensitivity(folder)                                  # doctest: +SKIP
    >>> s.pivot(index="parameter", columns="metric", values="ST")             # doctest: +SKIP
    """
    path = _research_table(folder, "sensitivity.csv")
    df = _read_csv(path, ("metric", "parameter", "S1", "S1_conf", "ST", "ST_conf"))
    return _typed(path, df, [], floats=("S1", "S1_conf", "ST", "ST_conf"))
