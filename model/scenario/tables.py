"""Read a region's tables (CSV, XLSX, Parquet) and collect every problem at once.

`read_table` returns the rows as text columns (a NIP keeps its leading digits, a
date its format; `model.scenario.readers` reads the files) with the file's own row
number of each, or raises `RegionDataError`
with a message that says what is wrong with the file and how to fix it: missing,
empty, not UTF-8, an unknown delimiter, missing or renamed columns. Row-level
problems (a bad date, an unknown unit code) are collected in a `Problems` list by
the checks in `model.regions.roster` and reported together: file, row, column,
value and reason, never one at a time.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..core.text import Joined, Lines, Message, Text
from .messages_region import FileMsg, SummaryMsg
from .readers import EXCEL, RegionDataError, fail, read_sheet

__all__ = ["EXCEL", "Column", "Problems", "RegionDataError", "file_label", "float_cells",
           "read_table", "text"]

MAX_SHOWN = 30  # problems printed on the console; all go to --fix-report


@dataclass
class Column:
    """One column of a region table: its name, whether required, aliases, meaning."""

    name: str
    required: bool
    meaning_id: str
    meaning_en: str
    aliases: tuple[str, ...] = ()
    read: bool = True  # False: dropped unread (a person's name)

    @property
    def meaning(self) -> Text:
        """What the column holds, in both languages."""
        return Text(self.meaning_id, self.meaning_en, key=f"column.{self.name}")


def _norm(name: object) -> str:
    """A header as a key: lower case, spaces and dashes as underscores."""
    # line breaks, double or non-breaking spaces, dots and dashes of a template's headers
    return re.sub(r"[\W_]+", "_", str(name).lower()).strip("_")


@dataclass
class Problems:
    """Problems found in a region's files: one row per (file, row, column, value, reason)."""

    parts: list[pd.DataFrame] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # file -> rows read
    skipped: dict[str, int] = field(default_factory=dict)  # file -> empty rows skipped

    def read(self, file: str, df: pd.DataFrame) -> None:
        """Count the rows read from `file` (and the empty ones its reader skipped)."""
        self.counts[file] = len(df)
        if df.attrs.get("skipped_empty"):
            self.skipped[file] = int(df.attrs["skipped_empty"])

    def add(self, file: str, rows: np.ndarray, column: str, values, reason,
            severity: str = "error") -> None:
        """Record a problem for every row in `rows` (spreadsheet row numbers).

        `values` and `reason` are one for all rows or one per row; a reason is a message
        of `messages_region` (`Reason`, `RosterReason`), shown in the reader's language.
        """
        rows = np.asarray(rows)
        if rows.size == 0:
            return
        values = np.broadcast_to(np.asarray(values, dtype=object), rows.shape)
        reason = np.broadcast_to(np.asarray(reason, dtype=object), rows.shape)
        self.parts.append(pd.DataFrame({
            "severity": severity, "file": file, "row": rows.astype(np.int64),
            "column": column, "value": [("" if v is None or v is pd.NA else str(v))
                                        for v in values.tolist()],
            "reason": reason}))

    def frame(self) -> pd.DataFrame:
        """Every problem, errors first, in file and row order."""
        if not self.parts:
            return pd.DataFrame(columns=["severity", "file", "row", "column", "value",
                                         "reason"])
        df = pd.concat(self.parts, ignore_index=True)
        df["_e"] = df["severity"] != "error"
        df = df.sort_values(["_e", "file", "row"], kind="stable").drop(columns="_e")
        return df.reset_index(drop=True)

    @property
    def n_errors(self) -> int:
        """Number of error rows (warnings do not count)."""
        return sum(int((p["severity"] == "error").sum()) for p in self.parts)

    def bad_rows(self, file: str) -> int:
        """Distinct rows of `file` with an error (a problem of the whole file is no row)."""
        rows = [p.loc[(p["file"] == file) & (p["severity"] == "error") & (p["row"] > 0), "row"]
                for p in self.parts]
        rows = [r for r in rows if len(r)]
        return int(pd.concat(rows).nunique()) if rows else 0

    def report(self) -> Lines:
        """Rows read, accepted and rejected per file, then the problems (the first few).

        Messages, shown in the reader's language when rendered (`summary(lang)`).
        """
        lines: list[Message] = []
        for file, read in self.counts.items():
            bad = self.bad_rows(file)
            skipped = self.skipped.get(file, 0)
            counts = {"file": file, "read": read, "ok": read - bad, "bad": bad}
            lines.append(SummaryMsg.counted_skipped(skipped=skipped, **counts) if skipped
                         else SummaryMsg.counted(**counts))
        df = self.frame()
        for rec in df.head(MAX_SHOWN).itertuples():
            fields = dict(
                severity=SummaryMsg.error if rec.severity == "error" else SummaryMsg.warning,
                file=rec.file, column=rec.column,
                value=f" = {rec.value!r}" if rec.value != "" else "", reason=rec.reason)
            lines.append(SummaryMsg.problem_at_row(row=rec.row, **fields) if rec.row > 0
                         else SummaryMsg.problem_in_file(**fields))
        if len(df) > MAX_SHOWN:
            lines.append(SummaryMsg.more(n=len(df) - MAX_SHOWN))
        return Lines(*lines)

    def summary(self, lang: str = "id") -> str:
        """The import summary (`report`) in `lang`."""
        return self.report().render(lang)


def read_table(path: str | Path, sheet: str, columns: list[Column],
               keep_prefix: str | None = None) -> pd.DataFrame:
    """The table's rows with known columns named canonically, as text; `_row` = file row.

    Columns starting with `keep_prefix` are kept too (lower case); columns marked
    `read=False` (a person's name) are dropped unread. `float_cells(df, column)` tells
    which cells held a floating-point number. Raises RegionDataError when the file is
    missing, empty, unreadable, or lacks a required column (a renamed column is named
    with its closest match, also among the Indonesian headers).
    """
    path = Path(path)
    if not path.is_file():
        raise fail(path, FileMsg.not_found(), FileMsg.fix_path())
    got = read_sheet(path, sheet)
    df = got.frame
    if len(df.columns) == 0 or len(df) == 0:
        raise fail(path, FileMsg.no_rows() if len(df.columns) else FileMsg.is_empty(),
                   FileMsg.fix_fill())
    rename, seen = {}, {}
    for c in columns:
        for key in (c.name, *c.aliases):
            seen[_norm(key)] = c.name
    for col in df.columns:
        key = _norm(col)
        if key in seen and seen[key] in rename.values():
            other = next(c for c, v in rename.items() if v == seen[key])
            raise fail(path, FileMsg.same_column(first=other, second=col, name=seen[key]),
                       FileMsg.fix_keep_one())
        if key in seen:
            rename[col] = seen[key]
    missing = [c for c in columns if c.required and c.name not in rename.values()]
    if missing:
        unknown = {_norm(u): str(u) for u in df.columns if u not in rename}
        hints = []
        for c in missing:
            keys = {_norm(k): k for k in (c.name, *c.aliases)}
            close = [(difflib.SequenceMatcher(None, k, u).ratio(), u, k)
                     for u in unknown for k in keys]
            best = max(close, default=(0.0, "", ""))
            hints.append(FileMsg.missing_column_guess(
                name=c.name, meaning=c.meaning, given=unknown[best[1]], alias=keys[best[2]])
                if best[0] >= 0.6 else FileMsg.missing_column(name=c.name, meaning=c.meaning))
        raise fail(path, FileMsg.missing_columns(hints=Joined(hints)), FileMsg.fix_header(
            names=", ".join(c.name for c in columns if c.required)))
    wanted = {c.name for c in columns if c.read}
    chosen = [col for col in df.columns if rename.get(col) in wanted]
    extra = [col for col in df.columns if col not in rename and keep_prefix
             and _norm(col).startswith(keep_prefix)]
    names = {**{col: rename[col] for col in chosen}, **{col: _norm(col) for col in extra}}
    for col in (*chosen, *extra):
        bad = got.bad_bytes.get(col)
        if bad is not None and bad.any():
            row = int(got.rows[np.flatnonzero(bad)[0]])
            raise fail(path, FileMsg.column_not_utf8(column=names[col], row=row,
                                                     n=int(bad.sum())), FileMsg.fix_utf8())
    out = pd.DataFrame({names[col]: df[col] if isinstance(df[col].dtype, pd.StringDtype)
                        else df[col].astype("str") for col in (*chosen, *extra)})
    out = out.reset_index(drop=True)
    out.insert(0, "_row", got.rows)
    out.attrs["float_cells"] = {names[c]: m for c, m in got.float_cells.items()
                                if c in names}
    out.attrs["skipped_empty"] = got.skipped_empty
    return out


def file_label(path: str | Path, sheet: str) -> str:
    """How problems name a file: its name, and the sheet of a workbook."""
    return Path(path).name + (f" [{sheet}]" if Path(path).suffix.lower() in EXCEL else "")


def float_cells(df: pd.DataFrame, column: str) -> np.ndarray:
    """Which cells of `column` held a floating-point number (an Excel number cell)."""
    mask = df.attrs.get("float_cells", {}).get(column)
    return np.zeros(len(df), bool) if mask is None else np.asarray(mask, bool)


def text(df: pd.DataFrame, column: str) -> pd.Series:
    """A column as stripped text ('' for empty or absent), as the file held it."""
    if column not in df:
        return pd.Series([""] * len(df), index=df.index, dtype=object)
    return df[column].astype(str).str.strip()
