"""Scenarios: declared parameters, loading (YAML, overrides, inheritance), region building."""

from .loading import dump_scenario, load_scenario
from .scenario import Scenario

__all__ = ["Scenario", "dump_scenario", "load_scenario"]
