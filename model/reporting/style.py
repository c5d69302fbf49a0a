"""How figures look: one colour per policy everywhere, calendar years, bands from 0.

A policy keeps its colour in every figure of every results folder, the report and the
dashboard: the built-in policies have fixed colours, the status quo is grey, and any
other name (a composition, a custom policy) takes a colour chosen by a stable hash of
its name.
"""

from __future__ import annotations

import zlib

import numpy as np

POLICY_COLORS = {
    "none": "#6b6b6b",
    "balancing": "#1f77b4",
    "optimal": "#2ca02c",
    "rotation": "#ff7f0e",
    "anticipation": "#9467bd",
    "matching": "#8c564b",
}
_OTHER = ("#d62728", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f", "#aec7e8", "#ffbb78",
          "#98df8a")
FEW_REPLICATIONS = 5  # below this, figures say the bands are wide and uncertain

# EJ bands of PermenPANRB 1/2020 (A: overloaded ... E: far under) and their colours
EJ_COLORS = {"A": "#b2182b", "B": "#ef8a62", "C": "#bababa", "D": "#67a9cf", "E": "#2166ac"}
AREA_MARKERS = {"urban": "s", "rural": "o", "remote": "^", "mountain": "v", "coastal": "D",
                "island": "P"}

SAVE = {"dpi": 120, "bbox_inches": "tight", "metadata": {"Software": None}}


def policy_color(policy: str) -> str:
    """The colour of a policy (the same in every figure)."""
    if policy in POLICY_COLORS:
        return POLICY_COLORS[policy]
    return _OTHER[zlib.crc32(str(policy).encode()) % len(_OTHER)]


def calendar_years(months: np.ndarray, start_year: int) -> np.ndarray:
    """Month counts since the start (0 = 1 January of `start_year`) as fractional years."""
    return start_year + np.asarray(months, float) / 12.0

