"""Read one region file (CSV, XLSX, Parquet) into text cells, exactly as the file held them.

Every reader returns a `Sheet`: the cells as text (empty cells as ''), the file's own
row number of each row (a spreadsheet's row, a CSV's line: blank lines and rows
holding nothing but delimiters are skipped without shifting the numbers), which cells
held a binary floating-point number (an Excel number cell, a float column of a Parquet
file: an 18-digit NIP cannot survive one, so identifiers check it), and notes for the
import summary. A file that cannot be read at all raises `RegionDataError` with what is
wrong and how to fix it; nothing here raises a library's own exception.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..core.errors import ScenarioError
from ..core.text import Message
from .messages_region import FileMsg

EXCEL = (".xlsx", ".xlsm", ".xls", ".ods")
EXCEL_ENGINE = "calamine"  # python-calamine; openpyxl reads the same cells (tested)
_BAD_BYTE = "\ufffd"  # what a byte that is not UTF-8 decodes to


class RegionDataError(ScenarioError):
    """A region's own files cannot be used; the message lists every problem.

    `problems` holds them all (None when a whole file could not be read).
    """

    problems = None


@dataclass
class Sheet:
    """A file's cells as text, with the file's own row numbers and the float cells."""

    frame: pd.DataFrame                 # text cells ('' when empty), header as written
    rows: np.ndarray                    # the file's own row number of each row
    float_cells: dict[str, np.ndarray]  # column -> cells that held a float number
    bad_bytes: dict[str, np.ndarray] = field(default_factory=dict)  # column -> not UTF-8
    skipped_empty: int = 0              # rows with nothing in them, not counted as read


def fail(path: Path, what: Message, fix: Message) -> RegionDataError:
    """The error for a file that cannot be used: where, what, and how to fix it.

    `what` and `fix` are messages of `messages_region.FileMsg`.
    """
    return RegionDataError(FileMsg.failed(path=path, what=what, fix=fix))


# ------------------------------------------------------------------------ cells
def _float_text(v: float) -> str:
    """A float as a person reads it: integral values without '.0' or an exponent."""
    if v != v:  # NaN
        return ""
    if float(v).is_integer() and abs(v) < 1e21:
        return str(int(v))
    return repr(float(v))


def _cell_text(v: object) -> str:
    if v is None or v is pd.NA or v is pd.NaT:
        return ""
    if isinstance(v, str):
        return v
    if isinstance(v, bool | np.bool_):
        return str(bool(v))
    if isinstance(v, float | np.floating):
        return _float_text(float(v))
    if hasattr(v, "isoformat"):  # datetime, Timestamp, date, time
        if getattr(v, "tzinfo", None) is None and hasattr(v, "hour") and \
                (v.hour, v.minute, v.second) == (0, 0, 0):
            return v.date().isoformat() if hasattr(v, "date") else v.isoformat()
        return v.isoformat()
    return str(v)


def _is_float_cell(v: object) -> bool:
    return isinstance(v, float | int | np.floating | np.integer) and \
        not isinstance(v, bool | np.bool_) and not (isinstance(v, float) and v != v)


def column_text(s: pd.Series, *, excel: bool = False) -> tuple[pd.Series, np.ndarray]:
    """A column's cells as text ('' for empty) and which held a floating-point number.

    In a workbook every number cell is a double, so an integer read back from one
    counts as a float cell too (`excel=True`); in Parquet an integer column is exact.
    """
    if isinstance(s.dtype, pd.StringDtype):  # Parquet/Arrow text: as it is
        return s.fillna(""), np.zeros(len(s), bool)
    kind = s.dtype.kind
    null = s.isna().to_numpy()
    if kind in "iub":  # exact integers, booleans
        return s.astype(str).where(~null, ""), np.zeros(len(s), bool)
    if kind == "f":
        return s.map(_float_text).where(~null, ""), ~null
    if kind == "M":
        text = s.dt.strftime("%Y-%m-%d").where(
            s.dt.normalize() == s, s.map(lambda v: "" if v is pd.NaT else v.isoformat()))
        return text.where(~null, ""), np.zeros(len(s), bool)
    values = s.to_numpy(object)
    if pd.api.types.infer_dtype(values, skipna=False) == "string":
        return s.astype(object), np.zeros(len(s), bool)
    text = pd.Series([_cell_text(v) for v in values], index=s.index, dtype=object)
    floats = np.fromiter((_is_float_cell(v) for v in values), bool, len(values))
    if not excel:  # Parquet/objects: a Python int is exact, only floats are not
        floats &= np.fromiter((isinstance(v, float | np.floating) for v in values), bool,
                              len(values))
    return text, floats


def _texts(df: pd.DataFrame, excel: bool) -> tuple[pd.DataFrame, dict[str, np.ndarray]]:
    out, floats = {}, {}
    for i, col in enumerate(df.columns):
        text, fl = column_text(df.iloc[:, i], excel=excel)
        out[i] = text.astype("str")  # Arrow text stays as it is
        if fl.any():
            floats[str(col)] = fl
    frame = pd.DataFrame(out, index=df.index)
    frame.columns = [str(c) for c in df.columns]
    return frame, floats


def _filled(frame: pd.DataFrame) -> np.ndarray:
    """How many cells of each row hold something other than blanks."""
    count = np.zeros(len(frame), np.int64)
    for col in range(len(frame.columns)):
        count += frame.iloc[:, col].astype(str).str.strip().to_numpy() != ""
    return count


def _drop_empty(frame: pd.DataFrame, rows: np.ndarray, floats: dict[str, np.ndarray],
                filled: np.ndarray) -> tuple[pd.DataFrame, np.ndarray,
                                              dict[str, np.ndarray], int]:
    """Rows with every cell empty are no rows (Excel leaves them after the data)."""
    keep = filled > 0
    if keep.all():
        return frame, rows, floats, 0
    frame = frame[keep].reset_index(drop=True)
    return (frame, rows[keep], {c: m[keep] for c, m in floats.items()},
            int((~keep).sum()))


# ------------------------------------------------------------------------- CSV
def _delimiter(path: Path, first: str) -> str:
    """The CSV delimiter: the candidate found most often in the header line."""
    counts = {d: first.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=counts.get)
    if counts[best] == 0:
        raise fail(path, FileMsg.no_delimiter(line=repr(first[:80])),
                   FileMsg.fix_one_column_per_field())
    return best


def read_csv(path: Path) -> Sheet:
    """A CSV file's cells; bytes that are not UTF-8 are marked per column, not fatal.

    A name column written by another program in Windows-1252 is never read, so a
    byte there does not refuse the file; in a column that is read it does (the
    caller decides, from `bad_bytes`). Lines of nothing but spaces and delimiters
    are no rows; the others keep their line numbers.
    """
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if not raw.strip():
        raise fail(path, FileMsg.file_empty(), FileMsg.fix_fill())
    lead = len(raw) - len(raw.lstrip())
    header_at = raw[:lead].count(b"\n")  # blank lines above the header
    end = raw.find(b"\n", lead)
    first = raw[lead: end if end >= 0 else len(raw)].decode("utf-8", errors="replace")
    sep = _delimiter(path, first)
    text = raw[lead:]
    # lines of nothing but blanks and delimiters, as byte ranges (Excel leaves them)
    blank = re.compile(rb"(?m)^[ \t\r" + re.escape(sep.encode()) + rb"]*(?:\n|$)")
    empty = [(m.start(), m.end()) for m in blank.finditer(text) if m.end() > m.start()]
    newlines = np.flatnonzero(np.frombuffer(text, np.uint8) == 10)
    n_lines = newlines.size + (0 if text.endswith(b"\n") else 1)
    skipped = 0
    dropped = np.zeros(n_lines, bool)
    if empty:
        starts = np.array([a for a, _ in empty], np.int64)
        dropped[np.searchsorted(newlines, starts)] = True
        skipped = sum(1 for a, b in empty if sep.encode() in text[a:b])
        kept = [text[prev_end:a] for (prev_end, a) in
                zip([0] + [b for _, b in empty], [a for a, _ in empty] + [len(text)],
                    strict=True)]
        text = b"".join(kept)
    try:
        body = text.decode("utf-8")
        source: io.IOBase = io.BytesIO(text)
    except UnicodeDecodeError:
        body = text.decode("utf-8", errors="replace")
        source = io.BytesIO(body.encode("utf-8"))
    try:
        df = pd.read_csv(source, sep=sep, dtype=str, keep_default_na=False, na_values=[],
                         engine="pyarrow" if sep != "|" else "c")
    except Exception as exc:  # noqa: BLE001 (the parser raises many kinds)
        raise fail(path, FileMsg.not_csv(sep=repr(sep), why=str(exc).splitlines()[0][:200]),
                   FileMsg.fix_fields()) from None
    lines = np.flatnonzero(~dropped).astype(np.int64) + header_at + 1  # the body's lines
    line_numbers = lines[1:]
    if len(line_numbers) != len(df):  # quoted fields over several lines: where each starts
        starts, before = [], 0
        reader = csv.reader(io.StringIO(body), delimiter=sep)
        for _ in reader:
            starts.append(before)
            before = reader.line_num
        starts = np.asarray(starts[1: len(df) + 1], np.int64)
        line_numbers = lines[np.minimum(starts, lines.size - 1)] if starts.size == len(df) \
            else np.arange(2, len(df) + 2, dtype=np.int64) + header_at
    frame = df.astype("str")  # Arrow-backed text: the checks' string operations are vectorised
    if any(_BAD_BYTE in str(c) for c in frame.columns):
        raise fail(path, FileMsg.header_not_utf8(), FileMsg.fix_utf8())
    bad = {str(c): frame[c].str.contains(_BAD_BYTE, regex=False).to_numpy(bool)
           for c in frame.columns} if _BAD_BYTE in body else {}
    bad = {c: m for c, m in bad.items() if m.any()}
    return Sheet(frame, line_numbers, {}, bad, skipped_empty=skipped)


# ---------------------------------------------------------------- Excel, Parquet
def read_excel(path: Path, sheet: str, engine: str | None = None) -> Sheet:
    """A workbook sheet's cells (the sheet named `sheet`, or the only one)."""
    engine = engine or EXCEL_ENGINE
    fix = FileMsg.fix_resave()
    try:
        book = pd.ExcelFile(path, engine=engine)
        names = book.sheet_names
    except Exception as exc:  # noqa: BLE001 (calamine, zipfile, openpyxl raise many kinds)
        raise fail(path, FileMsg.not_workbook(why=str(exc)[:160]), fix) from None
    chosen = sheet if sheet in names else names[0] if len(names) == 1 else None
    if chosen is None:
        raise fail(path, FileMsg.no_sheet(sheet=repr(sheet), sheets=", ".join(names)),
                   FileMsg.fix_sheet(sheet=repr(sheet)))
    try:
        df = pd.read_excel(book, sheet_name=chosen, dtype=object, keep_default_na=False,
                           na_values=[], header=None)
    except Exception as exc:  # noqa: BLE001
        raise fail(path, FileMsg.sheet_unreadable(sheet=repr(chosen), why=str(exc)[:160]),
                   fix) from None
    return _with_header(path, df, excel=True)


def read_parquet(path: Path) -> Sheet:
    """A Parquet file's cells: nulls are empty cells; integer columns are exact."""
    try:
        df = pd.read_parquet(path)
    except Exception as exc:  # noqa: BLE001
        raise fail(path, FileMsg.not_parquet(why=str(exc)[:160]),
                   FileMsg.fix_parquet()) from None
    frame, floats = _texts(df.reset_index(drop=True), excel=False)
    rows = np.arange(2, len(frame) + 2, dtype=np.int64)
    frame, rows, floats, skipped = _drop_empty(frame, rows, floats, _filled(frame))
    return Sheet(frame, rows, floats, skipped_empty=skipped)


def _with_header(path: Path, df: pd.DataFrame, excel: bool) -> Sheet:
    """A sheet read without a header: the first non-empty row is the header."""
    frame, floats = _texts(df, excel)
    rows = np.arange(1, len(frame) + 1, dtype=np.int64)
    filled = _filled(frame)
    first = int(np.argmax(filled > 0)) if filled.any() else 0
    frame, rows, floats, skipped = _drop_empty(frame, rows, floats, filled)
    skipped -= first  # empty rows above the header are no rows of the table
    if not len(frame):
        return Sheet(pd.DataFrame(), rows[:0], {})
    filled = filled[filled > 0]
    header = [str(v).strip() for v in frame.iloc[0]]
    named = [h for h in header if h]
    if len(named) == 1 and filled.max(initial=0) > 1:  # a title above the header
        row = int(rows[int(np.argmax(filled > 1))])
        raise fail(path, FileMsg.title_above(row=row, title=repr(named[0][:40])),
                   FileMsg.fix_title())
    twice = sorted({h for h in named if named.count(h) > 1})
    if twice:
        raise fail(path, FileMsg.column_twice(column=twice[0]), FileMsg.fix_keep_one())
    frame = frame.iloc[1:].reset_index(drop=True)
    floats = {header[int(c)]: m[1:] for c, m in floats.items()}
    frame.columns = header
    keep = [i for i, h in enumerate(header) if h != ""]  # unnamed columns: not data
    frame = frame.iloc[:, keep]
    return Sheet(frame, rows[1:], {c: m for c, m in floats.items() if c in frame.columns},
                 skipped_empty=skipped)


def stamp(path: str | Path) -> tuple:
    """A file's identity for the caches: its resolved path, modification time and size."""
    p = Path(path)
    try:
        st = p.stat()
        return (str(p.resolve()), st.st_mtime_ns, st.st_size)
    except OSError:
        return (str(p), 0, 0)


def read_sheet(path: Path, sheet: str) -> Sheet:
    """Any region file by its suffix: workbook, Parquet, else CSV."""
    suffix = path.suffix.lower()
    if suffix in EXCEL:
        return read_excel(path, sheet)
    if suffix == ".parquet":
        return read_parquet(path)
    return read_csv(path)
