"""Mutasi: an agent-based simulator of civil-service transfer (mutasi) policies on Mesa.

Quick use::

    from model import WorkforceModel
    m = WorkforceModel("default", rng=1)
    m.run()
    m.timeseries()
"""

from .errors import ScenarioError, UserError
from .metrics import METRICS
from .model import WorkforceModel
from .params import Scenario
from .scenario import load_scenario

__all__ = ["METRICS", "Scenario", "ScenarioError", "UserError", "WorkforceModel",
           "load_scenario"]
