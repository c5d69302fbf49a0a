"""Experiments: replications, policy comparisons, executors, sweeps and the benchmark."""

from .experiment import Experiment

__all__ = ["Experiment"]
