"""Policy `balancing`: move staff from the least- to the most-loaded units (Salor, Lampung).

Among compatible roles: a secondary-school teacher may fill a primary-school deficit
at the productivity factor of `workload.compatibility` (0.8 by default). Sources
give up no more people than their surplus, so nothing is moved back.
"""

from __future__ import annotations

import numpy as np

from ..core.declare import ASSUMPTION, Section, par
from ..core.text import Text
from .base import Moves, Policy, PolicyView
from .common import share_per_round, surplus_to_deficit


class BalancingParams(Section):
    """Workload balancing: surplus to deficit units among compatible roles (Salor, Lampung)."""

    threshold_fte: float = par(0.5, "FTE", ASSUMPTION, ge=0, le=1000,
                               description="surplus/deficit below this is left alone")
    max_share_per_round: float = share_per_round()
    cross_role: bool = par(True, "", ASSUMPTION,
                           description="allow compatible roles (e.g. secondary -> primary)")


class BalancingPolicy(Policy):
    """Workload balancing: surplus units to deficit units among compatible roles."""

    name = "balancing"
    label = Text("penyeimbangan beban", "workload balancing")
    summary = Text("memindahkan pegawai dari unit kelebihan ke unit kekurangan",
                   "moves staff from surplus units to deficit units")
    color = "#1f77b4"
    reasons = {
        "balance_workload": Text("penyeimbangan beban kerja", "workload balancing"),
    }
    order = 20
    picks_person_at_random = True  # within a unit and position (`common.pick_people`)
    Params = BalancingParams

    def propose(self, view: PolicyView, rng: np.random.Generator) -> Moves:
        """Most surplus to most deficit, up to `max_share_per_round` of staff."""
        p = self.params
        limit = int(p.max_share_per_round * view.n_active)
        gap = view.gap_fte
        deficit = np.where(view.required_fte > 0, np.clip(-gap, 0, None), 0.0)
        return surplus_to_deficit(view, gap, deficit, p.threshold_fte, limit, p.cross_role,
                                  "balance_workload", rng)
