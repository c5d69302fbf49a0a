"""'Formasi plan': the plan of the years ahead for the current settings, as `plan --years`.

The card runs `experiments.five_year.five_year_plan` for the controls as they are at
the click (the policy and every lever), in a background thread, and shows what the
plan workbook's `formasi_per_jabatan` sheet holds: per position and year the
retirements (BUP calendar) and the formasi to propose, PNS and PPPK. The numbers are
the workbook's (the same function); the table keeps the settings that produced it.
"""

from __future__ import annotations

import logging

import solara
import solara.lab

from ..core.text import render
from ..experiments.five_year import FiveYearPlan, five_year_plan
from ..reporting.labels import role_label
from ..reporting.messages_plan import COLUMNS
from ..reporting.plan_report import formasi_rows
from ..scenario.levers import overrides
from ..scenario.loading import load_scenario
from ..scenario.scenario import Scenario
from .panels import settings_text
from .state import LANG, words

LOG = logging.getLogger(__name__)


def plan_for(base: Scenario, values: dict, years: int, replications: int) -> FiveYearPlan:
    """The plan of the years ahead under the settings `values` (the page's levers)."""
    settings = overrides({k: v for k, v in values.items() if k != "seed_offset"}, base)
    seed = base.seed + int(values.get("seed_offset", 0))
    scenario = load_scenario(base, {**settings, "seed": seed, "agent_views": "lazy"})
    return five_year_plan(scenario, values["policy"], years, replications)


def plan_table(plan: FiveYearPlan, lang: str, vocab_labels: dict[str, str]) -> str:
    """Markdown: one row per position (and the total), per year 'retiring / formasi'."""
    names = {p: vocab_labels.get(p) or role_label(p, lang) for p in plan.positions["position"]}
    head = " | ".join(str(y) for y in plan.years)
    lines = [f"| {COLUMNS['position'][lang]} | {head} |", "|---" * (len(plan.years) + 1) + "|"]
    lines += ["| " + " | ".join(row) + " |"
              for row in formasi_rows(plan, names, lang, strong=("**", "**"))]
    return "\n".join(lines)


@solara.component
def PlanView(levers: solara.Reactive[dict], base: Scenario, labels: dict[str, str]) -> None:
    """A button that drafts the plan of the years ahead in the background; its table."""
    lang = LANG.value
    w = words(lang)
    reps = solara.use_reactive(4)
    years = solara.use_reactive(5)
    result = solara.use_reactive(None)  # (plan, levers used)
    error = solara.use_reactive("")

    def work(values: dict, n_reps: int, n_years: int) -> None:
        try:
            plan = plan_for(base, values, n_years, n_reps)
            if task.is_current():
                result.set((plan, values))
        except Exception as exc:  # noqa: BLE001 - shown on the page, not a traceback
            LOG.exception("plan failed")
            error.set(render(exc, lang))

    task = solara.lab.use_task(work, dependencies=None, raise_error=False)

    def start():
        result.set(None)
        error.set("")
        task(dict(levers.value), reps.value, years.value)  # the controls at the click

    running = task.pending
    with solara.Card(w["plan"], classes=["mutasi-panel", "mutasi-plan-card"]):
        if result.value is not None:
            plan, used = result.value
            solara.Markdown(w["plan_done"].format(years=len(plan.years),
                                                  reps=plan.replications))
            with solara.Div(classes=["mutasi-used"]):
                solara.Markdown(f"{w['compared']}: {settings_text(used, lang)}")
            with solara.Div(classes=["mutasi-plan-table"]):
                solara.Markdown(plan_table(plan, lang, labels))
        else:
            solara.Markdown(w["plan_note"])
        solara.Button(w["plan"], color="primary", disabled=running, on_click=start,
                      classes=["mutasi-plan"])
        solara.SliderInt(f"{w['replications']}: {reps.value}", value=reps, min=2, max=16,
                         disabled=running)
        solara.SliderInt(f"{w['years']}: {years.value}", value=years, min=1, max=10,
                         disabled=running)
        if running:
            solara.ProgressLinear(value=True)
            solara.Text(w["running"])
        if error.value:
            solara.Error(f"{w['error']}: {error.value}")
