"""Results of runs and their statistics (per-run summaries, t-intervals, paired differences).

`RunResult` is imported on first use (PEP 562), so reading a folder's tables
(`results.files`) does not import pyarrow's IPC or the statistics.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .run import RunResult

__all__ = ["RunResult"]


def __getattr__(name: str):
    """`RunResult`, imported from `results.run` on first use."""
    if name != "RunResult":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from .run import RunResult

    return RunResult
