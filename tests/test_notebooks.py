"""Every notebook runs top to bottom under a real Jupyter kernel (small settings).

nbclient starts an IPython kernel of this interpreter (the project's .venv) and
executes the cells in order, as `jupyter lab` would; an error in any cell fails the
test with that cell's traceback. MUTASI_NOTEBOOK_SMALL=1 makes every study small.
The notebooks are stored without outputs.
"""

from __future__ import annotations

import os

import pytest
from conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_the_six_studies_are_there():
    assert [p.name for p in NOTEBOOKS] == ["01_quickstart.ipynb", "02_policy_comparison.ipynb",
                                           "03_sensitivity.ipynb", "04_own_region.ipynb",
                                           "05_draft_to_decision.ipynb",
                                           "06_policy_search.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_is_stored_without_outputs(path):
    nbformat = pytest.importorskip("nbformat")  # imported here: it takes ~1 s
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None, path.name


@pytest.mark.slow  # six studies under a kernel each: `make test-slow`
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_under_a_real_kernel(path, tmp_path, monkeypatch):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    monkeypatch.setenv("MUTASI_NOTEBOOK_SMALL", "1")
    monkeypatch.setenv("MUTASI_NOTEBOOK_OUT", str(tmp_path))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=600, kernel_name="python3",
                                     resources={"metadata": {"path": str(path.parent)}})
    client.execute()  # raises CellExecutionError, with the cell and traceback, on an error
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert os.listdir(tmp_path)  # the studies wrote their folders where they were told
