"""Where runs run: in this process, on a local process pool, or on a Dask cluster.

`execute(fn, tasks, ...)` calls `fn(*task)` for every task and yields `(index,
result)` as each finishes (in task order when serial). Every task carries its own
seed, so the numbers do not depend on the executor or the number of jobs. Tasks are
handed out a few at a time (`_window`), so the results held at once, here or on the
cluster, do not grow with the number of tasks. Used by `stream_replications` (run,
compare, sweep, calibration) and by sensitivity analysis. A study that runs batch after
batch (a policy search's generations) keeps its `Workers` between the batches.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator
from itertools import islice
from typing import Any

from ..core.errors import UserError
from ..governments.messages import ClusterMsg
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
    serial = in_process(executor, jobs, len(tasks), scheduler)
    with Workers(jobs, "serial" if serial else executor, scheduler, scheduler_timeout,
                 shared) as workers:
        yield from workers.map(fn, tasks, serial_kwargs)


class Workers:
    """Where a study's batches run, kept between batches (a generation of a search).

    A context manager: the Dask client is started on entry, the local pool at its first
    batch, and either is closed on exit; `map(fn, tasks)` runs one batch and yields
    `(i, result)` as each task finishes (in task order when serial).
    """

    def __init__(self, jobs: int = 1, executor: str = "pool", scheduler: str | None = None,
                 scheduler_timeout: float = 10.0, shared: tuple = ()) -> None:
        if executor not in EXECUTORS:
            raise UserError(ExpMsg.not_a_choice(option="--executor", value=executor,
                                             known=", ".join(EXECUTORS)))
        self.jobs, self.shared = max(int(jobs), 1), shared
        self.kind = "dask" if executor == "dask" or scheduler else (
            "serial" if executor == "serial" or self.jobs <= 1 else "pool")
        self.scheduler, self.timeout = scheduler, scheduler_timeout
        self._pool: Any = None
        self._client: Any = None
        self._cluster: Any = None
        self._scattered: tuple = ()

    def __enter__(self) -> Workers:
        if self.kind == "dask":
            self._start_dask()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        """Stop the pool or the Dask client (tasks not yet started are cancelled)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    def map(self, fn: Callable, tasks: list[tuple],
            serial_kwargs: dict[str, Any] | None = None) -> Iterator[tuple[int, Any]]:
        """Yield `(i, fn(*shared, *tasks[i]))` for every task of this batch as it finishes."""
        if self.kind == "serial":
            for i, task in enumerate(tasks):
                yield i, fn(*self.shared, *task, **(serial_kwargs or {}))
        elif self.kind == "pool":
            yield from self._map_pool(fn, tasks)
        else:
            yield from self._map_dask(fn, tasks)

    def _map_pool(self, fn: Callable, tasks: list[tuple]) -> Iterator[tuple[int, Any]]:
        """Local processes (spawned: the same start on every platform)."""
        from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

        if self._pool is None:
            ctx = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(max_workers=self.jobs, mp_context=ctx,
                                             initializer=_share, initargs=(self.shared,))
        pool = self._pool
        queued = iter(enumerate(tasks))
        running: dict[Any, int] = {}
        try:
            while True:
                for i, task in islice(queued, _window(self.jobs) - len(running)):
                    running[pool.submit(_with_shared, fn, *task)] = i
                if not running:
                    return
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                finished = sorted((running.pop(fut), fut) for fut in done)
                del done
                for i, task in islice(queued, _window(self.jobs) - len(running)):  # busy
                    running[pool.submit(_with_shared, fn, *task)] = i
                while finished:
                    i, fut = finished.pop(0)
                    yield i, fut.result()
        except BaseException:
            self.close()  # an error or Ctrl-C: the tasks not yet started are cancelled
            raise

    def _start_dask(self) -> None:
        """A LocalCluster of `jobs` single-threaded workers, or the cluster at `scheduler`."""
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise UserError(ClusterMsg.dask_missing()) from None
        try:
            if self.scheduler:
                self._client = Client(self.scheduler, timeout=f"{self.timeout}s")
            else:
                self._cluster = LocalCluster(n_workers=self.jobs, threads_per_worker=1,
                                             processes=True,
                                             dashboard_address=":0")  # any free port
                self._client = Client(self._cluster)
        except (OSError, TimeoutError, ValueError, TypeError) as exc:
            self.close()
            raise UserError(ClusterMsg.scheduler_unreachable(scheduler=self.scheduler,
                                                      timeout=self.timeout,
                                                      why=str(exc))) from None
        try:
            if self.shared:
                self._scattered = tuple(self._client.scatter(list(self.shared),
                                                             broadcast=True))
        except BaseException:
            self.close()  # `__exit__` does not run when `__enter__` fails
            raise

    def _map_dask(self, fn: Callable, tasks: list[tuple]) -> Iterator[tuple[int, Any]]:
        from dask.distributed import as_completed

        client = self._client
        workers = len(client.scheduler_info().get("workers", {}))
        window = _window(max(self.jobs, workers))
        queued = iter(enumerate(tasks))
        index: dict[str, int] = {}
        running = as_completed()
        for i, task in islice(queued, window):
            fut = client.submit(fn, *self._scattered, *task, pure=False)
            index[fut.key] = i
            running.add(fut)
        for fut in running:
            result = fut.result()
            i = index.pop(fut.key)
            fut.release()  # the cluster lets the result go too
            for j, task in islice(queued, 1):
                nxt = client.submit(fn, *self._scattered, *task, pure=False)
                index[nxt.key] = j
                running.add(nxt)
            yield i, result


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
