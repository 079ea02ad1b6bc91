import math

import numpy as np
from conftest import DESIGNS, METRICS, STATS, stat_value

import ticketsweep


def test_dims_coords_and_every_value(results):
    ds = ticketsweep.to_xarray(results.folder)
    grid = [p for p, _ in results.grid]
    design = results.zips or results.sample
    assert list(ds["mean"].dims) == grid + (["design"] if design else []) + ["metric"]
    assert set(ds.dims) == set(ds["mean"].dims)
    for path, values in results.grid:
        assert ds[path].values.tolist() == values  # coordinates in manifest order
    assert ds["metric"].values.tolist() == METRICS
    assert list(ds.data_vars) == STATS
    assert ds["count"].dtype == np.int64
    assert ds["p99_9"].attrs["quantile"] == 0.999
    if design:
        assert ds.sizes["design"] == results.design_size
        for path in results.axes[len(grid):]:
            assert ds[path].dims == ("design",)
            assert ds[path].values.tolist() == [results.params[d][path]
                                                 for d in range(results.design_size)]

    # Every point, found by its parameter values, holds exactly the numbers written for it.
    for p, params in enumerate(results.params):
        where = {path: params[path] for path in grid}
        if design:
            where["design"] = p % results.design_size
        cell = ds.sel(where)
        assert cell["point"].item() == p
        for metric in METRICS:
            for stat in STATS:
                got, want = cell[stat].sel(metric=metric).item(), stat_value(p, metric, stat)
                assert got == want or (math.isnan(got) and math.isnan(want)), (p, metric, stat)


def test_pure_grid_has_no_design_dim(make_results):
    ds = ticketsweep.to_xarray(make_results(**DESIGNS["grid_3x2"]).folder)
    assert dict(ds.sizes) == {"pricing.quotient": 3, "builders.auction": 2, "metric": 3}
    assert ds["pricing.quotient"].dtype == np.int64
    assert ds["mean"].sel({"pricing.quotient": 16, "builders.auction": 'second, "sealed"',
                           "metric": "profit.lottery"}).item() == stat_value(5, "profit.lottery", "mean")


def test_grid_zip_is_row_major(make_results):
    ds = ticketsweep.to_xarray(make_results(**DESIGNS["grid_zip"]).folder)
    assert dict(ds.sizes) == {"pricing.target.pool": 3, "builders.count": 2, "design": 2,
                              "metric": 3}
    assert ds["buyers[lottery].count"].values.tolist() == [10, 50]
    assert ds["buyers[lottery].risk_aversion"].values.tolist() == [-1, -4.5]
    assert ds["point"].values.ravel().tolist() == list(range(12))
    assert ds["point"].sel({"pricing.target.pool": 0.1, "builders.count": 5, "design": 0}) == 6


def test_sample_only(make_results):
    ds = ticketsweep.to_xarray(make_results(**DESIGNS["sample_only"]).folder)
    assert dict(ds.sizes) == {"design": 4, "metric": 3}
    assert np.allclose(ds["value.alpha"], [1.25, 1.35, 1.45, 1.55])
    assert ds.attrs["sample_method"] == "sobol"


def test_no_axes(make_results):
    ds = ticketsweep.to_xarray(make_results(**DESIGNS["no_axes"]).folder)
    assert dict(ds.sizes) == {"metric": 3}
    assert ds["mean"].sel(metric="ticket_return").item() == stat_value(0, "ticket_return", "mean")
    assert ds.attrs["seed"] == 123 and ds.attrs["replications"] == 400
