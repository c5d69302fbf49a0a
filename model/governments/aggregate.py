"""Metrics of a group of governments (a province, the whole scenario) from theirs.

Each government's month gives its record (every METRICS value) and `parts`: the
additive quantities its shares and means are made of, and its units' loads. A
group's metric is then what the metric means for the group as one region: counts,
FTE and IDR add up; a share is the sum of its numerators over the sum of its
denominators (unmet need over need, remote need covered over remote need, units
over units with need, staff over staff); the load's mean, variation and Gini are
those of every unit of the group together; the audit's ratios are those of the
summed audit tallies. Sums run in the governments' order, so a group's numbers are
the same bits whatever shard computed its members.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

import numpy as np

from ..processes.fairness import FairnessTally
from ..simulation.measures import load_moments, total
from ..simulation.metrics import METRICS

if TYPE_CHECKING:
    from ..simulation.measures import Measures

# the records' extra keys for moves between governments
MOVES = ("new_gov_in", "new_gov_out", "new_gov_refused", "cost_gov_moves_idr")

# shares and means, as (numerator part, denominator part, value when it is 0)
RATIOS: dict[str, tuple[str, str, float]] = {
    "p_unmet": ("unmet_fte", "required_fte", 0.0),
    "p_remote_covered": ("remote_covered", "remote_req", 1.0),
    "p_units_overloaded": ("units_over", "units_need", 0.0),
    "p_units_underloaded": ("units_under", "units_need", 0.0),
    "p_units_effective_overloaded": ("units_eff_over", "units_need", 0.0),
    "mean_productivity": ("sum_prod", "n_active", 0.0),
    "mean_morale": ("sum_morale", "n_active", 0.0),
    "p_competence_match": ("n_match", "n_active", 0.0),
}
# computed from every unit's load together, or from the summed audit tallies
FROM_LOADS = ("mean_effective_load", "load_cv", "load_gini")
FROM_AUDIT = ("mean_home_km_moved", "fair_max_hard_ratio", "fair_low_performer_hard_ratio")
ADDITIVE = tuple(k for k in METRICS if k not in RATIOS and k not in FROM_LOADS
                 and k not in FROM_AUDIT)


def parts(m: Measures) -> dict[str, Any]:
    """What a group's metrics need of one government's month (`m`: its Measures)."""
    p = m.p
    ej, load = m.unit_ej, m.unit_load
    return {
        "remote_covered": total(m.unit_covered[m.remote]),
        "remote_req": m.remote_req,
        "units_need": int(load.size),
        "units_over": int(np.count_nonzero(ej > p.ej_thresholds["A"])),
        "units_under": int(np.count_nonzero(ej < p.ej_thresholds["C"])),
        "units_eff_over": int(np.count_nonzero(load > p.effective_overload_threshold)),
        "sum_prod": total(m.E.prod),
        "sum_morale": total(m.active_morale),
        "n_match": int(np.count_nonzero((m.E.comp_domain >= m.params.competence
                                         .match_threshold) & m.E.active)),
        "loads": np.asarray(load, np.float64),
    }


def audit_counts(fairness: FairnessTally | None) -> dict[str, np.ndarray] | None:
    """A copy of a government's audit tallies (None: no policy planned a move)."""
    if fairness is None or fairness.rounds == 0:
        return None
    return {d: t.copy() for d, t in fairness.counts.items()}


def combine(records: list[dict[str, float]], part: list[dict[str, Any]],
            audits: list[dict[str, np.ndarray] | None], params) -> dict[str, float]:
    """The group's record from its governments' records, parts and audit tallies.

    `params` is a scenario of the group (for the audit's minimum group share).
    """
    out: dict[str, float] = {}
    for key in ADDITIVE:
        values = [r[key] for r in records]
        out[key] = (float(np.add.reduce(np.array(values, np.float64)))
                    if isinstance(values[0], float) else int(sum(values)))
    sums = {k: float(np.add.reduce(np.array([p[k] for p in part], np.float64)))
            for k in ("remote_covered", "remote_req", "units_need", "units_over",
                      "units_under", "units_eff_over", "sum_prod", "sum_morale", "n_match")}
    sums |= {k: float(out[k]) for k in ("unmet_fte", "required_fte", "n_active")}
    for key, (num, den, empty) in RATIOS.items():
        out[key] = sums[num] / sums[den] if sums[den] > 0 else empty
    # the loads' and the audit's metrics by their own formulas (METRICS), read from every
    # unit of the group together and from the summed tallies
    loads = np.concatenate([p["loads"] for p in part])
    mean, sd = load_moments(loads)
    group = SimpleNamespace(unit_load=loads, mean_load=mean, load_sd=sd, params=params,
                            fairness=summed_tally([a for a in audits if a is not None]))
    for key in (*FROM_LOADS, *FROM_AUDIT):
        out[key] = METRICS[key].formula(group)
    for key in MOVES:
        values = [r.get(key, 0) for r in records]
        out[key] = (float(np.add.reduce(np.array(values, np.float64)))
                    if key.startswith("cost_") else int(sum(values)))
    return {k: out[k] for k in (*METRICS, *MOVES)}


def summed_tally(audits: list[dict[str, np.ndarray]]) -> FairnessTally | None:
    """An audit tally holding the sum of several governments' (None: none)."""
    if not audits:
        return None
    tally = FairnessTally.__new__(FairnessTally)
    tally.counts = {d: np.add.reduce(np.stack([a[d] for a in audits]), axis=0)
                    for d in audits[0]}
    tally.rounds = 1
    tally._memo = {}
    return tally
