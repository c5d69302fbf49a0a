"""Figures drawn from a results folder's files (so they can be redrawn without re-running).

- `headcount_flows.png`: active staff by calendar year (mean and 95% band over
  replications) and the yearly flows (retirements, exits, recruits, transfers), one
  bar per policy;
- `unmet_need.png`: unmet need in FTE and as a share of the need (mean, 95% band);
- `load_by_agency.png`, `load_by_area.png`: distribution of unit EJ by agency and by
  area type, at the start and at the horizon for each policy (replications pooled);
- `forest.png` (when policies are compared): paired differences against the baseline
  with 95% intervals, one panel per headline metric, the band of negligible change shaded.
Every policy has one colour in all of them (`style.policy_color`) and one place: the
baseline first, then the others in the order the command named them. Y axes start at 0 and
bands are clipped at 0; with few replications a note says the bands are wide. The figures
are drawn at the width of an A4 page's text (`style.PAGE_WIDTH`) with type of 7 points or
more, so the printed report is legible. Labels are Indonesian by default (`lang="en"`).

No pyplot: each figure is a `Figure` saved directly (a notebook's backend never changes).
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib import rc_context
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FixedLocator, Formatter, FuncFormatter, MaxNLocator

from ..results.analysis import band, unit_loads
from ..results.files import read_table
from ..simulation.metrics import METRICS, headline
from .findings import negligible, practical_thresholds
from .formats import fmt_fixed
from .labels import agency_label, area_label, policy_label, t, unit_label
from .style import (
    FEW_REPLICATIONS,
    PAGE_WIDTH,
    PRINT_RC,
    SAVE,
    calendar_years,
    policy_color,
    policy_order,
)

# what the needs-map figures read of `units` (a large table: read only these)
UNIT_COLUMNS = ["policy", "replication", "month", "unit_id", "agency", "area_type",
                "required_fte", "staff"]
FLOWS = {"new_retirements": "retirements", "new_exits": "exits",
         "new_recruits": "recruits", "new_moves": "moves"}
EJ_TOP = 5.0  # the box plots' EJ axis ends here (a unit with need and nobody is drawn at it)


def policies_of(frame: pd.DataFrame, order: list[str] | None = None) -> list[str]:
    """The policies of a frame: those of `order` first, in its order, then the others."""
    found = list(pd.unique(frame["policy"]))  # in order of appearance
    return [p for p in order or [] if p in found] + [p for p in found if p not in (order or [])]


class TickFormat(Formatter):
    """Tick labels with the language's separators and one number of decimals per axis.

    The decimals are the fewest that write every tick exactly (0 / 80 / 160, and
    0,0 / 1,5 / 3,0), never a mix such as 0 / 80,00 / 160.
    """

    def __init__(self, lang: str = "id") -> None:
        self.lang = lang
        self.digits = 0

    def set_locs(self, locs) -> None:
        """Choose the decimals for this set of ticks (matplotlib calls it before drawing)."""
        super().set_locs(locs)
        self.digits = tick_decimals(list(locs))

    def __call__(self, x: float, pos: int | None = None) -> str:
        """The label of the tick at `x`."""
        text = fmt_fixed(x, self.digits, self.lang)
        return text[1:] if text.startswith("-") and not text.strip("-0,.") else text


def tick_decimals(locs: list[float]) -> int:
    """The fewest decimals (0 to 6) that write every tick of `locs` exactly."""
    for digits in range(7):
        if all(abs(round(v, digits) - v) <= 1e-9 * max(1.0, abs(v)) for v in locs):
            return digits
    return 6


def number_axis(axis, lang: str, n: int = 5) -> None:
    """At most `n` ticks, written with the language's separators and uniform decimals."""
    axis.set_major_locator(MaxNLocator(n))
    axis.set_major_formatter(TickFormat(lang))


def footer(fig: Figure, n_reps: int, lang: str, keys: list[tuple[str, str]] | None = None,
           notes: tuple[str, ...] = ()) -> None:
    """A legend (label, colour) and notes in a strip under the panels, kept free by the layout.

    With few replications, a note says the bands are unreliable. Nothing here is drawn
    over the data, the legend or another note.
    """
    if n_reps < FEW_REPLICATIONS:
        notes = (f"{t('few_reps', lang)} ({n_reps} {t('replications', lang)})", *notes)
    rows = -(-len(keys) // 3) if keys else 0
    legend_in, notes_in = 0.2 * rows + (0.06 if rows else 0), 0.14 * len(notes)
    if not rows and not notes:
        return
    height = fig.get_figheight()
    strip = (legend_in + notes_in + 0.05) / height
    fig.get_layout_engine().set(rect=(0, strip, 1, 1 - strip))
    if rows:
        handles = [Patch(facecolor=color, edgecolor="black", linewidth=0.5, label=label)
                   for label, color in keys]
        fig.legend(handles=handles, loc="upper center", ncol=min(len(keys), 3),
                   bbox_to_anchor=(0.5, strip), frameon=False, borderaxespad=0.2)
    if notes:
        fig.text(0.01, notes_in / 2 / height + 0.02 / height, "\n".join(notes), fontsize=7,
                 va="center", ha="left",
                 color="#a33" if n_reps < FEW_REPLICATIONS else "#555")


def time_axis(axis, first: float, last: float) -> None:
    """Calendar ticks: whole years ('2027', never '2.027') or, over short runs, months.

    A shorter run is marked every 1, 2, 3 or 6 months, at most five ticks so that they
    fit a half-width panel, as 'YYYY-MM', the first day of that month, so no two ticks
    say the same.
    """
    if last - first >= 2.5:
        axis.set_major_locator(MaxNLocator(6, integer=True))
        axis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:.0f}"))
        return
    span = (last - first) * 12
    step = next((m for m in (1, 2, 3, 6) if span / m <= 4), 12)  # months between ticks
    k0, k1 = int(np.ceil(first * 12 / step - 1e-9)), int(np.floor(last * 12 / step + 1e-9))
    ticks = [k * step / 12 for k in range(k0, k1 + 1)]
    axis.set_major_locator(FixedLocator(ticks))
    axis.set_major_formatter(FuncFormatter(_year_month))


def _year_month(v: float, _pos=None) -> str:
    index = int(round(v * 12))
    return f"{index // 12}-{index % 12 + 1:02d}"


def _keys(policies: list[str], lang: str) -> list[tuple[str, str]]:
    return [(policy_label(p, lang), policy_color(p)) for p in policies]


def band_plot(ax, ts: pd.DataFrame, key: str, start_year: int, lang: str,
              scale: float = 1.0, order: list[str] | None = None) -> None:
    """Mean and 95% t-interval of `key` over replications by calendar year, per policy.

    The band is clipped at 0 (no metric drawn here can be negative); y starts at 0.
    """
    for policy in policies_of(ts, order):
        g = ts[ts["policy"] == policy]
        wide = g.pivot(index="month", columns="replication", values=key) * scale
        mean, half = band(wide)
        x = calendar_years(wide.index.to_numpy(), start_year)
        color = policy_color(policy)
        ax.plot(x, mean, color=color, label=policy_label(policy, lang), linewidth=1.4)
        if half is not None:
            ax.fill_between(x, np.clip(mean - half, 0, None), mean + half, alpha=0.2,
                            color=color, linewidth=0)
    ax.set_xlabel(t("year", lang))
    ax.set_ylim(bottom=0)
    months = ts["month"]
    time_axis(ax.xaxis, start_year + months.min() / 12, start_year + months.max() / 12)
    number_axis(ax.yaxis, lang)
    ax.grid(alpha=0.3)


def headcount_flows_figure(ts: pd.DataFrame, start_year: int, lang: str = "id",
                           order: list[str] | None = None) -> Figure:
    """Active staff by calendar year, and each yearly flow with a bar per policy."""
    policies = policies_of(ts, order)
    fig = Figure(figsize=(PAGE_WIDTH, 7.2), layout="constrained")
    grid = fig.add_gridspec(3, 2, height_ratios=[1.2, 1, 1])
    ax = fig.add_subplot(grid[0, :])
    band_plot(ax, ts, "n_active", start_year, lang, order=policies)
    ax.set_title(f"{t('headcount', lang)} ({t('band', lang)})")
    ax.set_ylabel(unit_label("orang", lang))
    body = ts[ts["month"] > 0].copy()
    body["year"] = start_year + (body["month"] - 1) // 12
    yearly = body.groupby(["policy", "replication", "year"])[list(FLOWS)].sum()
    yearly = yearly.groupby(["policy", "year"]).mean()
    years = sorted(body["year"].unique())
    width = 0.8 / len(policies)
    for k, (key, label) in enumerate(FLOWS.items()):
        ax2 = fig.add_subplot(grid[1 + k // 2, k % 2])
        for i, policy in enumerate(policies):
            y = yearly.loc[policy, key].reindex(years, fill_value=0)
            ax2.bar(np.array(years) + (i - (len(policies) - 1) / 2) * width, y, width,
                    color=policy_color(policy))
        ax2.set_title(f"{t(label, lang)} ({unit_label('orang', lang)}/"
                      f"{t('year', lang).lower()})")
        step = max(1, int(np.ceil(len(years) / 6)))  # at most 6 year labels: none overlap
        ax2.set_xticks(years[::step], [str(y) for y in years[::step]])
        ax2.set_ylim(bottom=0)
        number_axis(ax2.yaxis, lang, 4)
        ax2.grid(alpha=0.3, axis="y")
    footer(fig, ts["replication"].nunique(), lang, _keys(policies, lang))
    return fig


def unmet_need_figure(ts: pd.DataFrame, start_year: int, lang: str = "id",
                      order: list[str] | None = None) -> Figure:
    """Unmet need in FTE and as a share of the need, with 95% bands."""
    policies = policies_of(ts, order)
    body = ts[ts["month"] > 0]
    fig = Figure(figsize=(PAGE_WIDTH, 3.4), layout="constrained")
    ax1, ax2 = fig.subplots(1, 2)
    band_plot(ax1, body, "unmet_fte", start_year, lang, order=policies)
    ax1.set_title(f"{METRICS['unmet_fte'].label(lang)} (FTE)")
    ax1.set_ylabel("FTE")
    band_plot(ax2, body, "p_unmet", start_year, lang, scale=100.0, order=policies)
    ax2.set_title(f"{t('unmet_share_title', lang)} (%)")
    ax2.set_ylabel("%")
    fig.suptitle(f"{t('unmet_need_title', lang)} ({t('band', lang)})")
    footer(fig, ts["replication"].nunique(), lang, _keys(policies, lang))
    return fig


def load_by_group_figure(units: pd.DataFrame, by: str, start_year: int, lang: str = "id",
                         order: list[str] | None = None) -> Figure | None:
    """Box plots of units' EJ (need / staff, ABK) by agency or area type, start and horizon.

    EJ above 5, and need with nobody (EJ +inf, `core.measures.ej`), is drawn at 5, the
    top of the axis; the dashed line is band A's bound.
    The start comes first, then the baseline, then the other policies in `order`. None
    when no unit has any need. `units`: the needs map's rows (`UNIT_COLUMNS` at least)
    or the units' loads (`results.analysis.unit_loads`), which draw the same.
    """
    per_unit = unit_loads(units)
    if per_unit.empty:  # no unit with any need (e.g. a need factor near 0): nothing to plot
        return None
    per_unit = per_unit.assign(load=np.minimum(per_unit["load"], EJ_TOP))
    first, last = per_unit["month"].min(), per_unit["month"].max()
    groups = sorted(per_unit[by].unique())
    policies = policies_of(per_unit, order)
    year_end = start_year + max(int(last) - 1, 0) // 12  # the year its last month is in
    series = [(f"{t('start', lang)} ({start_year})", "#dddddd",
               per_unit[(per_unit["month"] == first) & (per_unit["policy"] == policies[0])])]
    series += [(f"{policy_label(p, lang)} ({year_end})", policy_color(p),
                per_unit[(per_unit["month"] == last) & (per_unit["policy"] == p)])
               for p in policies]
    fig = Figure(figsize=(PAGE_WIDTH, 3.8), layout="constrained")
    ax = fig.subplots()
    pos = np.arange(len(groups))
    width = 0.8 / len(series)
    for i, (_label, color, df) in enumerate(series):
        data = [df.loc[df[by] == g, "load"] for g in groups]
        bp = ax.boxplot(data, positions=pos + (i - (len(series) - 1) / 2) * width,
                        widths=width * 0.9, patch_artist=True, showfliers=False,
                        medianprops={"color": "black", "linewidth": 1})
        for box in bp["boxes"]:
            box.set_facecolor(color)
    ax.axhline(1.0, color="grey", linestyle="--", linewidth=1)
    names = [agency_label(g, lang) if by == "agency" else area_label(g, lang) for g in groups]
    room = max(10, int(66 / max(len(groups), 1)))  # characters a label may take per line
    ax.set_xticks(pos, [textwrap.fill(n, room, break_long_words=False) for n in names])
    ax.set_ylim(bottom=0)
    number_axis(ax.yaxis, lang)
    ax.set_ylabel(t("load_ratio", lang))
    ax.set_title(t("load_by_agency" if by == "agency" else "load_by_area", lang))
    ax.grid(alpha=0.3, axis="y")
    footer(fig, FEW_REPLICATIONS, lang, [(label, color) for label, color, _ in series])
    return fig


def _wrap(label: str, room: int = 18) -> str:
    """A policy's name on lines of at most `room` characters (a long name never overlaps)."""
    return textwrap.fill(label, room, break_long_words=False)


def forest_figure(summary: pd.DataFrame, lang: str = "id") -> Figure | None:
    """Paired differences against the baseline with 95% intervals, a panel per metric.

    A panel per headline metric (`metrics.headline()`), two a row, the policies named
    once per row (wrapped); the grey band around 0 is the change too small to matter
    (`findings.PRACTICAL`). None without a comparison.
    """
    if "diff_mean" not in summary or summary["policy"].nunique() < 2:
        return None
    base = summary["baseline"].iloc[0]
    others = [p for p in policy_order(summary) if p != base]
    limits = practical_thresholds(summary)
    names = [_wrap(policy_label(p, lang)) for p in others]
    lines = sum(n.count("\n") + 1 for n in names)
    panel = 0.3 + 0.17 * max(lines, 1.5 * len(others))  # inches of data per panel
    keys, n_rows = headline(), -(-len(headline()) // 2)
    fig = Figure(figsize=(PAGE_WIDTH, 0.7 + n_rows * (panel + 0.6)), layout="constrained")
    axes = fig.subplots(n_rows, 2, sharey=True, squeeze=False).ravel()
    for ax in axes[len(keys):]:  # an odd number of metrics: the last cell stays empty
        ax.set_axis_off()
    y = np.arange(len(others))[::-1]
    for ax, key in zip(axes, keys, strict=False):
        rows = summary[summary["metric"] == key].set_index("policy").loc[others]
        m = METRICS[key]
        scale = 100.0 if m.unit == "proporsi" else 1.0
        limit = limits.get(key)
        if limit is not None:
            ax.axvspan(-limit * scale, limit * scale, color="#e6e6e6", linewidth=0, zorder=0)
        mean = rows["diff_mean"].to_numpy() * scale
        lo = mean - rows["diff_ci_low"].to_numpy() * scale
        hi = rows["diff_ci_high"].to_numpy() * scale - mean
        for yi, mi, l_, h_, p in zip(y, mean, lo, hi, others, strict=True):
            small = negligible(key, mi / scale, limits)
            ax.errorbar(mi, yi, xerr=[[l_], [h_]], fmt="o", capsize=3, markersize=4,
                        color=policy_color(p), markerfacecolor="white" if small else None)
        ax.axvline(0, color="grey", linewidth=1)
        ax.set_yticks(y, names)
        ax.set_ylim(-0.6, len(others) - 0.4)
        unit = "pp" if m.unit == "proporsi" else unit_label(m.unit, lang)
        better = {"up": t("better_up", lang), "down": t("better_down", lang)}.get(m.better, "")
        ax.set_title(f"{m.label(lang)}\n({unit}; {better})")
        number_axis(ax.xaxis, lang, 4)
        ax.grid(alpha=0.3, axis="x")
    fig.suptitle(f"{t('forest_title', lang)} {policy_label(base, lang)}")
    footer(fig, int(summary["n_replications"].max()), lang,
           notes=(t("negligible_band", lang),))
    return fig


def _save(fig: Figure | None, path: Path) -> None:
    if fig is not None:
        fig.savefig(path, **SAVE)


def headcount_flows(ts: pd.DataFrame, out: Path, start_year: int, lang: str = "id",
                    order: list[str] | None = None) -> None:
    """Save `headcount_flows.png` (`headcount_flows_figure`)."""
    with rc_context(PRINT_RC):
        _save(headcount_flows_figure(ts, start_year, lang, order), out / "headcount_flows.png")


def unmet_need(ts: pd.DataFrame, out: Path, start_year: int, lang: str = "id",
               order: list[str] | None = None) -> None:
    """Save `unmet_need.png` (`unmet_need_figure`)."""
    with rc_context(PRINT_RC):
        _save(unmet_need_figure(ts, start_year, lang, order), out / "unmet_need.png")


def load_by_group(units: pd.DataFrame, out: Path, by: str, start_year: int,
                  lang: str = "id", order: list[str] | None = None) -> None:
    """Save `load_by_agency.png` or `load_by_area.png` (`load_by_group_figure`)."""
    with rc_context(PRINT_RC):
        _save(load_by_group_figure(units, by, start_year, lang, order),
              out / f"load_by_{'agency' if by == 'agency' else 'area'}.png")


def forest(summary: pd.DataFrame, out: Path, lang: str = "id") -> None:
    """Save `forest.png` (`forest_figure`) when policies are compared."""
    with rc_context(PRINT_RC):
        _save(forest_figure(summary, lang), out / "forest.png")


def start_year_of(run_dir: Path) -> int:
    """The scenario's first calendar year, from the folder's meta.json (2027 if absent)."""
    try:
        return int(json.loads((run_dir / "meta.json").read_text(encoding="utf-8"))
                   ["start_year"])
    except (OSError, ValueError, KeyError):
        return 2027


def draw_all(run_dir: Path, lang: str = "id",
             frames: tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame] | None = None,
             start_year: int | None = None) -> list[Path]:
    """Draw every figure of a results folder into `run_dir/figures/`.

    The figures read the folder's files; a run that still holds the tables passes them
    as `frames` (time series, the needs map's first and last months or the units'
    loads then, summary) and its `start_year`, and saves reading them back.
    """
    run_dir = Path(run_dir)
    out = run_dir / "figures"
    out.mkdir(exist_ok=True)
    if frames is None:
        units = read_table(run_dir, "units", UNIT_COLUMNS)
        units = units[units["month"].isin([units["month"].min(), units["month"].max()])]
        frames = (read_table(run_dir, "timeseries"), units,
                  pd.read_csv(run_dir / "summary.csv"))
    if start_year is None:
        start_year = start_year_of(run_dir)
    ts, units, summary = frames
    order = policy_order(summary)
    headcount_flows(ts, out, start_year, lang, order)
    unmet_need(ts, out, start_year, lang, order)
    load_by_group(units, out, "agency", start_year, lang, order)
    load_by_group(units, out, "area_type", start_year, lang, order)
    forest(summary, out, lang)
    return sorted(out.glob("*.png"))
