"""A region of regions' own files in a results folder, beside the usual ones.

- `governments.csv` / `.parquet`: every month's record of every government, province
  and the whole (`level`), per replication and policy;
- `summary_governments.csv`: `summary.csv` for each of them (mean, 95 % interval,
  the paired difference against the baseline);
- `moves_between.csv` / `.parquet`: everyone sent from one government to another;
- `figures/unmet_by_government.png`: unmet need at the horizon by government.

The runs' tables are kept as they pass to the folder's writer (`tap`) and written by
its `extras` hook, so they land in the same atomic folder.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from ..results.run import from_arrow, wants_csv, wants_parquet
from .members import csv_weight

if TYPE_CHECKING:
    from pathlib import Path

    from ..results.run import RunResult
    from ..scenario.scenario import Scenario

GROUP_KEYS = ("level", "government", "province")


class GovernmentTables:
    """Collects each run's government tables; writes them into the folder at the end."""

    def __init__(self, scenario: Scenario, baseline: str | None, formats: str,
                 lang: str = "id", figures: bool = True) -> None:
        self.scenario, self.baseline, self.formats = scenario, baseline, formats
        self.lang, self.figures = lang, figures
        self.governments: list[bytes] = []
        self.moves: list[bytes] = []

    def tap(self, runs: Iterator[RunResult]) -> Iterator[RunResult]:
        """The runs, passed on as they come, their government tables kept."""
        for run in runs:
            self.governments.append(run.governments_arrow)
            self.moves.append(run.moves_arrow)
            yield run

    def extras(self, then: Callable | None) -> Callable[[Path, object], None]:
        """The writer's `extras` hook: these files, then the caller's own (`then`)."""
        def write(folder: Path, written: object) -> None:
            self.write(folder)
            if then is not None:
                then(folder, written)
        return write

    def write(self, folder: Path) -> None:
        """governments, summary_governments and moves_between, as the formats say."""
        import pandas as pd

        from ..reporting.outputs import write_csv, write_parquet
        from ..results.analysis import summarise
        from ..results.run import arrow_table

        runs = len(self.governments) * csv_weight(self.scenario)
        csv, parquet = wants_csv(self.formats, runs), wants_parquet(self.formats)
        tables = {
            "governments": pd.concat([from_arrow(b).to_pandas() for b in self.governments],
                                     ignore_index=True),
            "moves_between": pd.concat([from_arrow(b).to_pandas() for b in self.moves],
                                       ignore_index=True),
        }
        for name, df in tables.items():
            if parquet:
                write_parquet(folder / f"{name}.parquet", [arrow_table(df)])
            if csv or not parquet:
                write_csv(df, folder / f"{name}.csv")
        summaries = []
        for key, group in tables["governments"].groupby(list(GROUP_KEYS), sort=False):
            summary = summarise(group.drop(columns=list(GROUP_KEYS)), self.baseline)
            for i, column in enumerate(GROUP_KEYS):
                summary.insert(i, column, key[i])
            summaries.append(summary)
        summary = pd.concat(summaries, ignore_index=True)
        write_csv(summary, folder / "summary_governments.csv")
        if self.figures:
            from ..reporting.figures_governments import unmet_by_government

            unmet_by_government(summary, folder / "figures", self.lang)
