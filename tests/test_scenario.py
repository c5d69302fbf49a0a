"""Scenario loading: extends, overrides, declarations, and every bad input."""

from __future__ import annotations

import textwrap

import pytest
from conftest import ROOT

from model.core.errors import ScenarioError
from model.core.vocab import AREA_TYPES, POSITION_TYPES, AreaName, PositionName
from model.scenario.declarations import iter_parameters
from model.scenario.loading import builtin_scenarios, load_scenario
from model.scenario.scenario import Scenario


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_vocabulary_literals_match_the_enums():
    assert list(AreaName.__args__) == AREA_TYPES
    assert list(PositionName.__args__) == POSITION_TYPES


def test_every_builtin_scenario_is_valid():
    assert "default" in builtin_scenarios()
    for path in builtin_scenarios().values():
        assert isinstance(load_scenario(path), Scenario)


def test_every_parameter_has_unit_and_source():
    rows = iter_parameters()
    assert len(rows) > 60
    missing = [r["path"] for r in rows if not r["source"] and not r["path"].startswith(
        ("region.districts", "region.unit_kinds"))]
    assert missing == [], missing


def test_extends_by_name_works_from_any_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = write(tmp_path, "mine.yaml", """
        extends: default
        name: mine
        recruitment:
          replacement_rate: 1.1
    """)
    s = load_scenario(path)
    assert s.name == "mine" and s.recruitment.replacement_rate == 1.1
    # untouched values come from the parent
    assert s.recruitment.lag_months == 6 and len(s.region.districts) == 20


def test_extends_relative_path_is_relative_to_the_file(tmp_path, monkeypatch):
    sub = tmp_path / "a"
    sub.mkdir()
    write(sub, "parent.yaml", """
        extends: default
        name: parent
        years: 4
    """)
    child = write(sub, "child.yaml", """
        extends: parent.yaml
        name: child
    """)
    monkeypatch.chdir(ROOT)
    s = load_scenario(child)
    assert s.name == "child" and s.years == 4 and s.extends == "parent.yaml"


def test_set_overrides_dotted_keys():
    s = load_scenario("default", {"recruitment.replacement_rate": 0.5, "mutation.months": [3]})
    assert s.recruitment.replacement_rate == 0.5 and s.mutation.months == [3]


def test_a_scenario_with_the_same_overrides_is_validated_once():
    """Each replication builds its model from the same scenario and overrides: validated
    once per process, each call its own copy (a run that changes what it was given, e.g.
    a custom policy its parameters, does not reach the next); the overrides' order is
    kept (a later key wins); a bad override is refused every time; threads may share it."""
    import sys
    import threading

    from model.scenario import loading

    base = load_scenario("default")
    calls = []
    real = loading.validate
    loading.validate = lambda *a, **k: calls.append(1) or real(*a, **k)
    try:
        lazy = load_scenario(base, {"agent_views": "lazy", "policy": "balancing"})
        again = load_scenario(base, {"agent_views": "lazy", "policy": "balancing"})
    finally:
        loading.validate = real
    assert len(calls) == 1 and again == lazy and again is not lazy
    assert lazy.agent_views == "lazy" and lazy.policy == "balancing"
    lazy.mutation.months.append(99)  # a run changing its copy
    assert 99 not in load_scenario(base, {"agent_views": "lazy",
                                          "policy": "balancing"}).mutation.months
    assert load_scenario(base, {"agent_views": "lazy", "policy": "none"}).policy == "none"
    assert load_scenario(load_scenario("default"), {"policy": "balancing"}).policy == \
        "balancing"
    assert base.agent_views != "lazy" and base.policy != "balancing"  # not changed
    # overlapping keys: the later one wins, in either order
    one = {"recruitment": {"replacement_rate": 0.5}, "recruitment.replacement_rate": 1.0}
    other = dict(reversed(list(one.items())))
    assert load_scenario(base, one).recruitment.replacement_rate == 1.0
    assert load_scenario(base, other).recruitment.replacement_rate == 0.5
    for _ in range(2):
        with pytest.raises(ScenarioError, match="years"):
            load_scenario(base, {"years": 0})
    errors = []

    def many(first: int) -> None:
        try:
            for seed in range(first, first + 60):
                assert load_scenario(base, {"seed": seed}).seed == seed
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        threads = [threading.Thread(target=many, args=(i * 1000,)) for i in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(interval)
    assert not errors and len(loading._DERIVED) <= loading.DERIVED_KEPT


@pytest.mark.parametrize("text, expect", [
    ("extends: default\nrecruitment:\n  replacment_rate: 1\n",
     ["recruitment.replacment_rate", "unknown key", ":3", "known keys here", "replacement_rate"]),
    ("extends: default\nyears: ten\n", ["years = 'ten'", "integer", ":2"]),
    ("extends: default\nyears: 0\n", ["years = 0", "greater than or equal to 1"]),
    ("extends: default\nrecruitment:\n  replacement_rate: -1\n",
     ["recruitment.replacement_rate = -1", "greater than or equal to 0"]),
    ("extends: default\nyears: [1, 2\n", ["broken YAML", "line"]),
    ("", ["the file is empty"]),
    ("extends: nowhere\n", ["extends = 'nowhere'", "unknown scenario", "default"]),
    ("extends: missing.yaml\n", ["extends = 'missing.yaml'", "no such file"]),
    ("extends: default\npolicy: shuffle\n", ["unknown policy", "none"]),
    ("extends: default\nregion:\n  age_bands: {'20-30': 0.5}\n", ["sum to 1"]),
    ("extends: default\nregion:\n  service_bands: {'0-10': 0.5, '11-20': 0.6}\n",
     ["service_bands shares must sum to 1"]),
    ("extends: default\nregion:\n  service_bands: {'2-10': 0.5, '11-40': 0.5}\n",
     ["service_bands must start at 0"]),
    ("extends: default\nregion:\n  entry_age_min: 25\n", ["entry_age_min = 25",
                                                           "youngest age band (20)"]),
    ("extends: default\nregion:\n  age_bands: {'45-50': 0.5, '51-70': 0.5}\n"
     "demography:\n  retirement_age: {administrative: 40}\nrecruitment:\n  age_max: 30\n",
     ["age_bands start at 45", "lowest retirement age (40)"]),
    ("extends: default\nregion:\n  entry_age_min: 40\n  entry_age_max: 30\n",
     ["entry_age_min = 40 must be below entry_age_max = 30"]),
    ("- a\n- b\n", ["top level must be a mapping"]),
    ("extends: default\nname: 2027-02-30\n", ["a value cannot be read"]),
    ("extends: default\nseed: !!python/object:os.system ls\n", ["a value cannot be read"]),
    ("extends: default\n? [a, b]\n: 1\n", ["a value cannot be read"]),
    ("extends: default\ndemand:\n  events: [{month: 1, factor: 2, unit_kind: nosuch}]\n",
     ["bad.yaml:3: demand.events: unit_kind = 'nosuch' is not a unit kind"]),
])
def test_bad_scenarios_name_file_key_value_and_expectation(tmp_path, text, expect):
    path = write(tmp_path, "bad.yaml", text)
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    msg = str(info.value)
    assert "bad.yaml" in msg or "scenario" in msg
    for part in expect:
        assert part in msg, (part, msg)


def test_unknown_set_key_is_reported_as_such():
    with pytest.raises(ScenarioError) as info:
        load_scenario("default", {"recruitment.quota_size": 3})
    msg = str(info.value)
    assert "--set" in msg and "recruitment.quota_size" in msg and "unknown key" in msg


def test_unknown_scenario_lists_the_known_ones():
    with pytest.raises(ScenarioError) as info:
        load_scenario("atlantis")
    assert "unknown scenario 'atlantis'" in str(info.value)
    assert "default" in str(info.value)


def test_missing_file_is_reported():
    with pytest.raises(ScenarioError, match="scenario file not found"):
        load_scenario("no/such/file.yaml")


def test_cycle_in_extends_is_reported(tmp_path):
    write(tmp_path, "a.yaml", "extends: b.yaml\n")
    b = write(tmp_path, "b.yaml", "extends: a.yaml\n")
    with pytest.raises(ScenarioError, match="cycle"):
        load_scenario(b)


def test_partial_tables_merge_with_the_declared_defaults():
    s = load_scenario("default", {"demography.retirement_age.teacher": 61})
    assert s.demography.retirement_age["teacher"] == 61
    assert s.demography.retirement_age["administrative"] == 58  # kept
    s = load_scenario("default", {"region.unit_kinds.primary_school.staff.teacher_primary": 9})
    assert s.region.unit_kinds["primary_school"].staff == {"teacher_primary": 9, "admin": 1.5}


def test_tables_that_must_sum_to_one_are_replaced_whole():
    s = load_scenario("default", {"region.age_bands": {"25-59": 1.0}})
    assert s.region.age_bands == {"25-59": 1.0}
    s = load_scenario("default", {"region.position_mix.doctor": {"functional_middle": 1.0}})
    assert s.region.position_mix["doctor"] == {"functional_middle": 1.0}
    assert "nurse" in s.region.position_mix  # other occupations kept


def test_values_inside_tables_are_range_checked():
    with pytest.raises(ScenarioError, match="less than or equal to 75"):
        load_scenario("default", {"demography.retirement_age.teacher": 300})
    with pytest.raises(ScenarioError, match="less than or equal to 1"):
        load_scenario("default", {"region.hardness.remote": 3})


def test_recruits_must_be_younger_than_the_lowest_bup():
    with pytest.raises(ScenarioError, match="recruitment.age_max = 57 must be below"):
        load_scenario("default", {"demography.retirement_age.administrative": 45,
                                  "recruitment.age_min": 50, "recruitment.age_max": 57})


def test_a_region_without_staff_is_rejected():
    with pytest.raises(ScenarioError, match="no staff"):
        load_scenario("default", {"region.unit_kinds": {"x": {
            "agency": "health", "count": 0, "staff": {"nurse": 3}}}})


def test_cross_checks_do_not_dump_whole_sections(tmp_path):
    path = write(tmp_path, "bad.yaml", "extends: default\nregion:\n  age_bands: {'20-30': 0.5}\n")
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    assert len(str(info.value)) < 600 and "districts" not in str(info.value)


def test_non_utf8_file_is_reported(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_bytes(b"extends: default\nname: \xff\xfe\n")
    with pytest.raises(ScenarioError, match="not a UTF-8 text file"):
        load_scenario(path)


def test_extends_cannot_be_set_from_the_command_line():
    with pytest.raises(ScenarioError, match="extends cannot be"):
        load_scenario("default", {"extends": "other"})


def test_every_uncertain_input_has_both_labels():
    """An uncertain input declares what a planner reads for it, in both languages."""
    from model.scenario.uncertainty import uncertain_label, uncertainties

    rows = [r for r in iter_parameters() if r["explore"]]
    assert rows
    for row in rows:
        assert row["label"] is not None, f"{row['path']}: par(..., label=(id, en)) missing"
        label_id, label_en = row["label"]
        assert label_id.strip() and label_en.strip() and label_id != label_en, row["path"]
    for u in uncertainties(load_scenario("default")):
        for lang in ("id", "en"):
            shown = uncertain_label(u.path, lang, lambda key, lang: key.upper())
            assert shown != u.path and "{" not in shown, (u.path, lang)
    assert uncertain_label("demand.growth_by_agency.health", "en") == "Need growth: health"
    assert uncertain_label("demand.growth_by_agency.health", "id") == \
        "Pertumbuhan kebutuhan: health"
    assert uncertain_label("adaptation.tau_scale", "id") == "Skala lama adaptasi (tau)"
    assert uncertain_label("years", "en") == "years"  # not uncertain: its path


def test_one_bup_lookup_by_position_code():
    demography = load_scenario("default", {"demography.retirement_age.teacher": 62}).demography
    bup = demography.bup_by_position()
    assert bup.dtype.kind == "i" and len(bup) == len(POSITION_TYPES)
    assert dict(zip(POSITION_TYPES, bup.tolist(), strict=True)) == demography.retirement_age
    assert demography.youngest_bup == min(demography.retirement_age.values()) == 58


def test_bad_values_are_told_in_both_languages():
    """A validator's message and pydantic's own complaints have an Indonesian form."""
    from model.core.errors import UserError

    cases = [({"years": 0}, "nilai harus >= 1", "greater than or equal to 1"),
             ({"years": "abc"}, "harus bilangan bulat", "valid integer"),
             ({"recruitment.quota_size": 3}, "kunci tidak dikenal", "unknown key"),
             ({"costs.relocation_idr": 1e20}, "nilai harus <= 10000000000",
              "less than or equal to 10000000000"),
             ({"region.entry_age_min": 40, "region.entry_age_max": 30},
              "harus di bawah entry_age_max", "must be below entry_age_max"),
             ({"mutation.response.mandatory": 3}, "ya/tidak (true atau false)",
              "yes/no (true or false)")]
    for overrides, said_id, said_en in cases:
        with pytest.raises(UserError) as info:
            load_scenario("default", overrides)
        shown_id, shown_en = info.value.render("id"), info.value.render("en")
        assert said_id in shown_id and said_en not in shown_id, shown_id
        assert said_en in shown_en == str(info.value), shown_en
        assert shown_id.startswith("skenario tidak valid:\n  --set: ")
        assert shown_en.startswith("invalid scenario:\n  --set: ")


def test_every_declared_bound_is_told_as_pydantic_words_it():
    """The catalogue's bound texts format each declared bound as pydantic's message does."""
    from pydantic import BaseModel, Field, ValidationError

    from model.scenario.loading import describe_error

    bounds = {(row["bounds"]["type"], *bound) for row in iter_parameters()
              for bound in (row["bounds"].get("lower"), row["bounds"].get("upper")) if bound}
    assert len(bounds) > 20
    for kind, op, value in bounds:
        low = op in ("ge", "gt")
        model = type("M", (BaseModel,), {"__annotations__": {"x": kind},
                                         "x": Field(kind(0), **{op: value})})
        far = kind(10 ** 6 + abs(value))
        with pytest.raises(ValidationError) as info:
            model(x=kind(value) - far if low else kind(value) + far)
        err = info.value.errors()[0]
        described = describe_error(err)
        assert not isinstance(described, str), (op, value, err["msg"])
        assert str(described) == err["msg"]
