import json

import pytest
from conftest import DESIGNS

import ticketsweep

READERS = [ticketsweep.load, ticketsweep.points, ticketsweep.to_xarray,
           ticketsweep.histograms, ticketsweep.correlations]


@pytest.mark.parametrize("read", READERS)
def test_missing_folder(read, tmp_path):
    with pytest.raises(FileNotFoundError, match=r"nowhere.*does not exist"):
        read(tmp_path / "nowhere")


@pytest.mark.parametrize("read", READERS)
def test_unreduced_folder_says_to_reduce(read, make_results):
    r = make_results("half-done", reduced=False, **DESIGNS["grid_3x2"])
    with pytest.raises(FileNotFoundError, match=r"half-done has no .*ticketsweep reduce .*half-done"):
        read(r.folder)


def test_not_a_results_folder(tmp_path):
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(ValueError, match="not a ticketsweep results folder"):
        ticketsweep.load(tmp_path)
    with pytest.raises(NotADirectoryError):
        ticketsweep.load(tmp_path / "notes.txt")


def test_bad_number_names_file_and_column(make_results):
    r = make_results(**DESIGNS["grid_3x2"])
    header, first, *rest = (r.folder / "summary.csv").read_text().splitlines()
    cells = first.split(",")
    cells[header.split(",").index("mean")] = "oops"
    (r.folder / "summary.csv").write_text("\n".join([header, ",".join(cells), *rest]) + "\n")
    with pytest.raises(ValueError, match=r"summary.csv: column 'mean'"):
        ticketsweep.load(r.folder)


def test_missing_column(make_results):
    r = make_results(**DESIGNS["no_axes"])
    (r.folder / "summary.csv").write_text("point,mean\n0,1\n")
    with pytest.raises(ValueError, match="lacks the column"):
        ticketsweep.load(r.folder)


def test_points_disagreeing_with_run_json(make_results):
    r = make_results(**DESIGNS["grid_3x2"])
    run = json.loads((r.folder / "run.json").read_text())
    run["design"]["grid"][0]["values"] = [4, 8, 32]
    (r.folder / "run.json").write_text(json.dumps(run))
    with pytest.raises(ValueError, match="pricing.quotient.*disagrees"):
        ticketsweep.to_xarray(r.folder)


def test_point_count_disagreeing_with_run_json(make_results):
    r = make_results(**DESIGNS["grid_zip"])
    run = json.loads((r.folder / "run.json").read_text())
    run["design"]["zip"] = [{"path": "buyers[lottery].count", "values": [10, 50, 90]}]
    run["points"] = 18
    (r.folder / "run.json").write_text(json.dumps(run))
    with pytest.raises(ValueError, match="0..17"):
        ticketsweep.to_xarray(r.folder)
