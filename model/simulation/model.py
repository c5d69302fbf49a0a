"""`WorkforceModel`: one region's civil-service workforce, month by month, on Mesa."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

import mesa
import numpy as np

from ..core import kernels
from ..core.errors import UserError
from ..core.rng import MAX_COMPOSED, RandomStreams
from ..policies import Policy, make_policies
from ..processes.adaptation import Adaptation
from ..processes.base import Process
from ..processes.demand import Demand
from ..processes.demography import Demography
from ..processes.mutation import Mutation
from ..processes.recruitment import Recruitment
from ..processes.workload import Workload
from ..scenario.loading import load_scenario
from ..scenario.scenario import Scenario
from ..world.world import World
from . import metrics as metrics_mod
from .agents import Employee, Unit
from .messages_model import ModelMsg
from .needs import NeedsSnapshot, needs_frame, unit_role_table
from .needs import snapshot as needs_snapshot

if TYPE_CHECKING:
    import pandas as pd

    from ..core.state import EmployeeTable, UnitTable
    from ..core.vocab import Vocabulary
    from ..world.transfers import TransferLog

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
        record_units: keep the needs map at month 0 and each year's end (`needs_maps`).
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
        if params.governments is not None:  # several regions: `model.governments` runs them
            raise UserError(ModelMsg.several_governments(name=repr(params.name)))
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
            raise UserError(ModelMsg.too_many_policies(n=len(self.policies),
                                                       most=MAX_COMPOSED))
        # one label everywhere (time series, summaries, transfer log): the policies' names
        self.policy_name = "+".join(name for name, _ in self.policies) or "none"
        self.record_units = record_units
        # called at the start of each month, before its events (`model.governments`
        # moves people between governments there); None: nothing
        self.month_start: Callable[[WorkforceModel], None] | None = None
        self.world = World.build(params, self.streams)
        # the processes, each owning its state; later ones read earlier ones' state
        self.workload = Workload()
        self.adaptation = Adaptation()
        self.demography = Demography(self.workload)
        self.demand = Demand()
        self.recruitment = Recruitment(self.workload, self.adaptation)
        self.mutation = Mutation(self.policies, self.workload, self.adaptation)
        # the month, in order (DESIGN section 4; see `step`)
        self.processes: list[Process] = [self.demography, self.demand, self.recruitment,
                                         self.mutation, self.adaptation, self.workload]
        self._setup()
        self._employee_agents: dict[int, Employee] | None = None
        self.unit_agents: list[Unit] = []
        eager = params.agent_views == "eager" or (
            params.agent_views == "auto" and self.world.employees.n <= EAGER_AGENT_LIMIT)
        if eager:
            self._materialize_agents()
        self._datacollector = mesa.DataCollector(
            model_reporters={k: partial(_report, key=k) for k in metrics_mod.METRICS}
        )
        self._pending: list[tuple[float, dict[str, float]]] = []  # records not yet in it
        self.unit_snapshots: list[NeedsSnapshot] = []  # `needs_maps` makes them a table
        self._record()

    def _setup(self) -> None:
        """The state before the first month, in dependency order."""
        w = self.world
        w.compiled = kernels.wanted(w.employees.n)  # a large region's passes compiled
        self.adaptation.setup(w)  # people who moved recently are still adapting
        self.workload.setup(w)  # capacity and load at the start
        self.demography.setup(w)  # morale at its equilibrium for that load; calendars
        self.workload.step(w)  # capacity again with that morale
        self.demand.setup(w)
        self.recruitment.setup(w)  # last year's formasi still to arrive
        self.mutation.setup(w)

    def add_process(self, process: Process, after: str) -> None:
        """Add `process` to the month, right after the process named `after`.

        The process is set up on the world at once (call this before the first month);
        it then steps and records every month in its place. A process acts on the world
        through its verbs (`leave`, `hired`, `change_position`, `book`, ...) and owns its
        own state; see `processes.base.Process`.
        """
        names = [p.name for p in self.processes]
        if after not in names:
            raise ValueError(f"add_process: no process named {after!r}; the month's "
                             f"processes are {names}")
        self.processes.insert(names.index(after) + 1, process)
        process.setup(self.world)

    # ------------------------------------------------------------------ the state
    @property
    def employees(self) -> EmployeeTable:
        """The employee table (`state.EmployeeTable`), one row per person ever present."""
        return self.world.employees

    @property
    def vocab(self) -> Vocabulary:
        """The region's occupations, families and agencies."""
        return self.world.vocab

    @property
    def units(self) -> UnitTable:
        """The unit table (`state.UnitTable`)."""
        return self.world.units

    @property
    def month(self) -> int:
        """Months simulated so far (0 at the start)."""
        return self.world.month

    @property
    def now(self) -> int:
        """Absolute month being simulated (year * 12 + month - 1)."""
        return self.world.now

    @property
    def calendar_month(self) -> int:
        """Calendar month (1-12) being simulated."""
        return self.world.calendar_month

    @property
    def required_fte(self) -> np.ndarray:
        """[unit, role] required FTE this month (the workload process's)."""
        return self.workload.required_fte

    @property
    def capacity_fte(self) -> np.ndarray:
        """[unit, role] effective capacity (FTE) this month."""
        return self.workload.capacity_fte

    def needs_table(self) -> pd.DataFrame:
        """The needs map now: one row per unit and role with staff, capacity, need, EJ."""
        return unit_role_table(self.world, self.workload)

    def needs_maps(self) -> pd.DataFrame:
        """The needs maps kept at month 0 and each year's end (`record_units`), one table."""
        return needs_frame(self.world, self.unit_snapshots)

    @property
    def transfer_log(self) -> TransferLog:
        """Every proposal of every round and what became of it (`transfers.TransferLog`)."""
        return self.mutation.log

    # ------------------------------------------------------------------ agents
    def _materialize_agents(self) -> None:
        """Create the Mesa agent views (once), then keep them in step with the staff.

        The month does not touch the views: people who left since the last access lose
        their view and recruits get one (in row order, which is hiring order) when the
        views are next read, through `agents` or `agents_by_type`.
        """
        if self._employee_agents is None:
            self._employee_agents = {}
            self.unit_agents = [Unit(self, i) for i in range(self.units.n)]
        views = self._employee_agents
        active = self.employees.active
        if views:
            have = np.fromiter(views, np.int64, len(views))
            for row in have[~active[have]].tolist():
                views.pop(row).remove()
            new = np.flatnonzero(active)
            new = new[~np.isin(new, have)]
        else:
            new = np.flatnonzero(active)
        for row in new.tolist():
            views[row] = Employee(self, row)

    @property
    def agents(self) -> mesa.agent.AgentSet:
        """All Mesa agents (the views are created or brought up to date on access)."""
        self._materialize_agents()
        return super().agents

    @property
    def agents_by_type(self) -> dict[type, mesa.agent.AgentSet]:
        """Mesa agents by class: `Employee` and `Unit`."""
        self._materialize_agents()
        return super().agents_by_type

    # ------------------------------------------------------------------ time
    def step(self) -> None:
        """Simulate one month, in the order of DESIGN section 4.

        The order of operations:

        1. demography: retirement at BUP, exits by hazard (overload, morale), PPPK
           contracts, morale;
        2. demand: workload need trends, shocks and events;
        3. recruitment: quota at the planning month, appointments after the lag;
        4. mutation: at round months own requests and the policies propose moves, the
           model executes them;
        5. adaptation: productivity of recently moved or hired staff recovers;
        6. workload: capacity, required FTE, load ratio, EJ, unmet hours;
        7. metrics: one record from the METRICS table.

        A process added with `add_process` steps in its place.
        """
        self.world.begin_month()
        if self.month_start is not None:  # a region of regions: moves between governments
            self.month_start(self)
        for process in self.processes:
            process.step(self.world)
        self._record()

    def _record(self) -> None:
        w = self.world
        for process in self.processes:
            process.record(w)
        # the month's record, and what its formulas read (a region of regions sums
        # parts of it over governments, `model.governments.aggregate`)
        self.current, self.measures = metrics_mod.measure(
            w, self.workload, self.adaptation.adapting, self.mutation.fairness)
        self._pending.append((self.time, self.current))  # into the DataCollector when read
        if self.record_units and w.month % 12 == 0:
            self.unit_snapshots.append(needs_snapshot(w, self.workload))
        self.running = w.month < w.horizon

    def run(self, progress: Any = None) -> WorkforceModel:
        """Step until the horizon (`years` x 12 months); `progress` gets `.update(1)`."""
        while self.running:
            self.step()
            if progress is not None:
                progress.update(1)
        return self

    @property
    def datacollector(self) -> mesa.DataCollector:
        """Mesa's DataCollector of the monthly metrics, as Mesa users read it.

        The month only keeps its record (one dict); the records enter the DataCollector
        when it is read, as its reporters would have collected them (the same values in
        the same order, and the same collection times), so the month does not pay for
        ~40 reporter calls.
        """
        dc = self._datacollector
        if self._pending:
            steps = getattr(dc, "_collection_steps", None)
            for time, record in self._pending:
                if steps is not None:
                    steps.append(time)
                for key in dc.model_reporters:
                    dc.model_vars[key].append(record[key])
            self._pending.clear()
        return dc

    def timeseries(self) -> Any:
        """Monthly metrics as a DataFrame with a `month` column (0 = the start)."""
        df = self.datacollector.get_model_vars_dataframe()
        df.insert(0, "month", np.arange(len(df)))
        return df
