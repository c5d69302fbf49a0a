"""The policy search (`run_sim.py search`): a front a head of office can choose from.

On a small two-district region: the search finds a planted optimum known from a grid;
the front is non-dominated (checked here, independently of the code); re-running the
front with more replications drops a point only another clearly dominates; a search
killed halfway and run again gives the same files as one never interrupted (and as one
on two workers); the robustness scores are those of a direct re-run of a candidate
over the same sample; bad settings are clear messages with exit status 2.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

import numpy as np
import pandas as pd
import pytest
import yaml
from conftest import ROOT, tiny_region, tiny_scenario

from model import cli
from model.core.rng import replication_seeds
from model.experiments.experiment import summarised_run
from model.experiments.pareto import clearly_dominated, non_dominated
from model.experiments.search import PolicySearch
from model.experiments.search_robust import point_overrides
from model.experiments.search_space import Objective, scenario_overrides


def region_scenario() -> dict:
    """~220 staff in two districts: enough for transfers to matter, fast to run."""
    region = tiny_region(unit_kinds={
        "school": {"agency": "education", "count": 10, "location": "each", "size_sd": 0.3,
                   "staff": {"teacher_primary": 10}},
        "clinic": {"agency": "health", "count": 4, "location": "capital", "size_sd": 0.3,
                   "staff": {"nurse": 5}},
    }, staffing_by_area={"urban": 1.25, "remote": 0.7}, demand_sd=0.2)
    return tiny_scenario(region=region, years=2, seed=11)


@pytest.fixture(scope="module")
def scenario_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("search") / "two_districts.yaml"
    path.write_text(yaml.safe_dump(region_scenario(), sort_keys=False), encoding="utf-8")
    return path


SMALL = ["--evaluations", "16", "-r", "2", "--final-replications", "4", "--robustness", "3",
         "--robust-replications", "1", "--levers", "policy,share_per_round,training",
         "--threshold", "p_unmet<=0.2", "--quiet"]


def search_cli(scenario_file, out, *extra, jobs=1):
    return [sys.executable, str(ROOT / "run_sim.py"), "search", str(scenario_file), *SMALL,
            "--jobs", str(jobs), "--out", str(out), *extra]


@pytest.fixture(scope="module")
def finished(scenario_file, tmp_path_factory):
    """One uncompleted search on two workers: its folder."""
    out = tmp_path_factory.mktemp("search") / "whole"
    p = subprocess.run(search_cli(scenario_file, out, jobs=2), cwd=ROOT, capture_output=True,
                       text=True, timeout=600)
    assert p.returncode == 0, p.stderr
    return out


def test_the_search_writes_a_front_and_its_figures(finished):
    for name in ("front.csv", "candidates.csv", "robustness.csv", "evaluations.csv",
                 "plan.json", "meta.json", "figures/front.png", "figures/parallel.png"):
        assert (finished / name).is_file(), name
    front = pd.read_csv(finished / "front.csv", keep_default_na=False)
    cands = pd.read_csv(finished / "candidates.csv", keep_default_na=False)
    assert len(front) >= 1 and set(front["candidate"]) <= set(cands["candidate"])
    # the status quo and the five other built-in policies are scored as references
    assert {"status_quo", "rotation", "balancing", "matching", "anticipation",
            "optimal"} <= set(cands["reference"])
    assert cands.loc[cands["reference"] == "status_quo", "policy"].item() == "none"
    for key in ("p_unmet", "cost_total_idr", "new_moves", "fair_max_hard_ratio"):
        lo, mean, hi = front[f"{key}_lo"], front[key], front[f"{key}_hi"]
        assert ((lo <= mean + 1e-12) & (mean <= hi + 1e-12)).all(), key
    assert front["replications"].eq(4).all()
    assert front["shortlist"].astype(str).str.contains("best_first").sum() == 1


def test_the_front_is_non_dominated_checked_independently(finished):
    cands = pd.read_csv(finished / "candidates.csv", keep_default_na=False)
    objs = [("p_unmet", 1), ("cost_total_idr", 1), ("new_moves", 1),
            ("fair_max_hard_ratio", 1)]
    f = np.column_stack([cands[k].to_numpy(float) * s for k, s in objs])
    free = cands["non_dominated"].astype(str).eq("True").to_numpy()
    on_front = cands["on_front"].astype(str).eq("True").to_numpy()

    def beaten(i):
        return any(np.all(f[j] <= f[i]) and np.any(f[j] < f[i])
                   for j in range(len(f)) if j != i)

    for i in range(len(f)):
        assert beaten(i) != free[i], f"candidate {i}: non-dominated is {free[i]}"
    kept = cands["kept"].astype(str).eq("True").to_numpy()
    assert not (on_front & ~free).any() and not (kept & ~on_front).any()
    assert on_front.sum() == min(free.sum(), 24)  # the front re-run: at most --front-size


def test_reevaluation_drops_a_point_dominated_once_noise_is_reduced():
    rng = np.random.default_rng(3)
    reps = 12
    # the truth: B is better than A by 0.1 on the first objective and the same on the
    # second; most of the noise is common to both (common random numbers)
    common = rng.normal(0, 0.2, (reps, 2))
    a = np.array([1.0, 1.0]) + common + rng.normal(0, 0.01, (reps, 2))
    b = np.array([0.9, 1.0]) + common + rng.normal(0, 0.01, (reps, 2))
    b[:, 1] = a[:, 1]
    c = np.array([0.5, 2.0]) + common  # another trade-off, never dominated
    # A's luck in the first two replications: better on the first, worse on the second
    a[:2, 0] -= 0.15
    a[:2, 1] += 0.05
    two = np.stack([a[:2], b[:2], c[:2]])
    assert non_dominated(two.mean(axis=1)).tolist() == [True, True, True]
    assert not clearly_dominated(two).any()
    # twelve replications: B clearly dominates A; C stays
    assert clearly_dominated(np.stack([a, b, c])).tolist() == [True, False, False]
    # a difference within noise drops nothing
    d = a + rng.normal(0, 0.3, (reps, 2))
    assert not clearly_dominated(np.stack([a[:3], d[:3]])).any()


def test_the_kept_front_drops_only_clearly_dominated_points(finished):
    """Independently of the code: from the stored final runs, the dropped ones are beaten."""
    cands = pd.read_csv(finished / "candidates.csv", keep_default_na=False)
    runs = pd.read_csv(finished / "evaluations.csv", dtype={"candidate": str},
                       keep_default_na=False)
    runs = runs[(runs["point"] == -1) & (runs["replication"] < 4)]
    on = cands[cands["on_front"].astype(str) == "True"]
    cost = [f"cost_{k}_idr" for k in ("moves", "training", "allowance", "socialization")]
    per = []
    for setting in on["setting"]:
        r = runs[runs["candidate"] == setting].sort_values("replication")
        per.append(np.column_stack([r["p_unmet"], r[cost].sum(axis=1), r["new_moves"],
                                    r["fair_max_hard_ratio"]]))
    per = np.array(per)
    kept = on["kept"].astype(str).eq("True").to_numpy()
    from model.core.exactmath import t_quantile

    t = t_quantile(1 - 0.05 / 4, 3)  # 95 % with Bonferroni over the four objectives
    for i in np.flatnonzero(~kept):
        diff = per - per[i]  # [j, r, k]
        mean, sd = diff.mean(axis=1), diff.std(axis=1, ddof=1)
        clear = np.all(mean <= 0, axis=1) & np.any(mean + t * sd / 2 < 0, axis=1)
        clear[i] = False
        assert clear.any(), f"candidate {on['candidate'].iloc[i]} dropped without cause"


def test_a_killed_search_resumes_to_the_same_files(scenario_file, finished, tmp_path):
    out = tmp_path / "resumed"
    p = subprocess.Popen(search_cli(scenario_file, out), cwd=ROOT, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE)
    store = out / "evaluations.csv"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:  # kill it once some runs (not all) are stored
        if store.is_file() and len(store.read_text().splitlines()) > 25:
            break
        time.sleep(0.05)
    p.kill()
    p.wait()
    assert not (out / "front.csv").exists()
    p = subprocess.run(search_cli(scenario_file, out), cwd=ROOT, capture_output=True,
                       text=True, timeout=600)
    assert p.returncode == 0, p.stderr
    for name in ("front.csv", "candidates.csv", "robustness.csv", "evaluations.csv"):
        assert (out / name).read_bytes() == (finished / name).read_bytes(), name


def test_robustness_scores_equal_a_direct_rerun(finished):
    search = PolicySearch(region_scenario(), evaluations=16, replications=2,
                          final_replications=4, robustness=3, robust_replications=1,
                          levers=["policy", "share_per_round", "training"],
                          thresholds=["p_unmet<=0.2"])
    robust = pd.read_csv(finished / "robustness.csv")
    cands = pd.read_csv(finished / "candidates.csv", keep_default_na=False)
    row = cands[cands["kept"].astype(str) == "True"].iloc[-1]
    values = json.loads(row["setting"])
    seed = replication_seeds(search.base.seed, search.final_reps)[0]
    objective = Objective("p_unmet", 1)
    direct = [objective.of(summarised_run(
        search.base, {**scenario_overrides(values, search.base),
                      **point_overrides(search, p)}, seed)) for p in range(3)]
    mine = robust[(robust["candidate"] == row["candidate"]) & (robust["objective"] == "p_unmet")]
    assert mine["median"].item() == pytest.approx(np.median(direct), rel=1e-9, abs=1e-12)
    assert mine["p90"].item() == pytest.approx(np.percentile(direct, 90), rel=1e-9,
                                               abs=1e-12)
    satisficing = np.mean([d <= 0.2 for d in direct])
    assert mine["satisficing"].item() == pytest.approx(satisficing)


def test_a_planted_optimum_is_found(tmp_path):
    """One lever, one objective: the best share per round from a grid, found by the search."""
    scenario = region_scenario()
    kw = dict(replications=2, final_replications=2, robustness=0,
              levers=["share_per_round"], ranges={"share_per_round": (0.0, 0.1)},
              objectives=["p_unmet"])
    scenario["policy"] = "balancing"
    search = PolicySearch(scenario, evaluations=12, pop_size=6, **kw)
    res = search.run(tmp_path / "planted", quiet=True)
    seeds = replication_seeds(search.base.seed, 2)
    objective = Objective("p_unmet", 1)
    grid = {}
    for i in range(search.space[0].count):
        share = search.space[0].value(i)
        values = {**search.defaults, "share_per_round": share}
        over = scenario_overrides(values, search.base)
        grid[share] = np.mean([objective.of(summarised_run(search.base, over, s))
                               for s in seeds])
    best = min(grid.values())
    spread = max(grid.values()) - best
    found = min(search.means(res["store"], res["candidates"], 2)[:, 0])
    assert spread > 0  # the lever matters on this region
    assert found <= best + 0.1 * spread
    # the search's numbers are the grid's (common random numbers, the same runs)
    for c in res["candidates"]:
        if c.reference == "" and c.values["share_per_round"] in grid:
            mean = search.means(res["store"], [c], 2)[0, 0]
            assert mean == grid[c.values["share_per_round"]]


@pytest.mark.parametrize("extra, words", [
    (["--levers", "policy,speed"], "speed"),
    (["--objectives", "p_unmet,happiness"], "happiness"),
    (["--objectives", "p_unmet:most"], ":min"),
    (["--range", "share_per_round=0.1:0.5"], "0.1..0.5"),
    (["--range", "share_per_round=a:b"], "LEVER=LOW:HIGH"),
    (["--threshold", "joy<=3"], "joy"),
    (["--threshold", "p_unmet=0.1"], "METRIC<=VALUE"),
    (["--evaluations", "0"], "--evaluations 0"),
    (["--final-replications", "1", "-r", "2"], "--final-replications 1"),
    (["--policies", "balancing,teleport"], "teleport"),
    (["--policies", "none+balancing"], "without none"),
    (["--levers", "policy,training", "--range", "share_per_round=0.01:0.05"],
     "not a number lever being searched"),
    (["--range", "share_per_round=0.05:0.01"], "LEVER=LOW:HIGH"),
])
def test_bad_settings_are_clear_messages(capsys, tmp_path, scenario_file, extra, words):
    code = cli.main(["search", str(scenario_file), "--lang", "en", "--evaluations", "4",
                     "--out", str(tmp_path / "out"), "--quiet", *extra])
    err = capsys.readouterr().err
    assert code == 2, err
    assert words in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_a_folder_of_another_search_is_refused(capsys, finished, scenario_file):
    code = cli.main(["search", str(scenario_file), "--lang", "en", *SMALL[:-1],
                     "--evaluations", "20", "--out", str(finished), "--quiet"])
    err = capsys.readouterr().err
    assert code == 2 and "other settings" in err and "evaluations" in err


def test_the_report_shows_the_short_list_and_prints(finished):
    from model.reporting.search_report import write_search_report

    html = (finished / "report.html").read_text(encoding="utf-8")
    front = pd.read_csv(finished / "front.csv", keep_default_na=False)
    assert "Daftar pendek" in html and html.count("data:image/png;base64,") == 2
    for cid in front.loc[front["shortlist"] != "", "candidate"]:
        assert f"Kandidat {cid}:" in html
    assert "lebih rendah dari status quo" in html or "lebih tinggi dari status quo" in html
    pdfplumber = pytest.importorskip("pdfplumber")
    try:
        path = write_search_report(finished, "en", pdf=True)
    except Exception as exc:  # noqa: BLE001 - weasyprint's libraries missing here
        pytest.skip(f"no PDF here: {exc}")
    with pdfplumber.open(path.with_suffix(".pdf")) as pdf:
        assert 1 <= len(pdf.pages) <= 8
        assert "Policy search" in pdf.pages[0].extract_text()
        for page in pdf.pages:  # nothing printed beyond the paper's edge
            assert all(w["x1"] <= page.width + 0.5 for w in page.extract_words())


def test_the_dashboard_card_sets_the_controls_to_a_chosen_candidate(finished):
    import ipyvuetify as v
    import solara

    from model.dashboard.controls import initial_levers
    from model.dashboard.front_view import FrontView
    from model.experiments.search_results import candidate_levers, read_front
    from model.scenario.loading import load_scenario

    front, meta = read_front(finished)
    levers = solara.Reactive(initial_levers(load_scenario(region_scenario())))
    box, rc = solara.render(FrontView(levers, front, meta), handle_error=False)
    button = rc.find(v.Btn, children=["Pakai pengaturan ini"])
    button.assert_single()
    button.widget.click()
    first = front[front["shortlist"] != ""].iloc[0]
    wanted = candidate_levers(first)
    assert {k: levers.value[k] for k in wanted} == wanted
    rc.find(v.Btn, children=["Pakai pengaturan ini"]).assert_single()
    assert rc.find(v.Btn, children=["Pakai pengaturan ini"]).widget.disabled  # in use
    rc.close()


def test_the_dashboard_refuses_a_folder_without_a_front(capsys, tmp_path):
    code = cli.main(["dashboard", "--front", str(tmp_path), "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 2 and "front.csv" in err and "Traceback" not in err


def test_an_unpriced_recruitment_lever_is_warned_about(capsys, tmp_path, scenario_file):
    base = ["search", str(scenario_file), "--lang", "en", "--evaluations", "2", "-r", "1",
            "--final-replications", "1", "--robustness", "0", "--years", "1", "--quiet",
            "--levers", "policy,replacement_rate"]
    assert cli.main([*base, "--out", str(tmp_path / "a")]) == 0
    assert "prices no salaries" in capsys.readouterr().out
    assert cli.main([*base, "--objectives", "p_unmet,new_recruits",
                     "--out", str(tmp_path / "b")]) == 0
    assert "prices no salaries" not in capsys.readouterr().out
    plan = json.loads((tmp_path / "a" / "plan.json").read_text())
    assert plan["levers"] == ["policy", "replacement_rate"]
    # by default the recruitment rate is not searched
    default = PolicySearch(region_scenario(), evaluations=2, robustness=0)
    assert "replacement_rate" not in [lev.key for lev in default.space]
    assert len(default.space) == 8  # every lever but the recruitment rate


@pytest.mark.slow  # a Dask LocalCluster: `make test-slow`
def test_a_search_on_dask_gives_the_same_files(scenario_file, finished, tmp_path):
    pytest.importorskip("dask.distributed")
    out = tmp_path / "dask"
    p = subprocess.run(search_cli(scenario_file, out, "--executor", "dask", jobs=2), cwd=ROOT,
                       capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stderr
    for name in ("front.csv", "candidates.csv", "robustness.csv", "evaluations.csv"):
        assert (out / name).read_bytes() == (finished / name).read_bytes(), name


def test_a_small_space_ends_when_no_new_setting_is_left(tmp_path):
    """Two yes/no levers hold four settings: the search stops there, no traceback."""
    search = PolicySearch(region_scenario(), evaluations=20, replications=1,
                          final_replications=1, robustness=0,
                          levers=["training", "socialization"])
    res = search.run(tmp_path / "small", quiet=True)
    searched = [c for c in res["candidates"] if c.reference == ""]
    assert 1 <= len(searched) <= 4


def test_a_maximised_objective_is_read_the_right_way_round(tmp_path):
    search = PolicySearch(region_scenario(), evaluations=8, replications=2,
                          final_replications=3, robustness=2, robust_replications=1,
                          levers=["policy", "training"],
                          objectives=["mean_morale", "new_moves"])
    assert [o.sense for o in search.objs] == [-1, 1]  # morale: up is better
    res = search.run(tmp_path / "max", quiet=True)
    from model.experiments.search_results import front_table

    front = front_table(search, res)
    best = front.loc[front["shortlist"].str.contains("best_first"), "mean_morale"].item()
    assert best == front["mean_morale"].max()
    robust = res["robust"][res["robust"]["objective"] == "mean_morale"]
    # the 90th percentile on the worse side of a maximised objective is its 10th
    assert (robust["p90"] <= robust["median"] + 1e-12).all()
    assert (robust["max_regret"] >= 0).all()


def test_a_front_of_another_scenario_is_said_before_the_dashboard_opens(capsys, finished):
    from model.experiments.search_results import check_front
    from model.scenario.loading import load_scenario

    front, _ = check_front(finished, load_scenario(region_scenario()), "en")
    assert len(front) and "not tiny" not in capsys.readouterr().out
    check_front(finished, load_scenario("default"), "en")
    assert "a search on the scenario tiny, not default" in capsys.readouterr().out


def test_a_front_without_its_objectives_is_refused(capsys, finished, tmp_path):
    import shutil

    broken = tmp_path / "broken"
    shutil.copytree(finished, broken)
    front = pd.read_csv(broken / "front.csv")
    front.drop(columns=["new_moves_vs_status_quo"]).to_csv(broken / "front.csv", index=False)
    code = cli.main(["dashboard", "--front", str(broken), "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 2 and "new_moves_vs_status_quo" in err and "Traceback" not in err
