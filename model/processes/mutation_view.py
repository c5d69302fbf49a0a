"""What a proposer sees at a mutation round: the read-only `PolicyView` and its numbers.

Own requests and every policy get the same snapshot: the employee and unit columns a
policy may read, the workload arrays, the potential capacity and its gap to need
(earlier proposals of the round counted as done), who may move now, what this year's
budgets still allow, and the model's estimators. Every array is read-only; building a
view changes nothing. The potential capacity and its gap (a pass over all staff) are
computed when a policy first reads them, with the state of the moment the view was
built (nothing changes the world while proposers read their views).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..core.columns import Columns, readonly
from ..policies import Moves, PolicyView
from ..policies.base import Budget
from .workload import morale_factor

if TYPE_CHECKING:
    from ..world.world import World
    from .mutation_costs import ModelEstimators
    from .workload import Workload

EMPLOYEE_VIEW = ("active", "unit", "role", "cell", "occupation", "moved_at", "retire_at",
                 "birth", "home", "performance", "competence", "comp_role", "comp_domain",
                 "morale", "n_moves", "employment", "female")


def movable(world: World) -> np.ndarray:
    """Employees a transfer may concern now (tenure and retirement rules)."""
    E = world.employees
    c = world.params.mutation.constraints
    return (E.active & (world.now - E.moved_at >= c.min_months_in_position)
            & (E.retire_at > world.now + c.retirement_buffer_months))


def person_fte(world: World, rows: np.ndarray, roles: np.ndarray) -> np.ndarray:
    """FTE a person brings to `roles` once adapted: fit x competence x morale effect."""
    E = world.employees
    return (world.compatibility[E.occupation[rows], roles] * E.comp_role[rows]
            * morale_factor(world.params.workload, E.morale[rows]))


def budget_left(world: World) -> Budget:
    """Moves and money this year's constraints still allow."""
    c = world.params.mutation.constraints
    return Budget(
        moves_left=None if c.max_moves_per_year is None else
        max(0, c.max_moves_per_year - world.spent.moves),
        idr_left=None if c.budget_idr_per_year is None else
        max(0.0, c.budget_idr_per_year - world.spent.idr))


def structural_gap(world: World, workload: Workload,
                   proposed: Moves) -> tuple[np.ndarray, np.ndarray]:
    """Potential capacity (everyone adapted) and its gap to need, after earlier proposals.

    Policies balance structure, not the weeks newcomers need to adapt: measured on
    current capacity, a unit full of recruits still learning looks short and would be
    overfilled, then emptied again once they adapt. Earlier proposals of the round
    count as done, so a later policy does not fill the same deficit twice.
    """
    E, U = world.employees, world.units
    weight = E.fit * E.comp_role * morale_factor(world.params.workload, E.morale)
    potential = np.bincount(E.cell, weights=weight, minlength=U.demand.size)
    gap = potential - workload.required_fte.ravel()
    if len(proposed):
        rows = proposed.employee_id
        np.subtract.at(gap, E.cell[rows], person_fte(world, rows, E.role[rows]))
        np.add.at(gap, proposed.to_unit * U.n_roles + proposed.to_role,
                  person_fte(world, rows, proposed.to_role))
    return potential.reshape(U.demand.shape), gap.reshape(U.demand.shape)


def make_view(world: World, workload: Workload, proposed: Moves, params: object,
              can_move: np.ndarray, estimators: ModelEstimators) -> PolicyView:
    """Read-only snapshot of the state a policy may look at."""
    E, U = world.employees, world.units

    def structure() -> tuple[np.ndarray, np.ndarray]:
        potential, gap = structural_gap(world, workload, proposed)
        return readonly(potential), readonly(gap)

    return PolicyView(
        month=world.month, now=world.now,
        employees=Columns({c: getattr(E, c) for c in EMPLOYEE_VIEW}),
        units=Columns({"agency": U.agency, "kind": U.kind, "district": U.district,
                       "area": U.area, "hardness": U.hardness, "x_km": U.x_km,
                       "y_km": U.y_km, "agency_family": world.unit_family,
                       "remote": world.remote_units}),
        required_fte=readonly(workload.required_fte),
        capacity_fte=readonly(workload.capacity_fte),
        structure=structure,
        staff=readonly(workload.staff(world)), compatibility=readonly(world.compatibility),
        movable=can_move, proposed=proposed, params=params,
        n_active=int(world.staff_cell.sum()), budget=budget_left(world),
        helpers=estimators, families=tuple(world.vocab.families),
    )
