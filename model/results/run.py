"""What a run gives back: `RunResult`, and the one CSV number format of the project.

A replication returns its monthly metrics, its needs map and its transfer log; the
large tables come back as CSV rows formatted (and compressed) where the run ran, so
parallel workers share the formatting work and the bytes are the same either way.
"""

from __future__ import annotations

import os
import zlib
from dataclasses import dataclass

import pandas as pd


def _csv_digits() -> int:
    """Significant digits of CSV floats: 12, or `MUTASI_CSV_DIGITS` (1-17).

    17 digits write every float64 exactly (the cross-CPU test uses them to see a
    difference in the last bit); 12 keep the files readable and small.
    """
    text = os.environ.get("MUTASI_CSV_DIGITS", "12").strip()
    return int(text) if text.isdigit() and 1 <= int(text) <= 17 else 12


FLOAT_FORMAT = f"%.{_csv_digits()}g"  # every CSV the project writes: same digits, same bytes


@dataclass
class RunResult:
    """What one replication returns: monthly metrics and the yearly needs map."""

    replication: int
    seed: int
    policy: str
    timeseries: pd.DataFrame
    units: pd.DataFrame  # the needs map at the start and at the horizon (for figures)
    wall_seconds: float = 0.0
    transfers: pd.DataFrame | None = None
    units_csv: bytes = b""  # every yearly snapshot as CSV rows (zlib), made in the worker
    transfers_csv: bytes = b""  # the transfer log as CSV rows (zlib), made in the worker


def csv_rows(df: pd.DataFrame) -> bytes:
    """A table's rows as compressed CSV text (no header), formatted where the run ran.

    Large tables are formatted by the workers, in parallel, instead of by the process
    that writes the results folder; the bytes are the same either way.
    """
    text = df.to_csv(index=False, header=False, float_format=FLOAT_FORMAT, lineterminator="\n")
    return zlib.compress(text.encode(), 1)
