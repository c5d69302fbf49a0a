"""Comparing policies: paired differences, the compare command, bad input before any run."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from model import cli
from model.core.errors import UserError
from model.experiments.experiment import Experiment
from model.results.analysis import per_replication, summarise
from model.scenario.loading import load_scenario

SMALL = {"region.target_staff": 1200, "years": 2}


@pytest.fixture(scope="module")
def compared(tmp_path_factory):
    out = tmp_path_factory.mktemp("cmp") / "c"
    exp = Experiment(load_scenario("default", SMALL), ["none", "balancing"], replications=4)
    exp.run()
    exp.write(out)
    return exp, out


def test_paired_difference_is_the_mean_of_per_replication_differences(compared):
    exp, out = compared
    ts = pd.read_csv(out / "timeseries.csv")
    reps = per_replication(ts).set_index(["policy", "replication"])
    diff = (reps.loc["balancing", "unmet_hours"] - reps.loc["none", "unmet_hours"]).to_numpy()
    summary = pd.read_csv(out / "summary.csv")
    row = summary[(summary.policy == "balancing") & (summary.metric == "unmet_hours")].iloc[0]
    assert row["diff_mean"] == pytest.approx(diff.mean())
    assert row["diff_ci_low"] < row["diff_mean"] < row["diff_ci_high"]
    assert row["p_better"] == pytest.approx(np.mean(diff < 0))
    base = summary[(summary.policy == "none") & (summary.metric == "unmet_hours")].iloc[0]
    assert base["diff_mean"] == 0 and base["baseline"] == "none"


def test_replications_are_paired_across_policies(compared):
    exp, out = compared
    seeds = {(r.policy, r.replication): r.seed for r in exp.results}
    assert all(seeds[("none", r)] == seeds[("balancing", r)] for r in range(4))


def test_paired_intervals_are_narrower_than_unpaired(compared):
    _, out = compared
    s = pd.read_csv(out / "summary.csv").set_index(["policy", "metric"])
    paired = s.loc[("balancing", "new_exits")]
    width_paired = paired["diff_ci_high"] - paired["diff_ci_low"]
    width_unpaired = (paired["ci_high"] - paired["ci_low"]) + (
        s.loc[("none", "new_exits"), "ci_high"] - s.loc[("none", "new_exits"), "ci_low"])
    assert width_paired < width_unpaired


def test_summarise_without_baseline_has_no_paired_columns():
    ts = pd.DataFrame({"replication": [0, 0], "policy": ["none", "none"], "month": [0, 1],
                       **{k: [0.0, 1.0] for k in __import__("model").METRICS}})
    assert "diff_mean" not in summarise(ts).columns


def test_compare_command_prints_a_ranked_table(capsys, tmp_path):
    assert cli.main(["compare", "--policies", "none,balancing", "-r", "2", "--years", "1",
                     "--set", "region.target_staff=1000", "--out", str(tmp_path / "c")]) == 0
    text = capsys.readouterr().out
    assert "Perbandingan kebijakan" in text and "Peringkat" in text
    assert "dibandingkan dengan status quo" in text
    lines = [ln for ln in text.splitlines() if ln.strip().startswith(("1 ", "2 "))]
    assert len(lines) == 2 and "penyeimbangan beban" in lines[0]  # less unmet need first
    table = text.split("Peringkat")[1].split("Grafik")[0]
    assert max(map(len, table.splitlines())) <= 100
    assert "report.html" in text and (tmp_path / "c" / "report.html").is_file()
    assert (tmp_path / "c" / "summary.csv").is_file()


@pytest.mark.parametrize("args, expect", [
    (["--policies", "none,shuffle"], "kebijakan tidak dikenal"),
    (["--policies", " , "], "tidak ada kebijakan yang dibandingkan"),
    (["--policies", "none,balancing", "--baseline", "optimal"],
     "bukan salah satu kebijakan yang dibandingkan"),
    (["--set", "nokey.x=1"], "kunci tidak dikenal"),
])
def test_compare_bad_input_fails_before_any_run(capsys, tmp_path, args, expect):
    out = tmp_path / "never"
    assert cli.main(["compare", *args, "--out", str(out), "--years", "1"]) == 2
    err = capsys.readouterr().err
    assert expect in err and "Traceback" not in err
    assert not out.exists()


def test_compare_replications_below_one_is_refused():
    with pytest.raises(UserError, match="replications = 0"):
        Experiment(load_scenario("default"), ["none"], replications=0)


def test_compare_uses_the_scenarios_policy_list_and_draws_comparison_figures(capsys, tmp_path):
    out = tmp_path / "salor"
    assert cli.main(["compare", "salor", "-r", "2", "--years", "1",
                     "--set", "region.target_staff=1000", "--out", str(out), "--lang", "en"]) == 0
    text = capsys.readouterr().out
    assert "Policy comparison" in text
    assert "retirement anticipation + workload balancing" in text
    summary = pd.read_csv(out / "summary.csv")
    assert list(dict.fromkeys(summary.policy)) == ["none", "balancing", "anticipation",
                                                   "anticipation+balancing"]
    figs = {p.name for p in (out / "figures").glob("*.png")}
    assert {"forest.png", "load_by_area.png", "load_by_agency.png", "unmet_need.png",
            "headcount_flows.png"} <= figs


def test_unknown_policy_in_a_scenarios_compare_list_is_an_error():
    from model.core.errors import ScenarioError

    with pytest.raises(ScenarioError, match="compare: 'shuffle' is not a policy"):
        load_scenario("default", {"compare": ["none", "balancing+shuffle"]})


@pytest.mark.slow  # a Dask cluster and a process pool: `make test-slow`
def test_dask_executor_gives_the_same_numbers_as_the_pool(tmp_path):
    pytest.importorskip("dask.distributed")
    runs = {}
    for executor in ("pool", "dask"):
        out = tmp_path / executor
        assert cli.main(["compare", "--policies", "none,balancing", "-r", "2", "--years", "1",
                         "--jobs", "2", "--executor", executor, "-q",
                         "--set", "region.target_staff=800", "--out", str(out)]) == 0
        runs[executor] = (out / "timeseries.csv").read_bytes(), (out / "summary.csv").read_bytes()
    assert runs["pool"] == runs["dask"]


def test_unreachable_dask_scheduler_is_a_clear_error_within_the_timeout(capsys, tmp_path):
    pytest.importorskip("dask.distributed")
    import time

    t0 = time.perf_counter()
    assert cli.main(["compare", "--scheduler", "tcp://127.0.0.1:9", "--scheduler-timeout", "2",
                     "-r", "1", "--years", "1", "--out", str(tmp_path / "never")]) == 2
    assert time.perf_counter() - t0 < 30
    err = capsys.readouterr().err
    assert "penjadwal Dask tidak dapat dihubungi" in err and "Traceback" not in err
    assert not (tmp_path / "never").exists()


def test_unknown_executor_is_refused(capsys, tmp_path):
    with pytest.raises(SystemExit) as info:  # argparse: exit status 2 and the choices
        cli.main(["compare", "--executor", "spark", "--out", str(tmp_path / "x")])
    assert info.value.code == 2
    assert "pilihan 'spark' tidak valid" in capsys.readouterr().err


def test_mesa_batch_run_agrees_with_run_sim_for_the_same_seed(tmp_path):
    import json

    import mesa

    from model import WorkforceModel

    out = tmp_path / "run"
    assert cli.main(["run", "--years", "1", "-r", "2", "--seed", "11", "-q",
                     "--set", "region.target_staff=800", "--out", str(out)]) == 0
    meta = json.loads((out / "meta.json").read_text())
    seeds = [meta["replication_seeds"][str(r)] for r in range(2)]
    rows = mesa.batch_run(WorkforceModel, parameters={"region__target_staff": 800, "years": 1,
                                                      "seed": 11},
                          rng=seeds, max_steps=100, display_progress=False)
    ts = pd.read_csv(out / "timeseries.csv")
    final = ts[ts.month == 12].set_index("replication")
    for row in rows:
        r = row["iteration"]
        assert row["n_active"] == final.loc[r, "n_active"]
        assert row["unmet_hours"] == pytest.approx(final.loc[r, "unmet_hours"], rel=1e-9)


def test_policy_labels_are_canonical_so_the_baseline_matches(tmp_path):
    exp = Experiment(load_scenario("default", SMALL), ["anticipation + balancing", "none"],
                     replications=2)
    assert exp.policies == ["anticipation+balancing", "none"]
    assert exp.baseline == "anticipation+balancing"
    exp.run()
    exp.write(tmp_path / "c")
    s = pd.read_csv(tmp_path / "c" / "summary.csv")
    assert s.loc[s.policy == "none", "diff_mean"].notna().all()


def test_two_names_for_one_policy_are_refused_before_running():
    with pytest.raises(UserError, match="are the same policy"):
        Experiment(load_scenario("default", SMALL), ["balancing", "balancing+none"])


def test_p_better_counts_ties_as_half_and_is_empty_for_the_baseline():
    from model import METRICS

    rows = []
    for policy, values in (("none", [10, 10, 10, 10]), ("x", [8, 10, 12, 9])):
        for r, v in enumerate(values):
            rows.append({"replication": r, "policy": policy, "month": 1,
                         **{k: float(v) for k in METRICS}})
    s = summarise(pd.DataFrame(rows), "none").set_index(["policy", "metric"])
    # unmet hours: lower is better; diffs -2, 0, +2, -1 -> (1 + 0.5 + 0 + 1) / 4
    assert s.loc[("x", "unmet_hours"), "p_better"] == pytest.approx(0.625)
    assert np.isnan(s.loc[("none", "unmet_hours"), "p_better"])


def test_malformed_scheduler_address_is_a_clear_error(capsys, tmp_path):
    pytest.importorskip("dask.distributed")
    assert cli.main(["compare", "--scheduler", "notanaddress", "--scheduler-timeout", "2",
                     "-r", "1", "--years", "1", "--out", str(tmp_path / "x"), "--lang", "en"]) == 2
    assert "cannot reach the Dask scheduler" in capsys.readouterr().err
