"""Benchmark the workshop dashboard: server start, a Step (one year), a comparison.

    python tools/bench_dashboard.py [--steps 5] [--profile]

Measures, on this machine (say how busy it was: the load average is printed):

* in Python, one year of the default region as the dashboard does it
  (`controls.Session.step`: twelve months, the snapshot, the seven charts drawn),
  part by part, and the paired comparison with its defaults (6 replications x 5 years);
* `run_sim.py dashboard` from launch until the server answers HTTP, and until the
  first page shows its numbers in headless Chromium (Debian's chromium);
* in Chromium, a Step from the click until the month and all seven charts are new.

`--profile` prints where a Step's time goes (cProfile, by cumulative time). Exits 1 when
a target is missed: a Step under 2 s, the server ready under 15 s.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync"]
STEP_TARGET, READY_TARGET = 2.0, 15.0


def in_python(steps: int, profile: bool) -> dict:
    """One year, part by part, and a comparison, without a browser."""
    from model.dashboard.compare import paired_compare
    from model.dashboard.controls import Session
    from model.dashboard.model import dashboard_model, snapshot
    from model.dashboard.panels import CHARTS, chart
    from model.scenario.levers import overrides
    from model.scenario.loading import load_scenario

    base = load_scenario("default")
    cls = dashboard_model(base)
    t0 = time.perf_counter()
    session = Session(cls)
    build = time.perf_counter() - t0
    session.reset({"policy": "balancing"}, "id")
    parts: dict[str, list[float]] = {"twelve months": [], "snapshot": []}
    parts.update({f"chart {name}": [] for name in CHARTS})
    whole = []
    for _ in range(steps):
        t0 = time.perf_counter()
        session.model.step()
        t1 = time.perf_counter()
        view = snapshot(session.model)
        t2 = time.perf_counter()
        for name in CHARTS:
            t = time.perf_counter()
            chart(view, name, "id")
            parts[f"chart {name}"].append(time.perf_counter() - t)
        whole.append(time.perf_counter() - t0)
        parts["twelve months"].append(t1 - t0)
        parts["snapshot"].append(t2 - t1)
    if profile:
        prof = cProfile.Profile()
        prof.enable()
        session.step("id")
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(30)
    t0 = time.perf_counter()
    paired_compare(base, overrides({"policy": "balancing"}, base), 6, 5)
    compare = time.perf_counter() - t0
    return {"build": build, "year": statistics.median(whole), "compare": compare,
            "parts": {k: statistics.median(v) for k, v in parts.items()},
            "staff": int(session.model.employees.active.sum())}


def imports() -> dict:
    """Seconds a fresh interpreter takes to import what the server process imports."""
    out = {}
    for name, module in (("model (CLI)", "model.cli"), ("solara server", "solara.server.starlette"),
                         ("dashboard page (model, solara, scenario, first model)",
                          "model.dashboard.page")):
        code = (f"import time; t = time.perf_counter(); import {module}; "
                "print(time.perf_counter() - t)")
        done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                              text=True, check=True)
        out[name] = float(done.stdout.strip().splitlines()[-1])
    return out


def in_browser(steps: int) -> dict:
    """Server start and Steps as a participant sees them."""
    from playwright.sync_api import sync_playwright

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}/"
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "run_sim.py", "dashboard", "--port", str(port)],
                            cwd=ROOT, env={**os.environ, "PYTHONUNBUFFERED": "1"},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                urllib.request.urlopen(url, timeout=2)
                break
            except OSError:
                time.sleep(0.05)
        ready = time.perf_counter() - t0
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=FLAGS)
            page = browser.new_page(viewport={"width": 1366, "height": 768})
            page.goto(url, timeout=120_000)
            page.get_by_text("Angka utama").wait_for(timeout=120_000)
            first_page = time.perf_counter() - t0
            times = []
            for year in range(steps):
                before = page.eval_on_selector_all(".mutasi-chart img", "e => e.map(i => i.src)")
                t = time.perf_counter()
                page.get_by_role("button", name="Maju 1 tahun").click()
                page.locator("tr", has_text="Bulan simulasi").get_by_text(
                    f"{2027 + year}-12").wait_for(timeout=120_000)
                page.wait_for_function(
                    """before => { const imgs = [...document.querySelectorAll(
                         '.mutasi-chart img')];
                       return imgs.every((i, k) => i.src !== before[k] && i.complete); }""",
                    arg=before, timeout=120_000)
                times.append(time.perf_counter() - t)
            browser.close()
    finally:
        proc.terminate()
        proc.wait(20)
    return {"ready": ready, "first_page": first_page, "steps": times}


def main(argv: list[str] | None = None) -> int:
    """Run both parts, print the figures, exit 1 if a target is missed."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--steps", type=int, default=5, help="years stepped (default 5)")
    ap.add_argument("--profile", action="store_true", help="cProfile of one Step")
    args = ap.parse_args(argv)
    load = os.getloadavg()
    print(f"load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} "
          f"({os.cpu_count()} CPUs)")
    py = in_python(args.steps, args.profile)
    imported = imports()
    web = in_browser(args.steps)
    step = statistics.median(web["steps"])
    print(f"default region: {py['staff']:,} active staff")
    print(f"session model build: {py['build']:.2f} s")
    print(f"one year in Python (Session.step, median of {args.steps}): {py['year']:.2f} s")
    for part, seconds in py["parts"].items():
        print(f"  {part}: {seconds:.3f} s")
    print(f"comparison, 6 replications x 5 years: {py['compare']:.1f} s")
    for name, seconds in imported.items():
        print(f"import of {name} in a fresh interpreter: {seconds:.1f} s")
    print(f"server answers HTTP: {web['ready']:.1f} s after launch (target < {READY_TARGET:g})")
    print(f"first page with its numbers: {web['first_page']:.1f} s after launch")
    print("Step in Chromium (click -> new month and seven new charts): "
          + ", ".join(f"{t:.2f}" for t in web["steps"])
          + f" s; median {step:.2f} s (target < {STEP_TARGET:g})")
    load = os.getloadavg()
    print(f"load average after: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    return 0 if step < STEP_TARGET and web["ready"] < READY_TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
