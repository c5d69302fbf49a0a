"""Each built-in policy on a tiny hand-made state where the right moves are known."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import tiny_region

from model import WorkforceModel
from model.core.vocab import DEFAULT_VOCABULARY
from model.policies import BalancingPolicy, Moves, Policy

OCC_INDEX = DEFAULT_VOCABULARY.occ_index
AGENCIES = DEFAULT_VOCABULARY.agency_names

TP, TS, ADMIN = OCC_INDEX["teacher_primary"], OCC_INDEX["teacher_secondary"], OCC_INDEX["admin"]


def kinds(**spec) -> dict:
    """Unit kinds from name=(agency, count, staff[, location]); location 'capital' by default."""
    return {name: {"agency": v[0], "count": v[1], "staff": v[2], "size_sd": 0,
                   "location": v[3] if len(v) > 3 else "capital"} for name, v in spec.items()}


def build(unit_kinds: dict, policy="none", **overrides) -> WorkforceModel:
    """A tiny region: everyone movable, fully adapted, morale 1, far from retirement.

    Nobody refuses (refusals are tested in test_response.py).
    """
    data = {"name": "t", "years": 1, "seed": 3,
            "region": tiny_region(unit_kinds=unit_kinds, background_share=0.0),
            "demand": {"shock_rate": 0.0},
            "mutation": {"response": {"base_logit": -10.0}},
            "policies": {p: {"max_share_per_round": 1.0} for p in
                         ("balancing", "anticipation", "matching", "rotation", "optimal")}}
    if isinstance(policy, str):
        data["policy"] = policy
        policy = None
    m = WorkforceModel(data, policy=policy, **overrides)
    E = m.employees
    E.moved_at[:] = m.world.start - 100
    E.retire_at[:] = m.world.start + 400
    E.adapt[:] = 1.0
    E.morale[:] = 1.0
    m.adaptation.adapting = np.empty(0, np.int64)
    m.workload.step(m.world)
    return m


def set_gaps(m: WorkforceModel, role: int, gaps: dict[int, float]) -> None:
    """Set need so that unit u's gap in `role` is gaps[u] persons' capacity."""
    m.workload.step(m.world)
    per = m.capacity_fte[:, role] / np.maximum(np.bincount(
        m.employees.unit[m.employees.role == role], minlength=m.units.n), 1)
    for u, g in gaps.items():
        m.units.demand[u, role] = max(m.capacity_fte[u, role] - g * per[u], 0.0) * 1250.0
    m.workload.step(m.world)


def round_(m: WorkforceModel):
    """Hold one round now (as a January) and return its rows of the transfer log."""
    m.world.begin_month()
    m.world.now = m.world.start  # January: a round month, whatever month the test is in
    m.mutation.step(m.world)
    m.workload.step(m.world)
    log = m.transfer_log.frame(m.world)
    return log[log.month == m.month].reset_index(drop=True)


# ------------------------------------------------------------------ balancing
def test_balancing_moves_surplus_to_deficit_and_not_back():
    m = build(kinds(school=("education", 3, {"teacher_primary": 10})), policy="balancing")
    set_gaps(m, TP, {0: 4.2, 1: 0.0, 2: -6.0})
    log = round_(m)
    assert len(log) > 0
    assert (log.from_unit == 0).all() and (log.to_unit == 2).all()
    assert len(log) == 4  # floor of the surplus: the source stays at or above need
    assert m.capacity_fte[0, TP] >= m.required_fte[0, TP] - 1e-9
    m.employees.moved_at[:] = m.now - 100  # allow another round at once
    again = round_(m)
    assert not ((again.from_unit == 2) & (again.to_unit == 0)).any()
    assert len(again) == 0  # no surplus is left to move


def test_balancing_uses_compatible_roles_with_their_factor():
    m = build(kinds(sd=("education", 1, {"teacher_primary": 10}),
                    smp=("education", 1, {"teacher_secondary": 10})), policy="balancing")
    set_gaps(m, TS, {1: 3.3})
    set_gaps(m, TP, {0: -3.0})
    log = round_(m)
    assert len(log) == 3
    assert (log.from_role == "teacher_secondary").all() and (log.to_role == "teacher_primary").all()
    moved = log.employee_id.to_numpy()
    assert np.allclose(m.employees.fit[moved], 0.8)


# ------------------------------------------------------------------ anticipation
def test_anticipation_moves_before_the_retirement_not_after():
    m = build(kinds(school=("education", 2, {"teacher_primary": 10})), policy="anticipation")
    set_gaps(m, TP, {0: 3.3, 1: 0.2})
    E = m.employees
    leaving = np.flatnonzero((E.unit == 1) & (E.role == TP))[:3]
    E.retire_at[leaving] = m.world.start + 6  # retire in 6 months
    log = round_(m)
    assert len(log) == 3 and (log.to_unit == 1).all() and (log.from_unit == 0).all()
    assert (log.reason == "anticipate_retirement").all()
    # after the retirements there is a deficit but nothing left to anticipate
    m2 = build(kinds(school=("education", 2, {"teacher_primary": 10})), policy="anticipation")
    set_gaps(m2, TP, {0: 3.3, 1: -3.0})
    assert len(round_(m2)) == 0


# ------------------------------------------------------------------ matching
def test_matching_moves_a_health_background_to_the_health_office():
    m = build(kinds(transport_office=("transport", 1, {"admin": 6}),
                    health_office=("health", 1, {"admin": 6})), policy="matching")
    E = m.employees
    transport = int(np.flatnonzero(m.units.agency == AGENCIES.index("transport"))[0])
    health = int(np.flatnonzero(m.units.agency == AGENCIES.index("health"))[0])
    E.competence[:, :] = 0.3
    E.competence[:, 5] = 0.8  # general (admin) competence
    star = int(np.flatnonzero(E.unit == transport)[0])
    E.competence[star, 1] = 0.95  # health background
    m.world.refresh_competence(np.arange(E.n))
    set_gaps(m, ADMIN, {health: -2.0, transport: 0.0})
    before = m.current["p_competence_match"]
    log = round_(m)
    assert log.employee_id.tolist() == [star]
    assert log.to_unit.tolist() == [health] and log.outcome.tolist() == ["executed"]
    m._record()
    assert m.current["p_competence_match"] > before


# ------------------------------------------------------------------ rotation
def test_rotation_moves_only_after_max_tenure_and_never_in_place():
    m = build(kinds(school=("education", 3, {"teacher_primary": 8})), policy="rotation",
              **{"policies.rotation.cross_field_share": 0.0})
    E = m.employees
    E.moved_at[:] = m.world.start - 30  # 30 months: below the 60-month tenure
    veterans = np.array([0, 9, 17])
    E.moved_at[veterans] = m.world.start - 70
    log = round_(m)
    assert sorted(log.employee_id.tolist()) == sorted(veterans.tolist())
    assert (log.from_unit != log.to_unit).all()


# ------------------------------------------------------------------ optimal
def line_region(positions: list[float]) -> WorkforceModel:
    m = build(kinds(school=("education", len(positions), {"teacher_primary": 10})),
              policy="optimal", **{"policies.optimal.refusal_weight": 0.0,
                                   "policies.optimal.adaptation_weight": 0.0,
                                   "policies.optimal.cost_per_km": 1.0,
                                   "policies.optimal.value_per_fte": 100.0})
    m.units.x_km[:] = positions
    m.units.y_km[:] = 0.0
    m.units.hardness[:] = 0.0
    return m


def deficit_of_one_person(m: WorkforceModel, sources: list[int]) -> float:
    per = m.capacity_fte[:, TP] / np.bincount(m.employees.unit, minlength=m.units.n)
    return float(1.05 * per[sources].max())


def test_optimal_sends_one_spare_person_to_the_nearer_deficit():
    m = line_region([0.0, 10.0, 50.0])  # A, B (10 km), C (50 km)
    set_gaps(m, TP, {0: 1.2, 1: 0.0, 2: 0.0})
    d = deficit_of_one_person(m, [0])
    set_gaps(m, TP, {0: 1.2, 1: -d, 2: -d})
    log = round_(m)
    assert list(zip(log.from_unit, log.to_unit, strict=True)) == [(0, 1)]


def test_optimal_matches_the_transportation_solution_by_hand():
    # S1 at 0, D1 at 1, D2 at -10, S2 at 11. Greedy (nearest arc first) takes S1->D1 (1 km)
    # and then S2->D2 (21 km) = 22 km; the optimum is S1->D2 + S2->D1 = 10 + 10 = 20 km.
    m = line_region([0.0, 11.0, 1.0, -10.0])
    set_gaps(m, TP, {0: 1.2, 1: 1.2, 2: 0.0, 3: 0.0})
    d = deficit_of_one_person(m, [0, 1])
    set_gaps(m, TP, {0: 1.2, 1: 1.2, 2: -d, 3: -d})
    log = round_(m)
    assert sorted(zip(log.from_unit, log.to_unit, strict=True)) == [(0, 3), (1, 2)]


def test_optimal_infeasible_coverage_is_a_clear_error():
    from model.policies import PolicyError

    m = line_region([0.0, 10.0])
    m.policies[0][1].params = m.params.policies.optimal.model_copy(
        update={"min_coverage": 1.0, "max_share_per_round": 0.0})
    set_gaps(m, TP, {0: 0.0, 1: -3.0})
    units_before = m.employees.unit.copy()
    with pytest.raises(PolicyError, match="policy 'optimal': infeasible"):
        round_(m)
    assert np.array_equal(m.employees.unit, units_before)


# ------------------------------------------------------------------ custom and composition
class Fixed(Policy):
    """Proposes the moves it was given."""

    def __init__(self, moves: Moves, name: str = "fixed") -> None:
        super().__init__()
        self.moves, self.name = moves, name

    def propose(self, view, rng):
        return self.moves


def test_composed_policies_see_earlier_proposals():
    seen = []

    class Spy(Policy):
        name = "spy"

        def propose(self, view, rng):
            seen.append(view.proposed.employee_id.tolist())
            return Moves()

    m = build(kinds(school=("education", 2, {"teacher_primary": 5})),
              policy=[Fixed(Moves.build([0], 1, TP)), Spy()])
    round_(m)
    assert seen == [[0]]
    assert m.policy_name == "fixed+spy"


@pytest.mark.parametrize("moves, problem", [
    (Moves.build([10**6], 0, TP), "unknown employee"),
    (Moves.build([0], 99, TP), "unknown unit"),
    (Moves.build([0], 0, 42), "unknown role"),
    (Moves.build([0, 0], [1, 1], TP), "duplicate employee"),
    ("not a table", "returned str"),
])
def test_malformed_proposals_are_rejected_and_change_nothing(moves, problem):
    from model.policies import PolicyError

    m = build(kinds(school=("education", 2, {"teacher_primary": 5})),
              policy=Fixed(moves, name="broken"))
    before = {c: getattr(m.employees, c).copy() for c in ("unit", "role", "cell", "morale")}
    with pytest.raises(PolicyError) as info:
        round_(m)
    assert "policy 'broken'" in str(info.value) and problem in str(info.value)
    for c, v in before.items():
        assert np.array_equal(getattr(m.employees, c), v)


def test_inactive_employee_in_a_proposal_is_rejected():
    from model.policies import PolicyError

    m = build(kinds(school=("education", 2, {"teacher_primary": 5})),
              policy=Fixed(Moves.build([2], 1, TP), name="broken"))
    m.world.leave(np.array([2]), "exit")
    with pytest.raises(PolicyError, match=r"inactive employee at rows \[0 \(2\)\]"):
        round_(m)


def test_balancing_does_not_fill_adaptation_ramp_up():
    """Recruits still adapting make a unit look short; structure, not ramp-up, is balanced."""
    m = build(kinds(school=("education", 2, {"teacher_primary": 10})), policy="balancing")
    set_gaps(m, TP, {0: 3.3, 1: 0.0})
    E = m.employees
    newcomers = np.flatnonzero(E.unit == 1)
    E.adapt[newcomers] = 0.4  # just hired: capacity far below their potential
    m.workload.step(m.world)
    assert m.capacity_fte[1, TP] < m.required_fte[1, TP] - 3  # looks short now
    assert len(round_(m)) == 0


def test_balancing_sizes_moves_by_what_the_movers_bring():
    m = build(kinds(school=("education", 2, {"teacher_primary": 10})), policy="balancing")
    set_gaps(m, TP, {0: 6.5, 1: -3.0})
    log = round_(m)
    assert len(log) == 3
    assert m.capacity_fte[1, TP] <= m.required_fte[1, TP] + 0.6  # not overfilled


def test_anticipation_fills_only_what_the_retirement_opens():
    m = build(kinds(school=("education", 2, {"teacher_primary": 10})), policy="anticipation")
    set_gaps(m, TP, {0: 6.5, 1: -3.0})  # school 1 is already short by 3
    E = m.employees
    leaving = np.flatnonzero((E.unit == 1) & (E.role == TP))[:1]
    E.retire_at[leaving] = m.world.start + 6  # one retirement coming
    log = round_(m)
    assert len(log) == 1 and (log.to_unit == 1).all()


def test_people_about_to_retire_are_not_moved_by_anticipation():
    m = build(kinds(school=("education", 2, {"teacher_primary": 10})), policy="anticipation",
              **{"policies.anticipation.horizon_months": 36})
    set_gaps(m, TP, {0: 4.5, 1: 0.2})
    E = m.employees
    E.retire_at[np.flatnonzero(E.unit == 1)[:2]] = m.world.start + 30
    E.retire_at[np.flatnonzero(E.unit == 0)] = m.world.start + 30  # the source retires too
    assert len(round_(m)) == 0


def test_a_later_policy_counts_earlier_proposals_as_done():
    m0 = build(kinds(school=("education", 2, {"teacher_primary": 10})))
    movers = np.flatnonzero(m0.employees.unit == 0)[:3]
    m = build(kinds(school=("education", 2, {"teacher_primary": 10})),
              policy=[Fixed(Moves.build(movers, 1, TP)), make_balancing(m0)])
    set_gaps(m, TP, {0: 6.5, 1: -3.0})
    log = round_(m)
    assert log.policy.tolist() == ["fixed"] * 3  # balancing sees the deficit as filled


def make_balancing(m: WorkforceModel) -> BalancingPolicy:
    return BalancingPolicy(m.params.policies.balancing)


def test_policy_names_from_python_compose():
    m = build(kinds(school=("education", 2, {"teacher_primary": 10})),
              policy=["anticipation", "balancing"])
    assert m.policy_name == "anticipation+balancing"
    round_(m)


def test_policy_views_are_read_only():
    class Vandal(Policy):
        name = "vandal"

        def propose(self, view, rng):
            for name in ("required_fte", "capacity_fte", "gap_fte", "compatibility", "staff"):
                with pytest.raises(ValueError):
                    getattr(view, name)[...] = 0
            with pytest.raises(ValueError):
                view.employees.unit[0] = 5
            return Moves()

    m = build(kinds(school=("education", 2, {"teacher_primary": 4})), policy=Vandal())
    round_(m)
