"""Adding a built-in policy takes one file (issues 9 and 23).

The test does exactly that to a copy of the package: writes `model/policies/toy.py`
(its logic, parameters, label, summary, colour and reason label) and touches nothing
else; the scenario, the parameter checks, `list`, a run, the transfer log, the ranked
table, the report, a figure's legend and the dashboard all know the new policy and show
its words and colour. A policy file without its words is refused.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap

import pytest
from conftest import ROOT

TOY = '''\
"""Policy `toy`: send the first k movable people to the largest deficit of their role."""

from __future__ import annotations

import numpy as np

from ..core.declare import ASSUMPTION, Section, par
from ..core.text import Text
from .base import Moves, Policy, PolicyView
from .common import available


class ToyParams(Section):
    """A test policy's parameters."""

    k: int = par(3, "persons per round", ASSUMPTION, ge=0, le=50)


class ToyPolicy(Policy):
    """Moves k people a round, each to the unit most short of their role."""

    name = "toy"
    label = Text("kebijakan mainan", "toy policy")
    summary = Text("memindahkan k pegawai pertama", "moves the first k people")
    color = "#123456"
    reasons = {"toy": Text("alasan mainan", "toy reason")}
    order = 60
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

# its words and colour everywhere a policy is shown
import pandas as pd
from model.reporting.labels import reason_label
from model.reporting.tables import ranked_table
from model.reporting.report import render_report
from model.reporting.figures import unmet_need_figure
from model.reporting.style import policy_color
assert main(["compare", "kotalama", "--policies", "none,toy", "--set",
             "region.target_staff=600", "--years", "1", "-r", "2", "--out", "out",
             "--quiet", "--lang", "en"]) == 0
summary = pd.read_csv("out/summary.csv")
assert "toy policy" in ranked_table(summary, "en")
assert "kebijakan mainan" in ranked_table(summary, "id")
html = render_report("out", "en")
assert "toy policy" in html and "moves the first k people" in html and "#123456" in html
assert "toy reason" == reason_label("toy", "en")
ts = pd.read_csv("out/timeseries.csv")
fig = unmet_need_figure(ts, 2027, "en")
from matplotlib.colors import to_hex
legend = {t.get_text(): to_hex(h.get_facecolor())
          for lg in fig.legends for t, h in zip(lg.get_texts(), lg.legend_handles)}
assert legend["toy policy"] == "#123456", legend
assert policy_color("toy") == "#123456"
from model.dashboard.panels import settings_text
from model.dashboard.controls import policy_label as dashboard_label
from model.scenario.levers import policy_choices
assert "toy" in policy_choices()
assert "Transfer policy: toy policy" in settings_text({"policy": "toy"}, "en")
assert dashboard_label("toy", "id") == "kebijakan mainan"
print("TOY OK")
'''


def _copy(tmp_path):
    shutil.copytree(ROOT / "model", tmp_path / "model",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "scenarios", tmp_path / "scenarios")


def test_a_toy_builtin_policy_is_one_file_shown_with_its_words_and_colour(tmp_path):
    _copy(tmp_path)
    (tmp_path / "model" / "policies" / "toy.py").write_text(TOY)
    run = subprocess.run([sys.executable, "-c", textwrap.dedent(CHECK)], cwd=tmp_path,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "TOY OK" in run.stdout
    assert "policies.toy.k" in run.stdout  # `list --params` shows its parameter


def test_a_policy_file_without_its_words_is_refused(tmp_path):
    _copy(tmp_path)
    bare = TOY.replace('    label = Text("kebijakan mainan", "toy policy")\n', "")
    bare = bare.replace('    color = "#123456"\n', "")
    (tmp_path / "model" / "policies" / "toy.py").write_text(bare)
    run = subprocess.run([sys.executable, "-c", "import model.policies"], cwd=tmp_path,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode != 0
    assert "model/policies/toy.py: policy 'toy' must declare label, color" in run.stderr


@pytest.mark.parametrize("files, expect", [
    # a subclass of a built-in that keeps its parent's words: two policies alike
    ({"strict.py": "from .balancing import BalancingPolicy\n\n\n"
                   "class StrictPolicy(BalancingPolicy):\n    name = 'strict'\n"},
     "model/policies/strict.py: policy 'strict' must declare label, summary, color"),
    # a second policy under a built-in's name
    ({"dup.py": "from .balancing import BalancingPolicy\n\n\n"
                "class DupPolicy(BalancingPolicy):\n    name = 'balancing'\n"},
     "policy name 'balancing' is taken by model/policies/balancing.py"),
    # a helper module with a shared base class (no name of its own) is not a policy
    ({"shared.py": "from .base import Policy\n\n\nclass SharedBase(Policy):\n"
                   "    def helper(self):\n        return 1\n"}, None),
])
def test_the_registry_refuses_lookalikes_and_skips_helpers(tmp_path, files, expect):
    _copy(tmp_path)
    for name, text in files.items():
        (tmp_path / "model" / "policies" / name).write_text(text)
    run = subprocess.run([sys.executable, "-c", "from model.policies import POLICIES; "
                          "print(sorted(POLICIES))"], cwd=tmp_path, capture_output=True,
                         text=True, timeout=120)
    if expect is None:
        assert run.returncode == 0, run.stderr[-2000:]
        assert "shared" not in run.stdout and "balancing" in run.stdout
    else:
        assert run.returncode != 0 and expect in run.stderr, run.stderr[-2000:]


def test_every_builtin_policy_declares_its_words_in_both_languages():
    from model.core.text import Text
    from model.policies.registry import POLICIES, check_words

    for name, cls in POLICIES.items():
        check_words(cls, name)  # raises if a word is missing
        for text in (cls.label, cls.summary, *cls.reasons.values()):
            assert isinstance(text, Text) and text.id.strip() and text.en.strip(), name


def test_every_reason_a_builtin_policy_gives_has_its_label():
    """A year of each policy: every reason in the transfer log is declared (not a raw key)."""
    from model import WorkforceModel
    from model.policies.registry import POLICIES, REASONS
    from model.processes.requests import REASONS as REQUEST_REASONS

    for name in POLICIES:
        if name == "none":
            continue
        m = WorkforceModel("kotalama", policy=name, years=1, **{"region.target_staff": 600})
        m.run()
        reasons = set(m.transfer_log.frame(m.world)["reason"])
        unknown = reasons - set(REASONS) - set(REQUEST_REASONS)
        assert not unknown, (name, unknown)


def test_a_custom_policy_is_shown_by_its_scenario_name_with_a_generated_summary():
    from model.reporting.labels import policy_label, policy_summary
    from model.reporting.style import policy_color

    assert policy_label("shuffle", "id") == "shuffle"  # the scenario's `name:`
    assert policy_summary("shuffle", "en") == "own policy (a class from the user's module)"
    assert policy_summary("shuffle", "id") == "kebijakan sendiri (kelas dari modul pengguna)"
    assert policy_color("shuffle") == policy_color("shuffle")  # a stable hash colour
    assert policy_label("balancing+shuffle", "en") == "workload balancing + shuffle"
