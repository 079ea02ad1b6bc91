"""Load ticketsweep results folders into pandas, xarray and Parquet.

A reduced results folder (``ticketsweep run M --out DIR``) holds ``points.csv``,
``summary.csv``, ``histograms.csv``, ``correlations.csv`` and ``run.json`` (and
``differences.csv``, ``sensitivity.csv`` when its manifest asks for them)::

    import ticketsweep
    df = ticketsweep.load("results/capture-vs-quotient")       # tidy pandas DataFrame
    ds = ticketsweep.to_xarray("results/capture-vs-quotient")  # one dimension per grid axis
    ds["mean"].sel(metric="ticket_return").plot()
    ticketsweep.to_parquet("results/capture-vs-quotient", "capture.parquet")
"""

from ._dataset import to_xarray
from ._research import differences, sensitivity
from ._tables import (
    axis_columns,
    correlations,
    histograms,
    is_quantile_column,
    load,
    points,
    quantile_level,
    quantile_name,
    run_info,
    to_parquet,
)
from .plot import quantile_band  # matplotlib is imported only when a plot is drawn

__version__ = "0.1.0"

__all__ = [
    "axis_columns",
    "correlations",
    "differences",
    "histograms",
    "is_quantile_column",
    "load",
    "points",
    "quantile_band",
    "quantile_level",
    "quantile_name",
    "run_info",
    "sensitivity",
    "to_parquet",
    "to_xarray",
]
