"""Every declared parameter, given a malformed value, gets exit 2 and one clear message.

The malformed values come from the declarations themselves (`iter_parameters`): below
and above each declared bound, infinities and NaN, yes/no where a number is expected
and numbers where a yes/no is, text, lists and mappings where they do not belong,
unknown choices and unknown keys. Each goes into a complete scenario file at the
parameter's place (list items and mapping entries included) and through
`run_sim.py run`: exit status 2, one `error:` message naming the key, no traceback,
no results folder.
"""

from __future__ import annotations

import math
import types
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import pytest
import yaml
from conftest import tiny_scenario
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model import cli
from model.core.declare import Section
from model.scenario.declarations import iter_parameters

ROWS = iter_parameters()
POLICY_FILE = "from model.policies import Moves\n\n\nclass Idle:\n    name = 'idle'\n\n" \
              "    def propose(self, view, rng):\n        return Moves()\n"


def base_scenario() -> dict:
    """A complete tiny scenario with one of everything a parameter path can point into."""
    data = tiny_scenario()
    data["demand"]["events"] = [{"month": 2, "factor": 1.1, "agency": "education",
                                 "unit_kind": "school", "role": "teacher_primary"}]
    data["recruitment"] = {"placement": "listed", "listed": [
        {"role": "nurse", "count": 1, "unit_kind": "clinic"}]}
    data["policy"] = {"module": "idle_policy.py", "class": "Idle", "name": "idle",
                      "params": {}}
    return data


def base_for(path: str) -> dict:
    """The base scenario, with two governments when `path` is one of their values."""
    data = base_scenario()
    if path.startswith("governments"):
        data["governments"] = {"members": [
            {"name": "A", "kind": "province", "province": "A", "settings": {}},
            {"name": "B", "kind": "regency", "province": "A", "settings": {}}],
            "round": {"planned": [{"from": "A", "to": "B", "role": "teacher_primary",
                                   "count": 1}]}}
    return data


def concrete(path: str, data: dict) -> list:
    """The key path of a declared parameter in `data` (first list item, first entry)."""
    keys: list = []
    node: Any = data
    for part in path.replace("[]", ".[]").split("."):
        if part == "[]":
            keys.append(0)
            node = node[0]
        elif part == "*":
            # a mapping the base scenario leaves to its declared default: a built-in key
            first = next(iter(node), {"occupations": "admin", "agencies": "health"}.get(
                str(keys[-1]), "x"))
            keys.append(first)
            node = node.get(first, {})
        else:
            keys.append(part)
            node = node.get(part, {}) if isinstance(node, dict) else {}
    return keys


def put(data: dict, keys: list, value: Any) -> None:
    node = data
    for k in keys[:-1]:
        node = node.setdefault(k, {}) if isinstance(node, dict) else node[k]
    node[keys[-1]] = value


def _strip(ann: Any) -> tuple[Any, list]:
    meta: list = []
    while get_origin(ann) is Annotated:
        args = get_args(ann)
        ann, meta = args[0], [*meta, *args[1:]]
    return ann, meta


def _members(ann: Any) -> list:
    ann, _ = _strip(ann)
    if get_origin(ann) in (Union, types.UnionType):
        return [a for a in get_args(ann) if a is not type(None)]
    return [ann]


def outside(bounds: dict) -> list:
    """Numbers just outside, and far outside, the declared range."""
    out: list = [math.inf, -math.inf, math.nan]
    is_int = bounds.get("type") is int
    if "lower" in bounds:
        op, lo = bounds["lower"]
        out += [lo - (1 if is_int else 1e-9 * max(1.0, abs(lo))) if op == "ge" else lo,
                lo - 1e6 * max(1.0, abs(lo)), -1e300]
    if "upper" in bounds:
        op, hi = bounds["upper"]
        out += [hi + (1 if is_int else 1e-9 * max(1.0, abs(hi))) if op == "le" else hi,
                hi * 1e6 + 1e6, 2**63, 1e300]
    return [int(v) if is_int and math.isfinite(v) and float(v).is_integer() else v
            for v in out]


WRONG_SHAPES = st.sampled_from(["not a value", [1, 2], {"a": 1}, -7.5e-3])


def malformed(ann: Any, bounds: dict, field_meta: list) -> st.SearchStrategy:
    """Values the declaration `ann` must refuse."""
    members = _members(ann)
    inner, _ = _strip(members[0])
    origin, args = get_origin(inner), get_args(inner)
    if all(_strip(m)[0] in (int, float) for m in members):
        choices = [*outside(bounds), True, False, "three", [1], {"a": 1}]
        if bounds.get("type") is int:
            choices.append(1.5)
        return st.sampled_from(choices)
    if inner is bool:
        return st.sampled_from([1, 0, 2.5, "maybe", [True], {"a": True}])
    if origin is Literal:
        return st.sampled_from(["no-such-choice", 3, [args[0]], {"a": 1}, True])
    if origin is dict:
        key, value = args
        bad_values = malformed(value, bounds, [])
        key_inner = _strip(key)[0]
        some_key = get_args(key_inner)[0] if get_origin(key_inner) is Literal else (
            16 if key_inner is int else "x")
        options = [st.sampled_from(["not a mapping", 5, [1, 2]]),
                   bad_values.map(lambda v: {some_key: v})]
        if get_origin(key_inner) is Literal:
            good = malformed_free_value(value)
            options.append(st.just({"no-such-key": good}))
        if _strip(key)[1]:  # bounded int keys (exit_rate_by_age)
            options.append(st.just({999: 0.01}))
        return st.one_of(*options)
    if origin is list:
        return st.one_of(st.sampled_from(["not a list", 5, {"a": 1}]),
                         malformed(args[0], bounds, []).map(lambda v: [v]))
    if isinstance(inner, type) and issubclass(inner, Section):
        return st.sampled_from(["not a mapping", 5, [1, 2], {"no_such_key": 1}])
    if inner is str or str in members:
        opts: list = [5, 2.5, [1], {"a": 1}, True]
        if any(getattr(m, "min_length", None) for m in field_meta):
            opts.append("")
        if str in members and any(isinstance(m, type) and issubclass(m, Section)
                                  for m in members):
            opts.append("no-such-policy")
        return st.sampled_from(opts)
    return WRONG_SHAPES


def malformed_free_value(ann: Any) -> Any:
    """A value of the right kind for a dict value (to test an unknown key alone)."""
    inner = _strip(ann)[0]
    return 0.5 if inner in (int, float) else {}


def expected_fragment(keys: list) -> str:
    return ".".join(str(k) for k in keys)


def names_the_key(err: str, keys: list) -> bool:
    """The message names the parameter (or, for a mapping's entry, the mapping)."""
    import re

    for n in (len(keys), len(keys) - 1):
        if n >= 1:
            key = re.escape(expected_fragment(keys[:n]))
            if re.search(rf"(^|[\s:(]){key}($|[\s.:=\[])", err, re.M):
                return True
    return False


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bad")
    (folder / "idle_policy.py").write_text(POLICY_FILE)
    return folder


def test_base_scenario_runs(workdir, capsys):
    path = workdir / "base.yaml"
    path.write_text(yaml.safe_dump(base_scenario()))
    assert cli.main(["validate", str(path)]) == 0, capsys.readouterr().err


def test_every_numeric_parameter_has_a_finite_declared_range():
    open_ended = [r["path"] for r in ROWS if r["bounds"]
                  and not ("lower" in r["bounds"] and "upper" in r["bounds"])]
    assert open_ended == []
    for r in ROWS:
        for side in ("lower", "upper"):
            if side in r["bounds"]:
                assert math.isfinite(r["bounds"][side][1]), r["path"]


SKIP = {"extends"}  # read by the loader before validation; tested in test_scenario


def run_status(scenario: dict, workdir, capsys) -> tuple[int, str, Any]:
    path = workdir / "case.yaml"
    path.write_text(yaml.safe_dump(scenario, allow_unicode=True))
    out = workdir / "never"
    capsys.readouterr()
    # no --years or --replications: those would override the file's values
    status = cli.main(["run", str(path), "--out", str(out), "--jobs", "1", "--quiet"])
    return status, capsys.readouterr().err, out


def outside_cases(bounds: dict) -> list:
    """Just below, just above, far above the range, infinity, NaN and a yes/no."""
    values = outside(bounds)
    near = [v for v in values[3:] if not (isinstance(v, float) and not math.isfinite(v))]
    lows = near[:1] if "lower" in bounds else []
    highs = near[-4:-3] + near[-2:-1] if "upper" in bounds else []
    return [*lows, *highs, math.inf, math.nan, True]


OUTSIDE_CASES = [(r, v) for r in ROWS if r["bounds"] and r["path"] not in SKIP
                 for v in outside_cases(r["bounds"])]


@pytest.mark.parametrize("row,value", OUTSIDE_CASES,
                         ids=[f"{r['path']}={v!r}" for r, v in OUTSIDE_CASES])
def test_every_value_outside_a_declared_range_exits_2(row, value, workdir, capsys):
    """Each numeric parameter, just and far outside its range, inf, NaN and true."""
    scenario = base_for(row["path"])
    keys = concrete(row["path"], scenario)
    put(scenario, keys, wrap(_members(row["annotation"])[0], value, row["path"]))
    status, err, out = run_status(scenario, workdir, capsys)
    assert status == 2, f"{row['path']} = {value!r} was accepted\n{err}"
    assert err.count("error:") == 1 and "Traceback" not in err, err
    assert names_the_key(err, keys), err
    assert not out.exists()


@pytest.mark.parametrize("row", [r for r in ROWS if r["path"] not in SKIP],
                         ids=lambda r: r["path"])
@settings(max_examples=6, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_malformed_value_exits_2_naming_the_key(row, data, workdir, capsys):
    field_meta = row["metadata"]
    scenario = base_for(row["path"])
    keys = concrete(row["path"], scenario)
    value = data.draw(malformed(row["annotation"], row["bounds"], field_meta), label="value")
    put(scenario, keys, value)
    status, err, out = run_status(scenario, workdir, capsys)
    assert status == 2, f"{row['path']} = {value!r} was accepted\n{err}"
    assert err.count("error:") == 1 and err.startswith("error:"), err
    assert "Traceback" not in err
    assert names_the_key(err, keys), err
    assert not out.exists()


# Size-like values: their upper bounds keep a region within memory (a region of 10
# million staff takes minutes to build), so the run-at-the-bounds test below uses
# their lower bounds only; `bench` runs a million staff.
SIZE_LIKE = {"region.target_staff", "region.unit_kinds.*.count", "region.unit_kinds.*.staff",
             "recruitment.quota", "recruitment.listed[].count", "years", "replications",
             "demand.events[].month", "region.districts[].weight"}
POLICY_OF = {"policies.rotation": "rotation", "policies.balancing": "balancing",
             "policies.matching": "matching", "policies.anticipation": "anticipation",
             "policies.optimal": "optimal"}


def at_bounds(row: dict) -> list:
    """The extreme values a declaration accepts (just inside a strict bound)."""
    b = row["bounds"]
    out = []
    for side, sign in (("lower", 1), ("upper", -1)):
        if side not in b or (side == "upper" and row["path"] in SIZE_LIKE):
            continue
        op, v = b[side]
        if op in ("gt", "lt"):
            v = v + sign * (1 if b["type"] is int else 1e-6 * max(1.0, abs(v)))
        out.append(int(v) if b["type"] is int else float(v))
    return out


STR_KEYS = {"region.age_bands": "20-60", "region.service_bands": "0-40",
            "workload.compatibility": "teacher_primary>nurse",
            # occupations are the region's own names (str keys): the built-in region's
            "region.unit_kinds.*.staff": "admin", "region.staffing_by_role": "nurse",
            "demand.trend_per_year": "nurse", "recruitment.quota": "nurse",
            "region.position_mix": "nurse", "demand.growth_by_agency": "health"}


def wrap(ann: Any, value: Any, path: str) -> Any:
    """`value` placed where a number sits in `ann` (inside mappings and lists)."""
    inner = _strip(ann)[0]
    origin, args = get_origin(inner), get_args(inner)
    if origin is dict:
        key_ann = _strip(args[0])[0]
        key = get_args(key_ann)[0] if get_origin(key_ann) is Literal else (
            40 if key_ann is int else STR_KEYS[path])
        return {key: wrap(args[1], value, path)}
    if origin is list:
        return [wrap(args[0], value, path)]
    return value


BOUND_CASES = [(r, v) for r in ROWS if r["bounds"] and r["path"] not in SKIP
               for v in at_bounds(r)]


@pytest.mark.parametrize("row,value", BOUND_CASES,
                         ids=[f"{r['path']}={v}" for r, v in BOUND_CASES])
def test_a_value_that_validates_runs(row, value, workdir):
    """Nothing that validates may crash a run: each parameter at its declared bounds."""
    from model.core.errors import UserError
    from model.experiments.experiment import run_replications
    from model.reporting.outputs import write_run
    from model.reporting.tables import summary_table
    from model.scenario.loading import load_scenario

    scenario = base_for(row["path"])
    scenario["years"] = 1
    scenario["replications"] = 1
    scenario["mutation"] = {"months": [1, 4, 7, 10]}
    scenario["policy"] = next((p for k, p in POLICY_OF.items() if row["path"].startswith(k)),
                              "balancing")
    keys = concrete(row["path"], scenario)
    put(scenario, keys, wrap(_members(row["annotation"])[0], value, row["path"]))
    try:
        params = load_scenario(scenario)
    except UserError as exc:  # e.g. shares that must sum to 1, age_min <= age_max
        pytest.skip(f"refused by a cross-check: {str(exc).splitlines()[1].strip()[:160]}")
    try:
        results = run_replications(params, jobs=1, quiet=True)
    except UserError as exc:
        # a hard requirement the planner set that the state makes infeasible (e.g.
        # optimal's min_coverage with nobody to move) stops the run with exit 2 and a
        # message naming the key: not a crash
        assert row["path"].rsplit(".", 1)[-1] in str(exc), exc
        return
    summary = write_run(workdir / "bounds", params, results, params.seed, 0.0,
                        overwrite=True, figures=False)
    assert summary_table(summary)
    ts = results[0].timeseries
    assert len(ts) == 13 and ts.notna().all().all(), row["path"]


def test_figures_survive_a_region_without_need(tmp_path):
    """Box plots of load with no unit that has any need draw nothing, and do not fail."""
    import pandas as pd

    from model.reporting.figures import load_by_group

    units = pd.DataFrame({"policy": ["none"] * 2, "replication": [0, 0], "month": [0, 12],
                          "agency": ["education"] * 2, "unit_id": [1, 1],
                          "required_fte": [0.0, 0.0], "staff": [1, 1]})
    load_by_group(units, tmp_path, "agency", 2027)
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("text,key,lines", [
    ("extends: default\nyears: 3\nseed: 1\nyears: 4\n", "years", (2, 4)),
    ("extends: default\ndemography:\n  exit_rate_by_age:\n    18: 0.01\n    18.0: 0.02\n",
     "demography.exit_rate_by_age.18.0", (4, 5)),
])
def test_a_key_given_twice_names_both_lines(text, key, lines, tmp_path, capsys):
    path = tmp_path / "twice.yaml"
    path.write_text(text)
    assert cli.main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{key} ditulis dua kali (baris {lines[0]} dan {lines[1]})" in err, err
    assert cli.main(["validate", str(path), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert f"{key} is given twice (lines {lines[0]} and {lines[1]})" in err, err


def _alias_bomb(levels: int = 9) -> str:
    """A few hundred bytes that expand to 9**levels values (the 'billion laughs')."""
    lines = ["extends: default", "a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("text,message,message_id", [
    (_alias_bomb(), "aliases and anchors (&name) are not allowed",
     "alias dan jangkar (&nama) tidak diizinkan"),
    ("extends: default\nrecruitment: &r {lag_months: 3}\nx: *r\n",
     "aliases and anchors (&name) are not allowed", "tidak diizinkan dalam skenario"),
    ("extends: default\nx: " + "[" * 5000 + "]" * 5000 + "\n", "nested more than 32 levels",
     "bersarang lebih dari 32 tingkat"),
    # deep enough to crash libyaml's recursive composer: refused before composing
    ("extends: default\nx: " + "[" * 40000 + "]" * 40000 + "\n", "nested more than 32 levels",
     "bersarang lebih dari 32 tingkat"),
], ids=["alias bomb", "one alias", "5000 levels", "40000 levels"])
def test_yaml_aliases_and_deep_nesting_are_refused_quickly(text, message, message_id,
                                                           tmp_path, capsys):
    import time

    path = tmp_path / "bad.yaml"
    path.write_text(text)
    assert len(text) < 81000
    t0 = time.perf_counter()
    assert cli.main(["validate", str(path)]) == 2
    assert time.perf_counter() - t0 < 5
    err = capsys.readouterr().err
    assert message_id in err and "Traceback" not in err, err
    assert cli.main(["validate", str(path), "--lang", "en"]) == 2
    assert message in capsys.readouterr().err


def test_set_reaches_list_items(capsys):
    from model.scenario.loading import load_scenario

    s = load_scenario("default", {"region.districts.1.x_km": 12.5})
    assert s.region.districts[1].x_km == 12.5
    assert cli.main(["validate", "default", "--set", "region.districts.99.x_km=1"]) == 2
    assert "not an item number (0 to 19)" in capsys.readouterr().err


def test_at_most_sixteen_policies_composed(capsys):
    """Each composed policy has its own random stream key within the month (16 per month)."""
    many = "[" + ",".join(["balancing"] * 17) + "]"
    assert cli.main(["validate", "default", "--set", f"policy={many}"]) == 2
    assert "17 policies composed; at most 16" in capsys.readouterr().err
    sixteen = "[" + ",".join(["balancing"] * 16) + "]"
    assert cli.main(["validate", "default", "--set", f"policy={sixteen}"]) == 0


@pytest.mark.parametrize("bands,message_id,message", [
    ('{"18-30": 0.5, "32-70": 0.5}', "melewatkan umur 31-31", "leave ages 31-31 out"),
    ('{"18-30": 0.5, "30-70": 0.5}', "tumpang tindih", "overlap"),
    ('{"18-30": 0.4, "31-70": 0.5}', "harus berjumlah 1", "must sum to 1"),
])
def test_age_bands_that_do_not_follow_each_other_are_refused(bands, message_id, message,
                                                             capsys):
    assert cli.main(["validate", "default", "--set", f"region.age_bands={bands}"]) == 2
    assert message_id in capsys.readouterr().err
    assert cli.main(["validate", "default", "--set", f"region.age_bands={bands}",
                     "--lang", "en"]) == 2
    assert message in capsys.readouterr().err


def test_a_removed_key_says_why_it_went(capsys):
    assert cli.main(["validate", "default", "--set", "region.retiring_per_year=0.03"]) == 2
    assert "dihapus: pensiun kini mengikuti umur yang mulus" in capsys.readouterr().err
    assert cli.main(["validate", "default", "--set", "region.retiring_per_year=0.03",
                     "--lang", "en"]) == 2
    assert "removed: retirements now follow" in capsys.readouterr().err
