"""Results folders: Parquet for the large tables, CSV copies for small runs or on request."""

from __future__ import annotations

import pandas as pd
import pytest

from model import cli
from model.experiments.experiment import Experiment
from model.results.files import has_table, read_table
from model.results.run import CSV_MAX_RUNS, wants_csv


@pytest.fixture(scope="module")
def experiment():
    exp = Experiment({"extends": "default", "region": {"target_staff": 1500}},
                     ["none", "balancing"], replications=2, years=2)
    exp.run()
    return exp


def test_auto_writes_parquet_and_csv_copies_for_a_small_run(experiment, tmp_path):
    experiment.write(tmp_path / "a")
    for name in ("timeseries", "units", "transfers"):
        assert (tmp_path / "a" / f"{name}.parquet").is_file()
        assert (tmp_path / "a" / f"{name}.csv").is_file()
        pq, csv = read_table(tmp_path / "a", name), pd.read_csv(tmp_path / "a" / f"{name}.csv")
        assert list(pq.columns) == list(csv.columns) and len(pq) == len(csv) > 0
        # the same rows: numbers agree to the CSV's 12 significant digits
        num = pq.select_dtypes("number").columns
        pd.testing.assert_frame_equal(pq[num].reset_index(drop=True), csv[num],
                                      check_dtype=False, rtol=1e-11)


def test_large_runs_write_no_csv_copies():
    assert wants_csv("auto", CSV_MAX_RUNS) and not wants_csv("auto", CSV_MAX_RUNS + 1)
    assert wants_csv("csv", 10_000) and wants_csv("both", 10_000)
    assert not wants_csv("parquet", 1)


def test_the_format_can_be_chosen_and_every_reader_accepts_both(tmp_path, capsys):
    base = ["compare", "default", "--set", "region.target_staff=1500", "--years", "1",
            "-r", "2", "--policies", "none,balancing", "-q"]
    assert cli.main([*base, "--out", str(tmp_path / "pq"), "--format", "parquet"]) == 0
    assert cli.main([*base, "--out", str(tmp_path / "csv"), "--format", "csv"]) == 0
    assert sorted(p.name for p in (tmp_path / "pq").glob("*.csv")) == ["summary.csv"]
    assert not list((tmp_path / "csv").glob("*.parquet"))
    for folder in ("pq", "csv"):
        d = tmp_path / folder
        assert has_table(d, "units") and has_table(d, "transfers")
        assert cli.main(["figures", str(d)]) == 0  # figures read either format
        assert cli.main(["report", str(d)]) == 0  # and so does the report
        assert "Kebijakan" in (d / "report.html").read_text(encoding="utf-8")
    a = read_table(tmp_path / "pq", "timeseries")
    b = read_table(tmp_path / "csv", "timeseries")
    pd.testing.assert_frame_equal(a.select_dtypes("number"), b.select_dtypes("number"),
                                  check_dtype=False, rtol=1e-11)


def test_same_seed_gives_identical_parquet_bytes(tmp_path):
    for name in ("a", "b"):
        exp = Experiment({"extends": "default", "region": {"target_staff": 1500}},
                         ["balancing"], replications=2, years=1)
        exp.run()
        exp.write(tmp_path / name)
    for table in ("timeseries", "units", "transfers"):
        assert ((tmp_path / "a" / f"{table}.parquet").read_bytes()
                == (tmp_path / "b" / f"{table}.parquet").read_bytes())


def test_a_bad_format_exits_2(tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["compare", "default", "--format", "xlsx", "--out", str(tmp_path / "x")])
    assert exc.value.code == 2
    assert "xlsx" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()


def test_a_run_that_moves_nobody_still_writes_parquet(tmp_path, capsys):
    """An empty transfer log has the columns and types of a full one."""
    args = ["compare", "default", "--set", "region.target_staff=300", "--set",
            "mutation.requests.rate_per_year=0", "--years", "1", "-r", "1",
            "--policies", "none,balancing", "--format", "parquet", "-q",
            "--out", str(tmp_path / "r")]
    assert cli.main(args) == 0
    log = read_table(tmp_path / "r", "transfers")
    assert set(log["run_policy"]) == {"balancing"}  # status quo: not one proposal


def test_parallel_runs_write_the_same_parquet_bytes(tmp_path):
    base = ["compare", "default", "--set", "region.target_staff=1500", "--years", "1",
            "-r", "3", "--policies", "none,balancing", "-q", "--format", "parquet"]
    assert cli.main([*base, "--out", str(tmp_path / "serial")]) == 0
    assert cli.main([*base, "--out", str(tmp_path / "pool"), "--jobs", "2"]) == 0
    for name in ("timeseries", "units", "transfers"):
        assert ((tmp_path / "serial" / f"{name}.parquet").read_bytes()
                == (tmp_path / "pool" / f"{name}.parquet").read_bytes())
