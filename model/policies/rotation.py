"""Policy `rotation`: rotate staff after a maximum tenure, partly across fields (Kotalama).

Movable staff who have been `max_tenure_months` or more in their position are
rotated, longest tenure first, up to `max_share_per_round` of staff. A share
`cross_field_share` goes to a unit of another agency (competence development across
sectors, e.g. education to health); the rest to another unit of their own agency.
Within a group, destinations with the largest deficit in the person's role come
first (one by one, exactly as recruitment places recruits). Competence in the new
domain then grows with experience (`competence.domain_learning_per_year`).

With `by_performance` (Kotalama: "needs analysis by performance and competence"):
the cross-field share of those due who can cross (their role is needed in another
agency) goes to the best performers among them, not to a random draw (they are the
ones the programme develops), and within every group the best performers get the
destinations with the largest deficits (the needs analysis). Competence in the new
domain grows by `competence.domain_learning_per_year`.
"""

from __future__ import annotations

import numpy as np

from ..core.allocation import place_most_understaffed
from ..core.declare import ASSUMPTION, Section, par
from ..core.text import Text
from .base import Moves, Policy, PolicyView
from .common import available, share_per_round


class RotationParams(Section):
    """Rotation after a maximum tenure, partly across fields (Kotalama)."""

    max_tenure_months: int = par(60, "months",
                                 "Peraturan BKN 5/2019 art. 2(3) (at most 5 years)", ge=1, le=480)
    cross_field_share: float = par(0.2, "share", ASSUMPTION, ge=0, le=1,
                                   description="rotations into another agency")
    by_performance: bool = par(
        False, "", "Kotalama case (DESIGN.md: needs analysis by performance and competence)",
        description="choose who rotates across fields, where to, and who gets the largest "
        "deficits by performance score and competence")
    max_share_per_round: float = share_per_round(0.05)


class RotationPolicy(Policy):
    """Rotation after max tenure, a share across fields."""

    name = "rotation"
    label = Text("rotasi", "rotation")
    summary = Text("memindahkan pegawai yang terlalu lama di satu posisi",
                   "moves staff who have held a position too long")
    color = "#ff7f0e"
    reasons = {
        "rotation_tenure": Text("rotasi masa jabatan", "rotation after tenure"),
        "rotation_cross_field": Text("rotasi lintas bidang", "cross-field rotation"),
    }
    order = 10
    Params = RotationParams

    def propose(self, view: PolicyView, rng: np.random.Generator) -> Moves:
        """Longest-serving first; destinations by deficit, own unit excluded."""
        p = self.params
        e, u = view.employees, view.units
        tenure = view.now - e.moved_at
        rows = np.flatnonzero(available(view) & (tenure >= p.max_tenure_months))
        limit = int(p.max_share_per_round * view.n_active)
        rows = rows[np.argsort(-tenure[rows], kind="stable")][:limit]
        if rows.size == 0:
            return Moves()
        agency = u.agency[e.unit[rows]]
        role = e.role[rows]
        if p.by_performance:
            can = _can_cross(view, rows)
            n_cross = int(p.cross_field_share * np.count_nonzero(can) + 0.5)
            cross = can & _top(np.where(can, e.performance[rows], -1.0), n_cross)
        else:
            cross = rng.random(rows.size) < p.cross_field_share
        deficit = -view.gap_fte
        out_rows, out_units, out_reason = [], [], []
        groups = sorted(set(zip(role.tolist(), agency.tolist(), cross.tolist(), strict=True)))
        for r, a, c in groups:
            who = rows[(role == r) & (agency == a) & (cross == c)]
            ok = view.required_fte[:, r] > 0
            ok &= (u.agency != a) if c else (u.agency == a)
            dst = np.flatnonzero(ok)
            if dst.size < 2 and not c:
                continue  # nowhere else to go within the agency
            if dst.size == 0:
                continue
            counts = place_most_understaffed(deficit[dst, r], who.size)
            target = np.repeat(dst, counts)
            if p.by_performance:  # best performers to the largest deficits
                target = target[np.argsort(-deficit[target, r], kind="stable")]
                who = who[np.argsort(-e.performance[who], kind="stable")]
            else:
                rng.shuffle(target)
            residual = deficit[dst, r] - counts
            target = _avoid_own_unit(target, e.unit[who], dst, residual)
            keep = target != e.unit[who]
            out_rows.append(who[keep])
            out_units.append(target[keep])
            out_reason.append(np.full(int(keep.sum()), "rotation_cross_field" if c
                                      else "rotation_tenure", object))
        if not out_rows:
            return Moves()
        moved = np.concatenate(out_rows)
        return Moves.build(moved, to_unit=np.concatenate(out_units), to_role=e.role[moved],
                           reason=np.concatenate(out_reason),
                           priority=tenure[moved].astype(float))


def _top(score: np.ndarray, k: int) -> np.ndarray:
    """Mask of the `k` rows with the highest score (ties by row order)."""
    top = np.zeros(score.size, bool)
    top[np.argsort(-score, kind="stable")[:k]] = True
    return top


def _can_cross(view: PolicyView, rows: np.ndarray) -> np.ndarray:
    """Whether another agency than the person's own has need for their role."""
    e, u = view.employees, view.units
    n_agencies = int(u.agency.max()) + 1
    needs = np.zeros((n_agencies, view.required_fte.shape[1]), bool)
    np.logical_or.at(needs, u.agency, view.required_fte > 0)
    agencies_needing = needs.sum(axis=0)[e.role[rows]]
    own_needs = needs[u.agency[e.unit[rows]], e.role[rows]]
    return agencies_needing - own_needs > 0


def _avoid_own_unit(target: np.ndarray, own: np.ndarray, dst: np.ndarray,
                    residual: np.ndarray) -> np.ndarray:
    """Nobody is 'rotated' into their own unit.

    A clash is first swapped with another person's destination where neither ends
    up at home; what remains goes to the unit (other than their own) with the largest
    residual deficit.
    """
    target = target.copy()
    residual = residual.astype(float).copy()
    for i in np.flatnonzero(target == own):
        partners = np.flatnonzero((target != own[i]) & (own != target[i]))
        if partners.size:
            j = partners[0]
            target[i], target[j] = target[j], target[i]
            continue
        options = np.flatnonzero(dst != own[i])
        if options.size:
            best = options[np.argmax(residual[options])]
            target[i] = dst[best]
            residual[best] -= 1
    return target
