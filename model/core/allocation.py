"""Allocating k people over places: exact one-by-one greedy and proportional shares."""

from __future__ import annotations

import numpy as np


def place_most_understaffed(gap: np.ndarray, k: int) -> np.ndarray:
    """Counts per candidate unit from giving k recruits one by one to the largest gap.

    Each unit offers "slots" worth gap, gap - 1, gap - 2, ...; the one-by-one greedy
    takes the k best slots. A bisection over whole levels finds L with at least k
    slots worth >= L and fewer than k worth >= L + 1; every unit takes its slots
    worth >= L + 1, and the rest go to the units whose next slot (each has at most one
    in [L, L + 1)) is highest. Exact, O(units) memory, whatever k.
    """
    m = gap.size
    if k <= 0 or m == 0:
        return np.zeros(m, np.int64)

    def slots_from(level: float) -> np.ndarray:  # slots worth >= level, per unit
        # np.maximum, not np.clip (the same values; clip's wrapper costs more here)
        return np.floor(np.maximum(gap - level, -1.0) + 1.0).astype(np.int64)

    top = float(np.floor(gap.max()))
    lo, hi = top - k, top + 1  # slots_from(lo) has >= k slots; slots_from(hi) has none
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if slots_from(mid).sum() >= k:
            lo = mid
        else:
            hi = mid
    counts = slots_from(lo + 1)
    rest = k - int(counts.sum())
    if rest > 0:
        counts[np.argsort(-(gap - counts), kind="stable")[:rest]] += 1
    return counts


def place_proportional(weight: np.ndarray, k: int) -> np.ndarray:
    """Counts per candidate unit in proportion to `weight` (largest remainder)."""
    if k == 0 or weight.sum() <= 0:
        return np.zeros(weight.size, np.int64)
    share = weight / weight.sum() * k
    base = np.floor(share).astype(np.int64)
    rest = k - base.sum()
    if rest:
        base[np.argsort(-(share - base), kind="stable")[:rest]] += 1
    return base
