"""Allocating k people over places: exact one-by-one greedy and proportional shares."""

from __future__ import annotations

import numpy as np


def place_most_understaffed(gap: np.ndarray, k: int) -> np.ndarray:
    """Counts per candidate unit from giving k recruits one by one to the largest gap.

    Each unit offers "slots" worth gap, gap - 1, gap - 2, ...; the one-by-one greedy
    takes the k best slots. A bisection finds the level L with fewer than k slots
    above it and at least k above L - 1e-9; every unit takes its slots above L and the
    remaining recruits go to the units whose next slot is highest (all within
    (L - 1e-9, L]). Exact, O(units) memory, whatever k.
    """
    m = gap.size
    if k <= 0 or m == 0:
        return np.zeros(m, np.int64)

    def slots_above(level: float) -> float:
        return np.ceil(np.clip(gap - level, 0, None)).sum()

    lo, hi = gap.max() - k - 1.0, gap.max()  # slots_above(lo) >= k > slots_above(hi)
    while hi - lo > 1e-9 * max(1.0, abs(hi)):
        mid = 0.5 * (lo + hi)
        if slots_above(mid) >= k:
            lo = mid
        else:
            hi = mid
    counts = np.ceil(np.clip(gap - hi, 0, None)).astype(np.int64)
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
