"""Mutation round: propose -> validate -> constrain -> respond -> execute -> log.

At the configured calendar months:
1. own requests (`requests.py`) and then each policy, in the listed order, propose
   moves; each policy sees a read-only view including the earlier proposals;
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

from typing import TYPE_CHECKING

import numpy as np

from ..policies import Moves, PolicyView
from ..policies.base import Budget, Columns, check_moves, readonly
from ..rng import MAX_COMPOSED
from . import adaptation, constraints, requests, response
from .workload import morale_factor

if TYPE_CHECKING:
    from ..model import WorkforceModel

EMPLOYEE_VIEW = ("active", "unit", "role", "cell", "occupation", "moved_at", "retire_at",
                 "birth", "home", "performance", "competence", "comp_role", "comp_domain",
                 "morale", "n_moves", "employment", "female")


class Helpers:
    """Estimators a policy may call (read-only use of the model)."""

    def __init__(self, model: WorkforceModel) -> None:
        self._m = model

    def unit_distance(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Km between units a and b."""
        return self._m.unit_distance(a, b)

    def refusal_probability(self, rows: np.ndarray, units: np.ndarray) -> np.ndarray:
        """The model's refusal probability for these employees and destinations."""
        return response.refusal_probability(self._m, rows, units)

    def expected_loss(self, rows: np.ndarray, units: np.ndarray,
                      roles: np.ndarray) -> np.ndarray:
        """D x tau x competence (FTE-months) for these employees and destinations."""
        m = self._m
        occ = m.employees.occupation[rows]
        d, tau = adaptation.difficulty(m, rows, units, m.occ_distance[occ, roles])
        d, tau = adaptation.with_interventions(m, d, tau)
        return d * tau * m.employees.comp_role[rows]

    def cell_expected_loss(self, src_units, dst_units, src_roles, dst_roles, per):
        """Expected loss (FTE-months) of a typical person of a source cell at a destination.

        The adaptation formula with the unit-to-unit distance standing in for the
        distance from home, and mid-career experience.
        """
        m = self._m
        km = m.unit_distance(src_units, dst_units)
        d, tau = adaptation.difficulty_of(
            m.params.adaptation, m.occ_distance[src_roles, dst_roles],
            m.units.hardness[dst_units], km, m.params.adaptation.experience_years / 2)
        d, tau = adaptation.with_interventions(m, d, tau)
        return d * tau * per

    def cell_refusal(self, dst_units: np.ndarray, km: np.ndarray) -> np.ndarray:
        """Refusal risk of a typical person (10 years in post, age 45) moving `km`."""
        return response.sigmoid(response.situation_logit(
            self._m.params.mutation.response, 10.0, km, self._m.units.hardness[dst_units],
            45.0))

    def move_cost_idr(self, km: np.ndarray) -> np.ndarray:
        """Relocation (and training, if on) cost of a move of `km`."""
        return move_cost(self._m, km)

def relocation_cost(model: WorkforceModel, km: np.ndarray) -> np.ndarray:
    """Relocation cost of moves of `km` (IDR)."""
    c = model.params.costs
    return c.relocation_idr + c.relocation_idr_per_km * np.asarray(km, float)


def training_cost_per_move(model: WorkforceModel) -> float:
    """Post-transfer training and mentoring cost of one move, when they are on (IDR)."""
    iv = model.params.interventions
    cost = iv.training.cost_per_person_idr if iv.training.enabled else 0.0
    if iv.mentoring.enabled:
        cost += iv.mentoring.cost_per_person_month_idr * iv.mentoring.months
    return cost


def move_cost(model: WorkforceModel, km: np.ndarray) -> np.ndarray:
    """What a move costs the budget: relocation plus training and mentoring (IDR)."""
    return relocation_cost(model, km) + training_cost_per_move(model)


def movable(model: WorkforceModel) -> np.ndarray:
    """Employees a transfer may concern now (tenure and retirement rules)."""
    E = model.employees
    c = model.params.mutation.constraints
    return (E.active & (model.now - E.moved_at >= c.min_months_in_position)
            & (E.retire_at > model.now + c.retirement_buffer_months))


def person_fte(model: WorkforceModel, rows: np.ndarray, roles: np.ndarray) -> np.ndarray:
    """FTE a person brings to `roles` once adapted: fit x competence x morale effect."""
    E = model.employees
    return (model.compatibility[E.occupation[rows], roles] * E.comp_role[rows]
            * morale_factor(model, E.morale[rows]))


def structural_gap(model: WorkforceModel, proposed: Moves) -> tuple[np.ndarray, np.ndarray]:
    """Potential capacity (everyone adapted) and its gap to need, after earlier proposals.

    Policies balance structure, not the weeks newcomers need to adapt: measured on
    current capacity, a unit full of recruits still learning looks short and would be
    overfilled, then emptied again once they adapt. Earlier proposals of the round
    count as done, so a later policy does not fill the same deficit twice.
    """
    E, U = model.employees, model.units
    weight = E.fit * E.comp_role * morale_factor(model, E.morale)
    potential = np.bincount(E.cell, weights=weight, minlength=U.demand.size)
    gap = potential - model.required_fte.ravel()
    if len(proposed):
        rows = proposed.employee_id
        np.subtract.at(gap, E.cell[rows], person_fte(model, rows, E.role[rows]))
        np.add.at(gap, proposed.to_unit * U.n_roles + proposed.to_role,
                  person_fte(model, rows, proposed.to_role))
    return potential.reshape(U.demand.shape), gap.reshape(U.demand.shape)


def budget_left(model: WorkforceModel) -> Budget:
    """Moves and money this year's constraints still allow."""
    c = model.params.mutation.constraints
    return Budget(
        moves_left=None if c.max_moves_per_year is None else
        max(0, c.max_moves_per_year - model.moves_this_year),
        idr_left=None if c.budget_idr_per_year is None else
        max(0.0, c.budget_idr_per_year - model.idr_this_year))


def make_view(model: WorkforceModel, proposed: Moves, params: object,
              can_move: np.ndarray, helpers: Helpers) -> PolicyView:
    """Read-only snapshot of the state a policy may look at."""
    E, U = model.employees, model.units
    staff = np.bincount(E.cell, weights=E.active, minlength=U.demand.size)
    potential, gap = structural_gap(model, proposed)
    return PolicyView(
        month=model.month, now=model.now,
        employees=Columns({c: getattr(E, c) for c in EMPLOYEE_VIEW}),
        units=Columns({"agency": U.agency, "kind": U.kind, "district": U.district,
                       "area": U.area, "hardness": U.hardness, "x_km": U.x_km,
                       "y_km": U.y_km, "agency_family": model.unit_family,
                       "remote": model.remote_units}),
        required_fte=readonly(model.required_fte), capacity_fte=readonly(model.capacity_fte),
        potential_fte=readonly(potential), gap_fte=readonly(gap),
        staff=readonly(staff.reshape(U.demand.shape)),
        compatibility=readonly(model.compatibility),
        movable=can_move, proposed=proposed, params=params,
        n_active=int(np.count_nonzero(E.active)), budget=budget_left(model), helpers=helpers,
    )


def collect_proposals(model: WorkforceModel) -> tuple[Moves, np.ndarray]:
    """Requests then each policy's validated proposals, and the source of each row."""
    helpers = Helpers(model)
    can_move = movable(model)
    can_move.flags.writeable = False
    parts, sources = [requests.propose(model, can_move)], ["request"]
    n_units, n_roles = model.units.demand.shape
    for i, (name, policy) in enumerate(model.policies):
        view = make_view(model, Moves.concat(parts), policy.params, can_move, helpers)
        # one generator per (month, position in the composition); MAX_COMPOSED keeps
        # the keys of one month apart from the next month's
        rng = model.streams.get("policy", model.month * MAX_COMPOSED + i)
        parts.append(check_moves(policy.propose(view, rng), view, name, n_units, n_roles))
        sources.append(name)
    source = np.concatenate([np.full(len(p), s, object) for p, s in zip(parts, sources,
                                                                         strict=True)])
    # within each source, highest priority first
    order = np.lexsort((-np.concatenate([np.asarray(p.priority, float) for p in parts]),
                        np.concatenate([np.full(len(p), i) for i, p in enumerate(parts)])))
    return Moves.concat(parts).take(order), source[order]


def prefer_home(model: WorkforceModel, moves: Moves, source: np.ndarray) -> Moves:
    """With participation: send a person to an equivalent unit in their home district.

    Equivalent: another unit of the same kind (so the same agency), not the person's
    own, with need for the role and a deficit at least as large as the original
    destination's; deficits are reduced as people are assigned, so preferences do not
    pile people into one unit.
    """
    if not model.params.interventions.participation.enabled or len(moves) == 0:
        return moves
    E, U = model.employees, model.units
    to_unit = moves.to_unit.copy()
    deficit = -structural_gap(model, Moves())[1]
    for i in np.flatnonzero(source != "request"):
        row, unit, role = moves.employee_id[i], to_unit[i], moves.to_role[i]
        home = E.home[row]
        brings = person_fte(model, np.array([row]), np.array([role]))[0]
        if U.district[unit] != home:
            alt = np.flatnonzero((U.district == home) & (U.kind == U.kind[unit])
                                 & (np.arange(U.n) != E.unit[row])
                                 & (deficit[:, role] >= max(deficit[unit, role], brings))
                                 & (model.required_fte[:, role] > 0))
            if alt.size:
                to_unit[i] = alt[np.argmax(deficit[alt, role])]
        deficit[to_unit[i], role] -= brings
    return Moves(moves.employee_id, to_unit, moves.to_role, moves.reason, moves.priority)


def execute(model: WorkforceModel, rows: np.ndarray, to_unit: np.ndarray,
            to_role: np.ndarray) -> None:
    """Move employees to their new unit and role; start their (assisted) adaptation."""
    if rows.size == 0:
        return
    E, U = model.employees, model.units
    occ = E.occupation[rows]
    E.unit[rows] = to_unit
    E.role[rows] = to_role
    E.cell[rows] = to_unit * U.n_roles + to_role
    E.fit[rows] = model.compatibility[occ, to_role]
    model.refresh_competence(rows)
    E.n_moves[rows] += 1
    d, tau = adaptation.difficulty(model, rows, to_unit, model.occ_distance[occ, to_role])
    d, tau = adaptation.with_interventions(model, d, tau)
    adaptation.start(model, rows, d, tau)


def step(model: WorkforceModel) -> None:
    """Hold a mutation round if this calendar month is a round month."""
    flows = model.flows
    for key in ("new_moves", "new_moves_proposed", "new_moves_blocked", "new_moves_refused",
                "new_moves_forced", "new_requests"):
        flows[key] = 0
    if model.calendar_month not in model.params.mutation.months:
        return
    moves, source = collect_proposals(model)
    if len(moves) == 0:
        return
    moves = prefer_home(model, moves, source)
    E = model.employees
    rows, to_unit, to_role = moves.employee_id, moves.to_unit, moves.to_role
    from_unit, from_role = E.unit[rows].copy(), E.role[rows].copy()
    km = model.unit_distance(from_unit, to_unit)
    relocation = relocation_cost(model, km)
    training = training_cost_per_move(model)
    blocked = constraints.apply(model, moves)
    requested = source == "request"
    outcome_code, prob = response.respond(model, rows, to_unit, requested)
    going = (blocked == "") & (outcome_code != response.REFUSE)
    limits = constraints.apply_limits(model, moves, going, relocation + training)
    blocked = np.where(limits != "", limits, blocked)
    ok = blocked == ""
    outcome = np.where(~ok, "blocked:" + blocked.astype(str), np.select(
        [outcome_code == response.FORCED, outcome_code == response.REFUSE],
        ["forced", "refused"], "executed")).astype(object)
    moved = (outcome == "executed") | (outcome == "forced")
    execute(model, rows[moved], to_unit[moved], to_role[moved])
    p = model.params.mutation.response
    forced = rows[outcome == "forced"]
    E.morale[forced] = np.maximum(E.morale[forced] - p.forced_morale_penalty, 0)
    refused = rows[outcome == "refused"]
    E.morale[refused] = np.maximum(E.morale[refused] - p.refused_morale_penalty, 0)
    notified = int(np.count_nonzero(ok & ~requested))
    model.spend(moves=int(moved.sum()), idr_moves=float(relocation[moved].sum()),
                idr_training=training * int(moved.sum()),
                idr_socialization=_socialization_cost(model, notified))
    model.transfer_log.add(
        model.month, moved, employee_id=rows, from_unit=from_unit, to_unit=to_unit,
        from_role=from_role, to_role=to_role, policy=source, reason=moves.reason,
        outcome=outcome, refusal_prob=np.round(prob, 4), distance_km=np.round(km, 1),
        cost_idr=np.where(moved, np.round(relocation + training), 0.0))
    flows["new_moves"] = int(moved.sum())
    flows["new_moves_forced"] = int((outcome == "forced").sum())
    flows["new_moves_refused"] = int((outcome == "refused").sum())
    flows["new_moves_blocked"] = int((~ok).sum())
    flows["new_moves_proposed"] = len(moves)
    flows["new_requests"] = int(requested.sum())
    model.blocked_counts.update(blocked[~ok].tolist())


def _socialization_cost(model: WorkforceModel, notified: int) -> float:
    iv = model.params.interventions
    cost = 0.0
    if iv.socialization.enabled:
        s = iv.socialization
        cost += s.cost_per_round_idr + s.cost_per_person_idr * notified
    if iv.participation.enabled:
        cost += iv.participation.cost_per_person_idr * notified
    return cost
