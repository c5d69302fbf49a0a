"""Write a results folder atomically: scenario, meta, time series, summary, units, figures.

Writers only: the statistics come from `model.results.analysis`, the runs from
`model.results.run`. The runs' large tables are written as the runs arrive and each
run is then let go (`reporting.streams`), so writing 1,000 runs does not hold them all.

Everything is written into a hidden temporary folder beside the target and renamed
into place at the end, so a crash never leaves a folder that looks finished. An
existing results folder is never replaced unless the caller says so explicitly.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import sys
import time
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..core.errors import UserError
from ..core.machine import machine_info
from ..results.analysis import combine_tallies, summarise
from ..results.audit import audit_table
from ..results.run import FLOAT_FORMAT, RunResult, arrow_table, wants_csv, wants_parquet
from ..scenario.loading import dump_scenario
from .messages_outputs import OutputMsg
from .report_text import report_file
from .streams import ParquetStream, RunStreams

if TYPE_CHECKING:
    import pyarrow as pa

    from ..scenario.scenario import Scenario

PACKAGES = ("mutasi", "mesa", "numpy", "pandas", "scipy", "matplotlib", "pydantic", "pyyaml",
            "threadpoolctl", "jinja2", "pyarrow", "salib", "numba")


def versions() -> dict[str, str]:
    """Versions of Python and the packages a run depends on."""
    out = {"python": platform.python_version()}
    for pkg in PACKAGES:
        try:
            out[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            out[pkg] = "not installed"
    return out


def check_out_dir(out: Path, overwrite: bool = False) -> None:
    """Refuse to reuse an existing results folder unless `overwrite` is set."""
    if out.exists() and not overwrite:
        raise UserError(OutputMsg.results_exist(out=out))
    check_parent(out)


def check_parent(out: Path) -> None:
    """`out` is a folder or can become one: its parent can be created and written to."""
    if out.exists() and not out.is_dir():
        raise UserError(OutputMsg.out_not_folder(out=out))
    parent = out.resolve().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(OutputMsg.out_cannot_create(out=out, parent=parent,
                                              why=str(exc.strerror or exc))) from None
    if not os.access(parent, os.W_OK | os.X_OK):
        raise UserError(OutputMsg.out_not_writable(out=out, parent=parent))


@contextmanager
def atomic_dir(out: Path, overwrite: bool = False):
    """Yield a temporary folder that becomes `out` only if the block succeeds."""
    out = Path(out)
    check_out_dir(out, overwrite)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.parent / f".{out.name}.partial-{os.getpid()}"
    if tmp.exists():
        shutil.rmtree(tmp)
    try:  # a folder the system refuses however its rights read (e.g. under /proc)
        tmp.mkdir()
    except OSError as exc:
        raise UserError(OutputMsg.out_cannot_create(out=out, parent=out,
                                                    why=str(exc.strerror or exc))) from None
    try:
        yield tmp
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if out.exists():
        check_out_dir(out, overwrite)
        old = out.parent / f".{out.name}.old-{os.getpid()}"
        out.rename(old)
        tmp.rename(out)
        shutil.rmtree(old, ignore_errors=True)
    else:
        tmp.rename(out)


def write_csv(df: pd.DataFrame, path: Path) -> None:
    """CSV with a fixed float format, so identical runs give identical bytes."""
    df.to_csv(path, index=False, float_format=FLOAT_FORMAT, lineterminator="\n")


def write_parquet(path: Path, tables: Iterable[pa.Table]) -> None:
    """One Parquet file from tables of one schema (each run's), in large row groups.

    zstd-compressed; the bytes depend only on the rows and the pyarrow version
    (`streams.ParquetStream`).
    """
    stream = ParquetStream(path)
    try:
        for table in tables:
            stream.add(table, table.num_rows)
    finally:
        stream.close()


@dataclass
class Written:
    """What writing a results folder gives back besides its files.

    Attributes:
        summary: The summary table (`summary.csv`, full precision).
        transfers: The transfer log's tally (`results.analysis.tally_transfers`).
        runs: The number of runs written.
        wall_seconds: The seconds the runs took to arrive (as meta.json says).
    """

    summary: pd.DataFrame
    transfers: pd.DataFrame
    runs: int
    wall_seconds: float
    audit: pd.DataFrame | None = None


def write_run(out: Path, scenario: Scenario, results: list[RunResult], seed: int,
              wall_seconds: float, **options: Any) -> pd.DataFrame:
    """Write the results folder for a finished set of replications; return the summary.

    The options are those of `write_results`.
    """
    return write_results(out, scenario, results, seed, wall_seconds, **options).summary


def write_results(
    out: Path,
    scenario: Scenario,
    results: Iterable[RunResult],
    seed: int,
    wall_seconds: float | None = None,
    lang: str = "id",
    overwrite: bool = False,
    figures: bool = True,
    extra_meta: dict[str, Any] | None = None,
    baseline: str | None = None,
    formats: str = "auto",
    runs: int | None = None,
    extras: Callable[[Path, Written], None] | None = None,
) -> Written:
    """Write a results folder from its runs, each written and let go as it arrives.

    `results` is a list, or an iterator of the runs in the folder's order (policy, then
    replication) while they are still running, with `runs` their number: then nothing
    of a run is kept once its large tables are written (`streams.RunStreams`), and
    `wall_seconds` (None) is measured until the last run arrives. The large tables (time
    series, yearly needs map, transfer log) are written as Parquet and/or CSV as
    `formats` says (`model.results.run.FORMATS`); CSV copies of the needs map and the
    log need runs made with CSV rows (`run_one(csv=True)`). `extras(folder, written)`
    writes a command's own files into the folder (`evaluate`'s workbook) once the
    tables are written and before meta.json and the report, so they list it and a
    failure leaves no finished-looking folder.
    """
    t0 = time.perf_counter()
    if runs is None and not isinstance(results, list):
        results = list(results)
    if isinstance(results, list):
        runs = len(results)
        csv = wants_csv(formats, runs) and all(r.units_csv for r in results)
    else:
        csv = wants_csv(formats, runs or 0)
    with atomic_dir(out, overwrite) as tmp:
        streams = RunStreams(tmp, parquet=wants_parquet(formats) or not csv, csv=csv)
        try:
            for result in results:
                streams.add(result)
                del result
        finally:
            streams.close()
        if wall_seconds is None:
            wall_seconds = time.perf_counter() - t0
        ts = streams.timeseries()
        summary = summarise(ts, baseline)
        (tmp / "scenario.yaml").write_text(dump_scenario(scenario), encoding="utf-8")
        write_csv(summary, tmp / "summary.csv")
        if streams.parquet:
            write_parquet(tmp / "timeseries.parquet", [arrow_table(ts)])
        if csv:
            write_csv(ts, tmp / "timeseries.csv")
        tally = combine_tallies(streams.tallies)
        audit = None
        if streams.audits:  # who bore the planned moves (results.audit)
            audit = audit_table(streams.audits, scenario.mutation.audit)
            if len(audit):  # not when no policy planned a move (the status quo alone)
                write_csv(audit, tmp / "audit.csv")
        if extras is not None:
            extras(tmp, Written(summary, tally, streams.runs, wall_seconds, audit))
        if figures:
            from .figures import draw_all

            units = streams.unit_loads()
            draw_all(tmp, lang=lang, frames=(ts, units, summary),
                     start_year=scenario.start_year)
        meta = {
            "scenario": scenario.name,
            "policies": sorted(streams.policies),
            "seed": seed,
            "replications": len(streams.seeds),
            "replication_seeds": streams.seeds,
            "years": scenario.years,
            "start_year": scenario.start_year,
            "command": " ".join([Path(sys.argv[0]).name, *sys.argv[1:]]),
            "wall_seconds": round(wall_seconds, 3),
            "finished_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "versions": versions(),
            "platform": platform.platform(),
            "machine": machine_info(),
            "files": sorted([p.name for p in tmp.iterdir()] + ["meta.json"]
                            + ([report_file(lang)] if figures else [])),
            **(extra_meta or {}),
        }
        (tmp / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
        if figures:  # the report embeds the figures; it reads the folder's own files
            from .report import write_report

            write_report(tmp, lang, transfers=tally)
    return Written(summary, tally, streams.runs, wall_seconds, audit)
