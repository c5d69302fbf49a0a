"""Unit tests of each process on tiny hand-made states."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import tiny_scenario
from hypothesis import given, settings
from hypothesis import strategies as st

from model import WorkforceModel
from model.core.allocation import place_most_understaffed, place_proportional
from model.core.rng import RandomStreams
from model.core.state import EmployeeTable
from model.core.vocab import AREA_TYPES, DEFAULT_VOCABULARY, EXIT_CODE, ExitReason
from model.processes import adaptation, workload
from model.processes.demography import monthly_hazard_by_age
from model.scenario.demography import DemographyParams

OCC_INDEX = DEFAULT_VOCABULARY.occ_index


def begin(model: WorkforceModel) -> None:
    """Advance the clock by one month without running the processes."""
    model.world.begin_month()


# ------------------------------------------------------------------ state and rng
def test_employee_table_append_grows_and_keeps_rows():
    E = EmployeeTable(3, 6, capacity=3)
    E.birth[:] = [1, 2, 3]
    E.competence[:, 0] = [0.1, 0.2, 0.3]
    new = E.append(5)
    assert (new.start, new.stop) == (3, 8)
    assert E.n == 8 and E.capacity >= 8
    assert E.birth[:3].tolist() == [1, 2, 3]
    assert E.competence[:3, 0].tolist() == pytest.approx([0.1, 0.2, 0.3])
    assert not E.active[3:].any() and (E.exit_at[3:] == -1).all()


def test_employee_table_views_follow_appends_and_the_table_pickles_without_them():
    """A column read is kept as a view until rows are added: after `append` a read sees
    the new rows and the grown columns (the same order, the fill values); a pickled table
    holds its columns only."""
    import pickle

    E = EmployeeTable(4, 2, capacity=4)
    morale, birth = E.morale, E.birth
    assert E.morale is morale and morale.base is not None  # kept, a view of the column
    birth[:] = [5, 6, 7, 8]
    columns = E.columns
    E.append(3)  # grows: every column replaced
    assert E.morale is not morale and E.morale.size == 7 and E.birth.size == 7
    assert E.birth.tolist() == [5, 6, 7, 8, 0, 0, 0] and (E.morale == 1.0).all()
    assert E.columns == columns and E.competence.shape == (7, 2)
    E.morale[0] = 0.25  # writes reach the column
    assert E._data["morale"][0] == np.float32(0.25)
    copy = pickle.loads(pickle.dumps(E))
    assert set(vars(copy)) == {"n", "_data"} and copy.birth.tolist() == E.birth.tolist()


def test_month_schedule_pops_what_was_added():
    from model.core.state import MonthSchedule

    s = MonthSchedule()
    s.add(np.array([5, 1, 9]), np.array([30, 20, 30]))
    s.add(np.array([2]), np.array([30]))
    assert s.earliest() == 20
    assert s.pop(19).size == 0
    assert s.pop(20).tolist() == [1]
    assert s.pop(40).tolist() == [2, 5, 9]  # overdue dates are returned, never left behind
    assert s.pop(40).size == 0 and s.earliest() is None


def test_streams_are_named_and_prefix_stable():
    s = RandomStreams(5)
    a = s.uniform("demography", 3, 10)
    b = s.uniform("demography", 3, 1000)
    assert np.array_equal(a, b[:10])  # row i draws the same number however many rows
    assert not np.array_equal(a, s.uniform("demography", 4, 10))
    assert not np.array_equal(a, s.uniform("demand", 3, 10))
    assert np.array_equal(a, RandomStreams(5).uniform("demography", 3, 10))


# ------------------------------------------------------------------ demography
def test_hazard_table_from_annual_rates():
    p = DemographyParams(exit_rate_by_age={20: 0.12, 40: 0.0})
    table = monthly_hazard_by_age(p)
    assert table[19] == 0
    assert 1 - (1 - table[30]) ** 12 == pytest.approx(0.12)
    assert table[40] == 0 and table[80] == 0
    doubled = monthly_hazard_by_age(p.model_copy(update={"exit_hazard_scale": 2.0}))
    assert 1 - (1 - doubled[30]) ** 12 == pytest.approx(0.24)
    capped = monthly_hazard_by_age(p.model_copy(update={"exit_hazard_scale": 10.0}))
    assert 1 - (1 - capped[30]) ** 12 == pytest.approx(0.99)


def test_overdue_retirements_are_not_left_behind(tiny_model):
    m = tiny_model
    E = m.employees
    begin(m)
    E.retire_at[3] = m.now - 5  # a date set in the past (e.g. a late correction)
    m.world.retirements.add(np.array([3]), E.retire_at[3:4])
    m.demography.retire(m.world)
    assert not E.active[3]


def test_first_months_have_their_share_of_retirements():
    m = WorkforceModel(rng=3)
    m.run()
    r = m.timeseries()["new_retirements"].iloc[1:25]
    assert r.iloc[0] > 0.5 * r.mean() and r.iloc[1] > 0.5 * r.mean()


def test_retirement_in_first_month_after_bup(tiny_model):
    m = tiny_model
    E = m.employees
    begin(m)
    E.retire_at[0] = m.now  # due this month
    E.retire_at[1] = m.now + 1  # due next month
    m.world.retirements.add(np.array([0, 1]), E.retire_at[:2])
    n = m.demography.retire(m.world)
    assert n == 1
    assert not E.active[0] and E.active[1]
    assert E.exit_reason[0] == EXIT_CODE[ExitReason.retirement]
    assert E.exit_at[0] == m.now and E.prod[0] == 0 and E.fit[0] == 0


def test_exit_hazard_rises_with_overload_and_low_morale(tiny_model):
    m = tiny_model
    E = m.employees
    rows = np.array([0, 1])
    E.birth[rows] = m.now - 40 * 12
    E.morale[rows] = 1.0
    m.workload.overload_cell[:] = 0.0
    base = m.demography.exit_hazard(m.world, rows)
    assert base[0] == pytest.approx(m.demography.hazard_by_age[40])
    m.workload.overload_cell[E.cell[0]] = 0.5
    assert m.demography.exit_hazard(m.world, rows)[0] > base[0]
    m.workload.overload_cell[:] = 0.0
    E.morale[1] = 0.2
    assert m.demography.exit_hazard(m.world, rows)[1] > base[1]


def test_exits_follow_the_hazard(tiny_model):
    m = tiny_model
    begin(m)
    n = m.employees.n
    m.demography.hazard_by_age[:] = 0.0
    assert m.demography.exit_(m.world, m.streams.uniform("demography", m.month, n)) == 0
    m.demography.hazard_by_age[:] = 1.0
    assert m.demography.exit_(m.world, m.streams.uniform("demography", m.month, n)) == n
    assert not m.employees.active.any()


@pytest.mark.parametrize("renew_prob, renewed", [(1.0, True), (0.0, False)])
def test_pppk_contracts_renew_or_end(renew_prob, renewed):
    m = WorkforceModel(tiny_scenario(demography={"pppk_renewal_prob": renew_prob}))
    E = m.employees
    begin(m)
    E.employment[:3] = 1
    E.contract_end[:3] = m.now
    E.retire_at[:3] = m.now + 1000
    m.world.contract_ends.add(np.arange(3), E.contract_end[:3])
    ended, n_renewed = m.demography.contracts(m.world, np.full(E.n, 0.5, np.float32))
    assert (n_renewed, ended) == ((3, 0) if renewed else (0, 3))
    if renewed:
        assert (E.contract_end[:3] == m.now + 5 * 12).all() and E.active[:3].all()
    else:
        assert not E.active[:3].any()
        assert (E.exit_reason[:3] == EXIT_CODE[ExitReason.contract_end]).all()


def test_morale_moves_toward_target(tiny_model):
    m = tiny_model
    E = m.employees
    p = m.params.demography
    E.morale[:] = 1.0
    m.workload.overload_cell[:] = 1.0
    m.demography.morale(m.world)
    target = 1 - p.overload_morale_effect
    assert E.morale[0] == pytest.approx(1 + p.morale_recovery * (target - 1), rel=1e-5)
    for _ in range(400):
        m.demography.morale(m.world)
    assert E.morale[0] == pytest.approx(target, abs=1e-3)


# ------------------------------------------------------------------ demand
def test_trend_compounds_to_the_yearly_rate():
    m = WorkforceModel(tiny_scenario(demand={"shock_rate": 0,
                                             "trend_per_year": {"teacher_primary": -0.1}}))
    before = m.units.demand.copy()
    for _ in range(12):
        begin(m)
        m.demand.step(m.world)
    col = OCC_INDEX["teacher_primary"]
    assert m.units.demand[:, col] == pytest.approx(before[:, col] * 0.9)
    nurse = OCC_INDEX["nurse"]
    assert m.units.demand[:, nurse] == pytest.approx(before[:, nurse])


def test_demand_event_hits_only_its_kind_and_role():
    m = WorkforceModel(tiny_scenario(demand={"shock_rate": 0, "events": [
        {"month": 1, "factor": 2.0, "unit_kind": "clinic", "role": "nurse"}]}))
    before = m.units.demand.copy()
    begin(m)
    m.demand.step(m.world)
    clinic = m.units.kind == m.units.kind_names.index("clinic")
    nurse = OCC_INDEX["nurse"]
    assert m.units.demand[clinic, nurse] == pytest.approx(2 * before[clinic, nurse])
    assert m.units.demand[~clinic] == pytest.approx(before[~clinic])


def test_demand_shocks_touch_only_cells_with_need():
    m = WorkforceModel(tiny_scenario(demand={"shock_rate": 12.0, "shock_sd": 0.5}))
    before = m.units.demand.copy()
    begin(m)
    m.demand.step(m.world)
    assert (m.units.demand[before == 0] == 0).all()
    assert not np.allclose(m.units.demand[before > 0], before[before > 0])


# ------------------------------------------------------------------ recruitment
def greedy(gap: np.ndarray, k: int) -> np.ndarray:
    gap = gap.astype(float).copy()
    counts = np.zeros(gap.size, int)
    for _ in range(k):
        i = int(np.argmax(gap))
        counts[i] += 1
        gap[i] -= 1
    return counts


@settings(max_examples=300, deadline=None)
@given(st.lists(st.floats(-5, 8, allow_nan=False), min_size=1, max_size=12),
       st.integers(0, 40))
def test_most_understaffed_equals_one_by_one_greedy(gaps, k):
    gap = np.round(np.array(gaps), 3) + np.arange(len(gaps)) * 1e-4  # no exact ties
    got = place_most_understaffed(gap, k)
    assert got.sum() == k
    want = greedy(gap, k)
    # same final gaps (the greedy outcome is unique without ties)
    assert np.allclose(np.sort(gap - got), np.sort(gap - want))


def test_proportional_placement_sums_to_k():
    counts = place_proportional(np.array([1.0, 2.0, 7.0]), 10)
    assert counts.tolist() == [1, 2, 7]
    assert place_proportional(np.array([1.0, 1.0, 1.0]), 4).sum() == 4


def test_hire_places_recruits_in_the_largest_gap():
    m = WorkforceModel(tiny_scenario(recruitment={"quota_mode": "fixed",
                                                  "quota": {"teacher_primary": 3}}))
    begin(m)
    school = np.flatnonzero(m.units.kind == m.units.kind_names.index("school"))
    col = OCC_INDEX["teacher_primary"]
    m.required_fte[school, col] = [20.0, 5.0]  # the first school is short
    m.capacity_fte[school, col] = [5.0, 5.0]
    unit, role = m.recruitment.placements(m.world, m.recruitment.plan_quota(m.world),
                                          "most_understaffed")
    assert unit.tolist() == [school[0]] * 3 and (role == col).all()
    n0 = m.employees.n
    rows = m.recruitment.hire(m.world, unit, role, True, np.random.default_rng(1))
    E = m.employees
    assert rows.tolist() == list(range(n0, n0 + 3))
    assert (E.employment[rows] == 1).all() and (E.contract_end[rows] > m.now).all()
    assert E.active[rows].all() and (E.hire_at[rows] == m.now).all()
    assert (E.unit[rows] == school[0]).all()
    ages = (m.now - E.birth[rows]) / 12
    assert ((ages >= 22) & (ages < 36)).all()
    assert (E.adapt[rows] < 1).all() and np.isin(rows, m.adaptation.adapting).all()
    assert (E.retire_at[rows] > m.now).all()


def test_pppk_recruits_are_placed_where_the_staff_are():
    """Honorary staff appointed as PPPK in place: in proportion to current staff, not gaps."""
    m = WorkforceModel(tiny_scenario(recruitment={"quota_mode": "fixed",
                                                  "quota": {"teacher_primary": 10}}))
    begin(m)
    school = np.flatnonzero(m.units.kind == m.units.kind_names.index("school"))
    col = OCC_INDEX["teacher_primary"]
    m.required_fte[school, col] = [20.0, 5.0]  # the first school is short
    m.capacity_fte[school, col] = [5.0, 5.0]
    staff = m.recruitment.workload.staff(m.world)[school, col]
    unit, _ = m.recruitment.placements(m.world, m.recruitment.plan_quota(m.world), "in_place")
    got = np.bincount(unit, minlength=m.units.n)[school]
    assert got.sum() == 10
    assert np.all(np.abs(got - 10 * staff / staff.sum()) < 1)  # largest remainder


def test_quota_splits_into_pns_and_pppk_and_hard_areas_fill_less():
    m = WorkforceModel(tiny_scenario(recruitment={"pppk_share": 0.6}))
    quota = np.zeros(len(OCC_INDEX), np.int64)
    quota[OCC_INDEX["nurse"]] = 5
    assert m.recruitment.pppk_quota(m.world, quota)[OCC_INDEX["nurse"]] == 3
    many = np.repeat(np.arange(m.units.n), 2000)
    filled = m.recruitment.filled(m.world, many, np.random.default_rng(5))
    fill = m.params.recruitment.fill_by_area
    for u in range(m.units.n):
        area = AREA_TYPES[m.units.area[u]]
        share = filled[many == u].mean()
        assert abs(share - fill.get(area, 1.0)) < 0.04, (area, share)


def test_quota_replaces_a_share_of_departures():
    m = WorkforceModel(tiny_scenario(recruitment={"replacement_rate": 0.5}))
    m.recruitment.departures[:] = 0
    m.recruitment.departures[3, OCC_INDEX["nurse"]] = 4
    quota = m.recruitment.plan_quota(m.world)
    assert quota[OCC_INDEX["nurse"]] == 2 and quota.sum() == 2


def test_recruits_arrive_after_the_lag():
    m = WorkforceModel(tiny_scenario(years=2, recruitment={
        "quota_mode": "fixed", "quota": {"nurse": 2}, "planning_month": 3, "lag_months": 4}))
    m.run()
    ts = m.timeseries()
    hired = ts.loc[ts.new_recruits > 0, "month"].tolist()
    assert hired == [7, 19]  # March + 4 months = July, each year


# ------------------------------------------------------------------ adaptation
def test_difficulty_grows_with_each_factor(tiny_model):
    m = tiny_model
    E, U = m.employees, m.units
    row = np.array([0])
    urban = np.flatnonzero(U.area == 0)[:1]
    remote = np.flatnonzero(U.area == 2)[:1]
    E.home[0] = 0
    E.hire_at[0] = m.now - 20 * 12  # experienced
    d0, tau0 = adaptation.difficulty(m.world, row, urban, np.zeros(1))
    d_hard, tau_hard = adaptation.difficulty(m.world, row, remote, np.zeros(1))
    d_occ, _ = adaptation.difficulty(m.world, row, urban, np.ones(1))
    E.hire_at[0] = m.now
    d_new, _ = adaptation.difficulty(m.world, row, urban, np.zeros(1))
    assert d_hard > d0 and tau_hard > tau0  # hardness and distance from home
    assert d_occ > d0
    assert d_new > d0


def test_adaptation_follows_the_curve_then_stops(tiny_model):
    m = tiny_model
    E = m.employees
    begin(m)
    rows = np.array([2])
    m.adaptation.start(m.world, rows, np.array([0.5], np.float32), np.array([3.0], np.float32))
    assert E.adapt[2] == pytest.approx(0.5)
    for t in range(1, 6):
        begin(m)
        m.adaptation.step(m.world)
        assert E.adapt[2] == pytest.approx(1 - 0.5 * np.exp(-t / 3.0), rel=1e-5)
    for _ in range(60):
        begin(m)
        m.adaptation.step(m.world)
    assert E.adapt[2] == 1.0 and 2 not in m.adaptation.adapting


# ------------------------------------------------------------------ workload
def test_capacity_and_load_by_hand(tiny_model):
    m = tiny_model
    E = m.employees
    E.morale[:] = 1.0
    E.adapt[:] = 1.0
    E.comp_role[:] = 0.5
    m.workload.step(m.world)
    staff = np.bincount(E.cell, weights=E.active, minlength=m.units.demand.size)
    assert m.capacity_fte.ravel() == pytest.approx(staff * 0.5)
    assert m.required_fte == pytest.approx(m.units.demand / 1250.0)
    E.morale[0] = 0.0  # morale effect lowers productivity by morale_productivity
    m.workload.step(m.world)
    assert E.prod[0] == pytest.approx(1 - m.params.workload.morale_productivity)


def test_load_ratio_edge_cases():
    r = workload.load_ratio(np.array([2.0, 1.0, 0.0, 0.0]), np.array([1.0, 0.0, 0.0, 2.0]), 10)
    assert r[0] == 2 and r[1] == 10 and np.isnan(r[2]) and r[3] == 0


def test_ej_bands():
    th = {"A": 1.0, "B": 0.9, "C": 0.7, "D": 0.5}
    got = workload.ej_category(np.array([1.2, 1.0, 0.95, 0.8, 0.6, 0.3, np.nan]), th)
    assert got.tolist() == ["A", "B", "B", "C", "D", "E", ""]


def test_unmet_hours_is_the_monthly_shortfall(tiny_model):
    m = tiny_model
    short = np.clip(m.required_fte - m.capacity_fte, 0, None).sum()
    assert m.current["unmet_hours"] == pytest.approx(short * 1250 / 12)


# ------------------------------------------------------------------ mutation
def test_none_policy_moves_nobody(tiny_model):
    m = tiny_model
    m.run()
    assert m.timeseries()["new_moves"].sum() == 0


def test_execute_moves_updates_state(tiny_model):
    m = tiny_model
    E = m.employees
    begin(m)
    row = int(np.flatnonzero(E.role == OCC_INDEX["teacher_primary"])[0])
    clinic = int(np.flatnonzero(m.units.kind == m.units.kind_names.index("clinic"))[0])
    m.mutation.execute(m.world, np.array([row]), np.array([clinic]), np.array([OCC_INDEX["admin"]]))
    assert E.unit[row] == clinic and E.role[row] == OCC_INDEX["admin"]
    assert E.cell[row] == clinic * m.units.n_roles + OCC_INDEX["admin"]
    assert E.fit[row] == 0  # teacher -> admin is not a listed compatibility
    assert E.moved_at[row] == m.now and row in m.adaptation.adapting and E.n_moves[row] == 1


def test_own_requests_best_unit_by_group_equals_one_mask_per_group():
    from types import SimpleNamespace

    from model.processes.requests import _best_by_group, _best_units

    rng = np.random.default_rng(3)
    req = np.round(rng.random((40, 4)) * 3, 1) * (rng.random((40, 4)) < 0.7)
    cap = np.round(rng.random((40, 4)) * 3, 1)  # rounded: ties in the deficit happen
    view = SimpleNamespace(required_fte=req, capacity_fte=cap)
    group = rng.integers(0, 6, 40)
    grouped = _best_by_group(view, group, 7)  # group 6 has no unit
    masked = _best_units(view, [group == g for g in range(7)])
    assert np.array_equal(grouped, masked) and (grouped[6] == -1).all()
