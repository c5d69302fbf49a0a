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
     "  source: somewhere here\n", "tolerance: Field required"),
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
