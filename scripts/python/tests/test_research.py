"""ts.differences and ts.sensitivity on fixture folders written in the engine's format."""

import math

import numpy as np
import pytest

import ticketsweep
from conftest import write_csv

DIFF_HEADER = ["point", "metric", "baseline", "difference", "se_paired", "se_unpaired"]
SENS_HEADER = ["metric", "parameter", "S1", "S1_conf", "ST", "ST_conf"]


def test_differences_join_axes_and_give_the_ratio(make_results):
    res = make_results(grid=[("pricing.quotient", [4, 8, 16])])
    rows = []
    for p in range(3):
        rows.append([p, "capture_ratio", 1, 0.1 * (p - 1), 0.01 * p, 0.04])
        rows.append([p, "ticket_return", 1, 2.5 * (p - 1), math.nan, 0.5])
    write_csv(res.folder / "differences.csv", DIFF_HEADER, rows)
    d = ticketsweep.differences(res.folder)
    assert list(d.columns) == ["point", "pricing.quotient", *DIFF_HEADER[1:], "se_ratio"]
    assert d["pricing.quotient"].tolist() == [4, 4, 8, 8, 16, 16]
    assert d["baseline"].dtype.kind == "i" and (d["baseline"] == 1).all()
    cap = d[d.metric == "capture_ratio"]
    np.testing.assert_array_equal(cap["se_ratio"], [0.0, 0.25, 0.5])
    np.testing.assert_array_equal(cap["difference"], [-0.1, 0.0, 0.1])
    assert d[d.metric == "ticket_return"]["se_paired"].isna().all()
    assert d[d.metric == "ticket_return"]["se_ratio"].isna().all()


def test_sensitivity_reads_indices(make_results):
    res = make_results(sample={"method": "saltelli", "points": 2, "ranges": {"value.alpha": [1.2, 1.6]}})
    write_csv(res.folder / "sensitivity.csv", SENS_HEADER, [
        ["capture_ratio", "value.alpha", 0.75, 0.125, 0.875, 0.0625],
        ["ticket_return:p99", "value.alpha", math.nan, math.nan, 1.5, 0.25],
    ])
    s = ticketsweep.sensitivity(res.folder)
    assert list(s.columns) == SENS_HEADER
    assert s["metric"].tolist() == ["capture_ratio", "ticket_return:p99"]
    np.testing.assert_array_equal(s["ST"], [0.875, 1.5])
    assert math.isnan(s["S1"][1])


def test_missing_research_tables_say_what_to_add(make_results):
    res = make_results(grid=[("pricing.quotient", [4, 8])])
    with pytest.raises(FileNotFoundError, match=r"add outputs.differences"):
        ticketsweep.differences(res.folder)
    with pytest.raises(FileNotFoundError, match=r"method: saltelli"):
        ticketsweep.sensitivity(res.folder)
    unreduced = make_results("unreduced", reduced=False)
    with pytest.raises(FileNotFoundError, match="has not been reduced"):
        ticketsweep.differences(unreduced.folder)


def test_malformed_difference_table_names_the_column(make_results):
    res = make_results(grid=[("pricing.quotient", [4, 8])])
    write_csv(res.folder / "differences.csv", DIFF_HEADER[:-1], [[0, "hhi", 1, 0.5, 0.1]])
    with pytest.raises(ValueError, match="se_unpaired"):
        ticketsweep.differences(res.folder)
