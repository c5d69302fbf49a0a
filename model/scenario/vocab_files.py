"""The files a region's vocabulary comes from: occupations, and units with their workload.

Loading a scenario reads them first (`read_occupations`, `read_agencies`: the region's
occupations, and its agencies with their domains); building the region reuses the
checked units and workload (`units_read`), cached per process by file identity, so a
comparison's replications read each file once. Every problem of every row is recorded
(`tables.Problems`) with its reason from `messages_region`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..core.declare import MAX_KM
from ..core.text import Lines, Message
from ..core.vocab import AREA_TYPES, POSITION_TYPES
from . import roster_columns as cols
from .cells import number, number_reason
from .government_rows import read_rows
from .messages_region import Reason, SummaryMsg
from .readers import stamp
from .tables import Problems, RegionDataError, file_label, float_cells, read_table, text

__all__ = ["UnitsRead", "raise_problems", "read_agencies", "read_occupations", "stamp",
           "units_read"]


def raise_problems(problems: Problems, header: Message) -> None:
    """Raise RegionDataError listing the problems under `header`, if any is an error."""
    if problems.n_errors:
        exc = RegionDataError(Lines(header, problems.report(), SummaryMsg.fix_rows()))
        exc.problems = problems
        raise exc


@functools.cache
def _occupations_cached(path: str, stamp: tuple) -> dict[str, dict[str, str]]:
    df = read_table(path, "occupations", cols.OCCUPATIONS)
    name = file_label(path, "occupations")
    problems = Problems()
    problems.read(name, df)
    occ, fam = text(df, "occupation"), text(df, "family")
    label, pos = text(df, "label"), text(df, "recruit_position").map(cols.word)
    rows = df["_row"].to_numpy()
    problems.add(name, rows[(occ == "").to_numpy()], "occupation", "", Reason.empty())
    problems.add(name, rows[(fam == "").to_numpy()], "family", "", Reason.empty())
    dup = (occ.duplicated(keep=False) & (occ != "")).to_numpy()
    problems.add(name, rows[dup], "occupation", occ[dup], Reason.occupation_twice())
    pos_code = pos.map(lambda w: cols.POSITION_WORDS.get(w, "?") if w else "")
    bad = (pos_code == "?").to_numpy()
    problems.add(name, rows[bad], "recruit_position", pos[bad],
                 Reason.position_type(known=", ".join(POSITION_TYPES)))
    raise_problems(problems, SummaryMsg.occupations_unusable(path=path))
    return {o: {"family": f, "label": lab,
                **({"recruit_position": p} if p else {})}
            for o, f, lab, p in zip(occ, fam, label, pos_code, strict=True)}


def read_occupations(path: str | Path) -> dict[str, dict[str, str]]:
    """The occupations file as `region.occupations` (raises RegionDataError)."""
    return dict(_occupations_cached(str(path), stamp(path)))


def read_agencies(units: str | Path, workload: str | Path,
                  occupations: dict[str, dict[str, str]],
                  government: str | None = None) -> dict[str, dict[str, str]]:
    """Agencies of the units file as `region.agencies`: each with its units' usual domain.

    `government`: of that government's units only (a file of several governments).
    """
    table = units_read(units, workload, tuple((o, s["family"]) for o, s in occupations.items()),
                       government)
    return {a: {"domain": d} for a, d in table.agency_domain.items()}


# --------------------------------------------------------------------- units files
def units_read(units: str | Path, workload: str | Path,
               occupations: tuple[tuple[str, str], ...],
               government: str | None = None) -> UnitsRead:
    """The units and workload files, checked (cached by file identity).

    `occupations` is the region's (occupation, family) pairs, in the vocabulary's order;
    `government`: the rows of that government only (`government_rows`).
    """
    return _units_cached(str(units), stamp(units), str(workload), stamp(workload),
                         occupations, government)


@dataclass
class UnitsRead:
    """The units and workload files, checked (before the scenario's parameters apply)."""

    frame: pd.DataFrame          # one row per unit: code, name, agency, kind, ...
    rows: np.ndarray             # the units file's own row number of each unit
    demand: np.ndarray           # [unit, role] hours per year
    establishment: np.ndarray | None
    agency_domain: dict[str, str]
    problems: Problems
    governments: tuple = (None, None)  # the one government each file names, if it does


@functools.cache
def _units_cached(units_path: str, _s1: tuple, workload_path: str, _s2: tuple,
                  occupations: tuple, government: str | None) -> UnitsRead:
    family_of = dict(occupations)
    occ_index = {o: i for i, o in enumerate(family_of)}
    fu, fw = file_label(units_path, "units"), file_label(workload_path, "workload")
    problems = Problems()
    U = read_rows(units_path, "units", cols.UNITS, government, fu, problems)
    W = read_rows(workload_path, "workload", cols.WORKLOAD, government, fw,  # noqa: N806
                  problems)
    rows = U["_row"].to_numpy()
    out = pd.DataFrame({c: text(U, c) for c in ("unit_code", "unit_name", "agency", "kind",
                                                "domain", "district")})
    for c in ("unit_code", "unit_name", "agency", "kind", "district"):
        empty = (out[c] == "").to_numpy()
        problems.add(fu, rows[empty], c, "", Reason.required())
    dup = (out["unit_code"].duplicated(keep=False) & (out["unit_code"] != "")).to_numpy()
    problems.add(fu, rows[dup], "unit_code", out["unit_code"][dup], Reason.unit_code_twice())
    area_raw = text(U, "area_type")
    area = area_raw.map(lambda v: cols.AREA_WORDS.get(cols.word(v), "?"))
    bad = (area == "?").to_numpy()
    problems.add(fu, rows[bad], "area_type", area_raw[bad],
                 Reason.area_type(known=", ".join(AREA_TYPES)))
    out["area_type"] = area
    for c in ("x_km", "y_km"):
        raw = text(U, c)
        num = number(raw, float_cells(U, c))
        bad = ((raw != "") & (num.isna() | (num.abs() > MAX_KM))).to_numpy()
        problems.add(fu, rows[bad], c, raw[bad], number_reason(
            raw, bad, float_cells(U, c), Reason.km(km=MAX_KM)))
        out[c] = num.where(~bad)
    families = set(family_of.values())
    unknown_domain = ((out["domain"] != "") & ~out["domain"].isin(families)).to_numpy()
    problems.add(fu, rows[unknown_domain], "domain", out["domain"][unknown_domain],
                 Reason.domain(families=", ".join(dict.fromkeys(family_of.values()))),
                 "warning")
    # workload rows
    wrows = W["_row"].to_numpy()
    code, role = text(W, "unit_code"), text(W, "role")
    hours_raw, est_raw = text(W, "hours_per_year"), text(W, "establishment")
    hours_float, est_float = float_cells(W, "hours_per_year"), float_cells(W, "establishment")
    hours, est = number(hours_raw, hours_float), number(est_raw, est_float)
    unit_of = pd.Series(np.arange(len(out)), index=out["unit_code"]).groupby(level=0).first()
    u = code.map(unit_of)
    bad_u = u.isna().to_numpy()
    problems.add(fw, wrows[bad_u], "unit_code", code[bad_u], Reason.unit_code())
    r = role.map(occ_index)
    bad_r = r.isna().to_numpy()
    problems.add(fw, wrows[bad_r], "role", role[bad_r], Reason.role())
    bad_h = (hours.isna() | (hours < 0) | (hours > 1e9)).to_numpy()
    problems.add(fw, wrows[bad_h], "hours_per_year", hours_raw[bad_h], number_reason(
        hours_raw, bad_h, hours_float, Reason.hours()))
    bad_e = ((est_raw != "") & (est.isna() | (est < 0) | (est % 1 != 0))).to_numpy()
    problems.add(fw, wrows[bad_e], "establishment", est_raw[bad_e], number_reason(
        est_raw, bad_e, est_float, Reason.persons()))
    ok = ~(bad_u | bad_r | bad_h | bad_e)
    key = code + "\x00" + role
    dup = (key.duplicated(keep=False) & ok).to_numpy()
    problems.add(fw, wrows[dup], "role", role[dup], Reason.unit_role_twice())
    ok &= ~dup
    demand = np.zeros((len(out), len(occ_index)))
    ui, ri = u[ok].to_numpy(np.int64), r[ok].to_numpy(np.int64)
    demand[ui, ri] = hours[ok].to_numpy(float)
    establishment = None
    if (est_raw != "").any():
        establishment = np.zeros(demand.shape, np.int64)
        has = ok & (est_raw != "").to_numpy()
        establishment[u[has].to_numpy(np.int64), r[has].to_numpy(np.int64)] = \
            est[has].to_numpy(np.int64)
    no_work = demand.sum(axis=1) == 0
    problems.add(fu, rows[no_work], "unit_code", out["unit_code"][no_work],
                 Reason.no_workload(), "warning")
    # domain: given, else the family with the most ABK hours
    fam_names = list(dict.fromkeys(family_of.values()))
    fam_code = np.array([fam_names.index(family_of[o]) for o in occ_index], np.int64)
    by_family = np.zeros((len(out), len(fam_names)))
    for f in range(len(fam_names)):
        by_family[:, f] = demand[:, fam_code == f].sum(axis=1)
    inferred = np.asarray(fam_names, object)[np.argmax(by_family, axis=1)]
    given = out["domain"].where(out["domain"].isin(families), "")
    out["domain"] = np.where(given != "", given, inferred)
    agency_domain = (out.groupby("agency", sort=False)["domain"]
                     .agg(lambda s: s.value_counts().index[0]).to_dict())
    agency_domain.pop("", None)
    return UnitsRead(out, rows, demand, establishment, agency_domain, problems,
                     (U.attrs.get("government"), W.attrs.get("government")))
