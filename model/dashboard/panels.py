"""What the dashboard shows, drawn from the model as it stands: numbers, charts, the map.

Each panel is a function of the model returning a Solara element (Mesa's SolaraViz
calls it again after every step). The language is the page's `LANG` (Indonesian by
default); colours, units and labels are the figures' own (`reporting.style`,
`reporting.labels`), so the dashboard and the report read alike.
"""

from __future__ import annotations

import matplotlib
import numpy as np
import solara
from matplotlib.figure import Figure

from ..core.vocab import AREA_TYPES
from ..processes.workload import ej_category
from ..reporting.figures import FLOWS
from ..reporting.formats import fmt_count, fmt_idr, fmt_number, fmt_share
from ..reporting.labels import area_label, policy_label, t
from ..reporting.style import AREA_MARKERS, EJ_COLORS, policy_color
from ..simulation.metrics import COST_METRICS, METRICS
from .state import LANG, words


def _series(model) -> tuple[np.ndarray, dict]:
    """Calendar years of the months so far and the DataCollector's columns."""
    df = model.datacollector.get_model_vars_dataframe()
    years = model.params.start_year + np.arange(len(df)) / 12.0
    return years, df


def _figure(fig: Figure) -> solara.Element:
    """A figure made without pyplot (its global state is shared by every session)."""
    return solara.FigureMatplotlib(fig, format="png", bbox_inches="tight")


def _subplots(ncols: int, figsize: tuple[float, float]):
    fig = Figure(figsize=figsize)
    axes = fig.subplots(1, ncols)
    return fig, axes


def _year_axis(ax, lang: str, model=None) -> None:
    ax.set_xlabel(t("year", lang))
    if model is not None:  # the whole horizon from the start, so the run fills it in
        start = model.params.start_year
        ax.set_xlim(start - 0.1, start + model.params.years + 0.1)
    ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    ax.set_ylim(bottom=0)
    ax.grid(alpha=0.3)


def Numbers(model) -> solara.Element:
    """Key numbers now: the date, staff, unmet need, transfers, refusals, costs."""
    lang = LANG.value
    w = words(lang)
    years, df = _series(model)
    now = df.iloc[-1]
    body = df.iloc[1:]
    month = model.month
    start = model.params.start_year  # the month simulated last, as in timeseries.csv
    date = f"{start + (month - 1) // 12}-{(month - 1) % 12 + 1:02d}" if month else \
        f"{start}-01 ({w['start']})"
    items = [
        (w["date"], date),
        (t("policy", lang), policy_label(model.policy_name, lang)),
        (METRICS["n_active"].label(lang), fmt_count(now["n_active"], lang)),
        (w["unmet"], f"{fmt_number(now['unmet_fte'], lang)} FTE "
                     f"({fmt_share(now['p_unmet'], lang)})"),
        (METRICS["p_remote_covered"].label(lang), fmt_share(now["p_remote_covered"], lang)),
        (METRICS["new_moves"].label(lang), fmt_count(body["new_moves"].sum(), lang)),
        (METRICS["new_moves_refused"].label(lang),
         fmt_count(body["new_moves_refused"].sum(), lang)),
        (w["cost_so_far"], fmt_idr(float(body[list(COST_METRICS)].sum().sum()), lang)),
    ]
    rows = "\n".join(f"| {label} | <span class='mutasi-value'>{value}</span> |"
                     for label, value in items)
    with solara.Card(w["numbers"]) as card, solara.Div(classes=["mutasi-numbers"]):
        solara.Markdown(f"| | |\n|---|---|\n{rows}")
    return card


def settings_text(model, lang: str) -> str:
    """The levers the model runs with (applied at Reset), in a line."""
    from ..scenario.levers import LEVERS

    parts = []
    for lever in LEVERS:
        value = model.levers.get(lever.key)
        if lever.key == "policy":
            continue
        if lever.kind == "bool":
            value = t("yes" if value else "no", lang)
        elif lever.kind == "float":
            value = fmt_number(float(value), lang)
        parts.append(f"{lever.label(lang)}: {value}")
    return "; ".join(parts)


def _yearly_bars(ax, model, df, labels: dict[str, str], title: str, ncol: int) -> None:
    """A bar per metric and calendar year so far (monthly flows summed)."""
    body = df.iloc[1:]
    year = model.params.start_year + np.arange(len(body)) // 12
    yearly = body[list(labels)].groupby(year).sum()
    width = 0.8 / len(labels)
    for i, (key, label) in enumerate(labels.items()):
        ax.bar(yearly.index + (i - (len(labels) - 1) / 2) * width, yearly[key], width,
               label=label)
    ax.set_title(title, fontsize=10)
    ax.legend(fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=ncol,
              frameon=False)
    _year_axis(ax, LANG.value, model)


def Headcount(model) -> solara.Element:
    """Active staff by month and the flows of each year so far."""
    lang = LANG.value
    years, df = _series(model)
    fig, (ax1, ax2) = _subplots(2, (9, 3.4))
    ax1.plot(years, df["n_active"], color=policy_color(model.policy_name))
    ax1.set_title(t("headcount", lang), fontsize=10)
    _year_axis(ax1, lang, model)
    _yearly_bars(ax2, model, df, {k: t(v, lang) for k, v in FLOWS.items()},
                 t("flows_per_year", lang), ncol=4)
    return _figure(fig)


def UnmetNeed(model) -> solara.Element:
    """Unmet need in FTE and as a share of the need, month by month."""
    lang = LANG.value
    years, df = _series(model)
    fig, (ax1, ax2) = _subplots(2, (9, 3.2))
    color = policy_color(model.policy_name)
    ax1.plot(years, df["unmet_fte"], color=color)
    ax1.set_title(f"{METRICS['unmet_fte'].label(lang)} (FTE)", fontsize=10)
    ax2.plot(years, 100 * df["p_unmet"], color=color)
    ax2.set_title(f"{t('unmet_share_title', lang)} (%)", fontsize=10)
    for ax in (ax1, ax2):
        _year_axis(ax, lang, model)
    return _figure(fig)


def UnitMap(model) -> solara.Element:
    """Units on the region's coordinates, coloured by EJ band, shaped by area type."""
    lang = LANG.value
    table = model.needs_table()
    per_unit = table.groupby("unit_id")[["required_fte", "staff"]].sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        ej = per_unit["required_fte"].to_numpy() / per_unit["staff"].to_numpy()
    ej = np.where(per_unit["staff"].to_numpy() > 0, ej, 10.0)
    bands = ej_category(ej, model.params.workload.ej_thresholds)
    units = model.units
    ids = per_unit.index.to_numpy()
    x, y = units.x_km[ids], units.y_km[ids]
    area_names = np.asarray(AREA_TYPES, dtype=object)[units.area[ids]]
    fig, ax = _subplots(1, (7.5, 4.2))
    for area in dict.fromkeys(area_names):
        for band, color in EJ_COLORS.items():
            sel = (area_names == area) & (bands == band)
            if sel.any():
                ax.scatter(x[sel], y[sel], c=color, marker=AREA_MARKERS.get(area, "o"), s=28,
                           edgecolors="black", linewidths=0.3)
    band_handles = [matplotlib.lines.Line2D([], [], marker="o", linestyle="", color=c,
                                            label=f"EJ {b}") for b, c in EJ_COLORS.items()]
    area_handles = [matplotlib.lines.Line2D([], [], marker=AREA_MARKERS.get(a, "o"),
                                            linestyle="", color="grey",
                                            label=area_label(a, lang))
                    for a in dict.fromkeys(area_names)]
    ax.legend(handles=band_handles + area_handles, fontsize=7, loc="upper left",
              bbox_to_anchor=(1.01, 1), frameon=False)
    ax.set_title(words(lang)["map_title"], fontsize=10)
    ax.set_xlabel("km")
    ax.set_ylabel("km")
    ax.set_aspect("equal", adjustable="datalim")
    return _figure(fig)


def Moves(model) -> solara.Element:
    """Transfers executed, refused and blocked, per year so far."""
    lang = LANG.value
    _, df = _series(model)
    fig, ax = _subplots(1, (6, 3.2))
    keys = ("new_moves", "new_moves_refused", "new_moves_blocked", "new_requests")
    _yearly_bars(ax, model, df, {k: METRICS[k].label(lang) for k in keys},
                 words(lang)["moves_title"], ncol=2)
    return _figure(fig)


def Costs(model) -> solara.Element:
    """Cumulative costs by kind (IDR millions)."""
    lang = LANG.value
    years, df = _series(model)
    fig, ax = _subplots(1, (6, 3.2))
    cum = df[list(COST_METRICS)].cumsum() / 1e6
    ax.stackplot(years, *(cum[k] for k in COST_METRICS),
                 labels=[METRICS[k].label(lang) for k in COST_METRICS], alpha=0.8)
    ax.set_title(words(lang)["costs_title"], fontsize=10)
    ax.set_ylabel(words(lang)["idr_million"])
    ax.legend(fontsize=7, loc="upper left", frameon=False)
    _year_axis(ax, lang, model)
    return _figure(fig)
