"""The docs match the code: the ODD parameter table, the README commands."""

from __future__ import annotations

import pandas as pd
from conftest import ROOT

from model.reporting.tables import parameters_markdown
from model.scenario.declarations import iter_parameters
from model.simulation.metrics import METRICS


def test_odd_parameter_table_is_generated_from_the_declarations():
    text = (ROOT / "docs" / "ODD.md").read_text()
    block = text.split("<!-- params:start -->\n")[1].split("\n<!-- params:end -->")[0]
    want = parameters_markdown(pd.DataFrame(iter_parameters()))
    assert block == want, "run: python run_sim.py list --params --markdown, paste into ODD.md"


def test_readme_starts_with_the_two_commands_and_lists_outputs():
    text = (ROOT / "README.md").read_text()
    first = text.index("make run")
    assert first < text.index("make test") < text.index("## Concepts")
    for name in ("timeseries.csv", "summary.csv", "units.csv", "meta.json", "scenario.yaml"):
        assert name in text
    for key in ("n_active", "unmet_hours", "load_cv", "mean_productivity"):
        assert key in text


def test_every_metric_is_documented_in_the_readme():
    text = (ROOT / "README.md").read_text()
    missing = [k for k in METRICS if f"`{k}`" not in text]
    assert missing == []
