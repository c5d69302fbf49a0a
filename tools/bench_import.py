"""Benchmark: import (read, validate, build) of a region's own files at scale.

Writes the built-in region scaled to N staff as files (CSV, Parquet or XLSX) into a
scratch folder, then times `check_region` (read + every check + the model's tables)
in a fresh process and reports its wall time and peak memory (max RSS). Usage:

    python tools/bench_import.py --staff 100000 --format xlsx
    python tools/bench_import.py --staff 1000000 --format csv
    python tools/bench_import.py --staff 1000000 --format parquet

Not a test: the figures go to docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def make_files(staff: int, fmt: str, folder: Path) -> Path:
    """The default region scaled to `staff`, written as the region's own files."""
    import pandas as pd

    from model.core.rng import RandomStreams
    from model.reporting.region_files import export_region
    from model.scenario.loading import load_scenario
    from model.world.world import World

    scenario = load_scenario("default", {"region.target_staff": staff})
    world = World.build(scenario, RandomStreams(scenario.seed))
    export_region(world, folder, f"bench_{staff}", "benchmark", excel=False)
    scenario_file = folder / "region.yaml"
    if fmt == "csv":
        return scenario_file
    text = scenario_file.read_text()
    if fmt == "parquet":
        for key in ("employees", "units", "workload", "occupations"):
            pd.read_csv(folder / f"{key}.csv", dtype=str, keep_default_na=False).to_parquet(
                folder / f"{key}.parquet")
            text = text.replace(f"{key}.csv", f"{key}.parquet")
    else:  # xlsx: the roster as a workbook, written once with openpyxl
        with pd.ExcelWriter(folder / "region.xlsx", engine="openpyxl") as book:
            for key in ("employees", "units", "workload", "occupations"):
                pd.read_csv(folder / f"{key}.csv", dtype=str, keep_default_na=False).to_excel(
                    book, sheet_name=key, index=False)
        for key in ("employees", "units", "workload", "occupations"):
            text = text.replace(f"{key}.csv", "region.xlsx")
    out = folder / f"region_{fmt}.yaml"
    out.write_text(text)
    return out


CHILD = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
t0 = time.perf_counter()
from model.scenario.loading import load_scenario
from model.regions.roster import check_region
s = load_scenario({path!r})
data, problems = check_region(s)
t1 = time.perf_counter()
print(json.dumps({{"seconds": t1 - t0, "staff": data.employees.n, "units": data.units.n,
                  "errors": problems.n_errors,
                  "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def main() -> int:
    """Write the files, import them in a fresh process, print the figures as JSON."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--staff", type=int, default=100_000)
    ap.add_argument("--format", choices=("csv", "parquet", "xlsx"), default="csv")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        path = make_files(args.staff, args.format, Path(tmp) / "region")
        made = time.perf_counter() - t0
        run = subprocess.run([sys.executable, "-c", CHILD.format(root=str(ROOT),
                                                                 path=str(path))],
                             capture_output=True, text=True, check=True)
        result = json.loads(run.stdout.strip().splitlines()[-1])
        result.update({"format": args.format, "files_written_s": round(made, 1)})
        print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
