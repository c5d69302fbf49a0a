"""The Solara page: Mesa's SolaraViz with the levers as controls and the panels.

The server (`server.serve`) names the scenario in the environment variable
`MUTASI_DASHBOARD_SCENARIO` (a YAML file of the resolved scenario) and the starting
language in `MUTASI_DASHBOARD_LANG`; `solara run model.dashboard.page` serves `Page`.
"""

from __future__ import annotations

import os

import solara
from mesa.visualization import SolaraViz
from mesa.visualization.user_param import Slider

from ..scenario.levers import LEVERS, policy_choices
from ..scenario.loading import load_scenario
from .compare import CompareView
from .model import dashboard_model
from .panels import Costs, Headcount, Moves, Numbers, UnitMap, UnmetNeed, settings_text
from .state import LANG, words

SCENARIO = load_scenario(os.environ.get("MUTASI_DASHBOARD_SCENARIO") or "default")
MODEL_CLASS = dashboard_model(SCENARIO)
START_LANG = os.environ.get("MUTASI_DASHBOARD_LANG", "id")


def model_params(lang: str) -> dict:
    """SolaraViz controls of the levers, labels in `lang`, ranges from the declarations."""
    out = {}
    for lever in LEVERS:
        value = lever.default(SCENARIO)
        label = lever.label(lang)
        if lever.kind == "select":
            choices = policy_choices()
            if value not in choices:
                choices = [value, *choices]
            out[lever.key] = {"type": "Select", "value": value, "values": choices,
                              "label": label}
        elif lever.kind == "bool":
            out[lever.key] = {"type": "Checkbox", "value": bool(value), "label": label}
        else:
            lo, hi = lever.bounds(SCENARIO)
            out[lever.key] = Slider(label, value=value, min=lo, max=hi, step=lever.step,
                                    dtype=int if lever.kind == "int" else float)
    out["seed_offset"] = Slider("Seed +" if lang == "en" else "Benih +", value=0, min=0,
                                max=99, step=1, dtype=int)
    return out


@solara.component
def LanguageSwitch(model) -> None:
    """Indonesian / English, applied at once to every panel."""
    w = words(LANG.value)
    with solara.Card(w["title"]) as card:
        solara.ToggleButtonsSingle(value=LANG, values=["id", "en"])
        solara.Markdown(w["how_to"])
        solara.Markdown(f"**{w['settings']}:** {settings_text(model, LANG.value)}")
    return card


@solara.component
def Page() -> None:
    """The dashboard page."""
    solara.use_effect(lambda: LANG.set(START_LANG), [])
    model = solara.use_reactive(solara.use_memo(lambda: MODEL_CLASS(), []))
    lang = LANG.value
    solara.Title(words(lang)["title"])
    SolaraViz(model, components=[LanguageSwitch, Numbers, CompareView, UnmetNeed, UnitMap,
                                 Headcount, Moves, Costs],
              model_params=model_params(lang), play_interval=50,
              name=f"Mutasi · {SCENARIO.region.name} ({SCENARIO.name})")
