"""The needs report: the needs map grouped for a planner (`run_sim.py needs`).

`needs_report` groups `WorkforceModel.needs_table()` by agency, unit kind and role
and lists the most over- and under-loaded units. EJ is `core.measures.ej`: a group or
unit with need and nobody has EJ +inf (the tables say "tanpa pegawai"), one with neither
need nor staff has none (NaN).
"""

from __future__ import annotations

import pandas as pd

from ..core.measures import ej


def needs_report(table: pd.DataFrame, top: int = 10) -> dict[str, pd.DataFrame]:
    """Surplus and deficit by agency, unit kind and role; most over/under-loaded units.

    Each group and unit has its EJ (need / staff, ABK) and its effective load (need /
    competence-weighted capacity); the gaps are in effective FTE.
    """
    out: dict[str, pd.DataFrame] = {}
    for key in ("agency", "unit_kind", "role"):
        g = table.groupby(key, sort=True).agg(
            units=("unit_id", "nunique"), staff=("staff", "sum"),
            capacity_fte=("capacity_fte", "sum"), required_fte=("required_fte", "sum"),
            surplus_fte=("gap_fte", lambda x: x.clip(lower=0).sum()),
            deficit_fte=("gap_fte", lambda x: (-x).clip(lower=0).sum()),
        )
        g["gap_fte"] = g["capacity_fte"] - g["required_fte"]
        g["ej"] = ej(g["required_fte"], g["staff"])
        g["effective_load"] = g["required_fte"] / g["capacity_fte"].where(g["capacity_fte"] > 0)
        out[key] = g.round(2).reset_index()
    units = table.groupby(["unit_id", "unit_name", "agency", "area_type"]).agg(
        staff=("staff", "sum"), capacity_fte=("capacity_fte", "sum"),
        required_fte=("required_fte", "sum"), gap_fte=("gap_fte", "sum")).reset_index()
    units["ej"] = ej(units["required_fte"], units["staff"])
    units["effective_load"] = units["required_fte"] / units["capacity_fte"].where(
        units["capacity_fte"] > 0)
    units = units.round(2)
    out["over"] = units.sort_values(["gap_fte", "unit_id"]).head(top).drop(columns="unit_id")
    out["under"] = units.sort_values(["gap_fte", "unit_id"], ascending=[False, True]).head(
        top).drop(columns="unit_id")
    return out
