"""The policy interface: `propose(view, rng) -> Moves`.

A policy never changes model state. It reads a `PolicyView` (read-only arrays of
employees, units and workload at the start of a mutation round, plus helpers) and
returns a `Moves` table of proposals. The model then validates the table, applies
constraints, lets employees respond, and executes accepted moves
(`model.processes.mutation`).

Writing your own policy::

    class MyPolicy(Policy):
        name = "mine"
        def propose(self, view, rng):
            rows = np.flatnonzero(view.movable)[:10]
            return Moves.build(rows, to_unit=..., to_role=view.employees.role[rows],
                               reason="my_reason")

and name it in a scenario: `policy: {module: my_policy.py, class: MyPolicy}`.

A built-in policy (a module of this package, found by `registry.py`) also declares what
a planner reads about it, beside its logic: its `label` and one-line `summary` (each a
`Text`, Indonesian and English), its `color` in every figure and panel, and the label of
each `reason` it gives its moves. Reporting and the dashboard read them from here; a
built-in policy without them is refused when the package is imported.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from ..core.columns import Columns
from ..core.declare import Section
from ..core.errors import UserError
from ..core.text import Joined, Text
from .messages import PolicyMsg


class PolicyError(UserError):
    """A policy returned something the model cannot use (names the policy and rows)."""


@dataclass(frozen=True)
class Moves:
    """Proposed moves: one row per employee (columns are equal-length arrays).

    `override` marks moves the planner decided to carry out even where a constraint
    that allows it (`Constraint.overridable`: tenure, retirement, distance, home
    district, staffing, budgets) would block them; left empty it means none. Only a
    planner's own list (`run_sim.py evaluate`) sets it; a policy never needs to.
    """

    employee_id: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    to_unit: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    to_role: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    reason: np.ndarray = field(default_factory=lambda: np.empty(0, object))
    priority: np.ndarray = field(default_factory=lambda: np.empty(0, np.float64))
    override: np.ndarray = field(default_factory=lambda: np.empty(0, bool))

    def __post_init__(self) -> None:
        n = len(self.employee_id)
        override = np.asarray(self.override, bool).reshape(-1)
        if override.size != n and override.size <= 1:  # not given, or one for every row
            override = np.full(n, bool(override[0]) if override.size else False)
        object.__setattr__(self, "override", override)

    def __len__(self) -> int:
        return len(self.employee_id)

    @classmethod
    def build(cls, employee_id: Any, to_unit: Any, to_role: Any, reason: Any = "",
              priority: Any = 0.0, override: Any = False) -> Moves:
        """Moves from arrays or scalars (scalars are repeated)."""
        ids = np.asarray(employee_id).reshape(-1)
        n = ids.size

        def col(x: Any, dtype: Any) -> np.ndarray:
            a = np.asarray(x, dtype=dtype).reshape(-1)
            return np.full(n, a[0] if a.size else 0, dtype) if a.size == 1 and n != 1 else a

        return cls(ids.astype(np.int64), col(to_unit, np.int64), col(to_role, np.int64),
                   col(reason, object), col(priority, np.float64), col(override, bool))

    @classmethod
    def concat(cls, parts: list[Moves]) -> Moves:
        """One table from several (in order)."""
        parts = [p for p in parts if len(p)]
        if not parts:
            return cls()
        return cls(*(np.concatenate([getattr(p, f) for p in parts])
                     for f in ("employee_id", "to_unit", "to_role", "reason", "priority",
                               "override")))

    def take(self, index: np.ndarray) -> Moves:
        """The rows at `index`."""
        return Moves(self.employee_id[index], self.to_unit[index], self.to_role[index],
                     self.reason[index], self.priority[index], self.override[index])


@dataclass(frozen=True)
class Budget:
    """What this year's constraints still allow (None: no limit)."""

    moves_left: int | None = None
    idr_left: float | None = None


class Estimators(Protocol):
    """The model's own formulas, for policies to weigh moves the way the model acts."""

    def unit_distance(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Km between units `a` and `b` (elementwise)."""

    def refusal_probability(self, rows: np.ndarray, units: np.ndarray) -> np.ndarray:
        """Refusal probability of employees `rows` sent to `units`."""

    def expected_loss(self, rows: np.ndarray, units: np.ndarray,
                      roles: np.ndarray) -> np.ndarray:
        """Expected adaptation loss (FTE-months) of these moves."""

    def cell_expected_loss(self, src_units: np.ndarray, dst_units: np.ndarray,
                           src_roles: np.ndarray, dst_roles: np.ndarray,
                           per: np.ndarray) -> np.ndarray:
        """Expected loss of a typical person of a source cell at a destination."""

    def cell_refusal(self, dst_units: np.ndarray, km: np.ndarray) -> np.ndarray:
        """Refusal risk of a typical person moving `km` to `dst_units`."""

    def move_cost_idr(self, km: np.ndarray) -> np.ndarray:
        """What a move of `km` costs the budget (IDR)."""


@dataclass(frozen=True)
class PolicyView:
    """What a policy may see at a mutation round (all arrays read-only).

    Read-only guards against mistakes (writing into a view raises); it is not a
    sandbox: a policy is code the planner chose to run.

    Attributes:
        month, now: run month and absolute month of the round.
        employees: columns of the employee table (index = employee id); see
            `model/core/state.py`.
        units: unit columns plus `agency_family` (competence family of each unit's domain).
        required_fte, capacity_fte, staff: [unit, role] workload and head counts.
        potential_fte: capacity if everyone were adapted (structure, not ramp-up).
        gap_fte: potential_fte - required_fte, counting earlier proposals of the round
            as done: + surplus, - deficit.
        compatibility: [occupation, role] productivity factor, 0 = not eligible.
        movable: employees a transfer may concern now (active, long enough in position,
            not near retirement).
        proposed: moves proposed earlier in this round (requests, earlier policies).
        params: the policy's own parameters (a section, or a dict for custom policies).
        budget: moves and money this year's constraints still allow.
        helpers: the model's estimators (distance, adaptation loss, refusal, cost).
        families: names of the competence families (columns of `employees.competence`).
    """

    month: int
    now: int
    employees: Columns
    units: Columns
    required_fte: np.ndarray
    capacity_fte: np.ndarray
    structure: Callable[[], tuple[np.ndarray, np.ndarray]]  # (potential_fte, gap_fte)
    staff: np.ndarray
    compatibility: np.ndarray
    movable: np.ndarray
    proposed: Moves
    params: Section | Mapping[str, Any] | None
    n_active: int
    budget: Budget
    helpers: Estimators
    families: tuple[str, ...] = ()
    _memo: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def potential_fte(self) -> np.ndarray:
        """[unit, role] capacity if everyone were adapted (computed when first read)."""
        return self._structure()[0]

    @property
    def gap_fte(self) -> np.ndarray:
        """[unit, role] potential_fte - required_fte, earlier proposals counted as done."""
        return self._structure()[1]

    def _structure(self) -> tuple[np.ndarray, np.ndarray]:
        if "structure" not in self._memo:  # a pass over all staff: only if a policy reads it
            self._memo["structure"] = self.structure()
        return self._memo["structure"]

    def retiring_within(self, months: int) -> np.ndarray:
        """Ids of active employees who retire within `months` months from now."""
        e = self.employees
        return np.flatnonzero(e.active & (e.retire_at <= self.now + months))

    def distance_km(self, rows: np.ndarray, units: np.ndarray) -> np.ndarray:
        """Distance between employees' current units and `units`."""
        return self.helpers.unit_distance(self.employees.unit[rows], units)

    def refusal_probability(self, rows: np.ndarray, units: np.ndarray) -> np.ndarray:
        """The model's refusal probability if `rows` were sent to `units`."""
        return self.helpers.refusal_probability(rows, units)

    def expected_loss(self, rows: np.ndarray, units: np.ndarray,
                      roles: np.ndarray) -> np.ndarray:
        """Expected adaptation loss in FTE-months (D x tau x competence) of these moves."""
        return self.helpers.expected_loss(rows, units, roles)


class Policy:
    """Base class of mutation policies: decide, never act.

    `name` labels the policy in scenarios and outputs; `Params`, if the policy takes
    parameters, is its `Section` (the scenario's `policies.<name>`), declared in the
    policy's own module. A policy built without parameters gets the defaults.
    """

    name = "base"
    Params: type | None = None
    # what a planner reads about the policy (required of a built-in policy; tested)
    label: Text | None = None  # its name in tables, legends and the dashboard
    summary: Text | None = None  # one line on what it does (the report's policy list)
    color: str | None = None  # '#rrggbb', the same in every figure and panel
    reasons: Mapping[str, Text] = {}  # the label of each `reason` its moves carry
    order: int = 100  # where it is listed among the built-in policies (then by name)
    # True when the policy decides which unit and position lose staff and then picks the
    # person at random among those who may move (a draft plan names that person as an
    # example, and says so: the team chooses who)
    picks_person_at_random = False

    def __init__(self, params: Any = None) -> None:
        if params is None and self.Params is not None:
            params = self.Params()
        self.params = params

    def propose(self, view: PolicyView, rng: np.random.Generator) -> Moves:
        """Return the moves this policy proposes for this round."""
        raise NotImplementedError


def check_moves(moves: Any, view: PolicyView, policy: str, n_units: int, n_roles: int) -> Moves:
    """Validate a policy's table; raise PolicyError naming the policy and offending rows."""
    if not isinstance(moves, Moves):
        raise PolicyError(PolicyMsg.not_moves(policy=policy, got=type(moves).__name__))
    cols = {f: np.asarray(getattr(moves, f)) for f in
            ("employee_id", "to_unit", "to_role", "reason", "priority", "override")}
    lengths = {f: len(a) for f, a in cols.items()}
    if len(set(lengths.values())) > 1:
        raise PolicyError(PolicyMsg.lengths_differ(policy=policy, lengths=lengths))
    problems: list[Any] = []

    def as_int(name: str) -> np.ndarray:
        a = cols[name]
        try:
            out = a.astype(np.int64)
        except (TypeError, ValueError):
            bad = [i for i, x in enumerate(a) if not _is_int(x)]
            problems.append(PolicyMsg.not_whole(column=name, rows=bad[:10]))
            return np.full(len(a), -1, np.int64)
        nonint = np.flatnonzero(out != a.astype(float)) if a.dtype.kind in "fO" else []
        if len(nonint):
            problems.append(PolicyMsg.not_whole(column=name, rows=list(nonint[:10])))
        return out

    ids, units, roles = as_int("employee_id"), as_int("to_unit"), as_int("to_role")
    n_rows = view.employees.active.size
    unknown = np.flatnonzero((ids < 0) | (ids >= n_rows))
    if unknown.size:
        problems.append(PolicyMsg.unknown_employee(rows=_rows(unknown, ids)))
    known = (ids >= 0) & (ids < n_rows)
    inactive = np.flatnonzero(known & ~view.employees.active[np.where(known, ids, 0)])
    if inactive.size:
        problems.append(PolicyMsg.inactive_employee(rows=_rows(inactive, ids)))
    bad_unit = np.flatnonzero((units < 0) | (units >= n_units))
    if bad_unit.size:
        problems.append(PolicyMsg.unknown_unit(rows=_rows(bad_unit, units)))
    bad_role = np.flatnonzero((roles < 0) | (roles >= n_roles))
    if bad_role.size:
        problems.append(PolicyMsg.unknown_role(rows=_rows(bad_role, roles)))
    _, first, counts = np.unique(ids, return_index=True, return_counts=True)
    dup = np.flatnonzero(np.isin(ids, np.unique(ids)[counts > 1]))
    if dup.size:
        problems.append(PolicyMsg.duplicate_employee(rows=_rows(dup, ids)))
    try:
        priority = cols["priority"].astype(np.float64)
    except (TypeError, ValueError):
        problems.append(PolicyMsg.priority_numbers())
        priority = np.zeros(len(ids))
    if problems:
        raise PolicyError(PolicyMsg.unusable_moves(
            policy=policy, n=len(ids), problems=Joined(problems, "\n  "),
            last_employee=n_rows - 1, last_unit=n_units - 1, last_role=n_roles - 1))
    return Moves(ids, units, roles, cols["reason"].astype(object), priority,
                 cols["override"].astype(bool))


def _is_int(x: Any) -> bool:
    try:
        return float(x) == int(x)
    except (TypeError, ValueError):
        return False


def _rows(index: np.ndarray, values: np.ndarray) -> Any:
    """The first ten offending rows with their values; a longer list says how many more."""
    shown = ", ".join(f"{i} ({values[i]})" for i in index[:10])
    if index.size > 10:
        return PolicyMsg.rows_more(shown=shown, more=index.size - 10)
    return f"[{shown}]"
