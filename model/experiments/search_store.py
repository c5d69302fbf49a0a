"""Every run of a policy search, kept on disk the moment it finishes (`evaluations.csv`).

A row is one run: the sample point of the uncertain inputs (-1: the scenario as it is),
the candidate (its lever values as canonical JSON), the replication and every metric
of the run, summarised as the results folder does. Floats are written by `repr`, so a
value read back is the same bits. An interrupted search run again with the same
settings replays its optimiser and finds here every run it already made: the same
candidates, the same numbers, so the same front.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..core.errors import UserError
from ..simulation.metrics import METRICS
from .messages_search import SearchMsg
from .study_folder import drop_cut_line, exact, replace_text

KEY = ["point", "candidate", "replication"]
COLUMNS = [*KEY, *METRICS]


class EvaluationStore:
    """The runs made so far, by (point, candidate, replication), and the file they are in."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.runs: dict[tuple[int, str, int], dict[str, float]] = {}

    def create(self) -> None:
        """A new, empty file (its header only)."""
        with open(self.path, "w", newline="", encoding="utf-8") as f:
            csv.writer(f, lineterminator="\n").writerow(COLUMNS)

    def load(self) -> None:
        """Read the runs of an earlier, perhaps interrupted, search (a cut last line dropped)."""
        try:
            drop_cut_line(self.path)
            # round_trip: a float read back is the same bits as the one written (repr)
            frame = pd.read_csv(self.path, dtype={"candidate": str}, keep_default_na=False,
                                float_precision="round_trip")
        except (OSError, ValueError, pd.errors.ParserError) as exc:
            raise UserError(SearchMsg.store_unreadable(path=self.path, why=str(exc))) from None
        if list(frame.columns) != COLUMNS:
            raise UserError(SearchMsg.store_unreadable(
                path=self.path, why="columns of another version"))
        for row in frame.itertuples(index=False):
            values = row._asdict()
            key = (int(values["point"]), str(values["candidate"]), int(values["replication"]))
            self.runs.setdefault(key, {k: float(values[k]) for k in METRICS})

    def __contains__(self, key: tuple[int, str, int]) -> bool:
        return key in self.runs

    def get(self, key: tuple[int, str, int]) -> dict[str, float]:
        """One run's summary."""
        return self.runs[key]

    def mean(self, point: int, candidate: str, reps: int) -> dict[str, float]:
        """Every metric's mean over replications 0..reps-1 of a candidate at a point."""
        runs = [self.runs[(point, candidate, r)] for r in range(reps)]
        return {k: float(np.mean([run[k] for run in runs])) for k in METRICS}

    def add(self, rows: list[dict[str, Any]]) -> None:
        """Append finished runs to the file at once (flushed), then keep them."""
        with open(self.path, "a", newline="", encoding="utf-8") as f:
            writer = csv.writer(f, lineterminator="\n")
            for row in rows:
                writer.writerow([exact(row[c]) for c in COLUMNS])
            f.flush()
        for row in rows:
            key = (int(row["point"]), str(row["candidate"]), int(row["replication"]))
            self.runs.setdefault(key, {k: float(row[k]) for k in METRICS})

    def rewrite_sorted(self, order: dict[str, int]) -> None:
        """Write the file in a fixed order, whatever order the runs finished in.

        Candidates by `order`, then point and replication: the same bytes for the same
        search.
        """
        keys = sorted(self.runs, key=lambda k: (order.get(k[1], len(order)), k[1], k[0], k[2]))
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(COLUMNS)
        for key in keys:
            run = self.runs[key]
            writer.writerow([exact(v) for v in (*key, *(run[k] for k in METRICS))])
        replace_text(self.path, buffer.getvalue())

