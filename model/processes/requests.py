"""Own-request transfers (atas permintaan sendiri, Peraturan BKN 5/2019).

At each round, each movable employee asks to move with probability such that
`rate_per_year` of staff ask in a year. A request goes toward the home district
(`to_home`), toward an urban unit (`to_urban`) or away from a hard area toward an
easier one (`to_easier`); the destination is the unit of that kind with the same
role and the largest deficit. Requests are proposals like a policy's, logged with
policy `request`; they pass the same constraints and, when granted, are accepted.
Their reasons and their words are `REASONS`.

`OwnRequests` is a proposer like a policy: it reads the round's `PolicyView` (the
same read-only view the policies get) and returns `Moves`. Requests run under every
policy (so they are part of the baseline where a region sets a
rate) and come before the policy's proposals in the round.
"""

from __future__ import annotations

import numpy as np

from ..core import exactmath
from ..core.text import words
from ..core.vocab import AREA_INDEX
from ..policies import Moves, Policy, PolicyView

# the reasons of own requests (a move's `reason`), in the order of the draw's kinds
REASONS = words("processes.requests", {
    "request_home": ("ke daerah asal", "to home district"),
    "request_urban": ("ke perkotaan", "to an urban unit"),
    "request_easier_area": ("ke daerah lebih mudah", "to an easier area"),
})


def _best_units(view: PolicyView, masks: list[np.ndarray]) -> np.ndarray:
    """[mask, role]: the unit with the largest deficit in the role among the mask's units.

    Only units with need for the role count (-1 if there is none); ties go to the
    lowest unit id.
    """
    req, cap = view.required_fte, view.capacity_fte
    deficit = np.where(req > 0, req - cap, -np.inf)  # units without need never win
    roles = np.arange(req.shape[1])
    out = np.full((len(masks), req.shape[1]), -1, np.int64)
    for i, mask in enumerate(masks):
        scored = np.where(mask[:, None], deficit, -np.inf)
        best = np.argmax(scored, axis=0)
        out[i] = np.where(scored[best, roles] > -np.inf, best, -1)
    return out


def _best_by_group(view: PolicyView, group: np.ndarray, n_groups: int) -> np.ndarray:
    """[group, role]: `_best_units` with one mask per group of units (e.g. a district).

    In one pass over the [unit, role] cells with need: the largest deficit of each
    (group, role), then the lowest unit id among the cells that reach it.
    """
    req, cap = view.required_fte, view.capacity_fte
    n_units, n_roles = req.shape
    deficit = req - cap
    ok = req > 0
    unit, role = np.nonzero(ok)  # cells with need, by unit then role
    key = group[unit] * n_roles + role
    d = deficit[unit, role]
    top = np.full(n_groups * n_roles, -np.inf)
    np.maximum.at(top, key, d)
    best = np.full(n_groups * n_roles, n_units)
    at = d == top[key]
    np.minimum.at(best, key[at], unit[at])
    return np.where(best < n_units, best, -1).reshape(n_groups, n_roles)


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

    def ask_probability(self, view: PolicyView, rows: np.ndarray | None = None) -> np.ndarray:
        """Each employee's chance to ask for a transfer this round (0 if not movable).

        `rows`: only these employees' chances (all movable), in their order.
        """
        p = self.params
        morale = view.employees.morale
        prob = 1.0 - exactmath.pow_scalar(1.0 - p.rate_per_year, 1.0 / self.rounds)
        # low morale (a forced move, overload) raises the chance to ask
        if rows is not None:
            return np.minimum(prob * (1.0 + p.low_morale_factor * (1.0 - morale[rows])), 1.0)
        prob = np.minimum(prob * (1.0 + p.low_morale_factor * (1.0 - morale)), 1.0)
        return np.where(view.movable, prob, 0.0)

    def propose(self, view: PolicyView, rng: np.random.Generator) -> Moves:
        """This round's own requests."""
        p = self.params
        if p.rate_per_year <= 0:
            return Moves()
        E, U = view.employees, view.units
        u = rng.random(E.active.size)  # one number per row, movable or not
        rows = np.flatnonzero(view.movable)
        rows = rows[u[rows] < self.ask_probability(view, rows)]
        if rows.size == 0:
            return Moves()
        v = rng.random(rows.size)
        kind = np.where(v < p.to_home, 0, np.where(v < p.to_home + p.to_urban, 1, 2))
        role, home = E.role[rows].astype(np.int64), E.home[rows].astype(np.int64)
        # each kind's best units, looked up for the requests of that kind only
        dest = np.full(rows.size, -1, np.int64)
        at = kind == 0
        if at.any():
            districts = int(max(U.district.max(), home.max())) + 1
            to_home = _best_by_group(view, U.district.astype(np.int64), districts)
            dest[at] = to_home[home[at], role[at]]
        at = kind == 1
        if at.any():
            dest[at] = _best_units(view, [U.area == AREA_INDEX["urban"]])[0, role[at]]
        at = kind == 2
        if at.any():  # a request to an easier area: any unit less hard than here
            here = U.hardness[E.unit[rows[at]]]
            levels = np.unique(here)
            to_easier = _best_units(view, [U.hardness < level for level in levels])
            dest[at] = to_easier[np.searchsorted(levels, here), role[at]]
        ok = (dest >= 0) & (dest != E.unit[rows])
        reasons = np.array(list(REASONS), object)
        return Moves.build(rows[ok], to_unit=dest[ok], to_role=E.role[rows[ok]],
                           reason=reasons[kind[ok]], priority=0.0)
