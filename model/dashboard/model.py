"""The Mesa model the dashboard drives: `WorkforceModel` with the levers as keywords.

SolaraViz re-creates the model from keyword arguments when a planner presses Reset;
its Step advances one year (twelve monthly steps; the time series stay monthly);
`dashboard_model(scenario)` returns a subclass whose keywords are exactly the levers
(`scenario.levers.LEVERS`) plus the seed, so every control maps to one parameter.
"""

from __future__ import annotations

import inspect
from typing import Any

from ..scenario.levers import LEVERS, overrides
from ..scenario.params import Scenario
from ..simulation.model import WorkforceModel


def dashboard_model(base: Scenario) -> type[WorkforceModel]:
    """A `WorkforceModel` subclass for `base` taking the levers as keyword arguments."""
    defaults = {lever.key: lever.default(base) for lever in LEVERS}

    class DashboardModel(WorkforceModel):
        """The region of the dashboard's scenario under the levers' current values."""

        scenario_base = base

        def __init__(self, seed_offset: int = 0, **levers: Any) -> None:
            values = {**defaults, **levers}
            self.levers = values
            self.scenario_overrides = overrides(values, base)
            super().__init__(base, rng=base.seed + int(seed_offset), record_units=False,
                             **self.scenario_overrides)

        def step(self) -> None:
            """One year: twelve months of `WorkforceModel.step` (Step and ▶ go by years)."""
            for _ in range(12):
                if not self.running:
                    return
                WorkforceModel.step(self)

    # Mesa's SolaraViz checks the keywords by the signature: name every lever
    params = [inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD),
              inspect.Parameter("seed_offset", inspect.Parameter.KEYWORD_ONLY, default=0)]
    params += [inspect.Parameter(k, inspect.Parameter.KEYWORD_ONLY, default=v)
               for k, v in defaults.items()]
    DashboardModel.__init__.__signature__ = inspect.Signature(params)
    return DashboardModel
