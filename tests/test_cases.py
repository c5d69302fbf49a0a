"""The five regional cases: each scenario reproduces its case's qualitative finding.

Small compares (2,500 staff, 3 years, 4 paired replications). Each check is a paired
95% interval that excludes zero in the direction the case reports, so it fails if the
mechanism behind the finding were missing or reversed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from model.experiments.experiment import policy_setting, run_replications
from model.results.analysis import mean_ci, per_replication
from model.scenario.loading import load_scenario

SMALL = {"region.target_staff": 2500, "years": 3, "replications": 4}


def runs(name: str, policies: list[str], **overrides) -> tuple[pd.DataFrame, pd.DataFrame]:
    scenario = load_scenario(name, {**SMALL, **overrides})
    res = run_replications(scenario, quiet=True,
                           policies=[policy_setting(p) for p in policies])
    ts = pd.concat([r.timeseries for r in res], ignore_index=True)
    units = pd.concat([r.units for r in res], ignore_index=True)
    return per_replication(ts).set_index(["policy", "replication"]), units


def at_horizon(units: pd.DataFrame, kind: str, role: str | None = None) -> pd.DataFrame:
    u = units[(units.unit_kind == kind) & (units.month == units.month.max())]
    return u if role is None else u[u.role == role]


def paired(a: pd.Series, b: pd.Series) -> tuple[float, float, float]:
    """Mean and 95% interval of b - a over replications (same seeds)."""
    mean, lo, hi, _ = mean_ci((b - a).to_numpy())
    return mean, lo, hi


def test_salor_balancing_lowers_primary_school_unmet_need():
    _, units = runs("salor", ["none", "balancing"])
    u = at_horizon(units, "primary_school", "teacher_primary")
    unmet = (u.required_fte - u.capacity_fte).clip(lower=0).groupby(
        [u.policy, u.replication]).sum()
    _, lo, hi = paired(unmet.loc["none"], unmet.loc["balancing"])
    assert hi < 0, (lo, hi)


def test_salor_secondary_teachers_move_down_to_primary_schools():
    scenario = load_scenario("salor", {**SMALL, "replications": 1})
    res = run_replications(scenario, quiet=True)
    log = res[0].transfers
    moved = log[log.outcome == "executed"]
    assert ((moved.from_role == "teacher_secondary") & (moved.to_role == "teacher_primary")).any()


def test_kotalama_socialization_lowers_refusals():
    off, _ = runs("kotalama", ["rotation"])
    on, _ = runs("kotalama", ["rotation"], **{"interventions.socialization.enabled": True})
    _, lo, hi = paired(off["new_moves_refused"], on["new_moves_refused"])
    assert hi < 0, (lo, hi)
    assert on["cost_socialization_idr"].min() > 0 and off["cost_socialization_idr"].max() == 0


def test_jambi_matching_raises_competence_match():
    reps, _ = runs("jambi", ["none", "matching"])
    _, lo, hi = paired(reps.loc["none", "p_competence_match"],
                       reps.loc["matching", "p_competence_match"])
    assert lo > 0, (lo, hi)


def test_lampung_training_lowers_adaptation_loss_in_remote_units():
    off, _ = runs("lampung", ["balancing"])
    on, _ = runs("lampung", ["balancing"], **{"interventions.training.enabled": True})
    _, lo, hi = paired(off["adaptation_loss_remote_fte"], on["adaptation_loss_remote_fte"])
    assert hi < 0, (lo, hi)
    assert (on["cost_training_idr"] > 0).all()


def test_lampung_remote_units_lose_staff_through_own_requests():
    scenario = load_scenario("lampung", {**SMALL, "replications": 1, "policy": "none"})
    log = run_replications(scenario, quiet=True)[0].transfers
    asked = log[log.policy == "request"]
    assert len(asked) > 0 and (asked.outcome == "executed").any()


def test_rangkui_optimal_raises_puskesmas_coverage_at_no_more_moves_than_balancing():
    reps, units = runs("rangkui", ["none", "balancing", "optimal"])
    u = at_horizon(units, "puskesmas")
    covered = np.minimum(u.required_fte, u.capacity_fte)
    coverage = covered.groupby([u.policy, u.replication]).sum() / u.required_fte.groupby(
        [u.policy, u.replication]).sum()
    _, lo, hi = paired(coverage.loc["none"], coverage.loc["optimal"])
    assert lo > 0, (lo, hi)
    assert (reps.loc["balancing", "new_moves"] > 0).all()  # both really move people
    assert (reps.loc["optimal", "new_moves"] > 0).all()
    _, lo, hi = paired(reps.loc["balancing", "new_moves"], reps.loc["optimal", "new_moves"])
    assert hi <= 0, (lo, hi)


@pytest.mark.parametrize("name", ["kotalama", "salor", "jambi", "lampung", "rangkui"])
def test_case_scenarios_extend_default_and_say_which_sentence_they_model(name):
    from model.scenario.loading import SCENARIO_DIR

    text = (SCENARIO_DIR / f"{name}.yaml").read_text()
    assert "extends: default" in text and "Case (DESIGN.md section 1)" in text
    assert text.count('"') >= 4  # settings quote the sentence of the case they model
