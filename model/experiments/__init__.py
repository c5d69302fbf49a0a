"""Experiments: replications, policy comparisons, executors, sweeps and the benchmark.

`Experiment` is imported on first use (PEP 562): importing a module of this package
(e.g. `experiments.messages` for a command's help) does not import the simulation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .experiment import Experiment

__all__ = ["Experiment"]


def __getattr__(name: str):
    """`Experiment`, imported from `experiments.experiment` on first use."""
    if name != "Experiment":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from .experiment import Experiment

    return Experiment
