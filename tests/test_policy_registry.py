"""Adding a built-in policy takes one file and one line of the registry (issue 9).

The test does exactly that to a copy of the package: writes `model/policies/toy.py`,
adds one line to `model/policies/registry.py`, and checks that the scenario, the
parameter checks, `list`, a run and the transfer log all know the new policy.
"""

from __future__ import annotations

import difflib
import shutil
import subprocess
import sys
import textwrap

from conftest import ROOT

TOY = '''\
"""Policy `toy`: send the first k movable people to the largest deficit of their role."""

from __future__ import annotations

import numpy as np

from ..core.declare import ASSUMPTION, Section, par
from .base import Moves, Policy, PolicyView
from .common import available


class ToyParams(Section):
    """A test policy's parameters."""

    k: int = par(3, "persons per round", ASSUMPTION, ge=0, le=50)


class ToyPolicy(Policy):
    """Moves k people a round, each to the unit most short of their role."""

    name = "toy"
    Params = ToyParams

    def propose(self, view: PolicyView, rng: np.random.Generator) -> Moves:
        """The first k available employees, to their role's largest deficit."""
        rows = np.flatnonzero(available(view))[: self.params.k]
        roles = view.employees.role[rows]
        to_unit = np.argmin(view.gap_fte[:, roles], axis=0)
        return Moves.build(rows, to_unit=to_unit, to_role=roles, reason="toy")
'''

CHECK = '''\
import numpy as np
from model import WorkforceModel
from model.cli import main
from model.scenario.loading import load_scenario
from model.core.errors import ScenarioError

m = WorkforceModel("kotalama", policy="toy", **{"policies.toy.k": 5, "years": 1,
                                                 "region.target_staff": 600})
m.run()
log = m.transfer_log.frame(m.world)
toy = log[log.policy == "toy"]
assert len(toy) == 10 and set(toy.reason) == {"toy"}, toy  # two rounds of 5
assert (toy.outcome != "").all()
try:
    load_scenario("kotalama", {"policies.toy.k": 99})
except ScenarioError as exc:
    assert "policies.toy.k" in str(exc), exc
else:
    raise AssertionError("k = 99 is above its declared range and must be refused")
assert load_scenario("kotalama", {"compare": ["none", "toy"]}).compare == ["none", "toy"]
assert main(["list", "--params", "--markdown"]) == 0
print("TOY OK")
'''


def test_a_toy_builtin_policy_is_one_file_and_one_registry_line(tmp_path):
    shutil.copytree(ROOT / "model", tmp_path / "model",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "scenarios", tmp_path / "scenarios")
    (tmp_path / "model" / "policies" / "toy.py").write_text(TOY)
    registry = tmp_path / "model" / "policies" / "registry.py"
    before = registry.read_text()
    after = before.replace('    "optimal",\n', '    "optimal",\n    "toy",\n')
    registry.write_text(after)
    changed = [d for d in difflib.unified_diff(before.splitlines(), after.splitlines(),
                                               lineterm="", n=0)
               if d[:1] in "+-" and not d.startswith(("+++", "---"))]
    assert changed == ['+    "toy",']
    run = subprocess.run([sys.executable, "-c", textwrap.dedent(CHECK)], cwd=tmp_path,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "TOY OK" in run.stdout
    assert "policies.toy.k" in run.stdout  # `list --params` shows its parameter
