"""What a sensitivity study shows: the tornado figure and the console tables.

Reads the tables of `model.experiments.sensitivity` (indices, robustness); the
words are Indonesian by default, English with `lang="en"`.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from ..core.text import words
from ..simulation.metrics import METRICS
from .formats import fit_table, fmt_number
from .labels import policy_label, uncertain_label
from .style import policy_color

WORDS = words("reporting.sensitivity", {
    "level": ("Tingkat {outcome} di bawah {policy}", "Level of {outcome} under {policy}"),
    "effect": ("Efek {policy} dibanding {baseline} (berpasangan)",
               "Effect of {policy} against {baseline} (paired)"),
    "morris_x": ("μ* (rata-rata efek elementer absolut) dan interval 95%",
                 "μ* (mean absolute elementary effect) with 95% interval"),
    "sobol_x": ("Indeks total ST (batang) dan orde pertama S1 (titik), interval 95%",
                "Total index ST (bars) and first-order S1 (dots), 95% intervals"),
    "title": ("Parameter mana yang menggerakkan hasil? ({method}, {points} titik x {reps} "
              "replikasi)",
              "Which inputs move the result? ({method}, {points} points x {reps} "
              "replications)"),
    "parameter": ("Parameter", "Input"),
    "index": ("Indeks", "Index"),
    "direction": ("Arah", "Direction"),
    "range": ("Rentang dieksplorasi", "Range explored"),
    "drivers": ("Parameter yang menggerakkan efek {policy} (dibanding {baseline}) pada {outcome}",
                "Inputs that move the effect of {policy} (against {baseline}) on {outcome}"),
    "robust": ("Efek {policy}: rata-rata {mean}, dari {lo} sampai {hi}; lebih baik di "
               "{share} titik sampel",
               "Effect of {policy}: mean {mean}, from {lo} to {hi}; better at {share} of "
               "the sample points"),
})


def _w(key: str, lang: str, **kw: str) -> str:
    return WORDS[key].format(lang, **kw)


def _sig(x: float, lang: str) -> str:
    """An index with three significant digits (indices of shares are small numbers)."""
    if x != x:
        return "-"
    text = f"{x:.3g}"
    return text.replace(".", ",") if lang == "id" else text


def _main_columns(method: str) -> tuple[str, str]:
    return ("mu_star", "mu_star_conf") if method == "morris" else ("ST", "ST_conf")


def sensitivity_figure(indices: pd.DataFrame, path: Path, method: str, points: int,
                       replications: int, lang: str = "id") -> Path:
    """Tornado-style bars: each input's index with its interval, one panel per target.

    Panels: the paired effect of each policy first (what a finding rests on), then
    the outcome's level under each policy. Inputs are sorted by their index.
    """
    main, conf = _main_columns(method)
    targets = list(indices.groupby(["target", "policy"], sort=False).groups)
    targets.sort(key=lambda tp: tp[0] != "effect")
    outcome = METRICS[indices["outcome"].iloc[0]].label(lang)
    k = indices["parameter"].nunique()
    fig = Figure(figsize=(9.5, 1.2 + len(targets) * (0.7 + 0.3 * k)))  # no pyplot: the
    axes = fig.subplots(len(targets), 1, squeeze=False)  # caller's backend is left alone
    for ax, (kind, policy) in zip(axes[:, 0], targets, strict=True):
        g = indices[(indices["target"] == kind) & (indices["policy"] == policy)]
        g = g.sort_values(main, ascending=True, na_position="first")
        y = np.arange(len(g))
        color = policy_color(policy)
        ax.barh(y, g[main].fillna(0), xerr=g[conf].fillna(0), color=color, alpha=0.8,
                error_kw={"elinewidth": 1, "capsize": 2, "ecolor": "#333333"})
        if method == "sobol":
            ax.errorbar(g["S1"], y, xerr=g["S1_conf"], fmt="o", color="#222222", ms=3,
                        elinewidth=0.8)
        ax.set_yticks(y, [uncertain_label(p, lang) for p in g["parameter"]], fontsize=8)
        base = g["baseline"].iloc[0]
        title = _w(kind, lang, outcome=outcome, policy=policy_label(policy, lang),
                   baseline=policy_label(base, lang) if base else "")
        ax.set_title(title, fontsize=9, loc="left")
        ax.axvline(0, color="#888888", lw=0.6)
        ax.set_xlim(left=min(0.0, float(np.nanmin((g[main] - g[conf]).to_numpy(float)))))
        ax.tick_params(axis="x", labelsize=8)
        ax.grid(axis="x", color="#dddddd", lw=0.5)
        ax.xaxis.set_major_formatter(FuncFormatter(
            lambda v, _pos: _sig(v, lang) if v else "0"))
    axes[-1, 0].set_xlabel(_w(f"{method}_x", lang), fontsize=8)
    fig.suptitle(_w("title", lang, method=method.capitalize(), points=str(points),
                    reps=str(replications)), fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    return path


def drivers_table(indices: pd.DataFrame, method: str, lang: str = "id") -> pd.DataFrame:
    """Which inputs move each paired effect: index, interval, direction, range explored."""
    main, conf = _main_columns(method)
    effects = indices[indices["target"] == "effect"].sort_values(["policy", "rank"])
    unit = METRICS[indices["outcome"].iloc[0]].unit
    return pd.DataFrame({
        "policy": effects["policy"].map(lambda p: policy_label(p, lang)),
        _w("parameter", lang): effects["parameter"].map(lambda p: uncertain_label(p, lang)),
        f"{_w('index', lang)} ({main})": [
            f"{_sig(v, lang)} ± {_sig(c, lang)}"
            for v, c in zip(effects[main], effects[conf], strict=True)],
        _w("direction", lang): effects["direction"],
        _w("range", lang): [f"{fmt_number(lo, lang)} – {fmt_number(hi, lang)}"
                            for lo, hi in zip(effects["low"], effects["high"], strict=True)],
    }).assign(unit=unit)


def sensitivity_text(indices: pd.DataFrame, robustness: pd.DataFrame, method: str,
                     lang: str = "id", top: int = 8) -> str:
    """The console summary: per compared policy, its effect's range and top drivers."""
    outcome = METRICS[indices["outcome"].iloc[0]]
    unit = outcome.unit
    blocks = []
    table = drivers_table(indices, method, lang)
    for r in robustness.itertuples():
        head = _w("drivers", lang, policy=policy_label(r.policy, lang),
                  baseline=policy_label(r.baseline, lang), outcome=outcome.label(lang))
        robust = _w("robust", lang, policy=policy_label(r.policy, lang),
                    mean=f"{_sig(r.effect_mean, lang)} {unit}",
                    lo=_sig(r.effect_min, lang), hi=_sig(r.effect_max, lang),
                    share=f"{fmt_number(100 * r.share_better, lang)} %")
        rows = table[table["policy"] == policy_label(r.policy, lang)].drop(
            columns=["policy", "unit"]).head(top)
        blocks.append(f"{head}\n{robust}\n{fit_table(rows)}")
    return "\n\n".join(blocks)
