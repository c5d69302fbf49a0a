"""The figure of a scenario of several governments: unmet need by government.

One horizontal bar per government (per province above `report_governments.MANY`)
and policy: the share of need left unmet at the horizon, mean over replications,
from the folder's `summary_governments.csv` (written by `model.governments.files`).
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib import rc_context
from matplotlib.figure import Figure

from .figures import _keys, footer, number_axis
from .labels import t
from .report_governments import MANY
from .style import PAGE_WIDTH, PRINT_RC, SAVE, policy_color, policy_order

NAME = "unmet_by_government.png"


def unmet_by_government(summary: pd.DataFrame, out: Path, lang: str = "id") -> Path | None:
    """Save the figure into `out` (a folder); None when there is nothing to draw."""
    n = summary.loc[summary["level"] == "government", "government"].nunique()
    level, key = ("province", "province") if n > MANY else ("government", "government")
    rows = summary[(summary["level"] == level) & (summary["metric"] == "p_unmet")]
    if rows.empty:
        return None
    policies = policy_order(rows)
    names = list(dict.fromkeys(rows[key]))
    with rc_context(PRINT_RC):
        height = 1.2 + 0.22 * len(names) * math.sqrt(max(len(policies), 1))
        fig = Figure(figsize=(PAGE_WIDTH, min(height, 40)), layout="constrained")
        ax = fig.add_subplot()
        width = 0.8 / len(policies)
        y = np.arange(len(names))
        for i, p in enumerate(policies):
            got = rows[rows["policy"] == p].set_index(key)["mean"].reindex(names)
            ax.barh(y + (i - (len(policies) - 1) / 2) * width, got.to_numpy() * 100,
                    height=width, color=policy_color(p))
        ax.set_yticks(y, names, fontsize=6 if len(names) > 20 else 8)
        ax.invert_yaxis()
        ax.set_xlabel(f"{t('unmet_share_title', lang)} (%)")
        ax.grid(axis="x", alpha=0.3)
        number_axis(ax.xaxis, lang)
        reps = int(rows["n_replications"].max())
        footer(fig, reps, lang, _keys(policies, lang))
        path = Path(out) / NAME
        path.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(path, **SAVE)
    return path
