"""The dashboard's Step does its work once (issue 24): a chart is built once per session
and language and then only its data is drawn again, the image it gives is the one a new
figure gives, and the needs table and the DataCollector are read once per step.

Timings are not asserted here (a shared 2-core machine is too noisy for a tight
bound): `tools/bench_dashboard.py` measures a Step in Chromium; these tests fail when a
step does the work twice or draws something else than a whole figure would.
"""

from __future__ import annotations

import io
import time

import numpy as np
import pytest
from PIL import Image

from model.dashboard.controls import Session
from model.dashboard.model import dashboard_model
from model.dashboard.painter import Painter, figure_png
from model.dashboard.panels import CHARTS, chart, draw_all
from model.scenario.loading import load_scenario

SMALL = {"region.target_staff": 1500}  # the painter's work does not depend on the size


def _pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA"))


def _counted_model(base):
    """The dashboard's model class, counting its needs tables and DataCollector reads."""
    cls = dashboard_model(base)

    class Counted(cls):
        reads = {"needs_table": 0, "datacollector": 0}

        def needs_table(self):
            Counted.reads["needs_table"] += 1
            return super().needs_table()

        @property
        def datacollector(self):
            Counted.reads["datacollector"] += 1
            return super().datacollector

    return Counted


def test_a_painted_chart_is_the_chart_drawn_whole_on_a_new_figure():
    session = Session(dashboard_model(load_scenario("default", SMALL)))
    start = session.first
    session.reset({"policy": "balancing"}, "id")
    year1, year2 = session.step("id"), session.step("id")
    other = session.reset({"policy": "rotation", "seed_offset": 3, "training": True}, "id")
    other1 = session.step("id")  # another policy's colour, other costs
    whole: dict = {}
    # forward, across a Reset; English (the figures built again); back in Indonesian
    for view, lang in ((start, "id"), (year1, "id"), (year2, "id"), (other, "id"),
                       (other1, "id"), (year2, "en"), (year1, "id")):
        for name, drawn in CHARTS.items():
            painted = _pixels(session.painter.png(name, drawn, view, lang))
            key = (name, view.number, lang)
            if key not in whole:
                whole[key] = _pixels(figure_png(drawn(view, lang)))
            assert painted.shape == whole[key].shape, (name, lang, view.month)
            differ = int((painted != whole[key]).any(axis=2).sum())
            assert differ == 0, f"{name} ({lang}, month {view.month}): {differ} pixels"


def test_a_step_draws_each_chart_once_on_the_frame_kept_from_the_first_draw():
    cls = _counted_model(load_scenario("default", SMALL))
    session = Session(cls)
    draw_all(session.first, "id")  # the page opens: every chart built and drawn once
    assert cls.reads == {"needs_table": 1, "datacollector": 1}
    counts = session.painter.counts
    assert counts == {f"{kind} {name}": 1 for name in CHARTS for kind in ("frame", "data")}
    for year in range(1, 4):
        view = session.step("id")
        assert set(view.charts) == {(name, "id") for name in CHARTS}
        for name in CHARTS:  # the page shows them: the view's images, no new drawing
            assert chart(view, name, "id") is view.charts[(name, "id")]
            assert counts[f"frame {name}"] == 1, name  # the frame is not built again
            assert counts[f"data {name}"] == 1 + year, name  # the data drawn once a year
        assert cls.reads == {"needs_table": 1 + year, "datacollector": 1 + year}
    draw_all(view, "en")  # English: each chart built once more, in English
    assert all(counts[f"frame {name}"] == 2 for name in CHARTS)
    assert session.reset({"policy": "balancing"}, "en").charts  # the same frames serve
    assert all(counts[f"frame {name}"] == 2 for name in CHARTS)


def test_the_page_shows_a_step_without_drawing_it_again(monkeypatch):
    """In the page (rendered in-process), Step draws each chart once, in the background
    thread, and the panels show those images; the page's own render draws nothing."""
    import ipyvuetify as v
    import ipywidgets as widgets
    import solara

    from model.dashboard.page import Page

    drawn: list[str] = []
    real_png = Painter.png

    def counting_png(self, name, *args):  # the real drawing, counted
        drawn.append(name)
        return real_png(self, name, *args)

    monkeypatch.setattr(Painter, "png", counting_png)
    box, rc = solara.render(solara.AppLayout(children=[Page()]), handle_error=False)
    try:
        assert sorted(drawn) == sorted(CHARTS)  # the first page: each chart once
        drawn.clear()
        images = [bytes(i.widget.value) for i in rc.find(widgets.Image)]
        rc.find(v.Btn, children=["Maju 1 tahun"]).widget.click()
        deadline = time.time() + 120
        while [bytes(i.widget.value) for i in rc.find(widgets.Image)] == images or \
                rc.find(v.Btn, children=["Maju 1 tahun"]).widget.disabled:
            assert time.time() < deadline, "the step was not shown"
            time.sleep(0.05)
        new = [bytes(i.widget.value) for i in rc.find(widgets.Image)]
        assert all(a != b for a, b in zip(new, images, strict=True))  # every chart new
        assert sorted(drawn) == sorted(CHARTS)  # and each drawn once for the step
    finally:
        rc.close()


@pytest.mark.parametrize("month", [0, 12])
def test_a_chart_png_is_a_valid_png_of_the_canvas(month):
    session = Session(dashboard_model(load_scenario("default", SMALL)))
    view = session.first if month == 0 else session.step("id")
    for name, drawn in CHARTS.items():
        png = session.painter.png(name, drawn, view, "id")
        assert png.startswith(b"\x89PNG\r\n\x1a\n")
        image = Image.open(io.BytesIO(png))
        image.verify()  # chunks and checksums
        width, height = (round(s * 100) for s in drawn.size)
        assert Image.open(io.BytesIO(png)).size == (width, height), name
