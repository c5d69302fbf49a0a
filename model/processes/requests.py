"""Own-request transfers (atas permintaan sendiri, Peraturan BKN 5/2019).

At each round, each movable employee asks to move with probability such that
`rate_per_year` of staff ask in a year. A request goes toward the home district
(`to_home`), toward an urban unit (`to_urban`) or away from a hard area toward an
easier one (`to_easier`); the destination is the unit of that kind with the same
role and the largest deficit. Requests are proposals like a policy's, logged with
policy `request`; they pass the same constraints and, when granted, are accepted.
They run under every policy (so they are part of the baseline where a region sets a
rate) and come before the policy's proposals in the round.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .. import exactmath
from ..policies import Moves
from ..vocab import AREA_INDEX

if TYPE_CHECKING:
    from ..model import WorkforceModel


def _best_unit(model: WorkforceModel, unit_ok: np.ndarray, role: int) -> int:
    """Unit with the largest deficit in `role` among `unit_ok` (and need); -1 if none."""
    ok = unit_ok & (model.required_fte[:, role] > 0)
    if not ok.any():
        return -1
    deficit = np.where(ok, model.required_fte[:, role] - model.capacity_fte[:, role], -np.inf)
    return int(np.argmax(deficit))


def propose(model: WorkforceModel, movable: np.ndarray) -> Moves:
    """This round's own requests."""
    p = model.params.mutation.requests
    if p.rate_per_year <= 0:
        return Moves()
    E, U = model.employees, model.units
    rounds = len(model.params.mutation.months)
    prob = 1.0 - exactmath.pow_scalar(1.0 - p.rate_per_year, 1.0 / rounds)
    rng = model.streams.get("requests", model.month)
    u = rng.random(E.n)
    rows = np.flatnonzero(movable & (u < prob))
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
            cache[key] = _best_unit(model, mask, role)
        dest[i] = cache[key]
    ok = (dest >= 0) & (dest != E.unit[rows])
    reasons = np.array(["request_home", "request_urban", "request_easier_area"], object)
    return Moves.build(rows[ok], to_unit=dest[ok], to_role=E.role[rows[ok]],
                       reason=reasons[kind[ok]], priority=0.0)
