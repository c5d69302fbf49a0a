"""Regenerate the tables the docs quote from the code (`make docs`).

- docs/ODD.md, between `<!-- params:start/end -->`: the parameter declarations;
- docs/VALIDATION.md, between `<!-- calibration:start/end -->`: the output of
  `python run_sim.py calibration --lang en --markdown` on the default region.
"""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

from model.experiments.calibration import calibrate  # noqa: E402
from model.reporting.tables import calibration_markdown, parameters_markdown  # noqa: E402
from model.scenario.declarations import iter_parameters  # noqa: E402


def replace_block(path: Path, name: str, table: str) -> None:
    """Put `table` between the `<!-- name:start -->` and `<!-- name:end -->` markers."""
    text = path.read_text()
    pattern = rf"<!-- {name}:start -->\n.*?\n<!-- {name}:end -->"
    if not re.search(pattern, text, flags=re.S):
        sys.exit(f"{path}: markers <!-- {name}:start/end --> not found")
    new = re.sub(pattern, lambda _: f"<!-- {name}:start -->\n{table}\n<!-- {name}:end -->",
                 text, flags=re.S)
    path.write_text(new)
    print(f"updated {path} ({name})")


replace_block(ROOT / "docs" / "ODD.md", "params",
              parameters_markdown(pd.DataFrame(iter_parameters())))
replace_block(ROOT / "docs" / "VALIDATION.md", "calibration",
              calibration_markdown(calibrate("default"), "en"))
