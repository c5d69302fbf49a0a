"""Results of runs and their statistics (per-run summaries, t-intervals, paired differences)."""

from .run import RunResult

__all__ = ["RunResult"]
