"""'Compare with status quo': the current settings beside the status quo on paired seeds.

`paired_compare` runs replication r of both on the same seed (common random numbers)
and summarises the paired differences with their 95% intervals (`results.analysis`);
`CompareView` runs it in a background thread, shows its progress, and plots the
differences of the key metrics.
"""

from __future__ import annotations

from collections.abc import Callable

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import solara  # noqa: E402

from ..core.rng import replication_seeds  # noqa: E402
from ..reporting.formats import crosses_zero, fmt_value  # noqa: E402
from ..reporting.labels import t  # noqa: E402
from ..reporting.style import policy_color  # noqa: E402
from ..results.analysis import summarise  # noqa: E402
from ..scenario.loading import load_scenario  # noqa: E402
from ..scenario.params import Scenario  # noqa: E402
from ..simulation.metrics import METRICS  # noqa: E402
from ..simulation.model import WorkforceModel  # noqa: E402
from .state import LANG, words  # noqa: E402

KEYS = ("unmet_fte", "p_remote_covered", "p_units_overloaded", "adaptation_loss_fte",
        "new_moves_refused", "cost_moves_idr")
BASE, SETTING = "none", "setting"


def paired_compare(base: Scenario, overrides: dict, replications: int, years: int,
                   progress: Callable[[int, int], None] | None = None) -> pd.DataFrame:
    """Summary rows (as `summary.csv`) of the settings against the status quo, paired.

    The status quo is the dashboard's scenario as loaded; the settings are the same
    scenario with the levers' overrides. Both run `years` years.
    """
    quo = load_scenario(base, {"years": years})
    setting = load_scenario(base, {**overrides, "years": years})
    seeds = replication_seeds(base.seed, replications)
    frames, done, total = [], 0, 2 * replications
    for r, seed in enumerate(seeds):
        for label, scenario in ((BASE, quo), (SETTING, setting)):
            ts = WorkforceModel(scenario, rng=seed, record_units=False).run().timeseries()
            ts.insert(0, "policy", label)
            ts.insert(0, "replication", r)
            frames.append(ts)
            done += 1
            if progress is not None:
                progress(done, total)
    return summarise(pd.concat(frames, ignore_index=True), BASE)


def difference_figure(summary: pd.DataFrame, lang: str):
    """One row per key metric: the paired difference and its interval (share in pp)."""
    rows = summary[(summary["policy"] == SETTING) & summary["metric"].isin(KEYS)]
    rows = rows.set_index("metric").loc[list(KEYS)]
    fig, axes = plt.subplots(len(KEYS), 1, figsize=(6.5, 0.75 * len(KEYS) + 0.6))
    for ax, (key, r) in zip(axes, rows.iterrows(), strict=True):
        m = METRICS[key]
        scale = 100.0 if m.unit == "proporsi" else 1e-6 if m.unit == "IDR" else 1.0
        mean, lo, hi = (r[c] * scale for c in ("diff_mean", "diff_ci_low", "diff_ci_high"))
        color = policy_color("balancing") if not crosses_zero(lo, hi) else "#999999"
        if lo == lo:
            ax.errorbar([mean], [0], xerr=[[mean - lo], [hi - mean]], fmt="o", capsize=4,
                        color=color)
        else:
            ax.plot([mean], [0], "o", color=color)
        ax.axvline(0, color="grey", linewidth=1)
        span = max(abs(lo), abs(hi), abs(mean), 1e-9) if lo == lo else max(abs(mean), 1e-9)
        ax.set_xlim(-1.15 * span, 1.15 * span)
        ax.set_yticks([])
        unit = "pp" if m.unit == "proporsi" else "juta Rp" if m.unit == "IDR" and \
            lang == "id" else "IDR million" if m.unit == "IDR" else m.unit
        ax.set_title(f"{m.label(lang)} ({unit})", fontsize=8, loc="left")
        ax.tick_params(axis="x", labelsize=7)
    fig.tight_layout()
    return fig


def summary_lines(summary: pd.DataFrame, lang: str) -> list[str]:
    """Each key metric's difference in words, 'tidak berbeda nyata' when it crosses 0."""
    out = []
    for key in KEYS:
        r = summary[(summary["policy"] == SETTING) & (summary["metric"] == key)].iloc[0]
        m = METRICS[key]
        text = (f"{m.label(lang)}: {fmt_value(r['diff_mean'], m.unit, lang, signed=True)} "
                f"(95 %: {fmt_value(r['diff_ci_low'], m.unit, lang, signed=True)} ; "
                f"{fmt_value(r['diff_ci_high'], m.unit, lang, signed=True)})")
        if crosses_zero(r["diff_ci_low"], r["diff_ci_high"]):
            text += " — " + ("tidak berbeda nyata" if lang == "id" else "not significant")
        out.append(text)
    return out


@solara.component
def CompareView(model) -> None:
    """A button that runs the paired comparison in the background, with its progress."""
    lang = LANG.value
    w = words(lang)
    reps, set_reps = solara.use_state(4)
    years, set_years = solara.use_state(min(5, model.params.years))
    run_id, set_run_id = solara.use_state(0)
    progress, set_progress = solara.use_state((0, 0))
    result, set_result = solara.use_state(None)
    error, set_error = solara.use_state("")
    base, overrides = model.scenario_base, dict(model.scenario_overrides)

    def work():
        if run_id == 0:
            return
        set_result(None)
        set_error("")
        try:
            summary = paired_compare(base, overrides, reps, years,
                                     lambda d, n: set_progress((d, n)))
            set_result(summary)
        except Exception as exc:  # noqa: BLE001 - shown on the page, not a traceback
            set_error(str(exc))

    solara.use_thread(work, dependencies=[run_id])
    running = run_id > 0 and result is None and not error
    with solara.Card(w["compare"]) as card:
        if result is not None:  # the answer first: the cell of the grid is small
            solara.Markdown(f"**{w['compare_done']}** ({t('policy', lang).lower()}: "
                            f"{model.levers.get('policy')}, {reps} × {years})")
            with solara.Div(classes=["mutasi-finding"]):
                solara.Markdown("\n".join(f"- {line}" for line in summary_lines(result, lang)))
        else:
            solara.Markdown(w["compare_note"].format(reps=reps, years=years))
        solara.Button(w["compare"], color="primary", disabled=running,
                      on_click=lambda: set_run_id(run_id + 1), classes=["mutasi-compare"])
        solara.SliderInt(f"{w['replications']}: {reps}", value=reps, on_value=set_reps, min=2,
                         max=16, disabled=running)
        solara.SliderInt(f"{w['years']}: {years}", value=years, on_value=set_years, min=1,
                         max=max(1, model.params.years), disabled=running)
        if running:
            done, total = progress
            solara.ProgressLinear(value=100 * done / total if total else True)
            solara.Text(f"{w['running']}: {done}/{total or 2 * reps} {w['runs']}")
        if error:
            solara.Error(f"{w['error']}: {error}")
        if result is not None:
            solara.FigureMatplotlib(difference_figure(result, lang), format="png")
            plt.close("all")
    return card

