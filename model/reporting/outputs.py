"""Write a results folder atomically: scenario, meta, time series, summary, units, figures.

Writers only: the statistics come from `model.results.analysis`, the runs from
`model.results.run`.

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
import zlib
from collections.abc import Iterable
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from ..core.errors import UserError
from ..core.machine import machine_info
from ..results.analysis import summarise
from ..results.run import (
    FLOAT_FORMAT,
    RunResult,
    arrow_table,
    from_arrow,
    wants_csv,
    wants_parquet,
)
from ..scenario.loading import dump_scenario
from ..scenario.scenario import Scenario
from .messages_outputs import OutputMsg
from .report_text import report_file

PACKAGES = ("mutasi", "mesa", "numpy", "pandas", "scipy", "matplotlib", "pydantic", "pyyaml",
            "threadpoolctl", "jinja2", "pyarrow", "salib")


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


def write_rows_csv(path: Path, columns: list[str], chunks: list[bytes]) -> None:
    """A CSV from rows each run formatted itself (`run.csv_rows`), header once."""
    with open(path, "wb") as f:
        f.write((",".join(columns) + "\n").encode())
        for chunk in chunks:
            f.write(zlib.decompress(chunk))


PARQUET_ROWS_PER_GROUP = 1_000_000  # row groups of about this many rows


def write_parquet(path: Path, tables: Iterable[pa.Table]) -> None:
    """One Parquet file from tables of one schema (each run's), in large row groups.

    zstd-compressed; the bytes depend only on the rows and the pyarrow version.
    """
    writer: pq.ParquetWriter | None = None
    buffered: list[pa.Table] = []
    rows = 0

    def flush() -> None:
        nonlocal writer, buffered, rows
        if not buffered:
            return
        table = pa.concat_tables(buffered)
        if writer is None:
            writer = pq.ParquetWriter(path, table.schema, compression="zstd")
        writer.write_table(table, row_group_size=PARQUET_ROWS_PER_GROUP)
        buffered, rows = [], 0

    try:
        for table in tables:
            buffered.append(table)
            rows += table.num_rows
            if rows >= PARQUET_ROWS_PER_GROUP:
                flush()
        flush()
    finally:
        if writer is not None:
            writer.close()


def write_run(
    out: Path,
    scenario: Scenario,
    results: list[RunResult],
    seed: int,
    wall_seconds: float,
    lang: str = "id",
    overwrite: bool = False,
    figures: bool = True,
    extra_meta: dict[str, Any] | None = None,
    baseline: str | None = None,
    formats: str = "auto",
) -> pd.DataFrame:
    """Write the results folder for a finished set of replications; return the summary.

    The large tables (time series, yearly needs map, transfer log) are written as
    Parquet and/or CSV as `formats` says (`model.results.run.FORMATS`); CSV copies of
    the needs map and the log need runs made with CSV rows (`run_one(csv=True)`).
    """
    ts = pd.concat([r.timeseries for r in results], ignore_index=True)
    edges = pd.concat([r.units for r in results], ignore_index=True)
    summary = summarise(ts, baseline)
    csv = wants_csv(formats, len(results)) and all(r.units_csv for r in results)
    with atomic_dir(out, overwrite) as tmp:
        (tmp / "scenario.yaml").write_text(dump_scenario(scenario), encoding="utf-8")
        write_csv(summary, tmp / "summary.csv")
        if wants_parquet(formats) or not csv:
            write_parquet(tmp / "timeseries.parquet", [arrow_table(ts)])
            write_parquet(tmp / "units.parquet", (from_arrow(r.units_arrow) for r in results))
            write_parquet(tmp / "transfers.parquet",
                          (from_arrow(r.transfers_arrow) for r in results))
        if csv:
            write_csv(ts, tmp / "timeseries.csv")
            write_rows_csv(tmp / "units.csv", list(edges.columns),  # the needs map's columns
                           [r.units_csv for r in results])
            write_rows_csv(tmp / "transfers.csv",
                           list(from_arrow(results[0].transfers_arrow).column_names),
                           [r.transfers_csv for r in results])
        if figures:
            from .figures import draw_all

            draw_all(tmp, lang=lang, frames=(ts, edges, summary),
                     start_year=scenario.start_year)
        meta = {
            "scenario": scenario.name,
            "policies": sorted({r.policy for r in results}),
            "seed": seed,
            "replications": len({r.replication for r in results}),
            "replication_seeds": {str(r.replication): r.seed for r in results},
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

            write_report(tmp, lang)
    return summary
