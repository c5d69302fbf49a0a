"""Run replications of a scenario, serially or on a local process pool.

Replication r gets seed `replication_seeds(seed, R)[r]` whatever the policy or the
number of jobs, so results do not depend on how the work was spread (and policies
compared later are paired by replication). Results come back ordered by replication.
"""

from __future__ import annotations

import multiprocessing
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass

import pandas as pd
from tqdm import tqdm

from .params import Scenario
from .rng import replication_seeds


@dataclass
class RunResult:
    """What one replication returns: monthly metrics and the yearly needs map."""

    replication: int
    seed: int
    policy: str
    timeseries: pd.DataFrame
    units: pd.DataFrame
    wall_seconds: float = 0.0
    transfers: pd.DataFrame | None = None


def run_one(scenario: Scenario, replication: int, seed: int, policy: str | None = None,
            progress: tqdm | None = None) -> RunResult:
    """Build and run one replication; return its tables tagged with replication and policy."""
    from .model import WorkforceModel

    t0 = time.perf_counter()
    model = WorkforceModel(scenario, rng=seed, policy=policy)
    model.run(progress)
    ts = model.timeseries()
    start = scenario.start_year * 12
    ts.insert(0, "date", [f"{(start + m - 1) // 12}-{(start + m - 1) % 12 + 1:02d}"
                          if m else f"{scenario.start_year}-01" for m in ts["month"]])
    ts.insert(0, "policy", model.policy_name)
    ts.insert(0, "replication", replication)
    units = pd.concat(model.unit_snapshots, ignore_index=True)
    units.insert(0, "policy", model.policy_name)
    units.insert(0, "replication", replication)
    # `policy` in the log is who proposed the move (a policy or `request`);
    # `run_policy` is the run's policy setting, as in the other files
    transfers = model.transfer_log.frame(model)
    transfers.insert(0, "run_policy", model.policy_name)
    transfers.insert(0, "replication", replication)
    return RunResult(replication, seed, model.policy_name, ts, units,
                     time.perf_counter() - t0, transfers=transfers)


def _run_task(args: tuple) -> RunResult:
    return run_one(*args)


def run_replications(
    scenario: Scenario,
    replications: int | None = None,
    seed: int | None = None,
    jobs: int = 1,
    policies: list[str] | None = None,
    quiet: bool = False,
) -> list[RunResult]:
    """Run R replications of each policy; return results ordered by policy, replication."""
    reps = replications or scenario.replications
    seeds = replication_seeds(scenario.seed if seed is None else seed, reps)
    policies = policies or [None]  # None: the scenario's own policy setting
    tasks = [(scenario, r, seeds[r], pol) for pol in policies for r in range(reps)]
    months = scenario.years * 12
    bar = tqdm(total=len(tasks) * months, unit="month", desc="simulating",
               disable=quiet, delay=2.0, leave=False)
    results: list[RunResult] = []
    try:
        if jobs <= 1 or len(tasks) == 1:
            for task in tasks:
                results.append(run_one(*task, progress=bar))
        else:
            ctx = multiprocessing.get_context("spawn")
            with ProcessPoolExecutor(max_workers=min(jobs, len(tasks)), mp_context=ctx) as pool:
                futures = [pool.submit(_run_task, task) for task in tasks]
                for fut in as_completed(futures):
                    results.append(fut.result())
                    bar.update(months)
    finally:
        bar.close()
    order = {name: i for i, name in enumerate(dict.fromkeys(r.policy for r in results))}
    if policies != [None]:
        order = {p: i for i, p in enumerate(policies)}
    return sorted(results, key=lambda r: (order.get(r.policy, 0), r.replication))
