"""Mutasi: an agent-based simulator of civil-service transfer (mutasi) policies on Mesa.

Quick use::

    from model import Experiment, WorkforceModel
    m = WorkforceModel("default", rng=1)
    m.run()
    m.timeseries()
    Experiment("salor", policies=["none", "balancing"], replications=4).run()

The package is layered (each layer imports only those below it; `lint-imports`
checks it): `cli` > `experiments` > `reporting` > `results` > `simulation` >
`processes` > `world` > `scenario` > `policies` > `core`. See docs/ODD.md, "Code map".

Importing the package imports nothing heavy: each name below is imported on first
use (PEP 562), so `run_sim.py --help` or `validate` never pays for Mesa, pandas'
plotting or scipy (tests/test_perf_cli.py checks it).

Importing the package (or drawing a results folder's figures) never selects a
matplotlib backend: figures are `matplotlib.figure.Figure` objects saved without
pyplot, so a notebook's own plots keep its backend.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .core.errors import ScenarioError, UserError
    from .experiments.experiment import Experiment
    from .policies import Moves, Policy, PolicyView
    from .scenario.loading import load_scenario
    from .scenario.scenario import Scenario
    from .simulation.metrics import METRICS
    from .simulation.model import WorkforceModel

# each public name and the module that defines it, imported when first asked for
_HOMES = {"ScenarioError": ".core.errors", "UserError": ".core.errors",
          "Experiment": ".experiments.experiment", "Moves": ".policies",
          "Policy": ".policies", "PolicyView": ".policies",
          "load_scenario": ".scenario.loading", "Scenario": ".scenario.scenario",
          "METRICS": ".simulation.metrics", "WorkforceModel": ".simulation.model"}

__all__ = ["METRICS", "Experiment", "Moves", "Policy", "PolicyView", "Scenario",
           "ScenarioError", "UserError", "WorkforceModel", "load_scenario"]


def __getattr__(name: str):
    """A public name, imported from its module on first use (then kept here)."""
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(_HOMES[name], __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
