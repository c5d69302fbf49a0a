"""`run_sim.py bench`: time the monthly loop against the numpy reference, same run.

Each size runs in a fresh Python process (so peak memory is that size's own): the
default scenario scaled to N employees (`region.target_staff`), `years` simulated
years without unit snapshots. The model and the reference (`../shared/reference/
sol.py`, a floor of similar but simpler dynamics) run alternately `reps` times and
the fastest of each is kept, which damps the noise of a shared machine. Peak memory
per employee is (peak RSS - RSS after imports) / employees at the start; a size that
uses the compiled kernels (`core.kernels.wanted`) starts them before that baseline,
and their start is reported on its own. Setup is reported without and with the Mesa
agent views (created lazily above 50k staff).
A mutation round under `balancing` and under `optimal` is timed on its own and
expressed in simulated months of the rest of the model.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import runpy
import subprocess
import sys
import time
from pathlib import Path

from ..core.errors import UserError
from .messages import ExpMsg

ROOT = Path(__file__).resolve().parents[2]  # the repository
DEFAULT_REFERENCE = ROOT.parent / "shared" / "reference" / "sol.py"


def _rss_bytes() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def measure(n: int, years: int, reference: str, reps: int) -> dict:
    """Measure one size in this process; return the figures."""
    from ..simulation.model import WorkforceModel

    sol = runpy.run_path(reference)["run"]
    kernels_start = start_kernels(n)
    base = _rss_bytes()
    overrides = {"region.target_staff": n, "years": years}
    t0 = time.perf_counter()
    model = WorkforceModel(record_units=False, **overrides)
    setup = time.perf_counter() - t0
    employees = model.employees.n
    loops, refs = [], []
    for rep in range(reps):
        if rep:
            model = WorkforceModel(record_units=False, **overrides)
        t0 = time.perf_counter()
        model.run()
        loops.append(time.perf_counter() - t0)
        if rep == 0:
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        del model
        t0 = time.perf_counter()
        sol(employees, years, rep)
        refs.append(time.perf_counter() - t0)
    # setup including the Mesa agent views (created lazily above 50k staff), measured
    # last so it does not count in the peak memory of the simulation itself
    t0 = time.perf_counter()
    model = WorkforceModel(record_units=False, agent_views="eager", **overrides)
    agents_setup = time.perf_counter() - t0
    n_agents = len(model.agents)
    del model
    months = employees * years * 12
    loop, ref = min(loops), min(refs)
    month_seconds = loop / (years * 12)
    rounds = {pol: round_seconds(overrides, pol) for pol in ("balancing", "optimal")}
    return {
        "employees": employees,
        "years": years,
        "setup_seconds": round(setup, 3),
        "kernels_start_seconds": round(kernels_start, 3),
        "setup_with_agents_seconds": round(agents_setup, 3),
        "agents": n_agents,
        "loop_seconds": round(loop, 3),
        "employee_months_per_s": round(months / loop),
        "reference_seconds": round(ref, 3),
        "reference_employee_months_per_s": round(months / ref),
        "ratio": round(loop / ref, 2),
        "peak_bytes_per_employee": round((peak - base) / employees),
        "reps": reps,
        **{f"round_seconds_{pol}": round(sec, 4) for pol, sec in rounds.items()},
        **{f"round_in_months_{pol}": round(sec / month_seconds, 1)
           for pol, sec in rounds.items()},
    }


def start_kernels(n: int) -> float:
    """Start numba and load the kernels if a region of `n` staff uses them; the seconds.

    Their start (numba's import, its compiler's set-up, the compiled code: ~1 s and
    ~100 MB) is a cost per process, like the imports, so it is paid before the memory
    baseline and the setup's clock, by a small region made to use the kernels with the
    same column types as the measured one.
    """
    from ..core import kernels
    from ..simulation.model import WorkforceModel

    if not kernels.wanted(n):
        return 0.0
    before = os.environ.get("MUTASI_COMPILED")
    os.environ["MUTASI_COMPILED"] = "1"
    t0 = time.perf_counter()
    try:
        WorkforceModel(record_units=False, **{"region.target_staff": 500, "years": 1}).run()
    finally:
        if before is None:
            del os.environ["MUTASI_COMPILED"]
        else:
            os.environ["MUTASI_COMPILED"] = before
    return time.perf_counter() - t0


def round_seconds(overrides: dict, policy: str, reps: int = 3) -> float:
    """Time of one mutation round (January of the first year) under `policy`, fastest of 3."""
    from ..simulation.model import WorkforceModel

    best = float("inf")
    for _ in range(reps):
        model = WorkforceModel(record_units=False, policy=policy, **overrides)
        model.world.begin_month()  # month 1 is January: a round month
        t0 = time.perf_counter()
        model.mutation.step(model.world)
        best = min(best, time.perf_counter() - t0)
    return best


def main(args) -> int:
    """Run every size in a child process and print a table or one JSON object."""
    reference = Path(args.reference) if args.reference else DEFAULT_REFERENCE
    if not reference.is_file():
        raise UserError(ExpMsg.reference_missing(path=reference))
    try:
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        raise UserError(ExpMsg.sizes_not_numbers(sizes=args.sizes)) from None
    if not sizes or min(sizes) < 100:
        raise UserError(ExpMsg.sizes_too_small(sizes=args.sizes))
    results = []
    for n in sizes:
        reps = 5 if n <= 200_000 else 2
        cmd = [sys.executable, "-m", "model.experiments.bench", str(n), str(args.years),
               str(reference), str(reps)]
        proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=False)
        if proc.returncode != 0:
            print(proc.stderr, file=sys.stderr)
            raise RuntimeError(f"bench child for {n} employees failed")
        results.append(json.loads(proc.stdout.strip().splitlines()[-1]))
        if not args.json:
            r = results[-1]
            print(f"{r['employees']:>9,} employees x {r['years']} y:"
                  f" setup {r['setup_seconds']:6.2f} s ({r['setup_with_agents_seconds']:.1f} s"
                  " with agents"
                  + (f", kernels' start {r['kernels_start_seconds']:.1f} s"
                     if r["kernels_start_seconds"] else "") + ")"
                  f"  loop {r['loop_seconds']:6.2f} s  {r['employee_months_per_s']:>12,} emp-mo/s"
                  f"  reference {r['reference_employee_months_per_s']:>12,} emp-mo/s"
                  f"  ratio {r['ratio']:4.2f}x  peak {r['peak_bytes_per_employee']:>5} B/emp"
                  f"  round: balancing {r['round_in_months_balancing']} months,"
                  f" optimal {r['round_in_months_optimal']} months",
                  flush=True)
    if args.json:
        print(json.dumps({"sizes": results, "reference": str(reference),
                          "python": platform.python_version(), "machine": platform.machine(),
                          "cpus": os.cpu_count()}, indent=2))
    return 0


if __name__ == "__main__":
    n, years, reference, reps = sys.argv[1:5]
    print(json.dumps(measure(int(n), int(years), reference, int(reps))))
