"""The architecture holds: the month's order, who owns what, what a policy can touch."""

from __future__ import annotations

import numpy as np
import pytest

from model import Moves, Policy, WorkforceModel
from model.core.vocab import DEFAULT_VOCABULARY
from model.processes.mutation import ModelEstimators
from model.world import World, WorldView

OCC_INDEX = DEFAULT_VOCABULARY.occ_index


def small(**overrides) -> WorkforceModel:
    return WorkforceModel("kotalama", **{"region.target_staff": 400, "years": 1, **overrides})


def test_the_month_steps_the_processes_in_the_documented_order():
    m = small()
    assert [p.name for p in m.processes] == ["demography", "demand", "recruitment",
                                             "mutation", "adaptation", "workload"]
    order = []
    for process in m.processes:
        process.step = (lambda f, name: lambda w: (order.append(name), f(w)))(
            process.step, process.name)
    m.step()
    assert order == [p.name for p in m.processes]


def test_departures_are_counted_whenever_people_leave_in_the_month():
    m = small()
    m.step()  # January: demography and recruitment have run
    nurse = OCC_INDEX["nurse"]
    row = m.recruitment.departures[m.now % 12].copy()
    leaving = np.flatnonzero(m.employees.active & (m.employees.occupation == nurse))[:2]
    m.world.leave(leaving, "exit")  # after recruitment, as a later process might
    assert m.recruitment.departures[m.now % 12, nurse] == row[nurse] + 2
    m.step()  # a new month starts a new row
    assert m.recruitment.departures[(m.now - 1) % 12, nurse] == row[nurse] + 2


class Vandal(Policy):
    """Tries to change the state it is shown, then proposes nothing."""

    name = "vandal"
    tried: list[str] = []

    def propose(self, view, rng):
        attempts = {
            "employee column": lambda: view.employees.unit.__setitem__(0, 1),
            "workload": lambda: view.required_fte.__setitem__((0, 0), 9.0),
            "movable": lambda: view.movable.__setitem__(0, False),
            "replace a column": lambda: setattr(view.employees, "unit", None),
            "estimator column": lambda: view.helpers._w.employees.home.__setitem__(0, 3),
        }
        for what, attempt in attempts.items():
            with pytest.raises((ValueError, AttributeError)):
                attempt()
            self.tried.append(what)
        return Moves()


def test_a_policy_cannot_write_the_state_through_its_view():
    m = small(policy=Vandal(), **{"mutation.requests.rate_per_year": 0.0})
    before = {c: getattr(m.employees, c).copy() for c in ("unit", "home", "role")}
    m.world.begin_month()  # January: a round month
    m.mutation.step(m.world)
    assert len(Vandal.tried) == 5
    for c, values in before.items():
        assert np.array_equal(getattr(m.employees, c), values), c


def test_estimators_hold_a_read_only_view_not_the_world_or_the_model():
    m = small()
    est = ModelEstimators(m.world)
    reachable = vars(est).values()
    assert not any(isinstance(v, World | WorkforceModel) for v in reachable)
    (view,) = reachable
    assert isinstance(view, WorldView)
    for name, value in vars(view).items():
        assert not isinstance(value, World | WorkforceModel), name
        if isinstance(value, np.ndarray):
            assert not value.flags.writeable, name
    for columns in (view.employees, view.units):
        for name, value in vars(columns).items():
            assert not value.flags.writeable, name


def _by_kind(m: WorkforceModel, kind: str) -> dict[str, np.ndarray]:
    """The units of `kind` and their people, as arrays to compare between scenarios."""
    U, E = m.units, m.employees
    units = np.flatnonzero(U.kind == U.kind_names.index(kind))
    rows = np.flatnonzero(np.isin(E.unit, units))
    out = {f"unit_{c}": getattr(U, c)[units] for c in ("names", "x_km", "y_km", "demand")}
    out |= {c: getattr(E, c)[rows] for c in ("role", "birth", "female", "employment",
                                               "position", "hire_at", "home", "competence",
                                               "performance", "contract_end")}
    return out


def test_changing_one_agency_leaves_the_other_agencies_units_and_staff_identical():
    base = WorkforceModel("default")
    health = WorkforceModel("default", **{"region.unit_kinds.puskesmas.count": 40,
                                          "region.unit_kinds.hospital.staff.doctor": 20})
    assert health.units.n != base.units.n
    for kind in ("primary_school", "secondary_school", "finance_office", "subdistrict_office"):
        a, b = _by_kind(base, kind), _by_kind(health, kind)
        for name in a:
            assert np.array_equal(a[name], b[name]), (kind, name)
    a, b = _by_kind(base, "puskesmas"), _by_kind(health, "puskesmas")
    assert len(a["unit_names"]) != len(b["unit_names"])


# --------------------------------------------------------------- messages at the source
_USER_ERRORS = {"UserError", "ScenarioError", "PolicyError", "RegionDataError"}


def _plain_text(node) -> bool:
    """A string literal, an f-string or a concatenation of them: English written inline."""
    import ast

    if isinstance(node, ast.Constant | ast.JoinedStr):
        return isinstance(node, ast.JoinedStr) or isinstance(node.value, str)
    if isinstance(node, ast.BinOp):
        return _plain_text(node.left) or _plain_text(node.right)
    return False


def test_every_user_error_is_raised_by_a_catalogue_key_not_with_inline_text():
    """A message a planner reads is a catalogue text (both languages), never an inline string."""
    import ast
    from pathlib import Path

    inline = []
    for path in sorted(Path("model").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", None) in _USER_ERRORS
                    and node.args and _plain_text(node.args[0])):
                inline.append(f"{path}:{node.lineno}")
    assert not inline, "errors raised with inline text: " + ", ".join(inline)


def test_no_message_is_translated_by_pattern_matching():
    """The regex translation of English messages is gone: nothing imports or rebuilds it."""
    from pathlib import Path

    assert not Path("model/core/messages.py").exists()
    for path in Path("model").rglob("*.py"):
        text = path.read_text()
        assert "def translate(" not in text and "translate_reason" not in text, path


# --------------------------------------------------------------- one name, one home
def test_no_class_name_is_shared_between_packages_and_no_module_is_over_400_lines():
    """A name means one thing (Demography is the process; DemographyParams its numbers),
    and every module stays small enough to read (STYLE.md)."""
    import ast
    from collections import defaultdict
    from pathlib import Path

    homes: dict[str, set[str]] = defaultdict(set)
    long = []
    for path in sorted(Path("model").rglob("*.py")):
        text = path.read_text()
        if text.count("\n") > 400:
            long.append(f"{path}: {text.count(chr(10))} lines")
        for node in ast.parse(text).body:
            if isinstance(node, ast.ClassDef):
                homes[node.name].add(path.parent.as_posix())
    shared = {name: sorted(pkgs) for name, pkgs in homes.items() if len(pkgs) > 1}
    assert not shared, shared
    assert not long, long


def test_the_code_maps_name_files_that_exist():
    """README's and ODD's code maps cite paths under model/ that are there."""
    import re
    from pathlib import Path

    examples = {"model/policies/mine.py"}  # the README's "adding a policy" example
    missing = []
    for doc in ("README.md", "docs/ODD.md", "docs/VALIDATION.md", "docs/performance.md"):
        for path in re.findall(r"`(model/[\w/]+(?:\.py)?)`", Path(doc).read_text()):
            if path not in examples and not Path(path).exists():
                missing.append(f"{doc}: {path}")
    assert not missing, missing
