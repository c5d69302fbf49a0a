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
7. every proposal goes to the transfer log with its outcome.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

import numpy as np

from ..core.columns import Columns, readonly
from ..core.rng import MAX_COMPOSED
from ..policies import Moves, Policy, PolicyView
from ..policies.base import Budget, check_moves
from ..world.transfers import TransferLog
from ..world.world import WorldView
from . import constraints, response
from .adaptation import difficulty, difficulty_of, train_fit, with_interventions
from .base import Process
from .requests import OwnRequests
from .workload import morale_factor

if TYPE_CHECKING:
    from ..world.world import World
    from .adaptation import Adaptation
    from .workload import Workload

EMPLOYEE_VIEW = ("active", "unit", "role", "cell", "occupation", "moved_at", "retire_at",
                 "birth", "home", "performance", "competence", "comp_role", "comp_domain",
                 "morale", "n_moves", "employment", "female")


class ModelEstimators:
    """The model's own formulas over a read-only view of the world, for policies.

    Implements `policies.base.Estimators`; it holds a `WorldView` (read-only columns
    and the parameters), never the model or a writable array.
    """

    def __init__(self, world: World) -> None:
        self._w = WorldView(world)

    def unit_distance(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Km between units a and b."""
        return self._w.unit_distance(a, b)

    def refusal_probability(self, rows: np.ndarray, units: np.ndarray) -> np.ndarray:
        """The model's refusal probability for these employees and destinations."""
        return response.refusal_probability(self._w, rows, units)

    def expected_loss(self, rows: np.ndarray, units: np.ndarray,
                      roles: np.ndarray) -> np.ndarray:
        """D x tau x competence (FTE-months) for these employees and destinations."""
        w = self._w
        occ = w.employees.occupation[rows]
        d, tau = difficulty(w, rows, units, w.occ_distance[occ, roles])
        d, tau = with_interventions(w.params.interventions, d, tau)
        return d * tau * w.employees.comp_role[rows]

    def cell_expected_loss(self, src_units, dst_units, src_roles, dst_roles, per):
        """Expected loss (FTE-months) of a typical person of a source cell at a destination.

        The adaptation formula with the unit-to-unit distance standing in for the
        distance from home, and mid-career experience.
        """
        w = self._w
        km = w.unit_distance(src_units, dst_units)
        d, tau = difficulty_of(
            w.params.adaptation, w.occ_distance[src_roles, dst_roles],
            w.units.hardness[dst_units], km, w.params.adaptation.experience_years / 2)
        d, tau = with_interventions(w.params.interventions, d, tau)
        return d * tau * per

    def cell_refusal(self, dst_units: np.ndarray, km: np.ndarray) -> np.ndarray:
        """Refusal risk of a typical person (10 years in post, age 45) moving `km`."""
        return response.sigmoid(response.situation_logit(
            self._w.params.mutation.response, 10.0, km, self._w.units.hardness[dst_units],
            45.0))

    def move_cost_idr(self, km: np.ndarray) -> np.ndarray:
        """Relocation (and training, if on) cost of a move of `km`."""
        return move_cost(self._w.params, km)


def relocation_cost(params, km: np.ndarray) -> np.ndarray:
    """Relocation cost of moves of `km` (IDR)."""
    c = params.costs
    return c.relocation_idr + c.relocation_idr_per_km * np.asarray(km, float)


def training_cost_per_move(params) -> float:
    """Post-transfer training and mentoring cost of one move, when they are on (IDR)."""
    iv = params.interventions
    cost = iv.training.cost_per_person_idr if iv.training.enabled else 0.0
    if iv.mentoring.enabled:
        cost += iv.mentoring.cost_per_person_month_idr * iv.mentoring.months
    return cost


def move_cost(params, km: np.ndarray) -> np.ndarray:
    """What a move costs the budget: relocation plus training and mentoring (IDR)."""
    return relocation_cost(params, km) + training_cost_per_move(params)


def socialization_cost(params, notified: int) -> float:
    """Socialization (per round and person) and participation (per person) cost (IDR)."""
    iv = params.interventions
    cost = 0.0
    if iv.socialization.enabled:
        s = iv.socialization
        cost += s.cost_per_round_idr + s.cost_per_person_idr * notified
    if iv.participation.enabled:
        cost += iv.participation.cost_per_person_idr * notified
    return cost


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
        # a draft plan asks for the detail of a round's proposals (`round_detail`)
        self.keep_detail = False
        self.detail: dict[str, np.ndarray] | None = None

    def setup(self, world: World) -> None:
        """Own requests at the scenario's rate, spread over the year's rounds."""
        m = world.params.mutation
        self.requests = OwnRequests(m.requests, rounds=len(m.months))

    def record(self, world: World) -> None:
        """Productivity follow-ups of earlier moves due this month."""
        self.log.follow_up(world)

    # ------------------------------------------------------------------ the round
    def step(self, world: World) -> None:
        """Hold a mutation round if this calendar month is a round month."""
        for key in ("new_moves", "new_moves_proposed", "new_moves_blocked",
                    "new_moves_refused", "new_moves_forced", "new_requests"):
            world.flows[key] = 0
        if world.calendar_month not in world.params.mutation.months:
            return
        moves, source = self.collect_proposals(world)
        if len(moves) == 0:
            return
        moves = self.prefer_home(world, moves, source)
        E = world.employees
        params = world.params
        rows, to_unit, to_role = moves.employee_id, moves.to_unit, moves.to_role
        from_unit, from_role = E.unit[rows].copy(), E.role[rows].copy()
        km = world.unit_distance(from_unit, to_unit)
        relocation = relocation_cost(params, km)
        training = training_cost_per_move(params)
        blocked = constraints.apply(world, moves)
        requested = source == "request"
        outcome_code, prob = response.respond(world, rows, to_unit, requested)
        going = (blocked == "") & (outcome_code != response.REFUSE)
        limits = constraints.apply_limits(world, self.workload, moves, going,
                                          relocation + training)
        blocked = np.where(limits != "", limits, blocked)
        ok = blocked == ""
        outcome = np.where(~ok, "blocked:" + blocked.astype(str), np.select(
            [outcome_code == response.FORCED, outcome_code == response.REFUSE],
            ["forced", "refused"], "executed")).astype(object)
        moved = (outcome == "executed") | (outcome == "forced")
        if self.keep_detail:
            self.detail = self.round_detail(world, moves, source, ok, prob, km,
                                            relocation + training)
        self.execute(world, rows[moved], to_unit[moved], to_role[moved])
        p = params.mutation.response
        forced = rows[outcome == "forced"]
        E.morale[forced] = np.maximum(E.morale[forced] - p.forced_morale_penalty, 0)
        refused = rows[outcome == "refused"]
        E.morale[refused] = np.maximum(E.morale[refused] - p.refused_morale_penalty, 0)
        notified = int(np.count_nonzero(ok & ~requested))
        n_moved = int(moved.sum())
        idr_moves = float(relocation[moved].sum())
        idr_training = training * n_moved
        world.book("cost_moves_idr", idr_moves)
        world.book("cost_training_idr", idr_training)
        world.book("cost_socialization_idr", socialization_cost(params, notified))
        world.spend(n_moved, idr_moves + idr_training)
        self.log.add(
            world.month, moved, employee_id=rows, from_unit=from_unit, to_unit=to_unit,
            from_role=from_role, to_role=to_role, policy=source, reason=moves.reason,
            outcome=outcome, refusal_prob=np.round(prob, 4), distance_km=np.round(km, 1),
            cost_idr=np.where(moved, np.round(relocation + training), 0.0))
        flows = world.flows
        flows["new_moves"] = n_moved
        flows["new_moves_forced"] = int((outcome == "forced").sum())
        flows["new_moves_refused"] = int((outcome == "refused").sum())
        flows["new_moves_blocked"] = int((~ok).sum())
        flows["new_moves_proposed"] = len(moves)
        flows["new_requests"] = int(requested.sum())
        self.blocked_counts.update(blocked[~ok].tolist())

    def round_detail(self, world: World, moves: Moves, source: np.ndarray, ok: np.ndarray,
                     prob: np.ndarray, km: np.ndarray, cost: np.ndarray) -> dict[str, np.ndarray]:
        """What a draft plan shows of the proposals that pass every constraint, before moving.

        Per proposal: its source and reason, refusal probability, distance, cost, the
        adaptation it would start (D, tau) and the FTE the person takes from the source
        cell and brings to the destination once adapted; with the round's potential
        capacity and need per [unit, role] before anything moves.
        """
        E = world.employees
        keep = np.flatnonzero(ok)
        rows, to_unit, to_role = (moves.employee_id[keep], moves.to_unit[keep],
                                  moves.to_role[keep])
        occ = E.occupation[rows]
        d, tau = difficulty(world, rows, to_unit, world.occ_distance[occ, to_role])
        d, tau = with_interventions(world.params.interventions, d, tau)
        potential, _ = self.structural_gap(world, Moves())
        return {
            "month": np.full(keep.size, world.month), "employee_id": rows,
            "from_unit": E.unit[rows].copy(), "from_role": E.role[rows].copy(),
            "to_unit": to_unit, "to_role": to_role, "policy": source[keep],
            "reason": np.asarray(moves.reason, object)[keep], "refusal_prob": prob[keep],
            "distance_km": km[keep], "cost_idr": cost[keep], "adapt_d": d, "adapt_tau": tau,
            "fte_out": person_fte(world, rows, E.role[rows]),
            "fte_in": person_fte(world, rows, to_role),
            "potential_fte": potential, "required_fte": self.workload.required_fte.copy(),
            "staff": self.workload.staff(world).copy(),
        }

    def structural_gap(self, world: World, proposed: Moves) -> tuple[np.ndarray, np.ndarray]:
        """Potential capacity (everyone adapted) and its gap to need, after earlier proposals.

        Policies balance structure, not the weeks newcomers need to adapt: measured on
        current capacity, a unit full of recruits still learning looks short and would be
        overfilled, then emptied again once they adapt. Earlier proposals of the round
        count as done, so a later policy does not fill the same deficit twice.
        """
        E, U = world.employees, world.units
        weight = E.fit * E.comp_role * morale_factor(world.params.workload, E.morale)
        potential = np.bincount(E.cell, weights=weight, minlength=U.demand.size)
        gap = potential - self.workload.required_fte.ravel()
        if len(proposed):
            rows = proposed.employee_id
            np.subtract.at(gap, E.cell[rows], person_fte(world, rows, E.role[rows]))
            np.add.at(gap, proposed.to_unit * U.n_roles + proposed.to_role,
                      person_fte(world, rows, proposed.to_role))
        return potential.reshape(U.demand.shape), gap.reshape(U.demand.shape)

    def make_view(self, world: World, proposed: Moves, params: object,
                  can_move: np.ndarray, estimators: ModelEstimators) -> PolicyView:
        """Read-only snapshot of the state a policy may look at."""
        E, U, work = world.employees, world.units, self.workload
        potential, gap = self.structural_gap(world, proposed)
        return PolicyView(
            month=world.month, now=world.now,
            employees=Columns({c: getattr(E, c) for c in EMPLOYEE_VIEW}),
            units=Columns({"agency": U.agency, "kind": U.kind, "district": U.district,
                           "area": U.area, "hardness": U.hardness, "x_km": U.x_km,
                           "y_km": U.y_km, "agency_family": world.unit_family,
                           "remote": world.remote_units}),
            required_fte=readonly(work.required_fte),
            capacity_fte=readonly(work.capacity_fte),
            potential_fte=readonly(potential), gap_fte=readonly(gap),
            staff=readonly(work.staff(world)), compatibility=readonly(world.compatibility),
            movable=can_move, proposed=proposed, params=params,
            n_active=int(np.count_nonzero(E.active)), budget=budget_left(world),
            helpers=estimators, families=tuple(world.vocab.families),
        )

    def collect_proposals(self, world: World) -> tuple[Moves, np.ndarray]:
        """Requests then each policy's validated proposals, and the source of each row."""
        estimators = ModelEstimators(world)
        can_move = movable(world)
        can_move.flags.writeable = False
        parts, sources = [], []
        n_units, n_roles = world.units.demand.shape
        if self.requests is not None and self.requests.active:
            view = self.make_view(world, Moves(), self.requests.params, can_move, estimators)
            rng = world.streams.get("requests", world.month)
            parts.append(check_moves(self.requests.propose(view, rng), view, "request",
                                     n_units, n_roles))
            sources.append("request")
        for i, (name, policy) in enumerate(self.policies):
            view = self.make_view(world, Moves.concat(parts), policy.params, can_move,
                                  estimators)
            # one generator per (month, position in the composition); MAX_COMPOSED keeps
            # the keys of one month apart from the next month's
            rng = world.streams.get("policy", world.month * MAX_COMPOSED + i)
            parts.append(check_moves(policy.propose(view, rng), view, name, n_units, n_roles))
            sources.append(name)
        if not parts:
            return Moves(), np.empty(0, object)
        source = np.concatenate([np.full(len(p), s, object)
                                 for p, s in zip(parts, sources, strict=True)])
        # within each source, highest priority first
        order = np.lexsort((-np.concatenate([np.asarray(p.priority, float) for p in parts]),
                            np.concatenate([np.full(len(p), i) for i, p in enumerate(parts)])))
        return Moves.concat(parts).take(order), source[order]

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
        deficit = -self.structural_gap(world, Moves())[1]
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
        return Moves(moves.employee_id, to_unit, moves.to_role, moves.reason, moves.priority)

    def execute(self, world: World, rows: np.ndarray, to_unit: np.ndarray,
                to_role: np.ndarray) -> None:
        """Move employees to their new unit and role; start their (assisted) adaptation."""
        if rows.size == 0:
            return
        E, U = world.employees, world.units
        occ = E.occupation[rows]
        E.unit[rows] = to_unit
        E.role[rows] = to_role
        E.cell[rows] = to_unit * U.n_roles + to_role
        E.fit[rows] = world.compatibility[occ, to_role]
        if world.params.interventions.training.enabled:
            train_fit(world, rows)
        world.refresh_competence(rows)
        E.n_moves[rows] += 1
        d, tau = difficulty(world, rows, to_unit, world.occ_distance[occ, to_role])
        d, tau = with_interventions(world.params.interventions, d, tau)
        self.adaptation.start(world, rows, d, tau)
