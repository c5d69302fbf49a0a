"""The evaluation of a planner's list as a workbook (`run_sim.py evaluate`).

Seven sheets, laid out like the draft plan's (`plan_book.write_book`): the findings in
sentences, the headline metrics of each arm with the paired differences and their
95 % intervals, every row of the file with its status and reason (read = run +
refused), each move that ran with its details at the round and what it did over the
replications, an explanation of each move for the person moved, the merit and fairness
audit of the arms' moves, and what the evaluation rests on.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from ..simulation.metrics import METRICS, headline
from .audit_words import COLUMNS as AUDIT_COLUMNS
from .formats import fmt_interval, fmt_value
from .labels import unit_label
from .messages_evaluation import COLUMNS, ITEMS, MEANINGS, SHEETS
from .messages_plan import WORDS as PLAN_WORDS
from .plan_book import FORMATS, write_book

BOOK_NAME = "evaluation.xlsx"
KEYS = (*headline(), "cost_moves_idr", "new_moves_forced")  # the summary sheet's rows
BOOK_FORMATS = FORMATS | {
    "file_row": "0", "share_executed": "0%", "share_forced": "0%", "share_refused": "0%",
    "share_blocked": "0%", "share_not_proposed": "0%", "to_role_given": "@",
}


def _summary(summary: pd.DataFrame, versus_draft: pd.DataFrame | None,
             lang: str) -> pd.DataFrame:
    """One row per metric: each arm's mean, the list's paired differences, intervals."""
    by = summary.set_index(["policy", "metric"])
    arms = set(summary["policy"])
    rows = []
    for key in dict.fromkeys(KEYS):
        m = METRICS[key]
        row: dict[str, Any] = {
            "metric": m.label(lang), "unit_of": unit_label(m.unit, lang),
            "status_quo": fmt_value(by.loc[("none", key), "mean"], m.unit, lang),
            "list": fmt_value(by.loc[("list", key), "mean"], m.unit, lang),
            "list_diff": fmt_value(by.loc[("list", key), "diff_mean"], m.unit, lang, True),
            "list_ci": fmt_interval(by.loc[("list", key), "diff_ci_low"],
                                    by.loc[("list", key), "diff_ci_high"], m.unit, lang, True),
        }
        if "draft" in arms:
            vs = versus_draft.set_index(["policy", "metric"]).loc[("list", key)]
            row |= {
                "draft": fmt_value(by.loc[("draft", key), "mean"], m.unit, lang),
                "draft_diff": fmt_value(by.loc[("draft", key), "diff_mean"], m.unit, lang,
                                        True),
                "vs_draft": fmt_value(vs["diff_mean"], m.unit, lang, True),
                "vs_draft_ci": fmt_interval(vs["diff_ci_low"], vs["diff_ci_high"], m.unit,
                                            lang, True),
            }
        rows.append(row)
    return pd.DataFrame(rows)


def _findings(sections: list[tuple[str, list[str]]]) -> pd.DataFrame:
    return pd.DataFrame([{"section": title, "finding": sentence}
                         for title, sentences in sections for sentence in sentences])


def _about(about: dict[str, Any], lang: str) -> pd.DataFrame:
    values = {k: ("-" if v is None else str(v)) for k, v in about.items()}
    return pd.DataFrame({"item": [ITEMS[k][lang] for k in ITEMS],
                         "value": [values.get(k, "-") for k in ITEMS],
                         "meaning": [MEANINGS[k][lang] for k in ITEMS]})


def write_evaluation_book(path: Path, lang: str, *, summary: pd.DataFrame,
                          findings: list[tuple[str, list[str]]],
                          versus_draft: pd.DataFrame | None,
                          draft_findings: list[tuple[str, list[str]]],
                          rows: pd.DataFrame, moves: pd.DataFrame,
                          explanations: pd.DataFrame, about: dict[str, Any],
                          audit: pd.DataFrame) -> Path:
    """Write the evaluation workbook at `path` (inside the results folder being written)."""
    yes, no = PLAN_WORDS["yes"][lang], PLAN_WORDS["no"][lang]
    rows = rows.assign(override=[yes if v else "" for v in rows["override"]])
    moves = moves.assign(role_change=[yes if v else no for v in moves["role_change"]])
    sheets = {
        SHEETS["findings"][lang]: _findings(findings + draft_findings),
        SHEETS["summary"][lang]: _summary(summary, versus_draft, lang),
        SHEETS["rows"][lang]: rows.rename(columns={"to_role": "to_role_given"}),
        SHEETS["moves"][lang]: moves,
        SHEETS["explanations"][lang]: explanations,
        SHEETS["audit"][lang]: audit,
        SHEETS["about"][lang]: _about(about, lang),
    }
    return write_book(path, sheets, COLUMNS | AUDIT_COLUMNS, lang, BOOK_FORMATS)
