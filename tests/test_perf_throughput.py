"""Many replications written as they finish (issue 24, item 6): the same files, less held.

`run` and `compare` write the results folder while the runs arrive
(`Experiment.run_and_write`, `reporting.streams`); the folder must be the one written
from every run at once, the Parquet row groups cut where they always were, and the
console's and report's transfer tables the same from the tally as from the log.
"""

from __future__ import annotations

import hashlib
import operator

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from model.experiments.executors import _window, execute
from model.experiments.experiment import Experiment
from model.reporting import streams
from model.reporting.report import _transfers
from model.reporting.tables import transfers_table
from model.results.analysis import combine_tallies, tally_transfers
from model.results.run import arrow_bytes, arrow_table, from_arrow, table_bytes

SMALL = {"extends": "default", "region": {"target_staff": 1500}}


def digests(folder) -> dict[str, str]:
    """SHA-256 of every file of a results folder but meta.json (its time and seconds)."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != "meta.json"}


@pytest.fixture(scope="module")
def both_ways(tmp_path_factory):
    """One experiment written from every run at once, and the same written as it runs."""
    tmp = tmp_path_factory.mktemp("stream")
    held = Experiment(SMALL, ["none", "balancing"], replications=3, years=2, jobs=2)
    held.run()
    held.write(tmp / "held")
    streamed = Experiment(SMALL, ["none", "balancing"], replications=3, years=2, jobs=2)
    written = streamed.run_and_write(tmp / "streamed")
    return held, streamed, written, tmp


def test_a_folder_written_as_the_runs_finish_is_the_same_folder(both_ways):
    held, streamed, written, tmp = both_ways
    assert digests(tmp / "held") == digests(tmp / "streamed")
    assert streamed.results == [] and written.runs == 6  # nothing of a run was kept


def test_the_tally_gives_the_tables_the_log_gives(both_ways):
    held, _, written, _ = both_ways
    log = pd.concat([r.transfers for r in held.results], ignore_index=True)
    assert not log.empty
    pd.testing.assert_frame_equal(written.transfers, tally_transfers(log))
    for lang in ("id", "en"):
        assert transfers_table(written.transfers, 3, lang) == transfers_table(log, 3, lang)
        assert _transfers(written.transfers, 3, lang) == _transfers(log, 3, lang)
    halves = [tally_transfers(log.iloc[:40]), tally_transfers(log.iloc[40:])]
    pd.testing.assert_frame_equal(combine_tallies(halves), tally_transfers(log))


def test_a_run_travels_as_bytes_and_decodes_to_its_tables(both_ways):
    held, *_ = both_ways
    r = held.results[0]
    assert isinstance(r.timeseries_arrow, bytes) and len(r.timeseries) == 2 * 12 + 1
    assert {"policy", "month", "load"} <= set(r.loads.columns)
    assert {"unit_kind", "role", "required_fte", "staff"} <= set(r.units.columns)  # needs map
    assert r.transfers_rows == len(r.transfers) and r.units_rows == len(r.units)
    state = r.__getstate__()
    assert not {"timeseries", "units", "loads", "transfers"} & set(state)  # copies stay


def schema_first_table(df: pd.DataFrame) -> pa.Table:
    """`arrow_table` before session 7: the schema inferred, then the frame converted to it."""
    schema = pa.Schema.from_pandas(df, preserve_index=False)
    text = (pa.types.is_null, pa.types.is_large_string, pa.types.is_string)
    fields = [f.with_type(pa.string()) if any(is_(f.type) for is_ in text) else f
              for f in schema]
    return pa.Table.from_pandas(df, schema=pa.schema(fields), preserve_index=False,
                                nthreads=1).replace_schema_metadata(None)


def test_a_runs_tables_become_the_same_arrow_bytes_as_before(both_ways):
    """A table is converted once and its text cast to strings: the same schema and bytes
    as converting it to the inferred schema, for every table of a run, an empty log, a
    column of nothing but missing text, and text with gaps."""
    held, *_ = both_ways
    r = held.results[0]
    frames = [r.timeseries, r.units, r.loads, r.transfers, r.transfers.iloc[:0],
              pd.DataFrame({"a": [None, None], "b": [1.5, None], "c": ["x", None]}),
              pd.DataFrame({"a": pd.Series([], dtype=object), "n": pd.Series([], dtype="int64")}),
              # every kind of column a table of this project may hold
              pd.DataFrame({"f32": pd.Series([1.5, float("nan")], dtype="float32"),
                            "i8": pd.Series([-1, 2], dtype="int8"),
                            "u16": pd.Series([1, 65535], dtype="uint16"),
                            "flag": [True, False], "when": pd.to_datetime(["2026-01-01", None]),
                            "kind": pd.Categorical(["a", "b"]),
                            "maybe": pd.array([1, None], dtype="Int64"),
                            "text": pd.Series(["x", None], dtype="str"),
                            "inf": [float("inf"), 0.0]})]
    for df in frames:
        new, old = arrow_table(df), schema_first_table(df)
        assert new.schema == old.schema and new.equals(old)
        assert arrow_bytes(df) == table_bytes(old) and arrow_bytes(df, "lz4") == table_bytes(
            old, "lz4")


def whole_frame_table(df: pd.DataFrame) -> pa.Table:
    """`arrow_table` of session 7 (the whole frame converted, then text cast)."""
    table = pa.Table.from_pandas(df, preserve_index=False, nthreads=1)
    text = (pa.types.is_null, pa.types.is_large_string, pa.types.is_string)
    fields = [f.with_type(pa.string()) if any(is_(f.type) for is_ in text) else f
              for f in table.schema]
    return table.cast(pa.schema(fields, metadata=table.schema.metadata)
                      ).replace_schema_metadata(None)


def test_names_that_are_not_text_convert_as_before():
    """Column names pandas' conversion turns into text (numbers, tuples) keep working."""
    for df in (pd.DataFrame({0: [1.0, 2.0], 1: ["a", None]}),
               pd.DataFrame({("a", "b"): [1, 2], "c": ["x", "y"]}),
               pd.DataFrame({"1": [1.5], 1: [2]})):
        new, old = arrow_table(df), whole_frame_table(df)
        assert new.schema == old.schema and new.equals(old)
        assert arrow_bytes(df) == table_bytes(old)


def test_a_column_arrow_cannot_take_is_named_in_the_error():
    """A column that does not convert fails as pandas' conversion fails: naming it."""
    bad = pd.DataFrame({"ok": [1.0, 2.0], "mixed": pd.Series([1, "a"], dtype=object)})
    with pytest.raises(pa.ArrowException, match="mixed"):
        arrow_table(bad)


def old_write_parquet(path, tables) -> None:
    """The Parquet writer before issue 24 (every run decoded as it came), for reference."""
    writer, buffered, rows = None, [], 0
    for table in tables:
        buffered.append(table)
        rows += table.num_rows
        if rows >= streams.PARQUET_ROWS_PER_GROUP:
            table = pa.concat_tables(buffered)
            writer = writer or pq.ParquetWriter(path, table.schema, compression="zstd")
            writer.write_table(table, row_group_size=streams.PARQUET_ROWS_PER_GROUP)
            buffered, rows = [], 0
    if buffered:
        table = pa.concat_tables(buffered)
        writer = writer or pq.ParquetWriter(path, table.schema, compression="zstd")
        writer.write_table(table, row_group_size=streams.PARQUET_ROWS_PER_GROUP)
    writer.close()


def test_parquet_row_groups_are_cut_where_they_always_were(monkeypatch, tmp_path):
    monkeypatch.setattr(streams, "PARQUET_ROWS_PER_GROUP", 100)
    runs = [pd.DataFrame({"replication": pd.Series([r] * n, dtype="int64"),
                          "unit": pd.Series([f"u{i % 7}" for i in range(n)], dtype="str"),
                          "load": pd.Series([i / 3 for i in range(n)], dtype="float64")})
            for r, n in enumerate([30, 45, 40, 0, 120, 7, 61])]
    stream = streams.ParquetStream(tmp_path / "new.parquet")
    for df in runs:
        stream.add(arrow_bytes(df, "lz4"), len(df))
        assert all(isinstance(part, bytes) for part in stream.waiting)  # kept compressed
        assert stream.rows < 100
    stream.close()
    old_write_parquet(tmp_path / "old.parquet", [from_arrow(arrow_bytes(df)) for df in runs])
    assert (tmp_path / "new.parquet").read_bytes() == (tmp_path / "old.parquet").read_bytes()
    meta = pq.ParquetFile(tmp_path / "new.parquet").metadata
    sizes = [meta.row_group(i).num_rows for i in range(meta.num_row_groups)]
    assert sizes == [100, 15, 100, 20, 68]  # 115 rows -> 100 + 15; 120 -> 100 + 20; the rest


def test_a_run_of_many_batches_is_written_a_group_at_a_time(monkeypatch, tmp_path):
    """A needs map streamed in small batches (a nation's: a batch per government and
    year) is written in the same row groups as when decoded whole; an empty one too."""
    monkeypatch.setattr(streams, "PARQUET_ROWS_PER_GROUP", 100)
    frames = [pd.DataFrame({"unit": pd.Series([f"u{i % 7}" for i in range(n)], dtype="str"),
                            "load": pd.Series([i / 3 for i in range(n)], dtype="float64")})
              for n in (30, 0, 95, 260, 17)]
    tables = [from_arrow(arrow_bytes(df)) for df in frames]
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, tables[0].schema) as writer:  # one run, five batches
        for table in tables:
            writer.write_table(table)
    stream = streams.ParquetStream(tmp_path / "new.parquet")
    stream.add(sink.getvalue().to_pybytes(), 402)
    stream.close()
    old_write_parquet(tmp_path / "old.parquet", [pa.concat_tables(tables)])
    assert (tmp_path / "new.parquet").read_bytes() == (tmp_path / "old.parquet").read_bytes()
    meta = pq.ParquetFile(tmp_path / "new.parquet").metadata
    assert [meta.row_group(i).num_rows for i in range(meta.num_row_groups)] == [
        100, 100, 100, 100, 2]
    empty = streams.ParquetStream(tmp_path / "empty.parquet")
    empty.add(arrow_bytes(frames[1]), 0)
    empty.close()
    old_write_parquet(tmp_path / "empty_old.parquet", [tables[1]])
    assert (tmp_path / "empty.parquet").read_bytes() == \
        (tmp_path / "empty_old.parquet").read_bytes()


@pytest.mark.parametrize("executor,jobs", [("pool", 2), ("serial", 1)])
def test_tasks_are_handed_out_a_few_at_a_time_and_each_returned_once(executor, jobs):
    tasks = [(i,) for i in range(3 * _window(2) + 1)]
    got = dict(execute(operator.add, tasks, jobs=jobs, executor=executor, shared=(1000,)))
    assert got == {i: 1000 + i for i in range(len(tasks))}  # the shared arguments first
