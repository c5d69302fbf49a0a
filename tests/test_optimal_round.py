"""The `optimal` round (issue 24, item 5): nodes pooled by district, the LP, whole persons.

Planted cases where the pooled solution is known, the move limit and the constraints,
the LP against its direct statement, and the same seed giving the same moves.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy.optimize import linprog
from test_policies import TP, build, kinds, round_, set_gaps

from model import WorkforceModel
from model.policies import optimal_flow as flow

CAPITAL, FAR = 0, 1  # tiny_region's districts; a kind "each" alternates them


def pooled_schools(n: int = 6, **overrides) -> WorkforceModel:
    """2n primary schools of 10 teachers, unit 2i in the capital and 2i+1 in the far district.

    Distance is the only cost (no refusal, no adaptation weight); the far district's
    schools lie 20 km away. `max_nodes` 2 pools the schools of each side by district
    (but the largest of a side in one district). Everyone brings 1 FTE; nobody asks to
    move on their own.
    """
    settings = {"policies.optimal.refusal_weight": 0.0,
                "policies.optimal.adaptation_weight": 0.0,
                "policies.optimal.cost_per_km": 1.0,
                "policies.optimal.value_per_fte": 100.0,
                "policies.optimal.max_nodes": 2, "mutation.requests.rate_per_year": 0.0,
                **overrides}
    m = build(kinds(school=("education", n, {"teacher_primary": 10}, "each")),
              policy="optimal", **settings)
    m.units.x_km[:] = np.where(m.units.district == CAPITAL, 0.0, 20.0) + 0.1 * np.arange(m.units.n)
    m.units.y_km[:] = 0.0
    m.employees.comp_role[:] = 1.0
    m.workload.step(m.world)
    return m


def optimal_round(m: WorkforceModel):
    """The round's moves proposed by `optimal` (own requests left out)."""
    log = round_(m)
    return log[log.policy == "optimal"].reset_index(drop=True)


def gap_after(m: WorkforceModel) -> np.ndarray:
    """Capacity minus need per school in the primary-teacher role, in persons."""
    per = m.capacity_fte[:, TP] / np.maximum(np.bincount(
        m.employees.unit[m.employees.role == TP], minlength=m.units.n), 1)
    return (m.capacity_fte[:, TP] - m.required_fte[:, TP]) / np.maximum(per, 1e-9)


# ------------------------------------------------------------------ planted cases
def test_pooled_deficits_get_one_person_each_from_the_spare_district():
    m = pooled_schools()
    capital = np.flatnonzero(m.units.district == CAPITAL)
    far = np.flatnonzero(m.units.district == FAR)
    # each capital school can spare 2 persons, each far school lacks 1.05 persons
    set_gaps(m, TP, {**{int(u): 2.2 for u in capital}, **{int(u): -1.05 for u in far}})
    log = optimal_round(m)
    assert len(log) == 6  # the pooled solution: 6.3 persons of deficit -> 6 whole persons
    assert set(log.from_unit) <= set(capital.tolist())
    assert sorted(log.to_unit) == sorted(far.tolist())  # one each: none skipped or doubled
    assert (log.outcome == "executed").all()
    assert (gap_after(m)[capital] >= -1e-9).all()  # no source below its need


def test_the_nearer_pooled_district_gives_first():
    m = pooled_schools()
    capital = np.flatnonzero(m.units.district == CAPITAL)
    far = np.flatnonzero(m.units.district == FAR)
    # spare persons in both districts; the deficit is in the capital
    set_gaps(m, TP, {**{int(u): 2.2 for u in far}, **{int(u): 2.2 for u in capital[:3]},
                     **{int(u): -1.05 for u in capital[3:]}})
    log = optimal_round(m)
    assert len(log) == 3
    assert set(log.from_unit) <= set(capital[:3].tolist())
    assert sorted(log.to_unit) == sorted(capital[3:].tolist())


def test_pooling_keeps_the_largest_cells_apart():
    # 5 cells of role 0 in 2 districts and 2 of role 1; max 3 nodes per role
    n_roles = 2
    district = np.array([0, 0, 1, 1, 0])
    size = np.zeros(5 * n_roles)
    size[[0, 2, 4, 6, 8]] = [1.0, 5.0, 2.0, 3.0, 4.0]  # role 0 in units 0..4
    size[[1, 3]] = [7.0, 6.0]  # role 1 in units 0, 1
    nodes = flow.group(size, n_roles, district, max_nodes=3)
    members = [nodes.cells[a:b].tolist() for a, b in zip(nodes.start[:-1], nodes.start[1:],
                                                         strict=True)]
    # role 0: the largest cell (unit 1, size 5) alone, the others pooled by district
    # (district 0: units 0, 4; district 1: units 2, 3), each largest first
    assert sorted(members) == sorted([[2], [8, 0], [6, 4], [1], [3]])
    by_cells = {tuple(c): k for k, c in enumerate(members)}
    assert nodes.size[by_cells[(8, 0)]] == 5.0 and nodes.unit[by_cells[(8, 0)]] == 4
    assert nodes.size.sum() == size.sum()
    assert np.bincount(nodes.role).max() <= 3
    # with room for every cell, a node per cell
    alone = flow.group(size, n_roles, district, max_nodes=5)
    assert np.diff(alone.start).max() == 1 and alone.n == 7


def test_persons_fill_a_pooled_destination_where_their_middle_falls():
    # one source cell (cell 0) sends 5 persons of 0.85 FTE to a pool of three cells
    n_roles = 1
    supply = np.array([5.0, 0, 0, 0])
    deficit = np.array([0.0, 2.3, 1.7, 0.6])
    src = flow.group(supply, n_roles, np.zeros(4, np.int64), 2)
    dst = flow.group(deficit, n_roles, np.zeros(4, np.int64), 1)  # one pooled node
    assert dst.n == 1 and dst.cells.tolist() == [1, 2, 3]
    need, to, arc = flow.to_cells(np.array([5]), np.array([-1.0]), np.array([0]),
                                  np.array([0]), src, dst, supply, deficit,
                                  np.full(4, 0.85), np.ones((1, 1)))
    # middles 0.425, 1.275, 2.125 -> cell 1 (to 2.3); 2.975, 3.825 -> cell 2 (to 4.0)
    assert need.tolist() == [0] * 5 and to.tolist() == [1, 1, 1, 2, 2]
    # a sixth person's middle (4.675) would fall past the pool's 4.6: dropped
    _, to, _ = flow.to_cells(np.array([6]), np.array([-1.0]), np.array([0]), np.array([0]),
                             src, dst, np.array([6.0, 0, 0, 0]), deficit,
                             np.full(4, 0.85), np.ones((1, 1)))
    assert to.tolist() == [1, 1, 1, 2, 2]


# ------------------------------------------------------------------ limits and constraints
def test_the_round_share_limits_the_moves():
    m = pooled_schools(**{"policies.optimal.max_share_per_round": 3 / 120})  # 120 staff
    capital = np.flatnonzero(m.units.district == CAPITAL)
    far = np.flatnonzero(m.units.district == FAR)
    set_gaps(m, TP, {**{int(u): 2.2 for u in capital}, **{int(u): -1.05 for u in far}})
    log = optimal_round(m)
    assert len(log) == 3 and len(set(log.to_unit)) == 3


def test_the_yearly_move_budget_limits_the_moves():
    m = pooled_schools(**{"mutation.constraints.max_moves_per_year": 2})
    capital = np.flatnonzero(m.units.district == CAPITAL)
    far = np.flatnonzero(m.units.district == FAR)
    set_gaps(m, TP, {**{int(u): 2.2 for u in capital}, **{int(u): -1.05 for u in far}})
    log = optimal_round(m)
    assert len(log) == 2 and (log.outcome == "executed").all()


def test_an_infeasible_pooled_coverage_floor_is_a_clear_error():
    from model.policies import PolicyError

    m = pooled_schools(**{"policies.optimal.min_coverage": 1.0,
                          "policies.optimal.max_share_per_round": 1 / 120})
    capital = np.flatnonzero(m.units.district == CAPITAL)
    far = np.flatnonzero(m.units.district == FAR)
    set_gaps(m, TP, {**{int(u): 2.2 for u in capital}, **{int(u): -1.05 for u in far}})
    with pytest.raises(PolicyError, match="policy 'optimal'.*infeasible"):
        optimal_round(m)


@pytest.mark.parametrize("budget", [None, 3.0e7])
@pytest.mark.parametrize("coverage", [0.0, 0.2])
def test_the_lp_is_the_transportation_problem_as_stated(budget, coverage):
    """`solve` (HiGHS on the dual programme) reaches the optimum of the LP stated directly."""
    rng = np.random.default_rng(4)
    n_src, n_dst, n = 12, 15, 60
    ii, jj = rng.integers(0, n_src, n), rng.integers(0, n_dst, n)
    e = rng.uniform(0.5, 1.0, n)
    cost = rng.uniform(-10, 2, n)
    supply, deficit = rng.integers(1, 6, n_src).astype(float), rng.uniform(0.5, 4, n_dst)
    idr = rng.uniform(5e6, 2e7, n)
    x, why = flow.solve(cost, e, ii, jj, supply, deficit, 9, idr, budget, coverage)
    rows = [np.eye(n_src)[ii].T, (np.eye(n_dst)[jj] * e[:, None]).T, np.ones((1, n))]
    rhs = [supply, deficit, [9]]
    if budget is not None:
        rows.append(idr[None, :])
        rhs.append([budget])
    if coverage:
        rows.append(-rows[1])
        rhs.append(-coverage * deficit)
    direct = linprog(cost, A_ub=np.vstack(rows), b_ub=np.concatenate(rhs), method="highs")
    if direct.status == 2:
        assert x is None and why == "infeasible"
        return
    assert x is not None and x @ cost == pytest.approx(direct.fun, rel=1e-9, abs=1e-9)
    a, b = np.vstack(rows), np.concatenate(rhs)
    assert (a @ x <= b + 1e-7).all() and (x >= 0).all()


# ------------------------------------------------------------------ reproducible
def year_of_moves(seed: int):
    m = WorkforceModel("default", rng=seed, record_units=False, policy="optimal",
                       **{"region.target_staff": 3000, "years": 1,
                          "policies.optimal.max_nodes": 4})
    m.run()
    log = m.transfer_log.frame(m.world)
    return log[log.policy == "optimal"].reset_index(drop=True)


def test_same_seed_same_moves():
    first, again = year_of_moves(11), year_of_moves(11)
    assert len(first) > 50
    assert first.equals(again)
    assert not first.equals(year_of_moves(12))
