"""One replication of a region of regions as the tables a results folder holds.

The folder's usual files describe the whole scenario as one region: `timeseries` is
the scenario's aggregate (every metric as `aggregate.combine` defines it for a group,
plus the moves between governments), the needs map and the transfer log hold every
government's units and proposals with a `government` column, units numbered across
governments (the first government's 0..n-1, the next one's after them). Beside them,
`governments` holds the same monthly record for every government and province
(`level`: government, province or all) and `moves_between` the round's log: every
person sent from one government to another, and what became of it.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import numpy as np

from . import aggregate
from .runner import ALL, run_governments

if TYPE_CHECKING:
    import pandas as pd

    from ..results.run import RunResult
    from ..scenario.scenario import Scenario
    from .runner import GovernmentsRun

def run_one_governments(scenario: Scenario, replication: int, seed: int,
                        policy: str | list[str] | None = None, csv: bool = True,
                        shards: int = 1, backend: str = "auto", scheduler: str | None = None,
                        timeout: float = 10.0, progress=None) -> RunResult:
    """Build and run one replication of `scenario` on `shards` shards; return its tables.

    `backend`, `scheduler` and `timeout` place the shards (`runner.run_governments`).
    """
    from ..results.analysis import tally_transfers
    from ..results.run import RunResult, arrow_bytes, csv_rows, from_arrow

    t0 = time.perf_counter()
    names = None if policy is None else ([policy] if isinstance(policy, str) else policy)
    run = run_governments(scenario, seed, names, shards=shards, backend=backend,
                          scheduler=scheduler, timeout=timeout)
    label = policy_label(scenario, names)
    ts = frame(run.records[ALL], scenario, replication, label)
    governments = groups_frame(run, scenario, replication, label)
    run.records.clear()  # in the two frames now (a nation's: ~70,000 records a run)
    (units, rows, loads), transfers, moves = tables(run, replication, label, consume=True)
    run_audits, vocab = run.audits, run.members[0].scenario.region.vocabulary
    edges_of = {i: e for part in run.shard_results for i, e in part["audit_edges"].items()}
    del run  # the shards' tables: the needs map now lives in `units` alone
    if progress is not None:
        progress.update(scenario.years * 12)
    return RunResult(replication, seed, label, arrow_bytes(ts), arrow_bytes(loads),
                     time.perf_counter() - t0, units_arrow=units,
                     transfers_arrow=arrow_bytes(transfers),
                     units_csv=csv_rows(from_arrow(units).to_pandas()) if csv else b"",
                     transfers_csv=csv_rows(transfers) if csv else b"",
                     units_rows=rows, transfers_rows=len(transfers),
                     counts=tally_transfers(transfers), audit=_audit(run_audits, edges_of,
                                                                     vocab.families),
                     governments_arrow=arrow_bytes(governments),
                     moves_arrow=arrow_bytes(moves))


def _audit(audits: dict[int, dict | None], edges: dict[int, tuple],
           families: list[str]) -> pd.DataFrame | None:
    """Who bore the planned moves of the governments' own rounds, summed (`audit.csv`).

    The groups are the same codes in every government (sex, age band, distance band,
    performance quartile of its own staff, ...); the bands are the first government's.
    Moves between governments are not in it (`moves_between` lists each).
    """
    from ..results.audit import run_audit

    tally = aggregate.summed_tally([a for a in audits.values() if a is not None])
    if tally is None or not edges:
        return None
    tally.age_edges, tally.km_edges, tally.perf_edges = edges[min(edges)]
    return run_audit(tally, families)


def policy_label(scenario: Scenario, names: list[str] | None) -> str:
    """The label runs of this arm carry ('none', 'redistribution', 'balancing+...')."""
    if names is None:
        return scenario.policy_label
    kept = [n for n in names if n != "none"]
    return "+".join(kept) or "none"


def frame(records: list[dict], scenario: Scenario, replication: int,
          label: str) -> pd.DataFrame:
    """Monthly records as a time series like a one-government run's."""
    import pandas as pd

    from ..reporting.style import month_dates

    df = pd.DataFrame.from_records(records)
    df.insert(0, "month", np.arange(len(df)))
    df.insert(0, "date", month_dates(df["month"], scenario.start_year))
    df.insert(0, "policy", label)
    df.insert(0, "replication", replication)
    return df


def groups_frame(run: GovernmentsRun, scenario: Scenario, replication: int,
                 label: str) -> pd.DataFrame:
    """Every group's monthly records: each government, each province, the whole."""
    import pandas as pd

    parts = []
    by_name = {m.name: m for m in run.members}
    for name, records in run.records.items():
        df = frame(records, scenario, replication, label)
        if name == ALL:
            level, gov, province = "all", "", ""
        elif name.startswith("provinsi:"):
            level, gov, province = "province", "", name.removeprefix("provinsi:")
        else:
            level, gov, province = "government", name, by_name[name].province
        df.insert(2, "province", province)
        df.insert(2, "government", gov)
        df.insert(2, "level", level)
        parts.append(df)
    return pd.concat(parts, ignore_index=True)


def _needs_map(units: dict[int, list[bytes]], offset: dict[int, int], replication: int,
               label: str, consume: bool = False) -> tuple[bytes, int, pd.DataFrame]:
    """Every government's yearly needs maps as one lz4 Arrow stream, a year at a time.

    Returns the stream, its rows and its units' loads (EJ) in its first and last months
    (what the figures read, `results.analysis.unit_loads`: a unit's rows lie in one
    government's year, so the loads of each are those of the whole). Only one
    government's year is decoded at once: a nation's map is about 4 million rows a
    replication, 300 MB compressed, 0.9 GB decoded and several GB as pandas text.
    """
    import pandas as pd
    import pyarrow as pa
    import pyarrow.compute as pc

    from ..results.analysis import UNIT_KEYS, unit_loads
    from ..results.run import from_arrow, write_options

    sink, writer, rows, parts, t = pa.BufferOutputStream(), None, 0, [], None
    try:
        for i in sorted(units):
            years = units.pop(i) if consume else units[i]
            for k in range(len(years)):
                t = from_arrow(years[k])
                if consume:
                    years[k] = b""  # let each year's bytes go once decoded
                at = t.schema.get_field_index("unit_id")
                t = t.set_column(at, "unit_id", pc.add(t.column(at), offset[i]))
                n = t.num_rows
                t = t.add_column(0, "policy", pa.array([label] * n, pa.string()))
                t = t.add_column(0, "replication", pa.array(np.full(n, replication, np.int64)))
                if writer is None:
                    writer = pa.ipc.new_stream(sink, t.schema, options=write_options("lz4"))
                writer.write_table(t)
                rows += n
                if k in (0, len(years) - 1):
                    parts.append(unit_loads(t.select([*UNIT_KEYS, "required_fte", "staff"])
                                            .to_pandas()))
    finally:
        if writer is not None:
            writer.close()
    data = sink.getvalue().to_pybytes()
    del sink, t
    pa.default_memory_pool().release_unused()  # the decoded years' memory back to the system
    loads = pd.concat(parts, ignore_index=True)
    months = loads["month"]
    return data, rows, loads[months.isin([months.min(), months.max()])].reset_index(drop=True)


def tables(run: GovernmentsRun, replication: int, label: str, consume: bool = False
           ) -> tuple:
    """The needs map (`_needs_map`), the transfer log and the moves between governments.

    `consume`: take the shards' needs maps and transfer logs out of `run` as they are
    used (a nation's are hundreds of MB; the run is not read again).
    """
    import pandas as pd

    names = [m.name for m in run.members]
    units, transfers, n_units, logs = {}, {}, {}, []
    for part in run.shard_results:
        units.update(part.pop("units") if consume else part["units"])
        transfers.update(part.pop("transfers") if consume else part["transfers"])
        n_units.update(part["n_units"])
        logs.append(part["moves"])
    # units numbered across governments (each government's after the ones before it),
    # in the needs map and the transfer log alike: a unit is one key in every file
    offset = dict(zip(sorted(n_units), np.cumsum([0, *(n_units[i] for i in
                                                      sorted(n_units))])[:-1].tolist(),
                      strict=True))
    needs = _needs_map(units, offset, replication, label, consume)  # (bytes, rows, loads)
    frames = []
    for i in sorted(transfers):
        df = transfers.pop(i) if consume else transfers[i].copy()
        for column in ("from_unit", "to_unit"):
            df[column] = df[column] + offset[i]
        df.insert(0, "government", names[i])
        frames.append(df)
    transfer_log = pd.concat(frames, ignore_index=True)
    transfer_log.insert(0, "run_policy", label)
    transfer_log.insert(0, "replication", replication)
    moves = pd.concat([pd.DataFrame(log) for log in logs], ignore_index=True)
    if len(moves):
        moves = moves.sort_values(["month", "from_government", "to_government",
                                   "employee_id"], kind="stable").reset_index(drop=True)
        for side in ("from_government", "to_government"):
            moves[side] = np.asarray(names, object)[moves[side].to_numpy(np.int64)]
    moves.insert(0, "run_policy", label)
    moves.insert(0, "replication", replication)
    return needs, transfer_log, moves
