import pytest
from conftest import DESIGNS

import ticketsweep

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")


def test_quantile_band(make_results):
    df = ticketsweep.load(make_results(**DESIGNS["grid_3x2"]).folder)
    one = df[df["builders.auction"] == "first-price"]
    ax = ticketsweep.quantile_band(one, "ticket_return", "pricing.quotient")
    (line,) = ax.get_lines()
    assert line.get_xdata().tolist() == [4, 8, 16]
    assert line.get_ydata().tolist() == one[one.metric == "ticket_return"]["mean"].tolist()
    assert len(ax.collections) == 1 and ax.get_xlabel() == "pricing.quotient"
    matplotlib.pyplot.close("all")


def test_quantile_band_needs_one_curve(make_results):
    df = ticketsweep.load(make_results(**DESIGNS["grid_3x2"]).folder)
    with pytest.raises(ValueError, match="builders.auction"):
        ticketsweep.quantile_band(df, "ticket_return", "pricing.quotient")
    with pytest.raises(ValueError, match="no rows for metric"):
        ticketsweep.quantile_band(df, "nope", "pricing.quotient")
