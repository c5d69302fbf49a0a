"""Where a simulated month's time goes: the processes and the functions, at one size.

Runs the default region scaled to N staff for Y years (as `run_sim.py bench` does:
policy `none`, no unit snapshots) under cProfile and prints two tables as Markdown:
the share of the loop each step of the month takes (the processes, metrics and the
Mesa bookkeeping) and the functions with the most own time. Issue 24 writes these
tables in docs/performance.md before and after removing the month's fixed cost:

    python tools/profile_month.py --staff 10000 --years 5
    python tools/profile_month.py --staff 100000 --years 5 --top 15
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from model.simulation.model import WorkforceModel  # noqa: E402

# the steps of a month, as the profile names their functions (file fragment, function)
STEPS = {
    "demography": ("processes/demography.py", "step"),
    "demand": ("processes/demand.py", "step"),
    "recruitment": ("processes/recruitment.py", "step"),
    "mutation": ("processes/mutation.py", "step"),
    "adaptation": ("processes/adaptation.py", "step"),
    "workload": ("processes/workload.py", "step"),
    "metrics": ("simulation/metrics.py", "measure"),
    "Mesa DataCollector": ("mesa/datacollection.py", "collect"),
}


def profile(staff: int, years: int) -> tuple[pstats.Stats, float, int]:
    """Profile one run's loop; return the stats, the loop's seconds and the staff."""
    model = WorkforceModel(record_units=False, **{"region.target_staff": staff,
                                                  "years": years})
    staff_at_start = model.employees.n  # recruits add rows during the run
    prof = cProfile.Profile()
    t0 = time.perf_counter()
    prof.enable()
    model.run()
    prof.disable()
    return pstats.Stats(prof), time.perf_counter() - t0, staff_at_start


def main() -> int:
    """Print the two tables for one size."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--staff", type=int, default=10_000)
    ap.add_argument("--years", type=int, default=5)
    ap.add_argument("--top", type=int, default=12)
    args = ap.parse_args()
    stats, wall, n = profile(args.staff, args.years)
    total = stats.total_tt
    months = args.years * 12
    print(f"{n:,} staff, {args.years} years: loop {wall:.3f} s under cProfile "
          f"({1000 * wall / months:.2f} ms a month); profiled time {total:.3f} s\n")
    print("| step of the month | cumulative s | share |\n|---|---|---|")
    for step, (fragment, name) in STEPS.items():
        cum = sum(v[3] for (file, _, func), v in stats.stats.items()
                  if func == name and file.replace("\\", "/").endswith(fragment))
        print(f"| {step} | {cum:.3f} | {100 * cum / total:.1f} % |")
    print("\n| function (own time) | calls | own s | share |\n|---|---|---|---|")
    rows = sorted(stats.stats.items(), key=lambda kv: kv[1][2], reverse=True)[: args.top]
    for (file, line, func), (_, calls, own, _, _) in rows:
        where = file.replace("\\", "/").split("/model/")[-1].split("site-packages/")[-1]
        print(f"| `{func}` ({where}:{line}) | {calls:,} | {own:.3f} | "
              f"{100 * own / total:.1f} % |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
