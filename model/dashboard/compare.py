"""'Compare with status quo': the current settings beside the status quo on paired seeds.

`paired_compare` runs replication r of both on the same seed (common random numbers)
and summarises the paired differences with their 95% intervals (`results.analysis`);
`CompareView` runs it in a background thread (`solara.lab.use_task`), shows its
progress, and plots the differences of the key metrics.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable

import numpy as np
import pandas as pd
import solara
import solara.lab
from matplotlib.figure import Figure

from ..core.rng import replication_seeds
from ..core.text import render
from ..reporting.formats import crosses_zero, fmt_value
from ..reporting.labels import unit_label
from ..reporting.style import FEW_REPLICATIONS, policy_color
from ..results.analysis import summarise
from ..scenario.levers import STATUS_QUO, overrides
from ..scenario.loading import load_scenario
from ..scenario.scenario import Scenario
from ..simulation.metrics import METRICS, headline
from ..simulation.model import WorkforceModel
from .painter import DPI, DRAW_LOCK
from .panels import settings_text
from .state import LANG, words


class _CancelledError(Exception):
    """Raised from the progress callback to stop a comparison nobody waits for."""


BASE, SETTING = "none", "setting"
LOG = logging.getLogger(__name__)


def one_run(scenario: Scenario, seed: int) -> pd.DataFrame:
    """One run's monthly metrics: the region's, or the whole of several governments'."""
    if scenario.governments is None:
        return WorkforceModel(scenario, rng=seed, record_units=False).run().timeseries()
    from ..governments.runner import ALL, run_governments

    records = run_governments(scenario, seed, record_units=False).records[ALL]
    ts = pd.DataFrame.from_records(records)
    ts.insert(0, "month", np.arange(len(ts)))
    return ts


def paired_compare(base: Scenario, settings: dict, replications: int, years: int,
                   progress: Callable[[int, int], None] | None = None,
                   seed_offset: int = 0) -> pd.DataFrame:
    """Summary rows (as `summary.csv`) of the settings against the status quo, paired.

    The status quo is the dashboard's scenario with no planned transfers and no
    intervention (`levers.STATUS_QUO`); the settings are the same scenario with the
    levers' overrides. Both run `years` years. `progress(done, total)` is called after
    each run (and may raise to stop the comparison). The replications' seeds come from
    the scenario's seed plus `seed_offset` (the page's seed control), so another seed
    gives another set of futures, shared by both sides.
    """
    lazy = {"years": years, "agent_views": "lazy"}  # no Mesa agent views: 12 runs, faster
    quo = load_scenario(base, {**overrides(STATUS_QUO, base), **lazy})
    setting = load_scenario(base, {**settings, **lazy})
    seeds = replication_seeds(base.seed + int(seed_offset), replications)
    frames, done, total = [], 0, 2 * replications
    for r, seed in enumerate(seeds):
        for label, scenario in ((BASE, quo), (SETTING, setting)):
            ts = one_run(scenario, seed)
            ts.insert(0, "policy", label)
            ts.insert(0, "replication", r)
            frames.append(ts)
            done += 1
            if progress is not None:
                progress(done, total)
    return summarise(pd.concat(frames, ignore_index=True), BASE)


def difference_figure(summary: pd.DataFrame, lang: str, policy: str = "balancing") -> Figure:
    """One row per headline metric: the paired difference and its interval (share in pp)."""
    keys = headline()
    rows = summary[(summary["policy"] == SETTING) & summary["metric"].isin(keys)]
    rows = rows.set_index("metric").loc[list(keys)]
    fig = Figure(figsize=(6.5, 0.75 * len(keys) + 0.6))  # no pyplot: sessions share it
    axes = fig.subplots(len(keys), 1, squeeze=False)[:, 0]
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
        span = (max(abs(lo), abs(hi), abs(mean)) if lo == lo else abs(mean)) or 1.0
        ax.set_xlim(-1.15 * span, 1.15 * span)
        ax.set_yticks([])
        unit = ("pp" if m.unit == "proporsi" else words(lang)["idr_million"]
                if m.unit == "IDR" else unit_label(m.unit, lang))
        ax.set_title(f"{m.label(lang)} ({unit})", fontsize=8, loc="left")
        ax.tick_params(axis="x", labelsize=7)
    fig.tight_layout()
    return fig


def with_unit(x: float, unit: str, lang: str) -> str:
    """A signed difference with its unit: '+12,3 FTE', '-4 orang', '+1,2 pp', '+Rp 5 juta'."""
    text = fmt_value(x, unit, lang, signed=True)
    if unit in ("IDR", "proporsi", "0-1") or text == "-":  # 'Rp', 'pp' in the number
        return text
    return f"{text} {unit_label(unit, lang)}"


def summary_lines(summary: pd.DataFrame, lang: str) -> list[str]:
    """Each headline metric's difference in words, with units; 'tidak berbeda nyata' at 0."""
    out = []
    for key in headline():
        r = summary[(summary["policy"] == SETTING) & (summary["metric"] == key)].iloc[0]
        m = METRICS[key]
        text = (f"{m.label(lang)}: {with_unit(r['diff_mean'], m.unit, lang)} "
                f"(95 %: {with_unit(r['diff_ci_low'], m.unit, lang)} ; "
                f"{with_unit(r['diff_ci_high'], m.unit, lang)})")
        if crosses_zero(r["diff_ci_low"], r["diff_ci_high"]):
            text += " — " + words(lang)["not_significant"]
        out.append(text)
    return out


def _all_zero(summary: pd.DataFrame) -> bool:
    rows = summary[(summary["policy"] == SETTING) & summary["metric"].isin(headline())]
    values = rows[["diff_mean", "diff_ci_low", "diff_ci_high"]].to_numpy()
    return bool((values == 0).all())


@solara.component
def CompareView(levers: solara.Reactive[dict], base: Scenario, horizon: int) -> None:
    """A button that runs the paired comparison in the background, with its progress.

    The comparison takes the controls as they are at the click (no Reset needed); its
    result keeps the settings that produced it, so moving a slider or pressing Reset
    afterwards never relabels an old answer.
    """
    lang = LANG.value
    w = words(lang)
    reps = solara.use_reactive(6)  # >= FEW_REPLICATIONS: no "few" warning
    years = solara.use_reactive(min(5, horizon))
    progress = solara.use_reactive((0, 0))
    result = solara.use_reactive(None)  # (summary, levers, reps, years, {lang: png})
    error = solara.use_reactive("")

    def work(values: dict, n_reps: int, n_years: int) -> None:
        def on_progress(done: int, total: int) -> None:
            if not task.is_current():  # a newer comparison or the page closed
                raise _CancelledError
            progress.set((done, total))

        try:
            settings = overrides({k: v for k, v in values.items() if k != "seed_offset"},
                                 base)
            summary = paired_compare(base, settings, n_reps, n_years, on_progress,
                                     seed_offset=values.get("seed_offset", 0))
            charts = {lang: difference_png(summary, lang, values["policy"])}
            result.set((summary, values, n_reps, n_years, charts))
        except _CancelledError:
            return
        except Exception as exc:  # noqa: BLE001 - shown on the page, not a traceback
            LOG.exception("comparison failed")  # and in the server's log, to debug it
            error.set(render(exc, lang))

    task = solara.lab.use_task(work, dependencies=None, raise_error=False)
    solara.use_effect(lambda: (lambda: task.cancel() if task.pending else None), [])

    def start():
        result.set(None)
        error.set("")
        progress.set((0, 2 * reps.value))
        task(dict(levers.value), reps.value, years.value)  # the controls at the click

    running = task.pending
    with solara.Card(w["compare"], classes=["mutasi-panel", "mutasi-compare-card"]):
        if result.value is not None:  # the answer first
            summary, used, n_reps, n_years, charts = result.value
            solara.Markdown(f"**{w['compare_done']}** ({n_reps} {w['runs']} × {n_years} "
                            f"{w['years'].lower()})")
            with solara.Div(classes=["mutasi-used"]):
                solara.Markdown(f"{w['compared']}: {settings_text(used, lang)}")
            with solara.Div(classes=["mutasi-finding"]):
                solara.Markdown("\n".join(f"- {line}" for line in summary_lines(summary, lang)))
            if n_reps < FEW_REPLICATIONS:
                solara.Warning(w["few"])
            if _all_zero(summary):  # e.g. the status quo compared with itself
                solara.Info(w["same_as_quo"])
        else:
            solara.Markdown(w["compare_note"].format(reps=reps.value, years=years.value))
        solara.Button(w["compare"], color="primary", disabled=running, on_click=start,
                      classes=["mutasi-compare"])
        solara.SliderInt(f"{w['replications']}: {reps.value}", value=reps, min=2, max=16,
                         disabled=running)
        solara.SliderInt(f"{w['years']}: {years.value}", value=years, min=1,
                         max=max(1, horizon), disabled=running)
        if running:
            done, total = progress.value
            solara.ProgressLinear(value=100 * done / total if total else True)
            solara.Text(f"{w['running']}: {done}/{total} {w['runs']}")
        if error.value:
            solara.Error(f"{w['error']}: {error.value}")
        if result.value is not None:
            summary, used, *_, charts = result.value
            if lang not in charts:  # the language switched after the comparison
                charts[lang] = difference_png(summary, lang, used["policy"])
            with solara.Div(classes=["mutasi-compare-chart"]):
                solara.Image(charts[lang])


def difference_png(summary: pd.DataFrame, lang: str, policy: str) -> bytes:
    """`difference_figure` as PNG bytes (one figure drawn at a time, as the panels)."""
    buf = io.BytesIO()
    with DRAW_LOCK:
        difference_figure(summary, lang, policy).savefig(buf, format="png", dpi=DPI,
                                                         metadata={"Software": None})
    return buf.getvalue()
