"""How the cells of a region's files are read as values: numbers, dates, occupations.

Each reader works on a whole column of text (as `scenario.tables.text` gives it) and
says which cells it could not read and why; it never guesses. A number such as 1.250
is one thousand two hundred and fifty in Indonesian and one and a quarter in English:
it is refused, not read either way. A date is the one written, whatever time zone
follows it. An occupation is the code of the occupations file, or its label (as
SIASN exports it), when that names exactly one.
"""

from __future__ import annotations

import difflib

import numpy as np
import pandas as pd

from ..core.text import Message
from ..core.vocab import Vocabulary
from . import roster_columns as cols
from .messages_region import Reason, RosterReason
from .scenario import Scenario
from .tables import Problems

_GROUPED = r"[+-]?[1-9]\d{0,2}[.,]\d{3}"  # 1.250 or -12,500: thousands or decimals?
_THOUSANDS = r"[+-]?[1-9]\d{0,2}(?:\.\d{3}){2,}|[+-]?[1-9]\d{0,2}(?:,\d{3}){2,}"  # 1.250.000


def ambiguous(s: pd.Series, floats: np.ndarray | None = None) -> np.ndarray:
    """Text numbers like 1.250 or 12,500 (one kind of separator, groups of three).

    In Indonesian 1.250 is one thousand two hundred and fifty; in English it is one
    and a quarter. Nothing in the cell says which, so it is refused, never guessed;
    a number cell of a workbook is not text and is never ambiguous.
    """
    amb = s.str.fullmatch(_GROUPED).fillna(False).to_numpy(bool)  # one kind: groups of 3
    return amb if floats is None else amb & ~floats


def number(s: pd.Series, floats: np.ndarray | None = None, *,
            share: bool = False) -> pd.Series:
    """Text to numbers; NaN where not a number, empty, or ambiguous (see `ambiguous`).

    A decimal comma is accepted (0,75); with both separators the last one is the
    decimal one (1.250,5 and 1,250.5 are both 1250.5). For a share from 0 to 1
    (`share=True`) 1.000 can only be one, so nothing is ambiguous there.
    """
    both = (s.str.contains(".", regex=False) & s.str.contains(",", regex=False)).to_numpy(bool)
    plain = s
    grouped = s.str.fullmatch(_THOUSANDS).fillna(False).to_numpy(bool)
    if grouped.any():  # two or more groups of three: only thousands separators can do that
        plain = s.copy()
        plain[grouped] = s[grouped].str.replace(r"[.,]", "", regex=True)
    if both.any():  # rare: both separators in one cell
        mixed = s[both]
        comma_last = mixed.map(lambda v: v.rfind(",") > v.rfind("."))
        fixed = mixed.where(comma_last, mixed.str.replace(",", "", regex=False)) \
            .where(~comma_last, mixed.str.replace(".", "", regex=False))
        plain = plain.copy()
        plain[both] = fixed
    num = pd.to_numeric(plain.str.replace(",", ".", regex=False), errors="coerce")
    return num if share else num.where(~ambiguous(s, floats))


def per_value(values: pd.Series, reason) -> np.ndarray:
    """`reason(value)` for each cell, made once per distinct value (a column of messages)."""
    made = {v: reason(v) for v in pd.unique(values)}
    out = np.empty(len(values), object)
    out[:] = [made[v] for v in values]
    return out


def number_reason(s: pd.Series, bad: np.ndarray, floats: np.ndarray | None,
                  reason: Message) -> np.ndarray:
    """For the rows of `bad`: the ambiguity message where that is why, else `reason`."""
    out = np.empty(int(bad.sum()), object)
    out[:] = [reason] * out.size
    amb = ambiguous(s, floats)[bad]
    if amb.any():
        out[amb] = per_value(pd.Series(s)[bad][amb],
                             lambda v: Reason.ambiguous(value=v))
    return out


# ------------------------------------------------------------------------ dates
_TIME = r"(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)?"
_ISO_DATE = r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:[T ]" + _TIME + r")?"
_DAY_FIRST = r"(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})"


def date_months(raw: pd.Series) -> tuple[np.ndarray, np.ndarray, pd.Series]:
    """Text dates to absolute months; also whether each is bad, and the dates.

    Accepted: YYYY-MM-DD (with a time of day and a time zone after it, as a
    workbook or a database writes it: the date is the one written, whatever the
    zone) and DD/MM/YYYY, DD-MM-YYYY or DD.MM.YYYY (the day first, as in Indonesia).
    """
    parsed = pd.to_datetime(raw, format="%Y-%m-%d", errors="coerce")  # most rows: fast
    other = (parsed.isna() & (raw != "")).to_numpy(bool)
    if other.any():
        rest = raw[other]
        parts = rest.str.extract(f"^(?:{_ISO_DATE})$")
        day_first = rest.str.extract(f"^(?:{_DAY_FIRST})$")
        parts = parts.where(parts["y"].notna(), day_first)
        text = (parts["y"].fillna("0000") + "-" + parts["m"].fillna("1").str.zfill(2) + "-"
                + parts["d"].fillna("1").str.zfill(2))
        parsed[other] = pd.to_datetime(text.where(parts["y"].notna(), ""),
                                       format="%Y-%m-%d", errors="coerce")
    bad = (parsed.isna() & (raw != "")).to_numpy()
    months = np.where(parsed.isna(), 0,
                      parsed.dt.year.fillna(0) * 12 + parsed.dt.month.fillna(1) - 1)
    return months.astype(np.int64), bad, parsed


def date_reason(raw: pd.Series) -> np.ndarray:
    """Why each date could not be read: an Excel serial number, or the format."""
    num = pd.to_numeric(raw, errors="coerce")
    serial = (num.notna() & (num > 1000) & (num < 100000)).to_numpy(bool)
    out = np.empty(len(raw), object)
    out[:] = [Reason.not_a_date()] * out.size
    if serial.any():
        day = pd.Timestamp("1899-12-30") + pd.to_timedelta(num[serial], unit="D")
        date_of = dict(zip(raw[serial], day.dt.strftime("%Y-%m-%d"), strict=True))
        out[serial] = per_value(raw[serial],
                                lambda v: Reason.excel_serial(day=v, date=date_of[v]))
    return out


def check_dates(problems: Problems, file: str, rows: np.ndarray, column: str,
                 raw: pd.Series, required: bool) -> tuple[np.ndarray, np.ndarray, pd.Series]:
    """Months of a date column, the rows not usable (bad or empty), and the dates."""
    months, bad, parsed = date_months(raw)
    if bad.any():
        problems.add(file, rows[bad], column, raw[bad], date_reason(raw[bad]))
    empty = (raw == "").to_numpy()
    if required:
        problems.add(file, rows[empty], column, "", Reason.required())
    return months, bad | empty, parsed


# ------------------------------------------------------------------ occupations
def occupation_codes(raw: pd.Series, scenario: Scenario,
                 vocab: Vocabulary) -> tuple[pd.Series, pd.Series]:
    """Occupation index per row, and how it was found ('code', 'label') or why not.

    The code of the occupations file, or (as SIASN exports it) its label or the code
    in other capitals and spacing, when that names exactly one occupation.
    """
    exact = raw.map(vocab.occ_index)
    if exact.notna().all():
        return exact, pd.Series("code", index=raw.index, dtype=object)
    keys: dict[str, set[int]] = {}
    for o, spec in scenario.region.occupations.items():
        for name in (o, spec.label):
            if name:
                keys.setdefault(cols.word(name), set()).add(vocab.occ_index[o])
    unique = {k: next(iter(v)) for k, v in keys.items() if len(v) == 1}
    loose = pd.Series(np.nan, index=raw.index)
    missing = exact.isna() & (raw != "")
    loose[missing] = [unique.get(cols.word(v), np.nan) for v in raw[missing]]
    occ = exact.where(exact.notna(), loose)
    choices = list(vocab.occ_index)
    why = {v: unknown_occupation(v, choices) for v in raw[occ.isna() & (raw != "")].unique()}
    how = pd.Series(np.where(exact.notna(), "code", np.where(loose.notna(), "label", "")),
                    index=raw.index, dtype=object)
    how = how.where(occ.notna(), raw.map(why))
    return occ, how


def unknown_occupation(value: str, choices: list[str]) -> Message:
    """Why `value` is no occupation, with the closest code when one is close."""
    close = difflib.get_close_matches(cols.word(value), choices, 1, 0.6)
    if close:
        return RosterReason.occupation_close(close=close[0])
    return RosterReason.occupation_unknown()
