"""Figures drawn from a results folder's files (so they can be redrawn without re-running).

- `headcount_flows.png`: active staff over time (mean and 95% band over
  replications) and yearly flows (retirements, exits, recruits, transfers);
- `unmet_hours.png`: unmet workload hours per month (mean and 95% band);
- `load_by_agency.png`, `load_by_area.png`: distribution of unit load ratios by
  agency and by area type, at the start and at the horizon for each policy (all
  replications pooled);
- `forest.png` (when policies are compared): paired differences against the baseline
  with 95% intervals, one panel per key metric.
Labels are Indonesian by default (`lang="en"` for English).
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from ..results.analysis import band  # noqa: E402
from ..simulation.metrics import METRICS  # noqa: E402
from .labels import agency_label, area_label, t  # noqa: E402

SAVE = {"dpi": 120, "bbox_inches": "tight", "metadata": {"Software": None}}


def _band(ax: plt.Axes, ts: pd.DataFrame, key: str, lang: str) -> None:
    """Plot mean and 95% t-interval of `key` over replications, per policy."""
    for policy, g in ts.groupby("policy", sort=False):
        wide = g.pivot(index="month", columns="replication", values=key)
        mean, half = band(wide)
        line = ax.plot(wide.index, mean, label=policy)[0]
        if half is not None:
            ax.fill_between(wide.index, mean - half, mean + half, alpha=0.25,
                            color=line.get_color(), linewidth=0)
    ax.set_xlabel(t("month", lang))
    ax.grid(alpha=0.3)
    if ts["policy"].nunique() > 1:
        ax.legend()


def headcount_flows(ts: pd.DataFrame, out: Path, lang: str = "id") -> None:
    """Active staff over time and yearly flows."""
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(12, 4.5))
    _band(ax1, ts, "n_active", lang)
    ax1.set_title(f"{t('headcount', lang)} ({t('band', lang)})", fontsize=10)
    ax1.set_ylabel(t("persons", lang))
    body = ts[ts["month"] > 0].copy()
    body["year"] = (body["month"] - 1) // 12 + 1
    flows = {"new_retirements": "retirements", "new_exits": "exits",
             "new_recruits": "recruits", "new_moves": "moves"}
    yearly = body.groupby(["policy", "replication", "year"])[list(flows)].sum()
    yearly = yearly.groupby(["policy", "year"]).mean()
    policies = list(dict.fromkeys(ts["policy"]))
    if len(policies) == 1:
        yearly = yearly.loc[policies[0]]
        width = 0.2
        for i, (key, label) in enumerate(flows.items()):
            ax2.bar(yearly.index + (i - 1.5) * width, yearly[key], width, label=t(label, lang))
    else:  # retirements and recruits hardly differ between policies: show the transfers
        width = 0.8 / len(policies)
        for i, policy in enumerate(policies):
            y = yearly.loc[policy]
            ax2.bar(y.index + (i - (len(policies) - 1) / 2) * width, y["new_moves"], width,
                    label=f"{t('moves', lang)}: {policy}")
    ax2.set_title(t("flows_per_year", lang), fontsize=10)
    ax2.set_xlabel(t("year", lang))
    ax2.set_xticks(sorted(body["year"].unique()))
    ax2.set_ylabel(t("persons", lang))
    ax2.legend()
    ax2.grid(alpha=0.3, axis="y")
    fig.savefig(out / "headcount_flows.png", **SAVE)
    plt.close(fig)


def unmet_hours(ts: pd.DataFrame, out: Path, lang: str = "id") -> None:
    """Unmet workload hours per month with a 95% band."""
    fig, ax = plt.subplots(figsize=(8, 4.5))
    _band(ax, ts[ts["month"] > 0], "unmet_hours", lang)
    ax.set_title(f"{t('unmet_title', lang)} ({t('band', lang)})", fontsize=10)
    ax.set_ylabel(f"{METRICS['unmet_hours'].label(lang)} ({t('hours_month', lang)})")
    fig.savefig(out / "unmet_hours.png", **SAVE)
    plt.close(fig)


def load_by_group(units: pd.DataFrame, out: Path, by: str, lang: str = "id") -> None:
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
    policies = list(dict.fromkeys(per_unit["policy"]))
    series = [(t("start", lang), per_unit[(per_unit["month"] == first)
                                           & (per_unit["policy"] == policies[0])])]
    series += [(f"{t('end', lang)}: {p}" if len(policies) > 1 else t("end", lang),
                per_unit[(per_unit["month"] == last) & (per_unit["policy"] == p)])
               for p in policies]
    fig, ax = plt.subplots(figsize=(11, 4.5))
    pos = np.arange(len(groups))
    width = 0.8 / len(series)
    colors = plt.get_cmap("tab10").colors
    for i, (label, df) in enumerate(series):
        data = [df.loc[df[by] == g, "load"] for g in groups]
        bp = ax.boxplot(data, positions=pos + (i - (len(series) - 1) / 2) * width,
                        widths=width * 0.9, patch_artist=True, showfliers=False)
        for box in bp["boxes"]:
            box.set_facecolor("#cccccc" if i == 0 else colors[(i - 1) % 10])
        bp["boxes"][0].set_label(f"{label} ({t('month', lang).lower()} "
                                 f"{first if i == 0 else last})")
    ax.axhline(1.0, color="grey", linestyle="--", linewidth=1)
    names = [agency_label(g, lang) if by == "agency" else area_label(g, lang) for g in groups]
    ax.set_xticks(pos, names)
    ax.set_ylabel(t("load_ratio", lang))
    ax.set_title(t("load_by_agency" if by == "agency" else "load_by_area", lang), fontsize=10)
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3, axis="y")
    fig.savefig(out / f"load_by_{'agency' if by == 'agency' else 'area'}.png", **SAVE)
    plt.close(fig)


FOREST_METRICS = ("unmet_hours", "p_remote_covered", "load_cv", "adaptation_loss_fte",
                  "new_moves_refused", "mean_morale")


def forest(summary: pd.DataFrame, out: Path, lang: str = "id") -> None:
    """Paired differences against the baseline with 95% intervals, a panel per metric."""
    if "diff_mean" not in summary or summary["policy"].nunique() < 2:
        return
    base = summary["baseline"].iloc[0]
    others = [p for p in dict.fromkeys(summary["policy"]) if p != base]
    fig, axes = plt.subplots(2, 3, figsize=(13, 2.2 + 0.5 * len(others) * 2))
    for ax, key in zip(axes.ravel(), FOREST_METRICS, strict=True):
        rows = summary[(summary["metric"] == key) & summary["policy"].isin(others)]
        y = np.arange(len(rows))
        lo = (rows["diff_mean"] - rows["diff_ci_low"]).to_numpy()
        hi = (rows["diff_ci_high"] - rows["diff_mean"]).to_numpy()
        better = METRICS[key].better
        good = rows["diff_mean"] * (1 if better == "up" else -1) > 0
        ax.errorbar(rows["diff_mean"], y, xerr=[lo, hi], fmt="o", capsize=3,
                    ecolor="grey", color="none")
        ax.scatter(rows["diff_mean"], y, c=np.where(good, "#2ca02c", "#d62728"), zorder=3)
        ax.axvline(0, color="grey", linewidth=1)
        ax.set_yticks(y, rows["policy"])
        ax.set_title(f"{METRICS[key].label(lang)} ({METRICS[key].unit})", fontsize=9)
        ax.grid(alpha=0.3, axis="x")
    fig.suptitle(f"{t('forest_title', lang)} {base}", fontsize=10)
    fig.tight_layout()
    fig.savefig(out / "forest.png", **SAVE)
    plt.close(fig)


def draw_all(run_dir: Path, lang: str = "id",
             frames: tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame] | None = None
             ) -> list[Path]:
    """Draw every figure of a results folder into `run_dir/figures/`.

    The figures read the folder's files; a run that still holds the tables passes them
    as `frames` (time series, needs map with at least its first and last months,
    summary) and saves reading them back.
    """
    run_dir = Path(run_dir)
    out = run_dir / "figures"
    out.mkdir(exist_ok=True)
    if frames is None:
        frames = tuple(pd.read_csv(run_dir / f"{name}.csv")
                       for name in ("timeseries", "units", "summary"))
    ts, units, summary = frames
    headcount_flows(ts, out, lang)
    unmet_hours(ts, out, lang)
    load_by_group(units, out, "agency", lang)
    load_by_group(units, out, "area_type", lang)
    forest(summary, out, lang)
    return sorted(out.glob("*.png"))
