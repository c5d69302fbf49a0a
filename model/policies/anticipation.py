"""Policy `anticipation`: fill the gaps of retirements due in the next H months (Salor).

The deficit a unit-role will have once its staff due to retire within
`horizon_months` have gone is filled now, from units with a surplus that remains
after their own retirements, so the gap never opens. Cells without coming
retirements are left to other policies.
"""

from __future__ import annotations

import numpy as np

from ..core.declare import ASSUMPTION, Section, par
from ..core.text import Text
from .base import Moves, Policy, PolicyView
from .common import fte_per_person, share_per_round, surplus_to_deficit


class AnticipationParams(Section):
    """Fill the gaps of retirements due in the next H months before they open (Salor)."""

    horizon_months: int = par(12, "months", ASSUMPTION, ge=1, le=60)
    threshold_fte: float = par(0.5, "FTE", ASSUMPTION, ge=0, le=1000)
    max_share_per_round: float = share_per_round()


class AnticipationPolicy(Policy):
    """Retirement anticipation: move people to where retirements will open gaps."""

    name = "anticipation"
    label = Text("antisipasi pensiun", "retirement anticipation")
    summary = Text("mengisi lebih dulu posisi yang akan ditinggal pensiun",
                   "fills positions ahead of retirements")
    color = "#9467bd"
    reasons = {
        "anticipate_retirement": Text("antisipasi pensiun", "retirement anticipation"),
    }
    order = 40
    picks_person_at_random = True  # within a unit and position (`common.pick_people`)
    Params = AnticipationParams

    def propose(self, view: PolicyView, rng: np.random.Generator) -> Moves:
        """Future gap = gap - capacity of those retiring soon; fill what they open."""
        p = self.params
        e = view.employees
        leaving = view.retiring_within(p.horizon_months)
        per = fte_per_person(view)
        loss = np.bincount(e.cell[leaving], weights=per[e.cell[leaving]],
                           minlength=view.gap_fte.size).reshape(view.gap_fte.shape)
        future = view.gap_fte - loss
        # fill only the part of a future deficit that the retirements open
        deficit = np.minimum(loss, np.clip(-future, 0, None))
        retiring = np.zeros(e.active.size, bool)
        retiring[leaving] = True  # nobody about to retire is moved to cover others
        limit = int(p.max_share_per_round * view.n_active)
        return surplus_to_deficit(view, future, deficit, p.threshold_fte, limit, True,
                                  "anticipate_retirement", rng, exclude=retiring)
