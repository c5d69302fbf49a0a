"""Uncertainty scales, the uncertain inputs, and sensitivity analysis (SALib)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from model import cli
from model.experiments.sensitivity import SensitivityStudy
from model.scenario.loading import load_scenario
from model.scenario.uncertainty import identifier, overrides_for, uncertainties
from model.simulation.model import WorkforceModel

SMALL = {"region.target_staff": 1500, "years": 2}


def _final(overrides: dict, key: str, policy: str = "balancing") -> float:
    m = WorkforceModel("default", rng=3, policy=policy, **SMALL, **overrides).run()
    return float(m.timeseries()[key].sum() if key.startswith("new_") else m.current[key])


@pytest.mark.parametrize("path, low, high, key", [
    ("demography.exit_hazard_scale", 0.2, 4.0, "new_exits"),
    ("recruitment.fill_scale", 0.3, 1.5, "new_formasi_unfilled"),
    ("mutation.response.refusal_odds_scale", 0.2, 5.0, "new_moves_refused"),
    ("adaptation.d_scale", 0.3, 3.0, "adaptation_loss_fte"),
    ("adaptation.tau_scale", 0.3, 3.0, "adaptation_loss_fte"),
])
def test_each_uncertainty_scale_moves_what_it_scales(path, low, high, key):
    lo, hi = _final({path: low}, key), _final({path: high}, key)
    if key == "new_formasi_unfilled":
        assert lo > hi  # a higher fill rate leaves fewer formasi unfilled
    else:
        assert hi > lo


def test_growth_by_agency_raises_need_only_in_that_agency():
    base = WorkforceModel("default", rng=1, **SMALL).run().needs_table()
    grown = WorkforceModel("default", rng=1, **SMALL,
                           **{"demand.growth_by_agency.health": 0.3}).run().needs_table()
    by = lambda t: t.groupby("agency")["required_fte"].sum()  # noqa: E731
    ratio = by(grown) / by(base)
    assert ratio["health"] == pytest.approx(1.3 ** 2, rel=0.02)  # two years at +30 %
    assert (ratio.drop("health") == 1.0).all()


def test_scales_at_one_leave_the_run_bit_identical():
    ones = {"demography.exit_hazard_scale": 1.0, "adaptation.d_scale": 1.0,
            "adaptation.tau_scale": 1.0, "recruitment.fill_scale": 1.0,
            "mutation.response.refusal_odds_scale": 1.0,
            "demand.growth_by_agency.health": 0.0}
    a = WorkforceModel("default", rng=5, policy="balancing", **SMALL).run().timeseries()
    b = WorkforceModel("default", rng=5, policy="balancing", **SMALL, **ones).run().timeseries()
    pd.testing.assert_frame_equal(a, b, check_exact=True)


def test_uncertain_inputs_come_from_the_declarations():
    sc = load_scenario("salor")
    inputs = uncertainties(sc)
    paths = [u.path for u in inputs]
    assert "demography.exit_hazard_scale" in paths
    agencies = sc.region.vocabulary.agencies
    assert [p for p in paths if p.startswith("demand.growth_by_agency.")] == [
        f"demand.growth_by_agency.{a}" for a in agencies]
    for u in inputs:
        assert u.name.isidentifier() and u.low <= u.default <= u.high and u.source
        load_scenario(sc, overrides_for([u], [u.low]))  # both ends are valid values
        load_scenario(sc, overrides_for([u], [u.high]))
    # a scenario's own value outside the declared range widens it (Salor's 0.7 rate)
    rate = next(u for u in inputs if u.path == "recruitment.replacement_rate")
    assert rate.default == rate.low == 0.7
    assert identifier("a.b-c.1") == "a__b_c__1"


def test_unknown_input_is_a_clear_error():
    with pytest.raises(Exception, match="not an uncertain input"):
        uncertainties(load_scenario("default"), ["demography.nonsense"])


def _study(**kw) -> SensitivityStudy:
    settings = dict(scenario=load_scenario("salor", SMALL), method="morris", n=2,
                    params=["demography.exit_hazard_scale", "adaptation.d_scale",
                            "recruitment.fill_scale"], replications=2)
    return SensitivityStudy(**(settings | kw))


@pytest.mark.slow  # a Morris study, twice (one and two jobs): `make test-slow`
def test_morris_study_runs_resumes_and_writes_indices_and_figure(tmp_path, capsys):
    out = tmp_path / "salor-morris"
    args = ["sensitivity", "salor", "--set", "region.target_staff=1500", "--years", "2",
            "-n", "2", "-r", "2", "--params",
            "demography.exit_hazard_scale,adaptation.d_scale,recruitment.fill_scale",
            "--out", str(out), "-q"]
    study = _study()
    tasks = study.tasks()
    assert len(tasks) == len(study.samples) * 2 * 2 == 32
    # CRN: at every point, replication r of both policies has the same seed
    seeds = {(t[2], t[3]): set() for t in tasks}
    for t in tasks:
        seeds[(t[2], t[3])].add(t[4])
    assert all(len(s) == 1 for s in seeds.values())
    # an interrupted study: some runs done, the last line cut off
    study.run(out, quiet=True)
    full = (out / "runs.csv").read_text()
    lines = full.splitlines(keepends=True)
    (out / "runs.csv").write_text("".join(lines[:11]) + lines[11][:20])
    assert cli.main(args) == 0
    assert (out / "runs.csv").read_text() == full  # resumed: the same runs, bit for bit
    meta = json.loads((out / "meta.json").read_text())
    assert meta["resumed_runs"] == 10 and meta["runs"] == 32
    indices = pd.read_csv(out / "indices.csv")
    assert set(indices["target"]) == {"level", "effect"}
    eff = indices[indices["target"] == "effect"]
    assert set(eff["policy"]) == {"balancing"} and len(eff) == 3
    assert {"mu_star", "mu_star_conf", "mu", "sigma", "rank"} <= set(indices.columns)
    assert indices["mu_star"].notna().all() and (indices["mu_star_conf"] >= 0).all()
    assert sorted(indices.groupby(["target", "policy"])["rank"].min()) == [1, 1, 1]
    assert (out / "figures" / "sensitivity.png").stat().st_size > 10_000
    # the same study with two jobs: the same runs file, byte for byte
    two = tmp_path / "two-jobs"
    assert cli.main([*args[:-3], "--out", str(two), "-q", "--jobs", "2"]) == 0
    assert (two / "runs.csv").read_bytes() == (out / "runs.csv").read_bytes()
    # a finished study is analysed again without new runs: another language, outcome
    capsys.readouterr()
    assert cli.main([*args[:-1], "--lang", "en", "--outcome", "morale"]) == 0
    assert "Exit hazard scale" in capsys.readouterr().out
    assert (out / "figures" / "sensitivity-en.png").is_file()
    assert json.loads((out / "meta.json").read_text())["resumed_runs"] == 32
    assert pd.read_csv(out / "indices.csv")["outcome"].eq("mean_morale").all()


def test_other_settings_are_not_mixed_into_a_study(tmp_path):
    out = tmp_path / "s"
    _study().run(out, quiet=True)
    with pytest.raises(Exception, match="other settings"):
        _study(n=3).run(out, quiet=True)


def test_sobol_checks_n_and_gives_st_with_intervals(tmp_path):
    with pytest.raises(Exception, match="power of 2") as exc:
        _study(method="sobol", n=6)
    assert exc.value.message.key == "experiments.sobol_n"
    assert exc.value.render("id").splitlines() == [
        "-n 6: sampel dasar Sobol harus perpangkatan 2 (konvergensinya bergantung padanya)",
        "  perbaikan: pakai -n 4 atau -n 8"]
    study = _study(method="sobol", n=2, params=["adaptation.d_scale",
                                                 "recruitment.fill_scale"])
    assert len(study.samples) == 2 * (2 + 2)
    runs = study.run(tmp_path / "sobol", quiet=True)
    table = study.analyse(runs)
    assert {"ST", "ST_conf", "S1", "S1_conf"} <= set(table.columns)


def _status(args: list[str]) -> int:
    try:
        return cli.main(args)
    except SystemExit as exc:  # argparse's own errors (translated) exit here
        return int(exc.code)


def test_bad_sensitivity_arguments_exit_2(tmp_path, capsys):
    for extra in (["--method", "fast"], ["--outcome", "happiness"], ["-n", "0"],
                  ["--params", "demography.exit_hazard_scale"],
                  ["--params", "demography.nonsense,adaptation.d_scale"],
                  ["--policies", "none,nonsense"], ["--method", "sobol", "-n", "6"]):
        assert _status(["sensitivity", "salor", "--out", str(tmp_path / "x"), *extra]) == 2
        err = capsys.readouterr().err
        assert "error" in err and "Traceback" not in err
    assert not (tmp_path / "x").exists()  # nothing was started
    (tmp_path / "file").write_text("")
    assert _status(["sensitivity", "salor", "--out", str(tmp_path / "file" / "sub"),
                    "--params", "adaptation.d_scale,adaptation.tau_scale", "-n", "2",
                    "--years", "1", "-r", "1"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "file" in err


def test_indices_rank_a_dominant_input_first():
    study = _study()
    rng = np.random.default_rng(0)
    runs = []
    x = study.samples
    for i in range(len(x)):
        for pol in study.labels:
            for r in range(2):
                y = 0.2 + (0.1 * x[i, 1] if pol == "balancing" else 0) + 1e-4 * rng.random()
                runs.append({"point": i, "policy": pol, "replication": r, "p_unmet": y})
    table = study.analyse(pd.DataFrame(runs))
    top = table[(table["target"] == "effect")].sort_values("rank").iloc[0]
    assert top["parameter"] == "adaptation.d_scale" and top["direction"] == "+"
