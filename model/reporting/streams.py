"""The large tables of a results folder written while the runs arrive, and what is kept.

`RunStreams` takes the runs one by one, in the order of the folder (policy, then
replication), appends each run's needs map and transfer log to their Parquet and CSV
files and lets the run go; it keeps only what the summary, the figures, the console
and the report read: the monthly time series (small), each unit's load (EJ) at the
start and at the horizon, and the transfer tally. The memory of the process that
writes the folder therefore does not grow with the number of runs, apart from the
time series.

The bytes are those of writing all the runs at once: a Parquet file gets row groups
of `PARQUET_ROWS_PER_GROUP` rows cut where they were always cut (the runs' tables are
gathered until they reach that many rows, then written together), and a CSV file is
the runs' rows one after the other under one header.
"""

from __future__ import annotations

import tempfile
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from ..results.run import (
    RunResult,
    arrow_columns,
    from_arrow,
    open_arrow,
    use_system_allocator,
)

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa
    import pyarrow.parquet as pq

PARQUET_ROWS_PER_GROUP = 1_000_000  # row groups of about this many rows


class ParquetStream:
    """One Parquet file from tables of one schema (each run's), in large row groups.

    Each run's table waits as the compressed Arrow bytes it travelled in
    (`results.run.arrow_bytes`), on disk in a nameless file of the `spill` folder when
    one is given, until the waiting rows reach `PARQUET_ROWS_PER_GROUP`; they are then
    decoded and written together (row groups of that many rows, the rest in one more)
    and let go, so at most one group's rows are ever in memory. zstd-compressed; the
    bytes depend only on the rows and the pyarrow version.
    """

    def __init__(self, path: Path, spill: Path | None = None) -> None:
        self.path, self.spill = path, spill
        self.writer: pq.ParquetWriter | None = None
        self.waiting: list[bytes | tuple[int, int] | pa.Table] = []
        self.rows = 0
        self.spilled: BinaryIO | None = None  # the waiting bytes, when spilled

    def add(self, table: bytes | pa.Table, rows: int | None = None) -> None:
        """Append a run's table (Arrow IPC bytes or a table; `rows` counted if not given)."""
        if rows is None or rows < 0:
            rows = (from_arrow(table) if isinstance(table, bytes) else table).num_rows
        if isinstance(table, bytes) and self.spill is not None:
            if self.spilled is None:
                self.spilled = tempfile.TemporaryFile(dir=self.spill)  # noqa: SIM115 - closed by close()
            self.waiting.append((self.spilled.seek(0, 2), len(table)))  # where it is
            self.spilled.write(table)
        else:
            self.waiting.append(table)
        self.rows += rows
        if self.rows >= PARQUET_ROWS_PER_GROUP:
            self.flush()

    def _batches(self, part: bytes | tuple[int, int] | pa.Table) -> pa.RecordBatchReader:
        """A waiting table's record batches, read back and decoded one at a time."""
        import pyarrow as pa

        if isinstance(part, tuple):
            self.spilled.seek(part[0])
            part = self.spilled.read(part[1])
        if isinstance(part, bytes):
            return open_arrow(part)
        return pa.RecordBatchReader.from_batches(part.schema, part.to_batches())

    def flush(self) -> None:
        """Write the waiting tables as row groups of `PARQUET_ROWS_PER_GROUP` rows.

        The groups are those of writing all the waiting rows at once (full groups,
        then one with the rest), but only one group's rows are decoded at a time: a
        national run's needs map is a stream of ~4 million rows in small batches.
        """
        if not self.waiting:
            return
        import pyarrow as pa

        waiting, self.waiting, self.rows = self.waiting, [], 0
        waiting.reverse()
        group: list[pa.RecordBatch] = []
        size, written, schema = 0, False, None
        while waiting:  # each run's bytes freed as soon as they are decoded
            reader = self._batches(waiting.pop())
            schema = schema or reader.schema
            for batch in reader:
                group.append(batch)
                size += batch.num_rows
                while size >= PARQUET_ROWS_PER_GROUP:
                    table = pa.Table.from_batches(group, schema)
                    self._write(table.slice(0, PARQUET_ROWS_PER_GROUP))
                    rest = table.slice(PARQUET_ROWS_PER_GROUP)
                    group, size, written = rest.to_batches(), rest.num_rows, True
                    del table, rest
        if self.spilled is not None:
            self.spilled.truncate(0)
        if size or not written:  # the rest (no rows at all: one empty group, as always)
            self._write(pa.Table.from_batches(group, schema))
        del group
        pa.default_memory_pool().release_unused()  # give the group's memory back to the system

    def _write(self, table: pa.Table) -> None:
        """One row group (the file opened with the first one's schema)."""
        import pyarrow.parquet as pq

        if self.writer is None:
            self.writer = pq.ParquetWriter(self.path, table.schema, compression="zstd")
        self.writer.write_table(table, row_group_size=PARQUET_ROWS_PER_GROUP)

    def close(self) -> None:
        """Write what waits and close the file (no file when nothing was added)."""
        try:
            self.flush()
        finally:
            if self.writer is not None:
                self.writer.close()
            if self.spilled is not None:
                self.spilled.close()


class CsvRowsStream:
    """A CSV file from rows each run formatted itself (`results.run.csv_rows`), header once."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.file: BinaryIO | None = None

    def add(self, columns: list[str], chunk: bytes) -> None:
        """Append a run's rows (the header, `columns`, before the first run's)."""
        if self.file is None:
            self.file = open(self.path, "wb")  # noqa: SIM115 - closed by close()
            self.file.write((",".join(columns) + "\n").encode())
        self.file.write(zlib.decompress(chunk))

    def close(self) -> None:
        """Close the file."""
        if self.file is not None:
            self.file.close()


class RunStreams:
    """The runs of a results folder, taken one by one in the folder's order.

    What is kept of a run until the end is its time series and its units' loads, as the
    compressed bytes they travelled in (decoded together by `timeseries` and
    `unit_loads`), and its transfer tally (merged every `TALLY_EVERY` runs).

    Args:
        folder: Where the files are written.
        parquet: Whether the needs map and the transfer log are written as Parquet.
        csv: Whether they are written as CSV (from the rows the runs formatted).
    """

    TALLY_EVERY = 100

    def __init__(self, folder: Path, parquet: bool, csv: bool) -> None:
        use_system_allocator()  # for the decoding of every run's tables (see there)
        self.parquet, self.csv = parquet, csv
        self.streams: dict[str, ParquetStream | CsvRowsStream] = {}
        if parquet:
            self.streams |= {name: ParquetStream(folder / name, spill=folder)
                             for name in ("units.parquet", "transfers.parquet")}
        if csv:
            self.streams |= {"units.csv": CsvRowsStream(folder / "units.csv"),
                             "transfers.csv": CsvRowsStream(folder / "transfers.csv")}
        self.kept: dict[str, list[bytes]] = {"timeseries": [], "loads": []}
        self.tallies: list[pd.DataFrame] = []
        self.audits: list[tuple[str, int, pd.DataFrame]] = []  # small: ~30 rows a run
        self.seeds: dict[str, int] = {}
        self.policies: set[str] = set()
        self.runs = 0

    def add(self, r: RunResult) -> None:
        """Write one run's large tables and keep what the folder's other files need."""
        from ..results.analysis import combine_tallies

        if self.csv and not r.units_csv:
            raise ValueError("a run without CSV rows in a folder written as CSV")
        if self.parquet:
            self.streams["units.parquet"].add(r.units_arrow, r.units_rows)
            self.streams["transfers.parquet"].add(r.transfers_arrow, r.transfers_rows)
        if self.csv:
            self.streams["units.csv"].add(arrow_columns(r.units_arrow), r.units_csv)
            self.streams["transfers.csv"].add(arrow_columns(r.transfers_arrow),
                                              r.transfers_csv)
        self.kept["timeseries"].append(r.timeseries_arrow)
        self.kept["loads"].append(r.loads_arrow)
        self.tallies.append(r.tally)
        if len(self.tallies) > self.TALLY_EVERY:  # the order of first use is kept
            self.tallies = [combine_tallies(self.tallies)]
        if r.audit is not None:
            self.audits.append((r.policy, r.replication, r.audit))
        self.seeds[str(r.replication)] = r.seed
        self.policies.add(r.policy)
        self.runs += 1

    def close(self) -> None:
        """Write what waits and close every file."""
        for stream in self.streams.values():
            stream.close()

    def timeseries(self) -> pd.DataFrame:
        """Every run's time series, one after the other (the kept bytes let go)."""
        return _decoded(self.kept["timeseries"])

    def unit_loads(self) -> pd.DataFrame:
        """Every run's units' loads at the start and at the horizon (the kept bytes let go)."""
        return _decoded(self.kept["loads"])


def _decoded(kept: list[bytes]) -> pd.DataFrame:
    """The tables of `kept` (Arrow bytes) one after the other, as one DataFrame.

    The list is emptied as it is read. One conversion to pandas for all the runs: the
    frame is the one `pd.concat` of each run's frame gives (the same values, dtypes
    and text columns in one chunk per run), 20 times faster at 1,000 runs.
    """
    import pyarrow as pa

    tables = []
    kept.reverse()
    while kept:
        tables.append(from_arrow(kept.pop()))
    return pa.concat_tables(tables).to_pandas()
