"""Policy `none`: the status quo. No transfers; only recruitment and attrition act."""

from __future__ import annotations

import numpy as np

from ..core.text import Text
from .base import Moves, Policy, PolicyView


class NonePolicy(Policy):
    """Proposes no moves (the baseline every other policy is compared with)."""

    name = "none"
    label = Text("status quo", "status quo")
    summary = Text("tanpa mutasi terencana; hanya permohonan pindah sendiri",
                   "no planned transfers; own requests only")
    color = "#6b6b6b"
    order = 0

    def propose(self, view: PolicyView, rng: np.random.Generator) -> Moves:
        """Return an empty proposal."""
        return Moves()
