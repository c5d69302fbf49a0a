"""A region's own data: check its files and build the model's state from them.

`check_region(scenario)` reads the four tables (`roster_columns`), checks every row
and returns the region (or None) with every problem found; `region_data(scenario)`
returns the region or raises `RegionDataError` with the report. Results are cached
per process by file identity and the parameters the build reads, so a comparison's
replications import once. Personal names are never read past the header.

What a file does not give is drawn from the scenario's declarations, from keyed
streams: competence by family (own family about `region.competence_mean`, the
education field's family as a background) and performance (Beta(5, 2)).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..core.declare import MAX_KM
from ..core.rng import RandomStreams
from ..core.state import EmployeeTable, UnitTable
from ..core.vocab import AREA_INDEX, AREA_TYPES, POSITION_TYPES, Vocabulary
from . import roster_columns as cols
from .cells import number, number_reason
from .employees import check_employees
from .params import District, Scenario
from .region import draw_competence
from .tables import Problems, RegionDataError, file_label, float_cells, read_table, text


@dataclass
class RegionData:
    """An imported region, ready to start runs from (templates copied per run)."""

    vocab: Vocabulary
    units: UnitTable
    employees: EmployeeTable
    districts: list[District]
    nip: np.ndarray  # int64, one per initial employee
    problems: Problems


# ------------------------------------------------------------------ vocabulary files
def _raise(problems: Problems, what: str) -> None:
    if problems.n_errors:
        exc = RegionDataError(f"{what}:\n{problems.summary('en')}\n  fix: correct the rows "
                              "above (`python run_sim.py validate SCENARIO --fix-report "
                              "problems.csv` lists them all)")
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
    problems.add(name, rows[(occ == "").to_numpy()], "occupation", "", "empty")
    problems.add(name, rows[(fam == "").to_numpy()], "family", "", "empty")
    dup = (occ.duplicated(keep=False) & (occ != "")).to_numpy()
    problems.add(name, rows[dup], "occupation", occ[dup], "the same occupation twice")
    pos_code = pos.map(lambda w: cols.POSITION_WORDS.get(w, "?") if w else "")
    bad = (pos_code == "?").to_numpy()
    problems.add(name, rows[bad], "recruit_position", pos[bad],
                 f"unknown position type; expected one of {', '.join(POSITION_TYPES)}")
    _raise(problems, f"{path}: the occupations cannot be used")
    return {o: {"family": f, "label": lab,
                **({"recruit_position": p} if p else {})}
            for o, f, lab, p in zip(occ, fam, label, pos_code, strict=True)}


def _stamp(path: str | Path) -> tuple:
    p = Path(path)
    try:
        st = p.stat()
        return (str(p.resolve()), st.st_mtime_ns, st.st_size)
    except OSError:
        return (str(p), 0, 0)


def read_occupations(path: str | Path) -> dict[str, dict[str, str]]:
    """The occupations file as `region.occupations` (raises RegionDataError)."""
    return dict(_occupations_cached(str(path), _stamp(path)))


def read_agencies(units: str | Path, workload: str | Path,
                  occupations: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """Agencies of the units file as `region.agencies`: each with its units' usual domain."""
    table = _units_cached(str(units), _stamp(units), str(workload), _stamp(workload),
                          tuple((o, s["family"]) for o, s in occupations.items()))
    return {a: {"domain": d} for a, d in table.agency_domain.items()}


# --------------------------------------------------------------------- units files
@dataclass
class UnitsRead:
    """The units and workload files, checked (before the scenario's parameters apply)."""

    frame: pd.DataFrame          # one row per unit: code, name, agency, kind, ...
    rows: np.ndarray             # the units file's own row number of each unit
    demand: np.ndarray           # [unit, role] hours per year
    establishment: np.ndarray | None
    agency_domain: dict[str, str]
    problems: Problems


@functools.cache
def _units_cached(units_path: str, _s1: tuple, workload_path: str, _s2: tuple,
                  occupations: tuple) -> UnitsRead:
    family_of = dict(occupations)
    occ_index = {o: i for i, o in enumerate(family_of)}
    U = read_table(units_path, "units", cols.UNITS)
    W = read_table(workload_path, "workload", cols.WORKLOAD)  # noqa: N806 (like U)
    fu, fw = file_label(units_path, "units"), file_label(workload_path, "workload")
    problems = Problems()
    problems.read(fu, U)
    problems.read(fw, W)
    rows = U["_row"].to_numpy()
    out = pd.DataFrame({c: text(U, c) for c in ("unit_code", "unit_name", "agency", "kind",
                                                "domain", "district")})
    for c in ("unit_code", "unit_name", "agency", "kind", "district"):
        empty = (out[c] == "").to_numpy()
        problems.add(fu, rows[empty], c, "", "empty (required)")
    dup = (out["unit_code"].duplicated(keep=False) & (out["unit_code"] != "")).to_numpy()
    problems.add(fu, rows[dup], "unit_code", out["unit_code"][dup], "the same unit code twice")
    area_raw = text(U, "area_type")
    area = area_raw.map(lambda v: cols.AREA_WORDS.get(cols.word(v), "?"))
    bad = (area == "?").to_numpy()
    problems.add(fu, rows[bad], "area_type", area_raw[bad],
                 f"unknown area type; expected one of {', '.join(AREA_TYPES)} "
                 "(or perkotaan, perdesaan, pesisir, pegunungan, terpencil, kepulauan)")
    out["area_type"] = area
    for c in ("x_km", "y_km"):
        raw = text(U, c)
        num = number(raw, float_cells(U, c))
        bad = ((raw != "") & (num.isna() | (num.abs() > MAX_KM))).to_numpy()
        problems.add(fu, rows[bad], c, raw[bad], number_reason(
            raw, bad, float_cells(U, c),
            f"not a number between -{MAX_KM:,.0f} and {MAX_KM:,.0f} km"))
        out[c] = num.where(~bad)
    families = set(family_of.values())
    unknown_domain = ((out["domain"] != "") & ~out["domain"].isin(families)).to_numpy()
    problems.add(fu, rows[unknown_domain], "domain", out["domain"][unknown_domain],
                 f"not an occupation family of the occupations file ({', '.join(families)})",
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
    problems.add(fw, wrows[bad_u], "unit_code", code[bad_u], "not a unit code of the units file")
    r = role.map(occ_index)
    bad_r = r.isna().to_numpy()
    problems.add(fw, wrows[bad_r], "role", role[bad_r],
                 "not an occupation of the occupations file: a unit with workload for a "
                 "role nobody can be eligible for")
    bad_h = (hours.isna() | (hours < 0) | (hours > 1e9)).to_numpy()
    problems.add(fw, wrows[bad_h], "hours_per_year", hours_raw[bad_h], number_reason(
        hours_raw, bad_h, hours_float, "not a number of hours per year (0 or more)"))
    bad_e = ((est_raw != "") & (est.isna() | (est < 0) | (est % 1 != 0))).to_numpy()
    problems.add(fw, wrows[bad_e], "establishment", est_raw[bad_e], number_reason(
        est_raw, bad_e, est_float, "not a whole number of persons (0 or more)"))
    ok = ~(bad_u | bad_r | bad_h | bad_e)
    key = code + "\x00" + role
    dup = (key.duplicated(keep=False) & ok).to_numpy()
    problems.add(fw, wrows[dup], "role", role[dup], "the same unit and role twice")
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
                 "no workload in the workload file (its staff count as surplus)", "warning")
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
    return UnitsRead(out, rows, demand, establishment, agency_domain, problems)


# ---------------------------------------------------------------------- employees
# ---------------------------------------------------------------------- the region
def _districts(scenario: Scenario, units: UnitsRead, problems: Problems,
               file: str) -> list[District]:
    """The region's districts: declared in the scenario, else from the units file."""
    frame = units.frame
    declared = scenario.region.districts
    if declared:
        names = {d.name for d in declared}
        bad = (~frame["district"].isin(names) & (frame["district"] != "")).to_numpy()
        problems.add(file, units.rows[bad], "district", frame["district"][bad],
                     "not a district of region.districts in the scenario")
        return list(declared)
    out = []
    for name, group in frame[frame["district"] != ""].groupby("district", sort=False):
        area = group["area_type"][group["area_type"] != "?"]
        out.append(District(
            name=str(name), area_type=area.mode().iloc[0] if len(area) else "rural",
            x_km=float(group["x_km"].mean()) if group["x_km"].notna().any() else 0.0,
            y_km=float(group["y_km"].mean()) if group["y_km"].notna().any() else 0.0,
            weight=float(len(group))))
    return out


def _unit_table(scenario: Scenario, units: UnitsRead, vocab: Vocabulary,
                districts: list[District], problems: Problems, file: str) -> UnitTable:
    frame = units.frame
    d_index = {d.name: i for i, d in enumerate(districts)}
    district = frame["district"].map(d_index).fillna(0).to_numpy(np.int64)
    area = frame["area_type"].map(AREA_INDEX).fillna(0).to_numpy(np.int64)
    centre_x = np.array([d.x_km for d in districts])[district]
    centre_y = np.array([d.y_km for d in districts])[district]
    no_xy = (frame["x_km"].isna() | frame["y_km"].isna()).to_numpy()
    if no_xy.all():
        problems.add(file, np.array([0]), "x_km, y_km", "",
                     "no unit has coordinates: units are placed at their district's centre "
                     "(give x_km and y_km, or region.districts with centres, for distances)",
                     "warning")
    kinds = list(dict.fromkeys(frame["kind"]))
    reg = scenario.region
    hard = np.array([reg.hardness.get(a, 0.0) for a in AREA_TYPES])
    return UnitTable(
        names=frame["unit_name"].to_numpy(object),
        kind=frame["kind"].map({k: i for i, k in enumerate(kinds)}).to_numpy(np.int64),
        agency=frame["agency"].map(vocab.agency_index).fillna(0).to_numpy(np.int64),
        district=district, area=area,
        x_km=np.where(no_xy, centre_x, frame["x_km"].fillna(0).to_numpy(float)),
        y_km=np.where(no_xy, centre_y, frame["y_km"].fillna(0).to_numpy(float)),
        hardness=hard[area], demand=units.demand.copy(), kind_names=kinds,
        domain=frame["domain"].map(vocab.family_index).fillna(0).to_numpy(np.int64),
        codes=frame["unit_code"].to_numpy(object), establishment=units.establishment)


def _employee_table(scenario: Scenario, vocab: Vocabulary, units: UnitTable,
                    cols_: dict) -> EmployeeTable:
    reg = scenario.region
    n = cols_["birth"].size
    E = EmployeeTable(n, len(vocab.families), capacity=n)
    E.active[:] = True
    for name in ("birth", "female", "employment", "position", "occupation", "unit", "home",
                 "retire_at", "contract_end", "hire_at", "moved_at"):
        getattr(E, name)[:] = cols_[name]
    E.role[:] = E.occupation
    E.cell[:] = E.unit.astype(np.int64) * units.n_roles + E.role
    E.fit[:] = 1.0
    rng = RandomStreams(scenario.seed).keyed("region", "import")
    drawn = draw_competence(reg, vocab, cols_["occupation"], reg.competence_mean, rng)
    edu = cols_["education"]
    has = np.flatnonzero(edu >= 0)
    drawn[has, edu[has]] = np.maximum(drawn[has, edu[has]], rng.beta(15, 5, has.size))
    given = cols_["competence"]
    E.competence[:] = np.where(np.isnan(given), drawn, given)
    perf = cols_["performance"]
    E.performance[:] = np.where(np.isnan(perf), rng.beta(5, 2, n), perf)
    return E


def _identity(scenario: Scenario) -> tuple:
    """What an imported region depends on: its files and the parameters the build reads."""
    reg = scenario.region
    files = tuple(_stamp(p) for p in (reg.employees, reg.units, reg.workload))
    params = scenario.model_dump_json(include={
        "seed": True, "start_year": True, "demography": {"retirement_age"},
        "region": {"occupations", "agencies", "districts", "hardness", "competence_mean",
                   "competence_other"}})
    return files + (params,)


def check_region(scenario: Scenario) -> tuple[RegionData | None, Problems]:
    """Read and check the region's files; the region (None if any error) and the problems.

    Raises RegionDataError only when a whole file cannot be used (missing, empty,
    unreadable, a required column missing).
    """
    key = _identity(scenario)
    if key not in _CHECKED:
        _CHECKED.clear()  # one region per process at a time (a million rows take ~1 GB)
        _CHECKED[key] = _check(scenario)
    return _CHECKED[key]


_CHECKED: dict[tuple, tuple[RegionData | None, Problems]] = {}


def _check(scenario: Scenario) -> tuple[RegionData | None, Problems]:
    reg = scenario.region
    vocab = reg.vocabulary
    units = _units_cached(reg.units, _stamp(reg.units), reg.workload, _stamp(reg.workload),
                          tuple((o, s.family) for o, s in reg.occupations.items()))
    problems = Problems(parts=list(units.problems.parts), counts=dict(units.problems.counts),
                        skipped=dict(units.problems.skipped))
    fu = file_label(reg.units, "units")
    districts = _districts(scenario, units, problems, fu)
    homes = [d.name for d in districts]
    columns = check_employees(scenario, reg.employees, units.frame, vocab, homes, problems)
    _check_kinds(scenario, units, problems)
    if problems.n_errors:
        return None, problems
    U = _unit_table(scenario, units, vocab, districts, problems, fu)
    E = _employee_table(scenario, vocab, U, columns)
    staffed = np.zeros(U.demand.shape, bool)
    staffed[E.unit, E.role] = True
    idle = staffed & (U.demand == 0)
    if idle.any():
        problems.add(fu, np.array([0]), "workload", int(idle.sum()),
                     "unit-roles have staff but no workload in the workload file (their staff "
                     "count as surplus)", "warning")
    return RegionData(vocab, U, E, districts, columns["nip"], problems), problems


def _check_kinds(scenario: Scenario, units: UnitsRead, problems: Problems) -> None:
    """Unit kinds the scenario names (demand events, listed recruitment) must exist."""
    kinds = set(units.frame["kind"])
    named = [("demand.events", e.unit_kind) for e in scenario.demand.events]
    named += [("recruitment.listed", item.unit_kind) for item in scenario.recruitment.listed]
    for where, kind in named:
        if kind is not None and kind not in kinds:
            problems.add("scenario", np.array([0]), where, kind,
                         f"not a kind of the units file; known: {', '.join(sorted(kinds))}")


def region_data(scenario: Scenario) -> RegionData:
    """The imported region, or RegionDataError listing every problem of its files."""
    data, problems = check_region(scenario)
    if data is None:
        _raise(problems, f"the region's files cannot be used ({problems.n_errors:,} problems)")
    return data
