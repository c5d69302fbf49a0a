"""Sweeps: all combinations run, an interrupted sweep resumes, bad grids fail first."""

from __future__ import annotations

import pandas as pd
import pytest

from model import cli
from model.experiments.experiment import Experiment

BASE = ["--set", "region.target_staff=800", "--years", "1", "-r", "2",
        "--policies", "none,balancing", "-q"]


@pytest.mark.slow  # whole sweeps, each run a results folder: `make test-slow`
def test_sweep_runs_every_combination_and_gathers_summaries(tmp_path):
    out = tmp_path / "sw"
    grid = tmp_path / "grid.yaml"
    grid.write_text("recruitment.replacement_rate: [0.6, 1.0]\nmutation.months: [[1], [1, 7]]\n")
    assert cli.main(["sweep", "--grid", str(grid), "--out", str(out), *BASE]) == 0
    combos = pd.read_csv(out / "grid.csv")
    assert len(combos) == 4 and (out / "runs").is_dir()
    summary = pd.read_csv(out / "sweep_summary.csv")
    assert set(summary["recruitment.replacement_rate"]) == {0.6, 1.0}
    assert summary["run"].nunique() == 4 and "diff_mean" in summary.columns


@pytest.mark.slow
def test_an_interrupted_sweep_resumes_skipping_finished_runs(tmp_path, monkeypatch):
    out = tmp_path / "sw"
    args = ["sweep", "--set", "recruitment.replacement_rate=[0.5,0.8,1.1]", "--out", str(out),
            *BASE]
    real_run, calls = Experiment.run_and_write, []  # how a sweep runs and writes a cell

    def flaky(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt  # the user stops the sweep during the second run
        return real_run(self, *args, **kwargs)

    monkeypatch.setattr(Experiment, "run_and_write", flaky)
    assert cli.main(args) == 130
    assert len(list((out / "runs").iterdir())) == 1  # only the finished run, no half folder
    calls.clear()
    monkeypatch.setattr(Experiment, "run_and_write", lambda self, *a, **k: (
        calls.append(1), real_run(self, *a, **k))[1])
    assert cli.main(args) == 0
    assert len(calls) == 2  # the first combination was skipped
    assert pd.read_csv(out / "grid.csv")["resumed"].tolist() == [True, False, False]


@pytest.mark.parametrize("args, expect", [
    (["--set", "recruitment.replacment_rate=[0.5,1.0]"], "kunci tidak dikenal"),
    (["--set", "years=2"], "tidak ada yang divariasikan"),
    (["--set", "recruitment.replacement_rate=[0.5,-1]"], "nilai harus >= 0"),
])
def test_bad_sweeps_fail_before_any_run(capsys, tmp_path, args, expect):
    out = tmp_path / "sw"
    assert cli.main(["sweep", *args, "--out", str(out), "--set", "region.target_staff=800"]) == 2
    assert expect in capsys.readouterr().err
    assert not (out / "runs").exists() or not list((out / "runs").iterdir())


def test_bad_grid_file(capsys, tmp_path):
    grid = tmp_path / "g.yaml"
    grid.write_text("recruitment.replacement_rate: 0.5\n")
    assert cli.main(["sweep", "--grid", str(grid), "--out", str(tmp_path / "o")]) == 2
    assert "yang diharapkan pemetaan kunci ke daftar" in capsys.readouterr().err
    assert cli.main(["sweep", "--grid", str(grid), "--out", str(tmp_path / "o"),
                     "--lang", "en"]) == 2
    assert "expected a mapping of keys to non-empty lists" in capsys.readouterr().err


@pytest.mark.slow
def test_a_sweep_rerun_with_other_settings_does_not_reuse_old_runs(tmp_path):
    out = tmp_path / "sw"
    args = ["sweep", "--set", "recruitment.replacement_rate=[0.6,1.0]", "--out", str(out),
            "--set", "region.target_staff=800", "--years", "1", "--policies", "none", "-q"]
    assert cli.main([*args, "-r", "2"]) == 0
    assert cli.main([*args, "-r", "3"]) == 0
    grid = pd.read_csv(out / "grid.csv")
    assert not grid["resumed"].any()
    assert set(pd.read_csv(out / "sweep_summary.csv")["n_replications"]) == {3}


@pytest.mark.parametrize("args, expect", [
    (["--set", "recruitment.replacement_rate=[]"], "tidak punya nilai"),
    (["--set", "policy=[none,balancing]"], "berikan kebijakan dengan --policies"),
])
def test_empty_axes_and_policy_axes_are_refused(capsys, tmp_path, args, expect):
    out = tmp_path / "sw"
    assert cli.main(["sweep", *args, "--out", str(out)]) == 2
    assert expect in capsys.readouterr().err and not out.exists()
