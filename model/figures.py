"""Figures drawn from a results folder's files (so they can be redrawn without re-running).

- `headcount_flows.png`: active staff over time (mean and 95% band over
  replications) and yearly flows (retirements, exits, recruits, transfers);
- `unmet_hours.png`: unmet workload hours per month (mean and 95% band);
- `load_by_agency.png`: distribution of unit load ratios by agency, at the start
  and at the horizon (all replications pooled).
Labels are Indonesian by default (`lang="en"` for English).
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from scipy import stats  # noqa: E402

from .labels import agency_label, t  # noqa: E402
from .metrics import METRICS  # noqa: E402

SAVE = {"dpi": 120, "bbox_inches": "tight", "metadata": {"Software": None}}


def _band(ax: plt.Axes, ts: pd.DataFrame, key: str, lang: str) -> None:
    """Plot mean and 95% t-interval of `key` over replications, per policy."""
    for policy, g in ts.groupby("policy", sort=False):
        wide = g.pivot(index="month", columns="replication", values=key)
        mean = wide.mean(axis=1)
        n = wide.shape[1]
        line = ax.plot(wide.index, mean, label=policy)[0]
        if n > 1:
            half = stats.t.ppf(0.975, n - 1) * wide.std(axis=1, ddof=1) / np.sqrt(n)
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
    yearly = yearly.groupby("year").mean()
    width = 0.2
    for i, (key, label) in enumerate(flows.items()):
        ax2.bar(yearly.index + (i - 1.5) * width, yearly[key], width, label=t(label, lang))
    ax2.set_title(t("flows_per_year", lang), fontsize=10)
    ax2.set_xlabel(t("year", lang))
    ax2.set_xticks(yearly.index)
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


def load_by_agency(units: pd.DataFrame, out: Path, lang: str = "id") -> None:
    """Box plots of unit load ratio by agency at the start and the horizon."""
    per_unit = units.groupby(["replication", "month", "agency", "unit_id"])[
        ["required_fte", "capacity_fte"]].sum().reset_index()
    per_unit = per_unit[per_unit["required_fte"] > 0]
    per_unit["load"] = per_unit["required_fte"] / per_unit["capacity_fte"].clip(lower=1e-9)
    per_unit["load"] = per_unit["load"].clip(upper=5.0)
    first, last = per_unit["month"].min(), per_unit["month"].max()
    agencies = sorted(per_unit["agency"].unique())
    fig, ax = plt.subplots(figsize=(10, 4.5))
    pos = np.arange(len(agencies))
    for offset, month, label in ((-0.18, first, "start"), (0.18, last, "end")):
        data = [per_unit.loc[(per_unit["month"] == month) & (per_unit["agency"] == a), "load"]
                for a in agencies]
        bp = ax.boxplot(data, positions=pos + offset, widths=0.32, patch_artist=True,
                        showfliers=False)
        color = "#9ecae1" if label == "start" else "#fc9272"
        for box in bp["boxes"]:
            box.set_facecolor(color)
        bp["boxes"][0].set_label(f"{t(label, lang)} ({t('month', lang).lower()} {month})")
    ax.axhline(1.0, color="grey", linestyle="--", linewidth=1)
    ax.set_xticks(pos, [agency_label(a, lang) for a in agencies])
    ax.set_ylabel(t("load_ratio", lang))
    ax.set_title(t("load_by_agency", lang), fontsize=10)
    ax.legend()
    ax.grid(alpha=0.3, axis="y")
    fig.savefig(out / "load_by_agency.png", **SAVE)
    plt.close(fig)


def draw_all(run_dir: Path, lang: str = "id") -> list[Path]:
    """Draw every figure of a results folder into `run_dir/figures/`."""
    run_dir = Path(run_dir)
    out = run_dir / "figures"
    out.mkdir(exist_ok=True)
    ts = pd.read_csv(run_dir / "timeseries.csv")
    units = pd.read_csv(run_dir / "units.csv")
    headcount_flows(ts, out, lang)
    unmet_hours(ts, out, lang)
    load_by_agency(units, out, lang)
    return sorted(out.glob("*.png"))
