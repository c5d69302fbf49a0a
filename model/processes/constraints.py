"""Constraints the model applies to every proposed move, in this order.

Each blocked move is logged as `blocked:<name>` and counted:

- `same_position`: the move changes neither unit nor role;
- `not_eligible`: the person's occupation may not fill the role
  (`workload.compatibility`);
- `min_tenure`: fewer than `min_months_in_position` months in position (BKN 5/2019);
- `near_retirement`: retirement within `retirement_buffer_months`;
- `one_per_round`: the person was already proposed this round (earlier proposal wins);
- `max_distance`: destination farther than `max_distance_km` from the current unit;
- `home_district`: destination outside the home district (when `stay_in_home_district`);
- `min_staffing`: the source unit-role would fall below `min_staff_per_role`;
- `budget_moves`, `budget_idr`: the yearly move count or IDR budget is spent.
Staffing and budgets are checked after employees respond, over the moves that would
go ahead, in order: own requests, then the policies in their listed order, each by
descending priority; a refused proposal does not use up a place or the budget.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from ..policies import Moves
    from ..world.world import World
    from .workload import Workload

NAMES = ("same_position", "not_eligible", "min_tenure", "near_retirement", "one_per_round",
         "max_distance", "home_district", "min_staffing", "budget_moves", "budget_idr")


def _rank_within(keys: np.ndarray) -> np.ndarray:
    """0, 1, 2, ... within each run of equal keys, in the given order."""
    order = np.argsort(keys, kind="stable")
    k = keys[order]
    start = np.searchsorted(k, k)
    rank = np.empty(keys.size, np.int64)
    rank[order] = np.arange(keys.size) - start
    return rank


def apply(world: World, moves: Moves) -> np.ndarray:
    """Name of the first rule blocking each move ('' where none does).

    These are the rules that do not depend on other moves; `apply_limits` takes the
    staffing and budget rules once employees have responded.
    """
    c = world.params.mutation.constraints
    E, U = world.employees, world.units
    rows = moves.employee_id
    to_unit, to_role = moves.to_unit, moves.to_role
    n = rows.size
    blocked = np.full(n, "", dtype=object)

    def block(mask: np.ndarray, name: str) -> None:
        blocked[(blocked == "") & mask] = name

    block((E.unit[rows] == to_unit) & (E.role[rows] == to_role), "same_position")
    block(world.compatibility[E.occupation[rows], to_role] <= 0, "not_eligible")
    block(world.now - E.moved_at[rows] < c.min_months_in_position, "min_tenure")
    block(E.retire_at[rows] <= world.now + c.retirement_buffer_months, "near_retirement")
    first = np.zeros(n, bool)
    first[np.unique(rows, return_index=True)[1]] = True
    block(~first, "one_per_round")
    if c.max_distance_km is not None:
        block(world.unit_distance(E.unit[rows], to_unit) > c.max_distance_km, "max_distance")
    if c.stay_in_home_district:
        block(U.district[to_unit] != E.home[rows], "home_district")
    return blocked


def apply_limits(world: World, workload: Workload, moves: Moves, going: np.ndarray,
                 cost_idr: np.ndarray) -> np.ndarray:
    """Staffing and yearly budgets over the moves that would happen (`going`), in order.

    Only moves that would go ahead (accepted or forced) use up a source's staff or the
    budget, so a refusal leaves its place to the next proposal. Returns the blocking
    rule per move ('' where none does).
    """
    c = world.params.mutation.constraints
    E, U = world.employees, world.units
    n = len(moves)
    blocked = np.full(n, "", dtype=object)
    src = E.cell[moves.employee_id]
    staff = np.bincount(E.cell, weights=E.active, minlength=U.demand.size)
    keep = np.where(workload.required_fte.ravel()[src] > 0, c.min_staff_per_role, 0)
    open_ = np.flatnonzero(going)
    rank = _rank_within(src[open_])
    blocked[open_[rank >= staff[src[open_]] - keep[open_]]] = "min_staffing"
    if c.max_moves_per_year is not None:
        open_ = np.flatnonzero(going & (blocked == ""))
        left = max(c.max_moves_per_year - world.spent.moves, 0)
        blocked[open_[left:]] = "budget_moves"
    if c.budget_idr_per_year is not None:
        open_ = np.flatnonzero(going & (blocked == ""))
        left = c.budget_idr_per_year - world.spent.idr
        blocked[open_[np.cumsum(cost_idr[open_]) > left + 1e-6]] = "budget_idr"
    return blocked
