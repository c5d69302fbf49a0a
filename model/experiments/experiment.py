"""Experiments: replications of a scenario under one or more policies.

Replication r gets seed `replication_seeds(seed, R)[r]` whatever the policy or the
number of jobs, so results do not depend on how the work was spread, and replication
r of every policy faces the same retirements, exits and demand (common random
numbers): differences between policies are paired. Results come back ordered by
policy, then replication. `Experiment` is the Python entry point; `run_sim.py run`
and `run_sim.py compare` use it.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..core.rng import replication_seeds
from ..governments.members import csv_weight
from ..results.run import FORMATS, RunResult, arrow_bytes, csv_rows, wants_csv
from .executors import EXECUTORS, execute, in_process

if TYPE_CHECKING:
    import pandas as pd
    from tqdm import tqdm

    from ..reporting.outputs import Written
    from ..scenario.scenario import Scenario

__all__ = ["EXECUTORS", "Experiment", "run_one", "run_replications", "stream_replications"]


def run_one(scenario: Scenario, replication: int, seed: int, policy: str | None = None,
            csv: bool = True, progress: tqdm | None = None) -> RunResult:
    """Build and run one replication; return its tables tagged with replication and policy.

    The Mesa agent views are not created (nothing here reads them; they are made on
    first access). The yearly needs map and the transfer log come back as Arrow bytes,
    and as CSV rows too when `csv` is set; what the figures and tables read of them
    (each unit's load at the start and at the horizon, the log's tally) is
    computed here, where the run ran, so the process writing the folder need not.
    """
    from ..reporting.style import month_dates
    from ..results.analysis import tally_transfers, unit_loads
    from ..results.audit import run_audit
    from ..simulation.model import WorkforceModel

    t0 = time.perf_counter()
    model = WorkforceModel(scenario, rng=seed, policy=policy, agent_views="lazy")
    model.run(progress)
    ts = model.timeseries()
    ts.insert(0, "date", month_dates(ts["month"], scenario.start_year))
    ts.insert(0, "policy", model.policy_name)
    ts.insert(0, "replication", replication)
    units = model.needs_maps()
    units.insert(0, "policy", model.policy_name)
    units.insert(0, "replication", replication)
    # the yearly needs map is large: only its units' loads at the edges come back
    edges = unit_loads(units[units["month"].isin([units["month"].min(),
                                                  units["month"].max()])])
    # `policy` in the log is who proposed the move (a policy or `request`);
    # `run_policy` is the run's policy setting, as in the other files
    transfers = model.transfer_log.frame(model.world)
    transfers.insert(0, "run_policy", model.policy_name)
    transfers.insert(0, "replication", replication)
    return RunResult(replication, seed, model.policy_name, arrow_bytes(ts), arrow_bytes(edges),
                     time.perf_counter() - t0, units_arrow=arrow_bytes(units, "lz4"),
                     transfers_arrow=arrow_bytes(transfers),
                     units_csv=csv_rows(units) if csv else b"",
                     transfers_csv=csv_rows(transfers) if csv else b"",
                     units_rows=len(units), transfers_rows=len(transfers),
                     counts=tally_transfers(transfers),
                     audit=run_audit(model.mutation.fairness, model.world.vocab.families))


def summarised_run(scenario: Scenario, overrides: dict[str, Any], seed: int,
                   policy: str | list[str] | None = None) -> dict[str, float]:
    """One run with `overrides`, every metric summarised (no needs map, no agent views).

    What sensitivity analysis and the EMA Workbench adapter need of a run.
    """
    from ..results.analysis import run_summary
    from ..scenario.loading import load_scenario
    from ..simulation.model import WorkforceModel

    params = load_scenario(scenario, {**overrides, "agent_views": "lazy"})
    model = WorkforceModel(params, rng=seed, policy=policy, record_units=False)
    model.run()
    return run_summary(model.timeseries())


def stream_replications(
    scenario: Scenario,
    replications: int | None = None,
    seed: int | None = None,
    jobs: int = 1,
    policies: list[str] | None = None,
    quiet: bool = False,
    executor: str = "pool",
    scheduler: str | None = None,
    scheduler_timeout: float = 10.0,
    formats: str = "auto",
    shards: int = 1,
) -> Iterator[RunResult]:
    """Run R replications of each policy; yield each result in order (policy, replication).

    A result is yielded as soon as it and every one before it have finished, so the
    caller can write it and let it go while the others run (a few wait when they
    finish out of order). `executor`: "serial", "pool" (local processes; serial when
    jobs is 1) or "dask" (a LocalCluster of `jobs` workers, or the cluster at
    `scheduler`). Every executor gives the same numbers: each task carries its own
    seed. `formats` says whether the workers also format CSV copies of the large
    tables (`wants_csv`).
    """
    from tqdm import tqdm

    reps = replications or scenario.replications
    seeds = replication_seeds(scenario.seed if seed is None else seed, reps)
    policies = policies or [None]  # None: the scenario's own policy setting
    csv = wants_csv(formats, reps * len(policies) * csv_weight(scenario))
    tasks = [(r, seeds[r], pol, csv) for pol in policies for r in range(reps)]
    fn = run_one
    if scenario.governments is not None:  # a region of regions: each run on its shards
        from ..governments.outputs import run_one_governments

        # the executor places the shards (pool: local processes; dask: actors on the
        # cluster); the replications run one after the other
        backend = "dask" if scheduler else {"serial": "serial", "pool": "auto",
                                             "dask": "dask"}[executor]
        tasks = [(*task, shards, backend, scheduler, scheduler_timeout) for task in tasks]
        fn, jobs, executor, scheduler = run_one_governments, 1, "serial", None
    months = scenario.years * 12
    bar = tqdm(total=len(tasks) * months, unit="month", desc="simulating",
               disable=quiet, delay=2.0, leave=False)
    waiting: dict[int, RunResult] = {}  # finished before an earlier task
    serial = in_process(executor, jobs, len(tasks), scheduler)  # then it counts months
    following = 0
    try:
        for i, result in execute(fn, tasks, jobs, executor, scheduler, scheduler_timeout,
                                 serial_kwargs={"progress": bar}, shared=(scenario,)):
            if not serial:
                bar.update(months)
            waiting[i] = result
            del result
            while following in waiting:  # policy by policy, then replication
                yield waiting.pop(following)
                following += 1
    finally:
        bar.close()


def run_replications(*args: Any, **kwargs: Any) -> list[RunResult]:
    """Every result of `stream_replications` (same arguments), as a list in its order."""
    return list(stream_replications(*args, **kwargs))


def policy_setting(spec: str) -> str | list[str]:
    """'anticipation+balancing' -> ['anticipation', 'balancing'] (a composition)."""
    parts = [p.strip() for p in spec.split("+") if p.strip()]
    return parts[0] if len(parts) == 1 else parts


class Experiment:
    """Scenario x policies x replications x horizon, paired by replication.

    `run_sim.py run` is an experiment with the scenario's own policy (no pairing);
    `run_sim.py compare` one with several policies, paired against the baseline.

    Args:
        scenario: a `Scenario`, a built-in name, a YAML path or a mapping (its
            `years`, `replications` and `seed` apply unless given here).
        policies: policy names (a composition as 'a+b'); the first is the baseline
            unless `baseline` names another. None: the scenario's own policy setting
            (a custom policy class included), without a baseline.
        replications, years, seed: override the scenario's.
        jobs: parallel processes (local pool); 1 runs serially.
        executor, scheduler, scheduler_timeout: see `run_replications`.
        formats: how the large tables are stored ("auto": Parquet, plus CSV copies
            for up to `CSV_MAX_RUNS` runs; "parquet", "csv" or "both").
        arms: policies given as objects, by the name they are listed with in
            `policies` (`evaluate`'s lists: a `ListedMoves` holds its moves, so it is
            no setting of the scenario); they are pickled with each task.
    """

    def __init__(self, scenario: Scenario | str | dict, policies: list[str] | None = None,
                 replications: int | None = None,
                 years: int | None = None, seed: int | None = None,
                 baseline: str | None = None, jobs: int = 1, executor: str = "pool",
                 scheduler: str | None = None, scheduler_timeout: float = 10.0,
                 formats: str = "auto", arms: dict[str, Any] | None = None,
                 shards: int | None = None) -> None:
        from ..core.errors import UserError
        from ..scenario.loading import load_scenario
        from .messages import ExpMsg

        if policies is not None and not policies:
            raise UserError(ExpMsg.no_policy())
        if replications is not None and replications < 1:
            raise UserError(ExpMsg.replications(n=replications))
        overrides = {k: v for k, v in (("replications", replications), ("years", years),
                                        ("seed", seed)) if v is not None}
        self.scenario = load_scenario(scenario, overrides)
        if executor not in EXECUTORS:
            raise UserError(ExpMsg.not_a_choice(option="--executor", value=executor,
                                             known=", ".join(EXECUTORS)))
        if formats not in FORMATS:
            raise UserError(ExpMsg.not_a_choice(option="--format", value=formats,
                                             known=", ".join(FORMATS)))
        self.jobs, self.executor, self.formats = jobs, executor, formats
        if self.scenario.governments is not None:  # checked before anything runs
            from ..governments.members import default_shards, partition

            n = len(self.scenario.governments.members)
            self.shards = default_shards(n) if shards is None else shards
            partition(n, self.shards)
        elif shards not in (None, 1):
            from ..scenario.messages_governments import GovMsg

            raise UserError(GovMsg.not_governments(what="--shards",
                                                   scenario=repr(self.scenario.name)))
        else:
            self.shards = 1
        self.scheduler, self.scheduler_timeout = scheduler, scheduler_timeout
        self.results: list[RunResult] = []
        self.wall_seconds = 0.0
        self.arms = dict(arms or {})
        self.own_policy = policies is None
        if self.own_policy:  # the scenario's setting as it stands, nothing to pair with
            self.policies, self.baseline = [self.scenario.policy_label], None
            return
        # every name is checked, and turned into the label its runs will carry
        # ('anticipation + balancing' -> 'anticipation+balancing', 'balancing+none' ->
        # 'balancing'), before anything runs
        labels = [self.label(spec) for spec in policies]
        seen: dict[str, str] = {}
        for spec, label in zip(policies, labels, strict=True):
            if label in seen and seen[label] != spec.strip():
                raise UserError(ExpMsg.same_policy_twice(first=seen[label], second=spec.strip(),
                                                      label=label))
            seen.setdefault(label, spec.strip())
        self.policies = list(dict.fromkeys(labels))
        self.baseline = self.label(baseline) if baseline else self.policies[0]
        if self.baseline not in self.policies:
            raise UserError(ExpMsg.baseline_not_compared(baseline=baseline,
                                                      policies=", ".join(self.policies)))

    def label(self, spec: str) -> str:
        """The label runs of policy `spec` carry (validated against the scenario)."""
        from ..policies import make_policies
        from ..scenario.loading import load_scenario

        if spec in self.arms:
            return spec
        if self.scenario.governments is not None:  # the round's policies and each one's
            from ..governments.members import members, own_policy
            from ..governments.outputs import policy_label

            names = policy_setting(spec)
            names = [names] if isinstance(names, str) else names
            own = own_policy(names)
            first = members(self.scenario)[0].scenario  # each government checks its own
            make_policies(load_scenario(first, {"policy": own}))
            return policy_label(self.scenario, names)

        scenario = load_scenario(self.scenario, {"policy": policy_setting(spec)})
        return "+".join(name for name, _ in make_policies(scenario)) or "none"

    def run(self, quiet: bool = True) -> list[RunResult]:
        """Run every policy x replication; return the results (all kept, see `run_and_write`)."""
        t0 = time.perf_counter()
        self.results = list(self._stream(quiet))
        self.wall_seconds = time.perf_counter() - t0
        return self.results

    def write(self, out, lang: str = "id", overwrite: bool = False) -> pd.DataFrame:
        """Write the results folder of `run`; return its summary (paired against the baseline)."""
        from ..reporting.outputs import write_results

        return write_results(out, self.scenario, self.results, self.scenario.seed,
                             self.wall_seconds, lang=lang, overwrite=overwrite,
                             baseline=self.baseline, extra_meta=self._meta(),
                             formats=self.formats).summary

    def run_and_write(self, out, lang: str = "id", overwrite: bool = False,
                      quiet: bool = True, extras: Any = None) -> Written:
        """Run every policy x replication and write the results folder as the runs finish.

        Each run is written and let go as soon as it and those before it are done, so
        the memory does not grow with the number of runs (`self.results` stays empty);
        the folder is the one `run` then `write` give. What `run_sim.py run` and
        `compare` do. `extras(folder, written)` writes more files into the folder
        before it is finished (see `write_results`).
        """
        from ..reporting.outputs import write_results

        runs = self._stream(quiet)
        if self.scenario.governments is not None:  # each government's tables beside
            from ..governments.files import GovernmentTables

            tables = GovernmentTables(self.scenario, self.baseline, self.formats, lang)
            runs, extras = tables.tap(runs), tables.extras(extras)
        written = write_results(out, self.scenario, runs, self.scenario.seed,
                                lang=lang, overwrite=overwrite, baseline=self.baseline,
                                extra_meta=self._meta(), formats=self.formats,
                                runs=(self.scenario.replications * len(self.policies)
                                      * csv_weight(self.scenario)),
                                extras=extras)
        self.wall_seconds = written.wall_seconds
        return written

    def _stream(self, quiet: bool) -> Iterator[RunResult]:
        """The runs of every policy x replication, in order (`stream_replications`)."""
        policies = None if self.own_policy else [
            self.arms[p] if p in self.arms else policy_setting(p) for p in self.policies]
        return stream_replications(self.scenario, jobs=self.jobs, quiet=quiet,
                                   policies=policies, executor=self.executor,
                                   scheduler=self.scheduler,
                                   scheduler_timeout=self.scheduler_timeout,
                                   formats=self.formats, shards=self.shards)

    def _meta(self) -> dict[str, Any]:
        """What meta.json says of the experiment besides the runs."""
        meta = {"jobs": self.jobs, "executor": self.executor, "scheduler": self.scheduler}
        if self.scenario.governments is not None:
            meta["shards"] = self.shards
        if not self.own_policy:
            meta |= {"baseline": self.baseline, "policies_compared": self.policies}
        return meta
