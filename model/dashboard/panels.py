"""What the dashboard shows, drawn from a `View` of the model: numbers, charts, the map.

Each chart is a function of (view, language) returning PNG bytes, drawn once per view
and language (`chart`) under one lock (matplotlib's text caches are not safe across
threads), without pyplot (its global state is shared by every session). Colours, units
and labels are the figures' own (`reporting.style`, `reporting.labels`), so the
dashboard and the report read alike. Before the first step every chart already shows
the starting point, and says that the years come with Step.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable

import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from ..reporting.figures import FLOWS
from ..reporting.formats import fmt_count, fmt_idr, fmt_number, fmt_share
from ..reporting.labels import area_label, policy_label, t
from ..reporting.style import AREA_MARKERS, EJ_COLORS, policy_color
from ..simulation.metrics import COST_METRICS, METRICS
from .model import View
from .state import words

DRAW_LOCK = threading.Lock()  # one figure drawn at a time in the process
DPI = 100
SIZE = (6.0, 3.2)  # inches: 600 x 320 pixels, shown at the width of a column

# the panels: name -> drawing function, and where each stands on the page
CHARTS: dict[str, Callable[[View, str], Figure]] = {}
_PLACES: dict[str, tuple[int, int]] = {}  # name -> (column, place in the column)


def panel(name: str, column: int, place: int) -> Callable:
    """Make a chart function (view, lang) -> Figure a panel of the page, in one line.

    `column` 1 is the left column, 2 the right; `place` orders the panels of a column.
    The page (`page.Page`) draws every panel registered here, so adding one is its
    function with this decorator and nothing else (as a panel in Mesa's examples).
    """
    def register(draw: Callable[[View, str], Figure]) -> Callable[[View, str], Figure]:
        CHARTS[name] = draw
        _PLACES[name] = (column, place)
        return draw
    return register


def column(number: int) -> list[str]:
    """The names of the panels of page column `number`, in their order."""
    return sorted((n for n, (c, _) in _PLACES.items() if c == number),
                  key=lambda n: _PLACES[n][1])


def _png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None})
    return buf.getvalue()


def _figure(figsize: tuple[float, float], left: float = 0.11, right: float = 0.97,
            top: float = 0.9, bottom: float = 0.16):
    """A figure with one axes in fixed margins (a third faster than a layout engine)."""
    fig = Figure(figsize=figsize)
    fig.subplots_adjust(left=left, right=right, top=top, bottom=bottom)
    return fig, fig.subplots()


def _year_axis(ax, view: View, lang: str, label: bool = True) -> None:
    """Calendar time over the whole horizon from the start, so the run fills it in.

    A tick is the 1st of January of its year; a year's bars stand between its tick
    and the next (2027's around 2027.5), where the lines run through 2027 too.
    """
    if label:  # the bar charts have their legend there instead
        ax.set_xlabel(t("year", lang))
    ax.set_xlim(view.start_year - 0.1, view.start_year + view.years + 0.1)
    every = max(1, -(-view.years // 6))  # at most about seven year ticks
    ax.set_xticks(range(view.start_year, view.start_year + view.years + 1, every))
    ax.set_ylim(bottom=0)
    ax.grid(alpha=0.3)


def _line(ax, view: View, values, color: str, lang: str) -> None:
    """A monthly line with its latest value marked (at the start: the only point)."""
    x = view.calendar_years
    ax.plot(x, values, color=color)
    ax.plot(x[-1:], np.asarray(values)[-1:], "o", color=color, markersize=5)
    if view.month == 0:
        ax.set_ylim(0, max(float(np.nanmax(values)) * 1.25, 1e-9))
        _note(ax, words(lang)["press_step"])


def _note(ax, text: str) -> None:
    ax.text(0.5, 0.5, text, transform=ax.transAxes, ha="center", va="center", fontsize=8,
            color="#555555", bbox={"facecolor": "white", "edgecolor": "#cccccc"})


def _yearly_bars(ax, view: View, labels: dict[str, str], title: str, lang: str,
                 ncol: int) -> None:
    """A bar per metric and calendar year so far (monthly flows summed)."""
    body = view.series.iloc[1:]
    year = view.start_year + np.arange(len(body)) // 12
    yearly = body[list(labels)].groupby(year).sum()
    width = 0.8 / len(labels)
    for i, key in enumerate(labels):
        ax.bar(yearly.index + 0.5 + (i - (len(labels) - 1) / 2) * width, yearly[key],
               width, color=f"C{i}")
    ax.set_title(title, fontsize=10)
    handles = [Patch(color=f"C{i}", label=label) for i, label in enumerate(labels.values())]
    ax.legend(handles=handles, fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.1),
              ncol=ncol, frameon=False)
    _year_axis(ax, view, lang, label=False)
    if yearly.empty:
        ax.set_ylim(0, 1)
        _note(ax, words(lang)["press_step"])


@panel("headcount", column=1, place=3)
def headcount_chart(view: View, lang: str) -> Figure:
    """Active staff, month by month."""
    fig, ax = _figure(SIZE)
    _line(ax, view, view.series["n_active"], policy_color(view.policy), lang)
    ax.set_title(t("headcount", lang), fontsize=10)
    _year_axis(ax, view, lang)
    return fig


@panel("flows", column=1, place=4)
def flows_chart(view: View, lang: str) -> Figure:
    """Retirements, exits, recruits and transfers of each year so far."""
    fig, ax = _figure(SIZE, bottom=0.2)
    _yearly_bars(ax, view, {k: t(v, lang) for k, v in FLOWS.items()},
                 t("flows_per_year", lang), lang, ncol=4)
    return fig


@panel("unmet_fte", column=1, place=1)
def unmet_fte_chart(view: View, lang: str) -> Figure:
    """Unmet need in FTE, month by month."""
    fig, ax = _figure(SIZE)
    _line(ax, view, view.series["unmet_fte"], policy_color(view.policy), lang)
    ax.set_title(f"{METRICS['unmet_fte'].label(lang)} (FTE)", fontsize=10)
    _year_axis(ax, view, lang)
    return fig


@panel("unmet_share", column=1, place=2)
def unmet_share_chart(view: View, lang: str) -> Figure:
    """Unmet need as a share of the need (%), month by month."""
    fig, ax = _figure(SIZE)
    _line(ax, view, 100 * view.series["p_unmet"], policy_color(view.policy), lang)
    ax.set_title(f"{t('unmet_share_title', lang)} (%)", fontsize=10)
    _year_axis(ax, view, lang)
    return fig


@panel("map", column=2, place=3)
def map_chart(view: View, lang: str) -> Figure:
    """Units on the region's coordinates, coloured by EJ band, shaped by area type."""
    units = view.units
    fig, ax = _figure((SIZE[0], SIZE[1] + 0.8), left=0.1, right=0.7, bottom=0.12)
    areas = list(dict.fromkeys(units["area"]))
    colors = units["band"].map(EJ_COLORS).fillna("#ffffff")
    for area in areas:  # one marker shape per call, the colours per unit
        sel = (units["area"] == area).to_numpy()
        ax.scatter(units["x"][sel], units["y"][sel], c=colors[sel].tolist(),
                   marker=AREA_MARKERS.get(area, "o"), s=28, edgecolors="black",
                   linewidths=0.3)
    handles = [Line2D([], [], marker="o", linestyle="", color=c, label=f"EJ {b}")
               for b, c in EJ_COLORS.items()]
    handles += [Line2D([], [], marker=AREA_MARKERS.get(a, "o"), linestyle="", color="grey",
                       label=area_label(a, lang)) for a in areas]
    ax.legend(handles=handles, fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1),
              frameon=False)
    ax.set_title(words(lang)["map_title"], fontsize=9)
    ax.set_xlabel("km")
    ax.set_ylabel("km")
    ax.set_aspect("equal", adjustable="datalim")
    return fig


@panel("moves", column=2, place=1)
def moves_chart(view: View, lang: str) -> Figure:
    """Transfers executed, refused and blocked, per year so far."""
    fig, ax = _figure(SIZE, bottom=0.25)
    keys = ("new_moves", "new_moves_refused", "new_moves_blocked", "new_requests")
    _yearly_bars(ax, view, {k: METRICS[k].label(lang) for k in keys},
                 words(lang)["moves_title"], lang, ncol=2)
    return fig


@panel("costs", column=2, place=2)
def costs_chart(view: View, lang: str) -> Figure:
    """Cumulative costs by kind (IDR millions)."""
    fig, ax = _figure(SIZE)
    cum = view.series[list(COST_METRICS)].cumsum()
    billions = float(cum.sum(axis=1).max()) >= 1e9  # Rp 700.000 juta reads as Rp 700 miliar
    cum = cum / (1e9 if billions else 1e6)
    ax.stackplot(view.calendar_years, *(cum[k] for k in COST_METRICS),
                 labels=[METRICS[k].label(lang) for k in COST_METRICS], alpha=0.8)
    ax.set_title(words(lang)["costs_title"], fontsize=10)
    ax.set_ylabel(words(lang)["idr_billion" if billions else "idr_million"])
    ax.legend(fontsize=7, loc="upper left", frameon=False)
    _year_axis(ax, view, lang)
    if view.month == 0:
        ax.set_ylim(0, 1)
        ax.plot(view.calendar_years[:1], [0], "o", color="grey", markersize=5)
        _note(ax, words(lang)["press_step"])
    return fig


def chart(view: View, name: str, lang: str) -> bytes:
    """The PNG of chart `name` for `view` in `lang`, drawn once and kept on the view."""
    key = (name, lang)
    with view.lock:
        if key in view.charts:
            return view.charts[key]
    with DRAW_LOCK:
        png = _png(CHARTS[name](view, lang))
    with view.lock:
        return view.charts.setdefault(key, png)


def draw_all(view: View, lang: str) -> None:
    """Draw every chart of `view` in `lang` (in the thread that made the view)."""
    for name in CHARTS:
        chart(view, name, lang)


def numbers(view: View, lang: str) -> list[tuple[str, str]]:
    """Key numbers now: the date, staff, unmet need, transfers, refusals, costs."""
    w = words(lang)
    df = view.series
    now = df.iloc[-1]
    body = df.iloc[1:]
    month = view.month
    start = view.start_year  # month m is the month simulated last (timeseries.csv dates it by
    # its last day); month 0 is the start, 1 January (timeseries.csv: 31 December before)
    date = f"{start + (month - 1) // 12}-{(month - 1) % 12 + 1:02d}" if month else \
        f"{start}-01 ({w['start']})"
    return [
        (w["date"], date),
        (t("policy", lang), policy_label(view.policy, lang)),
        (METRICS["n_active"].label(lang), fmt_count(now["n_active"], lang)),
        (w["unmet"], f"{fmt_number(now['unmet_fte'], lang)} FTE "
                     f"({fmt_share(now['p_unmet'], lang)})"),
        (METRICS["p_remote_covered"].label(lang), fmt_share(now["p_remote_covered"], lang)),
        (METRICS["new_moves"].label(lang), fmt_count(body["new_moves"].sum(), lang)),
        (METRICS["new_moves_refused"].label(lang),
         fmt_count(body["new_moves_refused"].sum(), lang)),
        (w["cost_so_far"], fmt_idr(float(body[list(COST_METRICS)].sum().sum()), lang)),
    ]


def settings_text(levers: dict, lang: str) -> str:
    """Lever values in a line ('Kebijakan: ...; Masa jabatan min. (bulan): 24; ...')."""
    from ..scenario.levers import LEVERS

    parts = []
    for lever in LEVERS:
        if lever.key not in levers:
            continue
        value = levers[lever.key]
        if lever.key == "policy":
            value = policy_label(value, lang)
        elif lever.kind == "bool":
            value = t("yes" if value else "no", lang)
        elif lever.kind == "float":
            value = fmt_share(float(value), lang) if lever.percent else \
                fmt_number(float(value), lang)
        parts.append(f"{lever.label(lang)}: {value}")
    return "; ".join(parts)
