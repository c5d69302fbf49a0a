"""Own-request transfers (atas permintaan sendiri, Peraturan BKN 5/2019).

At each round, each movable employee asks to move with probability such that
`rate_per_year` of staff ask in a year. A request goes toward the home district
(`to_home`), toward an urban unit (`to_urban`) or away from a hard area toward an
easier one (`to_easier`); the destination is the unit of that kind with the same
role and the largest deficit. Requests are proposals like a policy's, logged with
policy `request`; they pass the same constraints and, when granted, are accepted.
`OwnRequests` is a proposer like a policy: it reads the round's `PolicyView` (the
same read-only view the policies get) and returns `Moves`. Requests run under every
policy (so they are part of the baseline where a region sets a
rate) and come before the policy's proposals in the round.
"""

from __future__ import annotations

import numpy as np

from ..core import exactmath
from ..core.vocab import AREA_INDEX
from ..policies import Moves, Policy, PolicyView


def _best_unit(view: PolicyView, unit_ok: np.ndarray, role: int) -> int:
    """Unit with the largest deficit in `role` among `unit_ok` (and need); -1 if none."""
    ok = unit_ok & (view.required_fte[:, role] > 0)
    if not ok.any():
        return -1
    deficit = np.where(ok, view.required_fte[:, role] - view.capacity_fte[:, role], -np.inf)
    return int(np.argmax(deficit))


class OwnRequests(Policy):
    """Employees' own requests, proposed before the policies at every round.

    Args:
        params: the scenario's `mutation.requests` section.
        rounds: mutation rounds per year (the yearly rate is spread over them).
    """

    name = "request"

    def __init__(self, params, rounds: int) -> None:
        super().__init__(params)
        self.rounds = rounds

    @property
    def active(self) -> bool:
        """Whether anyone asks at all (a rate above 0)."""
        return self.params.rate_per_year > 0

    def propose(self, view: PolicyView, rng: np.random.Generator) -> Moves:
        """This round's own requests."""
        p = self.params
        if p.rate_per_year <= 0:
            return Moves()
        E, U = view.employees, view.units
        prob = 1.0 - exactmath.pow_scalar(1.0 - p.rate_per_year, 1.0 / self.rounds)
        u = rng.random(E.active.size)
        rows = np.flatnonzero(view.movable & (u < prob))
        if rows.size == 0:
            return Moves()
        v = rng.random(rows.size)
        kind = np.where(v < p.to_home, 0, np.where(v < p.to_home + p.to_urban, 1, 2))
        urban = U.area == AREA_INDEX["urban"]
        cache: dict[tuple, int] = {}
        dest = np.full(rows.size, -1, np.int64)
        for i, (row, k) in enumerate(zip(rows.tolist(), kind.tolist(), strict=True)):
            role = int(E.role[row])
            if k == 0:
                key = (0, role, int(E.home[row]))
                mask = None if key in cache else U.district == E.home[row]
            elif k == 1:
                key = (1, role)
                mask = None if key in cache else urban
            else:
                here = float(U.hardness[E.unit[row]])
                key = (2, role, here)
                mask = None if key in cache else U.hardness < here
            if key not in cache:
                cache[key] = _best_unit(view, mask, role)
            dest[i] = cache[key]
        ok = (dest >= 0) & (dest != E.unit[rows])
        reasons = np.array(["request_home", "request_urban", "request_easier_area"], object)
        return Moves.build(rows[ok], to_unit=dest[ok], to_role=E.role[rows[ok]],
                           reason=reasons[kind[ok]], priority=0.0)
