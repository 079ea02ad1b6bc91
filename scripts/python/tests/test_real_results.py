"""Checks on a real results folder written by the engine: TICKETSWEEP_RESULTS=DIR."""

import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import ticketsweep

RESULTS = os.environ.get("TICKETSWEEP_RESULTS")
pytestmark = pytest.mark.skipif(
    not RESULTS, reason="set TICKETSWEEP_RESULTS=DIR (a reduced results folder) to test real output")


def test_real_results_folder(tmp_path):
    folder = Path(RESULTS)
    assert folder.is_dir(), f"TICKETSWEEP_RESULTS={RESULTS} is not a folder"
    info = ticketsweep.run_info(folder)
    df, pts = ticketsweep.load(folder), ticketsweep.points(folder)
    n = info["points"]
    assert pts["point"].tolist() == list(range(n))
    assert ticketsweep.axis_columns(df) == list(pts.columns[1:])
    metrics = list(dict.fromkeys(df["metric"]))
    assert len(df) == n * len(metrics)

    ds = ticketsweep.to_xarray(folder)
    grid = [a["path"] for a in (info.get("design") or {}).get("grid") or []]
    assert list(ds["mean"].dims)[: len(grid)] == grid
    # Each cell of the Dataset is the summary row of its point.
    flat = ds["mean"].transpose(..., "metric").values.reshape(-1, len(metrics))
    by_point = np.empty_like(flat)
    by_point[ds["point"].values.ravel()] = flat
    want = df.pivot(index="point", columns="metric", values="mean")[metrics].to_numpy()
    np.testing.assert_array_equal(by_point, want)

    h, c = ticketsweep.histograms(folder), ticketsweep.correlations(folder)
    assert set(h["metric"]) <= set(metrics) and (h["bin_low"] <= h["bin_high"]).all()
    r = c["correlation"].dropna()
    assert ((r >= -1 - 1e-9) & (r <= 1 + 1e-9)).all()
    back = pd.read_parquet(ticketsweep.to_parquet(folder, tmp_path / "s.parquet"))
    pd.testing.assert_frame_equal(back, df)
