"""Policy `matching`: move people whose competence fits another unit's domain better (Jambi).

Each unit's domain is the competence family of its agency (health office -> health,
budget office -> finance, ...). A movable employee whose competence in another
domain beats their current unit's by at least `min_gain`, and for whose role a unit
of that domain has a deficit, is proposed there: the largest gains first, to the
largest deficits.

General administration (secretariat, sub-district offices) is not a domain to match
into unless `into_general` is set: an administrator's general skills fit every
office, and the case is about domain backgrounds (health, finance) put to use.
"""

from __future__ import annotations

import numpy as np

from ..core.declare import ASSUMPTION, Section, par
from ..core.text import Text
from ..core.vocab import GENERAL_FAMILY
from .base import Moves, Policy, PolicyView
from .common import available, pair_slots, share_per_round


class MatchingParams(Section):
    """Competency matching: people to units whose domain fits them better (Jambi)."""

    min_gain: float = par(0.2, "competence", ASSUMPTION, gt=0, le=1)
    into_general: bool = par(
        False, "", "Jambi case (DESIGN.md: health background to the health office, "
        "finance experts to the budget office)",
        description="also match into general-administration units (secretariat, "
        "sub-district offices) on general skills")
    max_share_per_round: float = share_per_round()


class MatchingPolicy(Policy):
    """Competency matching: e.g. health background to the health office."""

    name = "matching"
    label = Text("kesesuaian kompetensi", "competence matching")
    summary = Text("memindahkan pegawai ke unit yang sesuai kompetensinya",
                   "moves staff to units that fit their competence")
    color = "#8c564b"
    reasons = {
        "competence_match": Text("kesesuaian kompetensi", "competence match"),
    }
    order = 30
    Params = MatchingParams

    def propose(self, view: PolicyView, rng: np.random.Generator) -> Moves:
        """Largest competence gains first, into deficit units of the better-fitting domain."""
        p = self.params
        e, u = view.employees, view.units
        rows = np.flatnonzero(available(view))
        if rows.size == 0:
            return Moves()
        n_units, n_roles = view.gap_fte.shape
        n_fam = e.competence.shape[1]
        deficit = np.clip(-view.gap_fte, 0, None) * (view.required_fte > 0)
        # which (domain, role) pairs have a unit in deficit
        dom_role = np.zeros((n_fam, n_roles))
        np.add.at(dom_role, u.agency_family, deficit)
        role = e.role[rows]
        here = u.agency_family[e.unit[rows]]
        comp = e.competence[rows]
        gain = comp - comp[np.arange(rows.size), here][:, None]
        gain[dom_role[:, role].T <= 0] = -np.inf
        gain[np.arange(rows.size), here] = -np.inf
        if not p.into_general and GENERAL_FAMILY in view.families:
            gain[:, view.families.index(GENERAL_FAMILY)] = -np.inf
        best = np.argmax(gain, axis=1)
        g = gain[np.arange(rows.size), best]
        keep = g >= p.min_gain
        rows, role, best, g = rows[keep], role[keep], best[keep], g[keep]
        limit = int(p.max_share_per_round * view.n_active)
        order = np.argsort(-g, kind="stable")[:limit]
        rows, role, best, g = rows[order], role[order], best[order], g[order]
        out_rows, out_units, out_gain = [], [], []
        for f, r in sorted(set(zip(best.tolist(), role.tolist(), strict=True))):
            who = np.flatnonzero((best == f) & (role == r))
            dst = np.flatnonzero((u.agency_family == f) & (deficit[:, r] > 0))
            dst = dst[np.argsort(-deficit[dst, r], kind="stable")]
            # each person brings about their own competence in the new domain
            brings = float(np.mean(e.comp_role[rows[who]], dtype=np.float64)) if who.size else 0.8
            slots = np.maximum(1, np.floor(deficit[dst, r] / max(brings, 0.3) + 0.5))
            s, d = pair_slots(who, np.ones(who.size, np.int64), dst,
                              slots.astype(np.int64), who.size)
            out_rows.append(rows[s])
            out_units.append(d)
            out_gain.append(g[s])
        if not out_rows:
            return Moves()
        moved = np.concatenate(out_rows)
        return Moves.build(moved, to_unit=np.concatenate(out_units), to_role=e.role[moved],
                           reason="competence_match", priority=np.concatenate(out_gain))
