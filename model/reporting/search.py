"""What a policy search shows a head of office: the front in words, its two figures.

Reads the tables of `model.experiments.search_results` (candidates, front): a 2-D
front figure (every candidate, the kept front, the status quo and the six built-in
policies marked), a parallel-coordinates figure of the kept candidates (levers and
objectives), and the short list in sentences against the status quo. Indonesian by
default, English with `lang="en"`.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..core.text import words
from ..scenario.levers import LEVER_BY_KEY, idle_levers
from ..simulation.metrics import METRICS
from .formats import fmt_count, fmt_idr, fmt_number, fmt_share, fmt_value
from .labels import policy_label
from .style import PAGE_WIDTH, PRINT_RC, SAVE, policy_color

COST_TOTAL = "cost_total_idr"  # a derived objective: the sum of the cost metrics
# the short list's reasons, in the order they are told (`experiments.search_results`)
SHORTLIST = ("best_first", "cheapest", "most_robust", "fewest_moves")
WORDS = words("reporting.search", {
    "cost_total": ("Biaya total", "Total cost"),
    "front_title": ("Kandidat pencarian dan front yang dipertahankan",
                    "Search candidates and the front kept"),
    "scored_outside": ("{n} dinilai ({outside} di luar sumbu)",
                       "{n} scored ({outside} outside the axes)"),
    "kept": ("front: {n} dipertahankan", "front: {n} kept"),
    "status_quo": ("status quo", "status quo"),
    "parallel_title": ("Front: tuas dan sasaran tiap kandidat (garis tebal: daftar pendek)",
                       "Front: levers and objectives of each candidate (thick: short list)"),
    "better_up": ("sasaran: atas lebih baik", "objectives: up is better"),
    "best_first": ("terbaik pada {objective}", "best on {objective}"),
    "cheapest": ("termurah yang memenuhi ambang", "cheapest meeting the thresholds"),
    "cheapest_better": ("termurah yang lebih baik dari status quo pada {objective}",
                        "cheapest doing better than the status quo on {objective}"),
    "most_robust": ("paling tangguh terhadap ketidakpastian",
                    "most robust to the uncertainties"),
    "fewest_moves": ("mutasi paling sedikit yang lebih baik dari status quo pada {objective}",
                     "fewest moves doing better than the status quo on {objective}"),
    "more": ("lebih tinggi", "higher"),
    "less": ("lebih rendah", "lower"),
    "same": ("sama dengan status quo", "the same as the status quo"),
    "per_year": ("/tahun", "/year"),
    "vs_quo": ("{label}: {value} ({diff} {direction} dari status quo)",
               "{label}: {value} ({diff} {direction} than the status quo)"),
    "candidate": ("Kandidat {id}", "Candidate {id}"),
    "why": ("Mengapa", "Why"),
    "setting": ("Pengaturan", "Setting"),
    "summary": ("Front yang dipertahankan: {kept} kandidat (front.csv). Daftar pendek:",
                "Front kept: {kept} candidates (front.csv). Short list:"),
    "yes": ("ya", "yes"),
    "no_limit": ("tanpa batas", "no limit"),
    "no": ("tidak", "no"),
})


def _w(key: str, lang: str, **kw: str) -> str:
    return WORDS[key].format(lang, **kw)


def objective_label(key: str, lang: str = "id") -> str:
    """An objective's label: a metric's, or the total cost's."""
    if key == COST_TOTAL:
        return _w("cost_total", lang)
    return METRICS[key].label(lang)


def objective_unit(key: str) -> str:
    """An objective's unit (a metric's; IDR for the total cost)."""
    return METRICS[key].unit if key in METRICS else "IDR"


def per_year(key: str) -> bool:
    """Whether the objective is a total over the horizon (said per year)."""
    return key not in METRICS or METRICS[key].summary == "sum"


def lever_text(key: str, value, lang: str = "id") -> str:
    """A lever's value as the dashboard shows it ('2,5 %', 'ya', 'Rp 3,5 juta')."""
    lever = LEVER_BY_KEY[key]
    if key == "policy":
        return policy_label(str(value), lang)
    if lever.kind == "choice":  # the move budget: None is no limit
        return _w("no_limit", lang) if is_missing(value) else fmt_count(float(value), lang)
    if lever.kind == "bool":
        return _w("yes" if value else "no", lang)
    if lever.percent:
        return fmt_share(float(value), lang)
    if lever.scale != 1:
        return fmt_idr(float(value) * lever.scale, lang)
    return fmt_count(float(value), lang) if lever.kind == "int" else fmt_number(float(value),
                                                                                lang)


def is_missing(value) -> bool:
    """None, or NaN / '' as a CSV gives an empty cell back."""
    return value is None or value == "" or (isinstance(value, float) and value != value)


def setting_text(row: pd.Series, levers: list[str], lang: str = "id") -> str:
    """'Kebijakan mutasi: Penyeimbangan beban; Bagian ...: 2,5 %; ...' of a front row.

    Levers that do nothing in the setting (`scenario.levers.idle_levers`: the share
    under the status quo policy, the allowance's amount without it) are left out.
    """
    idle = idle_levers(row)
    return "; ".join(f"{LEVER_BY_KEY[k].label(lang)}: {lever_text(k, row[k], lang)}"
                     for k in levers if k not in idle)


def setting_values(row: pd.Series, levers: list[str], lang: str = "id") -> str:
    """The values alone, in lever order ('optimasi · 17,0 % · 6 · ya'); '–' where idle."""
    idle = idle_levers(row)
    return " · ".join("–" if k in idle else lever_text(k, row[k], lang) for k in levers)


def versus_quo(row: pd.Series, objectives: list[str], years: int,
               lang: str = "id") -> list[str]:
    """Each objective of a front row against the status quo, in a planner's words.

    Totals over the horizon (costs, moves) are said per year.
    """
    out = []
    for key in objectives:
        value, diff = float(row[key]), float(row[f"{key}_vs_status_quo"])
        scale = 1 / years if per_year(key) else 1.0
        unit = objective_unit(key)
        suffix = _w("per_year", lang) if per_year(key) else ""
        shown = fmt_value(value * scale, unit, lang) + suffix
        if diff == 0:
            out.append(f"{objective_label(key, lang)}: {shown} ({_w('same', lang)})")
            continue
        size = (fmt_share(abs(diff), lang, signed=True).lstrip("+") if unit == "proporsi"
                else fmt_value(abs(diff) * scale, unit, lang) + suffix)
        out.append(_w("vs_quo", lang, label=objective_label(key, lang), value=shown,
                      diff=size, direction=_w("more" if diff > 0 else "less", lang)))
    return out


def reason_text(reason: str, first: str, thresholds: bool, lang: str = "id") -> str:
    """The short list's reason in words."""
    if reason == "cheapest" and not thresholds:
        reason = "cheapest_better"
    return _w(reason, lang, objective=objective_label(first, lang))


def front_figure(cands: pd.DataFrame, front: pd.DataFrame, objectives: list[str],
                 years: int, path: Path, lang: str = "id") -> Path:
    """The first two objectives of every candidate; the front and the references marked.

    Totals over the horizon are drawn per year. The axes span the kept front and the
    references (candidates far outside are counted in the legend, not drawn at a scale
    that would flatten the front).
    """
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    x, y = objectives[0], objectives[1] if len(objectives) > 1 else objectives[0]
    sx = 1 / years if per_year(x) else 1.0
    sy = 1 / years if per_year(y) else 1.0
    refs = cands[cands["reference"] != ""]
    shown = pd.concat([front[[x, y]], refs[[x, y]]])
    lims = [_limits(shown[x] * sx), _limits(shown[y] * sy)]
    inside = cands[x].mul(sx).between(*lims[0]) & cands[y].mul(sy).between(*lims[1])
    with _rc():
        fig = Figure(figsize=(PAGE_WIDTH, PAGE_WIDTH * 0.62))
        ax = fig.subplots()
        ax.scatter(cands.loc[inside, x] * sx, cands.loc[inside, y] * sy, s=10,
                   color="#bbbbbb", zorder=1)
        ax.scatter(front[x] * sx, front[y] * sy, s=34,
                   color=[policy_color(p) for p in front["policy"]], edgecolor="#222222",
                   linewidth=0.6, zorder=3)
        for _, row in front.iterrows():
            ax.annotate(str(row["candidate"]), (row[x] * sx, row[y] * sy), fontsize=7,
                        xytext=(3, 3), textcoords="offset points")
        handles = [Line2D([], [], ls="", marker="o", color="#bbbbbb", ms=4,
                          label=_w("scored_outside", lang, n=str(len(cands)),
                                   outside=str(int((~inside).sum())))),
                   Line2D([], [], ls="", marker="o", color="#777777", mec="#222222", ms=6,
                          label=_w("kept", lang, n=str(len(front))))]
        for _, row in refs.iterrows():
            name = _w("status_quo", lang) if row["reference"] == "status_quo" else \
                policy_label(row["reference"], lang)
            color = policy_color(row["policy"])
            ax.scatter([row[x] * sx], [row[y] * sy], marker="D", s=44, facecolor="none",
                       edgecolor=color, linewidth=1.4, zorder=4)
            handles.append(Line2D([], [], ls="", marker="D", mfc="none", mec=color,
                                  mew=1.4, ms=6, label=name))
        ax.set_xlim(*lims[0])
        ax.set_ylim(*lims[1])
        ax.set_xlabel(axis_label(x, lang))
        ax.set_ylabel(axis_label(y, lang))
        _format_axis(ax.xaxis, x, lang)
        _format_axis(ax.yaxis, y, lang)
        ax.grid(color="#e5e5e5", lw=0.5)
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0),
                  frameon=False)
        ax.set_title(_w("front_title", lang), loc="left")
        fig.savefig(path, **SAVE)
    return path


def _limits(values: pd.Series) -> tuple[float, float]:
    lo, hi = float(values.min()), float(values.max())
    pad = (hi - lo) * 0.08 or abs(hi) * 0.05 or 1.0
    return lo - pad, hi + pad


def axis_label(key: str, lang: str) -> str:
    """An objective's label, with '/tahun' when it is a total said per year."""
    return objective_label(key, lang) + (_w("per_year", lang) if per_year(key) else "")


def parallel_figure(front: pd.DataFrame, levers: list[str], objectives: list[str],
                    senses: list[int], years: int, path: Path, lang: str = "id") -> Path:
    """Parallel coordinates of the kept candidates: varied levers, then the objectives.

    Each axis runs from the front's lowest to its highest value; an objective's axis is
    turned so that up is better. Short-listed candidates are drawn thick.
    """
    from matplotlib.figure import Figure

    cols = [*levers, *objectives]
    data = np.zeros((len(front), len(cols)))
    ends = []  # the values at the bottom and the top of each axis, as text
    for j, c in enumerate(cols):
        raw = front[c]
        categorical = c in LEVER_BY_KEY and LEVER_BY_KEY[c].kind in ("select", "choice")
        if categorical:  # the policy, the move budget: each value a place on the axis
            names = sorted(set(raw.map(_category)), key=_category_order)
            raw = raw.map(lambda x, names=names: names.index(_category(x)))
        v = raw.astype(float).to_numpy()
        if c in objectives:
            v = -v * senses[objectives.index(c)]
        span = np.ptp(v)
        data[:, j] = (v - v.min()) / span if span > 0 else 0.5
        low, high = front[c].iloc[int(np.argmin(v))], front[c].iloc[int(np.argmax(v))]
        if categorical:  # every value at its place on the axis
            shown = [lever_text(c, None if n == "none" else n, lang) if c != "policy"
                     else policy_label(n, lang) for n in names]
            ends.append([(i / max(len(names) - 1, 1), text) for i, text in enumerate(shown)]
                        if len(names) > 1 else [(0.5, shown[0])])
            continue
        scale = 1 / years if c in objectives and per_year(c) else 1.0
        ends.append([(0, _end_text(c, low, lang, scale)), (1, _end_text(c, high, lang, scale))])
    with _rc():
        fig = Figure(figsize=(PAGE_WIDTH, PAGE_WIDTH * 0.5))
        ax = fig.subplots()
        for i, (_, row) in enumerate(front.iterrows()):
            thick = bool(row.get("shortlist", ""))
            ax.plot(range(len(cols)), data[i], color=policy_color(row["policy"]),
                    lw=2.2 if thick else 0.8, alpha=0.95 if thick else 0.55)
        names = [LEVER_BY_KEY[c].label(lang) if c in LEVER_BY_KEY else axis_label(c, lang)
                 for c in cols]
        ax.set_xticks(range(len(cols)), names, rotation=30, ha="right")
        ax.set_yticks([])
        for j in range(len(cols)):
            ax.axvline(j, color="#999999", lw=0.6)
            for y, text in ends[j]:
                ax.annotate(text, (j, y), xytext=(0, -3 if y < 0.5 else 3),
                            textcoords="offset points", ha="center",
                            va="top" if y < 0.5 else "bottom", fontsize=6.5, color="#444444")
        ax.set_ylim(-0.08, 1.08)
        ax.set_title(_w("parallel_title", lang), loc="left")
        ax.text(1.0, 1.01, _w("better_up", lang), transform=ax.transAxes, ha="right",
                fontsize=7, color="#555555")
        fig.savefig(path, **SAVE)
    return path


def _category(value) -> str:
    """A categorical lever's value as a name ('none' for no limit)."""
    if is_missing(value):
        return "none"
    return str(int(value)) if isinstance(value, int | float) and not isinstance(value, bool) \
        else str(value)


def _category_order(name: str) -> tuple:
    """Numbers in their order after 'none'; names alphabetically."""
    return (0, 0, "") if name == "none" else (1, int(name), "") if name.isdigit() else \
        (2, 0, name)


def _end_text(key: str, value, lang: str, scale: float = 1.0) -> str:
    """An axis end's value: a lever as the dashboard shows it, an objective in its unit."""
    if key in LEVER_BY_KEY:
        return lever_text(key, value, lang)
    return fmt_value(float(value) * scale, objective_unit(key), lang)


def _format_axis(axis, key: str, lang: str) -> None:
    from matplotlib.ticker import FuncFormatter

    unit = objective_unit(key)
    axis.set_major_formatter(FuncFormatter(lambda v, _pos: fmt_value(v, unit, lang)))


def _rc():
    import matplotlib

    return matplotlib.rc_context(PRINT_RC)


def search_text(front: pd.DataFrame, levers: list[str], objectives: list[str], years: int,
                thresholds: bool, lang: str = "id") -> str:
    """The short list in sentences: each candidate's reasons, setting and difference."""
    lines = [_w("summary", lang, kept=str(len(front)))]
    listed = front[front["shortlist"].astype(str) != ""]
    listed = listed.assign(_first=[min(SHORTLIST.index(r) for r in s.split(";"))
                                   for s in listed["shortlist"].astype(str)])
    for _, row in listed.sort_values("_first", kind="stable").iterrows():
        reasons = "; ".join(reason_text(r, objectives[0], thresholds, lang)
                            for r in str(row["shortlist"]).split(";"))
        name = _w("candidate", lang, id=str(row["candidate"]))
        ref = row["reference"]
        if ref:
            name += f" ({_w(ref, lang) if ref == 'status_quo' else policy_label(ref, lang)})"
        lines.append(f"{name}: {reasons}")
        lines.append(f"  {_w('setting', lang)}: {setting_text(row, levers, lang)}")
        lines.extend(f"  - {s}" for s in versus_quo(row, objectives, years, lang))
    return "\n".join(lines)
