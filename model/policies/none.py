"""Policy `none`: the status quo. No transfers; only recruitment and attrition act."""

from __future__ import annotations

import numpy as np

from .base import Moves, Policy, PolicyView


class NonePolicy(Policy):
    """Proposes no moves (the baseline every other policy is compared with)."""

    name = "none"

    def propose(self, view: PolicyView, rng: np.random.Generator) -> Moves:
        """Return an empty proposal."""
        return Moves()
