"""Needs analysis (analisis kebutuhan): staff, capacity and need per unit and role.

`unit_role_table` is the needs map every regional case starts from; it is also what
`units.csv` holds at month 0 and at the end of each year. `needs_report` groups it
by agency, unit kind and role and lists the most over- and under-loaded units.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .processes.workload import ej_category, load_ratio
from .vocab import AGENCIES, AREA_TYPES, OCCUPATIONS

if TYPE_CHECKING:
    from .processes.workload import Workload
    from .world import World


def unit_role_table(world: World, workload: Workload) -> pd.DataFrame:
    """One row per unit and role with need or staff: staff, capacity, need, gap, load, EJ."""
    U, p = world.units, world.params.workload
    staff = workload.staff(world)
    req, cap = workload.required_fte, workload.capacity_fte
    unit_i, role_i = np.nonzero((req > 0) | (staff > 0))
    s, r, c = staff[unit_i, role_i], req[unit_i, role_i], cap[unit_i, role_i]
    with np.errstate(divide="ignore", invalid="ignore"):
        ej = np.where(s > 0, r / np.where(s > 0, s, 1), np.where(r > 0, np.inf, np.nan))
    return pd.DataFrame({
        "month": world.month,
        "unit_id": unit_i,
        "unit_name": U.names[unit_i],
        "agency": np.asarray(AGENCIES, object)[U.agency[unit_i]],
        "unit_kind": np.asarray(U.kind_names, object)[U.kind[unit_i]],
        "district": np.asarray(world.district_names, object)[U.district[unit_i]],
        "area_type": np.asarray(AREA_TYPES, object)[U.area[unit_i]],
        "role": np.asarray(OCCUPATIONS, object)[role_i],
        "staff": s.astype(np.int64),
        "capacity_fte": c.round(3),
        "required_fte": r.round(3),
        "gap_fte": (c - r).round(3),
        "load_ratio": load_ratio(r, c, p.load_cap).round(3),
        "ej": np.round(ej, 3),
        "ej_category": ej_category(np.where(np.isinf(ej), 1e9, ej), p.ej_thresholds),
    })


def needs_report(table: pd.DataFrame, top: int = 10) -> dict[str, pd.DataFrame]:
    """Surplus and deficit by agency, unit kind and role; most over/under-loaded units."""
    out: dict[str, pd.DataFrame] = {}
    for key in ("agency", "unit_kind", "role"):
        g = table.groupby(key, sort=True).agg(
            units=("unit_id", "nunique"), staff=("staff", "sum"),
            capacity_fte=("capacity_fte", "sum"), required_fte=("required_fte", "sum"),
            surplus_fte=("gap_fte", lambda x: x.clip(lower=0).sum()),
            deficit_fte=("gap_fte", lambda x: (-x).clip(lower=0).sum()),
        )
        g["gap_fte"] = g["capacity_fte"] - g["required_fte"]
        g["load_ratio"] = g["required_fte"] / g["capacity_fte"].where(g["capacity_fte"] > 0)
        out[key] = g.round(2).reset_index()
    units = table.groupby(["unit_id", "unit_name", "agency", "area_type"]).agg(
        staff=("staff", "sum"), capacity_fte=("capacity_fte", "sum"),
        required_fte=("required_fte", "sum"), gap_fte=("gap_fte", "sum")).reset_index()
    units["load_ratio"] = units["required_fte"] / units["capacity_fte"].where(
        units["capacity_fte"] > 0)
    units = units.round(2)
    out["over"] = units.sort_values(["gap_fte", "unit_id"]).head(top).drop(columns="unit_id")
    out["under"] = units.sort_values(["gap_fte", "unit_id"], ascending=[False, True]).head(
        top).drop(columns="unit_id")
    return out
