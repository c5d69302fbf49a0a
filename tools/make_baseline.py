"""Write the regression baseline: the summary of a small fixed compare (`make baseline`).

The test `tests/test_regression.py` reruns the same experiment and fails when any
number drifts, so a change in results shows up in review. Update the baseline only
deliberately, with this command, and commit the new file with the change that
explains it.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from model.experiments.experiment import Experiment  # noqa: E402
from model.reporting.outputs import write_csv  # noqa: E402
from model.results.analysis import summarise  # noqa: E402
from model.scenario.loading import load_scenario  # noqa: E402

BASELINE = ROOT / "tests" / "baseline" / "summary.csv"
SETUP = {"overrides": {"region.target_staff": 1500, "years": 3, "seed": 7},
         "policies": ["none", "balancing", "optimal"], "replications": 3}


def baseline_summary():
    """The summary of the fixed regression experiment."""
    import pandas as pd

    exp = Experiment(load_scenario("default", SETUP["overrides"]), SETUP["policies"],
                     replications=SETUP["replications"])
    exp.run()
    ts = pd.concat([r.timeseries for r in exp.results], ignore_index=True)
    return summarise(ts, exp.baseline)


if __name__ == "__main__":
    BASELINE.parent.mkdir(parents=True, exist_ok=True)
    write_csv(baseline_summary(), BASELINE)
    print(f"wrote {BASELINE}")
