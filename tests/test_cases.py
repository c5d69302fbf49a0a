"""The five regional cases: each scenario reproduces its case's qualitative finding.

Small compares (2,500 staff, 3 years, 4 paired replications). Each check is a paired
95% interval that excludes zero in the direction the case reports, so it fails if the
mechanism behind the finding were missing or reversed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from model.core.vocab import DEFAULT_VOCABULARY
from model.experiments.experiment import policy_setting, run_replications
from model.results.analysis import mean_ci, per_replication
from model.scenario.loading import load_scenario
from model.simulation.model import WorkforceModel

FAMILY_INDEX = DEFAULT_VOCABULARY.family_index

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
    # 4,000 staff: the effect is about 0.4 points of staff (10 people at 2,500), and at
    # 2,500 one of the scenario seed's four replications fell below zero by chance once
    # issue 22 made the ages smooth (at full size, 8 replications: +0.38 [0.29; 0.47])
    reps, _ = runs("jambi", ["none", "matching"], **{"region.target_staff": 4000})
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


# ---------------------------------------------------------------- what each case claims
def model_after(name: str, years: int, **overrides) -> tuple[WorkforceModel, np.ndarray]:
    """A case's model stepped `years` years; also its competence at the start."""
    m = WorkforceModel(load_scenario(name, {"years": years, **overrides}), seed=3)
    start = m.employees.competence.copy()
    for _ in range(12 * years):
        m.step()
    return m, start


def moved(m: WorkforceModel, **match) -> pd.DataFrame:
    """Executed or forced moves of the model's transfer log with the given column values."""
    log = m.transfer_log.frame(m.world)
    keep = log.outcome.isin(["executed", "forced"])
    for col, value in match.items():
        keep &= log[col] == value
    return log[keep]


def test_jambi_matching_sends_backgrounds_to_the_domain_they_fit():
    """'Health background to the health office, finance experts to the budget office'."""
    m, _ = model_after("jambi", 2, policy="matching")
    mv = moved(m, policy="matching")
    assert len(mv) >= 50
    rows, dest = mv.employee_id.to_numpy(), m.world.unit_family[mv.to_unit.to_numpy()]
    comp = m.employees.competence[rows].copy()
    comp[:, FAMILY_INDEX["general"]] = -1  # general skills are no domain background
    assert np.mean(np.argmax(comp, axis=1) == dest) >= 0.7
    assert np.mean(dest == FAMILY_INDEX["general"]) == 0  # not to sub-district offices
    health, finance = dest == FAMILY_INDEX["health"], dest == FAMILY_INDEX["finance"]
    assert health.sum() >= 10 and finance.sum() >= 1, (health.sum(), finance.sum())
    # what the scenario comment says: a health background lands mostly in a puskesmas
    # (the health office's technical units), not in the office the case names
    kinds = pd.Series(np.array(m.world.units.kind_names)[m.world.units.kind[
        mv.to_unit.to_numpy()[health]]]).value_counts()
    assert kinds.get("puskesmas", 0) > 2 * kinds.get("health_office", 0), kinds


def lampung_sides(units: pd.DataFrame) -> pd.DataFrame:
    """EJ (need / staff) and unmet share of education and health service units."""
    side = units.unit_kind.map({"primary_school": "education", "secondary_school": "education",
                                "education_office": "education", "puskesmas": "health",
                                "health_office": "health"})
    u = units.assign(side=side, unmet=(units.required_fte - units.capacity_fte).clip(lower=0))
    g = u.dropna(subset=["side"]).groupby(["policy", "replication", "month", "side"])[
        ["required_fte", "staff", "unmet"]].sum()
    return pd.DataFrame({"ej": g.required_fte / g.staff, "unmet": g.unmet / g.required_fte})


def test_lampung_education_health_imbalance_is_there_and_balancing_reduces_it():
    """'Workload imbalance between education and health offices'.

    At the start health units are short (EJ and unmet share) where education units are
    not; cross-office balancing lowers the health side's unmet need.
    """
    _, units = runs("lampung", ["none", "balancing"])
    sides = lampung_sides(units)
    start = sides.xs(0, level="month").unstack("side")
    assert (start["ej", "health"] - start["ej", "education"] > 0.2).all(), start
    assert (start["unmet", "health"] - start["unmet", "education"] > 0.1).all(), start
    end = sides.xs(units.month.max(), level="month").xs("health", level="side")["unmet"]
    _, lo, hi = paired(end.loc["none"], end.loc["balancing"])
    assert hi < 0, (lo, hi)
    # but, as the scenario now says, much less than education's: transfers within a
    # cadre cannot fill clinical posts (at full size the health side keeps 66-83 %)
    unmet = sides.xs(units.month.max(), level="month")["unmet"].unstack("side")
    left = (unmet.loc["balancing"] / unmet.loc["none"]).mean()
    assert left["health"] > left["education"] + 0.1 and left["health"] > 0.3, left


def test_lampung_balancing_moves_few_from_education_to_health_and_only_administrators():
    """What the scenario says balancing does between the two sides: little (issue 22)."""
    scenario = load_scenario("lampung", {**SMALL, "replications": 1, "policy": "balancing"})
    res = run_replications(scenario, quiet=True)[0]
    agency = res.units.drop_duplicates("unit_id").set_index("unit_id")["agency"].astype(str)
    mv = res.transfers[res.transfers.outcome.isin(["executed", "forced"])
                       & (res.transfers.policy == "balancing")]
    across = (mv.from_unit.map(agency) == "education") & (mv.to_unit.map(agency) == "health")
    assert len(mv) >= 50 and across.mean() < 0.05, (len(mv), across.mean())
    assert set(mv.from_role[across]) <= {"admin", "finance_officer"}


def test_lampung_coastal_and_mountain_moves_adapt_slower():
    """'Mountain and coastal areas; staff placed in remote areas adapt slowly'."""
    hard = load_scenario("lampung").region.hardness
    assert min(hard["coastal"], hard["mountain"]) >= hard["rural"] + 0.3
    scenario = load_scenario("lampung", {**SMALL, "replications": 1, "policy": "balancing"})
    res = run_replications(scenario, quiet=True)[0]
    area = res.units.drop_duplicates("unit_id").set_index("unit_id")["area_type"]
    mv = res.transfers[res.transfers.outcome.isin(["executed", "forced"])
                       & res.transfers.prod_3m.notna()]
    to_hard = mv.to_unit.map(area).isin(["coastal", "mountain"])
    assert to_hard.sum() >= 10 and (~to_hard).sum() >= 10
    assert mv.prod_3m[to_hard].mean() < mv.prod_3m[~to_hard].mean() - 0.05


def test_kotalama_performance_decides_who_rotates_across_fields():
    """'Needs analysis by performance and competence': the best performers cross."""
    for by_performance in (True, False):
        m, _ = model_after("kotalama", 2, policy="rotation",
                           **{"policies.rotation.by_performance": by_performance})
        perf = m.employees.performance
        cross = perf[moved(m, reason="rotation_cross_field").employee_id.to_numpy()]
        within = perf[moved(m, reason="rotation_tenure").employee_id.to_numpy()]
        assert cross.size >= 20 and within.size >= 20
        if by_performance:
            assert cross.mean() > within.mean() + 0.1, (cross.mean(), within.mean())
        else:  # the random draw: no difference to speak of
            assert abs(cross.mean() - within.mean()) < 0.05, (cross.mean(), within.mean())


def test_kotalama_cross_field_rotation_widens_competence():
    """'Rotation for competence development, also across sectors'."""
    m, start = model_after("kotalama", 5, policy="rotation")
    E, threshold = m.employees, m.params.competence.match_threshold
    rows = np.unique(moved(m, reason="rotation_cross_field").employee_id.to_numpy())
    rows = rows[(rows < start.shape[0]) & E.active[rows]]
    others = np.setdiff1d(np.flatnonzero(E.active[:start.shape[0]]), rows)

    def gain(r):
        return ((E.competence[r] >= threshold).sum(1) - (start[r] >= threshold).sum(1)).mean()

    assert rows.size >= 30
    assert gain(rows) > gain(others) + 0.3, (gain(rows), gain(others))


def test_kotalama_who_crosses_and_where_to_as_the_scenario_says():
    """Only administrators and finance officers cross, and by deficit (issue 22).

    The scenario once said each mover goes "to the domain they know best"; rotation
    picks the destination by deficit (13-22 % land there at full size). A change that
    made it follow competence must update the scenario comment and this test.
    """
    m, start = model_after("kotalama", 2, policy="rotation")
    cross = moved(m, reason="rotation_cross_field")
    cross = cross[cross.employee_id < start.shape[0]]
    occupation = np.array(m.params.region.vocabulary.occupations)[
        m.employees.occupation[cross.employee_id.to_numpy()]]
    assert len(cross) >= 20 and set(occupation) <= {"admin", "finance_officer"}
    here = m.world.unit_family[cross.from_unit.to_numpy()]
    comp = start[cross.employee_id.to_numpy()].copy()
    comp[np.arange(len(cross)), here] = -1
    comp[:, FAMILY_INDEX["general"]] = -1
    best = np.argmax(comp, axis=1) == m.world.unit_family[cross.to_unit.to_numpy()]
    assert best.mean() < 0.4, best.mean()


def test_kotalama_rotation_lowers_the_competence_match():
    """The price of competence development, now said in the scenario (issue 22)."""
    reps, _ = runs("kotalama", ["none", "rotation"])
    _, lo, hi = paired(reps.loc["none", "p_competence_match"],
                       reps.loc["rotation", "p_competence_match"])
    assert hi < 0, (lo, hi)
