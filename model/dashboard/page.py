"""The Solara page: the levers and run buttons on the left, the panels in two columns.

The server (`server.serve`) names the scenario in the environment variable
`MUTASI_DASHBOARD_SCENARIO` (a YAML file of the resolved scenario) and the starting
language in `MUTASI_DASHBOARD_LANG`; `solara run model.dashboard.page` serves `Page`.

The panels sit in two columns of the page's flow (no fixed heights, nothing
positioned on top of anything), so a panel that grows (the comparison's result)
pushes the panels under it down instead of being drawn over.
Each browser session has its own model (`controls.Session`).
"""

from __future__ import annotations

import os

import solara
import solara.server.settings

from ..reporting.formats import fmt_count, fmt_share
from ..scenario.loading import load_scenario
from .compare import CompareView
from .controls import LeverControls, RunControls, Session, initial_levers
from .model import View, dashboard_model
from .panels import chart, column, numbers, settings_text
from .plan_view import PlanView
from .state import LANG, words

FRONT = None  # (front, meta) of `dashboard --front FOLDER`, else None
if os.environ.get("MUTASI_DASHBOARD_FRONT"):
    from ..experiments.search_results import read_front

    FRONT = read_front(os.environ["MUTASI_DASHBOARD_FRONT"])

SCENARIO = load_scenario(os.environ.get("MUTASI_DASHBOARD_SCENARIO") or "default")
MODEL_CLASS = dashboard_model(SCENARIO)
START_LANG = os.environ.get("MUTASI_DASHBOARD_LANG", "id")
_VOCAB = MODEL_CLASS().vocab  # the region is drawn once per process: faster first page
LABELS = {o: _VOCAB.label(o) for o in _VOCAB.occupations}  # a region's own position names
# Solara's "This website runs on Solara" badge sits on top of the page's bottom right
solara.server.settings.theme.show_banner = False

CSS = """
.mutasi-main { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
.mutasi-column { flex: 1 1 400px; min-width: 0; display: flex; flex-direction: column;
  gap: 16px; }
.mutasi-panel { margin: 0 !important; }
.mutasi-chart img { width: 100%; height: auto; display: block; }
.mutasi-compare-chart img { max-width: 100%; height: auto; display: block; }
.mutasi-numbers table { width: 100%; }
.mutasi-numbers td { padding: 2px 6px; }
.mutasi-value { white-space: nowrap; font-weight: 500; }
.mutasi-lever { margin-bottom: 10px; }
.mutasi-plan-table { overflow-x: auto; font-size: 0.85em; }
.mutasi-front-candidate { font-size: 0.9em; }
.mutasi-governments th, .mutasi-governments td { padding: 2px 4px !important; }
.mutasi-governments th:first-child, .mutasi-governments td:first-child { text-align: left; }
"""

# the panels stand in two columns (`panels.panel` places each); on a narrow screen the
# second comes under the first


@solara.component
def Numbers(view: View) -> None:
    """Key numbers of the model now, and the settings it runs with."""
    lang = LANG.value
    w = words(lang)
    rows = "\n".join(f"| {label} | <span class='mutasi-value'>{value}</span> |"
                     for label, value in numbers(view, lang))
    with solara.Card(w["numbers"], classes=["mutasi-panel", "mutasi-numbers-card"]):
        with solara.Div(classes=["mutasi-numbers"]):
            solara.Markdown(f"| | |\n|---|---|\n{rows}")
        solara.Markdown(f"**{w['settings']}:** {settings_text(view.levers, lang)}")


@solara.component
def Governments(view: View) -> None:
    """Several governments: each one's (or each province's) numbers now."""
    lang = LANG.value
    w = words(lang)
    table = view.governments
    head = (f"| {w['government']} | {w['staff']} | {w['unmet_short']} | "
            f"{w['remote_short']} | {w['gov_in_out']} |\n|---|---|---|---|---|\n")
    rows = "\n".join(
        f"| {r.name} | {fmt_count(r.n_active, lang)} | {fmt_share(r.p_unmet, lang)} | "
        f"{fmt_share(r.p_remote_covered, lang)} | {fmt_count(r.gov_in, lang)} / "
        f"{fmt_count(r.gov_out, lang)} |" for r in table.itertuples())
    with solara.Card(w["governments_title"], classes=["mutasi-panel", "mutasi-governments"]):
        with solara.Div(classes=["mutasi-plan-table"]):
            solara.Markdown(head + rows)
        solara.Markdown(w["governments_note"])


@solara.component
def Chart(view: View, name: str) -> None:
    """One chart of the view, drawn once per view and language."""
    png = chart(view, name, LANG.value)
    with solara.Card(classes=["mutasi-panel", "mutasi-chart", f"mutasi-chart-{name}"]):
        solara.Image(png)


@solara.component
def Panels(view: solara.Reactive[View], levers: solara.Reactive[dict]) -> None:
    """The two columns of panels: the numbers, the charts and the comparison.

    It reads the view, the page does not: a step renders these panels and the run
    controls again, not the whole page with its sidebar.
    """
    shown = view.value
    with solara.Div(classes=["mutasi-main"]):
        with solara.Div(classes=["mutasi-column"]):
            Numbers(shown)
            if shown.governments is not None:
                Governments(shown)
            for name in column(1):
                Chart(shown, name)
            if SCENARIO.governments is None:  # (a plan is one government's)
                PlanView(levers, SCENARIO, LABELS)
            if FRONT is not None:
                from .front_view import FrontView

                FrontView(levers, *FRONT)
        with solara.Div(classes=["mutasi-column"]):
            CompareView(levers, SCENARIO, SCENARIO.years)
            for name in column(2):
                Chart(shown, name)


@solara.component
def Page() -> None:
    """The dashboard page."""
    solara.use_effect(lambda: LANG.set(START_LANG), [])
    session = solara.use_memo(lambda: Session(MODEL_CLASS), [])
    view = solara.use_reactive(session.first)
    levers = solara.use_reactive(initial_levers(SCENARIO))
    lang = LANG.value
    w = words(lang)
    solara.Title(w["title"])
    solara.Style(CSS)
    with solara.AppBar():
        region = (SCENARIO.region.name if SCENARIO.governments is None else
                  f"{len(SCENARIO.governments.members)} {words(lang)['governments']}")
        solara.AppBarTitle(f"Mutasi · {region} ({SCENARIO.name})")
    with solara.Sidebar(), solara.Column():
        with solara.Card(w["run"], margin=0):
            solara.ToggleButtonsSingle(value=LANG, values=["id", "en"])
            solara.Markdown(w["how_to"])
            RunControls(session, levers, view)
        with solara.Card(w["controls"], margin=0):
            LeverControls(levers, SCENARIO)
    Panels(view, levers)
