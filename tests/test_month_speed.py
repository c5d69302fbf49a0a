"""The month's shortcuts give exactly what the direct formulas give (issue 24)."""

from __future__ import annotations

import numpy as np

from model.core import exactmath
from model.core.state import MonthSchedule
from model.processes.decay import DecayTable


def direct(t: np.ndarray, tau: np.ndarray) -> np.ndarray:
    """The adaptation factor's exponential as the month computed it before the table."""
    return exactmath.exp(-t.astype(np.float64) / tau)


def test_decay_table_gives_the_bits_of_the_formula():
    rng = np.random.default_rng(3)
    table = DecayTable()
    taus = np.array([3.0, 4.5, 6.0, 7.2, 9.9], np.float32) * np.float32(1.1)
    for month in range(40):  # new tau values and longer times appear as months pass
        n = 200 + month
        tau = rng.choice(taus[: 1 + month // 10], n)
        t = rng.integers(0, 5 + 4 * month, n)
        got = table.factors(t, tau)
        assert got.dtype == np.float64
        assert np.array_equal(got, direct(t, tau))
    assert table.taus.size == taus[:4].size


def test_decay_table_takes_the_formula_for_unusual_inputs():
    table = DecayTable()
    t = np.array([-2, 0, 3])
    tau = np.array([2.0, 2.0, 2.0], np.float32)
    assert np.array_equal(table.factors(t, tau), direct(t, tau))  # a negative time
    tau = np.array([0.0, 2.0, 2.0], np.float32)
    with np.errstate(divide="ignore", invalid="ignore"):
        assert np.array_equal(table.factors(np.array([1, 0, 3]), tau),
                              direct(np.array([1, 0, 3]), tau), equal_nan=True)
    assert table.factors(np.empty(0, np.int64), np.empty(0, np.float32)).size == 0


def test_month_schedule_pops_each_row_once_when_asked():
    cal = MonthSchedule()
    cal.add(np.arange(100), np.full(100, 5))
    cal.add(np.array([7, 3, 7]), np.array([5, 4, 6]))
    assert cal.pop(5, unique=True).tolist() == list(range(100))
    assert cal.pop(6).tolist() == [7]


def test_month_schedule_groups_small_and_large_batches_alike():
    rng = np.random.default_rng(1)
    months = rng.integers(0, 30, 1000)
    small, large = MonthSchedule(), MonthSchedule()
    for start in range(0, 1000, 50):  # batches under the grouping threshold
        small.add(np.arange(start, start + 50), months[start:start + 50])
    large.add(np.arange(1000), months)
    for month in range(30):
        assert np.array_equal(small.pop(month), large.pop(month))


def test_agent_views_follow_the_staff_when_read():
    """The month does not maintain the Mesa views; reading them brings them up to date:
    leavers lose their view, recruits get one, the others keep theirs."""
    from model.simulation.agents import Employee
    from model.simulation.model import WorkforceModel

    m = WorkforceModel(**{"region.target_staff": 1500, "years": 2, "agent_views": "eager"})
    first = {a.row: a for a in m.agents_by_type[Employee]}
    assert sorted(first) == np.flatnonzero(m.employees.active).tolist()
    m.run()
    now = {a.row: a for a in m.agents_by_type[Employee]}
    E = m.employees
    assert sorted(now) == np.flatnonzero(E.active).tolist()
    left = [r for r in first if not E.active[r]]
    recruits = [r for r in now if r not in first]
    assert left and recruits
    assert all(now[r] is first[r] for r in first if E.active[r])  # the same objects
    assert not {first[r].unique_id for r in left} & {a.unique_id for a in m.agents}


def test_decay_table_with_many_distinct_taus():
    rng = np.random.default_rng(5)
    table = DecayTable()
    taus = (rng.uniform(2, 30, 60)).astype(np.float32)
    for size in (5, 20, 60):  # comparisons up to 16 values, a binary search beyond
        tau = rng.choice(taus[:size], 500)
        t = rng.integers(0, 90, 500).astype(np.int32)
        assert np.array_equal(table.factors(t, tau), direct(t, tau))


def test_staff_counts_kept_by_the_verbs_equal_a_recount_every_month():
    """`world.staff_cell` and `world.n_pppk` are kept by leave, hired and move: after
    every month, under every built-in policy (moves, hires, exits, promotions), they
    equal a count over the employee table."""
    from model.policies.registry import POLICIES
    from model.simulation.model import WorkforceModel

    for policy in POLICIES:
        m = WorkforceModel(policy=policy, record_units=False,
                           **{"region.target_staff": 1200, "years": 2, "seed": 4})
        while m.running:
            m.step()
            E, w = m.employees, m.world
            assert np.array_equal(w.staff_cell, np.bincount(
                E.cell[E.active], minlength=m.units.demand.size)), (policy, m.month)
            assert w.n_pppk == np.count_nonzero(E.active & (E.employment == 1))
        assert m.current["new_moves"] >= 0 and m.transfer_log.frame(m.world).shape[0] > 0


def test_best_unit_per_group_and_role_is_the_largest_deficit_then_lowest_id():
    """Own requests' destinations: per (group, role), among units with need, the unit
    with the largest deficit, ties to the lowest id (-1 where no unit has need);
    checked against a plain loop on random cases with many ties."""
    from types import SimpleNamespace

    from model.processes.requests import _best_by_group

    rng = np.random.default_rng(0)
    for _ in range(200):
        n_units, n_roles, n_groups = rng.integers(1, 40), rng.integers(1, 5), rng.integers(1, 6)
        req = np.where(rng.random((n_units, n_roles)) < 0.6,
                       rng.integers(0, 3, (n_units, n_roles)).astype(float), 0.0)
        cap = rng.integers(0, 3, (n_units, n_roles)).astype(float)
        group = rng.integers(0, n_groups, n_units)
        got = _best_by_group(SimpleNamespace(required_fte=req, capacity_fte=cap), group,
                             n_groups + 1)
        for g in range(n_groups + 1):
            for r in range(n_roles):
                units = [u for u in range(n_units) if group[u] == g and req[u, r] > 0]
                want = (max(units, key=lambda u: (req[u, r] - cap[u, r], -u))
                        if units else -1)
                assert got[g, r] == want


def test_the_adaptation_copies_follow_the_employee_table():
    """The adapting set's start month, D and tau row (kept beside the set) equal the
    employee columns every month, with monitoring (which changes D and tau) and moves of
    people still adapting; results match the formula (fingerprints cover the default)."""
    from model.simulation.model import WorkforceModel

    m = WorkforceModel(policy="rotation", record_units=False,
                       **{"region.target_staff": 1500, "years": 3, "seed": 2,
                          "interventions.monitoring.enabled": True,
                          "interventions.training.enabled": True})
    trained = 0
    while m.running:
        m.step()
        a, E = m.adaptation, m.employees
        rows = a.adapting
        assert np.all(rows[1:] > rows[:-1])
        assert np.array_equal(a._start, E.moved_at[rows])
        assert np.array_equal(a._d, E.adapt_d[rows])
        assert np.array_equal(a.decay.taus[a._tau_row], E.adapt_tau[rows])
        trained += m.current["new_trainings"]
    assert trained > 0


def test_starting_nobody_changes_nothing():
    from model.simulation.model import WorkforceModel

    m = WorkforceModel(record_units=False, **{"region.target_staff": 800, "years": 1})
    before = m.adaptation.adapting.copy()
    none = np.empty(0, np.int64)
    m.adaptation.start(m.world, none, np.empty(0, np.float32), np.empty(0, np.float32))
    assert np.array_equal(m.adaptation.adapting, before)
