"""Employee and unit state as numpy column tables: the model's single source of truth.

`EmployeeTable` keeps one row per person ever present in a run (rows are never
deleted: leavers get `active = False`, an exit reason and month), so an employee's id
is their row number. Columns are preallocated and grow geometrically when recruits
arrive; `table.<column>` is a view of the rows in use, and writing into it writes
the state. `UnitTable` holds units and the per unit-role workload matrices.

Months are absolute month numbers (`year * 12 + month - 1`), so ages, tenures and
retirement dates are differences of integers.
"""

from __future__ import annotations

from typing import Any

import numpy as np

# name: (dtype, fill value for new rows, description)
EMPLOYEE_COLUMNS: dict[str, tuple[Any, Any, str]] = {
    "active": (np.bool_, False, "in service"),
    "birth": (np.int32, 0, "absolute month of birth"),
    "female": (np.bool_, False, "sex is female"),
    "employment": (np.int8, 0, "0 PNS, 1 PPPK"),
    "position": (np.int8, 0, "position type code (sets BUP)"),
    "occupation": (np.int8, 0, "occupation code"),
    "role": (np.int8, 0, "role (occupation slot) filled in the unit"),
    "unit": (np.int32, 0, "unit row"),
    "cell": (np.int32, 0, "unit * n_roles + role (workload cell)"),
    "home": (np.int16, 0, "home district"),
    "retire_at": (np.int32, 0, "absolute month of retirement (first month after BUP)"),
    "contract_end": (np.int32, np.iinfo(np.int32).max, "PPPK contract end (absolute month)"),
    "hire_at": (np.int32, 0, "absolute month of appointment"),
    "moved_at": (np.int32, 0, "absolute month of the last move or hire"),
    "n_moves": (np.int16, 0, "moves during the run"),
    "performance": (np.float32, 0.0, "performance score 0-1"),
    "comp_role": (np.float32, 0.0, "competence used for capacity: (1 - w) role family + w "
                  "unit domain (cached)"),
    "comp_domain": (np.float32, 0.0, "competence in the unit's domain (agency family, cached)"),
    "fit": (np.float32, 0.0, "occupation-to-role productivity factor; 0 when inactive"),
    "adapt_d": (np.float32, 0.0, "adaptation difficulty D of the last move"),
    "adapt_tau": (np.float32, 1.0, "adaptation time constant tau (months)"),
    "adapt": (np.float32, 1.0, "current adaptation factor 1 - D exp(-t/tau)"),
    "morale": (np.float32, 1.0, "morale 0-1"),
    "prod": (np.float32, 0.0, "productivity = fit * adapt * morale effect (0 if inactive)"),
    "trainings": (np.int8, 0, "post-transfer trainings received"),
    "exit_reason": (np.int8, 0, "0 active, else ExitReason code"),
    "exit_at": (np.int32, -1, "absolute month of exit"),
}


def retirement_month(birth: np.ndarray, bup_years: np.ndarray) -> np.ndarray:
    """Absolute month of retirement: the first month after reaching the BUP.

    PP 11/2017 art. 239: a civil servant is honourably discharged on reaching the
    retirement age (BUP) and the pension starts on the first day of the next month.
    """
    return birth + np.asarray(bup_years) * 12 + 1


class EmployeeTable:
    """Struct of arrays, one row per employee ever present in the run."""

    def __init__(self, n: int, n_families: int, capacity: int | None = None) -> None:
        cap = max(int(capacity or n), 1)
        self.n = int(n)
        self._data: dict[str, np.ndarray] = {
            name: np.full(cap, fill, dtype=dtype)
            for name, (dtype, fill, _) in EMPLOYEE_COLUMNS.items()
        }
        self._data["competence"] = np.zeros((cap, n_families), np.float32)

    def __getattr__(self, name: str) -> np.ndarray:
        """A column's rows 0..n-1 (a view), kept as an attribute until `append`.

        The month reads columns a few hundred times; a kept view is a plain attribute
        read instead of this call and a new slice each time (~1.5 % of a run at a
        kabupaten's size).
        """
        d = self.__dict__
        try:
            view = d["_data"][name][: d["n"]]
        except KeyError:
            raise AttributeError(f"EmployeeTable has no column {name!r}") from None
        d[name] = view
        return view

    def _forget_views(self) -> None:
        """Drop the kept column views (rows were added, or columns grown)."""
        for name in self._data:
            self.__dict__.pop(name, None)

    def __getstate__(self) -> dict:
        """Pickled as its columns and row count (no kept views)."""
        return {"n": self.n, "_data": self._data}

    @property
    def capacity(self) -> int:
        """Rows allocated (>= n)."""
        return len(self._data["active"])

    @property
    def columns(self) -> list[str]:
        """Column names."""
        return list(self._data)

    def append(self, k: int) -> slice:
        """Add `k` rows with fill values; return the slice of the new rows.

        When the rows run out, the columns grow by a quarter one at a time, each old
        column let go before the next grows: at most one column is held twice, not
        the whole table (a nation's table is ~1 GB).
        """
        need = self.n + k
        self._forget_views()
        if need > self.capacity:
            new_cap = max(need, int(self.capacity * 1.25) + 16)
            for name in list(self._data):  # names only: no list holds the old columns
                arr = self._data[name]
                fill = EMPLOYEE_COLUMNS.get(name, (None, 0.0))[1]
                grown = np.empty((new_cap, *arr.shape[1:]), dtype=arr.dtype)
                grown[: self.n] = arr[: self.n]
                grown[self.n:] = fill
                self._data[name] = grown  # the old column is let go here (and below)
                del arr
        start = self.n
        self.n = need
        return slice(start, need)

    def nbytes(self) -> int:
        """Bytes held by the columns."""
        return sum(a.nbytes for a in self._data.values())

    def copy(self, capacity_factor: float = 1.15) -> EmployeeTable:
        """A fresh copy of the rows, with room for recruits (a run's own table)."""
        out = EmployeeTable(self.n, self._data["competence"].shape[1],
                            capacity=int(self.n * capacity_factor) + 16)
        for name in self.columns:
            getattr(out, name)[:] = getattr(self, name)
        return out


class UnitTable:
    """Units (schools, puskesmas, offices) and their workload per role."""

    def __init__(
        self,
        names: np.ndarray,
        kind: np.ndarray,
        agency: np.ndarray,
        district: np.ndarray,
        area: np.ndarray,
        x_km: np.ndarray,
        y_km: np.ndarray,
        hardness: np.ndarray,
        demand: np.ndarray,
        kind_names: list[str],
        domain: np.ndarray,
        codes: np.ndarray | None = None,
        establishment: np.ndarray | None = None,
    ) -> None:
        self.names = names
        self.kind = kind.astype(np.int16)
        self.agency = agency.astype(np.int8)
        self.district = district.astype(np.int16)
        self.area = area.astype(np.int8)
        self.x_km = x_km.astype(np.float32)
        self.y_km = y_km.astype(np.float32)
        self.hardness = hardness.astype(np.float32)
        self.demand = demand.astype(np.float64)  # [unit, role] ABK hours per year, current
        self.demand_start = self.demand.copy()
        self.kind_names = kind_names
        self.domain = np.asarray(domain).astype(np.int8)  # family code of the unit's work
        # the region's own unit codes (imported regions); None for a synthetic region
        self.codes = codes
        # approved positions per [unit, role] from the region's data (None if not given)
        self.establishment = establishment

    @property
    def n(self) -> int:
        """Number of units."""
        return len(self.names)

    def copy(self) -> UnitTable:
        """A copy a run can change (its demand); the fixed columns are shared."""
        return UnitTable(self.names, self.kind, self.agency, self.district, self.area,
                         self.x_km, self.y_km, self.hardness, self.demand.copy(),
                         list(self.kind_names), self.domain, self.codes, self.establishment)

    @property
    def shown_codes(self) -> np.ndarray:
        """Each unit's code as plans and lists name it: its own, or its row (synthetic)."""
        return (self.codes if self.codes is not None else np.arange(self.n)).astype(str)

    @property
    def n_roles(self) -> int:
        """Number of roles (columns of the workload matrices)."""
        return self.demand.shape[1]


class MonthSchedule:
    """Rows due at an absolute month (retirements, contract ends): a calendar.

    Dates are known when they are set (at setup, hire or renewal), so each month
    pops its rows instead of scanning every row. Entries of people who have left,
    or whose date changed, stay in the calendar; callers filter what they pop.

    A large batch (the staff at setup, a year's recruits) is kept whole, sorted by
    month, with a cursor: a month takes the next slice. Small batches (monthly
    renewals) are grouped by month.
    """

    SMALL = 64

    def __init__(self) -> None:
        self._due: dict[int, list[np.ndarray]] = {}
        self._runs: list[list] = []  # [months ascending, rows in that order, cursor]

    def add(self, rows: np.ndarray, months: np.ndarray) -> None:
        """Schedule each of `rows` at the matching entry of `months`."""
        rows = np.asarray(rows, np.int64)
        if rows.size == 0:
            return
        months = np.asarray(months)
        if rows.size < self.SMALL:
            groups: dict[int, list[int]] = {}
            for month, row in zip(months.tolist(), rows.tolist(), strict=True):
                groups.setdefault(month, []).append(row)
            for month, members in groups.items():
                self._due.setdefault(month, []).append(np.array(members, np.int64))
            return
        order = np.argsort(months, kind="stable")
        narrow = np.int32 if rows.max() <= np.iinfo(np.int32).max else np.int64
        self._runs.append([months[order], rows[order].astype(narrow), 0])

    def pop(self, month: int, unique: bool = False) -> np.ndarray:
        """Remove and return the rows scheduled at or before `month` (sorted).

        Anything overdue (a date set in the past) is returned too, never left behind.
        `unique`: each row once (a row may be scheduled twice).
        """
        months = [m for m in self._due if m <= month]
        chunks = [c for m in months for c in self._due.pop(m)]
        done = False
        for run in self._runs:
            dates, rows, at = run
            if dates[at] <= month:
                end = int(np.searchsorted(dates, month, side="right"))
                chunks.append(rows[at:end].astype(np.int64))
                run[2] = end
                done = done or end == dates.size
        if done:
            self._runs = [run for run in self._runs if run[2] < run[0].size]
        if not chunks:
            return np.empty(0, np.int64)
        rows = np.sort(chunks[0] if len(chunks) == 1 else np.concatenate(chunks))
        if unique and rows.size > 1:
            keep = np.empty(rows.size, bool)
            keep[0] = True
            np.not_equal(rows[1:], rows[:-1], out=keep[1:])
            rows = rows[keep]
        return rows

    def earliest(self) -> int | None:
        """The first month with anything scheduled (None if empty)."""
        firsts = [*self._due, *(int(dates[at]) for dates, _, at in self._runs)]
        return min(firsts) if firsts else None
