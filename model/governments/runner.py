"""One run of a region of regions: shards step their governments, meeting at rounds.

The governments are split into `shards` groups (`members.partition`, by size) that
step their months independently, each in its own process: local processes by default,
or Dask actors (workers that keep their shard's state between calls) on a cluster.
They meet only at the yearly round: summaries travel to the coordinator (this
process), orders back, and the released people's rows to the shards of their new
governments. Every government draws from its own seed, the coordinator decides in
government order and arrivals are ordered by (destination, source, row), so a run
gives the same bytes with 1, 2 or 4 shards, serial, local or on Dask.

Between rounds each shard buffers its governments' monthly records and parts; the
coordinator turns them into the records of each province and of the whole scenario
(`aggregate.combine`) at every meeting and lets the parts go.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from ..core.errors import UserError
from ..scenario.governments import split_policy
from ..scenario.messages_governments import GovMsg
from . import aggregate
from .exchange import Migrants
from .members import Member, members, partition, require_governments, weights
from .messages import ClusterMsg
from .round import Geography, decide

if TYPE_CHECKING:
    from ..scenario.scenario import Scenario

BACKENDS = ("auto", "serial", "process", "dask")
ALL = "__all__"  # the group of every government


@dataclass
class GovernmentsRun:
    """What one run of a region of regions gives.

    `records[group]` is one record per month (0 = the start) for each government (by
    name), each province (by the province's name, prefixed `provinsi:`) and the whole
    scenario (`ALL`); `shard_results` are the shards' own tables (`Shard.results`).
    """

    members: list[Member]
    records: dict[str, list[dict[str, float]]] = field(default_factory=dict)
    shard_results: list[dict[str, Any]] = field(default_factory=list)
    audits: dict[int, dict] = field(default_factory=dict)  # each one's latest audit tallies


def request_destinations(mem: list[Member]) -> dict[int, tuple[np.ndarray, np.ndarray]]:
    """Where each government's staff may ask to go, and the chance of each.

    The other governments of its province, in proportion to their size (target staff;
    assumption), or every other government when it is alone in its province.
    """
    size = np.array(weights(mem))
    province = np.array([m.province for m in mem], object)
    out = {}
    for m in mem:
        others = np.flatnonzero((province == m.province) & (np.arange(len(mem)) != m.index))
        if others.size == 0:
            others = np.flatnonzero(np.arange(len(mem)) != m.index)
        w = size[others]
        out[m.index] = (others.astype(np.int64), w / w.sum())
    return out


def groups_of(mem: list[Member]) -> dict[str, list[int]]:
    """The groups whose records are kept: each government, each province, the whole."""
    out: dict[str, list[int]] = {m.name: [m.index] for m in mem}
    for m in mem:
        out.setdefault(f"provinsi:{m.province}", []).append(m.index)
    out[ALL] = [m.index for m in mem]
    return out


def run_governments(scenario: Scenario, seed: int, policy: list[str] | None = None,
                    shards: int = 1, backend: str = "auto", scheduler: str | None = None,
                    record_units: bool = True, timeout: float = 10.0) -> GovernmentsRun:
    """Run `scenario` (with governments) for replication seed `seed` on `shards` shards.

    `policy`: the arm's policy names (None: the scenario's own setting); `timeout`:
    seconds to reach the Dask scheduler at `scheduler`.
    """
    coordinator = Coordinator(scenario, seed, policy, shards, backend, scheduler,
                              record_units, timeout)
    try:
        coordinator.advance(scenario.years * 12)
        return coordinator.finish()
    finally:
        coordinator.close()


class Coordinator:
    """The shards of one run and the rounds between them, advanced month by month.

    `advance(until)` steps every government to run month `until`, holding each round
    on the way; `finish()` gathers the shards' tables. The dashboard advances a year
    at a time; `run_governments` to the horizon at once.
    """

    def __init__(self, scenario: Scenario, seed: int, policy: list[str] | None = None,
                 shards: int = 1, backend: str = "auto", scheduler: str | None = None,
                 record_units: bool = True, timeout: float = 10.0) -> None:
        if backend not in BACKENDS:
            raise ValueError(f"backend {backend!r}: one of {BACKENDS}")
        self.scenario = scenario
        self.gov = gov = require_governments(scenario, "governments")
        mem = members(scenario)
        self.split = partition(len(mem), shards, weights(mem))
        names = policy if policy is not None else [
            e for e in scenario.policy_entries if isinstance(e, str)]
        self.redistribute = "redistribution" in split_policy(names)[1]
        kind = ("serial" if shards == 1 else "process") if backend == "auto" else backend
        self.pool = _start(kind, scenario, self.split, seed, policy,
                           request_destinations(mem), record_units, scheduler, timeout)
        try:
            self._setup(mem, gov)
        except BaseException:  # the shards are running: stop them
            self.pool.close()
            raise

    def _setup(self, mem: list[Member], gov) -> None:
        """The run's records, geography and rounds, and month 0's records."""
        scenario = self.scenario
        self.run = GovernmentsRun(mem)
        self.groups = groups_of(mem)
        self.run.records = {g: [] for g in self.groups}
        self.geo = Geography(np.array([m.x_km for m in mem]),
                             np.array([m.y_km for m in mem]),
                             np.unique([m.province for m in mem], return_inverse=True)[1])
        self.vocab = vocab = mem[0].scenario.region.vocabulary
        self.index = {m.name: m.index for m in mem}
        self.teacher_roles = [vocab.occ_index[o] for o in gov.redistribution.occupations
                              if o in vocab.occ_index]
        horizon, start = scenario.years * 12, scenario.start_year * 12
        self.rounds = [r for r in range(1, horizon + 1)
                       if (start + r - 1) % 12 + 1 == gov.round.month]
        self.month = 0
        self.combine_seconds = 0.0  # the coordinator's own work (a benchmark reports it)
        self._collect()  # month 0

    def advance(self, until: int) -> None:
        """Step every government to run month `until`, holding the rounds on the way."""
        for r in [r for r in self.rounds if self.month < r <= until]:
            self.pool.call_all("advance", r - 1)
            self._collect()
            self._round(r)
        self.pool.call_all("advance", until)
        self._collect()
        self.month = max(self.month, until)

    def _round(self, r: int) -> None:
        """The round of run month `r`: summaries in, orders out, people to their shards."""
        gov = self.gov
        summaries = sorted((s for part in self.pool.call_all(
            "summaries", r, gov.round.request_rate) for s in part), key=lambda s: s.index)
        year = (self.scenario.start_year * 12 + r - 1) // 12
        planned = [(self.index[p.from_], self.index[p.to], self.vocab.occ_index[p.role],
                    p.count) for p in gov.round.planned if p.year in (None, year)]
        orders = decide(summaries, self.geo, gov.round, gov.redistribution,
                        self.redistribute, self.teacher_roles, planned)
        released = Migrants.concat([m for m in self.pool.call_all("release", orders, r)
                                    if m is not None])
        arriving: dict[int, Migrants] = {}
        if released is not None:
            order = np.lexsort((released.source_row, released.source, released.target))
            released = released.take(order)
            for t in np.unique(released.target).tolist():
                arriving[t] = released.take(np.flatnonzero(released.target == t))
        self.pool.call_each("expect", [{t: a for t, a in arriving.items() if t in part}
                                       for part in self.split])

    def _collect(self) -> None:
        collected = self.pool.call_all("collect")
        t0 = time.perf_counter()
        _combine(self.run, self.groups, collected, self.scenario)
        self.combine_seconds += time.perf_counter() - t0

    def call(self, method: str, *args: Any) -> list[Any]:
        """Call `method` on every shard (in shard order); e.g. the dashboard's `now`."""
        return self.pool.call_all(method, *args)

    def finish(self) -> GovernmentsRun:
        """The run so far, with the shards' own tables."""
        self.run.shard_results = self.pool.call_all("results")
        return self.run

    def close(self) -> None:
        """Stop the shards."""
        self.pool.close()


def _combine(run: GovernmentsRun, groups: dict[str, list[int]],
             collected: list[dict[int, list]], scenario: Scenario) -> None:
    """Add the months just collected to every group's records (in government order)."""
    months: dict[int, list] = {}
    for part in collected:
        months.update(part)
    if not months or not next(iter(months.values())):
        return
    n = len(next(iter(months.values())))
    audits = run.audits
    for k in range(n):
        for i in sorted(months):
            record, part, audit = months[i][k]
            if audit is not None:
                audits[i] = audit
        for name, members_ in groups.items():
            if len(members_) == 1:
                rec = dict(months[members_[0]][k][0])
            else:
                rec = aggregate.combine([months[i][k][0] for i in members_],
                                        [months[i][k][1] for i in members_],
                                        [audits.get(i) for i in members_], scenario)
            run.records[name].append(rec)


# ---------------------------------------------------------------------- backends
def _start(kind: str, scenario, split, seed, policy, destinations, record_units,
           scheduler, timeout: float) -> _Pool:
    args = [(scenario, part, seed, policy, destinations, record_units) for part in split]
    if kind == "serial":
        return _Serial(args)
    if kind == "process":
        return _Processes(args)
    return _Dask(args, scheduler, timeout)


class _Pool:
    """Shards behind one interface: call a method on all (in parallel), get the results."""

    def call_all(self, method: str, *args: Any) -> list[Any]:
        return self.call_each(method, [args] * self.n, star=True)

    def call_each(self, method: str, args: list, star: bool = False) -> list[Any]:
        raise NotImplementedError

    def close(self) -> None:
        """Stop the shards' processes or actors."""


class _Serial(_Pool):
    """Every shard in this process (`--shards 1`, or a test)."""

    def __init__(self, args: list[tuple]) -> None:
        from .shard import Shard

        self.shards = [Shard(*a) for a in args]
        self.n = len(self.shards)

    def call_each(self, method: str, args: list, star: bool = False) -> list[Any]:
        return [getattr(s, method)(*(a if star else (a,))) for s, a in
                zip(self.shards, args, strict=True)]


def _serve(conn, args: tuple) -> None:
    """A shard's process: build the shard, then answer calls until told to stop."""
    from .shard import Shard

    try:
        shard = Shard(*args)
        conn.send(("ok", None))
    except BaseException as exc:  # noqa: BLE001 - sent to the coordinator, raised there
        conn.send(("error", exc))
        return
    while True:
        try:
            method, call_args = conn.recv()
        except (EOFError, OSError):  # the coordinator is gone: stop quietly
            return
        if method is None:
            return
        try:
            conn.send(("ok", getattr(shard, method)(*call_args)))
        except BaseException as exc:  # noqa: BLE001 - sent to the coordinator
            conn.send(("error", exc))


class _Processes(_Pool):
    """One local process per shard (spawned), holding its shard between calls."""

    def __init__(self, args: list[tuple]) -> None:
        ctx = multiprocessing.get_context("spawn")
        self.conns, self.procs = [], []
        for a in args:
            here, there = ctx.Pipe()
            proc = ctx.Process(target=_serve, args=(there, a), daemon=True)
            proc.start()
            self.conns.append(here)
            self.procs.append(proc)
        self.n = len(args)
        try:
            self._receive()
        except BaseException:  # a shard could not be built: stop the others too
            self.close()
            raise

    def _receive(self) -> list[Any]:
        out = []
        error = None
        for k, conn in enumerate(self.conns):
            try:
                status, value = conn.recv()
            except EOFError:  # the process died (out of memory, killed)
                self.close()
                raise UserError(GovMsg.shard_died(shard=k + 1, code=self.procs[k].exitcode,
                                                  n=len(self.conns))) from None
            if status == "error" and error is None:
                error = value
            out.append(value)
        if error is not None:
            raise error
        return out

    def call_each(self, method: str, args: list, star: bool = False) -> list[Any]:
        for conn, a in zip(self.conns, args, strict=True):
            conn.send((method, tuple(a) if star else (a,)))
        return self._receive()

    def close(self) -> None:
        for conn in self.conns:
            with contextlib.suppress(OSError):
                conn.send((None, ()))
        for proc in self.procs:
            proc.join(timeout=10)
            if proc.is_alive():
                proc.terminate()


class _Dask(_Pool):
    """One Dask actor per shard: a worker keeps the shard's state between calls."""

    def __init__(self, args: list[tuple], scheduler: str | None,
                 timeout: float = 10.0) -> None:
        from .shard import Shard

        self.cluster = self.client = None
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise UserError(ClusterMsg.dask_missing()) from None
        try:
            if scheduler:
                self.client = Client(scheduler, timeout=f"{timeout}s")
            else:
                self.cluster = LocalCluster(n_workers=len(args), threads_per_worker=1,
                                            processes=True, dashboard_address=":0")
                self.client = Client(self.cluster)
        except (OSError, TimeoutError, ValueError, TypeError) as exc:
            self.close()
            raise UserError(ClusterMsg.scheduler_unreachable(scheduler=scheduler,
                                                         timeout=timeout,
                                                         why=str(exc))) from None
        try:
            futures = [self.client.submit(Shard, *a, actor=True) for a in args]
            self.actors = [f.result() for f in futures]
        except BaseException:
            self.close()
            raise
        self.n = len(args)

    def call_each(self, method: str, args: list, star: bool = False) -> list[Any]:
        futures = [getattr(actor, method)(*(a if star else (a,)))
                   for actor, a in zip(self.actors, args, strict=True)]
        return [f.result() for f in futures]

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()
