"""A region of regions (issue 27): governments, the round between them, shards.

What must hold: a one-government scenario is untouched (the fingerprints and the
regression baseline check its bytes); a run gives the same numbers with 1, 2 and 4
shards, in this process or in local processes; stock and flows add up for each
government and in total, moves between governments included; `redistribution`
moves teachers only from governments over the norm to those under it; a planted
imbalance between two districts shrinks through the round between governments and
not through their own rounds; bad input is refused with a clear message.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from model.core.errors import UserError
from model.governments.members import members, partition
from model.governments.runner import ALL, run_governments
from model.scenario.loading import load_scenario

ROOT = Path(__file__).resolve().parent.parent
SMALL = {"years": 2}


def two_districts(**round_values) -> dict:
    """A province and two districts: one crowded with teachers, one short of them."""
    kab = {"region": {"target_staff": 2500}}
    return {
        "extends": "default", "name": "two", "years": 3, "seed": 3,
        "governments": {
            "round": {"month": 7, **round_values},
            "members": [
                {"name": "Prov", "kind": "province", "province": "P",
                 "settings": {"region": {"target_staff": 800}}},
                {"name": "Crowded", "province": "P", "x_km": 20,
                 "settings": {"region": {"target_staff": 3500, "staffing_by_role": {
                     "teacher_primary": 1.4, "teacher_secondary": 1.4}}}},
                {"name": "Short", "province": "P", "x_km": 60,
                 "settings": {"region": {"target_staff": 3500, "staffing_by_role": {
                     "teacher_primary": 0.6, "teacher_secondary": 0.6}}}},
                {"name": "Even", "province": "P", "x_km": -30, "settings": kab},
            ]}}


@pytest.fixture(scope="module")
def scenario():
    return load_scenario(two_districts())


@pytest.fixture(scope="module")
def runs(scenario):
    """The status quo and redistribution, one seed."""
    return {p: run_governments(scenario, 11, [p]) for p in ("none", "redistribution")}


def pandas(years: list[bytes]) -> pd.DataFrame:
    """A government's needs maps as a DataFrame (they travel as each year's Arrow bytes)."""
    from model.results.run import from_arrow

    return pd.concat([from_arrow(b).to_pandas() for b in years], ignore_index=True)


def teacher_gap(run, name: str, scenario) -> float:
    """Teachers minus need at the end, for government `name` (from its last needs map)."""
    units = None
    for part in run.shard_results:
        for i, df in part["units"].items():
            if run.members[i].name == name:
                units = pandas(df)
    last = units[units["month"] == units["month"].max()]
    teachers = last[last["role"].isin(["teacher_primary", "teacher_secondary"])]
    return float(teachers["staff"].sum() - teachers["required_fte"].sum())


def test_shards_give_the_same_numbers(scenario):
    """1, 2 and 4 shards, serial and in local processes: the same records and tables."""
    def digest(run):
        tables = []
        for part in run.shard_results:
            for key in ("timeseries", "units", "transfers"):
                tables += [(key, i, (pandas(df) if key == "units" else df).to_csv(
                    float_format="%.17g")) for i, df in part[key].items()]
        moves = pd.concat([pd.DataFrame(p["moves"]) for p in run.shard_results])
        moves = moves.sort_values(["month", "from_government", "employee_id"]).to_csv(
            index=False, float_format="%.17g")
        return repr(run.records), sorted(tables), moves

    base = digest(run_governments(scenario, 5, ["redistribution"], shards=1))
    for shards, backend in ((2, "serial"), (4, "serial"), (2, "process"), (4, "process")):
        assert digest(run_governments(scenario, 5, ["redistribution"], shards=shards,
                                      backend=backend)) == base, (shards, backend)


def test_stock_and_flows_add_up(runs):
    """Each government's and the total's staff change by hires, leavers and moves.

    (`new_exits` counts the PPPK contracts not renewed too, as in a one-government run.)
    """
    for run in runs.values():
        for name, recs in run.records.items():
            ts = pd.DataFrame(recs)
            change = ts["n_active"].diff().iloc[1:].to_numpy()
            flows = (ts["new_recruits"] + ts["new_gov_in"] - ts["new_gov_out"]
                     - ts["new_retirements"] - ts["new_exits"]).iloc[1:].to_numpy()
            assert np.array_equal(change, flows), name
        total = pd.DataFrame(run.records[ALL])
        assert total["new_gov_in"].sum() == total["new_gov_out"].sum()
        names = [m.name for m in run.members]
        staff = sum(pd.DataFrame(run.records[n])["n_active"] for n in names)
        assert np.array_equal(staff.to_numpy(), total["n_active"].to_numpy())


def test_redistribution_moves_teachers_from_over_to_under(runs, scenario):
    """Only teachers, only from governments over the norm to the one under it.

    The default region has more teachers than its ABK need, so `Even` (and the
    province's own schools) are over the norm too; only `Short` is under it.
    """
    run = runs["redistribution"]
    moves = pd.concat([pd.DataFrame(p["moves"]) for p in run.shard_results])
    sent = moves[moves["reason"] == "redistribution"]
    assert len(sent) > 50
    names = [m.name for m in run.members]
    assert set(sent["occupation"]) <= {"teacher_primary", "teacher_secondary"}
    sources = {names[i] for i in sent["from_government"]}
    assert "Crowded" in sources and "Short" not in sources
    assert {names[i] for i in sent["to_government"]} == {"Short"}


def test_decide_sends_only_surplus_to_deficit(scenario):
    """The round's decision per role: from over the norm, to under it, within caps."""
    from model.governments.round import Geography, Summary, decide

    gov = scenario.governments
    need = np.array([100.0, 100.0])
    staff = {0: [150, 90], 1: [80, 130], 2: [100, 100], 3: [60, 60]}
    empty = np.zeros(0, np.int64)
    summaries = [Summary(i, np.array(staff[i], float), need, np.array([40, 40]), 1000,
                         empty, empty, empty) for i in range(4)]
    geo = Geography(np.array([0.0, 10, 20, 30]), np.zeros(4), np.zeros(4, np.int64))
    orders = decide(summaries, geo, gov.round, gov.redistribution, True, [0, 1])
    assert orders
    tol = gov.redistribution.tolerance
    for o in orders:
        assert staff[o.source][o.role] > need[o.role] * (1 + tol)
        assert staff[o.target][o.role] < need[o.role] * (1 - tol)
    sent = {}
    for o in orders:
        sent[o.source] = sent.get(o.source, 0) + o.count
    assert all(k <= np.floor(gov.round.cap_share * 1000) for k in sent.values())
    assert not decide(summaries, geo, gov.round, gov.redistribution, False, [0, 1])


def test_planted_imbalance_shrinks_only_between_governments(runs, scenario):
    """The two districts' gap narrows with the round between them, not by their own."""
    none, redis = runs["none"], runs["redistribution"]
    gap_none = teacher_gap(none, "Crowded", scenario) - teacher_gap(none, "Short", scenario)
    gap_redis = (teacher_gap(redis, "Crowded", scenario)
                 - teacher_gap(redis, "Short", scenario))
    assert gap_none > 0
    assert gap_redis < gap_none - 40
    # within-government balancing alone moves nobody between them
    own = run_governments(scenario, 11, ["balancing"])
    out = pd.DataFrame(own.records["Crowded"])["new_gov_out"].sum()
    assert out <= pd.DataFrame(none.records["Crowded"])["new_gov_out"].sum() + 5
    gap_own = teacher_gap(own, "Crowded", scenario) - teacher_gap(own, "Short", scenario)
    assert gap_own > gap_redis + 40


def test_one_government_group_is_its_own_record(runs):
    """A province of one government would read exactly that government's numbers."""
    from model.governments import aggregate

    run = runs["none"]
    # the aggregate of a single government's parts reproduces its record
    model_names = [m.name for m in run.members]
    assert set(model_names) <= set(run.records)
    assert set(aggregate.ADDITIVE) | set(aggregate.RATIOS) | set(aggregate.FROM_LOADS) \
        | set(aggregate.FROM_AUDIT) >= set(pd.DataFrame(run.records[ALL]).columns) - set(
            aggregate.MOVES)


def test_compare_writes_national_and_per_government_results(tmp_path):
    """The command line: compare with shards writes the aggregate and each government."""
    out = tmp_path / "pc"
    done = subprocess.run(
        [sys.executable, str(ROOT / "run_sim.py"), "compare", "provinsi_contoh",
         "--years", "2", "-r", "2", "--shards", "2", "--out", str(out), "--quiet"],
        capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    gov = pd.read_csv(out / "governments.csv")
    assert set(gov["level"]) == {"government", "province", "all"}
    assert len(set(gov.loc[gov["level"] == "government", "government"])) == 5
    summary = pd.read_csv(out / "summary_governments.csv")
    assert {"redistribution", "none"} == set(summary["policy"])
    moves = pd.read_csv(out / "moves_between.csv")
    assert {"request", "redistribution"} >= set(moves["reason"])
    ts = pd.read_csv(out / "timeseries.csv")
    whole = gov[gov["level"] == "all"]
    assert np.allclose(ts["n_active"].to_numpy(), whole["n_active"].to_numpy())
    # the report has a section by government, and the figure of unmet need by government
    report = (out / "report.html").read_text(encoding="utf-8")
    section = report.split("Menurut pemerintah")[1].split("</table>")[0]
    assert section.count("<tr>") == 6 and "Kabupaten Hulu" in section
    assert (out / "figures" / "unmet_by_government.png").stat().st_size > 10_000
    assert "Kebutuhan tidak terpenuhi di akhir horizon menurut pemerintah" in report


def test_an_own_round_policy_writes_the_audit_and_jobs_are_explained(tmp_path):
    """Who bore the governments' own planned moves (audit.csv, summed over them); a
    --jobs that a scenario of several governments does not use is said, not ignored."""
    out = tmp_path / "pc"
    done = subprocess.run(
        [sys.executable, str(ROOT / "run_sim.py"), "run", "provinsi_contoh", "--years", "2",
         "-r", "1", "--set", "policy=balancing", "--jobs", "2", "--shards", "1",
         "--out", str(out), "--lang", "en"],
        capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "--jobs 2 is not used for a scenario of several governments" in done.stdout
    audit = pd.read_csv(out / "audit.csv")
    assert set(audit["policy"]) == {"balancing"}
    assert {"sex", "age", "area", "home_km", "performance"} <= set(audit["dimension"])
    for _, rows in audit.groupby("dimension"):  # every government's staff in every dimension
        assert rows["staff_share"].sum() == pytest.approx(1.0)
    assert (audit.loc[audit["dimension"] == "sex", "rate_moved"] > 0).all()


def test_an_unreachable_scheduler_is_said_within_its_timeout(tmp_path):
    done = subprocess.run(
        [sys.executable, str(ROOT / "run_sim.py"), "run", "provinsi_contoh", "--years", "1",
         "-r", "1", "--executor", "dask", "--scheduler", "tcp://127.0.0.1:9",
         "--scheduler-timeout", "1.5", "--out", str(tmp_path / "o"), "--lang", "en"],
        capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert "cannot reach the Dask scheduler within 1.5 s" in done.stderr
    assert "Traceback" not in done.stderr


def test_partition_balances_and_refuses():
    assert partition(5, 2, [1, 1, 1, 1, 4]) == [[0, 1, 2, 3], [4]]
    assert partition(4, 4) == [[0], [1], [2], [3]]
    with pytest.raises(UserError, match="only 4 governments"):
        partition(4, 5)
    with pytest.raises(UserError, match="1 or more"):
        partition(4, 0)


@pytest.mark.parametrize("change, expected", [
    (lambda d: d["governments"]["members"].append(dict(d["governments"]["members"][1])),
     "is taken by another government"),
    (lambda d: d["governments"]["members"][2].update(province="Q"),
     "no province government names that province"),
    (lambda d: d["governments"]["members"].append(
        {"name": "Prov2", "kind": "province", "province": "P"}),
     "has more than one province government"),
    (lambda d: d["governments"]["members"][1]["settings"].update(years=5),
     "apply to the whole scenario"),
    (lambda d: d["governments"]["round"].update(planned=[
        {"from": "Crowded", "to": "Nowhere", "role": "teacher_primary", "count": 5}]),
     "governments.round.planned.0.to: 'Nowhere' is not a government of this scenario"),
    (lambda d: d["governments"]["round"].update(planned=[
        {"from": "Short", "to": "Short", "role": "teacher_primary", "count": 5}]),
     "from and to the same government"),
    (lambda d: d["governments"]["round"].update(planned=[
        {"from": "Crowded", "to": "Short", "role": "pilot", "count": 5}]),
     "governments.round.planned.0.role: 'pilot' is not an occupation"),
    (lambda d: d["governments"]["round"].update(planned=[
        {"from": "Crowded", "to": "Short", "role": "teacher_primary", "count": 5,
         "year": 2040}]),
     "governments.round.planned.0.year: 2040 is outside the simulated years"),
])
def test_bad_governments_are_refused(change, expected):
    data = two_districts()
    change(data)
    with pytest.raises(UserError) as err:
        members(load_scenario(data))
    assert expected in str(err.value)


def test_bad_input_on_the_command_line(tmp_path):
    """Too many shards, shards on one government, a government's bad setting: exit 2."""
    import yaml

    bad = two_districts()
    bad["governments"]["members"][1]["settings"]["region"]["target_staff"] = -5
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(bad))
    for args, words in ((["compare", "provinsi_contoh", "--shards", "9"], "only 5"),
                        (["run", "default", "--shards", "2"], "one government"),
                        (["run", str(path), "--years", "1"], "Crowded")):
        done = subprocess.run([sys.executable, str(ROOT / "run_sim.py"), *args, "--lang",
                               "en", "--out", str(tmp_path / "x"), "--quiet"],
                              capture_output=True, text=True, timeout=300, cwd=tmp_path)
        assert done.returncode == 2, (args, done.stderr)
        assert words in done.stderr + done.stdout
        assert "Traceback" not in done.stderr


@pytest.mark.slow  # a Dask LocalCluster per run: `make test-slow`
def test_dask_actors_give_the_same_numbers(scenario):
    """Shards as Dask actors (a LocalCluster of 2 and of 4 workers): the same numbers."""
    serial = run_governments(scenario, 5, ["redistribution"], shards=1)
    for shards in (2, 4):
        dask = run_governments(scenario, 5, ["redistribution"], shards=shards,
                               backend="dask")
        assert repr(dask.records) == repr(serial.records), shards


def test_the_national_scenario_is_generated_from_its_sources():
    """indonesia.yaml is what tools/make_indonesia.py writes from scenarios/data."""
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "make_indonesia.py"),
                           "--check"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    data = pd.read_csv(ROOT / "scenarios" / "data" / "provinces.csv")
    assert len(data) == 38
    assert (data["kabupaten"].sum(), data["kota"].sum()) == (416, 98)  # Kepmendagri 2025
    scenario = load_scenario("indonesia")
    govs = scenario.governments.members
    # DKI Jakarta's kabupaten and kota are administrative: 38 + 514 - 6 governments
    assert len(govs) == 546
    assert sum(g.kind == "province" for g in govs) == 38
    staff = sum(g.settings["region"]["target_staff"] for g in govs)
    assert abs(staff - 3_725_730) < 100  # BKN, 1 July 2024: regional ASN


def test_units_are_numbered_across_governments(tmp_path, runs):
    """In the needs map a unit id is one unit: no two governments share one."""
    from model.governments.outputs import tables
    from model.results.run import from_arrow

    (units, rows, loads), transfers, _ = tables(runs["redistribution"], 0, "redistribution")
    units = from_arrow(units).to_pandas()
    assert rows == len(units) and set(loads["month"]) == {0, units["month"].max()}
    owners = units.groupby("unit_id")["government"].nunique()
    assert owners.max() == 1 and units["unit_id"].min() == 0
    per = units.groupby("government", sort=False)["unit_id"].agg(["min", "max"])
    assert (per["min"].to_numpy()[1:] > per["max"].to_numpy()[:-1]).all()
    moved = transfers[transfers["outcome"] == "executed"]
    known = units.drop_duplicates("unit_id").set_index("unit_id")["government"]
    assert (known.loc[moved["to_unit"]].to_numpy() == moved["government"].to_numpy()).all()


def test_governments_with_other_occupations_are_refused(tmp_path):
    """A mover carries her occupation: every government needs the same occupations."""
    folder = tmp_path / "r"
    done = subprocess.run([sys.executable, str(ROOT / "run_sim.py"), "init-region",
                           str(folder)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    lines = (folder / "occupations.csv").read_text().splitlines()
    (folder / "occupations2.csv").write_text("\n".join(
        [lines[0], *lines[1:], "penyuluh,pertanian,Penyuluh Pertanian,"]) + "\n")
    files = {k: f"{k}.csv" for k in ("employees", "units", "workload", "occupations")}
    other = {**files, "occupations": "occupations2.csv"}
    (folder / "two.yaml").write_text(f"""
extends: region.yaml
name: dua
governments:
  members:
    - {{name: Prov, kind: province, province: T, settings: {{region: {files}}}}}
    - {{name: Kab, province: T, settings: {{region: {other}}}}}
""".replace("'", ""))
    done = subprocess.run([sys.executable, str(ROOT / "run_sim.py"), "validate",
                           str(folder / "two.yaml"), "--lang", "en"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "the same occupations" in done.stderr and "Traceback" not in done.stderr


def test_the_results_folder_is_the_same_bytes_on_one_and_two_shards(tmp_path):
    """Every table of `compare` (CSV and Parquet) is the same bytes on 1 and 2 shards."""
    for shards in (1, 2):
        done = subprocess.run(
            [sys.executable, str(ROOT / "run_sim.py"), "compare", "provinsi_contoh",
             "--years", "1", "-r", "2", "--shards", str(shards), "--format", "both",
             "--out", str(tmp_path / str(shards)), "--quiet"],
            capture_output=True, text=True, timeout=600, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
    files = sorted(p.name for p in (tmp_path / "1").iterdir()
                   if p.suffix in (".csv", ".parquet"))
    assert "moves_between.parquet" in files and "units.parquet" in files
    for name in files:
        assert (tmp_path / "1" / name).read_bytes() == (tmp_path / "2" / name).read_bytes(), \
            name


def test_a_planners_moves_between_governments_are_carried_out():
    """`round.planned`: the listed people move in their year's round, as decrees."""
    data = two_districts()
    data["governments"]["round"]["planned"] = [
        {"from": "Even", "to": "Short", "role": "teacher_secondary", "count": 12,
         "year": 2028}]
    run = run_governments(load_scenario(data), 11, ["none"])
    moves = pd.concat([pd.DataFrame(p["moves"]) for p in run.shard_results])
    planned = moves[moves["reason"] == "planned"]
    names = [m.name for m in run.members]
    assert len(planned) == 12 and set(planned["month"]) == {19}  # July 2028
    assert {names[i] for i in planned["from_government"]} == {"Even"}
    assert {names[i] for i in planned["to_government"]} == {"Short"}
    assert set(planned["occupation"]) == {"teacher_secondary"}
    went = int(planned["outcome"].isin(["executed", "forced"]).sum())
    into = pd.DataFrame(run.records["Short"])
    assert into["new_gov_in"].sum() >= went > 0



def test_an_arm_naming_none_runs_none_everywhere(scenario):
    """`none` switches every government's own rounds off; `redistribution` alone keeps
    each government's own policy (here the scenario's `balancing`)."""
    from model.governments.runner import request_destinations
    from model.governments.shard import Shard

    own = load_scenario({**two_districts(), "policy": "balancing"})
    dest = request_destinations(members(own))
    for arm, expected in ((["none"], "none"), (["redistribution"], "balancing"),
                          (["rotation", "redistribution"], "rotation")):
        shard = Shard(own, [1, 2], 3, arm, dest, False)
        assert {m.policy_name for m in shard.models.values()} == {expected}, arm


def test_a_mover_who_comes_back_is_home_again(scenario):
    """Sent from A to B and back: her home is her own district of A again, not B."""
    from model.governments.round import REDISTRIBUTION, REQUEST, Order
    from model.governments.runner import request_destinations
    from model.governments.shard import Shard

    shard = Shard(scenario, [1, 2], 5, None, request_destinations(members(scenario)),
                  False)
    shard.advance(6)
    a, b = shard.models[1], shard.models[2]
    role = a.vocab.occ_index["teacher_primary"]
    sent = shard.release([Order(1, 2, role, 4, REDISTRIBUTION)], 7)
    homes = dict(zip(sent.source_row.tolist(), a.employees.home[sent.source_row].tolist(),
                     strict=True))
    shard.expect({2: sent})
    shard.advance(7)
    arrived = np.array(sorted(shard.origin[2]), np.int64)
    assert arrived.size == sent.n
    assert all(b.world.district_names[h].startswith("@") for h in b.employees.home[arrived])
    shard.advance(18)  # the next round: July a year later
    back = shard.release([Order(2, 1, role, arrived.size, REQUEST, rows=arrived)], 19)
    shard.expect({1: back})
    before = a.employees.n
    shard.advance(19)  # July: the round's arrivals are the month's only new rows
    returned = np.arange(before, a.employees.n)
    assert returned.size == back.n == len(homes)
    assert sorted(a.employees.home[returned].tolist()) == sorted(homes.values())
    assert not shard.origin[1]  # home again: nothing to remember
