"""'Search front': a policy search's candidates, and a button that sets the controls to one.

`run_sim.py dashboard SCENARIO --front FOLDER` loads the front of `run_sim.py search`
(`front.csv`); the card lists the kept candidates (the short list first, each with its
reasons), shows the chosen one in sentences against the status quo (as the search's
report), and "Use these settings" sets every lever of the page to it: then Reset runs
it, and "Compare with the status quo" compares it.
"""

from __future__ import annotations

import pandas as pd
import solara

from ..experiments.search_results import candidate_levers
from ..reporting.search import reason_text, setting_text, versus_quo
from .state import LANG, words


def candidate_choices(front: pd.DataFrame, first: str, thresholds: bool,
                      lang: str) -> list[tuple[str, str]]:
    """(label, candidate id) of each row: the short list first, each with its reasons."""
    w = words(lang)
    listed = front["shortlist"].astype(str) != ""
    order = list(front.index[listed]) + list(front.index[~listed])
    out = []
    for i in order:
        row = front.loc[i]
        label = f"{w['candidate']} {row['candidate']}"
        if listed[i]:
            reasons = "; ".join(reason_text(r, first, thresholds, lang)
                                for r in str(row["shortlist"]).split(";"))
            label += f": {reasons}"
        out.append((label, str(row["candidate"])))
    return out


@solara.component
def FrontView(levers: solara.Reactive[dict], front: pd.DataFrame, meta: dict) -> None:
    """The front's candidates; the chosen one in words; a button to use its settings."""
    lang = LANG.value
    w = words(lang)
    objectives = [k for k, _ in meta["objectives"]]
    choices = candidate_choices(front, objectives[0], bool(meta["thresholds"]), lang)
    labels = [label for label, _ in choices]
    by_label, label_of = dict(choices), {cid: label for label, cid in choices}
    chosen = solara.use_reactive(choices[0][1])  # the candidate's id: the same in any language
    row = front[front["candidate"].astype(str) == chosen.value].iloc[0]
    values = candidate_levers(row)
    used = all(levers.value.get(k) == v for k, v in values.items())

    def use() -> None:
        levers.set({**levers.value, **values})

    with solara.Card(w["front"], classes=["mutasi-panel", "mutasi-front-card"]):
        solara.Markdown(w["front_note"].format(scenario=meta["scenario"],
                                               kept=len(front)))
        solara.Select(w["candidate"], value=label_of[chosen.value], values=labels,
                      on_value=lambda label: chosen.set(by_label[label]))
        with solara.Div(classes=["mutasi-front-candidate"]):
            solara.Markdown(f"**{setting_text(row, meta['levers'], lang)}**")
            solara.Markdown("\n".join(f"- {line}" for line in
                                      versus_quo(row, objectives, meta["years"], lang)))
        solara.Button(w["use_candidate"], color="primary", on_click=use, disabled=used,
                      classes=["mutasi-use-candidate"])
        if used:
            solara.Text(w["candidate_used"])
