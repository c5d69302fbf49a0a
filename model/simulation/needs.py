"""Needs analysis (analisis kebutuhan): staff, capacity and need per unit and role.

`unit_role_table` is the needs map every regional case starts from; it is also what
`units.csv` holds at month 0 and at the end of each year (`model.reporting.needs`
summarises it for a planner).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..core import measures
from ..core.vocab import AREA_TYPES
from ..processes.workload import ej_category, load_ratio

if TYPE_CHECKING:
    from ..processes.workload import Workload
    from ..world.world import World


@dataclass(frozen=True)
class NeedsSnapshot:
    """The needs map of one month as numbers: each [unit, role] cell with need or staff.

    What a run keeps at month 0 and each year's end; `needs_frame` makes the table of
    several at once (naming units and roles once, not once a year).
    """

    month: int
    unit: np.ndarray  # row of the unit
    role: np.ndarray  # column of the role
    staff: np.ndarray  # float64 headcount
    required: np.ndarray  # FTE
    capacity: np.ndarray  # effective FTE


def snapshot(world: World, workload: Workload) -> NeedsSnapshot:
    """The needs map now, as numbers (`needs_frame` makes it a table)."""
    staff = workload.staff(world)
    req, cap = workload.required_fte, workload.capacity_fte
    unit_i, role_i = np.nonzero((req > 0) | (staff > 0))
    return NeedsSnapshot(world.month, unit_i, role_i, staff[unit_i, role_i],
                         req[unit_i, role_i], cap[unit_i, role_i])


def unit_role_table(world: World, workload: Workload) -> pd.DataFrame:
    """One row per unit and role with need or staff: staff, capacity, need, gap, loads.

    `ej` is ABK's efficiency of position (need / staff, on headcount) with its band;
    `effective_load` is need / effective capacity (staff weighted by competence,
    adaptation and morale), the model's own measure.
    """
    return needs_frame(world, [snapshot(world, workload)])


def needs_frame(world: World, snapshots: list[NeedsSnapshot]) -> pd.DataFrame:
    """The needs maps of `snapshots` one after the other, as `unit_role_table` gives each.

    The same table as concatenating each month's (every value is computed row by row).
    """
    U, p = world.units, world.params.workload
    if not snapshots:  # none kept: the table's columns, no rows
        empty_i, empty_f = np.zeros(0, np.intp), np.zeros(0, np.float64)
        snapshots = [NeedsSnapshot(world.month, empty_i, empty_i, empty_f, empty_f, empty_f)]
    month = np.repeat(np.array([x.month for x in snapshots], np.int64),
                      [x.unit.size for x in snapshots])
    unit_i, role_i, s, r, c = (np.concatenate([getattr(x, k) for x in snapshots]) for k in
                               ("unit", "role", "staff", "required", "capacity"))
    with np.errstate(divide="ignore", invalid="ignore"):
        ej = measures.ej(r, s)
    return pd.DataFrame({
        "month": month,
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
