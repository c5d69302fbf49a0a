"""A region's own data: check its files and build the model's state from them.

`check_region(scenario)` reads the four tables (`roster_columns`; the occupations,
units and workload files through `vocab_files`, which scenario loading reads first),
checks every row and returns the region (or None) with every problem found; `region_data(scenario)`
returns the region or raises `RegionDataError` with the report. Results are cached
per process by file identity and the parameters the build reads, so a comparison's
replications import once. Personal names are never read past the header.

What a file does not give is drawn from the scenario's declarations, from keyed
streams: competence by family (own family about `region.competence_mean`, the
education field's family as a background) and performance (Beta(5, 2)).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..core.rng import RandomStreams
from ..core.state import EmployeeTable, UnitTable
from ..core.vocab import AREA_INDEX, AREA_TYPES, Vocabulary
from ..scenario.messages_region import Reason, SummaryMsg
from ..scenario.region_parts import District
from ..scenario.scenario import Scenario
from ..scenario.tables import Problems, file_label
from ..scenario.vocab_files import (
    UnitsRead,
    raise_problems,
    read_agencies,
    read_occupations,
    stamp,
    units_read,
)
from .employees import check_employees
from .synthetic import draw_competence

# read_agencies and read_occupations live in vocab_files (scenario loading reads them)
__all__ = ["RegionData", "check_region", "read_agencies", "read_occupations", "region_data"]


@dataclass
class RegionData:
    """An imported region, ready to start runs from (templates copied per run)."""

    vocab: Vocabulary
    units: UnitTable
    employees: EmployeeTable
    districts: list[District]
    nip: np.ndarray  # int64, one per initial employee
    problems: Problems


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
                     Reason.district_undeclared())
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
        problems.add(file, np.array([0]), "x_km, y_km", "", Reason.no_coordinates(),
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
    files = tuple(stamp(p) for p in (reg.employees, reg.units, reg.workload))
    params = scenario.model_dump_json(include={
        "seed": True, "start_year": True, "demography": {"retirement_age"},
        "region": {"occupations", "agencies", "districts", "hardness", "competence_mean",
                   "competence_other", "government"}})
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
    units = units_read(reg.units, reg.workload,
                       tuple((o, s.family) for o, s in reg.occupations.items()),
                       reg.government)
    problems = Problems(parts=list(units.problems.parts), counts=dict(units.problems.counts),
                        skipped=dict(units.problems.skipped))
    fu = file_label(reg.units, "units")
    if units.frame.empty:  # no unit of this government (an error says why): no staff to place
        return None, problems
    districts = _districts(scenario, units, problems, fu)
    homes = [d.name for d in districts]
    columns = check_employees(scenario, reg.employees, units.frame, vocab, homes, problems)
    named = dict(zip((fu, file_label(reg.workload, "workload"),
                      file_label(reg.employees, "employees")),
                     (*units.governments, columns.pop("government")), strict=True))
    if len({g for g in named.values() if g is not None}) > 1:  # one government's files
        problems.add(fu, np.array([0]), "government", ", ".join(
            f"{f}: {g}" for f, g in named.items() if g is not None), Reason.files_disagree())
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
                     Reason.staff_without_workload(), "warning")
    return RegionData(vocab, U, E, districts, columns["nip"], problems), problems


def _check_kinds(scenario: Scenario, units: UnitsRead, problems: Problems) -> None:
    """Unit kinds the scenario names (demand events, listed recruitment) must exist."""
    kinds = set(units.frame["kind"])
    named = [("demand.events", e.unit_kind) for e in scenario.demand.events]
    named += [("recruitment.listed", item.unit_kind) for item in scenario.recruitment.listed]
    for where, kind in named:
        if kind is not None and kind not in kinds:
            problems.add("scenario", np.array([0]), where, kind,
                         Reason.unknown_kind(known=", ".join(sorted(kinds))))


def region_data(scenario: Scenario) -> RegionData:
    """The imported region, or RegionDataError listing every problem of its files."""
    data, problems = check_region(scenario)
    if data is None:
        raise_problems(problems, SummaryMsg.region_unusable(n=problems.n_errors))
    return data
