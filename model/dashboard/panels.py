"""What the dashboard shows, drawn from a `View` of the model: numbers, charts, the map.

Each chart is a `painter.Chart`: `frame` draws what stays from step to step (title,
year axis, a legend outside the axes), `data` what a step changes. A session's
`Painter` keeps each chart's figure and frame and draws only the data again at each
step (`chart`); `CHARTS[name](view, lang)` draws one whole on a new figure. Each chart
is drawn once per view and language and kept on the view. Colours, units and labels
are the figures' own (`reporting.style`, `reporting.labels`), so the dashboard and the
report read alike. Before the first step every chart already shows the starting point,
and says that the years come with Step.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import override

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from ..reporting.audit_words import group_label
from ..reporting.figures import FLOWS
from ..reporting.formats import fmt_count, fmt_idr, fmt_number, fmt_share
from ..reporting.labels import area_label, policy_label, t
from ..reporting.style import AREA_MARKERS, EJ_COLORS, policy_color
from ..simulation.metrics import COST_METRICS, METRICS
from .model import View
from .painter import SIZE, Chart, figure_png
from .state import words

# the panels: name -> chart, and where each stands on the page
CHARTS: dict[str, Chart] = {}
_PLACES: dict[str, tuple[int, int]] = {}  # name -> (column, place in the column)


def panel(name: str, column: int, place: int) -> Callable[[type[Chart]], type[Chart]]:
    """Make a `Chart` class a panel of the page, in one line.

    `column` 1 is the left column, 2 the right; `place` orders the panels of a column.
    The page (`page.Page`) draws every panel registered here, so adding one is its
    class with this decorator and nothing else (as a panel in Mesa's examples).
    """
    def register(cls: type[Chart]) -> type[Chart]:
        CHARTS[name] = cls()
        _PLACES[name] = (column, place)
        return cls
    return register


def column(number: int) -> list[str]:
    """The names of the panels of page column `number`, in their order."""
    return sorted((n for n, (c, _) in _PLACES.items() if c == number),
                  key=lambda n: _PLACES[n][1])


def _year_axis(ax: Axes, view: View, lang: str, label: bool = True) -> None:
    """Calendar time over the whole horizon from the start, so the run fills it in.

    A tick is the 1st of January of its year; a year's bars stand between its tick
    and the next (2027's around 2027.5), where the lines run through 2027 too.
    """
    if label:  # the bar charts have their legend there instead
        ax.set_xlabel(t("year", lang))
    ax.set_xlim(view.start_year - 0.1, view.start_year + view.years + 0.1)
    every = max(1, -(-view.years // 6))  # at most about seven year ticks
    ax.set_xticks(range(view.start_year, view.start_year + view.years + 1, every))
    ax.grid(alpha=0.3)


def _note(ax: Axes, text: str) -> None:
    ax.text(0.5, 0.5, text, transform=ax.transAxes, ha="center", va="center", fontsize=8,
            color="#555555", bbox={"facecolor": "white", "edgecolor": "#cccccc"})


class _Line(Chart):
    """A monthly line with its latest value marked (at the start: the only point)."""

    def title(self, lang: str) -> str:
        """The chart's title in `lang`."""
        raise NotImplementedError

    def values(self, view: View):
        """The monthly values drawn, one per row of `view.series`."""
        raise NotImplementedError

    @override
    def frame(self, ax: Axes, view: View, lang: str) -> None:
        ax.set_title(self.title(lang), fontsize=10)
        _year_axis(ax, view, lang)

    @override
    def data(self, ax: Axes, view: View, lang: str) -> None:
        x, values = view.calendar_years, self.values(view)
        color = policy_color(view.policy)
        ax.plot(x, values, color=color)
        ax.plot(x[-1:], np.asarray(values)[-1:], "o", color=color, markersize=5)
        if view.month == 0:
            ax.set_ylim(0, max(float(np.nanmax(values)) * 1.25, 1e-9))
            _note(ax, words(lang)["press_step"])
        ax.set_ylim(bottom=0)


class _YearlyBars(Chart):
    """A bar per metric and calendar year so far (monthly flows summed)."""

    ncol = 4
    margins = {"bottom": 0.2}

    def labels(self, lang: str) -> dict[str, str]:
        """The metrics summed per year (keys of `view.series`) and their legend labels."""
        raise NotImplementedError

    def title(self, lang: str) -> str:
        """The chart's title in `lang`."""
        raise NotImplementedError

    @override
    def frame(self, ax: Axes, view: View, lang: str) -> None:
        labels = self.labels(lang)
        ax.set_title(self.title(lang), fontsize=10)
        handles = [Patch(color=f"C{i}", label=label) for i, label in enumerate(labels.values())]
        ax.legend(handles=handles, fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.1),
                  ncol=self.ncol, frameon=False)
        _year_axis(ax, view, lang, label=False)

    @override
    def data(self, ax: Axes, view: View, lang: str) -> None:
        keys = list(self.labels(lang))
        body = view.series.iloc[1:]
        year = view.start_year + np.arange(len(body)) // 12
        yearly = body[keys].groupby(year).sum()
        width = 0.8 / len(keys)
        for i, key in enumerate(keys):
            ax.bar(yearly.index + 0.5 + (i - (len(keys) - 1) / 2) * width, yearly[key],
                   width, color=f"C{i}")
        ax.set_ylim(bottom=0)
        if yearly.empty:
            ax.set_ylim(0, 1)
            _note(ax, words(lang)["press_step"])


@panel("headcount", column=1, place=3)
class Headcount(_Line):
    """Active staff, month by month."""

    @override
    def title(self, lang: str) -> str:
        return t("headcount", lang)

    @override
    def values(self, view: View):
        return view.series["n_active"]


@panel("flows", column=1, place=4)
class Flows(_YearlyBars):
    """Retirements, exits, recruits and transfers of each year so far."""

    @override
    def labels(self, lang: str) -> dict[str, str]:
        return {k: t(v, lang) for k, v in FLOWS.items()}

    @override
    def title(self, lang: str) -> str:
        return t("flows_per_year", lang)


@panel("unmet_fte", column=1, place=1)
class UnmetFte(_Line):
    """Unmet need in FTE, month by month."""

    @override
    def title(self, lang: str) -> str:
        return f"{METRICS['unmet_fte'].label(lang)} (FTE)"

    @override
    def values(self, view: View):
        return view.series["unmet_fte"]


@panel("unmet_share", column=1, place=2)
class UnmetShare(_Line):
    """Unmet need as a share of the need (%), month by month."""

    @override
    def title(self, lang: str) -> str:
        return f"{t('unmet_share_title', lang)} (%)"

    @override
    def values(self, view: View):
        return 100 * view.series["p_unmet"]


@panel("map", column=2, place=3)
class Map(Chart):
    """Units on the region's coordinates, coloured by EJ band, shaped by area type.

    The units stay where they are: a step changes only their colours.
    """

    size = (SIZE[0], SIZE[1] + 0.8)
    margins = {"left": 0.1, "right": 0.7, "bottom": 0.12}
    redrawn = ("spines",)

    @override
    def key(self, view: View) -> Hashable:
        return view.unit_places

    @override
    def frame(self, ax: Axes, view: View, lang: str) -> None:
        areas = list(dict.fromkeys(view.units["area"]))
        handles = [Line2D([], [], marker="o", linestyle="", color=c, label=f"EJ {b}")
                   for b, c in EJ_COLORS.items()]
        handles += [Line2D([], [], marker=AREA_MARKERS.get(a, "o"), linestyle="",
                           color="grey", label=area_label(a, lang)) for a in areas]
        ax.legend(handles=handles, fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1),
                  frameon=False)
        ax.set_title(words(lang)["map_title"], fontsize=9)
        ax.set_xlabel("km")
        ax.set_ylabel("km")
        ax.set_aspect("equal", adjustable="datalim")

    @override
    def data(self, ax: Axes, view: View, lang: str) -> None:
        units = view.units
        area = units["area"].to_numpy(dtype=object)
        colors = units["band"].map(EJ_COLORS).fillna("#ffffff").to_numpy(dtype=object)
        x, y = units["x"].to_numpy(), units["y"].to_numpy()
        for name in dict.fromkeys(area):  # one marker shape per call, the colours per unit
            sel = area == name
            ax.scatter(x[sel], y[sel], c=colors[sel].tolist(),
                       marker=AREA_MARKERS.get(name, "o"), s=28, edgecolors="black",
                       linewidths=0.3)


@panel("moves", column=2, place=1)
class MovesChart(_YearlyBars):
    """Transfers executed, refused and blocked, per year so far."""

    ncol = 2
    margins = {"bottom": 0.25}

    @override
    def labels(self, lang: str) -> dict[str, str]:
        keys = ("new_moves", "new_moves_refused", "new_moves_blocked", "new_requests")
        return {k: METRICS[k].label(lang) for k in keys}

    @override
    def title(self, lang: str) -> str:
        return words(lang)["moves_title"]


@panel("costs", column=2, place=2)
class CostsChart(Chart):
    """Cumulative costs by kind (IDR millions, or billions once they are large).

    The stacked areas lie under the year grid and the legend over them: a step draws
    the axes and the legend again; the title stays.
    """

    redrawn = ("xaxis", "yaxis", "spines", "legend")

    @override
    def frame(self, ax: Axes, view: View, lang: str) -> None:
        ax.set_title(words(lang)["costs_title"], fontsize=10)
        # the legend's entries as a stackplot's own (empty areas, taken out again)
        handles = [ax.fill_between([], [], [], facecolor=f"C{i}", alpha=0.8,
                                   label=METRICS[k].label(lang))
                   for i, k in enumerate(COST_METRICS)]
        ax.legend(fontsize=7, loc="upper left", frameon=False)
        for handle in handles:
            handle.remove()
        _year_axis(ax, view, lang)

    @override
    def data(self, ax: Axes, view: View, lang: str) -> None:
        cum = view.series[list(COST_METRICS)].cumsum()
        billions = float(cum.sum(axis=1).max()) >= 1e9  # Rp 700.000 juta reads as Rp 700 miliar
        cum = cum / (1e9 if billions else 1e6)
        ax.stackplot(view.calendar_years, *(cum[k] for k in COST_METRICS),
                     colors=[f"C{i}" for i in range(len(COST_METRICS))], alpha=0.8)
        label = words(lang)["idr_billion" if billions else "idr_million"]
        if ax.get_ylabel() != label:
            ax.set_ylabel(label)
        ax.set_ylim(bottom=0)
        if view.month == 0:
            ax.set_ylim(0, 1)
            ax.plot(view.calendar_years[:1], [0], "o", color="grey", markersize=5)
            _note(ax, words(lang)["press_step"])


@panel("audit", column=2, place=4)
class AuditChart(Chart):
    """Who is sent to hard areas: each group's rate over the whole staff's, so far.

    The groups stand on the y axis (the frame); the bars, the four-fifths band and the
    line at 1 follow the data's scale; a bar beyond the band is red (one run: no flags).
    """

    redrawn = ("xaxis", "spines")
    margins = {"left": 0.3, "bottom": 0.17}

    @override
    def key(self, view: View) -> Hashable:
        return tuple((d, g) for d, g, _ in view.audit)

    @override
    def frame(self, ax: Axes, view: View, lang: str) -> None:
        ax.set_title(words(lang)["audit_title"], fontsize=10)
        labels = [group_label(d, g, lang) for d, g, _ in view.audit]
        ax.set_yticks(range(len(labels)), labels, fontsize=7)
        ax.set_ylim(len(labels) - 0.5, -0.5)  # the first group on top
        ax.set_xlabel(words(lang)["audit_axis"], fontsize=8)
        ax.tick_params(axis="x", labelsize=7)

    @override
    def data(self, ax: Axes, view: View, lang: str) -> None:
        low, high = view.audit_band
        ratios = np.array([r for _, _, r in view.audit], float)
        top = max(2.0, float(np.nanmax(ratios)) * 1.1) if np.isfinite(ratios).any() else 2.0
        ax.axvspan(low, high, color="#e6e6e6", zorder=0)
        ax.axvline(1.0, color="#888888", linewidth=0.8, zorder=1)
        shown = np.nan_to_num(ratios, nan=0.0)
        colors = ["#d62728" if r > high or r < low else "#1f77b4" for r in shown]
        ax.barh(np.arange(shown.size), shown, height=0.6, color=colors, zorder=2)
        ax.set_xlim(0, top)
        if not np.isfinite(ratios).any():
            _note(ax, words(lang)["audit_none"] if view.month else words(lang)["press_step"])


def chart(view: View, name: str, lang: str) -> bytes:
    """The PNG of chart `name` for `view` in `lang`, drawn once and kept on the view.

    Drawn by the view's painter (its session's: the frame kept, the data drawn again),
    or whole on a new figure for a view without one.
    """
    key = (name, lang)
    with view.lock:
        if key in view.charts:
            return view.charts[key]
    if view.painter is not None:
        png = view.painter.png(name, CHARTS[name], view, lang)
    else:
        png = figure_png(CHARTS[name](view, lang))
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
    from ..reporting.search import lever_text
    from ..scenario.levers import LEVERS

    return "; ".join(f"{lever.label(lang)}: {lever_text(lever.key, levers[lever.key], lang)}"
                     for lever in LEVERS if lever.key in levers)
