"""The dashboard's charts drawn again each step without being built again.

A step changes a chart's numbers, not its frame (the title, the year axis, a legend
outside the axes). A `Chart` says which is which: `frame` draws what stays, `data` what
a step changes, `redrawn` names the parts of the frame drawn over the data (the y axis,
whose scale follows the data, and the spines), `key` what the frame depends on besides
the language (the horizon; the map's units).

`Painter` (one per browser session) keeps one `Figure` per chart and language on an
Agg canvas. Its first draw builds the figure and keeps the pixels of everything but
the data and the redrawn parts (matplotlib's blitting: those artists are `animated`, a
whole draw leaves them out, `copy_from_bbox` keeps the rest). Each later draw puts
those pixels back, takes out the last step's data, adds the new, and draws only the
animated artists, in the order a whole draw would. The image is the one a new figure
gives (tests compare the pixels); the tick labels' sizes stay cached with the canvas.
A new key or the other language builds the figure again.

Figures are drawn one at a time in the process (`DRAW_LOCK`: matplotlib's text caches
are not safe across threads), without pyplot (its state is shared by every session).
"""

from __future__ import annotations

import struct
import threading
import zlib
from collections import Counter
from collections.abc import Hashable
from operator import attrgetter

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .model import View

DRAW_LOCK = threading.Lock()  # one figure drawn at a time in the process
DPI = 100
SIZE = (6.0, 3.2)  # inches: 600 x 320 pixels, shown at the width of a column
PNG_LEVEL = 1  # zlib level: half the time of 6, images a quarter larger (16-55 kB)


class Chart:
    """A panel's chart: what stays from step to step (`frame`) and what a step changes.

    `figure(view, lang)` draws it whole on a new figure; a `Painter` draws it again
    for each step from the kept frame. Subclasses set `size`, `margins`, `redrawn` and
    write `frame` and `data`.
    """

    size: tuple[float, float] = SIZE
    margins: dict[str, float] = {}  # subplots_adjust: left, right, top, bottom
    # the parts of the frame drawn over the data: "xaxis", "yaxis", "spines", "legend"
    redrawn: tuple[str, ...] = ("yaxis", "spines")

    def key(self, view: View) -> Hashable:
        """What the frame depends on besides the language: the horizon by default."""
        return (view.start_year, view.years)

    def frame(self, ax: Axes, view: View, lang: str) -> None:
        """Draw what stays from step to step: title, year axis, outer legend."""

    def data(self, ax: Axes, view: View, lang: str) -> None:
        """Draw the view's numbers: lines, bars, the y scale, notes in the axes.

        Whatever it adds to the axes (lines, patches, collections, texts, a legend) is
        taken out again before the next step's data; it must not remove the frame's.
        """

    def axes(self) -> tuple[Figure, Axes]:
        """A new figure with one axes in fixed margins (a third faster than a layout engine)."""
        fig = Figure(figsize=self.size, dpi=DPI)
        margins = {"left": 0.11, "right": 0.97, "top": 0.9, "bottom": 0.16, **self.margins}
        fig.subplots_adjust(**margins)
        return fig, fig.subplots()

    def figure(self, view: View, lang: str) -> Figure:
        """The chart of `view` in `lang`, whole, on a new figure."""
        fig, ax = self.axes()
        self.frame(ax, view, lang)
        self.data(ax, view, lang)
        return fig

    __call__ = figure


def _chunk(tag: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))


def png(canvas: FigureCanvasAgg) -> bytes:
    """The canvas's pixels as PNG bytes (RGBA, 8 bits).

    Each row is filtered as its difference from the row above (PNG filter 2, "Up": a
    chart's white rows and straight vertical edges become zeros), in one numpy
    operation, then deflated at level 1: 2 to 3 ms a chart where Pillow, trying five
    filters on each row, takes 4 to 8 (the same pixels, about the same size).
    """
    rgba = np.asarray(canvas.buffer_rgba())
    height, width, _ = rgba.shape
    rows = rgba.reshape(height, width * 4)
    filtered = np.empty((height, width * 4 + 1), dtype=np.uint8)
    filtered[:, 0] = 2  # "Up"
    filtered[0, 1:] = rows[0]
    np.subtract(rows[1:], rows[:-1], out=filtered[1:, 1:])  # modulo 256, as PNG wants
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return b"".join((b"\x89PNG\r\n\x1a\n", _chunk(b"IHDR", header),
                     _chunk(b"IDAT", zlib.compress(filtered.tobytes(), PNG_LEVEL)),
                     _chunk(b"IEND", b"")))


def figure_png(fig: Figure) -> bytes:
    """A whole figure drawn on a new canvas, as PNG bytes (as `Painter` encodes them)."""
    canvas = FigureCanvasAgg(fig)
    with DRAW_LOCK:
        canvas.draw()
        return png(canvas)


class _Drawn:
    """One chart in one language on its canvas, its frame's pixels kept."""

    def __init__(self, chart: Chart, view: View, lang: str, key: Hashable) -> None:
        self.chart, self.lang, self.key = chart, lang, key
        self.fig, self.ax = chart.axes()
        self.canvas = FigureCanvasAgg(self.fig)
        chart.frame(self.ax, view, lang)
        ax = self.ax
        self.autoscale = (ax.get_autoscalex_on(), ax.get_autoscaley_on())
        parts = {"xaxis": [ax.xaxis], "yaxis": [ax.yaxis], "spines": list(ax.spines.values()),
                 "legend": [ax.legend_]}
        for name in chart.redrawn:
            for artist in parts[name]:
                artist.set_animated(True)
        self.artists: list[Artist] = []  # the last data's
        self.containers: list = []
        self.background = None

    def draw(self, view: View) -> None:
        """The chart of `view`: the kept frame, the view's data and the redrawn parts."""
        ax = self.ax
        for container in self.containers:  # bars: their patches go with the artists
            ax.containers.remove(container)
        for artist in self.artists:
            artist.remove()
        # the data's limits alone, as on a new axes, autoscaled as after the frame
        ax.ignore_existing_data_limits = True
        ax.set_prop_cycle(None)  # the colours from the first again (stackplot takes them)
        ax.set_autoscalex_on(self.autoscale[0])
        ax.set_autoscaley_on(self.autoscale[1])
        before, containers = set(ax.get_children()), list(ax.containers)
        self.chart.data(ax, view, self.lang)
        self.artists = [a for a in ax.get_children() if a not in before]
        self.containers = [c for c in ax.containers if c not in containers]
        for artist in self.artists:
            artist.set_animated(True)
        if self.background is None:
            self.canvas.draw()  # everything but the animated artists
            self.background = self.canvas.copy_from_bbox(self.fig.bbox)
        else:
            self.canvas.restore_region(self.background)
        renderer = self.canvas.get_renderer()
        ax._unstale_viewLim()  # as Axes.draw does before it draws
        ax.apply_aspect()
        # in Axes.draw's order: its children sorted by zorder (a stable sort)
        for artist in sorted((a for a in ax.get_children() if a.get_animated()),
                             key=attrgetter("zorder")):
            artist.draw(renderer)


class Painter:
    """One session's charts, each built once per language and frame key, drawn per step.

    `counts` says how often frames were built and data drawn, per chart name (a test
    reads it: a step draws each chart once).
    """

    def __init__(self) -> None:
        self._drawn: dict[str, _Drawn] = {}  # chart name -> its figure (one language)
        self.counts: Counter = Counter()

    def png(self, name: str, chart: Chart, view: View, lang: str) -> bytes:
        """The PNG of `chart` for `view` in `lang`."""
        with DRAW_LOCK:
            key = chart.key(view)
            drawn = self._drawn.get(name)
            if drawn is None or drawn.chart is not chart or drawn.lang != lang \
                    or drawn.key != key:  # the other language's figure is dropped
                drawn = self._drawn[name] = _Drawn(chart, view, lang, key)
                self.counts["frame " + name] += 1
            drawn.draw(view)
            self.counts["data " + name] += 1
            return png(drawn.canvas)
