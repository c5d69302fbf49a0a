"""The EMA Workbench adapter: a small LHS experiment through a real ReplicatorModel."""

from __future__ import annotations

import numpy as np
import pytest

from model.scenario.loading import load_scenario
from model.simulation.metrics import METRICS

SMALL = {"region.target_staff": 1500, "years": 1}


@pytest.fixture(scope="module", autouse=True)
def _workbench():
    """Skip without the EMA Workbench. The tests import it themselves: it takes seconds,
    and every pytest worker imports each test module to collect the suite."""
    pytest.importorskip("ema_workbench")


def test_declarations_become_uncertainties_levers_and_outcomes():
    from model.ema import CAP_LEVER, POLICY_LEVER, workforce_model

    m = workforce_model(load_scenario("salor", SMALL), replications=2)
    names = [p.name for p in m.uncertainties] + [p.name for p in m.levers]
    assert all(n.isidentifier() for n in names)
    assert POLICY_LEVER in names and "policy" not in names  # EMA's own column
    assert "demand__growth_by_agency__health" in names
    # a number is the planner's lever or an uncertainty, not both
    assert "replacement_rate" not in [p.name for p in m.levers]
    cap = next(p for p in m.levers if p.name == CAP_LEVER)
    assert [c.value for c in cap.categories][0] is None  # "no cap"
    assert {o.name for o in m.outcomes} == set(METRICS)
    assert len({r["seed"] for r in m.replications}) == 2


def test_small_lhs_experiment_runs_through_the_workbench():
    from ema_workbench import SequentialEvaluator
    from ema_workbench.em_framework.points import Sample

    from model.ema import CAP_LEVER, POLICY_LEVER, workforce_model

    m = workforce_model(load_scenario("salor", SMALL), replications=2,
                        params=["demography.exit_hazard_scale", "adaptation.d_scale"],
                        outcomes=["p_unmet", "new_moves", "mean_morale"])
    policies = [Sample("status_quo", **{POLICY_LEVER: "none", CAP_LEVER: None}),
                Sample("balancing_capped", **{POLICY_LEVER: "balancing", CAP_LEVER: 50})]
    with SequentialEvaluator(m) as ev:
        experiments, outcomes = ev.perform_experiments(
            scenarios=3, policies=policies, uncertainty_sampling_kwargs={"rng": 7},
            log_progress=True)
    assert len(experiments) == 6
    lo, hi = 0.5, 2.0
    assert experiments["demography__exit_hazard_scale"].between(lo, hi).all()
    for key in ("p_unmet", "new_moves", "mean_morale"):
        assert outcomes[key].shape == (6,) and np.isfinite(outcomes[key]).all()
    moves = outcomes["new_moves"]
    sq = (experiments["policy"] == "status_quo").to_numpy()
    assert moves[~sq].mean() > moves[sq].mean()  # the policy moves people
    assert moves[~sq].max() <= 50  # ... within its cap of 50 a year


def test_the_function_is_deterministic_and_picklable():
    import pickle

    from model.ema import MutasiFunction, workforce_model

    m = workforce_model(load_scenario("salor", SMALL), replications=1, levers=False,
                        params=["adaptation.d_scale", "adaptation.tau_scale"])
    fn = pickle.loads(pickle.dumps(m.function))
    assert isinstance(fn, MutasiFunction)
    a = fn(seed=11, adaptation__d_scale=1.2, adaptation__tau_scale=0.8)
    b = m.function(seed=11, adaptation__d_scale=1.2, adaptation__tau_scale=0.8)
    assert a == b and a["p_unmet"] > 0
