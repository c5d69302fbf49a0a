"""Adaptation after a move or hire: productivity factor `1 - D * exp(-t / tau)`.

D (difficulty) grows with the distance between occupation and role, the
destination's hardness, the distance from home and low experience; tau (months)
grows with hardness. Only people still adapting are updated each month (a sparse
index set); once `D * exp(-t / tau)` falls below `adaptation.threshold` the factor
is set to 1 and the person leaves the set.

Interventions: post-transfer training and mentoring multiply D and tau of a move
(`with_interventions`); monitoring gives training, at its cost, to moved staff whose
factor is still below `monitoring.threshold` `after_months` after their move
(Jambi, Rangkui). Each January everyone's competence in their role's family and their
unit's domain grows by `competence.learning_per_year` of the gap to 1, so varied
postings build varied competence (Kotalama).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .. import exactmath

if TYPE_CHECKING:
    from ..model import WorkforceModel


def difficulty_of(p, occ_distance: np.ndarray, hardness: np.ndarray, km_from_home: np.ndarray,
                  service_years: np.ndarray | float) -> tuple[np.ndarray, np.ndarray]:
    """D and tau from their factors (`p` is the scenario's `adaptation` section)."""
    inexperience = np.clip(1.0 - np.asarray(service_years) / p.experience_years, 0.0, 1.0)
    d = (p.d_base + p.d_occupation * occ_distance + p.d_hardness * hardness
         + p.d_distance * np.minimum(km_from_home / p.distance_scale_km, 2.0)
         + p.d_inexperience * inexperience)
    tau = p.tau_months * (1.0 + p.tau_hardness * hardness)
    return np.clip(d, 0.0, p.d_max).astype(np.float32), tau.astype(np.float32)


def difficulty(model: WorkforceModel, rows: np.ndarray, to_unit: np.ndarray,
               occ_distance: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """D and tau for employees `rows` starting in `to_unit` (vectorised)."""
    return difficulty_of(model.params.adaptation, occ_distance,
                         model.units.hardness[to_unit], model.home_distance(rows, to_unit),
                         (model.now - model.employees.hire_at[rows]) / 12.0)


def with_interventions(model: WorkforceModel, d: np.ndarray,
                       tau: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """D and tau of a move after post-transfer training and mentoring, when they are on."""
    iv = model.params.interventions
    if iv.training.enabled:
        d, tau = d * iv.training.d_factor, tau * iv.training.tau_factor
    if iv.mentoring.enabled:
        d, tau = d * iv.mentoring.d_factor, tau * iv.mentoring.tau_factor
    return d.astype(np.float32), tau.astype(np.float32)


def monitor(model: WorkforceModel) -> None:
    """Moved staff still adapting poorly after M months get training (and its cost)."""
    m = model.params.interventions.monitoring
    if not m.enabled or model.adapting.size == 0:
        return
    E = model.employees
    rows = model.adapting
    due = rows[(model.now - E.moved_at[rows] == m.after_months) & (E.n_moves[rows] > 0)
               & (E.adapt[rows] < m.threshold)]
    if due.size == 0:
        return
    t = model.params.interventions.training
    E.adapt_d[due] *= t.d_factor
    E.adapt_tau[due] *= t.tau_factor
    E.trainings[due] += 1
    model.spend(idr_training=t.cost_per_person_idr * due.size)
    model.flows["new_trainings"] = model.flows.get("new_trainings", 0) + int(due.size)


def learn(model: WorkforceModel) -> None:
    """Yearly on-the-job growth of competence in the role's family and the unit's domain."""
    rate = model.params.competence.learning_per_year
    if rate <= 0:
        return
    E = model.employees
    rows = np.flatnonzero(E.active)
    flat, base = model.competence_flat(rows)
    role_family = model.family_of_role[E.role[rows]]
    domain = model.unit_family[E.unit[rows]]
    at = base + role_family
    flat[at] += np.float32(rate) * (1.0 - flat[at])
    at = (base + domain)[domain != role_family]  # a family grows once a year
    flat[at] += np.float32(rate) * (1.0 - flat[at])
    model.refresh_competence(rows)


def start(model: WorkforceModel, rows: np.ndarray, d: np.ndarray, tau: np.ndarray) -> None:
    """Begin adaptation for `rows` this month (after a move or a hire)."""
    E = model.employees
    E.adapt_d[rows] = d
    E.adapt_tau[rows] = tau
    E.moved_at[rows] = model.now
    E.adapt[rows] = 1.0 - d
    rows = np.asarray(rows, np.int64)
    if model.adapting.size and rows.min() <= model.adapting.max():
        model.adapting = np.union1d(model.adapting, rows)
    else:  # new rows (recruits): already unique and beyond the set
        model.adapting = np.concatenate([model.adapting, np.unique(rows)])


def step(model: WorkforceModel) -> None:
    """Monitoring, yearly learning, then the adaptation factor of everyone still adapting."""
    monitor(model)
    if model.calendar_month == 1:
        learn(model)
    E = model.employees
    rows = model.adapting
    if rows.size == 0:
        return
    t = (model.now - E.moved_at[rows]).astype(np.float64)
    deficit = E.adapt_d[rows] * exactmath.exp(-t / E.adapt_tau[rows])
    done = (deficit < model.params.adaptation.threshold) | ~E.active[rows]
    E.adapt[rows] = np.where(done, 1.0, 1.0 - deficit)
    model.adapting = rows[~done]
