"""Does a candidate still hold if the world is other than assumed? Robustness of a front.

The front's candidates are run over a Latin hypercube sample of the scenario's
uncertain inputs (`list --uncertain`; an input that is also a lever varied by the
search is left out: it is the planner's choice there), every candidate at every point
with the same replications' seeds. Per candidate and objective, over the points:

- `median` and `p90`: the median, and the 90th percentile on the worse side (the 10th
  for an objective maximised) of the candidate's mean at each point;
- `max_regret` and `mean_regret`: at each point, how much worse than the best of the
  candidates there (0 for the best), the largest and the mean over points;

and per candidate `satisficing`: the share of points where its mean meets every
threshold given (`--threshold`), NaN without thresholds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..core.errors import UserError
from ..scenario.scenario import Scenario
from ..scenario.uncertainty import Uncertain, overrides_for, uncertainties
from .messages_search import SearchMsg

if TYPE_CHECKING:
    from .executors import Workers
    from .search_store import EvaluationStore

# the search and its candidates (`search.PolicySearch`, `search.Candidate`), which
# import this module: named by their roles here, so the two do not import each other
PolicySearch = Any
Candidate = Any


def robustness_sample(base: Scenario, n: int,
                      exclude: set[str] = frozenset()) -> tuple[list[Uncertain], np.ndarray]:
    """The uncertain inputs (less `exclude`d paths) and `n` Latin hypercube points of them.

    Seeded by the scenario's seed (scipy's `LatinHypercube`), so the same search draws
    the same points. Returns (inputs, points x inputs in the inputs' own units).
    """
    from scipy.stats import qmc

    if n <= 0:
        return [], np.empty((0, 0))
    inputs = [u for u in uncertainties(base) if u.path not in exclude]
    if not inputs:
        raise UserError(SearchMsg.no_uncertain(n=n))
    unit = qmc.LatinHypercube(d=len(inputs), seed=base.seed % (2**32 - 1)).random(n)
    low = np.array([u.low for u in inputs])
    high = np.array([u.high for u in inputs])
    return inputs, low + unit * (high - low)


def point_overrides(search: PolicySearch, point: int) -> dict[str, Any]:
    """The scenario overrides of sample point `point` (its uncertain inputs' values)."""
    return overrides_for(search.inputs, search.sample[point])


def robust_scores(search: PolicySearch, workers: Workers, store: EvaluationStore,
                  kept: list[Candidate]) -> pd.DataFrame:
    """Run the kept candidates over the sample; one row per candidate and objective."""
    if len(search.sample) == 0 or not kept:
        return pd.DataFrame()
    reps = search.robust_replications
    for point in range(len(search.sample)):
        search.score(workers, store, kept, reps, point, point_overrides(search, point))
    return scores(search, store, kept)


def scores(search: PolicySearch, store: EvaluationStore,
           kept: list[Candidate]) -> pd.DataFrame:
    """The robustness table from the stored runs (see the module docstring)."""
    reps, points = search.robust_replications, len(search.sample)
    # [candidate, point, objective]: the mean over the replications at each point
    value = np.array([search.means(store, kept, reps, p) for p in range(points)])
    value = value.transpose(1, 0, 2)
    sense = search.senses()
    bad = value * sense  # larger is worse, whatever the objective's direction
    regret = bad - bad.min(axis=0, keepdims=True)
    meets = _satisficing(search, store, kept, reps, points)
    rows = []
    for i, c in enumerate(kept):
        for k, o in enumerate(search.objs):
            rows.append({"candidate": c.key, "objective": o.key,
                         "median": float(np.median(value[i, :, k])),
                         "p90": float(np.percentile(bad[i, :, k], 90) * sense[k]),
                         "max_regret": float(regret[i, :, k].max()),
                         "mean_regret": float(regret[i, :, k].mean()),
                         "satisficing": meets[i]})
    return pd.DataFrame(rows)


def _satisficing(search: PolicySearch, store: EvaluationStore, kept: list[Candidate],
                 reps: int, points: int) -> list[float]:
    """Per candidate: the share of points whose mean summary meets every threshold."""
    if not search.limits:
        return [float("nan")] * len(kept)
    out = []
    for c in kept:
        met = 0
        for p in range(points):
            mean = store.mean(p, c.key, reps)
            met += all(t.met(mean) for t in search.limits)
        out.append(met / points)
    return out
