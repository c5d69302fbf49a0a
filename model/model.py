"""`WorkforceModel`: one region's civil-service workforce, month by month, on Mesa."""

from __future__ import annotations

from collections import Counter
from functools import partial
from typing import Any

import mesa
import numpy as np

from . import exactmath
from . import metrics as metrics_mod
from .agents import Employee, Unit
from .errors import UserError
from .needs import unit_role_table
from .params import Scenario
from .policies import Policy, make_policies
from .processes import adaptation, demand, demography, mutation, recruitment, workload
from .processes.demography import EXIT_CODE, monthly_hazard_by_age
from .region import build_employees, build_units, district_weights
from .rng import MAX_COMPOSED, RandomStreams
from .scenario import load_scenario
from .state import MonthSchedule
from .transfers import TransferLog
from .vocab import (
    AGENCIES,
    AGENCY_FAMILY,
    AREA_INDEX,
    FAMILY_INDEX,
    FAMILY_OF_OCC_CODE,
    OCC_INDEX,
    OCCUPATIONS,
    POSITION_TYPES,
    occupation_distance,
)

EAGER_AGENT_LIMIT = 50_000


def _report(model: WorkforceModel, key: str) -> float:
    """DataCollector reporter: metric `key` of the current month."""
    return model.current[key]


class WorkforceModel(mesa.Model):
    """A region's ASN workforce: employees and units as numpy columns, Mesa agents as views.

    Args:
        scenario: a built-in name, a YAML path, a mapping or a `Scenario`
            (None = the default region).
        rng: seed of the run (int); None uses the scenario's `seed`. `mesa.batch_run`
            passes its `rng` values here (`run_sim.py` passes replication seeds).
            The region itself is built from the scenario's `seed` (an override like
            any other: `seed=11`), so replications share one region.
        policy: a policy name, a `Policy` instance or a list of instances (composed in
            order); overrides the scenario's.
        record_units: keep the per unit-role table at month 0 and each year's end.
        **overrides: scenario values by dotted path, e.g.
            `**{"recruitment.replacement_rate": 1.0}` or `recruitment__replacement_rate=1.0`.

    `model.params` is the resolved scenario (Mesa's own `model.scenario` is left to Mesa).
    """

    def __init__(
        self,
        scenario: str | Scenario | dict | None = None,
        *,
        rng: int | np.random.Generator | None = None,
        policy: str | Policy | list[Policy] | None = None,
        record_units: bool = True,
        **overrides: Any,
    ) -> None:
        if isinstance(policy, str) or (isinstance(policy, list | tuple) and policy
                                       and all(isinstance(p, str) for p in policy)):
            overrides["policy"] = policy if isinstance(policy, str) else list(policy)
            policy = None
        params = load_scenario(scenario, overrides)
        if isinstance(rng, np.random.Generator):
            rng = int(rng.integers(2**63 - 1))
        run_seed = params.seed if rng is None else int(rng)
        super().__init__(rng=run_seed)
        self.params: Scenario = params
        self.run_seed = run_seed
        self.streams = RandomStreams(run_seed)
        if policy is not None:
            given = policy if isinstance(policy, list | tuple) else [policy]
            self.policies = [(getattr(p, "name", None) or type(p).__name__, p) for p in given]
        else:
            self.policies = make_policies(params)
        if len(self.policies) > MAX_COMPOSED:
            raise UserError(f"policy: {len(self.policies)} policies composed; at most "
                            f"{MAX_COMPOSED} can be (one random stream key each)")
        # one label everywhere (time series, summaries, transfer log): the policies' names
        self.policy_name = "+".join(name for name, _ in self.policies) or "none"
        self.record_units = record_units
        self.horizon = params.years * 12
        self.start = params.start_year * 12  # absolute month of January of the start year
        self.month = 0  # months simulated so far
        self.now = self.start  # absolute month being simulated (the start at setup)
        self._setup_constants()
        self._build_region()
        self.datacollector = mesa.DataCollector(
            model_reporters={k: partial(_report, key=k) for k in metrics_mod.METRICS}
        )
        self.unit_snapshots: list = []
        self._record()

    # ------------------------------------------------------------------ setup
    def _setup_constants(self) -> None:
        p = self.params
        self.hazard_by_age = monthly_hazard_by_age(p.demography.exit_rate_by_age)
        self.bup_by_position = np.array([p.demography.retirement_age[t] for t in POSITION_TYPES])
        n_occ = len(OCCUPATIONS)
        self.compatibility = np.eye(n_occ, dtype=np.float32)
        for pair, factor in p.workload.compatibility.items():
            occ, _, role = pair.partition(">")
            self.compatibility[OCC_INDEX[occ], OCC_INDEX[role]] = factor
        self.family_of_role = np.asarray(FAMILY_OF_OCC_CODE, np.int64)
        self.occ_distance = np.array([[occupation_distance(o, r) for r in OCCUPATIONS]
                                      for o in OCCUPATIONS], np.float32)
        self.district_names = [d.name for d in p.region.districts]
        self.district_x = np.array([d.x_km for d in p.region.districts], np.float32)
        self.district_y = np.array([d.y_km for d in p.region.districts], np.float32)
        self.district_w = district_weights(p)
        self.demand_trend = demand.trend_factors(p.demand.trend_per_year)
        self.has_trend = bool(np.any(self.demand_trend != 1.0))
        self.departures_by_occupation = np.zeros((12, n_occ))
        self.pending_recruitment: list[tuple[int, np.ndarray]] = []
        self.flows: dict[str, float] = {}
        self.adapting = np.empty(0, np.int64)
        self.moves_this_year = 0
        self.idr_this_year = 0.0
        self.blocked_counts: Counter = Counter()
        self.transfer_log = TransferLog()

    def _build_region(self) -> None:
        # the region is the scenario's (its seed), the same in every replication:
        # replications differ in what happens to it, not in the region itself
        rng = RandomStreams(self.params.seed).get("region")
        self.units, staff = build_units(self.params, rng)
        self.employees = build_employees(self.params, self.units, staff, self.start, rng)
        remote = [AREA_INDEX[a] for a in self.params.workload.remote_area_types]
        self.remote_units = np.isin(self.units.area, remote)
        self.unit_family = np.array([FAMILY_INDEX[AGENCY_FAMILY[a]] for a in AGENCIES],
                                    np.int8)[self.units.agency]
        E = self.employees
        self.refresh_competence(np.arange(E.n))
        # people who moved recently are still adapting at the start
        p = self.params.adaptation
        recent = np.flatnonzero(self.start - E.moved_at < 10 * p.tau_months * (1 + p.tau_hardness))
        d, tau = adaptation.difficulty(self, recent, E.unit[recent], np.zeros(recent.size))
        E.adapt_d[recent], E.adapt_tau[recent] = d, tau
        self.adapting = recent
        adaptation.step(self)
        self.overload_cell = np.zeros(self.units.demand.size, np.float32)
        workload.step(self)
        # start morale at its equilibrium for the initial load, then recompute capacity
        overload = self.overload_cell[E.cell]
        E.morale[:] = 1.0 - self.params.demography.overload_morale_effect * overload
        workload.step(self)
        self.retirements = MonthSchedule()
        self.retirements.add(np.arange(E.n), E.retire_at)
        self.contract_ends = MonthSchedule()
        pppk = np.flatnonzero(E.employment == 1)
        self.contract_ends.add(pppk, E.contract_end[pppk])
        self.pending_recruitment = recruitment.initial_pipeline(self)
        self._employee_agents: dict[int, Employee] | None = None
        self.unit_agents: list[Unit] = []
        eager = self.params.agent_views == "eager" or (
            self.params.agent_views == "auto" and E.n <= EAGER_AGENT_LIMIT)
        if eager:
            self._materialize_agents()

    # ------------------------------------------------------------------ helpers
    def refresh_competence(self, rows: np.ndarray) -> None:
        """Recompute the cached competences of `rows` for their current unit and role.

        comp_domain = competence in the unit's domain (its agency's family);
        comp_role = (1 - w) x competence in the role's family + w x comp_domain.
        """
        E = self.employees
        w = self.params.competence.domain_weight
        flat, base = self.competence_flat(rows)
        domain = flat[base + self.unit_family[E.unit[rows]]]
        own = flat[base + self.family_of_role[E.role[rows]]]
        E.comp_domain[rows] = domain
        E.comp_role[rows] = (1 - w) * own + w * domain

    def competence_flat(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The competence matrix as a flat writable view, and each row's offset in it."""
        comp = self.employees.competence
        return comp.reshape(-1), np.asarray(rows, np.int64) * comp.shape[1]

    def unit_distance(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Km between units `a` and `b` (elementwise)."""
        U = self.units
        return exactmath.hypot(U.x_km[a] - U.x_km[b], U.y_km[a] - U.y_km[b])

    def home_distance(self, rows: np.ndarray, units: np.ndarray) -> np.ndarray:
        """Km between employees' home districts and `units` (elementwise)."""
        U, home = self.units, self.employees.home[rows]
        return exactmath.hypot(U.x_km[units] - self.district_x[home],
                        U.y_km[units] - self.district_y[home])

    def spend(self, moves: int = 0, idr_moves: float = 0.0, idr_training: float = 0.0,
              idr_socialization: float = 0.0) -> None:
        """Book this month's transfer decisions and their costs (yearly budgets too)."""
        f = self.flows
        f["cost_moves_idr"] = f.get("cost_moves_idr", 0.0) + idr_moves
        f["cost_training_idr"] = f.get("cost_training_idr", 0.0) + idr_training
        f["cost_socialization_idr"] = f.get("cost_socialization_idr", 0.0) + idr_socialization
        self.moves_this_year += moves
        self.idr_this_year += idr_moves + idr_training

    # ------------------------------------------------------------------ agents
    def _materialize_agents(self) -> None:
        """Create the Mesa agent views (once)."""
        if self._employee_agents is not None:
            return
        self._employee_agents = {}
        self.unit_agents = [Unit(self, i) for i in range(self.units.n)]
        for row in np.flatnonzero(self.employees.active):
            self._employee_agents[int(row)] = Employee(self, row)

    @property
    def agents(self) -> mesa.agent.AgentSet:
        """All Mesa agents (created on first access for large regions)."""
        self._materialize_agents()
        return super().agents

    @property
    def agents_by_type(self) -> dict[type, mesa.agent.AgentSet]:
        """Mesa agents by class: `Employee` and `Unit`."""
        self._materialize_agents()
        return super().agents_by_type

    def on_hired(self, rows: np.ndarray) -> None:
        """Give new recruits agent views if the views exist."""
        if self._employee_agents is not None:
            for row in rows:
                self._employee_agents[int(row)] = Employee(self, row)

    def leave(self, rows: np.ndarray, reason: str) -> None:
        """Employees `rows` leave the service for `reason` (an ExitReason)."""
        if rows.size == 0:
            return
        E = self.employees
        E.active[rows] = False
        E.fit[rows] = 0.0
        E.prod[rows] = 0.0
        E.exit_reason[rows] = EXIT_CODE[reason]
        E.exit_at[rows] = self.now
        self.departures_by_occupation[self.now % 12] += np.bincount(
            E.occupation[rows], minlength=len(OCCUPATIONS))
        if self._employee_agents is not None:
            for row in rows:
                agent = self._employee_agents.pop(int(row), None)
                if agent is not None:
                    agent.remove()

    # ------------------------------------------------------------------ time
    @property
    def calendar_month(self) -> int:
        """Calendar month (1-12) being simulated."""
        return self.now % 12 + 1

    def step(self) -> None:
        """Simulate one month, in the order of DESIGN section 4.

        The order of operations:

        1. demography: retirement at BUP, exits by hazard (overload, morale), PPPK
           contracts, morale;
        2. demand: workload need trends, shocks and events;
        3. recruitment: quota at the planning month, appointments after the lag;
        4. mutation: at round months the policy proposes moves, the model executes them;
        5. adaptation: productivity of recently moved or hired staff recovers;
        6. workload: capacity, required FTE, load ratio, EJ, unmet hours;
        7. metrics: one record from the METRICS table.
        """
        self._begin_month()
        demography.step(self)
        demand.step(self)
        recruitment.step(self)
        mutation.step(self)
        adaptation.step(self)
        workload.step(self)
        self._record()

    def _begin_month(self) -> None:
        self.month += 1
        self.now = self.start + self.month - 1
        self.flows = {}
        self.departures_by_occupation[self.now % 12] = 0
        if self.calendar_month == 1:  # budgets are yearly (calendar year)
            self.moves_this_year = 0
            self.idr_this_year = 0.0

    def _record(self) -> None:
        self.transfer_log.follow_up(self)
        self.current = metrics_mod.compute(self)
        self.datacollector.collect(self)
        if self.record_units and self.month % 12 == 0:
            self.unit_snapshots.append(unit_role_table(self))
        self.running = self.month < self.horizon

    def run(self, progress: Any = None) -> WorkforceModel:
        """Step until the horizon (`years` x 12 months); `progress` gets `.update(1)`."""
        while self.running:
            self.step()
            if progress is not None:
                progress.update(1)
        return self

    def timeseries(self) -> Any:
        """Monthly metrics as a DataFrame with a `month` column (0 = the start)."""
        df = self.datacollector.get_model_vars_dataframe()
        df.insert(0, "month", np.arange(len(df)))
        return df

