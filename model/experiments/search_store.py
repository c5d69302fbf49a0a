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
import os
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..core.errors import UserError
from ..simulation.metrics import METRICS
from .messages_search import SearchMsg

KEY = ["point", "candidate", "replication"]
COLUMNS = [*KEY, *METRICS]


def _exact(v: Any) -> str:
    """A value written so it reads back bit for bit (floats by repr)."""
    if isinstance(v, float | np.floating):
        return repr(float(v))
    return str(v)


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
            text = self.path.read_text(encoding="utf-8")
            if text and not text.endswith("\n"):  # the last write was cut off
                _replace(self.path, text[: text.rfind("\n") + 1])
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

    def add(self, rows: list[dict[str, Any]]) -> None:
        """Append finished runs to the file at once (flushed), then keep them."""
        with open(self.path, "a", newline="", encoding="utf-8") as f:
            writer = csv.writer(f, lineterminator="\n")
            for row in rows:
                writer.writerow([_exact(row[c]) for c in COLUMNS])
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
            writer.writerow([_exact(v) for v in (*key, *(run[k] for k in METRICS))])
        _replace(self.path, buffer.getvalue())


def _replace(path: Path, text: str) -> None:
    """Write `text` to `path` whole or not at all (a temporary file, then a rename).

    A kill during the write leaves the runs stored before it.
    """
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
