"""Recruitment (formasi): a yearly quota per occupation, appointed after a lag.

At the planning month the quota is fixed: either a share (`replacement_rate`) of the
last 12 months' departures of each occupation, or the scenario's fixed table. The
recruits are appointed `lag_months` later and placed by the placement rule:
- `most_understaffed`: one at a time to the unit with the largest FTE deficit in
  that role (each recruit counted as one FTE), computed exactly by taking the k
  largest "slots" `gap, gap - 1, gap - 2, ...` over units (greedy = top-k);
- `proportional`: in proportion to the role's required FTE (largest remainder);
- `listed`: the counts the scenario lists per unit kind, spread over those units
  by deficit.
Recruits are young (age_min to age_max), mostly PPPK, less experienced (higher
adaptation difficulty) and start with `recruitment.competence_mean`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .. import exactmath
from ..allocation import place_most_understaffed, place_proportional
from ..region import draw_competence, draw_homes
from ..state import retirement_month
from ..vocab import OCC_INDEX, OCCUPATIONS, POSITION_INDEX
from . import adaptation

if TYPE_CHECKING:
    from ..model import WorkforceModel


def plan_quota(model: WorkforceModel) -> np.ndarray:
    """This year's quota per occupation (persons)."""
    p = model.params.recruitment
    if p.quota_mode == "fixed":
        return np.array([p.quota.get(o, 0) for o in OCCUPATIONS], np.int64)
    departures = model.departures_by_occupation.sum(axis=0)
    return np.floor(p.replacement_rate * departures + 0.5).astype(np.int64)


def placements(model: WorkforceModel, quota: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Units and roles of this year's recruits (one entry per recruit)."""
    p = model.params.recruitment
    U = model.units
    req, cap = model.required_fte, model.capacity_fte
    units_out, roles_out = [], []
    if p.placement == "listed":
        for item in p.listed:
            r = OCC_INDEX[item.role]
            cand = np.flatnonzero(U.kind == U.kind_names.index(item.unit_kind))
            if cand.size and item.count:
                units_out.append(np.repeat(
                    cand, place_most_understaffed(req[cand, r] - cap[cand, r], item.count)))
                roles_out.append(np.full(item.count, r))
    else:
        for r in np.flatnonzero(quota > 0):
            cand = np.flatnonzero(req[:, r] > 0)
            if cand.size == 0:
                continue  # no unit needs this role: the quota cannot be used
            if p.placement == "most_understaffed":
                counts = place_most_understaffed(req[cand, r] - cap[cand, r], int(quota[r]))
            else:
                counts = place_proportional(req[cand, r], int(quota[r]))
            units_out.append(np.repeat(cand, counts))
            roles_out.append(np.full(int(counts.sum()), r))
    if not units_out:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    return np.concatenate(units_out), np.concatenate(roles_out)


def hire(model: WorkforceModel, unit: np.ndarray, role: np.ndarray) -> np.ndarray:
    """Append recruits as new employee rows; return their row ids."""
    p, reg = model.params.recruitment, model.params.region
    E, U = model.employees, model.units
    k = unit.size
    rng = model.streams.get("recruitment", model.month)
    rows = np.arange(*E.append(k).indices(E.n))
    E.active[rows] = True
    E.unit[rows] = unit
    E.role[rows] = role
    E.occupation[rows] = role
    E.cell[rows] = unit * U.n_roles + role
    E.female[rows] = rng.random(k) < reg.female_share
    E.employment[rows] = rng.random(k) < p.pppk_share
    age_months = rng.integers(p.age_min * 12, p.age_max * 12 + 12, k)
    E.birth[rows] = model.now - age_months
    # recruits enter junior positions; teachers keep the teacher BUP
    position = np.where(np.isin(role, [OCC_INDEX["teacher_primary"],
                                       OCC_INDEX["teacher_secondary"]]),
                        POSITION_INDEX["teacher"], POSITION_INDEX["functional_junior"])
    position = np.where(role == OCC_INDEX["admin"], POSITION_INDEX["administrative"], position)
    E.position[rows] = position
    E.retire_at[rows] = retirement_month(E.birth[rows], model.bup_by_position[position])
    E.hire_at[rows] = model.now
    pppk = rows[E.employment[rows] == 1]
    E.contract_end[pppk] = np.minimum(
        model.now + model.params.demography.pppk_contract_years * 12, E.retire_at[pppk])
    model.retirements.add(rows, E.retire_at[rows])
    model.contract_ends.add(pppk, E.contract_end[pppk])
    E.home[rows] = draw_homes(reg, U.district[unit], model.district_w, rng)
    E.competence[rows] = draw_competence(reg, role, p.competence_mean, rng)
    model.refresh_competence(rows)
    E.performance[rows] = rng.beta(5, 2, k)
    E.fit[rows] = 1.0
    E.morale[rows] = 1.0
    d, tau = adaptation.difficulty(model, rows, unit, np.zeros(k))
    adaptation.start(model, rows, d, tau)
    model.on_hired(rows)
    return rows


def expected_departures(model: WorkforceModel) -> np.ndarray:
    """Departures per occupation expected in the first year: retirements due + exits.

    Stands in for the 12 months before the start, which the model has not seen.
    """
    E = model.employees
    act = np.flatnonzero(E.active)
    due = act[E.retire_at[act] < model.start + 12]
    age = np.clip((model.start - E.birth[act]) // 12, 0, len(model.hazard_by_age) - 1)
    yearly_exit = 1.0 - exactmath.ipow(1.0 - model.hazard_by_age[age], 12)
    n_occ = len(OCCUPATIONS)
    return (np.bincount(E.occupation[due], minlength=n_occ)
            + np.bincount(E.occupation[act], weights=yearly_exit, minlength=n_occ))


def initial_pipeline(model: WorkforceModel) -> list[tuple[int, np.ndarray]]:
    """Seed the departure history and return quotas planned before the start.

    Last year's formasi arrives during the first year, as in a real region; the
    departures behind it (and the history the first planning month looks back on)
    are the expected departures of the first year, spread evenly over 12 months.
    """
    p = model.params.recruitment
    model.departures_by_occupation[:] = expected_departures(model) / 12.0
    pipeline = []
    for plan in range(model.start - 1, model.start - 1 - p.lag_months - 12, -1):
        arrive = plan + p.lag_months - model.start + 1  # run month of the appointment
        if plan % 12 + 1 == p.planning_month and arrive >= 1:
            pipeline.append((arrive, plan_quota(model)))
    return pipeline


def step(model: WorkforceModel) -> None:
    """Fix the quota at the planning month; appoint recruits whose lag has passed."""
    p = model.params.recruitment
    if model.calendar_month == p.planning_month:
        model.pending_recruitment.append((model.month + p.lag_months, plan_quota(model)))
    due = [q for m, q in model.pending_recruitment if m == model.month]
    model.pending_recruitment = [(m, q) for m, q in model.pending_recruitment
                                 if m != model.month]
    hired = 0
    for quota in due:
        unit, role = placements(model, quota)
        if unit.size:
            hired += hire(model, unit, role).size
    model.flows["new_recruits"] = hired
