"""What a mutation round tells its listeners: every proposal, its fate, and the state before.

A listener subscribes with `Mutation.on_round(listener)` and is called as
`listener(world, record)` once per round (a round month, whether or not anything was
proposed), after the round has decided every proposal and before the moves are carried
out: the record holds each proposal's fate and the state before anything moved. The
record is built only when someone listens, so ordinary runs do not pay for it. The
draft plan (`experiments.plan`) listens to the round it plans; a report or a dashboard
could listen the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ..policies import Moves
from .adaptation import difficulty, with_interventions
from .mutation_view import movable, person_fte, structural_gap

if TYPE_CHECKING:
    from ..world.world import World
    from .workload import Workload


@dataclass(frozen=True)
class RoundRecord:
    """One mutation round, as its listeners see it (arrays are copies, theirs to keep).

    Attributes:
        month: the run month of the round.
        moves: every proposal of the round, in the order the round took them (own
            requests, then the policies in their listed order, each by priority),
            destinations as the round used them (after participation's home preference).
        source: who proposed each move ('request' or the policy's name).
        from_unit, from_role: where each person was before the round.
        blocked: the constraint that blocked each move ('' where it passed them all).
        outcome: executed, forced, refused or blocked:<constraint>.
        refusal_prob, distance_km, cost_idr: per proposal (cost: relocation and
            training, whether or not the move happened).
        checks: the constraints the round applied, in order (their names).
        passed: indices of the proposals that passed every constraint.
        adapt_d, adapt_tau: the adaptation each passing move would start (D, tau).
        fte_out, fte_in: FTE each passing person takes from the source cell and brings
            to the destination once adapted.
        required_fte, potential_fte, staff: [unit, role] need, potential capacity
            (everyone adapted) and active staff at the round, before anything moved.
        movable_by_cell: per unit-role (flat), how many people a transfer may concern.
        waived: per proposal, the overridable rule a planner's override let it pass ('').
    """

    month: int
    moves: Moves
    source: np.ndarray
    from_unit: np.ndarray
    from_role: np.ndarray
    blocked: np.ndarray
    outcome: np.ndarray
    refusal_prob: np.ndarray
    distance_km: np.ndarray
    cost_idr: np.ndarray
    checks: tuple[str, ...]
    passed: np.ndarray
    adapt_d: np.ndarray
    adapt_tau: np.ndarray
    fte_out: np.ndarray
    fte_in: np.ndarray
    required_fte: np.ndarray
    potential_fte: np.ndarray
    staff: np.ndarray
    movable_by_cell: np.ndarray
    waived: np.ndarray


def empty_round(world: World, workload: Workload, checks: tuple[str, ...]) -> RoundRecord:
    """The record of a round in which nobody proposed anything."""
    none = np.empty(0, np.int64)
    return build_record(world, workload, Moves(), np.empty(0, object), none, none,
                        np.empty(0, object), np.empty(0, object), np.empty(0), np.empty(0),
                        np.empty(0), checks)


def build_record(world: World, workload: Workload, moves: Moves, source: np.ndarray,
                 from_unit: np.ndarray, from_role: np.ndarray, blocked: np.ndarray,
                 outcome: np.ndarray, prob: np.ndarray, km: np.ndarray, cost: np.ndarray,
                 checks: tuple[str, ...], waived: np.ndarray | None = None) -> RoundRecord:
    """The round's record, built before anything moves (the state is the round's start)."""
    E, U = world.employees, world.units
    passed = np.flatnonzero(blocked == "")
    rows, to_unit, to_role = (moves.employee_id[passed], moves.to_unit[passed],
                              moves.to_role[passed])
    d, tau = difficulty(world, rows, to_unit, world.occ_distance[E.occupation[rows], to_role])
    d, tau = with_interventions(world.params.interventions, d, tau)
    potential, _ = structural_gap(world, workload, Moves())
    # copies: a listener keeps its record, and nothing it does reaches the round's moves
    return RoundRecord(
        month=world.month, moves=moves.take(np.arange(len(moves))), source=source.copy(),
        from_unit=from_unit.copy(), from_role=from_role.copy(), blocked=blocked.copy(),
        outcome=outcome.copy(), refusal_prob=prob.copy(), distance_km=km.copy(),
        cost_idr=cost.copy(), checks=checks, passed=passed, adapt_d=d,
        adapt_tau=tau, fte_out=person_fte(world, rows, E.role[rows]),
        fte_in=person_fte(world, rows, to_role), required_fte=workload.required_fte.copy(),
        potential_fte=potential, staff=workload.staff(world).copy(),
        movable_by_cell=np.bincount(E.cell[movable(world)], minlength=U.demand.size),
        waived=(np.full(len(moves), "", object) if waived is None else waived.copy()))
