"""Mutation round: propose -> validate -> constrain -> respond -> execute -> log.

At the configured calendar months:
1. own requests (`requests.py`, a proposer like a policy), then each policy in the
   listed order, propose moves; each sees a read-only view with the earlier proposals;
2. every table is validated before anything changes (a bad custom policy stops the
   run with a message naming it and the rows; the state is untouched);
3. with participation, a destination is swapped for an equivalent one in the
   employee's preferred (home) district when one has a deficit too;
4. constraints block what they must (`constraints.py`), counted by name;
5. notified employees accept, refuse, or are moved anyway under mandatory
   enforcement (`response.py`);
6. accepted and forced moves are executed: new unit and role, role fit, competence,
   adaptation (lowered by training and mentoring), morale penalties, costs;
7. every proposal goes to the transfer log with its outcome, and listeners
   (`on_round`) get the round's record (`mutation_record.py`).

The view proposers see is built in `mutation_view.py`, what moves cost (and the
model's estimators offered to policies) in `mutation_costs.py`; the round's flows are
booked through `world.book`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ..core.rng import MAX_COMPOSED
from ..policies import Moves, Policy
from ..policies.base import check_moves
from ..policies.listed import ListedMoves
from ..world.transfers import TransferLog
from . import constraints, response
from .adaptation import difficulty, train_fit, with_interventions
from .base import Process
from .fairness import FairnessTally
from .mutation_costs import (
    ModelEstimators,
    relocation_cost,
    socialization_cost,
    training_cost_per_move,
)
from .mutation_record import RoundRecord, build_record, empty_round
from .mutation_view import make_view, movable, person_fte, structural_gap
from .requests import OwnRequests

if TYPE_CHECKING:
    from ..world.world import World
    from .adaptation import Adaptation
    from .workload import Workload

__all__ = ["Decision", "ModelEstimators", "Mutation", "RoundRecord"]

FLOWS = ("new_moves", "new_moves_proposed", "new_moves_blocked", "new_moves_refused",
         "new_moves_forced", "new_requests", "new_moves_hard_area", "new_moves_repeat")


@dataclass(frozen=True)
class Decision:
    """What the round decided for each proposal, before anything moves."""

    from_unit: np.ndarray
    from_role: np.ndarray
    km: np.ndarray
    relocation: np.ndarray  # IDR per move
    training: float  # IDR per move that happens
    blocked: np.ndarray  # the blocking constraint ('' where none)
    ok: np.ndarray  # passed every constraint
    requested: np.ndarray  # an own request
    prob: np.ndarray  # refusal probability
    outcome: np.ndarray  # executed / forced / refused / blocked:<constraint>
    waived: np.ndarray  # the rule an overridden move breaks, carried out anyway ('' none)

    @property
    def moved(self) -> np.ndarray:
        """The moves that happen (executed or forced)."""
        return (self.outcome == "executed") | (self.outcome == "forced")


class Mutation(Process):
    """Mutation rounds: proposals, constraints, responses, moves and their log.

    Owns the proposers (own requests, the policies), the transfer log and the count of
    blocked moves by constraint; reads the workload arrays and starts the adaptation of
    the people it moves.
    """

    name = "mutation"

    def __init__(self, policies: list[tuple[str, Policy]], workload: Workload,
                 adaptation: Adaptation) -> None:
        self.policies = policies
        self.workload = workload
        self.adaptation = adaptation
        self.requests: OwnRequests | None = None
        self.log = TransferLog()
        self.blocked_counts: Counter = Counter()
        self.fairness: FairnessTally | None = None  # built at setup (it reads the staff)
        self._on_round: list[Callable[[World, RoundRecord], None]] = []

    def on_round(self, listener: Callable[[World, RoundRecord], None]) -> None:
        """Call `listener(world, record)` in every round, once its proposals are decided.

        The listener is called before the moves are carried out. The record
        (`RoundRecord`: every proposal, its fate, the state before anything moved; copies
        the listener keeps) is built only when someone listens; the draft plan listens
        to the round it plans.
        """
        self._on_round.append(listener)

    def use_requests(self, proposer: OwnRequests) -> None:
        """Propose own requests with `proposer` from now on (the plan counts them instead)."""
        self.requests = proposer

    def setup(self, world: World) -> None:
        """Own requests at the scenario's rate, spread over the year's rounds."""
        m = world.params.mutation
        self.requests = OwnRequests(m.requests, rounds=len(m.months))
        self.fairness = FairnessTally(world)

    def record(self, world: World) -> None:
        """Productivity follow-ups of earlier moves due this month."""
        self.log.follow_up(world)

    # ------------------------------------------------------------------ the round
    def step(self, world: World) -> None:
        """Hold a mutation round if this calendar month is a round month.

        Propose (own requests, then the policies) and validate; prefer home districts
        (participation); decide (constraints, responses); tell the listeners; count who
        bears the planned moves (`fairness.py`); carry out the moves that go ahead; log
        every proposal and book the round's flows.
        """
        for key in FLOWS:  # every month has these flows, 0 outside rounds
            world.book(key, 0)
        if world.calendar_month not in world.params.mutation.months:
            return
        moves, source, can_move = self.collect_proposals(world)
        if len(moves) == 0:
            self.tell(world, lambda: empty_round(world, self.workload, self.checks(world)))
            return
        moves = self.prefer_home(world, moves, source)
        d = self.decide(world, moves, source)
        self.tell(world, lambda: build_record(
            world, self.workload, moves, source, d.from_unit, d.from_role, d.blocked,
            d.outcome, d.prob, d.km, d.relocation + d.training, self.checks(world),
            d.waived))
        self.fairness.count(world, moves, source, d.outcome, can_move)  # who bears them
        self.carry_out(world, moves, d)
        self.log.add(
            world.month, d.moved, employee_id=moves.employee_id, from_unit=d.from_unit,
            to_unit=moves.to_unit, from_role=d.from_role, to_role=moves.to_role,
            policy=source, reason=moves.reason, outcome=d.outcome,
            refusal_prob=np.round(d.prob, 4), distance_km=np.round(d.km, 1),
            cost_idr=np.where(d.moved, np.round(d.relocation + d.training), 0.0))
        world.book("new_moves", int(d.moved.sum()))
        world.book("new_moves_forced", int((d.outcome == "forced").sum()))
        world.book("new_moves_refused", int((d.outcome == "refused").sum()))
        world.book("new_moves_blocked", int((~d.ok).sum()))
        world.book("new_moves_proposed", len(moves))
        world.book("new_requests", int(d.requested.sum()))
        self.blocked_counts.update(d.blocked[~d.ok].tolist())

    def decide(self, world: World, moves: Moves, source: np.ndarray) -> Decision:
        """Constraints, then employees' responses, then staffing and budgets: each fate."""
        E, params = world.employees, world.params
        rows = moves.employee_id
        from_unit, from_role = E.unit[rows].copy(), E.role[rows].copy()
        km = world.unit_distance(from_unit, moves.to_unit)
        relocation = relocation_cost(params, km)
        training = training_cost_per_move(params)
        waived = np.full(len(moves), "", dtype=object)
        blocked = constraints.apply(world, moves, waived)
        requested = source == "request"
        outcome_code, prob = response.respond(world, rows, moves.to_unit, requested)
        going = (blocked == "") & (outcome_code != response.REFUSE)
        limits = constraints.apply_limits(world, self.workload, moves, going,
                                          relocation + training, waived)
        blocked = np.where(limits != "", limits, blocked)
        ok = blocked == ""
        outcome = np.where(~ok, "blocked:" + blocked.astype(str), np.select(
            [outcome_code == response.FORCED, outcome_code == response.REFUSE],
            ["forced", "refused"], "executed")).astype(object)
        return Decision(from_unit, from_role, km, relocation, training, blocked, ok,
                        requested, prob, outcome, waived)

    def carry_out(self, world: World, moves: Moves, d: Decision) -> None:
        """Execute the moves that go ahead; morale penalties; costs and spending booked."""
        E, params = world.employees, world.params
        rows = moves.employee_id
        moved = d.moved
        self.execute(world, rows[moved], moves.to_unit[moved], moves.to_role[moved])
        p = params.mutation.response
        forced = rows[d.outcome == "forced"]
        E.morale[forced] = np.maximum(E.morale[forced] - p.forced_morale_penalty, 0)
        refused = rows[d.outcome == "refused"]
        E.morale[refused] = np.maximum(E.morale[refused] - p.refused_morale_penalty, 0)
        notified = int(np.count_nonzero(d.ok & ~d.requested))
        n_moved = int(moved.sum())
        idr_moves = float(d.relocation[moved].sum())
        idr_training = d.training * n_moved
        world.book("cost_moves_idr", idr_moves)
        world.book("cost_training_idr", idr_training)
        world.book("cost_socialization_idr", socialization_cost(params, notified))
        world.spend(n_moved, idr_moves + idr_training)

    def tell(self, world: World, record: Callable[[], RoundRecord]) -> None:
        """Give the listeners the round's record (built only if someone listens)."""
        if self._on_round:
            built = record()
            for listener in self._on_round:
                listener(world, built)

    @staticmethod
    def checks(world: World) -> tuple[str, ...]:
        """The constraints this round applies."""
        return constraints.applied(world.params.mutation.constraints)

    def collect_proposals(self, world: World) -> tuple[Moves, np.ndarray, np.ndarray]:
        """Requests then each policy's proposals, each row's source, who may move (`movable`)."""
        estimators = ModelEstimators(world)
        can_move = movable(world)
        can_move.flags.writeable = False
        parts, sources = [], []
        n_units, n_roles = world.units.demand.shape
        if self.requests is not None and self.requests.active:
            view = make_view(world, self.workload, Moves(), self.requests.params, can_move,
                             estimators)
            rng = world.streams.get("requests", world.month)
            parts.append(check_moves(self.requests.propose(view, rng), view, "request",
                                     n_units, n_roles))
            sources.append("request")
        for i, (name, policy) in enumerate(self.policies):
            view = make_view(world, self.workload, Moves.concat(parts), policy.params,
                             can_move, estimators)
            # one generator per (month, position in the composition); MAX_COMPOSED keeps
            # the keys of one month apart from the next month's
            rng = world.streams.get("policy", world.month * MAX_COMPOSED + i)
            moves = check_moves(policy.propose(view, rng), view, name, n_units, n_roles)
            if moves.override.any() and not isinstance(policy, ListedMoves):
                # only a planner's own list may carry out a move a rule blocks
                moves = Moves(moves.employee_id, moves.to_unit, moves.to_role, moves.reason,
                              moves.priority)
            parts.append(moves)
            sources.append(name)
        if not parts:
            return Moves(), np.empty(0, object), can_move
        source = np.concatenate([np.full(len(p), s, object)
                                 for p, s in zip(parts, sources, strict=True)])
        # within each source, highest priority first
        order = np.lexsort((-np.concatenate([np.asarray(p.priority, float) for p in parts]),
                            np.concatenate([np.full(len(p), i) for i, p in enumerate(parts)])))
        return Moves.concat(parts).take(order), source[order], can_move

    def prefer_home(self, world: World, moves: Moves, source: np.ndarray) -> Moves:
        """With participation: send a person to an equivalent unit in their home district.

        Equivalent: another unit of the same kind (so the same agency), not the person's
        own, with need for the role and a deficit at least as large as the original
        destination's; deficits are reduced as people are assigned, so preferences do not
        pile people into one unit.
        """
        if not world.params.interventions.participation.enabled or len(moves) == 0:
            return moves
        E, U = world.employees, world.units
        required = self.workload.required_fte
        to_unit = moves.to_unit.copy()
        deficit = -structural_gap(world, self.workload, Moves())[1]
        for i in np.flatnonzero(source != "request"):
            row, unit, role = moves.employee_id[i], to_unit[i], moves.to_role[i]
            home = E.home[row]
            brings = person_fte(world, np.array([row]), np.array([role]))[0]
            if U.district[unit] != home:
                alt = np.flatnonzero((U.district == home) & (U.kind == U.kind[unit])
                                     & (np.arange(U.n) != E.unit[row])
                                     & (deficit[:, role] >= max(deficit[unit, role], brings))
                                     & (required[:, role] > 0))
                if alt.size:
                    to_unit[i] = alt[np.argmax(deficit[alt, role])]
            deficit[to_unit[i], role] -= brings
        return Moves(moves.employee_id, to_unit, moves.to_role, moves.reason, moves.priority,
                     moves.override)

    def execute(self, world: World, rows: np.ndarray, to_unit: np.ndarray,
                to_role: np.ndarray) -> None:
        """Move employees to their new unit and role; start their (assisted) adaptation."""
        if rows.size == 0:
            return
        E = world.employees
        occ = E.occupation[rows]
        world.move(rows, to_unit, to_role)
        E.fit[rows] = world.compatibility[occ, to_role]
        if world.params.interventions.training.enabled:
            train_fit(world, rows)
        world.refresh_competence(rows)
        E.n_moves[rows] += 1
        d, tau = difficulty(world, rows, to_unit, world.occ_distance[occ, to_role])
        d, tau = with_interventions(world.params.interventions, d, tau)
        self.adaptation.start(world, rows, d, tau)
