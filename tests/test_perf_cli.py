"""A planner's single run starts fast (issue 24, item 7): nothing is imported before it is used.

The help and `validate` import none of the heavy packages (Dask, SALib, scipy, networkx,
matplotlib, Mesa); `import model` imports none of them either and still gives every
public name; Mesa's spatial modules, deferred while Mesa is imported
(`model.simulation`), load and work when they are used. Each case runs in a fresh
interpreter, the only way to see what an import pulls in.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import ROOT

HEAVY = ("dask", "distributed", "SALib", "scipy", "networkx", "matplotlib", "mesa", "numba",
         "llvmlite")


def modules_after(code: str) -> set[str]:
    """The top-level packages imported once `code` has run in a fresh interpreter.

    A module deferred and not used yet (`model.simulation._Deferred`) is not imported.
    """
    probe = (f"{code}\nimport json, sys\n"
             "print(json.dumps(sorted({name.split('.')[0] for name, module in "
             "sys.modules.items() if type(module).__name__ != '_Deferred'})))")
    proc = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return set(json.loads(proc.stdout.splitlines()[-1]))


def cli_modules(*argv: str) -> set[str]:
    """The top-level packages `run_sim.py ARGV` imports (its exit status ignored)."""
    return modules_after("from model.cli import main\n"
                         f"try:\n    main({list(argv)!r})\nexcept SystemExit:\n    pass")


@pytest.mark.parametrize("argv", [
    ["--help"],
    ["--lang", "en", "--help"],
    ["run", "--help"],
    ["compare", "--help"],
    ["sensitivity", "--help"],
    ["validate", str(ROOT / "scenarios" / "default.yaml")],
    ["validate", str(ROOT / "scenarios" / "salor.yaml"), "--lang", "en"],
])
def test_help_and_validate_import_nothing_heavy(argv):
    assert cli_modules(*argv) & set(HEAVY) == set()


@pytest.mark.parametrize("argv", [["--help"], ["sensitivity", "--help"]])
def test_the_help_imports_not_even_numpy(argv):
    """The help is read from the parser alone: no pandas, NumPy or Arrow (0.8 -> 0.08 s)."""
    assert cli_modules(*argv) & {"numpy", "pandas", "pyarrow"} == set()


def test_import_model_is_light_and_complete():
    code = ("import model\n"
            "names = [getattr(model, n) for n in model.__all__]\n"
            "assert model.WorkforceModel.__name__ == 'WorkforceModel'\n"
            "assert 'Experiment' in dir(model)")
    found = modules_after("import model")
    assert not found & set(HEAVY)
    assert "mesa" in modules_after(code)  # the names are all there, imported on first use


def test_a_small_region_runs_without_the_compiled_kernels():
    """numba's start (~1 s) is paid only by regions large enough to gain from it."""
    code = ("import os\nos.environ.pop('MUTASI_COMPILED', None)\n"
            "from model import WorkforceModel\n"
            "WorkforceModel(**{'region.target_staff': 400, 'years': 1}).run()")
    found = modules_after(code)
    assert "mesa" in found and not found & {"numba", "llvmlite"}


def test_missing_name_is_an_attribute_error():
    import model

    with pytest.raises(AttributeError, match="no_such_name"):
        model.no_such_name  # noqa: B018
    from model import cli  # a submodule is still imported as one

    assert cli.main is not None


def test_simulation_defers_mesa_spatial_modules_until_used():
    """Mesa imports its grids and networks (scipy.spatial, networkx) eagerly; we do not."""
    found = modules_after("from model.simulation.model import WorkforceModel")
    assert "mesa" in found
    assert not found & {"networkx", "scipy"}
    code = ("from model.simulation.model import WorkforceModel\n"
            "import sys\n"
            "deferred = sys.modules['networkx']\n"
            "assert type(deferred).__name__ == '_Deferred'\n"
            "assert 'Graph' in dir(deferred) and 'Graph' in vars(sys.modules['networkx'])\n"
            "import random\n"
            "import mesa\n"
            "from mesa.discrete_space import OrthogonalMooreGrid\n"
            "grid = OrthogonalMooreGrid((3, 3), random=random.Random(1))\n"
            "assert len(list(grid.all_cells)) == 9\n"
            "assert mesa.discrete_space.OrthogonalMooreGrid is OrthogonalMooreGrid\n"
            "import networkx as nx\n"
            "from mesa.space import NetworkGrid\n"
            "assert NetworkGrid(nx.path_graph(4)).G.number_of_nodes() == 4\n"
            "from mesa.experimental.continuous_space import ContinuousSpace\n"
            "space = ContinuousSpace([[0, 1], [0, 1]], random=random.Random(1))\n"
            "import mesa.discrete_space.network as network\n"
            "assert network.Network is mesa.discrete_space.Network")
    assert {"networkx", "scipy"} <= modules_after(code)


def test_a_deferred_module_used_first_by_several_threads_is_executed_once():
    code = ("from model.simulation.model import WorkforceModel\n"
            "import sys, threading\n"
            "import mesa\n"
            "found = []\n"
            "def use():\n"
            "    found.append(mesa.discrete_space.OrthogonalMooreGrid)\n"
            "threads = [threading.Thread(target=use) for _ in range(8)]\n"
            "for t in threads: t.start()\n"
            "for t in threads: t.join()\n"
            "assert len(found) == 8 and len(set(found)) == 1, found\n"
            "assert type(sys.modules['mesa.discrete_space']).__name__ == 'module'")
    assert "scipy" in modules_after(code)
