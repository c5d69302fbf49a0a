"""The report's section on a scenario of several governments: each one's numbers.

Read from the folder's `summary_governments.csv` (`model.governments.files`): for each
government (each province when there are more than `MANY`), its staff and unmet
need under the baseline at the horizon, and for every other policy the paired
difference in unmet need and in remote coverage, with its 95 % interval. None for a
folder of one government.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..core.errors import UserError
from ..core.text import in_language, words
from .formats import fmt_count, fmt_interval, fmt_value
from .labels import policy_label
from .messages_report import ReportMsg

MANY = 40  # above this many governments the table shows provinces
SHOWN = ("p_unmet", "p_remote_covered")

TEXT = words("report.governments", {
    "title": ("Menurut pemerintah", "By government"),
    "note_government": ("Setiap pemerintah di akhir horizon: pegawai dan kebutuhan tidak "
                        "terpenuhi dengan {base}, lalu selisih setiap kebijakan terhadap "
                        "{base} (replikasi berpasangan, interval 95 %).",
                        "Each government at the horizon: staff and unmet need under "
                        "{base}, then each policy's difference from {base} (paired "
                        "replications, 95 % interval)."),
    "note_province": ("Setiap provinsi (pemerintah provinsi dan kabupaten/kotanya) di akhir "
                      "horizon: pegawai dan kebutuhan tidak terpenuhi dengan {base}, lalu "
                      "selisih setiap kebijakan terhadap {base} (replikasi berpasangan, "
                      "interval 95 %).",
                      "Each province (its own government and its kabupaten/kota) at the "
                      "horizon: staff and unmet need under {base}, then each policy's "
                      "difference from {base} (paired replications, 95 % interval)."),
    "government": ("Pemerintah", "Government"),
    "province": ("Provinsi", "Province"),
    "staff": ("Pegawai", "Staff"),
    "unmet": ("Kebutuhan tidak terpenuhi", "Unmet need"),
    "diff": ("{policy}: selisih {metric}", "{policy}: difference in {metric}"),
    "unmet_short": ("kebutuhan tidak terpenuhi", "unmet need"),
    "remote_short": ("kebutuhan daerah terpencil terpenuhi", "remote need covered"),
})


def governments_section(run_dir: Path, lang: str) -> dict | None:
    """The section's title, note, columns and rows; None without `summary_governments.csv`."""
    path = run_dir / "summary_governments.csv"
    if not path.is_file():
        return None
    try:
        table = pd.read_csv(path, keep_default_na=False, na_values=[""])
    except (OSError, ValueError, pd.errors.ParserError) as exc:
        raise UserError(ReportMsg.unreadable(dir=run_dir, error=exc)) from None
    w = in_language(TEXT, lang)
    n_governments = table.loc[table["level"] == "government", "government"].nunique()
    level = "province" if n_governments > MANY else "government"
    rows = table[table["level"] == level]
    key = "province" if level == "province" else "government"
    base = rows["baseline"].dropna().iloc[0] if "baseline" in rows and \
        rows["baseline"].notna().any() else rows["policy"].iloc[0]
    others = [p for p in dict.fromkeys(rows["policy"]) if p != base]
    columns = [w[key], w["staff"], w["unmet"]]
    for p in others:
        for metric in SHOWN:
            columns.append(w["diff"].format(policy=policy_label(p, lang), metric=w[
                "unmet_short" if metric == "p_unmet" else "remote_short"]))
    out = []
    for name, group in rows.groupby(key, sort=False):
        at = group.set_index(["policy", "metric"])
        staff = at.loc[(base, "n_active"), "mean"]
        unmet = at.loc[(base, "p_unmet")]
        cells = [str(name), fmt_count(staff, lang), fmt_value(unmet["mean"], "proporsi", lang)]
        for p in others:
            for metric in SHOWN:
                r = at.loc[(p, metric)]
                cells.append(f"{fmt_value(r['diff_mean'], 'proporsi', lang, signed=True)} "
                             f"{fmt_interval(r['diff_ci_low'], r['diff_ci_high'], 'proporsi',
                                             lang, signed=True)}")
        out.append(cells)
    return {"title": w["title"], "note": w[f"note_{level}"].format(
        base=policy_label(base, lang)), "columns": columns, "rows": out}
