"""The world: the state every process reads and writes, one home for each piece.

`World` holds the employee and unit tables, the clock, the calendars of retirements
and contract ends, what this year's moves have spent, the month's booked flows and
the region's fixed geography (distances, remote units, each unit's domain). It knows
no process and no Mesa: processes own their own state (the recruitment pipeline, the
set of people still adapting, the workload arrays) and act on the world through its
few verbs: `leave`, `hired`, `move`, `change_position`, `book`, `spend`,
`refresh_competence`.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ..core import exactmath, kernels
from ..core.columns import Columns, readonly
from ..core.rng import RandomStreams
from ..core.state import EmployeeTable, MonthSchedule, UnitTable, retirement_month
from ..core.vocab import AREA_INDEX, EXIT_CODE, POSITION_INDEX, ExitReason, Vocabulary
from ..regions.roster import region_data
from ..regions.synthetic import build_employees, build_units, district_weights
from ..scenario.region_parts import District
from ..scenario.scenario import Scenario


class Spending:
    """Moves decided and IDR spent this calendar year (yearly budgets)."""

    def __init__(self) -> None:
        self.moves = 0
        self.idr = 0.0

    def add(self, moves: int, idr: float) -> None:
        """Count `moves` and `idr` against this year's budgets."""
        self.moves += moves
        self.idr += idr

    def reset(self) -> None:
        """A new calendar year: nothing spent yet."""
        self.moves = 0
        self.idr = 0.0


_REGIONS: dict[str, tuple[UnitTable, EmployeeTable]] = {}
# a drawn region is kept for the next run only up to this size: a kabupaten's (~1 MB)
# is drawn once for all replications of a study, while a province's or the nation's
# (~110 B per employee) is drawn again, which costs little next to its run and keeps
# a run's peak memory to its own tables
CACHE_BYTES = 64 * 2**20


def synthetic_region(params: Scenario) -> tuple[UnitTable, EmployeeTable]:
    """The drawn region of a scenario, the template of each run.

    It depends only on the scenario's seed, start year, region, demography (retirement
    ages) and workload sections, so every replication, policy and lever setting of a
    study shares it; a run gets copies (`World.build`), as it changes them. Up to
    `CACHE_BYTES` it is drawn once per process and kept for the next run.
    """
    key = params.model_dump_json(include={"seed", "start_year", "region", "demography",
                                          "workload"})
    found = _REGIONS.get(key)
    if found is None:
        region_streams = RandomStreams(params.seed)  # the scenario's seed, not the run's
        units, staff = build_units(params, region_streams)
        employees = build_employees(params, units, staff, params.start_year * 12,
                                    region_streams)
        found = (units, employees)
        _REGIONS.clear()  # one region per process at a time
        if employees.nbytes() <= CACHE_BYTES:
            _REGIONS[key] = found
    return found  # (a local: another thread may replace the cache meanwhile)


class World:
    """Tables, clock, calendars, spending, flows and geography of one run.

    Args:
        params: the resolved scenario.
        streams: the run's named random streams.
        units, employees: the region's tables (see `World.build`).
        districts: the region's districts (names, area types, centres).
        vocab: the region's occupations, families and agencies.
        nip: each initial employee's NIP (an imported roster), or None.
    """

    def __init__(self, params: Scenario, streams: RandomStreams, units: UnitTable,
                 employees: EmployeeTable, districts: list[District] | None = None,
                 vocab: Vocabulary | None = None, nip: np.ndarray | None = None) -> None:
        self.params = params
        self.streams = streams
        self.units = units
        self.employees = employees
        self.vocab = vocab or params.region.vocabulary
        self.nip = nip
        self.arrived_nip: dict[int, str] = {}  # row -> NIP of people from another government
        # clock: run month (0 = the start) and absolute month being simulated
        self.start = params.start_year * 12  # January of the start year
        self.horizon = params.years * 12
        self.month = 0
        self.now = self.start
        # whether the month's passes run compiled (a large region; `kernels.wanted`, read
        # by the model's setup and each `begin_month`; a region drawn alone never reads it)
        self.compiled = False
        # occupations and roles (pairs naming occupations the region lacks do not apply)
        index = self.vocab.occ_index
        self.compatibility = np.eye(len(index), dtype=np.float32)
        for pair, factor in params.workload.compatibility.items():
            occ, _, role = pair.partition(">")
            if occ in index and role in index:
                self.compatibility[index[occ], index[role]] = factor
        self.family_of_role = self.vocab.family_of_occ_code
        self.occ_distance = self.vocab.distance_matrix()
        # geography
        districts = params.region.districts if districts is None else districts
        self.district_names = [d.name for d in districts]
        self.district_x = np.array([d.x_km for d in districts], np.float32)
        self.district_y = np.array([d.y_km for d in districts], np.float32)
        self.district_w = district_weights(districts)
        remote = [AREA_INDEX[a] for a in params.workload.remote_area_types]
        self.remote_units = np.isin(units.area, remote)
        self.unit_family = units.domain
        # calendars (retirement at the BUP of each position type), spending, the flows
        self.bup_by_position = params.demography.bup_by_position()  # [position code]
        self.retirements = MonthSchedule()
        self.contract_ends = MonthSchedule()
        self.spent = Spending()
        self.flows: dict[str, float] = {}
        self._on_leave: list[Callable[[World, np.ndarray], None]] = []
        self._on_hire: list[Callable[[World, np.ndarray], None]] = []
        # active staff per workload cell and active PPPK: counts kept by the verbs that
        # change them (`leave`, `hired`, `move`), so nobody rescans the table for them
        on = employees.active
        self.staff_cell = np.bincount(employees.cell[on], minlength=units.demand.size)
        self.n_pppk = int(np.count_nonzero(employees.employment[on] == 1))

    @classmethod
    def build(cls, params: Scenario, streams: RandomStreams) -> World:
        """The scenario's region: its own files, or drawn from the scenario's `seed`.

        Either way it is the same in every replication.
        """
        if params.region.imported:
            data = region_data(params)
            world = cls(params, streams, data.units.copy(), data.employees.copy(),
                        data.districts, data.vocab, data.nip)
        else:
            units, employees = synthetic_region(params)
            world = cls(params, streams, units.copy(), employees.copy())
        world.refresh_competence(np.arange(world.employees.n))
        return world

    # ------------------------------------------------------------------ clock
    @property
    def calendar_month(self) -> int:
        """Calendar month (1-12) being simulated."""
        return self.now % 12 + 1

    def begin_month(self) -> None:
        """Advance the clock; clear the month's flows; budgets start again in January."""
        self.month += 1
        self.now = self.start + self.month - 1
        self.flows = {}
        self.compiled = kernels.wanted(self.employees.n)  # read once a month
        if self.calendar_month == 1:
            self.spent.reset()

    # ------------------------------------------------------------------ flows
    def book(self, key: str, amount: float) -> None:
        """Add `amount` to the month's flow `key` (a metric with `emitted_by`)."""
        self.flows[key] = self.flows.get(key, 0) + amount

    def spend(self, moves: int, idr: float) -> None:
        """Count decided moves and their IDR against this year's budgets."""
        self.spent.add(moves, idr)

    # ------------------------------------------------------------------ people
    def on_leave(self, listener: Callable[[World, np.ndarray], None]) -> None:
        """Call `listener(world, rows)` whenever employees leave, after their rows are marked.

        The recruitment's departure history and the model's agent views listen.
        """
        self._on_leave.append(listener)

    def on_hire(self, listener: Callable[[World, np.ndarray], None]) -> None:
        """Call `listener(world, rows)` whenever recruits join."""
        self._on_hire.append(listener)

    def leave(self, rows: np.ndarray, reason: str) -> None:
        """Employees `rows` leave the service for `reason` (an ExitReason)."""
        if rows.size == 0:
            return
        self._mark_gone(rows, reason)
        for listener in self._on_leave:
            listener(self, rows)

    def transfer_out(self, rows: np.ndarray) -> None:
        """Employees `rows` move to another government (a region of regions).

        They leave this region's table as leavers do (exit reason `transfer`), but are
        no departure its recruitment replaces: the `on_leave` listeners are not told.
        """
        if rows.size:
            self._mark_gone(rows, ExitReason.transfer)

    def _mark_gone(self, rows: np.ndarray, reason: str) -> None:
        E = self.employees
        np.subtract.at(self.staff_cell, E.cell[rows], 1)
        self.n_pppk -= int(np.count_nonzero(E.employment[rows] == 1))
        E.active[rows] = False
        E.fit[rows] = 0.0
        E.prod[rows] = 0.0
        E.exit_reason[rows] = EXIT_CODE[reason]
        E.exit_at[rows] = self.now

    def hired(self, rows: np.ndarray) -> None:
        """Recruits `rows` joined (their rows are filled in, active, in their cell)."""
        E = self.employees
        np.add.at(self.staff_cell, E.cell[rows], 1)
        self.n_pppk += int(np.count_nonzero(E.employment[rows] == 1))
        for listener in self._on_hire:
            listener(self, rows)

    def move(self, rows: np.ndarray, to_unit: np.ndarray, to_role: np.ndarray) -> None:
        """Employees `rows` (active) now work in `to_unit` in role `to_role`.

        Only the post changes here (unit, role, workload cell and the staff counts);
        the mover's fit, competence and adaptation are the mutation's to set.
        """
        E, U = self.employees, self.units
        np.subtract.at(self.staff_cell, E.cell[rows], 1)
        E.unit[rows] = to_unit
        E.role[rows] = to_role
        E.cell[rows] = to_unit * U.n_roles + to_role
        np.add.at(self.staff_cell, E.cell[rows], 1)

    def staff(self) -> np.ndarray:
        """Active staff per [unit, role] (counts; a read-only view)."""
        view = self.staff_cell.reshape(self.units.demand.shape).view()
        view.flags.writeable = False
        return view

    def change_position(self, rows: np.ndarray, position: int | str | np.ndarray) -> None:
        """Employees `rows` take the position type `position` (a code or a name).

        Their retirement age (BUP) is the new position's: their retirement month is
        recomputed and put on the retirement calendar (the old date's entry is left
        there and ignored when it comes). Someone already past the new BUP retires at
        the next month's demography. Unit, role and competence do not change.

        A PPPK's contract is not lengthened by a later BUP: it ends when it was due and
        the usual renewal decides then (a renewal runs to the new retirement at most). A
        contract that would now outlast the new retirement month ends with it.
        """
        rows = np.asarray(rows, np.int64).reshape(-1)
        if rows.size == 0:
            return
        E = self.employees
        E.position[rows] = POSITION_INDEX[position] if isinstance(position, str) else position
        E.retire_at[rows] = retirement_month(E.birth[rows],
                                             self.bup_by_position[E.position[rows]])
        self.retirements.add(rows, E.retire_at[rows])
        pppk = rows[(E.employment[rows] == 1) & (E.contract_end[rows] > E.retire_at[rows])]
        E.contract_end[pppk] = E.retire_at[pppk]

    def person_ids(self, rows: np.ndarray) -> np.ndarray:
        """How outputs name employees: the NIP for an imported roster, else the row.

        Recruits of a run have no NIP yet: they are named 'rekrut-<row>'; people who
        came from another government keep theirs (`arrived_nip`). Names are never read,
        so never written.
        """
        rows = np.asarray(rows, np.int64)
        if self.nip is None:
            return rows
        known = rows < self.nip.size
        out = np.array([self.arrived_nip.get(r, f"rekrut-{r}") for r in rows.tolist()],
                       dtype=object)
        out[known] = self.nip[rows[known]].astype(str)
        return out

    def refresh_competence(self, rows: np.ndarray) -> None:
        """Recompute the cached competences of `rows` for their current unit and role.

        comp_domain = competence in the unit's domain (its agency's family);
        comp_role = (1 - w) x competence in the role's family + w x comp_domain.
        """
        E = self.employees
        w = self.params.competence.domain_weight
        flat, base = self.competence_flat(rows)
        domain = flat[base + self.unit_family[E.unit[rows]]]
        own = flat[base + self.family_of_role[E.role[rows]]]
        E.comp_domain[rows] = domain
        E.comp_role[rows] = (1 - w) * own + w * domain

    def competence_flat(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The competence matrix as a flat writable view, and each row's offset in it."""
        comp = self.employees.competence
        return comp.reshape(-1), np.asarray(rows, np.int64) * comp.shape[1]

    # ------------------------------------------------------------------ geography
    def add_place(self, name: str, x_km: float, y_km: float) -> int:
        """A place outside the region (another government's seat), as a district number.

        People who came from another government have it as their home district, so
        distances from home, refusals and own requests read it like any district; no
        unit lies in it and no recruit's home is drawn there.
        """
        self.district_names = [*self.district_names, name]
        self.district_x = np.append(self.district_x, np.float32(x_km))
        self.district_y = np.append(self.district_y, np.float32(y_km))
        return len(self.district_names) - 1

    def unit_distance(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Km between units `a` and `b` (elementwise)."""
        return unit_distance(self.units, a, b)

    def home_distance(self, rows: np.ndarray, units: np.ndarray) -> np.ndarray:
        """Km between employees' home districts and `units` (elementwise)."""
        return home_distance(self, rows, units)


def unit_distance(U, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Km between units `a` and `b` of unit columns `U` (elementwise)."""
    return exactmath.hypot(U.x_km[a] - U.x_km[b], U.y_km[a] - U.y_km[b])


def home_distance(w, rows: np.ndarray, units: np.ndarray) -> np.ndarray:
    """Km between home districts of employees `rows` and `units`, in world or view `w`."""
    U, home = w.units, w.employees.home[rows]
    return exactmath.hypot(U.x_km[units] - w.district_x[home],
                           U.y_km[units] - w.district_y[home])


# what the model's formulas read about a person (distances, adaptation, refusal)
VIEW_EMPLOYEE_COLUMNS = ("unit", "occupation", "home", "birth", "hire_at", "moved_at",
                         "comp_role")


class WorldView:
    """The world read-only, for the estimators policies call (no model, no writable state).

    Same names as `World` for what the model's formulas read, so one formula serves
    both: the columns they need as read-only views, the clock, the geography and the
    parameters. Read-only guards against mistakes; it is not a sandbox (NumPy lets
    determined code reach the underlying arrays).
    """

    def __init__(self, world: World) -> None:
        E, U = world.employees, world.units
        self.params = world.params
        self.now = world.now
        self.employees = Columns({c: getattr(E, c) for c in VIEW_EMPLOYEE_COLUMNS})
        self.units = Columns({c: getattr(U, c) for c in ("district", "hardness", "x_km",
                                                          "y_km")})
        self.district_x = readonly(world.district_x)
        self.district_y = readonly(world.district_y)
        self.remote_units = readonly(world.remote_units)
        self.occ_distance = readonly(world.occ_distance)

    def unit_distance(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Km between units `a` and `b` (elementwise)."""
        return unit_distance(self.units, a, b)

    def home_distance(self, rows: np.ndarray, units: np.ndarray) -> np.ndarray:
        """Km between employees' home districts and `units` (elementwise)."""
        return home_distance(self, rows, units)
