"""Ages of a synthetic region's staff: one smooth curve, cut at each person's BUP.

Issue 22: the earlier sampler fitted weights to cells "age band x reaching the BUP
within ten years or not". The cells of staff with a BUP of 58 and of 60 start at
different ages, so the fit emptied single years (nobody with BUP 58 aged 49-50, 0.4 %
of PNS aged 50 against 4 % at 47 and 51) and the retirement flow fell off a cliff in
years 8-10. Now every person's age comes from one curve over single years of age:

- the curve is the smoothest one whose band shares are BKN's (Tobler's
  pycnophylactic interpolation: alternately average each year with its neighbours
  and rescale every band to its share, until nothing changes);
- a person's chance of an age is the curve's weight there, over the ages their BUP
  allows (at most BUP x 12 + 1 months: whoever retires on the first day of the start
  month still counts at month 0). Band shares are fitted over everyone, as BKN
  counts them, so people with an early BUP fill the years below it a little more;
- the retirement flow is not fitted: it follows from the ages and the BUPs
  (docs/VALIDATION.md section 1: why the target is a regency's reading of BKN's bands);
- draws are stratified: within each group of one BUP and one employment type, the
  people take evenly spaced quantiles of their distribution in a random order, so
  a region's single-year counts follow the curve without holes from sampling noise.

Everything is additions, multiplications and float64 sums (no BLAS): the same bits on
every CPU.
"""

from __future__ import annotations

import os

import numpy as np

from ..core import kernels

ROUNDS = 5000     # at most; BKN's four bands settle in about 420 rounds (8 ms)
SETTLED = 1e-10   # stop when no year's weight changes by more than this (relative)
# a process that draws many regions (a shard of a region of regions) fits the curve
# with the compiled rounds (`core.kernels.age_curve`, the same bits): ~16 ms of
# Python per unit kind and region otherwise; `MUTASI_COMPILED` overrides (0 never)
MANY_REGIONS = False


def compiled() -> bool:
    """Whether `age_curve` runs its rounds compiled (`MANY_REGIONS`, `MUTASI_COMPILED`)."""
    mode = os.environ.get("MUTASI_COMPILED", "auto")
    return mode == "1" or (mode != "0" and MANY_REGIONS)


def bands(shares: dict[str, float]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """'lo-hi' -> share as arrays of lows, highs (inclusive, years) and shares, by age."""
    parsed = sorted((tuple(int(v) for v in b.split("-")), s) for b, s in shares.items())
    return (np.array([b[0][0] for b in parsed]), np.array([b[0][1] for b in parsed]),
            np.array([b[1] for b in parsed], float))


def room_by_age(first_age: int, last_age: int, top: np.ndarray) -> np.ndarray:
    """Months of each single year of age (first..last) a person can be in, per BUP group.

    `top[g]` is the first age in months past group g's BUP (BUP x 12 + 2).
    """
    ages = np.arange(first_age, last_age + 1)
    return np.clip(top[:, None] - 12 * ages[None, :], 0, 12).astype(float)


def age_curve(shares: dict[str, float], top: np.ndarray, size: np.ndarray) -> np.ndarray:
    """Weight of each single year of age (first band's low to last band's high).

    `top[g]` is group g's first age in months past its BUP, `size[g]` its share of the
    people. A person of group g is aged a with a chance proportional to the weight at
    a times the months of a their BUP allows; over everyone, each band then holds its
    share. Between bands the curve is as smooth as the shares allow.
    """
    lo, hi, target = bands(shares)
    ages = np.arange(lo[0], hi[-1] + 1)
    room = room_by_age(int(lo[0]), int(hi[-1]), top)
    people = room * size[:, None]
    band = np.searchsorted(hi, ages)
    curve = (target / (hi - lo + 1))[band]
    if compiled() and ages.size <= 128:  # the same rounds, compiled (`core.kernels`)
        return kernels.age_curve(room, people, band.astype(np.int64), target, curve,
                                 ROUNDS, SETTLED)

    def rescale(curve: np.ndarray) -> np.ndarray:
        """Every band to its share over everyone (one step: the groups' totals move)."""
        reach = np.sum(room * curve, axis=1)  # each group's total weight
        got_age = np.sum(people / reach[:, None], axis=0) * curve  # not `@`: BLAS varies
        got = np.bincount(band, weights=got_age, minlength=target.size)
        curve = curve * np.where(got > 0, target / np.maximum(got, 1e-300), 1.0)[band]
        return curve / np.sum(curve)

    for round_ in range(ROUNDS):
        before = curve
        if round_:  # average with the neighbours (each end is its own outer neighbour)
            padded = np.concatenate([curve[:1], curve, curve[-1:]])
            curve = (padded[:-2] + padded[1:-1] + padded[2:]) / 3
        curve = rescale(curve)
        if round_ and np.max(np.abs(curve - before) / np.maximum(curve, 1e-300)) < SETTLED:
            break
    for _ in range(20):  # the shares exactly (the steps this leaves are below 1e-6)
        curve = rescale(curve)
    return curve


def sample_age_months(shares: dict[str, float], bup: np.ndarray, strata: np.ndarray,
                      rng: np.random.Generator) -> np.ndarray:
    """Age in months at the start of each person, from the smooth curve (see module doc).

    `bup` is each person's retirement age (years), `strata` a label (employment type)
    within which draws are stratified along with the BUP. Two uniforms per person.
    """
    n = bup.size
    groups, group = np.unique(bup, return_inverse=True)
    top = groups * 12 + 2
    size = np.bincount(group, minlength=groups.size) / n
    lo, hi, _ = bands(shares)
    curve = age_curve(shares, top, size)
    months = np.arange(lo[0] * 12, (hi[-1] + 1) * 12)
    weight = np.repeat(curve, 12)
    order, jitter = rng.random(n), rng.random(n)
    out = np.empty(n, np.int64)
    cell = group * (int(strata.max(initial=0)) + 1) + strata
    for c in np.unique(cell):
        rows = np.flatnonzero(cell == c)
        w = np.where(months < top[group[rows[0]]], weight, 0.0)
        cdf = np.cumsum(w / np.sum(w))
        rank = np.argsort(np.argsort(order[rows], kind="stable"), kind="stable")
        u = (rank + jitter[rows]) / rows.size
        pick = np.minimum(np.searchsorted(cdf, u, side="right"), months.size - 1)
        out[rows] = months[pick]
    return out
