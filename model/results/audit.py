"""The merit and fairness audit of a results folder: `audit.csv`, from each run's tallies.

Each run returns its `FairnessTally` as a small long table (`run_audit`: dimension,
group, and the counts of `processes.fairness.MEASURES`). `audit_table` turns the runs
of each policy into one row per group: its share of the staff, its rates (moved, into
a hard area, forced, objected: per person at the rounds with planned moves), its
moved-again share and mean distance from home of the moves, and each rate's ratio to
the whole staff's with a 95 % t-interval over replications. A group is flagged for a
rate when the whole interval lies beyond the four-fifths band (`mutation.audit`:
below `low_ratio` or above `high_ratio` of the whole staff's rate), the group holds
at least `min_group_share` of the staff and would have had `MIN_EXPECTED` such moves
a replication at the whole staff's rate; the punishment-transfer signal is a flag on
the hard-area rate of the lowest performance quartile, above the band.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..core.vocab import AREA_TYPES
from ..processes.fairness import DIMENSIONS, MEASURES, RATES, FairnessTally, rate_ratio
from .analysis import mean_ci

RATIO_COLUMNS = tuple(f"ratio_{r}" for r in RATES)


def group_keys(tally: FairnessTally, families: list[str]) -> dict[str, list[str]]:
    """The name of each group of each dimension (codes, not words: reporting names them)."""
    def bands(edges, unit: str = "") -> list[str]:
        e = [f"{x:g}" for x in edges]
        inner = [f"{a}-{b}{unit}" for a, b in zip(e[:-1], e[1:], strict=True)]
        return [f"<{e[0]}{unit}", *inner, f"{e[-1]}+{unit}"]

    ages = [int(a) for a in tally.age_edges]  # whole years: 30-39, not 30-40
    age = [f"<{ages[0]}", *(f"{a}-{b - 1}" for a, b in zip(ages[:-1], ages[1:], strict=True)),
           f"{ages[-1]}+"]
    return {"sex": ["male", "female"], "age": age,
            "employment": ["PNS", "PPPK"], "family": list(families),
            "home_km": bands(tally.km_edges, " km"),
            "performance": [f"q{i + 1}" for i in range(tally.perf_edges.size + 1)],
            "area": list(AREA_TYPES)}


def run_audit(tally: FairnessTally, families: list[str]) -> pd.DataFrame:
    """One run's tallies: a row per (dimension, group) with each measure's count."""
    keys = group_keys(tally, families)
    rows = []
    for d in DIMENSIONS:
        table = tally.counts[d]
        for g, key in enumerate(keys[d]):
            rows.append({"dimension": d, "group": key,
                         **{m: float(table[i, g]) for i, m in enumerate(MEASURES)}})
    return pd.DataFrame(rows)


MIN_EXPECTED = 5.0  # moves a group would have at the whole staff's rate, before a flag


def _tallies(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """A run's counts [measure, group] and the whole staff's (one dimension summed)."""
    counts = frame[list(MEASURES)].to_numpy(float).T
    return counts, counts[:, (frame["dimension"] == DIMENSIONS[0]).to_numpy()].sum(axis=1)


def _ratios(frame: pd.DataFrame, counts: np.ndarray, whole: np.ndarray,
            measure: int) -> np.ndarray:
    """Each group's rate of `measure` over the whole staff's, dimension by dimension."""
    return np.concatenate([rate_ratio(counts[:, (frame["dimension"] == d).to_numpy()],
                                      whole, measure) for d in DIMENSIONS])


def audit_table(runs: list[tuple[str, int, pd.DataFrame]], params: Any) -> pd.DataFrame:
    """`audit.csv`: per policy and group, rates, ratios with intervals, and flags.

    A policy that planned no move in any run (the status quo) has no rows. `runs`
    holds (policy, replication, `run_audit` frame); `params` is the scenario's
    `mutation.audit`.
    """
    out = []
    by_policy: dict[str, list[pd.DataFrame]] = {}
    for policy, _, frame in runs:
        by_policy.setdefault(policy, []).append(frame)
    for policy, frames in by_policy.items():
        if not any(f["staff"].sum() > 0 for f in frames):
            continue  # no planned moves in any round (the status quo): nobody to audit
        ratios = {r: [] for r in RATES}
        expected = {r: [] for r in RATES}  # at the whole staff's rate, per replication
        shares, rates = [], {m: [] for m in (*RATES, "repeat", "home_km")}
        for f in frames:
            counts, whole = _tallies(f)
            for r in RATES:
                ratios[r].append(_ratios(f, counts, whole, MEASURES.index(r)))
            staff, moved = counts[0], counts[MEASURES.index("moved")]
            shares.append(staff / whole[0] if whole[0] > 0 else np.zeros(staff.size))
            for r in RATES:
                expected[r].append(staff * (whole[MEASURES.index(r)] / whole[0])
                                   if whole[0] > 0 else np.zeros(staff.size))
            with np.errstate(divide="ignore", invalid="ignore"):
                for r in RATES:
                    rates[r].append(np.where(staff > 0, counts[MEASURES.index(r)] / staff, 0.0))
                rates["repeat"].append(np.where(moved > 0, counts[MEASURES.index("repeat")]
                                                / moved, np.nan))
                rates["home_km"].append(np.where(moved > 0, counts[MEASURES.index("home_km")]
                                                 / moved, np.nan))
        first = frames[0]
        share = np.mean(shares, axis=0)
        for g in range(len(first)):
            row: dict[str, Any] = {"policy": policy, "dimension": first["dimension"].iat[g],
                                   "group": first["group"].iat[g],
                                   "replications": len(frames), "staff_share": share[g]}
            for r in RATES:
                row[f"rate_{r}"] = float(np.mean([x[g] for x in rates[r]]))
            for m in ("repeat", "home_km"):
                values = np.array([x[g] for x in rates[m]])
                row[f"{'share_repeat' if m == 'repeat' else 'mean_home_km'}"] = (
                    float(np.nanmean(values)) if np.isfinite(values).any() else np.nan)
            flags = []
            for r in RATES:
                mean, lo, hi, _ = mean_ci(np.array([x[g] for x in ratios[r]]))
                lo = max(lo, 0.0) if lo == lo else lo  # a ratio of rates is never negative
                row |= {f"ratio_{r}": mean, f"ratio_{r}_low": lo, f"ratio_{r}_high": hi}
                # a share of the staff, and enough moves for a rate: no flag from 0 of 1
                big = share[g] >= params.min_group_share and float(np.mean(
                    [x[g] for x in expected[r]])) >= MIN_EXPECTED
                if big and lo == lo and (lo > params.high_ratio or hi < params.low_ratio):
                    flags.append(r)
            row["flagged"] = ",".join(flags)
            out.append(row)
    table = pd.DataFrame(out)
    if len(table):  # the lowest quartile sent to hard areas beyond the band: a flag on it
        table["punishment_signal"] = ((table["dimension"] == "performance")
                                      & (table["group"] == "q1")
                                      & table["flagged"].str.contains("hard")
                                      & (table["ratio_hard_low"] > params.high_ratio))
    return table


def plan_table(frame: pd.DataFrame, params: Any, min_expected: float = 5.0) -> pd.DataFrame:
    """One round's audit (a draft plan: every passing move counted as carried out).

    The ratios are the plan's own, not estimates, so there is no interval: a group is
    flagged for a rate beyond the four-fifths band when it holds at least
    `min_group_share` of the staff and would have had at least `min_expected` moves at
    the whole staff's rate (so that one or two people do not make a flag).
    """
    if frame["staff"].sum() <= 0:
        return pd.DataFrame()
    counts, whole = _tallies(frame)
    staff, moved = counts[0], counts[MEASURES.index("moved")]
    out = frame[["dimension", "group"]].copy()
    out.insert(0, "policy", "plan")
    out["staff_share"] = staff / whole[0]
    flags: list[list[str]] = [[] for _ in range(len(frame))]
    with np.errstate(divide="ignore", invalid="ignore"):
        for r in RATES:
            i = MEASURES.index(r)
            out[f"rate_{r}"] = np.where(staff > 0, counts[i] / staff, 0.0)
            ratio = _ratios(frame, counts, whole, i)
            out[f"ratio_{r}"] = ratio
            expected = staff * (whole[i] / whole[0])
            beyond = (ratio > params.high_ratio) | (ratio < params.low_ratio)
            big = (out["staff_share"] >= params.min_group_share) & (expected >= min_expected)
            for g in np.flatnonzero(beyond & big.to_numpy()):
                flags[g].append(r)
        out["share_repeat"] = np.where(moved > 0, counts[MEASURES.index("repeat")] / moved,
                                       np.nan)
        out["mean_home_km"] = np.where(moved > 0, counts[MEASURES.index("home_km")] / moved,
                                       np.nan)
    out["flagged"] = [",".join(f) for f in flags]
    out["punishment_signal"] = ((out["dimension"] == "performance") & (out["group"] == "q1")
                                & out["flagged"].str.contains("hard")
                                & (out["ratio_hard"] > params.high_ratio))
    return out.reset_index(drop=True)
