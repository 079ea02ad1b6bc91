import math

import numpy as np
import pandas as pd
import pytest
from conftest import DESIGNS, METRICS, QUANTILE_COLUMNS, STATS, correlation_value, stat_value

import ticketsweep


def test_load_columns_types_and_values(results):
    df = ticketsweep.load(results.folder)
    assert list(df.columns) == ["point", *results.axes, "metric", *STATS]
    assert ticketsweep.axis_columns(df) == results.axes
    assert len(df) == results.n * len(METRICS)
    assert df["point"].dtype == np.int64 and df["count"].dtype == np.int64
    for stat in STATS[1:]:
        assert df[stat].dtype == np.float64, stat
    assert df["metric"].tolist() == METRICS * results.n
    for i, row in df.iterrows():
        p, m = row["point"], row["metric"]
        for axis in results.axes:
            assert row[axis] == results.params[p][axis]
        for stat in STATS:
            assert row[stat] == stat_value(p, m, stat) or (
                math.isnan(row[stat]) and math.isnan(stat_value(p, m, stat)))


def test_load_types_parameter_columns(make_results):
    r = make_results(**DESIGNS["grid_zip"])
    df = ticketsweep.load(r.folder)
    assert df["pricing.target.pool"].dtype == np.float64
    assert sorted(df["pricing.target.pool"].unique()) == [1e-09, 0.1, 256.0]
    assert df["builders.count"].dtype == np.int64
    assert df["buyers[lottery].risk_aversion"].dtype == np.float64
    auction = ticketsweep.load(make_results("g", **DESIGNS["grid_3x2"]).folder)["builders.auction"]
    assert pd.api.types.is_string_dtype(auction)
    assert set(auction) == {"first-price", 'second, "sealed"'}  # CSV quoting round trip


def test_nan_and_infinities(make_results):
    r = make_results(**DESIGNS["grid_3x2"])
    row = ticketsweep.load(r.folder).query("point == 0 and metric == 'ticket_return'").iloc[0]
    assert math.isnan(row["skewness"])
    assert row["kurtosis"] == math.inf and row["min"] == -math.inf
    ds = ticketsweep.to_xarray(r.folder)
    cell = ds.sel({"pricing.quotient": 4, "builders.auction": "first-price",
                   "metric": "ticket_return"})
    assert math.isnan(cell["skewness"]) and cell["kurtosis"] == math.inf
    assert cell["min"] == -math.inf


def test_points(results):
    pts = ticketsweep.points(results.folder)
    assert list(pts.columns) == ["point", *results.axes]
    assert pts["point"].tolist() == list(range(results.n))
    for p, row in pts.iterrows():
        assert {a: row[a] for a in results.axes} == results.params[p]


def test_parquet_round_trip(results, tmp_path):
    out = ticketsweep.to_parquet(results.folder, tmp_path / "summary.parquet")
    assert out == tmp_path / "summary.parquet" and out.is_file()
    back = pd.read_parquet(out)
    pd.testing.assert_frame_equal(back, ticketsweep.load(results.folder))
    assert back.query("point == 0 and metric == 'ticket_return'")["kurtosis"].item() == math.inf


def test_histograms_join_axes(results):
    h = ticketsweep.histograms(results.folder)
    assert list(h.columns) == ["point", *results.axes, "metric", "bin_low", "bin_high", "count"]
    assert len(h) == results.n * len(METRICS) * 2
    assert h["count"].dtype == np.int64 and h["bin_high"].dtype == np.float64
    for _, row in h.iterrows():
        assert {a: row[a] for a in results.axes} == results.params[row["point"]]
    first = h[h["bin_low"] == 0.0]
    assert (first["count"] == first["point"] + 1).all()


def test_correlations_join_axes(results):
    c = ticketsweep.correlations(results.folder)
    assert list(c.columns) == ["point", *results.axes, "metric_a", "metric_b", "correlation"]
    assert len(c) == results.n * 3
    for _, row in c.iterrows():
        want = correlation_value(row["point"], row["metric_a"], row["metric_b"])
        assert row["correlation"] == want or (math.isnan(want) and math.isnan(row["correlation"]))


@pytest.mark.parametrize("level, name", [(0.01, "p01"), (0.05, "p05"), (0.5, "p50"),
                                          (0.99, "p99"), (0.999, "p99_9"), (0.001, "p00_1"),
                                          (0.995, "p99_5"), (0.25, "p25")])
def test_quantile_names(level, name):
    assert ticketsweep.quantile_name(level) == name
    assert ticketsweep.quantile_level(name) == level
    assert ticketsweep.is_quantile_column(name)


def test_quantile_column_detection():
    assert [c for c in STATS if ticketsweep.is_quantile_column(c)] == QUANTILE_COLUMNS
    assert not ticketsweep.is_quantile_column("point")
    with pytest.raises(ValueError):
        ticketsweep.quantile_level("mean")
