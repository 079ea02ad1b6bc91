"""Matplotlib conveniences (install the ``plot`` extra: ``pip install ticketsweep[plot]``)."""

from __future__ import annotations

import pandas as pd

from ._tables import axis_columns


def quantile_band(df: pd.DataFrame, metric: str, x: str, lower: str = "p05",
                  upper: str = "p95", ax=None, label: str | None = None):
    """Plot the mean of ``metric`` against the swept parameter ``x``, with the band between
    the quantile columns ``lower`` and ``upper``; returns the matplotlib Axes.

    ``df`` is a frame from :func:`ticketsweep.load`, filtered so that only ``x`` varies among
    the swept parameters.

    >>> df = ticketsweep.load("results/capture-vs-quotient")                # doctest: +SKIP
    >>> ax = quantile_band(df[df["pricing.target.pool"] == 64], "ticket_return",
    ...                    "pricing.quotient")                               # doctest: +SKIP
    >>> ax.set_xscale("log"); ax.figure.savefig("ticket-return.png")        # doctest: +SKIP
    """
    import matplotlib.pyplot as plt

    for column in (x, lower, upper, "metric", "mean"):
        if column not in df.columns:
            raise ValueError(f"no column {column!r}; columns are {list(df.columns)}")
    rows = df[df["metric"] == metric]
    if rows.empty:
        raise ValueError(f"no rows for metric {metric!r}; metrics are {sorted(set(df['metric']))}")
    if rows[x].duplicated().any():
        others = [c for c in axis_columns(df) if c != x and rows[c].nunique() > 1]
        raise ValueError(f"several rows per value of {x!r} for {metric!r}: select one value of "
                         f"{', '.join(map(repr, others)) or 'the other parameters'} first")
    rows = rows.sort_values(x)
    if ax is None:
        ax = plt.subplots()[1]
    (line,) = ax.plot(rows[x], rows["mean"], marker="o", label=label or f"{metric} mean")
    ax.fill_between(rows[x], rows[lower], rows[upper], color=line.get_color(), alpha=0.25,
                    label=f"{lower}–{upper}")
    ax.set_xlabel(x)
    ax.set_ylabel(metric)
    return ax
