"""How figures look: one colour per policy everywhere, calendar years, bands from 0.

A policy keeps its colour in every figure of every results folder, the report and the
dashboard: a built-in policy declares its colour (`color` on its class in
`model/policies`; the status quo is grey), and any other name (a composition, a custom
policy) takes a colour chosen by a stable hash of its name.
"""

from __future__ import annotations

import calendar
import zlib

import numpy as np

_OTHER = ("#d62728", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f", "#aec7e8", "#ffbb78",
          "#98df8a")
FEW_REPLICATIONS = 5  # below this, figures say the bands are wide and uncertain

# EJ bands of PermenPANRB 1/2020 (A: overloaded ... E: far under) and their colours
EJ_COLORS = {"A": "#b2182b", "B": "#ef8a62", "C": "#bababa", "D": "#67a9cf", "E": "#2166ac"}
AREA_MARKERS = {"urban": "s", "rural": "o", "remote": "^", "mountain": "v", "coastal": "D",
                "island": "P"}

# Figures are drawn at the width of an A4 page's text (210 mm less two 15 mm margins,
# `templates/report.html.j2`), so the report prints them at about their own size and
# no type is under 7 points; 200 dpi keeps lines sharp on paper.
PAGE_WIDTH = 7.0  # inches
PRINT_RC = {"font.size": 8, "axes.titlesize": 8.5, "axes.labelsize": 8,
            "xtick.labelsize": 7.5, "ytick.labelsize": 7.5, "legend.fontsize": 7.5,
            "figure.titlesize": 9, "font.family": "DejaVu Sans"}
MIN_FONT_POINTS = 7
SAVE = {"dpi": 200, "bbox_inches": "tight", "pad_inches": 0.05,
        "metadata": {"Software": None}}


def policy_color(policy: str) -> str:
    """The colour of a policy (the same in every figure): its declared one, else a hash's."""
    from ..policies.registry import policy_color as declared_color  # the policies, when drawn

    color = declared_color(policy)
    if color is not None:
        return color
    return _OTHER[zlib.crc32(str(policy).encode()) % len(_OTHER)]


def policy_order(summary) -> list[str]:
    """The policies of a summary table in the order they are shown everywhere.

    The baseline first, then the others in the order the command named them (the
    order of the table).
    """
    order = list(dict.fromkeys(summary["policy"]))
    if "baseline" in summary and summary["baseline"].iloc[0] in order:
        base = summary["baseline"].iloc[0]
        order = [base] + [p for p in order if p != base]
    return order


def calendar_years(months: np.ndarray, start_year: int) -> np.ndarray:
    """Month counts since the start (0 = 1 January of `start_year`) as fractional years."""
    return start_year + np.asarray(months, float) / 12.0



def month_dates(months, start_year: int) -> list[str]:
    """The day each month's row describes: the last day of month m (ISO 'YYYY-MM-DD').

    Month m >= 1 is the state at the end of the m-th month of the run (month 1 of a run
    starting in 2027: 2027-01-31); month 0, the starting state, is the day before the
    first month (2026-12-31). Every month has its own date.
    """
    out = []
    for m in months:
        index = start_year * 12 + int(m) - 1  # months since year 0, January = 0
        year, month = divmod(index, 12)
        day = calendar.monthrange(year, month + 1)[1]
        out.append(f"{year:04d}-{month + 1:02d}-{day:02d}")
    return out
