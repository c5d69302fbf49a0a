"""The model's own messages (`simulation.model`), Indonesian and English."""

from __future__ import annotations

from ..core.text import Catalogue, Text


class ModelMsg(Catalogue, area="simulation.model"):
    """What stops a model from being built."""

    too_many_policies = Text(
        "policy: {n} kebijakan digabungkan; paling banyak {most} yang dapat digabungkan "
        "(satu kunci aliran acak untuk masing-masing)",
        "policy: {n} policies composed; at most {most} can be (one random stream key each)")
