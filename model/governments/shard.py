"""A shard: some governments of one run, stepped month by month in one process.

Governments in a shard step independently between rounds (`advance`). At a round the
shard tells the coordinator about each of its governments (`summaries`), carries out
the coordinator's orders for those that send people (`release`: who goes, and their
objections), and takes in the people sent to its governments (`expect`); both happen
at the start of the round month, before its events (`WorkforceModel.month_start`).
Every number of a government comes from its own seed (`members.member_seed`), so a
shard's results do not depend on which other governments share it.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

import numpy as np

from ..core import exactmath
from ..processes.mutation_costs import relocation_cost, training_cost_per_move
from ..processes.response import sigmoid, situation_logit
from ..regions import ages
from ..results.run import arrow_table, table_bytes
from ..scenario.governments import split_policy
from ..simulation.needs import needs_frame
from . import aggregate
from .exchange import Migrants, admit, eligible, pack, pick, seat_local, seats_km
from .members import member_seed, members
from .round import REQUEST, Order, Summary

if TYPE_CHECKING:
    from ..scenario.scenario import Scenario
    from ..simulation.model import WorkforceModel
    from .members import Member

MANY = 8  # governments in a shard from which its regions' age curves are compiled
LOG_TYPES = {"month": np.int64, "from_government": np.int64, "to_government": np.int64,
             "employee_id": object, "occupation": object, "reason": object,
             "outcome": object, "refusal_prob": np.float64, "distance_km": np.float64}


class Shard:
    """Governments `indices` of `scenario` for the run of seed `run_seed`.

    Args:
        policy: the arm's policy names (each government's own policy when it names
            none but the round's; see `scenario.governments.split_policy`).
        destinations: for each government, the governments its staff may ask to go
            to and the chance of each (`runner.request_destinations`).
    """

    def __init__(self, scenario: Scenario, indices: list[int], run_seed: int,
                 policy: list[str] | None, destinations: dict[int, tuple[np.ndarray,
                                                                        np.ndarray]],
                 record_units: bool = True) -> None:
        compiled = ages.MANY_REGIONS
        ages.MANY_REGIONS = compiled or len(indices) >= MANY  # many regions: compiled rounds
        try:
            self._build(scenario, indices, run_seed, policy, destinations, record_units)
        finally:
            ages.MANY_REGIONS = compiled  # as it was, for whatever this process runs next

    def _build(self, scenario, indices, run_seed, policy, destinations, record_units) -> None:
        from ..simulation.model import WorkforceModel

        everyone = members(scenario)
        self.scenario = scenario
        self.members: list[Member] = [everyone[i] for i in indices]
        self.seats = {m.index: (m.x_km, m.y_km) for m in everyone}
        self.destinations = destinations
        # an arm's own-round policies apply to every government (`none`: none); an arm
        # naming only the round's policies keeps each government's own setting
        within = split_policy(policy)[0] if policy else []
        own = within or None
        self.models: dict[int, WorkforceModel] = {}
        for m in self.members:
            self.models[m.index] = WorkforceModel(
                m.scenario, rng=member_seed(run_seed, m.name), policy=own,
                record_units=record_units, agent_views="lazy")
        self.going: dict[int, np.ndarray] = {}  # rows leaving at the round month's start
        self.coming: dict[int, Migrants] = {}  # people arriving then
        self._refused: dict[int, int] = {}  # decrees cancelled after an objection
        self.log: list[dict[str, np.ndarray]] = []
        self.buffer: dict[int, list[tuple[dict, dict, Any]]] = {m.index: [] for m in
                                                                self.members}
        self._audit_rounds = {m.index: 0 for m in self.members}
        self.snapshots: dict[int, list] = {m.index: [] for m in self.members}
        # people who came from elsewhere: row -> (home government, its district)
        self.origin: dict[int, dict[int, tuple[int, int]]] = {m.index: {} for m in
                                                              self.members}
        for m in self.members:
            self._keep(m, self.models[m.index])  # month 0

    # ------------------------------------------------------------------ months
    def advance(self, until: int) -> None:
        """Step every government until run month `until` (inclusive)."""
        for m in self.members:
            model = self.models[m.index]
            while model.world.month < until and model.running:
                model.month_start = (partial(self._month_start, m)
                                     if model.world.month + 1 == self._round_month else None)
                model.step()
                self._keep(m, model)

    _round_month = -1  # the run month of the pending round's moves (-1: none)

    def _keep(self, m: Member, model: WorkforceModel) -> None:
        """Buffer the month's record, its parts and the audit tallies when they changed."""
        record = dict(model.current)
        for key in aggregate.MOVES:
            record[key] = model.world.flows.get(key, 0.0 if key.startswith("cost_") else 0)
        fairness = model.mutation.fairness
        audit = None
        if fairness is not None and fairness.rounds != self._audit_rounds[m.index]:
            self._audit_rounds[m.index] = fairness.rounds
            audit = aggregate.audit_counts(fairness)
        self.buffer[m.index].append((record, aggregate.parts(model.measures), audit))
        if model.unit_snapshots:  # the yearly needs map, kept compressed (a nation's is
            # ~4 million rows a replication)
            table = needs_frame(model.world, [model.unit_snapshots.pop()])
            table.insert(0, "government", m.name)
            self.snapshots[m.index].append(table_bytes(arrow_table(table)))

    def collect(self) -> dict[int, list[tuple[dict, dict, Any]]]:
        """The months buffered since the last call, per government (then forgotten)."""
        out = self.buffer
        self.buffer = {m.index: [] for m in self.members}
        return out

    # ------------------------------------------------------------------ the round
    def summaries(self, round_month: int, request_rate: float) -> list[Summary]:
        """Each government as the round month begins, with its staff's own requests."""
        out = []
        for m in self.members:
            model = self.models[m.index]
            w, E = model.world, model.employees
            n_roles = w.units.n_roles
            staff = w.staff().sum(axis=0).astype(np.float64)
            need = np.add.reduce(model.workload.required_fte, axis=0, dtype=np.float64)
            can = eligible(model)
            movable = np.bincount(E.role[can], minlength=n_roles)
            rng = model.streams.keyed("requests", "government", str(round_month))
            asks = can[rng.random(can.size) < request_rate]
            targets, chance = self.destinations[m.index]
            drawn = (rng.choice(targets, size=asks.size, p=chance) if targets.size
                     else np.full(asks.size, m.index))
            origin = self.origin[m.index]  # who came from elsewhere asks to go home
            back = np.array([origin.get(r, (-1,))[0] for r in asks.tolist()], np.int64)
            drawn = np.where(back >= 0, back, drawn)
            pns = int(np.count_nonzero(E.active & (E.employment == 0)))
            out.append(Summary(m.index, staff, need, movable, pns, asks,
                               E.role[asks].astype(np.int64), drawn.astype(np.int64)))
        self._round_month = round_month
        return out

    def release(self, orders: list[Order], round_month: int) -> Migrants | None:
        """Carry out the orders whose source is here: pick people, hear objections.

        Returns the people who will go (they leave at the round month's start).
        """
        self._round_month = round_month
        parts = []
        for m in self.members:
            mine = [o for o in orders if o.source == m.index]
            if not mine:
                continue
            model = self.models[m.index]
            taken = np.zeros(model.employees.n, bool)
            rng = model.streams.keyed("policy", "government", str(round_month))
            going = []
            for k, o in enumerate(mine):
                if o.rows is not None:
                    rows = o.rows[~taken[o.rows]]
                else:
                    rows = pick(model, o.role, o.count, rng, taken)
                taken[rows] = True
                going.append(self._objections(m, model, o, rows, round_month, k))
            moved = Migrants.concat([g for g in going if g is not None])
            if moved is not None:
                self.going[m.index] = moved.source_row
                parts.append(moved)
        return Migrants.concat(parts)

    def _objections(self, m: Member, model: WorkforceModel, o: Order, rows: np.ndarray,
                    round_month: int, k: int) -> Migrants | None:
        """Who of `rows` goes: own requests all; a decree (redistribution, planned) may not.

        An objection (the logistic refusal model, from home to the new government's
        seat) cancels the decree with `cancel_probability` (unless enforcement is
        mandatory); otherwise the move is forced and costs morale, as within a region.
        """
        E, w = model.employees, model.world
        p = w.params.mutation.response
        people = pack(model, m, rows, np.full(rows.size, o.target), o.reason,
                      self.origin[m.index])
        tx, ty = self.seats[o.target]
        km_home = exactmath.hypot(people.home_x - tx, people.home_y - ty)
        years = (w.now - E.moved_at[rows]) / 12.0
        age = (w.now - E.birth[rows]) / 12.0
        prob = (sigmoid(situation_logit(p, years, km_home, 0.0, age))
                if o.reason != REQUEST else np.zeros(rows.size))  # a decree may be objected to
        u = model.streams.keyed("objection", "government", str(round_month),
                                str(k)).random((2, rows.size))  # the k-th order of its source
        objected = u[0] < prob
        cancelled = objected & (u[1] < p.cancel_probability) & (not p.mandatory)
        forced = objected & ~cancelled
        outcome = np.where(cancelled, "refused", np.where(forced, "forced", "executed"))
        km = seats_km(self.seats, np.full(rows.size, m.index), np.full(rows.size, o.target))
        self.log.append({
            "month": np.full(rows.size, round_month), "from_government": np.full(
                rows.size, m.index), "to_government": np.full(rows.size, o.target),
            "employee_id": np.asarray(w.person_ids(rows)).astype(str).astype(object),
            "occupation": np.asarray(
                w.vocab.occupations, object)[E.occupation[rows]],
            "reason": np.full(rows.size, o.reason, object), "outcome": outcome.astype(object),
            "refusal_prob": prob.astype(np.float64), "distance_km": km})
        self._refused[m.index] = self._refused.get(m.index, 0) + int(cancelled.sum())
        people.columns["morale"] = np.where(
            forced, np.maximum(people.columns["morale"] - p.forced_morale_penalty, 0.0),
            people.columns["morale"]).astype(np.float32)
        go = np.flatnonzero(~cancelled)
        return people.take(go) if go.size else None

    def expect(self, arriving: dict[int, Migrants]) -> None:
        """People who will arrive in this shard's governments at the round month's start."""
        self.coming = {k: v for k, v in arriving.items() if k in self.models}

    def _month_start(self, member: Member, model: WorkforceModel) -> None:
        """The round month begins: the released leave, the sent arrive (flows booked)."""
        index = member.index
        w = model.world
        rows = self.going.pop(index, None)
        if rows is not None:
            w.transfer_out(rows)
            w.book("new_gov_out", int(rows.size))
        refused = self._refused.pop(index, 0)
        w.book("new_gov_refused", refused)
        people = self.coming.pop(index, None)
        if people is not None and people.n:
            rows, km = admit(model, member, people, self.seats)
            relocation = float(np.add.reduce(relocation_cost(w.params, km), dtype=np.float64))
            training = training_cost_per_move(w.params) * people.n
            w.book("new_gov_in", people.n)
            w.book("cost_gov_moves_idr", relocation + training)
            w.book("cost_moves_idr", relocation)  # as for the government's own moves
            w.book("cost_training_idr", training)
            w.spend(people.n, relocation + training)  # on the receiving government's budget
            away = people.home_gov != index  # still away from home: remember where it is
            self.origin[index].update(zip(rows[away].tolist(), zip(
                people.home_gov[away].tolist(), people.home_district[away].tolist(),
                strict=True), strict=True))

    @staticmethod
    def peak_bytes() -> int:
        """The peak memory of this shard's process (bytes; what a benchmark reports)."""
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

    # ------------------------------------------------------------------ the dashboard
    def vocab(self):
        """The region's vocabulary (every government shares its families)."""
        return self.models[self.members[0].index].world.vocab

    def now(self) -> list[dict[str, Any]]:
        """Each government now: its needs table, units on the scenario's frame, audit."""
        out = []
        for m in self.members:
            model = self.models[m.index]
            U = model.units
            sx, sy = seat_local(model)
            fairness = model.mutation.fairness
            out.append({"index": m.index, "needs": model.needs_table(),
                        "x_km": m.x_km + (U.x_km.astype(np.float64) - sx),
                        "y_km": m.y_km + (U.y_km.astype(np.float64) - sy),
                        "area": U.area.copy(),
                        "audit": ({d: t.copy() for d, t in fairness.counts.items()}
                                  if fairness is not None else None),
                        "edges": (fairness.age_edges, fairness.km_edges,
                                  fairness.perf_edges) if fairness is not None else None})
        return out

    # ------------------------------------------------------------------ the end
    def results(self) -> dict[str, Any]:
        """Each government's own tables at the end of the run."""
        out: dict[str, Any] = {"timeseries": {}, "units": {}, "transfers": {},
                               "n_units": {}, "audit_edges": {}}
        for m in self.members:
            model = self.models[m.index]
            out["n_units"][m.index] = model.units.n
            fairness = model.mutation.fairness
            if fairness is not None:  # the groups of its audit tallies (`results.audit`)
                out["audit_edges"][m.index] = (fairness.age_edges, fairness.km_edges,
                                               fairness.perf_edges)
            out["timeseries"][m.index] = model.timeseries()
            if self.snapshots[m.index]:  # its yearly maps, each as zstd Arrow bytes
                out["units"][m.index], self.snapshots[m.index] = self.snapshots[m.index], []
            out["transfers"][m.index] = model.transfer_log.frame(model.world)
        log = {c: (np.concatenate([part[c] for part in self.log]) if self.log
                   else np.array([])).astype(t) for c, t in LOG_TYPES.items()}
        out["moves"] = log
        return out
