"""What the EMA Workbench connection tells a researcher, in Indonesian and English."""

from __future__ import annotations

from ..core.text import Catalogue, Text


class EmaMsg(Catalogue, area="ema"):
    """Messages of `model.ema` (keys `ema.<name>`)."""

    unknown_inputs = Text(
        "masukan model tidak dikenal: {unknown}; yang dikenal: {known}",
        "unknown model inputs {unknown}; known: {known}")
    not_installed = Text(
        "EMA Workbench belum terpasang; pasang ekstranya dengan pip install '.[ema]'",
        "the EMA Workbench is not installed; install the extra with pip install '.[ema]'")
    outcome_not_metric = Text(
        "outcomes: {outcome} bukan indikator; yang dikenal: unmet_share, {known}",
        "outcomes: {outcome} is not a metric; known: unmet_share, {known}")
