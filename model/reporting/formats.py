"""Numbers and tables as planners read them: separators, Rupiah, shares, 100 columns.

Indonesian writes 6.936 for six thousand, 0,856 for a fraction, "Rp 1,2 miliar" for
1.2e9 rupiah and 85,6 % for a share; English writes 6,936, 0.856, "IDR 1.2 billion"
and 85.6 %. Console tables are cut to fit a terminal of 100 columns (the CSV files
keep every character).
"""

from __future__ import annotations

import math
import re

import pandas as pd

from ..core.text import words

WIDTH = 100  # console columns

# the currency and the scales a planner says money in, in both languages
MONEY = words("reporting.money", {
    "currency": ("Rp", "IDR"),
    "trillion": ("triliun", "trillion"), "billion": ("miliar", "billion"),
    "million": ("juta", "million"),
})
_SCALES = ((1e12, MONEY["trillion"]), (1e9, MONEY["billion"]), (1e6, MONEY["million"]))


def _local(text: str, lang: str) -> str:
    """Swap the English separators for Indonesian ones when `lang` is 'id'."""
    if lang == "id":
        return text.replace(",", "_").replace(".", ",").replace("_", ".")
    return text


def fmt_number(x: float, lang: str = "id") -> str:
    """A number with the language's separators and a precision that suits its size."""
    if x is None or x != x:  # NaN
        return "-"
    if x == 0:
        return "0"
    ax = abs(x)  # thresholds after rounding: 99.996 is "100", not "100,00"
    digits = 0 if ax >= 99.995 else 2 if ax >= 0.9995 else 3
    return _local(f"{x:,.{digits}f}", lang)


def fmt_count(x: float, lang: str = "id") -> str:
    """A count or a mean of counts: whole above 10, one decimal below (never '83,00')."""
    if x is None or x != x:
        return "-"
    digits = 0 if abs(x) >= 9.95 or float(x).is_integer() else 1
    return _local(f"{x:,.{digits}f}", lang)


def fmt_idr(x: float, lang: str = "id", signed: bool = False) -> str:
    """Rupiah in words a planner says: 'Rp 1,2 miliar', 'Rp 350 juta' ('IDR 1.2 billion')."""
    if x is None or x != x:
        return "-"
    sign = "-" if x < 0 else "+" if signed and x > 0 else ""
    ax = abs(x)
    cur = MONEY["currency"][lang]
    for scale, word in _SCALES:
        if ax >= scale * 0.9995:
            v = ax / scale  # decimals chosen after rounding: 1.996 is "2,0", not "2,00"
            digits = 0 if v >= 99.95 else 1 if v >= 1.995 else 2
            num = _local(f"{v:,.{digits}f}", lang)
            return f"{sign}{cur} {num} {word[lang]}"
    return f"{sign}{cur} {_local(f'{ax:,.0f}', lang)}"


def fmt_share(x: float, lang: str = "id", signed: bool = False) -> str:
    """A share as a percentage ('85,6 %'); a difference of shares in points ('+1,2 pp')."""
    if x is None or x != x:
        return "-"
    v = 100 * x
    digits = 1 if abs(v) >= 1 or v == 0 else 2
    text = _local(f"{v:+.{digits}f}" if signed else f"{v:.{digits}f}", lang)
    return f"{text} {'pp' if signed else '%'}"


def fmt_value(x: float, unit: str, lang: str = "id", signed: bool = False) -> str:
    """A metric's value in its unit's format (METRICS units: orang, IDR, proporsi...)."""
    if unit == "IDR":
        return fmt_idr(x, lang, signed)
    if unit == "proporsi":
        return fmt_share(x, lang, signed)
    text = fmt_count(x, lang) if unit == "orang" else fmt_number(x, lang)
    if signed and text not in ("0", "-") and not text.startswith("-") and \
            text.strip("0,.") != "":
        text = "+" + text
    return text


def fmt_interval(lo: float, hi: float, unit: str, lang: str = "id",
                 signed: bool = False) -> str:
    """'[lo ; hi]' in the unit's format (empty when the interval is undefined)."""
    if lo is None or hi is None or lo != lo or hi != hi:
        return ""
    if unit == "proporsi":
        return f"[{fmt_value(lo, unit, lang, signed)} ; {fmt_value(hi, unit, lang, signed)}]"
    if unit == "IDR":  # one scale and one precision for both ends: [Rp 1,0 ; Rp 2,3 miliar]
        big = max(abs(lo), abs(hi))
        scale = next(((v, word[lang]) for v, word in _SCALES if big >= v * 0.9995), None)
        if scale is None:
            return f"[{fmt_idr(lo, lang, signed)} ; {fmt_idr(hi, lang, signed)}]"
        v = big / scale[0]
        digits = 0 if v >= 99.95 else 1 if v >= 1.995 else 2
        cur = MONEY["currency"][lang]

        def rupiah(x: float) -> str:
            sign = "-" if x < 0 else "+" if signed and x > 0 else ""
            return f"{sign}{cur} {_local(f'{abs(x) / scale[0]:,.{digits}f}', lang)}"

        return f"[{rupiah(lo)} ; {rupiah(hi)} {scale[1]}]"
    # both ends with the decimals the larger one needs: [+0,56 ; +12,64], not [+0,562 ; +12,64]
    big = max(abs(lo), abs(hi))
    if unit == "orang":
        digits = 0 if big >= 9.95 or (float(lo).is_integer() and float(hi).is_integer()) else 1
    else:
        digits = 0 if big >= 99.995 else 2 if big >= 0.9995 else 3

    def end(x: float) -> str:
        text = _local(f"{x:{'+' if signed else ''},.{digits}f}", lang)
        return "0" if text.strip("+-0,.") == "" else text

    return f"[{end(lo)} ; {end(hi)}]"


def crosses_zero(lo: float, hi: float) -> bool:
    """True when an interval of a difference contains 0 (or is undefined)."""
    return not (lo == lo and hi == hi) or (lo <= 0 <= hi)


def fmt_fixed(x: float, digits: int, lang: str = "id") -> str:
    """A number with exactly `digits` decimals and the language's separators."""
    if x is None or x != x:
        return "-"
    return _local(f"{x:,.{digits}f}", lang)


def fmt_plain(x: float, lang: str = "id") -> str:
    """A declared value as written: 10, 0,7, 3.000.000 (no forced decimals)."""
    x = float(x)
    if abs(x) >= 1e12:
        return f"{x:.0e}".replace("e+0", "e").replace("e+", "e")
    if x.is_integer():
        return _local(f"{int(x):,}", lang)
    return _local(f"{x:,.6g}" if abs(x) < 1000 else f"{x:,.2f}", lang)


def fit_table(df: pd.DataFrame, width: int = WIDTH, keep: int = 12,
              fixed: tuple[str, ...] = ()) -> str:
    """`df.to_string` cut to `width` columns by shortening its longest text cells.

    The widest text column (not one of `fixed`) loses characters (ending in '…') until
    the table fits or every such column is down to `keep` characters; a table that
    cannot fit that way is not cut at all but wrapped by pandas into blocks of
    columns. A column of numbers (values, intervals, amounts in Rupiah) is never cut:
    a cut interval reads as another number.
    """
    df = original = df.astype(str)
    # how short each column may get: numbers keep their cells (only a long header is
    # cut, to the cells' width), text keeps `keep` characters, `fixed` keeps all
    floor = {}
    for c in df.columns:
        cells = int(df[c].str.len().max()) if len(df) else 0
        if c not in fixed:
            floor[c] = max(min(keep, 8), cells) if _numbers(df[c]) else keep
    for _ in range(500):
        text = _render(df)
        over = max(map(len, text.splitlines()), default=0) - width
        if over <= 0:
            return text
        lengths = {c: max(len(str(c)), df[c].str.len().max() if len(df) else 0)
                   for c in floor}
        cuttable = [c for c in floor if lengths[c] > floor[c]]
        if not cuttable:
            break
        col = max(cuttable, key=lambda c: lengths[c])
        limit = max(floor[col], lengths[col] - max(1, math.ceil(over / 2)))
        df[col] = df[col].map(lambda s, n=limit: _cut(s, n))
        if len(str(col)) > limit:
            new, i = _cut(str(col), limit), 1
            while new in df.columns:  # two headers cut to the same prefix stay apart
                i += 1
                new = _cut(str(col), limit - len(str(i))) + str(i)
            df = df.rename(columns={col: new})
            floor[new] = floor.pop(col)
    return _render(original, width)  # cutting cannot make it fit: wrap it whole instead


def _render(df: pd.DataFrame, width: int | None = None) -> str:
    """`to_string` with the first column (the row's name) aligned left."""
    if df.empty or not len(df.columns):
        return df.to_string(index=False)
    first = df.columns[0]
    n = max(len(str(first)), df[first].str.len().max())
    df = df.assign(**{first: df[first].str.ljust(n)}).rename(
        columns={first: str(first).ljust(n)})
    return df.to_string(index=False, line_width=width, justify="left") if width else \
        df.to_string(index=False)


_NUMBER = re.compile(r"^(?:[-+]?(?:Rp |IDR )?[\d.,]+(?: \S+)?(?: \[.*\])?(?: \S+)?|-|)$")


def _numbers(column: pd.Series) -> bool:
    """Whether every cell is a number, an amount or a value with its interval."""
    return bool(len(column)) and bool(column.map(lambda s: bool(_NUMBER.match(s))).all())


def _cut(text: str, n: int) -> str:
    return text if len(text) <= n else text[:n - 1] + "…"
