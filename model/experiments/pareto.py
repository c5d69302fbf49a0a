"""Which candidates are worth a planner's look: non-dominated, then not dominated beyond noise.

Every objective is minimised here (a maximised one enters negated). A candidate is
dominated when another is at least as good on every objective and better on one. The
search's front is the candidates no other dominates on their means; after the front
is run again with more replications, a candidate is dropped only when another
*clearly* dominates it: at least as good on every objective's mean and better on at
least one beyond noise (the t-interval of their paired difference, replication by
replication under the same seeds, lies wholly on the better side; 95% with Bonferroni's
correction over the objectives).
"""

from __future__ import annotations

import numpy as np

from ..core.exactmath import t_quantile


def non_dominated(f: np.ndarray) -> np.ndarray:
    """Mask of the rows of `f` (candidates x objectives) that no other row dominates."""
    f = np.asarray(f, float)
    keep = np.ones(len(f), bool)
    for i in range(len(f)):
        if keep[i]:  # a dominated row's victims are its dominator's too (transitivity)
            beaten = np.all(f[i] <= f, axis=1) & np.any(f[i] < f, axis=1)
            keep &= ~beaten
    return keep


def clearly_dominated(per_rep: np.ndarray, level: float = 0.95) -> np.ndarray:
    """Mask of the candidates another clearly dominates (see the module docstring).

    `per_rep[c, r, k]`: candidate c's objective k (minimised) in replication r, the
    replications paired (the same seeds for every candidate). The interval of each
    objective is at `level` with Bonferroni's correction over the objectives (any one
    of them may show the difference): 1 - (1 - level) / k. With fewer than two
    replications no difference is beyond noise and nothing is dropped.
    """
    per_rep = np.asarray(per_rep, float)
    n, reps, k = per_rep.shape
    out = np.zeros(n, bool)
    if reps < 2:
        return out
    t = t_quantile(1 - (1 - level) / k, reps - 1)
    for a in range(n):
        for b in range(n):
            if a == b:
                continue
            diff = per_rep[b] - per_rep[a]  # [r, k]: b - a, negative is b better
            mean = diff.mean(axis=0)
            half = t * diff.std(axis=0, ddof=1) / np.sqrt(reps)
            if np.all(mean <= 0) and np.any(mean + half < 0):
                out[a] = True
                break
    return out


def crowding_order(f: np.ndarray) -> np.ndarray:
    """Indices of the rows of `f` from most to least isolated (NSGA-II's crowding distance).

    The extremes of every objective come first (infinite distance), ties by row order.
    """
    from pymoo.operators.survival.rank_and_crowding.metrics import calc_crowding_distance

    f = np.asarray(f, float)
    if len(f) <= 2:
        return np.arange(len(f))
    dist = calc_crowding_distance(f)
    return np.lexsort((np.arange(len(f)), -dist))
