"""What a run gives back: `RunResult`, and the formats its large tables travel in.

A replication returns its monthly metrics, what the figures and the tables read of
its needs map and transfer log (each unit's load at the start and at the horizon,
the log tallied), and its full yearly needs map and transfer log, as Arrow tables
serialised and compressed where the run ran (`arrow_bytes`), so parallel workers share
the encoding work and the process writing the results folder only appends them to
Parquet files (`reporting.streams`). CSV copies of the large tables are formatted by the workers
too, when asked for (`csv_rows`): the one CSV number format of the project is
`FLOAT_FORMAT`.

pandas and pyarrow are imported where a table is converted, not with the module:
the command line reads `FORMATS` to build its help without them.
"""

from __future__ import annotations

import os
import zlib
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa


def _csv_digits() -> int:
    """Significant digits of CSV floats: 12, or `MUTASI_CSV_DIGITS` (1-17).

    17 digits write every float64 exactly (the cross-CPU test uses them to see a
    difference in the last bit); 12 keep the files readable and small.
    """
    text = os.environ.get("MUTASI_CSV_DIGITS", "12").strip()
    return int(text) if text.isdigit() and 1 <= int(text) <= 17 else 12


FLOAT_FORMAT = f"%.{_csv_digits()}g"  # every CSV the project writes: same digits, same bytes

# How a results folder stores its large tables (time series, needs map, transfer log):
# Parquet, CSV or both; "auto" is Parquet, with CSV copies for runs small enough to
# open in a spreadsheet (up to CSV_MAX_RUNS runs).
FORMATS = ("auto", "parquet", "csv", "both")
CSV_MAX_RUNS = 32


def wants_csv(formats: str, runs: int) -> bool:
    """Whether the large tables get CSV copies, given `formats` and the number of runs."""
    return formats in ("csv", "both") or (formats == "auto" and runs <= CSV_MAX_RUNS)


def wants_parquet(formats: str) -> bool:
    """Whether the large tables are written as Parquet."""
    return formats != "csv"


@dataclass
class RunResult:
    """What one replication returns: its tables as compressed Arrow bytes (`arrow_bytes`).

    Each table is decoded on first use (`timeseries`, `units`, `loads`, `transfers`): the
    process that writes a results folder of many runs keeps the bytes, not the frames.
    """

    replication: int
    seed: int
    policy: str
    timeseries_arrow: bytes  # the monthly metrics
    loads_arrow: bytes  # each unit's load where it has need, at the start and the horizon
    wall_seconds: float = 0.0
    units_arrow: bytes = b""  # every yearly snapshot of the needs map
    transfers_arrow: bytes = b""  # the transfer log
    units_csv: bytes = b""  # the same as CSV rows (zlib), when CSV copies are asked for
    transfers_csv: bytes = b""
    units_rows: int = -1  # rows of the two Arrow tables (-1: not counted, read them)
    transfers_rows: int = -1
    counts: pd.DataFrame | None = None  # the transfer log tallied (`analysis.tally_transfers`)
    audit: pd.DataFrame | None = None  # who bore the planned moves (`audit.run_audit`)
    governments_arrow: bytes = b""  # a region of regions: each government's and province's
    moves_arrow: bytes = b""  # records, and the moves between governments

    @cached_property
    def timeseries(self) -> pd.DataFrame:
        """The monthly metrics, tagged with replication, policy and date (decoded on first use)."""
        return from_arrow(self.timeseries_arrow).to_pandas()

    @cached_property
    def units(self) -> pd.DataFrame:
        """The run's needs map: every unit and role at month 0 and each year's end."""
        return from_arrow(self.units_arrow).to_pandas()

    @cached_property
    def loads(self) -> pd.DataFrame:
        """Each unit's load where it has need, at the start and at the horizon (for figures)."""
        return from_arrow(self.loads_arrow).to_pandas()

    @cached_property
    def transfers(self) -> pd.DataFrame:
        """The transfer log as a DataFrame (decoded on first use)."""
        return from_arrow(self.transfers_arrow).to_pandas()

    @property
    def tally(self) -> pd.DataFrame:
        """The transfer log tallied by who proposed, why and the outcome (`counts`)."""
        if self.counts is None:
            from .analysis import tally_transfers

            self.counts = tally_transfers(self.transfers)
        return self.counts

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        for decoded in ("timeseries", "units", "loads", "transfers"):
            state.pop(decoded, None)  # the decoded copies never travel
        return state


def csv_rows(df: pd.DataFrame) -> bytes:
    """A table's rows as compressed CSV text (no header), formatted where the run ran.

    Large tables are formatted by the workers, in parallel, instead of by the process
    that writes the results folder; the bytes are the same either way.
    """
    text = df.to_csv(index=False, header=False, float_format=FLOAT_FORMAT, lineterminator="\n")
    return zlib.compress(text.encode(), 1)


def arrow_table(df: pd.DataFrame) -> pa.Table:
    """A DataFrame as an Arrow table with a schema that does not depend on its rows.

    Text columns are strings even when empty (an empty log has the same schema as a
    full one) and no pandas metadata is kept, so tables of every run append to one
    Parquet file. Column by column: pandas' conversion of a whole frame sets up each
    column (~0.1 ms; a run's time series has 46), and gives the same table.
    """
    import numpy as np
    import pyarrow as pa

    names = list(df.columns)
    if not names or len(set(names)) < len(names) or not all(type(c) is str for c in names):
        return _whole_frame_table(df)  # what pandas makes of such names (or its error)
    columns = {}
    try:
        for name, col in df.items():
            if isinstance(col.dtype, np.dtype) and col.dtype.kind in "biuf":
                # as pandas converts a NumPy column (NaN becomes null)
                columns[name] = pa.array(col.to_numpy(), from_pandas=True)
            else:
                columns[name] = _text_as_string(pa.Array.from_pandas(col))
    except (pa.ArrowException, TypeError, ValueError):
        return _whole_frame_table(df)  # pandas' conversion says which column failed
    return pa.table(columns)


def _text_as_string(values: pa.Array) -> pa.Array:
    """Text (or nothing but missing values) as Arrow's `string`; other types as they are."""
    wanted = _string_type(values.type)
    return values if wanted == values.type else values.cast(wanted)


def _string_type(kind: pa.DataType) -> pa.DataType:
    """`string` for a text or null type, else the type itself."""
    import pyarrow as pa

    text = (pa.types.is_null, pa.types.is_large_string, pa.types.is_string)
    return pa.string() if any(is_(kind) for is_ in text) else kind


def _whole_frame_table(df: pd.DataFrame) -> pa.Table:
    """`arrow_table` by pandas' conversion of the whole frame, then text cast to strings."""
    import pyarrow as pa

    table = pa.Table.from_pandas(df, preserve_index=False, nthreads=1)
    fields = [f.with_type(_string_type(f.type)) for f in table.schema]
    return table.cast(pa.schema(fields, metadata=table.schema.metadata)
                      ).replace_schema_metadata(None)


def arrow_bytes(df: pd.DataFrame, compression: str = "zstd") -> bytes:
    """A DataFrame as Arrow IPC stream bytes, compressed: compact to send and keep.

    zstd, or "lz4" for a table that is decoded again in the process writing the folder
    (a run's needs map: 1.6 times larger than zstd's, 600 KB at the default size, but
    encoded 3 times and decoded 4 times faster; `reporting.streams` decodes every run's).
    """
    return table_bytes(arrow_table(df), compression)


def table_bytes(table: pa.Table, compression: str = "zstd") -> bytes:
    """An Arrow table as compressed IPC stream bytes (`arrow_bytes` of a table made)."""
    import pyarrow as pa

    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema, options=write_options(compression)) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def write_options(compression: str) -> pa.ipc.IpcWriteOptions:
    """How a run's tables are compressed: in this thread (the same bytes as Arrow's pool).

    Arrow compresses and decompresses a stream's buffers on its own pool of threads by
    default; for a run's tables (a few MB) that costs 2-5 times the CPU of doing it in
    the calling thread, CPU that the workers and the process writing the folder share
    on a laptop's cores (measured: a needs map decoded in 0.9 ms instead of 2-3 ms, and
    15 ms of CPU while the workers ran).
    """
    import pyarrow as pa

    return pa.ipc.IpcWriteOptions(compression=compression, use_threads=False)


def use_system_allocator() -> None:
    """Arrow allocates with the C library's `malloc` in this process, not mimalloc.

    The process writing a folder decodes every run's needs map (~1.5 MB) into groups of
    a million rows and lets each group go; with mimalloc, Arrow's default on Linux, that
    cost three times the CPU, most of it in the kernel (measured, 200 runs of the default
    region beside two workers: 4.1 s of CPU decoding and writing, 3.1 s of it system
    time, against 1.3 s and 0.55 s). The data are the same whatever allocates them.
    """
    import pyarrow as pa

    if pa.default_memory_pool().backend_name != "system":
        pa.set_memory_pool(pa.system_memory_pool())


def open_arrow(data: bytes) -> pa.ipc.RecordBatchStreamReader:
    """A reader of `arrow_bytes`, decompressing in this thread (see `write_options`)."""
    import pyarrow as pa

    return pa.ipc.open_stream(pa.py_buffer(data),
                              options=pa.ipc.IpcReadOptions(use_threads=False))


def from_arrow(data: bytes) -> pa.Table:
    """The Arrow table of `arrow_bytes`."""
    return open_arrow(data).read_all()


def arrow_columns(data: bytes) -> list[str]:
    """The column names of `arrow_bytes` (read from its schema; nothing decompressed)."""
    return open_arrow(data).schema.names
