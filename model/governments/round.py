"""The yearly round between governments: summaries in, orders out.

Each government sends a `Summary` of itself as the round month begins (staff, need
and movable PNS per role, and the own requests its staff made to go to another
government). The coordinator decides from the summaries alone, in the governments'
order, so the orders are the same whichever shard ran which government:

1. own requests (the status quo, under every policy): approved while the
   destination is short in the role (staff below need) and the source stays above
   need x (1 + consent margin), up to the source's cap (`round.cap_share` of its
   PNS), moves between provinces only when `round.between_provinces`;
2. the planner's own moves (`round.planned`), within the source's movable PNS and
   cap, under every policy;
3. under `redistribution` (the joint edict of five ministers, 2011): for each
   teacher role, governments over the norm (staff above need x (1 + tolerance)) send
   to governments under it (below need x (1 - tolerance)), pairs nearest first (within
   a province first), each move within both sides' surplus and deficit and the
   source's cap.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..core import exactmath

REQUEST, REDISTRIBUTION, PLANNED = "request", "redistribution", "planned"


@dataclass
class Summary:
    """One government as the round begins (arrays per role code)."""

    index: int
    staff: np.ndarray  # active staff (headcount)
    need: np.ndarray  # required FTE (ABK)
    movable: np.ndarray  # PNS who may move now (`exchange.eligible`)
    pns: int  # active PNS
    request_rows: np.ndarray  # own requests: the asking rows,
    request_roles: np.ndarray  # their roles,
    request_targets: np.ndarray  # and the government each asks to go to


@dataclass
class Order:
    """Move `count` people of `role` from government `source` to `target` (`rows`: named)."""

    source: int
    target: int
    role: int
    count: int
    reason: str
    rows: np.ndarray | None = None  # own requests name their people


@dataclass(frozen=True)
class Geography:
    """What the coordinator knows of the governments: seats and provinces, in order."""

    x_km: np.ndarray
    y_km: np.ndarray
    province: np.ndarray  # int code per government


def decide(summaries: list[Summary], geo: Geography, rules, redistribution,
           redistribute: bool, teacher_roles: list[int],
           planned: list[tuple[int, int, int, int]] = ()) -> list[Order]:
    """The round's orders from every government's summary (in government order).

    `rules` is the scenario's `governments.round`, `redistribution` its
    `governments.redistribution` section; `redistribute` whether the policy runs;
    `planned` the planner's moves of this round as (source, target, role, count), each
    carried out within the source's movable PNS and cap, after own requests.
    """
    staff = np.array([s.staff for s in summaries], np.float64)  # [government, role]
    need = np.array([s.need for s in summaries], np.float64)
    movable = np.array([s.movable for s in summaries], np.int64)
    cap = np.array([int(np.floor(rules.cap_share * s.pns)) for s in summaries], np.int64)
    orders: list[Order] = []
    for s in summaries:  # own requests, in government and row order
        for row, role, target in zip(s.request_rows.tolist(), s.request_roles.tolist(),
                                     s.request_targets.tolist(), strict=True):
            src = s.index
            if target == src or cap[src] <= 0 or movable[src, role] <= 0:
                continue
            if not rules.between_provinces and geo.province[src] != geo.province[target]:
                continue
            if not (staff[target, role] < need[target, role]
                    and staff[src, role] - 1 >= need[src, role] * (1 + rules.consent_margin)):
                continue
            orders.append(Order(src, target, role, 1, REQUEST, np.array([row], np.int64)))
            _book(staff, movable, cap, src, target, role, 1)
    for src, target, role, count in planned:
        k = int(min(count, cap[src], movable[src, role]))
        if k > 0:
            orders.append(Order(src, target, role, k, PLANNED))
            _book(staff, movable, cap, src, target, role, k)
    if redistribute:
        for role in teacher_roles:
            orders += _redistribute(staff, need, movable, cap, geo, rules, redistribution,
                                    role)
    return orders


def _book(staff, movable, cap, src: int, dst: int, role: int, k: int) -> None:
    staff[src, role] -= k
    staff[dst, role] += k
    movable[src, role] -= k
    cap[src] -= k


def _redistribute(staff, need, movable, cap, geo: Geography, rules, params,
                  role: int) -> list[Order]:
    """Teachers of `role` from governments over the norm to those under it, nearest first."""
    tol = params.tolerance
    surplus = np.floor(staff[:, role] - need[:, role] * (1 + tol)).astype(np.int64)
    deficit = np.floor(need[:, role] * (1 - tol) - staff[:, role]).astype(np.int64)
    sources = np.flatnonzero((surplus > 0) & (cap > 0) & (movable[:, role] > 0))
    targets = np.flatnonzero(deficit > 0)
    if sources.size == 0 or targets.size == 0:
        return []
    s, t = np.meshgrid(sources, targets, indexing="ij")
    s, t = s.ravel(), t.ravel()
    km = exactmath.hypot(geo.x_km[s] - geo.x_km[t], geo.y_km[s] - geo.y_km[t])
    other = (geo.province[s] != geo.province[t]).astype(np.int64)
    if not rules.between_provinces:
        keep = other == 0
        s, t, km, other = s[keep], t[keep], km[keep], other[keep]
    first = other if params.within_province_first else np.zeros_like(other)
    orders = []
    for i in np.lexsort((t, s, km, first)).tolist():  # province first, nearest, in order
        a, b = int(s[i]), int(t[i])
        k = int(min(surplus[a], deficit[b], cap[a], movable[a, role]))
        if k <= 0:
            continue
        orders.append(Order(a, b, role, k, REDISTRIBUTION))
        surplus[a] -= k
        deficit[b] -= k
        _book(staff, movable, cap, a, b, role, k)
    return orders
