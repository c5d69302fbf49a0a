"""Write a region in the format of a region's own files (`init-region`).

`export_region` writes the four tables of a built region (employees, units,
workload, occupations) as CSV files and as one workbook with a sheet each plus an
instructions sheet, and a scenario that imports them. Exporting the built-in region
and importing it back gives the same model state (a test checks it), so the files
are a faithful, filled template: a planner replaces the rows with their region's.
Names in the roster are invented (a name column is optional and never read).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from ..core.errors import UserError
from ..core.vocab import AREA_TYPES, POSITION_TYPES
from ..regions.nip import make as make_nip
from ..scenario.declarations import defaults_tree
from ..scenario.roster_columns import TABLES
from ..world.world import World
from .labels import role_label
from .messages_outputs import OutputMsg

FIRST = ("Siti", "Budi", "Dewi", "Agus", "Rina", "Hendra", "Sri", "Joko", "Ayu", "Rudi",
         "Wahyu", "Lestari", "Yusuf", "Ratna", "Fajar", "Indah", "Bambang", "Putri")
LAST = ("Contoh", "Simulasi", "Teladan", "Percobaan", "Sampel", "Latihan")


def _dates(months: np.ndarray, day: np.ndarray | int = 1) -> pd.Series:
    """Absolute months (and a day) as dates."""
    year, month = np.divmod(np.asarray(months, np.int64), 12)
    return pd.to_datetime(pd.DataFrame({"year": year, "month": month + 1,
                                        "day": np.broadcast_to(day, year.shape)}))


def tables(world: World) -> dict[str, pd.DataFrame]:
    """The region's state as the four tables of the import format."""
    E, U, vocab = world.employees, world.units, world.vocab
    act = np.flatnonzero(E.active)
    codes = (U.codes if U.codes is not None
             else np.array([f"U{i + 1:05d}" for i in range(U.n)], object))
    day = (act % 28 + 1).astype(np.int64)
    birth = _dates(E.birth[act], day)
    nip = (world.nip[act].astype(str) if world.nip is not None
           else make_nip(birth, E.hire_at[act], E.female[act]))
    pppk = E.employment[act].astype(bool)
    contract = _dates(np.where(pppk, E.contract_end[act], 0)).dt.strftime("%Y-%m-%d")
    districts = np.asarray(world.district_names, object)
    employees = pd.DataFrame({
        "nip": nip,
        "name": [f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]} {i + 1}"
                 for i in act],
        "birth_date": birth.dt.strftime("%Y-%m-%d"),
        "sex": np.where(E.female[act], "P", "L"),
        "employment": np.where(pppk, "PPPK", "PNS"),
        "contract_end": np.where(pppk, contract, ""),
        "position_type": np.asarray(POSITION_TYPES, object)[E.position[act]],
        "occupation": np.asarray(vocab.occupations, object)[E.role[act]],
        "education_field": "",
        "unit_code": codes[E.unit[act]],
        "position_start": _dates(E.moved_at[act]).dt.strftime("%Y-%m-%d"),
        "home_district": districts[E.home[act]],
        "performance": E.performance[act].astype(float),
    })
    for f, family in enumerate(vocab.families):
        employees[f"competence_{family}"] = E.competence[act, f].astype(float)
    units = pd.DataFrame({
        "unit_code": codes, "unit_name": U.names,
        "agency": np.asarray(vocab.agency_names, object)[U.agency],
        "kind": np.asarray(U.kind_names, object)[U.kind],
        "domain": np.asarray(vocab.families, object)[U.domain],
        "district": districts[U.district],
        "area_type": np.asarray(AREA_TYPES, object)[U.area],
        "x_km": U.x_km.astype(float), "y_km": U.y_km.astype(float),
    })
    unit_i, role_i = np.nonzero(U.demand_start > 0)
    workload = pd.DataFrame({
        "unit_code": codes[unit_i],
        "role": np.asarray(vocab.occupations, object)[role_i],
        "hours_per_year": U.demand_start[unit_i, role_i],
        "establishment": (U.establishment[unit_i, role_i] if U.establishment is not None
                          else pd.array([pd.NA] * unit_i.size, dtype="Int64")),
    })
    occupations = pd.DataFrame({
        "occupation": vocab.occupations,
        "family": [vocab.family_of[o] for o in vocab.occupations],
        "label": [vocab.label(o) or role_label(o, "id") for o in vocab.occupations],
        "recruit_position": [vocab.recruit_position.get(o, "functional_junior")
                             for o in vocab.occupations],
    })
    return {"employees": employees, "units": units, "workload": workload,
            "occupations": occupations}


def _instructions() -> pd.DataFrame:
    rows = []
    for table, columns in TABLES.items():
        for c in columns:
            rows.append({"sheet": table, "column": c.name,
                         "required": "ya" if c.required else "tidak",
                         "keterangan": c.meaning_id, "meaning": c.meaning_en})
    rows.append({"sheet": "employees", "column": "competence_<rumpun>", "required": "tidak",
                 "keterangan": OutputMsg.competence_meaning.id,
                 "meaning": OutputMsg.competence_meaning.en})
    return pd.DataFrame(rows)


def _changed(value: Any, default: Any) -> Any:
    """The parts of `value` that differ from `default` (None if nothing differs)."""
    if isinstance(value, dict) and isinstance(default, dict):
        out = {k: c for k, v in value.items()
               if (c := _changed(v, default.get(k))) is not None}
        return out or None
    return None if value == default else value


# What `init-region` writes as the description of the example region: a placeholder the
# planner must replace (the report opens with the description). The last text is what
# earlier versions wrote, still recognised in region files made with them.
PLACEHOLDER_EN, PLACEHOLDER_ID = OutputMsg.placeholder.en, OutputMsg.placeholder.id
_PLACEHOLDER_MARKS = ("[EDIT THIS DESCRIPTION]", "[UBAH DESKRIPSI INI]",
                      "An example region with its own agencies and positions: replace the "
                      "rows with your region's")


def is_placeholder(*descriptions: str | None) -> bool:
    """Whether a description is still the placeholder that `init-region` wrote."""
    return any(mark in str(d or "") for d in descriptions for mark in _PLACEHOLDER_MARKS)


def placeholder_warning(file: str | None = None, lang: str = "id") -> str:
    """The warning a command prints when a scenario's description is still the placeholder."""
    where = OutputMsg.in_file(file=file) if file else ""
    return OutputMsg.placeholder_warning(where=where).render(lang)


def scenario_text(world: World, name: str, note: str, note_id: str | None = None) -> str:
    """A scenario importing the exported files, with the source's other settings.

    `note` is its description (English); `note_id`, if given, its Indonesian one
    (otherwise the source's is kept).
    """
    params = world.params.model_dump()
    for key in ("extends", "agent_views"):
        params.pop(key, None)
    changed = _changed(params, defaults_tree()) or {}
    region = changed.pop("region", {}) or {}
    for key in ("unit_kinds", "occupations", "agencies", "staffing_by_role",
                "staffing_by_area", "unit_staffing_sd", "demand_sd", "need_factor"):
        region.pop(key, None)
    region.update({"employees": "employees.csv", "units": "units.csv",
                   "workload": "workload.csv", "occupations": "occupations.csv",
                   "districts": params["region"]["districts"]})
    out = {"name": name, "description": note, **{k: v for k, v in changed.items()
                                                  if k not in ("name", "description")},
           "region": region}
    if note_id is not None:
        out = {"name": name, "description": note, "description_id": note_id,
               **{k: v for k, v in out.items() if k not in ("name", "description",
                                                           "description_id")}}
    head = ("# A region from its own files (written by `python run_sim.py init-region`).\n"
            "# FIRST replace `description` and `description_id` below with your region's:\n"
            "# the report opens with them (validate warns while they are the example's).\n"
            "# Replace the rows of employees.csv, units.csv, workload.csv and\n"
            "# occupations.csv (or the sheets of region.xlsx) with your region's, then:\n"
            "#   python run_sim.py validate THIS_FILE --fix-report problems.csv\n"
            "#   python run_sim.py compare THIS_FILE --policies none,balancing\n"
            "#   python run_sim.py plan THIS_FILE --policy balancing --out plan.xlsx\n"
            "# region.districts gives each district's centre (km) for distances; without\n"
            "# it, centres are the mean of the units' coordinates.\n")
    return head + yaml.safe_dump(out, sort_keys=False, allow_unicode=True)


def export_region(world: World, folder: Path, name: str, note: str,
                  excel: bool = True, note_id: str | None = None) -> list[Path]:
    """Write the region's files and a scenario into `folder`; return what was written.

    `note` and `note_id` are the scenario's descriptions (`scenario_text`).
    """
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        raise UserError(OutputMsg.folder_not_empty(folder=folder))
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    data = tables(world)
    for key, df in data.items():
        path = folder / f"{key}.csv"
        df.to_csv(path, index=False)
        written.append(path)
    if excel:
        path = folder / "region.xlsx"
        with pd.ExcelWriter(path, engine="openpyxl") as book:
            for key, df in data.items():
                df.to_excel(book, sheet_name=key, index=False)
            _instructions().to_excel(book, sheet_name="petunjuk", index=False)
        written.append(path)
    path = folder / "region.yaml"
    path.write_text(scenario_text(world, name, note, note_id), encoding="utf-8")
    written.append(path)
    return written
