"""Needs analysis (analisis kebutuhan): staff, capacity and need per unit and role.

`unit_role_table` is the needs map every regional case starts from; it is also what
`units.csv` holds at month 0 and at the end of each year (`model.reporting.needs`
summarises it for a planner).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..core import measures
from ..core.vocab import AREA_TYPES
from ..processes.workload import ej_category, load_ratio

if TYPE_CHECKING:
    from ..processes.workload import Workload
    from ..world.world import World


def unit_role_table(world: World, workload: Workload) -> pd.DataFrame:
    """One row per unit and role with need or staff: staff, capacity, need, gap, loads.

    `ej` is ABK's efficiency of position (need / staff, on headcount) with its band;
    `effective_load` is need / effective capacity (staff weighted by competence,
    adaptation and morale), the model's own measure.
    """
    U, p = world.units, world.params.workload
    staff = workload.staff(world)
    req, cap = workload.required_fte, workload.capacity_fte
    unit_i, role_i = np.nonzero((req > 0) | (staff > 0))
    s, r, c = staff[unit_i, role_i], req[unit_i, role_i], cap[unit_i, role_i]
    with np.errstate(divide="ignore", invalid="ignore"):
        ej = measures.ej(r, s)
    return pd.DataFrame({
        "month": world.month,
        "unit_id": unit_i,
        "unit_name": U.names[unit_i],
        "agency": np.asarray(world.vocab.agency_names, object)[U.agency[unit_i]],
        "unit_kind": np.asarray(U.kind_names, object)[U.kind[unit_i]],
        "district": np.asarray(world.district_names, object)[U.district[unit_i]],
        "area_type": np.asarray(AREA_TYPES, object)[U.area[unit_i]],
        "role": np.asarray(world.vocab.occupations, object)[role_i],
        "staff": s.astype(np.int64),
        "capacity_fte": c.round(3),
        "required_fte": r.round(3),
        "gap_fte": (c - r).round(3),
        "effective_load": load_ratio(r, c, p.load_cap).round(3),
        "ej": np.round(ej, 3),
        "ej_category": ej_category(np.where(np.isinf(ej), 1e9, ej), p.ej_thresholds),
    })
