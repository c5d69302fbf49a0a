"""Regression: a small fixed experiment must reproduce tests/baseline/summary.csv.

A failure means results changed. If the change is intended, run `make baseline` and
commit the new baseline together with the change that explains it.
"""

from __future__ import annotations

import sys

import numpy as np
import pandas as pd
from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))

from make_baseline import BASELINE, baseline_summary  # noqa: E402


def test_results_have_not_drifted_from_the_baseline():
    want = pd.read_csv(BASELINE)
    got = baseline_summary()
    assert list(got.columns) == list(want.columns)
    assert got[["policy", "metric"]].equals(want[["policy", "metric"]])
    numeric = want.select_dtypes("number").columns
    drift = []
    for col in numeric:
        a, b = got[col].to_numpy(float), want[col].to_numpy(float)
        bad = ~np.isclose(a, b, rtol=1e-6, atol=1e-9, equal_nan=True)
        drift += [f"{want.policy[i]} {want.metric[i]} {col}: {b[i]!r} -> {a[i]!r}"
                  for i in np.flatnonzero(bad)]
    assert not drift, ("results drifted from tests/baseline/summary.csv (run `make baseline` "
                       "if the change is intended):\n  " + "\n  ".join(drift[:20]))
