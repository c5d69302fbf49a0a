"""Statistics over replications: per-run summaries, t-intervals, paired differences.

One home for the numbers that `summary.csv`, the console tables and the figures show:
a metric is summarised per replication as METRICS says (value at the horizon, total
or monthly mean); across replications, the mean with its 95% t-interval; against a
baseline policy, the paired difference (replication r of every policy shares its
seed) with its interval and the share of replications in which the policy is better.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.exactmath import t_quantile
from ..core.measures import ej
from ..simulation.metrics import COST_METRICS, METRICS


def run_summary(ts: pd.DataFrame) -> dict[str, float]:
    """One run's metrics summarised as METRICS says: value at the horizon, total or mean.

    `ts` is the run's monthly time series (month 0 is the start and is left out); the
    numbers are those `per_replication` gives for the run among others.
    """
    one = per_replication(ts.assign(policy="", replication=0)).iloc[0]
    return {key: float(one[key]) for key in METRICS}


def per_replication(ts: pd.DataFrame) -> pd.DataFrame:
    """Each metric summarised per policy and replication as METRICS says (last/sum/mean).

    The same numbers as `run_summary` of each run, computed for all runs at once.
    """
    body = ts[ts["month"] > 0]
    # each run's rows together, in month order, runs in the order they first appear
    run = body.groupby(["policy", "replication"], sort=False).ngroup()
    body = body.assign(_run=run.to_numpy()).sort_values(["_run", "month"], kind="stable")
    groups = body.groupby(["policy", "replication"], sort=False)
    parts = {how: [k for k, m in METRICS.items() if m.summary == how]
             for how in ("last", "sum", "mean")}
    out = pd.concat([groups[keys].last() if how == "last" else
                     groups[keys].sum() if how == "sum" else groups[keys].mean()
                     for how, keys in parts.items() if keys], axis=1)
    return out[list(METRICS)].reset_index()


# a unit's place: what the EJ box plots group by (one agency and one area type a unit)
UNIT_KEYS = ["policy", "replication", "month", "agency", "area_type", "unit_id"]
# who proposed a move, why, and what became of it: what the transfer tables count
TALLY_KEYS = ["run_policy", "policy", "reason", "outcome"]


def unit_totals(units: pd.DataFrame) -> pd.DataFrame:
    """Each unit's need and staff (its roles summed), per run and month of the needs map.

    Summing a table already summed gives it back unchanged. A key the table lacks
    (e.g. the area type, when only the agencies are drawn) is left out.
    """
    keys = [k for k in UNIT_KEYS if k in units]
    return units.groupby(keys, sort=False, observed=True)[
        ["required_fte", "staff"]].sum().reset_index()


def unit_loads(units: pd.DataFrame) -> pd.DataFrame:
    """Each unit's EJ (need / staff, `core.measures.ej`) where it has need, per run and month.

    What the EJ box plots draw: the unit's place (`UNIT_KEYS` but the run's replication
    and the unit's id) and its `load`. From the needs map, or its `unit_totals`; a table
    of loads already is returned as it is (a run sends the loads of its first and last
    months, `experiments.experiment.run_one`, so the folder's writer keeps only these).
    """
    if "load" in units:
        return units
    per_unit = unit_totals(units)
    per_unit = per_unit[per_unit["required_fte"] > 0]
    keep = [k for k in UNIT_KEYS if k in per_unit and k not in ("replication", "unit_id")]
    return per_unit[keep].assign(load=ej(per_unit["required_fte"], per_unit["staff"])
                                 ).reset_index(drop=True)


def tally_transfers(transfers: pd.DataFrame) -> pd.DataFrame:
    """The transfer log counted: proposals (`count`) and their cost per `TALLY_KEYS`.

    Keys in the order they first appear. Tallies of several runs, concatenated in
    order, are tallied again by `combine_tallies`; the console's and the report's
    transfer tables read a tally or the log alike (`reporting.tables.per_run_counts`).
    """
    if "count" not in transfers:
        transfers = transfers.assign(count=1)
    return transfers.groupby(TALLY_KEYS, sort=False, dropna=False).agg(
        count=("count", "sum"), cost_idr=("cost_idr", "sum")).reset_index()


def combine_tallies(tallies: list[pd.DataFrame]) -> pd.DataFrame:
    """One tally of several runs' tallies (`tally_transfers`), keys in order of first use."""
    return tally_transfers(pd.concat(tallies, ignore_index=True))


def mean_ci(values: np.ndarray, level: float = 0.95) -> tuple[float, float, float, float]:
    """Mean, t-interval bounds and standard deviation (NaN bounds for fewer than 2 runs)."""
    values = np.asarray(values, float)
    n = values.size
    mean = float(values.mean())
    if n < 2:
        return mean, float("nan"), float("nan"), float("nan")
    sd = float(values.std(ddof=1))
    half = float(t_quantile(level, n - 1) * sd / np.sqrt(n))
    return mean, mean - half, mean + half, sd


def total_cost(summary: pd.DataFrame) -> pd.Series:
    """Mean total cost (IDR, every cost metric) per policy of a `summarise` table."""
    costs = summary[summary["metric"].isin(COST_METRICS)]
    return costs.groupby("policy", sort=False)["mean"].sum()


def summarise(ts: pd.DataFrame, baseline: str | None = None) -> pd.DataFrame:
    """summary.csv: per policy and metric, mean and 95% interval over replications.

    With a `baseline` policy, also the paired difference against it (replication r of
    every policy shares its seed, so the difference is the policy's effect, not noise)
    with its 95% interval, and `p_better`: the share of replications in which the
    policy beats the baseline in the metric's better direction (ties count half).
    The t-interval's lower bound of a metric is clipped at 0: every metric is a count,
    a share, a ratio or a cost and cannot be negative (differences are not clipped).
    """
    reps = per_replication(ts)
    base = reps[reps["policy"] == baseline].set_index("replication") if baseline else None
    rows = []
    for policy, g in reps.groupby("policy", sort=False):
        g = g.set_index("replication")
        for key, m in METRICS.items():
            mean, lo, hi, sd = mean_ci(g[key].to_numpy())
            lo = max(lo, 0.0) if lo == lo else lo
            row = {
                "policy": policy, "metric": key, "label_id": m.label_id,
                "label_en": m.label_en, "unit": m.unit, "statistic": m.summary,
                "better": m.better, "mean": mean, "ci_low": lo, "ci_high": hi, "sd": sd,
                "n_replications": len(g),
            }
            if base is not None:
                paired = g[key].sub(base[key]).dropna()
                d_mean, d_lo, d_hi, _ = mean_ci(paired.to_numpy()) if len(paired) else (
                    float("nan"),) * 4
                sign = {"up": 1.0, "down": -1.0}.get(m.better, 0.0)
                p_better = float("nan") if not sign or not len(paired) or policy == baseline \
                    else float(((sign * paired > 0) + 0.5 * (paired == 0)).mean())
                row |= {"baseline": baseline, "diff_mean": d_mean, "diff_ci_low": d_lo,
                        "diff_ci_high": d_hi, "p_better": p_better}
            rows.append(row)
    return pd.DataFrame(rows)


def band(wide: pd.DataFrame, level: float = 0.95) -> tuple[pd.Series, pd.Series | None]:
    """Mean over the columns (replications) of each row, and the t-interval half-width.

    The half-width is None with fewer than two replications.
    """
    mean = wide.mean(axis=1)
    n = wide.shape[1]
    if n < 2:
        return mean, None
    return mean, t_quantile(level, n - 1) * wide.std(axis=1, ddof=1) / np.sqrt(n)
