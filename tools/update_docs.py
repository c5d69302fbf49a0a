"""Regenerate the parameter table in docs/ODD.md from the declarations (`make docs`)."""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

from model.reporting.tables import parameters_markdown  # noqa: E402
from model.scenario.params import iter_parameters  # noqa: E402

path = ROOT / "docs" / "ODD.md"
text = path.read_text()
table = parameters_markdown(pd.DataFrame(iter_parameters()))
new = re.sub(r"<!-- params:start -->\n.*?\n<!-- params:end -->",
             lambda _: f"<!-- params:start -->\n{table}\n<!-- params:end -->", text, flags=re.S)
path.write_text(new)
print(f"updated {path}")
