"""A draft transfer plan: the moves a policy proposes in the next round, to act on.

`draft_plan` runs the region from its starting state (the first replication's seed)
up to the round and keeps the policy's proposals of that round that pass every
constraint: exactly the rows the transfer log of that run shows as executed, forced
or refused in that month when the round holds no own request (a test checks it).
Where a policy decides which unit and position lose staff and picks the person at
random (balancing, anticipation, optimal), the row names one person as an example
and says among how many the team chooses; a row of a later round whose person or
unit comes from the simulation, not the file, says so. Own requests are people's own choices,
not the planner's: the model draws them at random in a simulation, so a plan never
lists them by name. In the planned round the policy proposes on the state as it
is, and the requests to expect are given as numbers per unit (the sum of each
person's chance to ask). Each move gets what a planner weighs: who (NIP for an
imported roster, row number otherwise), from and to, whether the position changes,
the reason in words with the numbers behind it (the origin's surplus, the
destination's deficit, EJ before and after), the checks it passed, the refusal
risk, the months to adapt, the cost and the expected change in unmet hours at both
units. The plan listens to the round it plans (`Mutation.on_round`) and reads the
round's record; `reporting.plan_book` writes it as a workbook.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..core import exactmath
from ..core.errors import UserError
from ..core.measures import ej
from ..core.rng import replication_seeds
from ..policies.base import Moves
from ..processes import constraints
from ..processes.fairness import FairnessTally
from ..processes.mutation_record import RoundRecord
from ..processes.mutation_view import movable
from ..processes.requests import OwnRequests
from ..reporting.formats import fmt_fixed
from ..reporting.labels import policy_label, reason_label, role_label
from ..reporting.plan_book import assumption_rows, move_reason
from ..results.audit import plan_table, run_audit
from ..scenario.scenario import Scenario
from ..simulation.model import WorkforceModel
from .explain import Facts, explanations, take_facts
from .five_year import FiveYearPlan
from .messages_plan import PLAN_WORDS, PlanMsg

ADAPTED = 0.05  # productivity within 5 % of full: "adapted" for the months column


@dataclass
class Plan:
    """The sheets of a draft plan and the round they are for."""

    moves: pd.DataFrame        # the policy's proposals, one row per person
    units: pd.DataFrame        # every unit-role the plan touches, before and after
    requests: pd.DataFrame     # own requests to expect per unit-role (numbers, no names)
    assumptions: pd.DataFrame
    round_label: str
    audit: pd.DataFrame | None = None  # who would bear the plan's moves (results.audit)
    explanations: pd.DataFrame | None = None  # why each person, why each unit (explain.py)
    five_year: FiveYearPlan | None = None  # the years ahead (`five_year.five_year_plan`)
    role_names: dict[str, str] = field(default_factory=dict)  # position code -> its words


class ExpectedRequests(OwnRequests):
    """Own requests in a planned round: each person's chance to ask, and no move.

    The planned round is the policy's alone; what people may ask for themselves is
    kept as an expectation per person (`expected`) for the plan's requests sheet.
    """

    def __init__(self, requests: OwnRequests) -> None:
        super().__init__(requests.params, requests.rounds)
        self.asks = requests.active
        self.expected: np.ndarray | None = None

    @property
    def active(self) -> bool:
        """Always asked: the plan reads the round's state here even when nobody asks."""
        return True

    def propose(self, view, rng):  # noqa: D102 (see the class)
        self.expected = self.ask_probability(view) if self.asks else None
        self.cell = np.array(view.employees.cell, np.int64)  # where everyone is at the round
        return Moves()


def round_months(scenario: Scenario) -> list[int]:
    """Run months (1 = January of start_year) holding a mutation round, within the horizon."""
    months = scenario.mutation.months
    return [m for m in range(1, scenario.years * 12 + 1) if (m - 1) % 12 + 1 in months]


def _label(scenario: Scenario, month: int) -> str:
    year, m = divmod(scenario.start_year * 12 + month - 1, 12)
    return f"{year}-{m + 1:02d}"


def pick_round(scenario: Scenario, when: str | None) -> int:
    """The run month of `when` (YYYY-MM), or of the next round; UserError if none."""
    rounds = round_months(scenario)
    if not rounds:
        raise UserError(PlanMsg.no_round())
    if when is None:
        return rounds[0]
    try:
        year, month = (int(x) for x in when.split("-"))
        if not 1 <= month <= 12:
            raise ValueError
    except ValueError:
        raise UserError(PlanMsg.round_format(when=repr(when),
                                             example=_label(scenario, rounds[0]))) from None
    run_month = (year - scenario.start_year) * 12 + month
    if run_month not in rounds:
        shown = ", ".join(_label(scenario, m) for m in rounds[:6])
        raise UserError(PlanMsg.round_not_held(when=when, months=scenario.mutation.months,
                                               year=scenario.start_year, shown=shown))
    return run_month


def _unmet(required: np.ndarray, capacity: np.ndarray) -> np.ndarray:
    return np.maximum(required - capacity, 0.0)


def _months_to_adapt(d: np.ndarray, tau: np.ndarray) -> np.ndarray:
    """Months until productivity is within ADAPTED of full: tau x ln(D / ADAPTED)."""
    logs = np.array([exactmath.log_scalar(float(x) / ADAPTED) if x > ADAPTED else 0.0
                     for x in np.asarray(d, float)])
    return np.asarray(tau, float) * logs


@dataclass
class PlannedRounds:
    """A simulation from the starting state up to planned rounds, and what each held.

    `model` stands just after the last planned round; `records` holds each planned
    round's record (run month -> `RoundRecord`), `expected` the own requests to expect
    in the first one; `start_cell` is where everyone was at the start.
    """

    model: WorkforceModel
    records: dict[int, RoundRecord]
    expected: ExpectedRequests
    start_cell: np.ndarray
    seed: int
    audits: dict[int, pd.DataFrame]  # run month -> the round's audit (`results.audit`)
    facts: dict[int, Facts]  # run month -> the passing moves' facts (`explain.take_facts`)


def plan_rounds(scenario: Scenario, policy, months: list[int]) -> PlannedRounds:
    """Run the first replication's seed up to the last of `months` (run months of rounds).

    From the first planned round on, the rounds are the proposer's alone: own requests
    are kept as expectations (`ExpectedRequests`), not drawn. `policy` is a policy
    setting or a `Policy` (a listed one, for `evaluate`).
    """
    seed = replication_seeds(scenario.seed, 1)[0]
    model = WorkforceModel(scenario, rng=seed, policy=policy, record_units=False)
    E0 = model.world.employees  # noqa: N806 (the table at the start)
    start_cell = E0.cell[: E0.n].copy()
    first, last = min(months), max(months)
    for _ in range(first - 1):
        model.step()
    expected = ExpectedRequests(model.mutation.requests)
    model.mutation.use_requests(expected)  # the round is the policy's; requests are expected
    records: dict[int, RoundRecord] = {}
    audits: dict[int, pd.DataFrame] = {}
    facts: dict[int, Facts] = {}

    def heard(world, record: RoundRecord) -> None:
        records.setdefault(record.month, record)
        # who would bear the round's passing moves, counted on the state before them
        tally = FairnessTally(world)
        outcome = np.where(record.blocked == "", "executed", "blocked").astype(object)
        tally.count(world, record.moves, record.source, outcome, movable(world), book=False)
        audits[record.month] = plan_table(run_audit(tally, world.vocab.families),
                                          world.params.mutation.audit)
        passed = record.passed  # what each passing move's explanation says, before it moves
        facts[record.month] = take_facts(world, record.moves.employee_id[passed],
                                         record.moves.to_unit[passed], tally.perf_edges)

    model.mutation.on_round(heard)
    for _ in range(first - 1, last):
        model.step()
    return PlannedRounds(model, {m: records[m] for m in months}, expected, start_cell, seed,
                         audits, facts)


def draft_plan(scenario: Scenario, policy, when: str | None = None,
               lang: str = "id") -> Plan:
    """The policy's proposals of the round `when` (default: the next) that pass every rule."""
    month = pick_round(scenario, when)
    planned = plan_rounds(scenario, policy, [month])
    return round_plan(scenario, planned, month, policy, lang)


def round_plan(scenario: Scenario, planned: PlannedRounds, month: int, policy,
               lang: str = "id") -> Plan:
    """The plan's sheets of one planned round: its moves that pass every rule, and more."""
    model, record, expected = planned.model, planned.records[month], planned.expected
    start_cell = planned.start_cell
    seed = planned.seed
    detail = _passing(record)
    world, hours = model.world, scenario.workload.effective_hours
    vocab, U = world.vocab, world.units
    codes = U.shown_codes
    rows = detail["employee_id"]
    who = world.person_ids(rows)
    req, pot, staff = detail["required_fte"], detail["potential_fte"], detail["staff"]
    fu, fr, tu, tr = (detail[k] for k in ("from_unit", "from_role", "to_unit", "to_role"))
    out_before, in_before = _unmet(req[fu, fr], pot[fu, fr]), _unmet(req[tu, tr], pot[tu, tr])
    out_after = _unmet(req[fu, fr], pot[fu, fr] - detail["fte_out"])
    in_after = _unmet(req[tu, tr], pot[tu, tr] + detail["fte_in"])
    from_role, to_role = _role_names(vocab, fr, lang), _role_names(vocab, tr, lang)
    numbers = pd.DataFrame({
        "origin_gap_fte": np.round(pot[fu, fr] - req[fu, fr], 2),
        "origin_ej_before": _ej(req[fu, fr], staff[fu, fr]),
        "origin_ej_after": _ej(req[fu, fr], staff[fu, fr] - 1),
        "destination_gap_fte": np.round(pot[tu, tr] - req[tu, tr], 2),
        "destination_ej_before": _ej(req[tu, tr], staff[tu, tr]),
        "destination_ej_after": _ej(req[tu, tr], staff[tu, tr] + 1),
    })
    at_random = {name: p.picks_person_at_random for name, p in model.policies}
    eligible = record.movable_by_cell[fu * U.n_roles + fr]
    from_start = (rows < start_cell.size) & (start_cell[np.minimum(rows, start_cell.size - 1)]
                                             == fu * U.n_roles + fr)
    label = _label(scenario, month)
    moves = pd.DataFrame({
        "employee": who,
        "round": label,
        "person_choice": [_person_choice(at_random.get(p, False), n, lang)
                          for p, n in zip(detail["policy"], eligible, strict=True)],
        "data_basis": np.where(from_start, PLAN_WORDS["starting_data"][lang],
                               PLAN_WORDS["simulated"][lang]),
        "from_unit_code": codes[fu], "from_unit": U.names[fu], "from_role": from_role,
        "to_unit_code": codes[tu], "to_unit": U.names[tu], "to_role": to_role,
        "role_change": fr != tr,
        "policy": [policy_label(p, lang) for p in detail["policy"]],
        "reason": [move_reason(reason_label(r, lang), rec, a, b, lang)
                   for r, rec, a, b in zip(detail["reason"], numbers.itertuples(),
                                           from_role, to_role, strict=True)],
        **numbers,
        # what each move meets: the round's rules, less those a planner overrode for it
        "checks_passed": [constraints.checks(scenario.mutation.constraints, [
            c for c in record.checks if c not in str(w).split(",")]).render(lang)
            for w in detail["waived"]],
        "refusal_risk": np.round(detail["refusal_prob"], 3),
        "adaptation_months": np.round(_months_to_adapt(detail["adapt_d"],
                                                       detail["adapt_tau"]), 1),
        "distance_km": np.round(detail["distance_km"], 1),
        "cost_idr": np.round(detail["cost_idr"]),
        "unmet_hours_change_from": np.round((out_after - out_before) * hours, 0),
        "unmet_hours_change_to": np.round((in_after - in_before) * hours, 0),
        "override": "",  # the planner's mark: carry out despite a rule (`evaluate`)
    })
    units = _unit_sheet(detail, world, codes, hours, lang)
    requests = _request_sheet(expected, staff.ravel(), world, codes, lang)
    audit = planned.audits.get(month)
    if audit is not None and len(audit):
        audit = audit.assign(policy=policy if isinstance(policy, str) else "+".join(policy)
                             if isinstance(policy, list) else getattr(policy, "name", "plan"))
    vocab = world.vocab
    return Plan(moves, units, requests,
                _assumptions(scenario, policy, label, seed, lang), label, audit,
                explanations(moves, planned.facts[month], scenario, lang),
                role_names=dict(zip(vocab.occupations,
                                    _role_names(vocab, np.arange(len(vocab.occupations)),
                                                lang), strict=True)))


def _person_choice(at_random: bool, eligible: int, lang: str) -> str:
    """How the policy chose the person named in a row."""
    if at_random:
        return PLAN_WORDS["picked_at_random"].format(lang, n=fmt_fixed(eligible, 0, lang))
    return PLAN_WORDS["by_rule"][lang]


def _ej(need_fte: np.ndarray, staff: np.ndarray) -> np.ndarray:
    """EJ (`core.measures.ej`) rounded for the workbook; a cell without staff is left empty.

    The workbook says "'–' or empty = no staff": an infinite EJ (need, nobody) has no
    number a spreadsheet can hold.
    """
    value = ej(need_fte, staff)
    return np.round(np.where(np.isfinite(value), value, np.nan), 2)


def _role_names(vocab, roles: np.ndarray, lang: str) -> list[str]:
    """Roles (indices) as the plan names them: the region's label, else the built-in one."""
    codes = np.asarray(vocab.occupations, object)[roles]
    return [vocab.label(r) or role_label(r, lang) for r in codes]


def _request_sheet(requests, staff: np.ndarray, world, codes, lang: str) -> pd.DataFrame:
    """Own requests to expect this round: per unit-role, the sum of each person's chance.

    `staff` per unit-role (flat) at the round, before anything moves.
    """
    U = world.units
    expected = getattr(requests, "expected", None)
    columns = ["unit_code", "unit", "role", "staff", "expected_requests"]
    if expected is None or not np.any(expected > 0):
        return pd.DataFrame(columns=columns)
    chance = np.bincount(requests.cell, weights=expected, minlength=U.demand.size)
    keep = np.flatnonzero(chance >= 0.05)
    u, r = np.divmod(keep, U.n_roles)
    out = pd.DataFrame({
        "unit_code": codes[u], "unit": U.names[u],
        "role": _role_names(world.vocab, r, lang),
        "staff": staff[keep].astype(np.int64), "expected_requests": np.round(chance[keep], 1)})
    return out.sort_values(["expected_requests", "unit_code"], ascending=[False, True],
                           kind="stable").reset_index(drop=True)


def _passing(record: RoundRecord) -> dict[str, np.ndarray]:
    """The round's proposals that passed every constraint, and the state before the round."""
    k, moves = record.passed, record.moves
    return {
        "employee_id": moves.employee_id[k], "from_unit": record.from_unit[k],
        "from_role": record.from_role[k], "to_unit": moves.to_unit[k],
        "to_role": moves.to_role[k], "policy": record.source[k],
        "reason": np.asarray(moves.reason, object)[k], "refusal_prob": record.refusal_prob[k],
        "waived": record.waived[k],
        "distance_km": record.distance_km[k], "cost_idr": record.cost_idr[k],
        "adapt_d": record.adapt_d, "adapt_tau": record.adapt_tau, "fte_out": record.fte_out,
        "fte_in": record.fte_in, "potential_fte": record.potential_fte,
        "required_fte": record.required_fte, "staff": record.staff,
    }


def _unit_sheet(detail, world, codes, hours: float, lang: str) -> pd.DataFrame:
    """Every unit-role the plan touches: staff, need, capacity and unmet hours before/after."""
    req, pot, staff = detail["required_fte"], detail["potential_fte"], detail["staff"]
    after, staff_after = pot.copy(), staff.astype(np.int64).copy()
    np.subtract.at(after, (detail["from_unit"], detail["from_role"]), detail["fte_out"])
    np.add.at(after, (detail["to_unit"], detail["to_role"]), detail["fte_in"])
    np.subtract.at(staff_after, (detail["from_unit"], detail["from_role"]), 1)
    np.add.at(staff_after, (detail["to_unit"], detail["to_role"]), 1)
    cells = sorted(set(zip(detail["from_unit"].tolist(), detail["from_role"].tolist(),
                           strict=True))
                   | set(zip(detail["to_unit"].tolist(), detail["to_role"].tolist(),
                             strict=True)))
    u = np.array([c[0] for c in cells], np.int64)
    r = np.array([c[1] for c in cells], np.int64)
    U = world.units
    return pd.DataFrame({
        "unit_code": codes[u] if u.size else [], "unit": U.names[u] if u.size else [],
        "role": _role_names(world.vocab, r, lang),
        "staff_before": staff[u, r].astype(np.int64), "staff_after": staff_after[u, r],
        "need_fte": np.round(req[u, r], 2),
        "capacity_fte_before": np.round(pot[u, r], 2),
        "capacity_fte_after": np.round(after[u, r], 2),
        "unmet_hours_before": np.round(_unmet(req[u, r], pot[u, r]) * hours),
        "unmet_hours_after": np.round(_unmet(req[u, r], after[u, r]) * hours),
    })


def _assumptions(scenario: Scenario, policy, label: str, seed: int,
                 lang: str) -> pd.DataFrame:
    """What the plan rests on, every item named and explained in the reader's language."""
    policy = "+".join(policy) if isinstance(policy, list) else policy
    return assumption_rows(scenario, policy_label(policy, lang), label, seed, ADAPTED, lang)
