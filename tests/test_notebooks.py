"""Smoke test: every notebook's code cells run top to bottom (small horizon)."""

from __future__ import annotations

import json
import os

import matplotlib
import pytest
from conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs(path, monkeypatch):
    matplotlib.use("Agg")
    monkeypatch.chdir(path.parent)
    monkeypatch.setitem(os.environ, "MPLBACKEND", "Agg")
    cells = json.loads(path.read_text())["cells"]
    code = ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]
    assert code
    namespace: dict = {}
    for i, src in enumerate(code):
        src = src.replace("YEARS = 5", "YEARS = 1")
        exec(compile(src, f"{path.name}[cell {i}]", "exec"), namespace)
