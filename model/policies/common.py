"""Building blocks shared by the built-in policies (pure functions of a view).

- `fte_per_person`: capacity a person brings, per [unit, role] cell;
- `pair_slots`: surplus slots to deficit slots, largest first on both sides;
- `pick_people`: distinct movable employees from the given cells;
- `surplus_to_deficit`: the balancing core, also used by anticipation;
- `share_per_round`: the declaration of the per-round cap every built-in policy has.
"""

from __future__ import annotations

import numpy as np

from ..core.declare import ASSUMPTION, par
from .base import Moves, PolicyView


def share_per_round(default: float = 0.02):
    """The cap every built-in policy has: at most this share of active staff per round."""
    return par(default, "share of staff", ASSUMPTION, ge=0, le=1,
               description="at most this share of active staff proposed per round")


def available(view: PolicyView) -> np.ndarray:
    """Movable employees not already proposed this round."""
    ok = view.movable.copy()
    if len(view.proposed):
        ok[np.asarray(view.proposed.employee_id, np.int64)] = False
    return ok


def fte_per_person(view: PolicyView) -> np.ndarray:
    """Adapted capacity per staff member of each cell (0.8 FTE where a cell has no staff)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        per = view.potential_fte / view.staff
    return np.where(view.staff > 0, per, 0.8).ravel()


def pair_slots(src_cells: np.ndarray, src_slots: np.ndarray, dst_cells: np.ndarray,
               dst_slots: np.ndarray, limit: int) -> tuple[np.ndarray, np.ndarray]:
    """Pair source slots with destination slots in the given orders, at most `limit` pairs."""
    s = np.repeat(src_cells, np.maximum(src_slots, 0))
    d = np.repeat(dst_cells, np.maximum(dst_slots, 0))
    k = max(0, min(s.size, d.size, limit))
    return s[:k], d[:k]


def pick_people(view: PolicyView, pool: np.ndarray, need_cells: np.ndarray,
                rng: np.random.Generator) -> np.ndarray:
    """One distinct employee from `pool` per entry of `need_cells` (-1 if a cell runs out).

    Within a cell the choice is random (from the policy's stream).
    """
    rows = np.flatnonzero(pool)
    cells = view.employees.cell[rows]
    wanted = np.zeros(view.required_fte.size, bool)
    wanted[need_cells] = True
    rows, cells = rows[wanted[cells]], cells[wanted[cells]]  # only the cells asked for
    order = np.lexsort((rng.random(rows.size), cells))
    rows_s, cells_s = rows[order], cells[order]
    uniq, first, count = np.unique(cells_s, return_index=True, return_counts=True)
    by_cell = np.argsort(need_cells, kind="stable")
    nc = need_cells[by_cell]
    rank = np.arange(nc.size) - np.searchsorted(nc, nc)
    pos = np.minimum(np.searchsorted(uniq, nc), max(uniq.size - 1, 0))
    ok = (uniq.size > 0) & (uniq[pos] == nc) & (rank < count[pos]) if uniq.size else \
        np.zeros(nc.size, bool)
    chosen = np.full(nc.size, -1, np.int64)
    chosen[ok] = rows_s[first[pos[ok]] + rank[ok]]
    out = np.empty_like(chosen)
    out[by_cell] = chosen
    return out


def surplus_to_deficit(view: PolicyView, gap: np.ndarray, deficit: np.ndarray,
                       threshold: float, limit: int, cross_role: bool, reason: str,
                       rng: np.random.Generator, exclude: np.ndarray | None = None) -> Moves:
    """Move people from surplus cells to deficit cells, most surplus to most deficit.

    `gap` is potential capacity - need per [unit, role] (as the policy sees it); sources
    are cells with `gap > threshold`, giving no more people than their surplus allows,
    so a source never becomes a deficit. `deficit` is the FTE to fill per cell (0 where
    nothing is to be filled). The people sent are counted at the capacity they bring
    (the source's capacity per person x role fit), so a destination is not overfilled
    and nothing needs to move back. Roles are served in order of total deficit; with
    `cross_role`, compatible roles (e.g. secondary teachers for primary schools, at
    their productivity factor) are used after the same role. `exclude` marks employees
    not to move (e.g. those about to retire).
    """
    n_units, n_roles = gap.shape
    flat = gap.ravel()
    per = fte_per_person(view)
    pool = available(view)
    if exclude is not None:
        pool &= ~exclude
    movable_count = np.bincount(view.employees.cell[pool], minlength=flat.size)
    src_slots = np.where(flat > threshold, np.floor(flat / np.maximum(per, 1e-9)), 0)
    src_slots = np.minimum(src_slots, movable_count).astype(np.int64)
    deficit = np.where(deficit.ravel() > threshold, deficit.ravel(), 0.0)
    cell_role = np.arange(flat.size) % n_roles
    by_role = np.bincount(cell_role, weights=deficit, minlength=n_roles)
    src_out, dst_out = [], []
    budget = limit
    for r in np.argsort(-by_role, kind="stable"):
        if by_role[r] <= 0 or budget <= 0:
            break
        dst = np.flatnonzero((cell_role == r) & (deficit > 0))
        dst = dst[np.argsort(-deficit[dst], kind="stable")]
        remaining = deficit[dst].copy()
        sources = [r] if not cross_role else [r] + [
            o for o in np.argsort(-view.compatibility[:, r], kind="stable")
            if o != r and view.compatibility[o, r] > 0]
        for o in sources:
            src = np.flatnonzero((cell_role == o) & (src_slots > 0))
            if src.size == 0 or budget <= 0:
                continue
            src = src[np.argsort(-flat[src], kind="stable")]
            brings = float(view.compatibility[o, r]) * float(np.mean(per[src], dtype=np.float64))
            need = np.floor(np.clip(remaining, 0, None) / max(brings, 1e-9) + 0.5)
            s, d = pair_slots(src, src_slots[src], dst, need.astype(np.int64), budget)
            if s.size == 0:
                continue
            np.subtract.at(src_slots, s, 1)
            order = np.argsort(dst, kind="stable")
            np.subtract.at(remaining, order[np.searchsorted(dst, d, sorter=order)],
                           float(view.compatibility[o, r]) * per[s])
            src_out.append(s)
            dst_out.append(d)
            budget -= s.size
    if not src_out:
        return Moves()
    s, d = np.concatenate(src_out), np.concatenate(dst_out)
    rows = pick_people(view, pool, s, rng)
    ok = rows >= 0
    return Moves.build(rows[ok], to_unit=d[ok] // n_roles, to_role=d[ok] % n_roles,
                       reason=reason, priority=deficit[d[ok]])
