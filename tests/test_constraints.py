"""Constraints are one table: a new one is a row and its rule, read by the round and the plan.

The toy constraint below is declared here, in the test, as a newcomer would declare it
in `model/processes/constraints.py`: no other file changes, yet the round applies it,
counts and logs it, the draft plan lists it among the checks its moves passed, and its
words name a blocked move.
"""

from __future__ import annotations

import numpy as np
import pytest
from test_mutation import two_schools
from test_policies import TP, Fixed

from model.experiments.plan import draft_plan
from model.policies import Moves
from model.processes import constraints
from model.scenario.loading import load_scenario


def _remote(r: constraints.Proposals, value) -> np.ndarray:
    """Blocks a move into a remote-area unit."""
    return r.world.remote_units[r.moves.to_unit]


NO_REMOTE = constraints.declare(
    "no_remote", ("tujuan di daerah terpencil", "destination in a remote area"),
    ("tujuan bukan daerah terpencil", "destination not remote"), None, _remote)


@pytest.fixture
def toy(monkeypatch):
    """The table with the toy constraint as its last row (for this test only)."""
    monkeypatch.setitem(constraints.TABLE, "no_remote", NO_REMOTE)


def test_a_toy_constraint_is_applied_counted_and_named(toy):
    m = two_schools(policy=Fixed(Moves.build([0, 1], [1, 2], TP)))
    assert m.world.remote_units[1] and not m.world.remote_units[2]
    heard = []
    m.mutation.on_round(lambda world, record: heard.append(record))
    m.world.begin_month()
    m.mutation.step(m.world)  # January: a round month
    log = m.transfer_log.frame(m.world)
    assert log.outcome.tolist() == ["blocked:no_remote", "executed"]
    assert m.mutation.blocked_counts["no_remote"] == 1
    (record,) = heard
    assert "no_remote" in record.checks and record.blocked.tolist() == ["no_remote", ""]
    assert constraints.label("no_remote").render("id") == "tujuan di daerah terpencil"
    assert constraints.label("no_remote").render("en") == "destination in a remote area"


def test_the_plan_lists_a_toy_constraint_among_its_checks(toy):
    scenario = load_scenario("kotalama", {"region.target_staff": 400, "years": 1})
    plan = draft_plan(scenario, "balancing", lang="en")
    assert len(plan.moves) > 0
    assert plan.moves["checks_passed"].str.endswith("; destination not remote").all()
    id_plan = draft_plan(scenario, "balancing", lang="id")
    assert id_plan.moves["checks_passed"].str.endswith("; tujuan bukan daerah terpencil").all()


def test_the_checks_read_the_table_with_the_parameters_values():
    section = load_scenario("kotalama", {"mutation.constraints.max_distance_km": 40.0,
                                         "mutation.constraints.max_moves_per_year": 9}
                            ).mutation.constraints
    assert constraints.applied(section)[:2] == ("same_position", "not_eligible")
    assert "budget_idr" not in constraints.applied(section)
    en = constraints.checks(section).render("en").split("; ")
    assert en[:3] == ["eligible for the role",
                      f"in position >= {section.min_months_in_position} months",
                      f"retirement > {section.retirement_buffer_months} months away"]
    assert "distance <= 40 km" in en and "within the yearly move quota" in en
    assert "jarak <= 40 km" in constraints.checks(section).render("id")


def test_every_constraint_has_both_labels_and_a_known_parameter():
    section = load_scenario("kotalama").mutation.constraints
    for name, c in constraints.TABLE.items():
        assert c.name == name and c.label.id and c.label.en
        assert c.parameter is None or hasattr(section, c.parameter), name
        assert c.when in ("proposed", "going")
