"""The sidebar: the levers (named and valued in the page's language) and Reset, Step, ▶.

A click never does the work itself: Reset, Step and ▶ hand it to one background thread
of the session (`Session`, started by `solara.lab.use_task`), so the server keeps
reading that browser's messages (and its websocket pings) while a year is simulated
and drawn. A click reads the levers as they are at that moment (`levers.value`, set by
every control change before the click's own message is handled), not as they were
when the page last rendered.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time

import reacton.core  # Solara's renderer (pinned in constraints.txt): its batch
import solara
import solara.lab

from ..core.text import render
from ..reporting.formats import fmt_number, fmt_share
from ..reporting.labels import policy_label
from ..reporting.search import lever_text
from ..scenario.governments import BETWEEN_POLICIES
from ..scenario.levers import LEVERS, policy_choices
from .model import View, snapshot
from .painter import Painter
from .panels import draw_all
from .state import LANG, words

PLAY_PAUSE = 0.3  # seconds between the years of ▶, so each year is seen
LOG = logging.getLogger(__name__)


class Session:
    """One browser session's model; one background thread at a time changes it.

    Its `painter` keeps the session's charts: a step draws each chart's data again on
    the frame drawn at the first step, not a whole new figure.
    """

    def __init__(self, model_class) -> None:
        self.model_class = model_class
        self.lock = threading.Lock()  # held while the model changes and is copied
        self.play_number = 0  # a ▶ loop runs while this is still its number
        self.painter = Painter()
        self.model = model_class()
        self.first = snapshot(self.model, self.painter)
        self._shown = 0
        self._publishing = threading.Lock()

    def publish(self, target: solara.Reactive[View], view: View | None) -> None:
        """Show `view` unless a later one is shown already (threads finish out of order)."""
        with self._publishing:  # checked and shown in one piece
            if view is None or view.number <= self._shown:
                return
            self._shown = view.number
            target.set(view)

    def stop_play(self) -> int:
        """End any ▶ loop after its current year; the number a new loop runs under."""
        self.play_number += 1
        return self.play_number

    def reset(self, levers: dict, lang: str) -> View:
        """A new model with these lever values, drawn."""
        with self.lock:
            self.model = self.model_class(**levers)
            view = snapshot(self.model, self.painter)
        draw_all(view, lang)
        return view

    def step(self, lang: str, play: int | None = None) -> View | None:
        """One year more, drawn; for a ▶ loop (`play`) none once that loop was stopped."""
        with self.lock:
            if play is not None and play != self.play_number:
                return None
            self.model.step()
            view = snapshot(self.model, self.painter)
        draw_all(view, lang)
        return view

    def close(self) -> None:
        """The page is gone: stop ▶ after its current year."""
        self.stop_play()


def initial_levers(scenario) -> dict:
    """The controls' starting values: the scenario's own, and seed offset 0."""
    return {**{lever.key: lever.default(scenario) for lever in LEVERS}, "seed_offset": 0}


def _snap(value: float, lo: float, step: float) -> float:
    """A slider's value on its grid of steps (no 0.30000000000000004)."""
    return round(lo + round((value - lo) / step) * step, 9)


@solara.component
def LeverControls(levers: solara.Reactive[dict], scenario) -> None:
    """One control per lever, its current value in its label, policies by name."""
    lang = LANG.value
    values = levers.value

    def setter(key):
        def set_value(value):
            levers.value = {**levers.value, key: value}
        return set_value

    for lever in LEVERS:
        value = values[lever.key]
        label = lever.label(lang)
        with solara.Div(classes=["mutasi-lever", f"mutasi-lever-{lever.key}"]):
            if lever.kind == "select":
                choices = policy_choices()
                if scenario.governments is not None:  # the round between governments
                    choices += [*BETWEEN_POLICIES, *(f"{c}+{b}" for b in BETWEEN_POLICIES
                                                     for c in choices if c != "none")]
                if value not in choices:  # a composed or custom policy of the scenario
                    choices = [value, *choices]
                items = [{"text": policy_label(c, lang), "value": c} for c in choices]
                solara.v.Select(label=label, items=items, v_model=value,
                                on_v_model=setter(lever.key))
            elif lever.kind == "bool":
                solara.Checkbox(label=label, value=bool(value), on_value=setter(lever.key))
            elif lever.kind == "choice":  # the move budget: None (no limit) or a number
                choices = list(lever.choices) if value in lever.choices else \
                    [value, *lever.choices]
                items = [{"text": lever_text(lever.key, c, lang), "value": lever.token(c)}
                         for c in choices]
                solara.v.Select(label=label, items=items, v_model=lever.token(value),
                                on_v_model=lambda t, lever=lever: setter(lever.key)(
                                    lever.from_token(t)))
            else:
                lo, hi = lever.bounds(scenario)
                number = str(int(value)) if lever.kind == "int" else \
                    fmt_share(value, lang) if lever.percent else fmt_number(value, lang)
                shown = f"{label}: {number}"
                if lever.kind == "int":
                    solara.SliderInt(shown, value=int(value), min=int(lo), max=int(hi),
                                     step=int(lever.step), on_value=setter(lever.key))
                else:
                    solara.SliderFloat(
                        shown, value=float(value), min=lo, max=hi, step=lever.step,
                        on_value=lambda v, lever=lever, lo=lo: setter(lever.key)(
                            _snap(v, lo, lever.step)))
    with solara.Div(classes=["mutasi-lever", "mutasi-lever-seed_offset"]):
        solara.SliderInt(f"{words(lang)['seed']}: {values['seed_offset']}",
                         value=values["seed_offset"], min=0, max=99,
                         on_value=setter("seed_offset"))


@solara.component
def RunControls(session: Session, levers: solara.Reactive[dict],
                view: solara.Reactive[View]) -> None:
    """Reset, ▶/❚❚ and Step; the work runs in the session's background thread."""
    lang = LANG.value
    w = words(lang)
    playing = solara.use_reactive(False)
    error = solara.use_reactive("")

    page = reacton.core.get_render_context(required=False)

    def show(new: View | None) -> None:
        """Publish a view in one render of the page (Solara renders once per reader)."""
        with page if page is not None else contextlib.nullcontext():
            session.publish(view, new)

    def work(kind: str, values: dict | None = None, number: int = 0) -> None:
        shown = LANG.value
        try:
            if kind == "reset":
                show(session.reset(values, shown))
            elif kind == "step":
                show(session.step(shown))
            else:  # play: a year at a time until paused, the horizon, or the page closes
                while session.play_number == number and session.model.running:
                    show(session.step(LANG.value, play=number))
                    time.sleep(PLAY_PAUSE)
                if session.play_number == number:
                    playing.set(False)
        except Exception as exc:  # noqa: BLE001 - shown on the page, not a traceback
            LOG.exception("%s failed", kind)  # and in the server's log, to debug it
            playing.set(False)
            error.set(render(exc, shown))

    task = solara.lab.use_task(work, dependencies=None, raise_error=False)
    solara.use_effect(lambda: session.close, [])  # the page closed: stop ▶
    busy = task.pending and not playing.value

    def reset():
        session.stop_play()
        playing.set(False)
        error.set("")
        task("reset", dict(levers.value))  # the controls as they are at the click

    def play():
        number = session.stop_play()
        if playing.value:
            playing.set(False)
            return
        error.set("")
        playing.set(True)
        task("play", number=number)

    def step():
        error.set("")
        task("step")

    running = view.value.running
    # one Column always (Solara adds one only around two or more children): the
    # progress bar coming and going then leaves the buttons' widgets in place instead
    # of closing and opening them twice a step
    with solara.Column():
        with solara.Row(gap="8px", classes=["mutasi-run"], style={"flex-wrap": "wrap"}):
            solara.Button(w["reset"], color="primary", on_click=reset, disabled=busy)
            solara.Button(w["pause"] if playing.value else w["play"], color="primary",
                          on_click=play, disabled=busy or not running)
            solara.Button(w["step"], color="primary", on_click=step,
                          disabled=busy or playing.value or not running)
        if busy or playing.value:
            solara.ProgressLinear(True)
        if not running:
            solara.Info(w["horizon_reached"], dense=True)
        if error.value:
            solara.Error(f"{w['error']}: {error.value}")
