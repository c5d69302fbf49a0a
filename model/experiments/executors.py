"""Where runs run: in this process, on a local process pool, or on a Dask cluster.

`execute(fn, tasks, ...)` calls `fn(*task)` for every task and yields `(index,
result)` as each finishes (in task order when serial). Every task carries its own
seed, so the numbers do not depend on the executor or the number of jobs. Tasks are
handed out a few at a time (`_window`), so the results held at once, here or on the
cluster, do not grow with the number of tasks. Used by `stream_replications` (run,
compare, sweep, calibration) and by sensitivity analysis.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator
from itertools import islice
from typing import Any

from ..core.errors import UserError
from .messages import ExpMsg

EXECUTORS = ("serial", "pool", "dask")


def execute(fn: Callable, tasks: list[tuple], jobs: int = 1, executor: str = "pool",
            scheduler: str | None = None, scheduler_timeout: float = 10.0,
            serial_kwargs: dict[str, Any] | None = None,
            shared: tuple = ()) -> Iterator[tuple[int, Any]]:
    """Yield `(i, fn(*shared, *tasks[i]))` for every task as it finishes.

    `executor`: "serial", "pool" (local processes, spawned; serial when `jobs` is 1)
    or "dask" (a LocalCluster of `jobs` workers, or the cluster at `scheduler`).
    `shared`: the arguments every task begins with (e.g. the scenario), sent to each
    worker once instead of with every task. `serial_kwargs` are passed to `fn` only
    when it runs in this process (e.g. a progress bar that cannot travel to another
    process). Stopping the iteration early (an error, Ctrl-C) cancels the tasks not
    yet started.
    """
    if executor not in EXECUTORS:
        raise UserError(ExpMsg.not_a_choice(option="--executor", value=executor,
                                         known=", ".join(EXECUTORS)))
    if executor == "dask" or scheduler:
        yield from _dask(fn, tasks, jobs, scheduler, scheduler_timeout, shared)
    elif in_process(executor, jobs, len(tasks), scheduler):
        for i, task in enumerate(tasks):
            yield i, fn(*shared, *task, **(serial_kwargs or {}))
    else:
        yield from _pool(fn, tasks, jobs, shared)


def in_process(executor: str, jobs: int, n_tasks: int, scheduler: str | None = None) -> bool:
    """Whether `execute` runs the tasks in this process (one after the other)."""
    return not scheduler and executor != "dask" and (
        executor == "serial" or jobs <= 1 or n_tasks <= 1)


def _window(jobs: int) -> int:
    """Tasks handed out at a time: enough to keep every worker busy, few results waiting.

    Results are yielded as they finish; with the tasks handed out a few at a time, a
    result waiting for an earlier, slower one (`stream_replications` yields in order)
    waits beside a handful of others, not beside every task of the study.
    """
    return 4 * max(jobs, 1)


_SHARED: tuple = ()  # in a pool's worker: the arguments every task begins with


def _share(shared: tuple) -> None:
    """A pool worker's start: keep the shared arguments."""
    global _SHARED
    _SHARED = shared


def _with_shared(fn: Callable, *task: Any) -> Any:
    """In a pool's worker: `fn(*shared, *task)`."""
    return fn(*_SHARED, *task)


def _pool(fn: Callable, tasks: list[tuple], jobs: int,
          shared: tuple = ()) -> Iterator[tuple[int, Any]]:
    """Local processes (spawned: the same start on every platform)."""
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    ctx = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=min(jobs, len(tasks)), mp_context=ctx,
                               initializer=_share, initargs=(shared,))
    queued = iter(enumerate(tasks))
    running: dict[Any, int] = {}
    try:
        while True:
            for i, task in islice(queued, _window(jobs) - len(running)):
                running[pool.submit(_with_shared, fn, *task)] = i
            if not running:
                return
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            finished = sorted((running.pop(fut), fut) for fut in done)
            del done
            for i, task in islice(queued, _window(jobs) - len(running)):  # keep them busy
                running[pool.submit(_with_shared, fn, *task)] = i
            while finished:
                i, fut = finished.pop(0)
                yield i, fut.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _dask(fn: Callable, tasks: list[tuple], jobs: int, scheduler: str | None,
          timeout: float, shared: tuple = ()) -> Iterator[tuple[int, Any]]:
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
        window = _window(max(jobs, len(client.scheduler_info().get("workers", {}))))
        shared = tuple(client.scatter(list(shared), broadcast=True)) if shared else ()
        queued = iter(enumerate(tasks))
        index: dict[str, int] = {}
        running = as_completed()
        for i, task in islice(queued, window):
            fut = client.submit(fn, *shared, *task, pure=False)
            index[fut.key] = i
            running.add(fut)
        for fut in running:
            result = fut.result()
            i = index.pop(fut.key)
            fut.release()  # the cluster lets the result go too
            for j, task in islice(queued, 1):
                nxt = client.submit(fn, *shared, *task, pure=False)
                index[nxt.key] = j
                running.add(nxt)
            yield i, result
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
