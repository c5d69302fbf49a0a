"""'Compare with status quo': the current settings beside the status quo on paired seeds.

`paired_compare` runs replication r of both on the same seed (common random numbers)
and summarises the paired differences with their 95% intervals (`results.analysis`);
`CompareView` runs it in a background thread, shows its progress, and plots the
differences of the key metrics.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import solara
from matplotlib.figure import Figure

from ..core.messages import translate
from ..core.rng import replication_seeds
from ..reporting.formats import crosses_zero, fmt_value
from ..reporting.labels import policy_label, unit_label
from ..reporting.style import FEW_REPLICATIONS, policy_color
from ..results.analysis import summarise
from ..scenario.levers import STATUS_QUO, overrides
from ..scenario.loading import load_scenario
from ..scenario.params import Scenario
from ..simulation.metrics import METRICS
from ..simulation.model import WorkforceModel
from .state import LANG, words


class _CancelledError(Exception):
    """Raised from the progress callback to stop a comparison nobody waits for."""


KEYS = ("unmet_fte", "p_remote_covered", "p_units_overloaded", "adaptation_loss_fte",
        "new_moves_refused", "cost_moves_idr")
BASE, SETTING = "none", "setting"


def paired_compare(base: Scenario, settings: dict, replications: int, years: int,
                   progress: Callable[[int, int], None] | None = None) -> pd.DataFrame:
    """Summary rows (as `summary.csv`) of the settings against the status quo, paired.

    The status quo is the dashboard's scenario with no planned transfers and no
    intervention (`levers.STATUS_QUO`); the settings are the same scenario with the
    levers' overrides. Both run `years` years. `progress(done, total)` is called after
    each run (and may raise to stop the comparison).
    """
    quo = load_scenario(base, {**overrides(STATUS_QUO, base), "years": years})
    setting = load_scenario(base, {**settings, "years": years})
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


def difference_figure(summary: pd.DataFrame, lang: str, policy: str = "balancing") -> Figure:
    """One row per key metric: the paired difference and its interval (share in pp)."""
    rows = summary[(summary["policy"] == SETTING) & summary["metric"].isin(KEYS)]
    rows = rows.set_index("metric").loc[list(KEYS)]
    fig = Figure(figsize=(6.5, 0.75 * len(KEYS) + 0.6))  # no pyplot: sessions share it
    axes = fig.subplots(len(KEYS), 1)
    for ax, (key, r) in zip(axes, rows.iterrows(), strict=True):
        m = METRICS[key]
        scale = 100.0 if m.unit == "proporsi" else 1e-6 if m.unit == "IDR" else 1.0
        mean, lo, hi = (r[c] * scale for c in ("diff_mean", "diff_ci_low", "diff_ci_high"))
        color = policy_color(policy) if not crosses_zero(lo, hi) else "#999999"
        if lo == lo:
            ax.errorbar([mean], [0], xerr=[[mean - lo], [hi - mean]], fmt="o", capsize=4,
                        color=color)
        else:
            ax.plot([mean], [0], "o", color=color)
        ax.axvline(0, color="grey", linewidth=1)
        span = max(abs(lo), abs(hi), abs(mean), 1e-9) if lo == lo else max(abs(mean), 1e-9)
        ax.set_xlim(-1.15 * span, 1.15 * span)
        ax.set_yticks([])
        unit = ("pp" if m.unit == "proporsi" else words(lang)["idr_million"]
                if m.unit == "IDR" else unit_label(m.unit, lang))
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
    """A button that runs the paired comparison in the background, with its progress.

    The result keeps the settings that produced it (policy, replications, years), so
    moving a slider or pressing Reset afterwards never relabels an old answer.
    """
    lang = LANG.value
    w = words(lang)
    reps, set_reps = solara.use_state(6)  # >= FEW_REPLICATIONS: no "few" warning
    years, set_years = solara.use_state(min(5, model.params.years))
    job, set_job = solara.use_state(None)  # (number, settings, policy, reps, years)
    progress, set_progress = solara.use_state((0, 0))
    result, set_result = solara.use_state(None)  # (summary, policy, reps, years)
    error, set_error = solara.use_state("")

    def start():
        set_result(None)
        set_error("")
        set_progress((0, 2 * reps))
        number = job[0] + 1 if job else 1
        set_job((number, dict(model.scenario_overrides), model.levers.get("policy"), reps,
                 years))

    def work(cancel=None):
        if job is None:
            return
        _, settings, policy, n_reps, n_years = job

        def on_progress(done: int, total: int) -> None:
            if cancel is not None and cancel.is_set():  # a newer job or the page closed
                raise _CancelledError
            set_progress((done, total))

        try:
            summary = paired_compare(model.scenario_base, settings, n_reps, n_years,
                                     on_progress)
            set_result((summary, policy, n_reps, n_years))
        except _CancelledError:
            return
        except Exception as exc:  # noqa: BLE001 - shown on the page, not a traceback
            set_error(translate(str(exc), lang))

    solara.use_thread(work, dependencies=[job], intrusive_cancel=False)
    running = job is not None and result is None and not error
    with solara.Card(w["compare"]) as card:
        if result is not None:  # the answer first: the cell of the grid is small
            summary, policy, n_reps, n_years = result
            solara.Markdown(f"**{w['compare_done']}** ({policy_label(policy, lang)}, "
                            f"{n_reps} {w['runs']} × {n_years} {w['years'].lower()})")
            with solara.Div(classes=["mutasi-finding"]):
                solara.Markdown("\n".join(f"- {line}" for line in summary_lines(summary, lang)))
            if n_reps < FEW_REPLICATIONS:
                solara.Warning(w["few"])
        else:
            solara.Markdown(w["compare_note"].format(reps=reps, years=years))
        solara.Button(w["compare"], color="primary", disabled=running, on_click=start,
                      classes=["mutasi-compare"])
        solara.SliderInt(f"{w['replications']}: {reps}", value=reps, on_value=set_reps, min=2,
                         max=16, disabled=running)
        solara.SliderInt(f"{w['years']}: {years}", value=years, on_value=set_years, min=1,
                         max=max(1, model.params.years), disabled=running)
        if running:
            done, total = progress
            solara.ProgressLinear(value=100 * done / total if total else True)
            solara.Text(f"{w['running']}: {done}/{total} {w['runs']}")
        if error:
            solara.Error(f"{w['error']}: {error}")
        if result is not None:
            solara.FigureMatplotlib(difference_figure(result[0], lang, result[1]),
                                    format="png")
    return card
