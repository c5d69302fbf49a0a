"""NIP (Nomor Induk Pegawai): the 18-digit civil-servant number and what it encodes.

Layout (Peraturan Kepala BKN on NIP; the NI PPPK is read the same way, an
assumption): digits 1-8 birth date YYYYMMDD, 9-14 the month of appointment as
CPNS/PPPK (TMT) YYYYMM, 15 sex (1 male, 2 female), 16-18 a sequence number.
Everything here is vectorised over a roster's NIP column.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..core.errors import UserError
from ..scenario.messages_region import RosterReason

SEPARATORS = r"[\s.\u00a0-]"  # as SIASN and letters print a NIP: 19960412 202111 1 003


def clean(raw: pd.Series, float_cell: np.ndarray) -> tuple[pd.Series, np.ndarray, np.ndarray]:
    """NIP text ready to parse; which cells were stored as numbers; which were normalised.

    A NIP that went through a floating-point number (an Excel number cell, or text
    such as '1.99604E+17' or '199604122021111003.0') lost its last digits: it is
    never parsed, so no rounded number passes as somebody's NIP. A NIP written in
    groups ('19960412 202111 1 003', dots or dashes between them), or after Excel's
    text marker ('), is read without them.
    """
    s = raw.astype(str)
    plain = s.str.fullmatch(r"[0-9]{18}").fillna(False).to_numpy(bool) & ~np.asarray(float_cell,
                                                                                  bool)
    if plain.all():  # the usual roster: nothing to clean
        none = np.zeros(len(s), bool)
        return s, none, none
    # Excel's text marker typed before a number ('199604...) is not part of the NIP
    marked = s.str.fullmatch(r"'[0-9][0-9\s.\u00a0-]*").fillna(False).to_numpy(bool)
    s = s.where(~marked, s.str.slice(1))
    looks_float = s.str.fullmatch(r"[0-9](?:[.,][0-9]+)?[eE][+]?[0-9]+|[0-9]{15,}[.,]0*") \
        .fillna(False).to_numpy(bool)
    number = np.asarray(float_cell, bool) | looks_float
    grouped = s.str.fullmatch(r"[0-9][0-9\s.\u00a0-]*[0-9]").fillna(False).to_numpy(bool) \
        & s.str.contains(SEPARATORS, regex=True).to_numpy(bool) & ~number
    joined = s.str.replace(SEPARATORS, "", regex=True)
    normalised = (grouped | marked) & (joined.str.len() == 18).to_numpy(bool)
    out = s.where(~normalised, joined).where(~number, "")
    return out, number, normalised


@dataclass
class ParsedNip:
    """What a roster's NIP column encodes; `ok` marks well-formed numbers."""

    ok: np.ndarray          # 18 digits, a real birth date, month 1-12, sex 1 or 2
    digits_ok: np.ndarray   # exactly 18 digits
    birth: pd.Series        # datetime64 (NaT where not a date)
    start_month: np.ndarray  # absolute month of appointment (year * 12 + month - 1)
    female: np.ndarray      # sex digit is 2
    value: np.ndarray       # the NIP as int64 (0 where not 18 digits)


def parse(nip: pd.Series) -> ParsedNip:
    """Parse a column of NIP text (already stripped)."""
    s = nip.astype(str)
    digits_ok = (s.str.len() == 18) & s.str.fullmatch(r"[0-9]{18}").fillna(False)
    digits_ok = digits_ok.to_numpy(bool)
    good = s.where(digits_ok, "000000000000000000")
    birth = pd.to_datetime(good.str.slice(0, 8), format="%Y%m%d", errors="coerce")
    year = pd.to_numeric(good.str.slice(8, 12), errors="coerce").to_numpy(np.int64)
    month = pd.to_numeric(good.str.slice(12, 14), errors="coerce").to_numpy(np.int64)
    sex = good.str.slice(14, 15).to_numpy(str)
    ok = digits_ok & birth.notna().to_numpy() & (month >= 1) & (month <= 12) \
        & np.isin(sex, ["1", "2"])
    # exact: 18 ASCII digits fit in int64; never through a float (that rounds them)
    value = good.astype("str").astype("int64").to_numpy(np.int64)
    return ParsedNip(ok=ok, digits_ok=digits_ok, birth=birth,
                     start_month=year * 12 + month - 1, female=sex == "2", value=value)


def make(birth: pd.Series, start_month: np.ndarray, female: np.ndarray) -> np.ndarray:
    """NIP text for people with these birth dates, appointment months and sexes.

    The sequence (last three digits) numbers people who share the first fifteen
    digits, from 001, so the numbers are unique.
    """
    year, month = np.divmod(np.asarray(start_month, np.int64), 12)
    head = (birth.dt.strftime("%Y%m%d").to_numpy(str).astype(object)
            + pd.Series(year).astype(str).str.zfill(4).to_numpy(object)
            + pd.Series(month + 1).astype(str).str.zfill(2).to_numpy(object)
            + np.where(female, "2", "1").astype(object))
    seq = pd.Series(head).groupby(head).cumcount().to_numpy() + 1
    if seq.max(initial=0) > 999:
        raise UserError(RosterReason.nip_not_unique())
    return (head + pd.Series(seq).astype(str).str.zfill(3).to_numpy(object)).astype(str)
