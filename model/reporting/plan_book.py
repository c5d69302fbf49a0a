"""The draft plan as a planner's workbook: words, columns and layout.

A Baperjakat/BKPSDM team reads the plan in Excel, edits it and defends it, so the
workbook speaks their language (Indonesian headers and values by default, English
complete), opens ready to filter (bold frozen header, filters, column widths,
number formats) and hides nothing: each move's reason in words with the numbers
behind it, a flag where the position changes, the own requests to expect as numbers
on a sheet of their own (never as named moves), and every assumption explained.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..core.errors import UserError
from .audit_words import COLUMNS as AUDIT_COLUMNS
from .audit_words import audit_sheet
from .formats import fmt_fixed
from .messages_plan import (
    ASSUMPTION_ITEMS,
    ASSUMPTION_MEANINGS,
    COLUMNS,
    SHEETS,
    WORDS,
    PlanBookMsg,
)

# column -> Excel number format (None: general); the headers are `COLUMNS`
FORMATS: dict[str, str | None] = {
    "employee": "@", "round": "@", "override": "@", "from_unit_code": "@",
    "to_unit_code": "@", "origin_gap_fte": "0.00",
    "origin_ej_before": "0.00", "origin_ej_after": "0.00", "destination_gap_fte": "0.00",
    "destination_ej_before": "0.00", "destination_ej_after": "0.00", "refusal_risk": "0%",
    "adaptation_months": "0.0", "distance_km": "0.0", "cost_idr": "#,##0",
    "unmet_hours_change_from": "#,##0;-#,##0;0", "unmet_hours_change_to": "#,##0;-#,##0;0",
    "unit_code": "@", "staff": "#,##0", "year": "0", "existing": "0.0", "retiring": "0",
    "moves_in": "0.0", "moves_out": "0.0", "formasi": "0.00", "formasi_low": "0.00",
    "formasi_high": "0.00", "proposed": "0", "proposed_pns": "0", "proposed_pppk": "0",
    "expected_requests": "0.0", "staff_before": "#,##0",
    "staff_after": "#,##0", "need_fte": "0.00", "capacity_fte_before": "0.00",
    "capacity_fte_after": "0.00", "unmet_hours_before": "#,##0", "unmet_hours_after": "#,##0",
}


def _num(x: float, lang: str, digits: int = 1) -> str:
    return "–" if x != x else fmt_fixed(float(x), digits, lang)


def move_reason(label: str, rec, from_role: str, to_role: str, lang: str = "id") -> str:
    """A move's reason in words with the numbers behind it (gaps in FTE, EJ before/after)."""
    og, dg = float(rec.origin_gap_fte), float(rec.destination_gap_fte)
    return WORDS["reason"].format(
        lang, label=label, side=WORDS["surplus" if og > 0 else "deficit"],
        gap_out=_num(abs(og), lang), from_role=from_role,
        ej_out=f"EJ {_num(rec.origin_ej_before, lang, 2)} → "
               f"{_num(rec.origin_ej_after, lang, 2)}",
        need=WORDS["deficit" if dg < 0 else "surplus"], gap_in=_num(abs(dg), lang),
        to_role=to_role,
        ej_in=f"EJ {_num(rec.destination_ej_before, lang, 2)} → "
              f"{_num(rec.destination_ej_after, lang, 2)}")


def _limit(value, unit: str, lang: str) -> str:
    if value is None:
        return WORDS["no_limit"][lang]
    return f"{value:,} {WORDS[unit][lang]}".replace(",", "." if lang == "id" else ",")


def assumption_rows(scenario, policy_words: str, label: str, seed: int, adapted: float,
                    lang: str = "id") -> pd.DataFrame:
    """The assumptions sheet: every item in words, its value, and what it means."""
    c = scenario.mutation.constraints
    pct = f"{adapted:.0%}".replace(".", ",") if lang == "id" else f"{adapted:.0%}"
    values = {  # item -> its value ('' : see its meaning)
        "round": label, "policy": policy_words, "scenario": scenario.name, "seed": str(seed),
        "adaptation_months": pct, "hours": f"{scenario.workload.effective_hours:g}",
        "min_tenure": _limit(c.min_months_in_position, "months", lang),
        "retirement_buffer": _limit(c.retirement_buffer_months, "months", lang),
        "moves_per_year": _limit(c.max_moves_per_year, "moves", lang),
        "budget_per_year": _limit(c.budget_idr_per_year, "idr", lang),
    }
    see = WORDS["see_meaning"][lang]
    return pd.DataFrame({"item": [t[lang] for t in ASSUMPTION_ITEMS.values()],
                         "value": [values.get(k) or see for k in ASSUMPTION_ITEMS],
                         "meaning": [ASSUMPTION_MEANINGS[k][lang] for k in ASSUMPTION_ITEMS]})


def check_plan_path(path: Path, overwrite: bool = False, suffix: str = ".xlsx") -> Path:
    """The plan's workbook path (or its page's), refused before a run if it cannot be written."""
    path = Path(path)
    if path.suffix.lower() != suffix:
        raise UserError(PlanBookMsg.not_workbook(path=path))
    if path.exists() and not overwrite:
        raise UserError(PlanBookMsg.exists(path=path))
    return path


def _words(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    out = df.copy()
    yes, no = WORDS["yes"][lang], WORDS["no"][lang]
    for col in out.columns:
        if out[col].dtype == bool:
            out[col] = [yes if v else no for v in out[col]]
    return out


def _layout(sheet, df: pd.DataFrame, keys: list[str],
            formats: dict[str, str | None]) -> None:
    """Bold frozen header with filters, widths from the contents, number formats."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet.freeze_panes = "A2"
    if len(df.columns):
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(df.columns))}{len(df) + 1}"
    for j, (key, col) in enumerate(zip(keys, df.columns, strict=True), start=1):
        cell = sheet.cell(row=1, column=j)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        # an empty cell (None, NaN: an interval of one replication) is 0 wide
        lengths = pd.Series([len(str(v)) if v is not None and v == v else 0 for v in df[col]],
                            dtype=float)
        width = max(min(int(lengths.quantile(0.9)) if len(df) else 0, 60),
                    min(len(str(col)), 28), 8) + 2
        sheet.column_dimensions[get_column_letter(j)].width = width
        fmt = formats.get(key)
        if fmt:
            for row in range(2, len(df) + 2):
                sheet.cell(row=row, column=j).number_format = fmt
    sheet.row_dimensions[1].height = 45


def write_plan(plan, path: Path, lang: str = "id", overwrite: bool = False) -> Path:
    """Write the plan as a workbook: moves, explanations, units, requests, audit, assumptions."""
    path = check_plan_path(path, overwrite)
    frames = {"moves": plan.moves, "explanations": plan.explanations, "units": plan.units,
              "requests": plan.requests, "audit": audit_sheet(plan.audit, lang),
              "assumptions": plan.assumptions}
    if plan.five_year is not None:  # the needs of the years ahead, e-Formasi's layout
        frames = {"moves": plan.moves, "explanations": plan.explanations,
                  "formasi_positions": _named(plan.five_year.positions, plan.role_names),
                  "formasi": _named(plan.five_year.cells, plan.role_names)} | {
            k: v for k, v in frames.items() if k not in ("moves", "explanations")}
    return write_book(path, {SHEETS[key][lang]: df for key, df in frames.items()},
                      COLUMNS | AUDIT_COLUMNS, lang)


def _named(table: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """A plan table with its positions named in the reader's words, numbers rounded."""
    out = table.assign(position=[names.get(p, p) for p in table["position"]])
    return out.round({"existing": 1, "need_fte": 2, "moves_in": 1, "moves_out": 1,
                      "formasi": 2, "formasi_low": 2, "formasi_high": 2})


def write_book(path: Path, sheets: dict[str, pd.DataFrame], headers: dict, lang: str,
               formats: dict[str, str | None] | None = None) -> Path:
    """Sheets (name -> frame with key columns) as a planner's workbook, in `lang`.

    Headers are `headers[key][lang]`, yes/no columns in words, and each sheet laid out
    by `_layout` (bold frozen header, filters, widths, `formats` by key, else
    `FORMATS`). Raises UserError when the file cannot be written.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with pd.ExcelWriter(path, engine="openpyxl") as book:
            for name, df in sheets.items():
                keys = list(df.columns)
                shown = _words(df, lang).rename(columns={k: headers[k][lang] for k in keys})
                shown = shown.replace({np.nan: None})
                shown.to_excel(book, sheet_name=name, index=False)
                _layout(book.sheets[name], shown, keys, formats or FORMATS)
    except OSError as exc:
        raise UserError(PlanBookMsg.cannot_write(path=path, why=exc.strerror or exc)) from None
    return path
