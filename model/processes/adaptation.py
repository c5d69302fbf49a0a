"""Adaptation after a move or hire: productivity factor `1 - D * exp(-t / tau)`.

D (difficulty) grows with the distance between occupation and role, the
destination's hardness, the distance from home and low experience; tau (months)
grows with hardness. Only people still adapting are updated each month (a sparse
index set); once `D * exp(-t / tau)` falls below `adaptation.threshold` the factor
is set to 1 and the person leaves the set.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from ..model import WorkforceModel


def difficulty(model: WorkforceModel, rows: np.ndarray, to_unit: np.ndarray,
               occ_distance: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """D and tau for employees `rows` starting in `to_unit` (vectorised)."""
    p = model.params.adaptation
    E, U = model.employees, model.units
    hard = U.hardness[to_unit]
    home = E.home[rows]
    dist = np.hypot(U.x_km[to_unit] - model.district_x[home],
                    U.y_km[to_unit] - model.district_y[home])
    service_years = (model.now - E.hire_at[rows]) / 12.0
    inexperience = np.clip(1.0 - service_years / p.experience_years, 0.0, 1.0)
    d = (p.d_base + p.d_occupation * occ_distance + p.d_hardness * hard
         + p.d_distance * np.minimum(dist / p.distance_scale_km, 2.0)
         + p.d_inexperience * inexperience)
    tau = p.tau_months * (1.0 + p.tau_hardness * hard)
    return np.clip(d, 0.0, p.d_max).astype(np.float32), tau.astype(np.float32)


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
    """Update the adaptation factor of everyone still adapting."""
    E = model.employees
    rows = model.adapting
    if rows.size == 0:
        return
    t = (model.now - E.moved_at[rows]).astype(np.float32)
    deficit = E.adapt_d[rows] * np.exp(-t / E.adapt_tau[rows])
    done = (deficit < model.params.adaptation.threshold) | ~E.active[rows]
    E.adapt[rows] = np.where(done, 1.0, 1.0 - deficit)
    model.adapting = rows[~done]
