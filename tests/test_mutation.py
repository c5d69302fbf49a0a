"""Mutation rounds: constraints, responses, interventions, the transfer log, custom policies."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import numpy as np
import pandas as pd
import pytest
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st
from test_policies import TP, Fixed, build, kinds, round_

from model import WorkforceModel
from model.core.errors import ScenarioError
from model.policies import Moves, Policy
from model.processes import response
from model.scenario.loading import load_scenario

NURSE = 3


def two_schools(**overrides) -> WorkforceModel:
    """School 0 in the urban capital, school 1 in the remote district 100 km away, a clinic."""
    return build(kinds(school=("education", 1, {"teacher_primary": 6}, "each"),
                       clinic=("health", 1, {"nurse": 4})), **overrides)


def blocked_by(moves: Moves, prepare=None, **overrides) -> tuple[list[str], WorkforceModel]:
    m = two_schools(policy=Fixed(moves), **overrides)
    if prepare:
        prepare(m)
    log = round_(m)
    return log.outcome.tolist(), m


def first_in(m: WorkforceModel, unit: int) -> int:
    return int(np.flatnonzero(m.employees.unit == unit)[0])


# ------------------------------------------------------------------ constraints
@pytest.mark.parametrize("name, moves, prepare, overrides", [
    ("same_position", Moves.build([0], 0, TP), None, {}),
    ("not_eligible", Moves.build([0], 2, NURSE), None, {}),
    ("min_tenure", Moves.build([0], 1, TP),
     lambda m: m.employees.moved_at.__setitem__(0, m.world.start - 5), {}),
    ("near_retirement", Moves.build([0], 1, TP),
     lambda m: m.employees.retire_at.__setitem__(0, m.world.start + 3), {}),
    ("max_distance", Moves.build([0], 1, TP), None,
     {"mutation.constraints.max_distance_km": 10}),
    ("home_district", Moves.build([0], 1, TP),
     lambda m: m.employees.home.__setitem__(0, 0), {"mutation.constraints.stay_in_home_district":
                                                    True}),
])
def test_each_constraint_blocks_and_is_counted(name, moves, prepare, overrides):
    outcomes, m = blocked_by(moves, prepare, **overrides)
    assert outcomes == [f"blocked:{name}"]
    assert m.mutation.blocked_counts[name] == 1
    assert m.world.flows["new_moves_blocked"] == 1 and m.world.flows["new_moves"] == 0


def test_units_are_far_apart_in_the_tiny_region():
    m = two_schools()
    assert m.world.unit_distance(np.array([0]), np.array([1]))[0] > 50  # urban vs remote district


def test_one_move_per_person_per_round():
    m = two_schools(policy=[Fixed(Moves.build([0], 1, TP), "first"),
                            Fixed(Moves.build([0], 2, TP), "second")])
    log = round_(m)
    assert log.outcome.tolist() == ["executed", "blocked:one_per_round"]
    assert log.policy.tolist() == ["first", "second"]


def test_unit_minimum_staffing():
    m = two_schools()
    rows = np.flatnonzero(m.employees.unit == 0)
    m2 = two_schools(policy=Fixed(Moves.build(rows, 1, TP)))
    log = round_(m2)
    assert (log.outcome == "executed").sum() == rows.size - 1  # one stays (min 1)
    assert log.outcome.iloc[-1] == "blocked:min_staffing"
    assert m2.mutation.blocked_counts["min_staffing"] == 1


def test_yearly_move_budget_by_count_and_idr():
    m = two_schools()
    rows = np.flatnonzero(m.employees.unit == 0)[:3]
    outcomes, mm = blocked_by(Moves.build(rows, 1, TP), None,
                              **{"mutation.constraints.max_moves_per_year": 1})
    assert outcomes == ["executed", "blocked:budget_moves", "blocked:budget_moves"]
    assert mm.mutation.blocked_counts["budget_moves"] == 2
    outcomes, mm = blocked_by(Moves.build(rows, 1, TP), None,
                              **{"mutation.constraints.budget_idr_per_year": 15_000_000})
    assert outcomes[:2] == ["executed", "executed"] and outcomes[2] == "blocked:budget_idr"
    assert mm.mutation.blocked_counts["budget_idr"] == 1


class Refuser(Policy):
    """Proposes three moves whose first person always refuses."""

    name = "refuser"

    def propose(self, view, rng):
        rows = np.flatnonzero(view.movable & (view.employees.unit == 0))[:3]
        return Moves.build(rows, 1, TP, priority=[3.0, 2.0, 1.0])


def test_a_refusal_leaves_its_budget_place_to_the_next_and_budgets_reset_yearly():
    m = two_schools(policy=Refuser(), **{"mutation.constraints.max_moves_per_year": 1,
                                         "mutation.response.per_decade_in_unit": 5.0})
    first = int(np.flatnonzero(m.employees.unit == 0)[0])
    m.employees.moved_at[first] = m.world.start - 1200  # 100 years in post: certain to refuse
    log = round_(m)
    assert log.outcome.tolist() == ["refused", "executed", "blocked:budget_moves"]
    assert m.world.spent.moves == 1
    m.world.month, m.world.now = 12, m.world.start + 12  # next January: the budget is new
    m.world.begin_month()
    assert m.world.spent.moves == 0


# ------------------------------------------------------------------ the round's listeners
def test_a_round_tells_its_listeners_what_became_of_each_proposal():
    m = two_schools(policy=[Fixed(Moves.build([0], 1, TP), "first"),
                            Fixed(Moves.build([0, 1], 2, TP), "second")])
    staff = int(m.employees.active.sum())
    heard = []
    m.mutation.on_round(lambda world, record: heard.append((world.month, record)))
    log = round_(m)
    ((month, record),) = heard
    assert month == record.month == m.month
    assert record.outcome.tolist() == log.outcome.tolist()
    assert record.source.tolist() == log.policy.tolist() == ["first", "second", "second"]
    assert record.blocked.tolist() == ["", "one_per_round", ""]
    assert record.passed.tolist() == [0, 2]
    assert record.from_unit.tolist() == [0, 0, 0] and record.moves.to_unit.tolist() == [1, 2, 2]
    assert record.adapt_d.size == record.fte_in.size == 2 and (record.fte_in > 0).all()
    assert record.staff.sum() == staff  # the state before anything moved
    assert record.checks[:2] == ("same_position", "not_eligible")
    m.world.begin_month()
    m.world.now = m.world.start + 1  # February: no round, nothing to tell
    assert 2 not in m.params.mutation.months
    m.mutation.step(m.world)
    assert len(heard) == 1


def test_a_listener_cannot_change_the_round_it_hears():
    """The record is the listener's copy: writing into it moves nobody elsewhere."""
    m = two_schools(policy=Fixed(Moves.build([0], 1, TP), "first"))

    def vandal(world, record):
        record.moves.to_unit[:] = 2
        record.outcome[:] = "refused"

    m.mutation.on_round(vandal)
    log = round_(m)
    assert log.to_unit.tolist() == [1] and log.outcome.tolist() == ["executed"]
    assert m.employees.unit[0] == 1


def test_an_empty_round_is_told_too_and_nobody_listening_costs_nothing(monkeypatch):
    from model.processes import mutation

    def refuse(*args, **kwargs):
        raise AssertionError("a round record was built with nobody listening")

    m = two_schools(policy=Fixed(Moves.build([0], 1, TP)))
    monkeypatch.setattr(mutation, "build_record", refuse)
    assert round_(m).outcome.tolist() == ["executed"]  # nobody listens: no record built
    quiet = two_schools(policy="none", **{"mutation.requests.rate_per_year": 0.0})
    heard = []
    quiet.mutation.on_round(lambda world, record: heard.append(record))
    round_(quiet)
    ((record,),) = [heard]
    assert len(record.moves) == 0 and record.passed.size == 0
    assert record.staff.sum() == quiet.employees.active.sum()


# ------------------------------------------------------------------ response
def refusal_model(**overrides) -> WorkforceModel:
    return two_schools(**overrides)


@settings(max_examples=40, deadline=None)
@given(years=st.floats(0, 30), age=st.floats(25, 57), far=st.booleans(),
       factor=st.sampled_from(["years", "age", "hardness", "distance"]))
def test_refusal_rises_with_each_factor(years, age, far, factor):
    m = refusal_model()
    E, U = m.employees, m.units
    row, dest = np.array([0]), np.array([1 if far else 0])
    E.moved_at[0] = m.now - int(years * 12)
    E.birth[0] = m.now - int(age * 12)
    E.home[0] = U.district[dest[0]]  # at home: the distance term starts near 0
    base = response.refusal_logit(m.world, row, dest)[0]
    if factor == "years":
        E.moved_at[0] -= 60
    elif factor == "age":  # age counts from 40 on
        E.birth[0] = min(E.birth[0], m.now - 41 * 12) - 60
    elif factor == "hardness":
        U.hardness[dest] += 0.3
    else:
        E.home[0] = 1 - U.district[dest[0]]  # home in the other district, 100 km away
    assert response.refusal_logit(m.world, row, dest)[0] > base


def test_participation_respects_the_stated_preference():
    # two schools in the remote district, one in the capital; the employee's home is remote
    m = build(kinds(school=("education", 1, {"teacher_primary": 6}, "each"),
                    annex=("education", 1, {"teacher_primary": 6}, "each")),
              policy=Fixed(Moves.build([0], 0, TP)),
              **{"interventions.participation.enabled": True})
    E, U = m.employees, m.units
    school_kind = U.kind_names.index("school")
    capital_school = int(np.flatnonzero((U.kind == school_kind) & (U.district == 0))[0])
    remote_school = int(np.flatnonzero((U.kind == school_kind) & (U.district == 1))[0])
    mover = int(np.flatnonzero(E.unit == int(np.flatnonzero(U.kind != school_kind)[0]))[0])
    E.home[mover] = 1
    m.policies[0] = ("fixed", Fixed(Moves.build([mover], capital_school, TP)))
    set_gaps_local(m, {capital_school: -2.0, remote_school: -2.5})
    log = round_(m)
    assert log.to_unit.tolist() == [remote_school]  # the preferred (home) district


def test_participation_odds_depend_on_meeting_the_preference():
    with_p = two_schools(**{"interventions.participation.enabled": True})
    without = two_schools()
    row = np.array([0])
    for home, odds in ((1, 0.4), (0, 0.85)):  # destination unit 1 is in district 1
        for m in (with_p, without):
            m.employees.home[0] = home
        diff = (response.refusal_logit(with_p.world, row, np.array([1]))[0]
                - response.refusal_logit(without.world, row, np.array([1]))[0])
        assert diff == pytest.approx(np.log(odds))


def set_gaps_local(m: WorkforceModel, gaps: dict[int, float]) -> None:
    from test_policies import set_gaps

    set_gaps(m, TP, gaps)


@pytest.mark.parametrize("lever", [
    {"interventions.socialization.enabled": True},
    {"interventions.participation.enabled": True},
    {"interventions.remote_allowance.enabled": True},
])
def test_refusal_falls_with_each_intervention(lever):
    plain = refusal_model()
    helped = refusal_model(**lever)
    remote_unit = np.flatnonzero(plain.world.remote_units)[:1]
    row = np.array([first_in(plain, 0)])
    assert (response.refusal_probability(helped.world, row, remote_unit)[0]
            < response.refusal_probability(plain.world, row, remote_unit)[0])


def test_mandatory_enforcement_forces_refusals_with_a_morale_penalty():
    overrides = {"mutation.response.base_logit": 10.0}  # everyone refuses
    m = two_schools(policy=Fixed(Moves.build([0], 1, TP)), **overrides)
    assert round_(m).outcome.tolist() == ["refused"]
    m = two_schools(policy=Fixed(Moves.build([0], 1, TP)), **overrides,
                    **{"mutation.response.mandatory": True})
    morale = m.employees.morale[0]
    assert round_(m).outcome.tolist() == ["forced"]
    assert m.employees.unit[0] == 1
    assert m.employees.morale[0] == pytest.approx(morale - 0.3)


def test_training_lowers_adaptation_difficulty_and_costs():
    moves = Moves.build([0], 1, TP)
    plain = two_schools(policy=Fixed(moves))
    trained = two_schools(policy=Fixed(moves), **{"interventions.training.enabled": True})
    round_(plain)
    round_(trained)
    assert trained.employees.adapt_d[0] == pytest.approx(0.7 * plain.employees.adapt_d[0])
    assert trained.employees.adapt_tau[0] == pytest.approx(0.7 * plain.employees.adapt_tau[0])
    assert trained.world.flows["cost_training_idr"] == 3_000_000
    assert plain.world.flows.get("cost_training_idr", 0) == 0


def test_monitoring_trains_poor_adapters_after_m_months():
    m = two_schools(policy=Fixed(Moves.build([0], 1, TP)),
                    **{"interventions.monitoring.enabled": True,
                       "interventions.monitoring.after_months": 2,
                       "adaptation.tau_months": 30})
    round_(m)
    d0 = m.employees.adapt_d[0]
    for _ in range(2):
        m.step()
    assert m.employees.trainings[0] == 1
    assert m.employees.adapt_d[0] == pytest.approx(0.7 * d0)


# ------------------------------------------------------------------ whole runs
@pytest.fixture(scope="module")
def runs():
    base = {"region.target_staff": 1500, "years": 2,
            "demography.overload_exit_factor": 0, "demography.morale_exit_factor": 0,
            "mutation.requests.rate_per_year": 0.05}
    out = {}
    for policy in ("none", "balancing", "rotation", "optimal"):
        m = WorkforceModel(rng=5, policy=policy, **base)
        m.run()
        out[policy] = m
    return out


def test_common_random_numbers_across_policies(runs):
    def leavers(m, reason):  # of the initial roster: recruits differ by policy (placement)
        E = m.employees
        initial = E.hire_at <= m.world.start
        return set(np.flatnonzero(initial & (E.exit_reason == [
            "active", "retirement", "exit", "contract_end"].index(reason))).tolist())

    for reason in ("retirement", "exit", "contract_end"):
        sets = [leavers(m, reason) for m in runs.values()]
        assert all(s == sets[0] for s in sets), reason
    assert runs["balancing"].timeseries()["new_moves"].sum() > 0


def test_transfer_log_executed_rows_equal_new_moves(runs):
    for policy, m in runs.items():
        log = m.transfer_log.frame(m.world)
        executed = log.outcome.isin(["executed", "forced"]).sum()
        assert executed == m.timeseries()["new_moves"].sum(), policy
        assert len(log) == m.timeseries()["new_moves_proposed"].sum()
        assert (log.policy == "request").sum() == m.timeseries()["new_requests"].sum()


def test_requests_run_under_every_policy_and_follow_ups_are_recorded(runs):
    log = runs["none"].transfer_log.frame(runs["none"].world)
    assert (log.policy == "request").any()
    assert set(log.reason) <= {"request_home", "request_urban", "request_easier_area"}
    # each reason is declared with the requests process, with its words in both languages
    from model.processes.requests import REASONS

    assert set(log.reason) <= set(REASONS)
    assert REASONS["request_home"].render("id") == "ke daerah asal"
    assert all(t.id and t.en for t in REASONS.values())
    done = log[log.outcome == "executed"]
    early = done[done.month <= runs["none"].world.horizon - 12]
    assert early.prod_3m.notna().mean() > 0.8 and early.prod_12m.notna().mean() > 0.8
    assert (done.prod_3m.dropna() <= 1).all()


def test_the_log_keeps_each_text_of_a_round_once_and_follow_ups_as_measured():
    """A round's policy, reason and outcome columns hold each distinct text once (not a
    Python string per proposal), and a follow-up is the mover's productivity that month
    (NaN if they left): checked month by month against the employee table."""
    from model.world.transfers import FOLLOW_UPS

    m = WorkforceModel("default", rng=3, **{"region.target_staff": 1500, "years": 3,
                                            "policy": "balancing"})
    log = m.transfer_log
    expected: dict[tuple[int, int], float] = {}  # (proposal, lag) -> productivity then
    rounds: list[tuple[int, int, np.ndarray]] = []  # (first proposal, month, moved rows)
    while m.running:
        before = log.n
        m.step()
        month = m.world.month
        if log.n > before:
            chunk = log._chunks[-1]
            for col in ("policy", "reason", "outcome"):
                values = chunk[col]
                assert len({id(v) for v in values}) == len(set(values.tolist())), col
            rounds.append((before, month, chunk["employee_id"]))
        for first, at, rows in rounds:
            lag = month - at
            if lag in FOLLOW_UPS:
                E = m.employees
                for i, row in enumerate(rows):
                    expected[(first + i, lag)] = float(E.prod[row]) if E.active[row] \
                        else np.nan
    frame = log.frame(m.world)
    moved = frame.outcome.isin(["executed", "forced"]).to_numpy()
    checked = 0
    for (i, lag), value in expected.items():
        got = frame[f"prod_{lag}m"].iloc[i]
        if moved[i]:
            assert got == pytest.approx(round(value, 4), nan_ok=True, abs=0), (i, lag)
            checked += 1
        else:
            assert np.isnan(got)
    assert checked > 50

# ------------------------------------------------------------------ bad input
def test_unknown_policy_and_wrong_policy_parameter():
    with pytest.raises(ScenarioError, match="unknown policy"):
        load_scenario("default", {"policy": "shuffle"})
    with pytest.raises(ScenarioError, match="policies.balancing.max_tenure_months"):
        load_scenario("default", {"policies.balancing.max_tenure_months": 12})
    with pytest.raises(ScenarioError, match="empty"):
        load_scenario("default", {"policy": []})


def test_optimal_with_zero_budget_is_infeasible():
    with pytest.raises(ScenarioError, match="optimal.*budget of 0.*infeasible"):
        load_scenario("default", {"policy": "optimal",
                                  "mutation.constraints.max_moves_per_year": 0})


POLICY_FILE = '''
import numpy as np
from model.policies import Moves, Policy


class NearestSwap(Policy):
    """Moves a share of movable primary teachers to the most short-staffed school."""

    name = "nearest_swap"

    def __init__(self, share=0.01, broken=False):
        super().__init__({"share": share})
        self.share, self.broken = share, broken

    def propose(self, view, rng):
        rows = np.flatnonzero(view.movable & (view.employees.role == 0))
        rows = rows[: max(1, int(self.share * rows.size))]
        target = int(np.argmax(view.required_fte[:, 0] - view.capacity_fte[:, 0]))
        if self.broken:
            rows = np.concatenate([rows, rows[:1]])  # a duplicate employee
        return Moves.build(rows, to_unit=target, to_role=0, reason="custom")
'''


def test_custom_policy_from_a_file_end_to_end(tmp_path):
    (tmp_path / "my_policy.py").write_text(POLICY_FILE)
    (tmp_path / "mine.yaml").write_text(textwrap.dedent("""
        extends: default
        name: mine
        policy:
          module: my_policy.py
          class: NearestSwap
          params: {share: 0.05}
    """))
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, str(ROOT / "run_sim.py"), "run",
                           str(tmp_path / "mine.yaml"), "--years", "1", "-r", "2",
                           "--set", "region.target_staff=1500", "--out", str(out), "-q"],
                          capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert proc.returncode == 0, proc.stderr
    log = pd.read_csv(out / "transfers.csv")
    assert set(log.policy) == {"nearest_swap", "request"}  # own requests run under any policy
    assert (log.loc[log.policy == "nearest_swap", "reason"] == "custom").all()
    assert (log.outcome == "executed").any()
    ts = pd.read_csv(out / "timeseries.csv")
    assert set(ts.policy) == {"NearestSwap"} or set(ts.policy) == {"nearest_swap"}
    # a malformed table from the same class: exit 2, message names policy and rows
    (tmp_path / "bad.yaml").write_text(textwrap.dedent("""
        extends: default
        policy: {module: my_policy.py, class: NearestSwap, params: {broken: true}}
    """))
    proc = subprocess.run([sys.executable, str(ROOT / "run_sim.py"), "run",
                           str(tmp_path / "bad.yaml"), "--years", "1", "-r", "1",
                           "--set", "region.target_staff=1500", "--out", str(tmp_path / "b")],
                          capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert proc.returncode == 2
    # in Indonesian, the command line's default
    assert "kebijakan 'nearest_swap'" in proc.stderr and "pegawai ganda" in proc.stderr
    assert "Traceback" not in proc.stderr and not (tmp_path / "b").exists()


def test_custom_policy_that_cannot_load_is_reported(tmp_path):
    (tmp_path / "mine.yaml").write_text("extends: default\npolicy: {module: nope.py, "
                                        "class: X}\n")
    with pytest.raises(Exception, match="file not found"):
        WorkforceModel(str(tmp_path / "mine.yaml"), **{"region.target_staff": 300})
