"""What reading a results folder tells a planner, in Indonesian and English side by side."""

from __future__ import annotations

from ..core.text import Catalogue, Text


class Msg(Catalogue, area="results"):
    """Messages of `model.results` (keys `results.<name>`)."""

    not_results_folder = Text(
        "{folder}: bukan folder hasil (tidak ada timeseries.parquet atau .csv, atau tidak ada "
        "summary.csv)",
        "{folder}: not a results folder (no timeseries.parquet or .csv, or no summary.csv)")
