"""Where runs run: in this process, on a local process pool, or on a Dask cluster.

`execute(fn, tasks, ...)` calls `fn(*task)` for every task and yields `(index,
result)` as each finishes (in task order when serial). Every task carries its own
seed, so the numbers do not depend on the executor or the number of jobs. Used by
`run_replications` (run, compare, sweep, calibration) and by sensitivity analysis.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Any

from ..core.errors import UserError
from .messages import ExpMsg

EXECUTORS = ("serial", "pool", "dask")


def execute(fn: Callable, tasks: list[tuple], jobs: int = 1, executor: str = "pool",
            scheduler: str | None = None, scheduler_timeout: float = 10.0,
            serial_kwargs: dict[str, Any] | None = None) -> Iterator[tuple[int, Any]]:
    """Yield `(i, fn(*tasks[i]))` for every task as it finishes.

    `executor`: "serial", "pool" (local processes, spawned; serial when `jobs` is 1)
    or "dask" (a LocalCluster of `jobs` workers, or the cluster at `scheduler`).
    `serial_kwargs` are passed to `fn` only when it runs in this process (e.g. a
    progress bar that cannot travel to another process). Stopping the iteration
    early (an error, Ctrl-C) cancels the tasks not yet started.
    """
    if executor not in EXECUTORS:
        raise UserError(ExpMsg.not_a_choice(option="--executor", value=executor,
                                         known=", ".join(EXECUTORS)))
    if executor == "dask" or scheduler:
        yield from _dask(fn, tasks, jobs, scheduler, scheduler_timeout)
    elif in_process(executor, jobs, len(tasks), scheduler):
        for i, task in enumerate(tasks):
            yield i, fn(*task, **(serial_kwargs or {}))
    else:
        yield from _pool(fn, tasks, jobs)


def in_process(executor: str, jobs: int, n_tasks: int, scheduler: str | None = None) -> bool:
    """Whether `execute` runs the tasks in this process (one after the other)."""
    return not scheduler and executor != "dask" and (
        executor == "serial" or jobs <= 1 or n_tasks <= 1)


def _pool(fn: Callable, tasks: list[tuple], jobs: int) -> Iterator[tuple[int, Any]]:
    """Local processes (spawned: the same start on every platform)."""
    ctx = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=min(jobs, len(tasks)), mp_context=ctx)
    try:
        futures = {pool.submit(fn, *task): i for i, task in enumerate(tasks)}
        for fut in as_completed(futures):
            yield futures[fut], fut.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _dask(fn: Callable, tasks: list[tuple], jobs: int, scheduler: str | None,
          timeout: float) -> Iterator[tuple[int, Any]]:
    """A LocalCluster of `jobs` single-threaded workers, or the cluster at `scheduler`."""
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise UserError(ExpMsg.dask_missing()) from None
    cluster = None
    try:
        if scheduler:
            client = Client(scheduler, timeout=f"{timeout}s")
        else:
            cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                   dashboard_address=":0")  # dashboard on any free port
            client = Client(cluster)
    except (OSError, TimeoutError, ValueError, TypeError) as exc:
        if cluster is not None:
            cluster.close()
        raise UserError(ExpMsg.scheduler_unreachable(scheduler=scheduler, timeout=timeout,
                                                  why=str(exc))) from None
    try:
        futures = [client.submit(fn, *task, pure=False) for task in tasks]
        index = {f.key: i for i, f in enumerate(futures)}
        for fut in as_completed(futures):
            yield index[fut.key], fut.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
