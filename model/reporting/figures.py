"""Figures drawn from a results folder's files (so they can be redrawn without re-running).

- `headcount_flows.png`: active staff by calendar year (mean and 95% band over
  replications) and the yearly flows (retirements, exits, recruits, transfers), one
  bar per policy;
- `unmet_need.png`: unmet need in FTE and as a share of the need (mean, 95% band);
- `load_by_agency.png`, `load_by_area.png`: distribution of unit EJ by agency and by
  area type, at the start and at the horizon for each policy (replications pooled);
- `forest.png` (when policies are compared): paired differences against the baseline
  with 95% intervals, one panel per key metric.
Every policy has one colour in all of them (`style.policy_color`); y axes start at 0
and bands are clipped at 0; with few replications a note says the bands are wide.
Labels are Indonesian by default (`lang="en"` for English).
"""

from __future__ import annotations

import json
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from ..results.analysis import band  # noqa: E402
from ..results.files import read_table  # noqa: E402
from ..simulation.metrics import METRICS  # noqa: E402
from .formats import fmt_number  # noqa: E402
from .labels import agency_label, area_label, policy_label, t, unit_label  # noqa: E402
from .style import (  # noqa: E402
    FEW_REPLICATIONS,
    SAVE,
    calendar_years,
    policy_color,
)

# what the needs-map figures read of `units` (a large table: read only these)
UNIT_COLUMNS = ["policy", "replication", "month", "unit_id", "agency", "area_type",
                "required_fte", "staff"]
FLOWS = {"new_retirements": "retirements", "new_exits": "exits",
         "new_recruits": "recruits", "new_moves": "moves"}


def policies_of(frame: pd.DataFrame) -> list[str]:
    """The policies of a frame in the order they appear (the baseline first)."""
    return list(dict.fromkeys(frame["policy"]))


def few_note(fig: plt.Figure, n_reps: int, lang: str) -> None:
    """A footnote saying the bands are unreliable when replications are few."""
    if n_reps < FEW_REPLICATIONS:
        fig.text(0.01, -0.02, f"{t('few_reps', lang)} ({n_reps} {t('replications', lang)})",
                 fontsize=8, color="#a33", va="top")


def band_plot(ax: plt.Axes, ts: pd.DataFrame, key: str, start_year: int, lang: str,
              scale: float = 1.0) -> None:
    """Mean and 95% t-interval of `key` over replications by calendar year, per policy.

    The band is clipped at 0 (no metric drawn here can be negative); y starts at 0.
    """
    for policy in policies_of(ts):
        g = ts[ts["policy"] == policy]
        wide = g.pivot(index="month", columns="replication", values=key) * scale
        mean, half = band(wide)
        x = calendar_years(wide.index.to_numpy(), start_year)
        color = policy_color(policy)
        ax.plot(x, mean, color=color, label=policy_label(policy, lang), linewidth=1.6)
        if half is not None:
            ax.fill_between(x, np.clip(mean - half, 0, None), mean + half, alpha=0.2,
                            color=color, linewidth=0)
    ax.set_xlabel(t("year", lang))
    ax.set_ylim(bottom=0)
    ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    number_axis(ax.yaxis, lang)
    ax.grid(alpha=0.3)


def number_axis(axis, lang: str) -> None:
    """Tick labels with the language's separators (6.936 and 0,5 in Indonesian)."""
    axis.set_major_formatter(matplotlib.ticker.FuncFormatter(
        lambda v, _pos: fmt_number(v, lang) if v else "0"))
    axis.set_major_locator(matplotlib.ticker.MaxNLocator(5))


def _legend_below(fig: plt.Figure, policies: list[str], lang: str) -> None:
    """One legend of the policies under the panels (never over the data)."""
    handles = [matplotlib.patches.Patch(color=policy_color(p), label=policy_label(p, lang))
               for p in policies]
    fig.legend(handles=handles, loc="lower center", ncol=min(len(policies), 4),
               bbox_to_anchor=(0.5, -0.01), frameon=False, fontsize=9)


def headcount_flows(ts: pd.DataFrame, out: Path, start_year: int, lang: str = "id") -> None:
    """Active staff by calendar year, and each yearly flow with a bar per policy."""
    policies = policies_of(ts)
    fig = plt.figure(figsize=(13, 5.2))
    grid = fig.add_gridspec(2, 3, width_ratios=[1.4, 1, 1], bottom=0.2, wspace=0.3,
                            hspace=0.45)
    ax = fig.add_subplot(grid[:, 0])
    band_plot(ax, ts, "n_active", start_year, lang)
    ax.set_title(f"{t('headcount', lang)}\n({t('band', lang)})", fontsize=10)
    ax.set_ylabel(unit_label("orang", lang))
    body = ts[ts["month"] > 0].copy()
    body["year"] = start_year + (body["month"] - 1) // 12
    yearly = body.groupby(["policy", "replication", "year"])[list(FLOWS)].sum()
    yearly = yearly.groupby(["policy", "year"]).mean()
    years = sorted(body["year"].unique())
    width = 0.8 / len(policies)
    for k, (key, label) in enumerate(FLOWS.items()):
        ax2 = fig.add_subplot(grid[k // 2, 1 + k % 2])
        for i, policy in enumerate(policies):
            y = yearly.loc[policy, key].reindex(years, fill_value=0)
            ax2.bar(np.array(years) + (i - (len(policies) - 1) / 2) * width, y, width,
                    color=policy_color(policy))
        ax2.set_title(f"{t(label, lang)} ({unit_label('orang', lang)}/{t('year', lang).lower()})",
                      fontsize=9)
        ax2.set_xticks(years, [str(y) for y in years], fontsize=7,
                       rotation=45 if len(years) > 6 else 0)
        ax2.set_ylim(bottom=0)
        number_axis(ax2.yaxis, lang)
        ax2.grid(alpha=0.3, axis="y")
    _legend_below(fig, policies, lang)
    few_note(fig, ts["replication"].nunique(), lang)
    fig.savefig(out / "headcount_flows.png", **SAVE)
    plt.close(fig)


def unmet_need(ts: pd.DataFrame, out: Path, start_year: int, lang: str = "id") -> None:
    """Unmet need in FTE and as a share of the need, with 95% bands."""
    policies = policies_of(ts)
    body = ts[ts["month"] > 0]
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(12, 4.6))
    fig.subplots_adjust(bottom=0.24, wspace=0.25)
    band_plot(ax1, body, "unmet_fte", start_year, lang)
    ax1.set_title(f"{METRICS['unmet_fte'].label(lang)} (FTE)", fontsize=10)
    ax1.set_ylabel("FTE")
    band_plot(ax2, body, "p_unmet", start_year, lang, scale=100.0)
    ax2.set_title(f"{t('unmet_share_title', lang)} (%)", fontsize=10)
    ax2.set_ylabel("%")
    fig.suptitle(f"{t('unmet_need_title', lang)} ({t('band', lang)})", fontsize=10)
    _legend_below(fig, policies, lang)
    few_note(fig, ts["replication"].nunique(), lang)
    fig.savefig(out / "unmet_need.png", **SAVE)
    plt.close(fig)


def load_by_group(units: pd.DataFrame, out: Path, by: str, start_year: int,
                  lang: str = "id") -> None:
    """Box plots of units' EJ (need / staff, ABK) by agency or area type, start and horizon.

    EJ above 5 (or need without staff) is drawn at 5; the dashed line is band A's bound.
    """
    per_unit = units.groupby(["policy", "replication", "month", by, "unit_id"])[
        ["required_fte", "staff"]].sum().reset_index()
    per_unit = per_unit[per_unit["required_fte"] > 0].copy()
    if per_unit.empty:  # no unit with any need (e.g. a need factor near 0): nothing to plot
        return
    per_unit["load"] = (per_unit["required_fte"] / per_unit["staff"].clip(lower=1e-9)
                        ).clip(upper=5.0)
    first, last = per_unit["month"].min(), per_unit["month"].max()
    groups = sorted(per_unit[by].unique())
    policies = policies_of(per_unit)
    year_end = start_year + max(int(last) - 1, 0) // 12  # the year its last month is in
    series = [(f"{t('start', lang)} ({start_year})", "#cccccc",
               per_unit[(per_unit["month"] == first) & (per_unit["policy"] == policies[0])])]
    series += [(f"{policy_label(p, lang)} ({year_end})", policy_color(p),
                per_unit[(per_unit["month"] == last) & (per_unit["policy"] == p)])
               for p in policies]
    fig, ax = plt.subplots(figsize=(11, 4.8))
    pos = np.arange(len(groups))
    width = 0.8 / len(series)
    for i, (label, color, df) in enumerate(series):
        data = [df.loc[df[by] == g, "load"] for g in groups]
        bp = ax.boxplot(data, positions=pos + (i - (len(series) - 1) / 2) * width,
                        widths=width * 0.9, patch_artist=True, showfliers=False)
        for box in bp["boxes"]:
            box.set_facecolor(color)
        bp["boxes"][0].set_label(label)
    ax.axhline(1.0, color="grey", linestyle="--", linewidth=1)
    names = [agency_label(g, lang) if by == "agency" else area_label(g, lang) for g in groups]
    ax.set_xticks(pos, names)
    ax.set_ylim(bottom=0)
    ax.set_ylabel(t("load_ratio", lang))
    ax.set_title(t("load_by_agency" if by == "agency" else "load_by_area", lang), fontsize=10)
    ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.1),
              ncol=min(len(series), 4), frameon=False)
    ax.grid(alpha=0.3, axis="y")
    fig.savefig(out / f"load_by_{'agency' if by == 'agency' else 'area'}.png", **SAVE)
    plt.close(fig)


FOREST_METRICS = ("unmet_fte", "p_remote_covered", "load_cv", "adaptation_loss_fte",
                  "new_moves_refused", "mean_morale")


def forest(summary: pd.DataFrame, out: Path, lang: str = "id") -> None:
    """Paired differences against the baseline with 95% intervals, a panel per metric."""
    if "diff_mean" not in summary or summary["policy"].nunique() < 2:
        return
    base = summary["baseline"].iloc[0]
    others = [p for p in policies_of(summary) if p != base]
    fig, axes = plt.subplots(2, 3, figsize=(13, 2.6 + 0.45 * len(others) * 2))
    for ax, key in zip(axes.ravel(), FOREST_METRICS, strict=True):
        rows = summary[(summary["metric"] == key) & summary["policy"].isin(others)]
        m = METRICS[key]
        scale = 100.0 if m.unit == "proporsi" else 1.0
        y = np.arange(len(rows))[::-1]
        mean = rows["diff_mean"].to_numpy() * scale
        lo = mean - rows["diff_ci_low"].to_numpy() * scale
        hi = rows["diff_ci_high"].to_numpy() * scale - mean
        for yi, mi, l_, h_, p in zip(y, mean, lo, hi, rows["policy"], strict=True):
            ax.errorbar(mi, yi, xerr=[[l_], [h_]], fmt="o", capsize=3, color=policy_color(p))
        ax.axvline(0, color="grey", linewidth=1)
        ax.set_yticks(y, [policy_label(p, lang) for p in rows["policy"]], fontsize=8)
        ax.set_ylim(-0.7, len(rows) - 0.3)
        unit = "pp" if m.unit == "proporsi" else unit_label(m.unit, lang)
        better = {"up": t("better_up", lang), "down": t("better_down", lang)}.get(m.better, "")
        ax.set_title(f"{m.label(lang)}\n({unit}; {better})", fontsize=9)
        number_axis(ax.xaxis, lang)
        ax.grid(alpha=0.3, axis="x")
    fig.suptitle(f"{t('forest_title', lang)} {policy_label(base, lang)}", fontsize=10)
    fig.tight_layout()
    few_note(fig, int(summary["n_replications"].max()), lang)
    fig.savefig(out / "forest.png", **SAVE)
    plt.close(fig)


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
    as `frames` (time series, needs map with at least its first and last months,
    summary) and its `start_year`, and saves reading them back.
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
    headcount_flows(ts, out, start_year, lang)
    unmet_need(ts, out, start_year, lang)
    load_by_group(units, out, "agency", start_year, lang)
    load_by_group(units, out, "area_type", start_year, lang)
    forest(summary, out, lang)
    return sorted(out.glob("*.png"))
