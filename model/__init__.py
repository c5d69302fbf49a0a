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

Importing the package (or drawing a results folder's figures) never selects a
matplotlib backend: figures are `matplotlib.figure.Figure` objects saved without
pyplot, so a notebook's own plots keep its backend.
"""

from .core.errors import ScenarioError, UserError
from .experiments.experiment import Experiment
from .policies import Moves, Policy, PolicyView
from .scenario.loading import load_scenario
from .scenario.scenario import Scenario
from .simulation.metrics import METRICS
from .simulation.model import WorkforceModel

__all__ = ["METRICS", "Experiment", "Moves", "Policy", "PolicyView", "Scenario",
           "ScenarioError", "UserError", "WorkforceModel", "load_scenario"]
