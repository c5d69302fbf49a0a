"""The simulated headcount against an analytic projection of the initial roster.

With recruitment, moves and the feedbacks on exits off, the expected headcount is a
sum of survival probabilities (retirement month, exit hazard by age, PPPK renewals):
`calibration.projected_headcount`. The mean over replications must match it at every
year, within sampling error; a mistake in the timing of retirements or in the hazard
would show here (docs/VALIDATION.md, section 2).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from model.experiments.calibration import FEEDBACKS_OFF, projected_headcount
from model.experiments.experiment import run_replications
from model.scenario.loading import load_scenario
from model.simulation.model import WorkforceModel

R = 8


def test_mean_headcount_matches_the_analytic_projection():
    scenario = load_scenario("default", {**FEEDBACKS_OFF, "years": 10, "replications": R})
    projected = projected_headcount(WorkforceModel(scenario, seed=scenario.seed), 120)
    ts = pd.concat([r.timeseries for r in run_replications(scenario, quiet=True)])
    sim = ts.groupby("month")["n_active"].agg(["mean", "std"])
    for month in range(12, 121, 12):
        mean, se = sim.loc[month, "mean"], sim.loc[month, "std"] / np.sqrt(R)
        assert abs(mean / projected[month] - 1) < 0.003, (month, mean, projected[month])
        assert abs(mean - projected[month]) < 3 * se + 1, (month, mean, projected[month], se)
    assert projected[120] < 0.7 * projected[0]  # the check is not trivially flat


def test_the_projection_sees_a_retirement_a_month_late():
    """Could fail: shifting every retirement by one month moves the projection off."""
    scenario = load_scenario("default", {**FEEDBACKS_OFF, "years": 1})
    m = WorkforceModel(scenario, seed=1)
    before = projected_headcount(m, 12)
    m.employees.retire_at[:] += 1
    assert projected_headcount(m, 12)[12] > before[12] + 10
