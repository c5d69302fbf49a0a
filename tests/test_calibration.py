"""Calibration targets: the measures, the targets file, the command, the default region."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import ROOT

from model import WorkforceModel, cli
from model.core.errors import UserError
from model.experiments import calibration as cal
from model.reporting.tables import calibration_markdown


@pytest.fixture(scope="module")
def default_table() -> pd.DataFrame:
    return cal.calibrate("default", replications=4, years=10)


def test_default_region_meets_every_target(default_table):
    missed = set(default_table.loc[~default_table["passed"], "key"])
    assert missed == set()
    assert len(default_table) == len(cal.load_targets())


def test_default_region_retirement_profile_is_within_tolerance_every_year(default_table):
    """Issue 22: a ten-year mean hid a cliff (3.6-4.6 % a year, then 2.6, 2.1 and 0.3 %)."""
    yearly = default_table[default_table["key"].str.startswith("retirement_year_")]
    assert list(yearly["key"]) == [f"retirement_year_{k}" for k in range(1, 11)]
    assert yearly["passed"].all(), yearly[["key", "model", "low", "high"]]
    assert (yearly["model"] > 0.028).all()


def test_default_region_has_no_hole_in_its_age_pyramid():
    """Issue 22: PNS aged 50 were 0.4 % against about 4 % at 47 and 51."""
    m = WorkforceModel("default")
    assert cal.pns_age_smoothness(m, 21, 59) > 0.7
    assert cal.pns_age_smoothness(m, 35, 57, bup=58) > 0.7
    assert cal.pns_age_smoothness(m, 35, 59, bup=60) > 0.7
    E = m.employees
    pns = E.active & (E.employment == 0)
    age = (m.world.start - E.birth[pns]) // 12
    share = np.array([np.mean(age == a) for a in range(20, 61)])
    assert share[47 - 20] < 1.5 * share[50 - 20] and share[51 - 20] < 1.5 * share[50 - 20]


def test_simulated_retirements_have_no_cliff():
    """The run retires people year by year as the roster says: no year falls off."""
    from model.experiments.experiment import Experiment
    from model.scenario.loading import load_scenario

    exp = Experiment(load_scenario("default", {"policy": "none"}), ["none"], replications=1,
                     years=10)
    ts = exp.run(quiet=True)[0].timeseries
    year = (ts["month"] - 1) // 12 + 1
    flow = ts[ts["month"] > 0].groupby(year[ts["month"] > 0])["new_retirements"].sum()
    staff = ts.loc[ts["month"] % 12 == 0, "n_active"].to_numpy()[:10]
    rate = flow.to_numpy() / staff
    assert len(rate) == 10 and (rate > 0.025).all() and (rate < 0.05).all(), rate
    assert (flow.to_numpy()[1:] > 0.8 * flow.to_numpy()[:-1]).all(), flow


def test_every_target_has_a_source_and_assumptions_say_so():
    for t in cal.load_targets():
        assert len(t.source) > 10, t.key
        if "no published" in t.source or "no national" in t.source:
            assert t.assumption, t.key


def test_validation_doc_shows_the_current_calibration(default_table):
    text = (ROOT / "docs" / "VALIDATION.md").read_text()
    block = text.split("<!-- calibration:start -->\n")[1].split("\n<!-- calibration:end -->")[0]
    assert block == calibration_markdown(default_table, "en"), (
        "run: python run_sim.py calibration --lang en --markdown, paste into VALIDATION.md")


# ------------------------------------------------------------------ the measures
def tiny() -> WorkforceModel:
    m = WorkforceModel("kotalama", **{"region.target_staff": 300})
    E = m.employees
    E.employment[:] = 0
    E.employment[:10] = 1  # ten PPPK
    start = m.world.start
    E.birth[:] = start - 45 * 12  # everyone 45 ...
    E.birth[10:30] = start - 57 * 12 - 6  # ... twenty PNS aged 57
    E.hire_at[:] = start - 15 * 12  # 15 years of service ...
    E.hire_at[10:20] = start - 5 * 12  # ... ten PNS with 5
    E.female[:] = False
    E.female[10:40] = True
    return m


def test_start_measures_by_hand():
    m = tiny()
    n = int(m.employees.active.sum())
    pns = n - 10
    assert cal.pppk_share(m) == pytest.approx(10 / n)
    assert cal.pns_age_share(m, 56, 57) == pytest.approx(20 / pns)
    assert cal.pns_age_share(m, 56, 57, per_year=True) == pytest.approx(10 / pns)
    assert cal.pns_age_share(m, 41, 50) == pytest.approx((pns - 20) / pns)
    assert cal.pns_service_share(m, 0, 10) == pytest.approx(10 / pns)
    assert cal.pns_service_share(m, 11, 20) == pytest.approx((pns - 10) / pns)
    assert cal.pns_female_share(m) == pytest.approx(30 / pns)
    E = m.employees
    E.retire_at[:] = m.world.start + 200  # nobody retires within 10 years ...
    E.retire_at[10:30] = m.world.start + 30  # ... but twenty PNS in year 3
    assert cal.pns_due_to_retire(m, 10) == pytest.approx(20 / pns / 10)
    assert cal.pns_due_in_year(m, 3) == pytest.approx(20 / pns)
    assert cal.pns_due_in_year(m, 2) == cal.pns_due_in_year(m, 4) == 0
    E.retire_at[10] = m.world.start  # retires on the first day of the start month: year 1
    E.retire_at[11] = m.world.start + 24  # first month of year 3
    E.retire_at[12] = m.world.start + 23  # last month of year 2
    assert cal.pns_due_in_year(m, 1) == pytest.approx(1 / pns)
    assert cal.pns_due_in_year(m, 2) == pytest.approx(1 / pns)
    assert cal.pns_due_in_year(m, 3) == pytest.approx(18 / pns)


def test_age_smoothness_by_hand():
    m = tiny()
    E, start = m.employees, m.world.start
    pns = int(np.sum(E.active & (E.employment == 0)))
    E.birth[10:] = start - 40 * 12  # PNS aged 40 ...
    E.birth[10:40] = start - 44 * 12  # ... 30 aged 44, 3 aged 45, 30 aged 46
    E.birth[40:43] = start - 45 * 12 - 6
    E.birth[43:73] = start - 46 * 12 - 11
    assert pns > 73
    assert cal.pns_age_smoothness(m, 44, 46) == pytest.approx(3 / 30)  # the hole at 45
    assert cal.pns_age_smoothness(m, 46, 46) == pytest.approx(30 / 1.5)  # 47 empty
    E.birth[40:43] = start - 46 * 12  # 45 empty: a hole of nothing
    assert cal.pns_age_smoothness(m, 44, 46) == 0
    E.birth[40:43] = start - 45 * 12
    E.retire_at[:] = E.birth + 60 * 12 + 1  # a BUP of 60 ...
    E.retire_at[10:73] = E.birth[10:73] + 58 * 12 + 1  # ... but 58 for those aged 44-46
    assert cal.pns_age_smoothness(m, 44, 46, bup=58) == pytest.approx(3 / 30)
    assert np.isnan(cal.pns_age_smoothness(m, 44, 46, bup=60))  # none: no neighbours


def test_ej_band_share_counts_unit_roles_with_need():
    m = tiny()
    table = m.needs_table()
    need = table[table.required_fte > 0]
    assert cal.ej_band_share(m, "A") == pytest.approx(np.mean(need.ej_category == "A"))
    assert sum(cal.ej_band_share(m, b) for b in "ABCDE") == pytest.approx(1.0)


def test_run_measures_by_hand():
    months = np.arange(25)
    ts = pd.DataFrame({"month": months, "n_active": 1000.0, "n_pns": 1000.0 * 0.9 ** (months / 12),
                       "new_retirements": np.where(months > 12, 4.0, 3.0) * (months > 0)})
    ts.loc[12, "n_active"] = 800.0  # staff at the start of year 2
    transfers = pd.DataFrame({"policy": ["request", "request", "balancing"],
                              "outcome": ["executed", "refused", "executed"]})
    assert cal.yearly_flow_rate(ts, transfers, "new_retirements", 1, 1) == pytest.approx(0.036)
    assert cal.yearly_flow_rate(ts, transfers, "new_retirements", 1, 2) == pytest.approx(
        (36 / 1000 + 48 / 800) / 2)
    assert cal.yearly_growth(ts, transfers, "n_pns") == pytest.approx(-0.1)
    assert cal.own_request_rate(ts, transfers) == pytest.approx(0.5 / ts.n_active.mean())


# ------------------------------------------------------------------ bad targets files
@pytest.mark.parametrize("text, expect", [
    ("", "expected a list of targets"),
    ("- key: a\n  what_id: x\n  what_en: x\n  measure: pppk_share\n  value: 0.3\n"
     "  source: somewhere here\n", "tolerance: required key is missing"),
    ("- key: a\n  what_id: x\n  what_en: x\n  measure: nosuch\n  value: 0.3\n  tolerance: 0.1\n"
     "  source: somewhere here\n", "measure 'nosuch' is unknown"),
    ("- key: a\n  what_id: x\n  what_en: x\n  measure: pns_age_share\n  args: {lo: 3}\n"
     "  value: 0.3\n  tolerance: 0.1\n  source: somewhere here\n", "do not fit measure"),
    ("- key: a\n  what_id: x\n  what_en: x\n  measure: pppk_share\n  value: .nan\n"
     "  tolerance: 0.1\n  source: somewhere here\n", "value"),
    ("- key: a\n  what_id: x\n  what_en: x\n  measure: pppk_share\n  value: 0.3\n"
     "  tolerance: -1\n  source: somewhere here\n", "tolerance"),
    ("- key: a\n  what_id: x\n  what_en: x\n  measure: pppk_share\n  value: 0.3\n"
     "  tolerance: 0.1\n  source: s s s s s s\n- key: a\n  what_id: x\n  what_en: x\n"
     "  measure: pppk_share\n  value: 0.3\n  tolerance: 0.1\n  source: s s s s s s\n",
     "given twice"),
    ("- key: a\n  what_id: x\n  what_en: x\n  measure: pppk_share\n  value: 0.3\n"
     "  tolerance: 0.1\n  source: s\n  assumption: yes please\n", "assumption"),
    ("- key: a\n  what_id: x\n  what_en: x\n  measure: yearly_growth\n  args: {stock: nosuch}\n"
     "  value: 0.3\n  tolerance: 0.1\n  source: s\n", "is not a metric"),
    ("- key: a\n  what_id: x\n  what_en: x\n  measure: pns_age_share\n"
     "  args: {low: 50, high: 40}\n  value: 0.3\n  tolerance: 0.1\n  source: s\n", "above high"),
    ("- key: a\n  what_id: x\n  what_en: x\n  measure: pns_service_share\n"
     "  args: {low: x, high: 40}\n  value: 0.3\n  tolerance: 0.1\n  source: s\n",
     "expected a whole number"),
    ("- key: a\n  what_id: x\n  what_en: x\n  measure: pns_due_in_year\n"
     "  args: {year: 0}\n  value: 0.03\n  tolerance: 0.01\n  source: s\n",
     "args.year must be at least 1"),
    ("- key: a\n  what_id: x\n  what_en: x\n  measure: pns_age_smoothness\n"
     "  args: {low: 21, high: 59, bup: 58.5}\n  value: 1\n  tolerance: 0.5\n  source: s\n",
     "args.bup = 58.5: expected a whole number"),
])
def test_bad_targets_files_are_refused_with_the_reason(tmp_path, text, expect):
    path = tmp_path / "targets.yaml"
    path.write_text(text)
    with pytest.raises(UserError, match="targets file") as exc:
        cal.load_targets(path)
    assert expect in str(exc.value)


def test_calibration_command(tmp_path, capsys):
    out = tmp_path / "calibration.csv"
    status = cli.main(["calibration", "kotalama", "--set", "region.target_staff=400", "-r", "2",
                       "--lang", "en", "--csv", str(out), "-q"])
    text = capsys.readouterr().out
    table = pd.read_csv(out)
    assert status == (0 if table["passed"].all() else 1)
    assert f"{int(table['passed'].sum())}/{len(table)} targets met" in text
    assert "PPPK share of ASN at the start" in text and "(assumption)" in text
    bad = tmp_path / "bad.yaml"
    bad.write_text("- nothing\n")
    assert cli.main(["calibration", "--targets", str(bad)]) == 2
    flows = tmp_path / "flows.yaml"
    flows.write_text("- key: exits\n  what_id: x\n  what_en: x\n  measure: yearly_flow_rate\n"
                     "  args: {flow: new_exits, first_year: 1, last_year: 5}\n  value: 0.01\n"
                     "  tolerance: 0.01\n  source: a test\n")
    assert cli.main(["calibration", "--targets", str(flows), "--years", "3"]) == 2  # to year 5
