"""Read a region's tables (CSV, XLSX, Parquet) and collect every problem at once.

`read_table` returns the rows as text columns (a NIP keeps its leading digits, a
date its format) with the spreadsheet row number of each, or raises `RegionDataError`
with a message that says what is wrong with the file and how to fix it: missing,
empty, not UTF-8, an unknown delimiter, missing or renamed columns. Row-level
problems (a bad date, an unknown unit code) are collected in a `Problems` list by
the checks in `model.scenario.roster` and reported together: file, row, column,
value and reason, never one at a time.
"""

from __future__ import annotations

import difflib
import io
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..core.errors import ScenarioError
from ..core.messages import translate_reason

EXCEL = (".xlsx", ".xlsm", ".xls", ".ods")
MAX_SHOWN = 30  # problems printed on the console; all go to --fix-report


class RegionDataError(ScenarioError):
    """A region's own files cannot be used; the message lists every problem.

    `problems` holds them all (None when a whole file could not be read).
    """

    problems: Problems | None = None


@dataclass
class Column:
    """One column of a region table: its name, whether required, aliases, meaning."""

    name: str
    required: bool
    meaning_id: str
    meaning_en: str
    aliases: tuple[str, ...] = ()


def _norm(name: object) -> str:
    """A header as a key: lower case, spaces and dashes as underscores."""
    return str(name).strip().lower().replace(" ", "_").replace("-", "_").replace(".", "_")


@dataclass
class Problems:
    """Problems found in a region's files: one row per (file, row, column, value, reason)."""

    parts: list[pd.DataFrame] = field(default_factory=list)
    counts: dict[str, tuple[int, int]] = field(default_factory=dict)  # file -> (read, bad)

    def add(self, file: str, rows: np.ndarray, column: str, values, reason,
            severity: str = "error") -> None:
        """Record a problem for every row in `rows` (spreadsheet row numbers).

        `values` and `reason` are one for all rows or one per row.
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
        """Distinct rows of `file` with an error."""
        rows = [p.loc[(p["file"] == file) & (p["severity"] == "error"), "row"]
                for p in self.parts]
        rows = [r for r in rows if len(r)]
        return int(pd.concat(rows).nunique()) if rows else 0

    def summary(self, lang: str = "id") -> str:
        """Rows read, accepted and rejected per file, then the problems (the first few)."""
        lines = []
        for file, read in self.counts.items():
            bad = self.bad_rows(file)
            lines.append(
                f"{file}: {read:,} baris dibaca, {read - bad:,} diterima, {bad:,} ditolak"
                if lang == "id" else
                f"{file}: {read:,} rows read, {read - bad:,} accepted, {bad:,} rejected")
        df = self.frame()
        for rec in df.head(MAX_SHOWN).itertuples():
            head = ("GALAT" if rec.severity == "error" else "PERINGATAN") if lang == "id" \
                else rec.severity.upper()
            where = f"{rec.file}, {'baris' if lang == 'id' else 'row'} {rec.row}" \
                if rec.row > 0 else rec.file
            value = f" = {rec.value!r}" if rec.value != "" else ""
            lines.append(f"  {head} {where}, {rec.column}{value}: "
                         f"{translate_reason(rec.reason, lang)}")
        if len(df) > MAX_SHOWN:
            lines.append(f"  ... {len(df) - MAX_SHOWN:,} "
                         + ("masalah lain (semua: --fix-report FILE)" if lang == "id"
                            else "more problems (all of them: --fix-report FILE)"))
        return "\n".join(lines)


def _fail(path: Path, what: str, fix: str) -> RegionDataError:
    return RegionDataError(f"{path}: {what}\n  fix: {fix}")


def _delimiter(path: Path, head: str) -> str:
    """The CSV delimiter: the candidate found most often in the header line."""
    first = head.splitlines()[0] if head else ""
    counts = {d: first.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=counts.get)
    if counts[best] == 0:
        raise _fail(path, "the header line has no delimiter (comma, semicolon, tab or |): "
                    f"{first[:80]!r}", "save the sheet as CSV with one column per field")
    return best


def _read_csv(path: Path) -> pd.DataFrame:
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text_head = raw.decode("utf-8")[:65536]
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise _fail(path, f"not UTF-8 text (byte {exc.start}, line {line}: "
                    f"{raw[max(exc.start - 10, 0): exc.start + 10]!r})",
                    "save it as 'CSV UTF-8' (Excel: File > Save As > CSV UTF-8)") from None
    if not text_head.strip():
        raise _fail(path, "the file is empty", "fill the template written by "
                    "`python run_sim.py init-region DIR`")
    sep = _delimiter(path, text_head)
    try:
        return pd.read_csv(io.BytesIO(raw), sep=sep, dtype=str, keep_default_na=False,
                           na_values=[], engine="pyarrow" if sep != "|" else "c")
    except Exception as exc:  # noqa: BLE001 (pandas/pyarrow raise many kinds)
        raise _fail(path, f"cannot be read as CSV with delimiter {sep!r}: "
                    f"{str(exc).splitlines()[0][:200]}",
                    "check that every row has as many fields as the header (quote text "
                    "that contains the delimiter)") from None


def _read_excel(path: Path, sheet: str) -> pd.DataFrame:
    try:
        book = pd.ExcelFile(path, engine="calamine")
    except Exception as exc:  # noqa: BLE001
        raise _fail(path, f"cannot be opened as a workbook ({str(exc)[:160]})",
                    "save it as .xlsx from Excel or LibreOffice") from None
    names = book.sheet_names
    chosen = sheet if sheet in names else names[0] if len(names) == 1 else None
    if chosen is None:
        raise _fail(path, f"has no sheet {sheet!r} (sheets: {', '.join(names)})",
                    f"name the sheet {sheet!r}, or keep only one sheet in the workbook")
    return pd.read_excel(book, sheet_name=chosen, dtype=object, keep_default_na=False,
                         na_values=[])


def read_table(path: str | Path, sheet: str, columns: list[Column],
               keep_prefix: str | None = None) -> pd.DataFrame:
    """The table's rows with known columns named canonically, as text; `_row` = sheet row.

    Columns starting with `keep_prefix` are kept too (lower case). Raises
    RegionDataError when the file is missing, empty, unreadable, or lacks a required
    column (a renamed column is named with its closest match).
    """
    path = Path(path)
    if not path.is_file():
        raise _fail(path, "file not found", "check the path in the scenario's region "
                    "section (relative to the scenario file)")
    suffix = path.suffix.lower()
    if suffix in EXCEL:
        df = _read_excel(path, sheet)
    elif suffix == ".parquet":
        try:
            df = pd.read_parquet(path)
        except Exception as exc:  # noqa: BLE001
            raise _fail(path, f"cannot be read as Parquet ({str(exc)[:160]})",
                        "write it with pandas or pyarrow, or use CSV") from None
    else:
        df = _read_csv(path)
    if len(df.columns) == 0 or len(df) == 0:
        raise _fail(path, "has a header but no rows" if len(df.columns) else "is empty",
                    "fill the template written by `python run_sim.py init-region DIR`")
    rename, seen = {}, {}
    for c in columns:
        for key in (c.name, *c.aliases):
            seen[_norm(key)] = c.name
    for col in df.columns:
        key = _norm(col)
        if key in seen and seen[key] not in rename.values():
            rename[col] = seen[key]
    df = df.rename(columns=rename)
    missing = [c for c in columns if c.required and c.name not in df.columns]
    if missing:
        unknown = [str(c) for c in df.columns if c not in rename.values()]
        hints = []
        for c in missing:
            close = difflib.get_close_matches(_norm(c.name), [_norm(u) for u in unknown], 1, 0.6)
            hints.append(f"{c.name} ({c.meaning_en})"
                         + (f" - is '{close[0]}' meant to be it?" if close else ""))
        raise _fail(path, f"missing column(s): {'; '.join(hints)}",
                    f"the header must name: {', '.join(c.name for c in columns if c.required)}"
                    " (see the template from `python run_sim.py init-region DIR`)")
    extra = [c for c in df.columns if keep_prefix and _norm(c).startswith(keep_prefix)]
    df = df[[c.name for c in columns if c.name in df.columns] + extra].copy()
    df.columns = [*df.columns[: len(df.columns) - len(extra)], *(_norm(c) for c in extra)]
    df.insert(0, "_row", np.arange(2, len(df) + 2))  # header is row 1 in a spreadsheet
    return df


def text(df: pd.DataFrame, column: str) -> pd.Series:
    """A column as stripped text ('' for empty); numbers as read (e.g. '1.5')."""
    if column not in df:
        return pd.Series([""] * len(df), index=df.index, dtype=object)
    s = df[column]
    if s.dtype == object and len(s) and not all(isinstance(v, str) for v in s.head(50)):
        s = s.map(lambda v: "" if v is None or (isinstance(v, float) and np.isnan(v))
                  else v.isoformat() if hasattr(v, "isoformat") else str(v))
    return s.astype(str).str.strip().replace({"nan": "", "None": "", "NaT": ""})
