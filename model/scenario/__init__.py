"""Scenarios: declared parameters, loading, and reading a region's own files.

Parameters are declared in a file per process; loading covers YAML, overrides and
inheritance; the region itself is built in `model.regions`.
"""

from .loading import dump_scenario, load_scenario
from .scenario import Scenario

__all__ = ["Scenario", "dump_scenario", "load_scenario"]
