"""The Mesa model the dashboard drives, and the snapshot its panels draw.

`dashboard_model(scenario)` returns a `WorkforceModel` subclass whose keywords are
exactly the levers (`scenario.levers.LEVERS`) plus the seed offset, so every control
maps to one parameter (Mesa's `SolaraViz` could drive it too); its `step` advances one
year (twelve monthly steps; the time series stay monthly). `View` is what the panels
read: a copy of the model's numbers taken after a step, so a panel never reads a model
that a background thread is stepping.
"""

from __future__ import annotations

import inspect
import itertools
import threading
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ..core.measures import ej
from ..core.vocab import AREA_TYPES
from ..processes.fairness import MEASURES, rate_ratio
from ..processes.workload import ej_category
from ..results.audit import group_keys
from ..scenario.levers import LEVERS, overrides
from ..scenario.scenario import Scenario
from ..simulation.model import WorkforceModel


def dashboard_model(base: Scenario) -> type[WorkforceModel]:
    """A model class for `base` taking the levers as keyword arguments.

    A `WorkforceModel` subclass, or for a scenario of several governments a
    `GovernmentsModel` one (every government under the levers; the policy lever offers
    the round between governments too).
    """
    defaults = {lever.key: lever.default(base) for lever in LEVERS}
    if base.governments is not None:
        from ..governments.model import GovernmentsModel

        parent, fixed = GovernmentsModel, {}
    else:  # the panels read a View, never the agent views: no 8,000 Mesa agents to keep
        parent, fixed = WorkforceModel, {"record_units": False, "agent_views": "lazy"}

    class DashboardModel(parent):
        """The dashboard's scenario under the levers' current values."""

        scenario_base = base
        lever_defaults = defaults

        def __init__(self, seed_offset: int = 0, **levers: Any) -> None:
            values = {**defaults, **levers}
            self.levers = values
            self.seed_offset = int(seed_offset)
            self.scenario_overrides = overrides(values, base)
            super().__init__(base, rng=base.seed + int(seed_offset), **fixed,
                             **self.scenario_overrides)

        def step(self) -> None:
            """One year: twelve months (Step and ▶ go by years)."""
            for _ in range(12):
                if not self.running:
                    return
                parent.step(self)

    # Mesa's SolaraViz checks the keywords by the signature: name every lever
    params = [inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD),
              inspect.Parameter("seed_offset", inspect.Parameter.KEYWORD_ONLY, default=0)]
    params += [inspect.Parameter(k, inspect.Parameter.KEYWORD_ONLY, default=v)
               for k, v in defaults.items()]
    DashboardModel.__init__.__signature__ = inspect.Signature(params)
    return DashboardModel


_numbers = itertools.count(1)


@dataclass(eq=False)  # compared by identity: a new View is a new state of the page
class View:
    """The model's numbers after a step, as the panels draw them.

    `series` is the DataCollector's monthly table; `units` one row per unit with its
    coordinates, area type and EJ band, `unit_places` their coordinates and area types
    as one comparable key (the map's frame depends on them, not on the bands).
    `charts` caches the panels' images by (panel, language), filled once per View, by
    `painter` (the session's `painter.Painter`) when it has one.
    """

    number: int
    month: int
    running: bool
    policy: str
    levers: dict
    start_year: int
    years: int
    series: pd.DataFrame
    units: pd.DataFrame
    unit_places: tuple = ()
    audit: tuple = ()  # (dimension, group, ratio of hard-area moves) of the audited groups
    audit_band: tuple = (0.8, 1.25)  # the four-fifths band (`mutation.audit`)
    governments: pd.DataFrame | None = None  # several governments: each one's numbers now
    painter: Any = None
    charts: dict = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def calendar_years(self) -> np.ndarray:
        """The calendar time of each row of `series` (start year + months / 12)."""
        return self.start_year + np.arange(len(self.series)) / 12.0


def snapshot(model: WorkforceModel, painter: Any = None) -> View:
    """A `View` of the model now (the caller holds the model still while it is taken).

    The needs table is computed once here, and the DataCollector's table read once.
    """
    table = model.needs_table()
    per_unit = table.groupby("unit_id")[["required_fte", "staff"]].sum()
    required = per_unit["required_fte"].to_numpy()
    staff = per_unit["staff"].to_numpy()
    ratio = ej(required, staff)  # need and nobody: +inf, band A; neither: no band
    ids = per_unit.index.to_numpy()
    x, y = model.units.x_km[ids], model.units.y_km[ids]
    area = np.asarray(AREA_TYPES, dtype=object)[model.units.area[ids]]
    units = pd.DataFrame({"x": x, "y": y, "area": area,
                          "band": ej_category(ratio, model.params.workload.ej_thresholds)})
    band = model.params.mutation.audit
    return View(number=next(_numbers), month=model.month, running=model.running,
                policy=model.policy_name, levers=dict(getattr(model, "levers", {})),
                start_year=model.params.start_year, years=model.params.years,
                series=model.datacollector.get_model_vars_dataframe(), units=units,
                unit_places=(x.tobytes(), y.tobytes(), tuple(area)),
                audit=_audit(model), audit_band=(band.low_ratio, band.high_ratio),
                governments=(model.governments_table()
                             if hasattr(model, "governments_table") else None),
                painter=painter)


AUDITED = ("sex", "employment", "age", "performance")  # the panel's groups, in this order


def _audit(model: WorkforceModel) -> tuple:
    """Each audited group's rate of hard-area moves over the whole staff's, so far.

    NaN before any planned move into a hard area (no ratio to show yet).
    """
    tally = model.mutation.fairness
    keys = group_keys(tally, model.vocab.families)
    whole, hard = tally.whole(), MEASURES.index("hard")
    none = whole[hard] <= 0
    return tuple((d, g, float("nan") if none else float(r)) for d in AUDITED
                 for g, r in zip(keys[d], rate_ratio(tally.counts[d], whole, hard),
                                 strict=True))
