"""Constraints the round applies to every proposed move: one table, read by everyone.

Each constraint is declared once, in `TABLE` below: its name (logged as
`blocked:<name>` and counted), its label (what a planner reads for a blocked move),
its check label (what a planned move passed, `{value}` being the parameter's value),
the `mutation.constraints` parameter it reads, and its rule. The round applies the
table (`apply`, `apply_limits`), the draft plan lists the checks (`checks`), the
transfer tables name blocked outcomes (`label`). Adding a constraint is one row and
its rule; a constraint whose parameter is None (or False) is off.

Two kinds of rule, applied in the table's order:
- on the proposals (`when="proposed"`): `rule(r, value) -> mask` over every proposal
  of the round; the first rule blocking a move names it;
- on the moves that would go ahead (`when="going"`): staffing and yearly budgets,
  checked after employees respond, in order (own requests, then the policies in their
  listed order, each by descending priority). `rule(r, value, open_) -> mask` over
  `open_`, the moves still going ahead; a refused proposal does not use up a place
  or the budget.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from ..core.text import Joined, Message, Text, words

if TYPE_CHECKING:
    from ..policies import Moves
    from ..world.world import World
    from .workload import Workload


@dataclass(frozen=True)
class Proposals:
    """What a rule reads: the world, the round's proposals, and their cost.

    `cost_idr` (relocation and training per move) is given to the rules on moves
    going ahead.
    """

    world: World
    workload: Workload | None
    moves: Moves
    cost_idr: np.ndarray | None = None

    @property
    def rows(self) -> np.ndarray:
        """The employee of each proposal."""
        return self.moves.employee_id


@dataclass(frozen=True)
class Constraint:
    """One row of the table: a constraint, its words, its parameter and its rule."""

    name: str
    label: Text  # a blocked move: 'terhalang: <label>'
    check: Text | None  # a move that passed it ({value}: the parameter's); None: not listed
    parameter: str | None  # the field of `mutation.constraints` it reads; None: always on
    rule: Callable[..., np.ndarray]
    when: str = "proposed"  # or "going": over the moves that would go ahead, in order
    # a planner may carry out a move it blocks, marked as such in their own list
    # (`Moves.override`); never a rule that makes the move meaningless or impossible
    overridable: bool = False

    def value(self, section: Any) -> Any:
        """The parameter's value in `section` (the scenario's `mutation.constraints`)."""
        return None if self.parameter is None else getattr(section, self.parameter)

    def on(self, section: Any) -> bool:
        """Whether the round applies it: no parameter, or one set (not None, not False)."""
        value = self.value(section)
        return self.parameter is None or (value is not None and value is not False)

    def check_message(self, section: Any) -> Message | None:
        """What a move that passed it satisfies, with the parameter's value."""
        if self.check is None:
            return None
        return self.check(**({"value": self.value(section)} if "value" in self.check.fields
                             else {}))


def declare(name: str, label: tuple[str, str], check: tuple[str, str] | None,
            parameter: str | None, rule: Callable[..., np.ndarray],
            when: str = "proposed", overridable: bool = False) -> Constraint:
    """A constraint with its words registered in the catalogue.

    The keys are `processes.constraints.<name>` and `processes.constraints.<name>_check`.

    Args:
        name: the key logged in outcomes (`blocked:<name>`).
        label: (Indonesian, English) of a move it blocked.
        check: (Indonesian, English) of a move that passed it, `{value}` the parameter's
            value; None if the plan does not list it.
        parameter: the `mutation.constraints` field it reads (None: always on).
        rule: its logic (see the module's docstring for the two kinds).
        when: "proposed" or "going".
        overridable: whether a planner's list may carry out a move it blocks.
    """
    table = {name: label, **({f"{name}_check": check} if check else {})}
    texts = words("processes.constraints", table)
    return Constraint(name, texts[name], texts.get(f"{name}_check"), parameter, rule, when,
                      overridable)


# ------------------------------------------------------------------ the rules
def _same_position(r: Proposals, value: Any) -> np.ndarray:
    E = r.world.employees
    return (E.unit[r.rows] == r.moves.to_unit) & (E.role[r.rows] == r.moves.to_role)


def _not_eligible(r: Proposals, value: Any) -> np.ndarray:
    w = r.world
    return w.compatibility[w.employees.occupation[r.rows], r.moves.to_role] <= 0


def _min_tenure(r: Proposals, months: int) -> np.ndarray:
    return r.world.now - r.world.employees.moved_at[r.rows] < months


def _near_retirement(r: Proposals, months: int) -> np.ndarray:
    return r.world.employees.retire_at[r.rows] <= r.world.now + months


def _one_per_round(r: Proposals, value: Any) -> np.ndarray:
    first = np.zeros(r.rows.size, bool)
    first[np.unique(r.rows, return_index=True)[1]] = True
    return ~first


def _max_distance(r: Proposals, km: float) -> np.ndarray:
    w = r.world
    return w.unit_distance(w.employees.unit[r.rows], r.moves.to_unit) > km


def _home_district(r: Proposals, value: Any) -> np.ndarray:
    return r.world.units.district[r.moves.to_unit] != r.world.employees.home[r.rows]


def _rank_within(keys: np.ndarray) -> np.ndarray:
    """0, 1, 2, ... within each run of equal keys, in the given order."""
    order = np.argsort(keys, kind="stable")
    k = keys[order]
    start = np.searchsorted(k, k)
    rank = np.empty(keys.size, np.int64)
    rank[order] = np.arange(keys.size) - start
    return rank


def _min_staffing(r: Proposals, keep_per_role: int, open_: np.ndarray) -> np.ndarray:
    """The source unit-role keeps `keep_per_role` staff where it has need."""
    src = r.world.employees.cell[r.rows]
    staff = r.world.staff_cell
    keep = np.where(r.workload.required_fte.ravel()[src] > 0, keep_per_role, 0)
    return _rank_within(src[open_]) >= staff[src[open_]] - keep[open_]


def _budget_moves(r: Proposals, per_year: int, open_: np.ndarray) -> np.ndarray:
    left = max(per_year - r.world.spent.moves, 0)
    return np.arange(open_.size) >= left


def _budget_idr(r: Proposals, per_year: float, open_: np.ndarray) -> np.ndarray:
    left = per_year - r.world.spent.idr
    return np.cumsum(r.cost_idr[open_]) > left + 1e-6


# ------------------------------------------------------------------ the table
# name: declare(name, label (blocked), check label (passed), parameter, rule[, when])
TABLE: dict[str, Constraint] = {c.name: c for c in (
    declare("same_position", ("posisi sama", "same position"), None, None, _same_position),
    declare("not_eligible", ("tidak memenuhi syarat jabatan", "not eligible for the role"),
            ("memenuhi syarat jabatan", "eligible for the role"), None, _not_eligible),
    # BKN 5/2019: a minimum time in position before a transfer
    declare("min_tenure", ("masa jabatan < minimum", "below minimum tenure"),
            ("masa jabatan >= {value} bulan", "in position >= {value} months"),
            "min_months_in_position", _min_tenure, overridable=True),
    declare("near_retirement", ("menjelang pensiun", "near retirement"),
            ("pensiun > {value} bulan lagi", "retirement > {value} months away"),
            "retirement_buffer_months", _near_retirement, overridable=True),
    # the earlier proposal of a person wins
    declare("one_per_round", ("sudah diusulkan", "already proposed"),
            ("satu usulan per pegawai", "one proposal per person"), None, _one_per_round),
    declare("max_distance", ("terlalu jauh", "too far"),
            ("jarak <= {value:g} km", "distance <= {value:g} km"), "max_distance_km",
            _max_distance, overridable=True),
    declare("home_district", ("di luar daerah asal", "outside home district"),
            ("di kecamatan asal", "in the home district"), "stay_in_home_district",
            _home_district, overridable=True),
    declare("min_staffing", ("unit asal kurang pegawai", "source unit at minimum staff"),
            ("unit asal tetap >= {value} pegawai per jabatan",
             "source keeps >= {value} staff per role"), "min_staff_per_role", _min_staffing,
            when="going", overridable=True),
    declare("budget_moves", ("kuota mutasi habis", "move quota spent"),
            ("dalam kuota mutasi tahunan", "within the yearly move quota"),
            "max_moves_per_year", _budget_moves, when="going", overridable=True),
    declare("budget_idr", ("anggaran habis", "budget spent"),
            ("dalam anggaran tahunan", "within the yearly budget"), "budget_idr_per_year",
            _budget_idr, when="going", overridable=True),
)}


def label(name: str) -> Text:
    """The words of a move blocked by constraint `name` (KeyError if none is declared)."""
    return TABLE[name].label


def applied(section: Any) -> tuple[str, ...]:
    """Names of the constraints the round applies under `section`, in order."""
    return tuple(c.name for c in TABLE.values() if c.on(section))


def checks(section: Any, names: Iterable[str] | None = None) -> Joined:
    """What a move passing the constraints `names` satisfies, in words ('; ' between).

    `names` defaults to the constraints the round applies under `section` (`applied`).
    """
    shown = (TABLE[name].check_message(section)
             for name in (applied(section) if names is None else names))
    return Joined(m for m in shown if m is not None)


# ------------------------------------------------------------------ applying them
def _waive(c: Constraint, moves: Moves, hit: np.ndarray, waived: np.ndarray | None
           ) -> np.ndarray:
    """`hit` (moves the rule blocks) less the overridden ones it allows; note those."""
    if not c.overridable or not moves.override.any():
        return hit
    kept = hit & moves.override
    if waived is not None:  # every rule a move is let through, comma-separated
        waived[kept] = np.where(waived[kept] == "", c.name, waived[kept] + "," + c.name)
    return hit & ~kept


def apply(world: World, moves: Moves, waived: np.ndarray | None = None) -> np.ndarray:
    """Name of the first rule blocking each move ('' where none does).

    These are the rules on the proposals themselves; `apply_limits` takes the
    staffing and budget rules once employees have responded. A move marked
    `override` is not blocked by an overridable rule: each such rule it breaks
    is added to `waived` (if given; names joined by commas), so a listener can say
    which rules the move was let through.
    """
    section = world.params.mutation.constraints
    r = Proposals(world, None, moves)
    blocked = np.full(len(moves), "", dtype=object)
    for c in TABLE.values():
        if c.when == "proposed" and c.on(section):
            hit = (blocked == "") & c.rule(r, c.value(section))
            blocked[_waive(c, moves, hit, waived)] = c.name
    return blocked


def apply_limits(world: World, workload: Workload, moves: Moves, going: np.ndarray,
                 cost_idr: np.ndarray, waived: np.ndarray | None = None) -> np.ndarray:
    """Staffing and yearly budgets over the moves that would happen (`going`), in order.

    Only moves that would go ahead (accepted or forced) use up a source's staff or the
    budget, so a refusal leaves its place to the next proposal; an overridden move
    uses them up too. Returns the blocking rule per move ('' where none does); `waived`
    as in `apply`.
    """
    section = world.params.mutation.constraints
    r = Proposals(world, workload, moves, cost_idr)
    blocked = np.full(len(moves), "", dtype=object)
    for c in TABLE.values():
        if c.when == "going" and c.on(section):
            open_ = np.flatnonzero(going & (blocked == ""))
            hit = np.zeros(len(moves), bool)
            hit[open_[c.rule(r, c.value(section), open_)]] = True
            blocked[_waive(c, moves, hit, waived)] = c.name
    return blocked
