"""Benchmark: a planner's single run end to end, and many replications (issue 24, items 6-7).

    python tools/bench_runs.py single [-n 5]            # run default --years 10 -r 1, N times
    python tools/bench_runs.py stages                   # where one such run spends its time
    python tools/bench_runs.py many [-r 1000] [--jobs 2]  # wall, CPU and the writer's peak RSS

`single` times the whole command in fresh processes (min and median of N). `stages` runs
the same command's steps in one process and prints each step's seconds (imports,
scenario, region and loop, the run's tables, the files, the figures, the report).
`many` runs `run default -r R --years 10 --jobs J` in a child process and reports its
wall time, the CPU seconds of the process that writes the folder and of its workers,
and the writer's peak resident memory (VmHWM). Each call writes into a scratch folder
that is removed after. Not a test: the figures go to docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SINGLE = ["run", "default", "--years", "10", "-r", "1", "--quiet"]

# run in a child: the command in this process, then its wall, CPU and peak memory
CHILD = """
import json, resource, sys, time
t0 = time.perf_counter()
sys.path.insert(0, {root!r})
from model.cli import main
status = main({argv!r})
wall = time.perf_counter() - t0
me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
hwm = next(line for line in open("/proc/self/status") if line.startswith("VmHWM"))
print(json.dumps({{"status": status, "wall": wall, "writer_cpu": me.ru_utime + me.ru_stime,
                  "workers_cpu": kids.ru_utime + kids.ru_stime,
                  "writer_peak_mb": int(hwm.split()[1]) / 1024}}))
"""


def single(n: int) -> None:
    """Time `run default --years 10 -r 1` end to end in N fresh processes."""
    walls = []
    for _ in range(n):
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            subprocess.run([sys.executable, str(ROOT / "run_sim.py"), *SINGLE, "--out",
                            str(Path(tmp) / "out")], check=True, cwd=ROOT,
                           stdout=subprocess.DEVNULL)
            walls.append(time.perf_counter() - t0)
    print(f"run default --years 10 -r 1, {n} processes: min {min(walls):.2f} s, "
          f"median {statistics.median(walls):.2f} s, max {max(walls):.2f} s")


def stages() -> None:
    """Print the seconds of each step of one single run, in this process (imports fresh).

    The steps of `run default --years 10 -r 1` in its order; the imports of Mesa and of
    matplotlib/jinja2 are made as steps of their own, just before their first use.
    """
    marks: list[tuple[str, float]] = [("start", time.perf_counter())]

    def mark(name: str) -> None:
        marks.append((name, time.perf_counter()))

    sys.path.insert(0, str(ROOT))
    from model.cli import build_parser

    build_parser("id")
    mark("import and build the command line")
    from model.experiments.experiment import Experiment

    exp = Experiment("default", years=10, replications=1)
    mark("the scenario (load and check)")
    from model.simulation import model as simulation

    mark("import the simulation (Mesa)")
    from model.reporting import figures, outputs, report

    timed: dict[str, float] = {}

    def timer(owner, name: str, key: str) -> None:
        fn = getattr(owner, name)

        def inner(*args, **kwargs):
            t = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                timed[key] = timed.get(key, 0.0) + time.perf_counter() - t
        setattr(owner, name, inner)

    timer(simulation.WorkforceModel, "__init__", "build the model (region)")
    timer(simulation.WorkforceModel, "run", "simulate 120 months")
    timer(outputs, "write_parquet", "write timeseries.parquet")
    timer(figures, "draw_all", "draw the figures")
    timer(report, "write_report", "write the report")
    mark("import figures and report (matplotlib, jinja2)")
    with tempfile.TemporaryDirectory() as tmp:
        exp.run_and_write(Path(tmp) / "out")
    mark("run and write the folder")
    previous = marks[0][1]
    for name, at in marks[1:]:
        print(f"{name:48s} {at - previous:6.2f} s")
        previous = at
    for key, seconds in timed.items():
        print(f"  of which: {key:38s} {seconds:6.2f} s")
    rest = marks[-1][1] - marks[-2][1] - sum(timed.values())
    print(f"  of which: {'the rest (the run tables, files)':38s} {rest:6.2f} s")
    print(f"{'total':48s} {marks[-1][1] - marks[0][1]:6.2f} s")


def many(replications: int, jobs: int) -> None:
    """Run R replications on J workers in a child process; print wall, CPU, peak memory."""
    with tempfile.TemporaryDirectory() as tmp:
        argv = ["run", "default", "-r", str(replications), "--years", "10", "--jobs",
                str(jobs), "--quiet", "--out", str(Path(tmp) / "out")]
        code = CHILD.format(root=str(ROOT), argv=argv)
        proc = subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT,
                              capture_output=True, text=True)
    found = json.loads(proc.stdout.splitlines()[-1])
    print(f"run default -r {replications} --years 10 --jobs {jobs}: "
          f"wall {found['wall']:.1f} s, writer CPU {found['writer_cpu']:.1f} s, "
          f"workers CPU {found['workers_cpu']:.1f} s, "
          f"writer peak RSS {found['writer_peak_mb']:.0f} MB (exit {found['status']})")


def main() -> int:
    """Parse the command line and run the benchmark asked for."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="what", required=True)
    p = sub.add_parser("single")
    p.add_argument("-n", type=int, default=5)
    sub.add_parser("stages")
    p = sub.add_parser("many")
    p.add_argument("-r", type=int, default=1000)
    p.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    if args.what == "single":
        single(args.n)
    elif args.what == "stages":
        stages()
    else:
        many(args.r, args.jobs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
