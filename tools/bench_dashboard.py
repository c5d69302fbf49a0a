"""Benchmark the workshop dashboard: server start, a Step (one year), a comparison.

    python tools/bench_dashboard.py [--steps 5] [--profile] [--only python|browser]
                                    [--root OTHER_CHECKOUT]

Measures, on this machine (say how busy it was: the load average is printed):

* in Python, one year of the default region as the dashboard does it
  (`controls.Session.step`: twelve months, the snapshot, the seven charts drawn),
  part by part, and the paired comparison with its defaults (6 replications x 5 years);
* `run_sim.py dashboard` from launch until the server answers HTTP, and until the
  first page shows its numbers in headless Chromium (Debian's chromium);
* in Chromium, a Step from the click until the month and all seven charts are new and
  decoded, on the browser's own clock (what a participant waits for), and as the
  driver sees it (its round trips added).

`--profile` prints where a Step's time goes (cProfile, by cumulative time). `--root`
runs the server of another checkout (`git archive <commit> | tar -x -C DIR`), to
compare a change with the code before it on the same machine at the same time.
Exits 1 when a target is missed: a Step under 1 s (median), the server ready under
15 s.
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
STEP_TARGET, READY_TARGET = 1.0, 15.0
IMAGES_LOADED = ("() => [...document.querySelectorAll('.mutasi-chart img')]"
                 ".every(i => i.complete && i.naturalWidth > 0)")


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
        view = snapshot(session.model, session.painter)  # as Session.step takes it
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


# Installed in the page: the time of a click, of the new month in the key numbers, and
# of each chart's new image decoded, all on the browser's clock (performance.now), so
# the wait a participant sees is measured without the driver's own round trips.
WATCH = """() => {
  window.__step = null;
  document.addEventListener('click', () => {
    window.__step = {click: performance.now(), month: null, charts: {}};
  }, true);
  new MutationObserver(changes => {
    const step = window.__step;
    if (!step) return;
    for (const change of changes) {
      const img = change.target;
      if (change.type !== 'attributes' || img.tagName !== 'IMG') continue;
      const card = img.closest('.mutasi-chart');
      if (!card) continue;
      img.decode().then(() => { step.charts[card.className] = performance.now(); })
         .catch(() => {});
    }
    if (step.month === null && document.querySelector('.mutasi-numbers')
          .innerText.includes(window.__expect)) step.month = performance.now();
  }).observe(document.body, {subtree: true, attributes: true, attributeFilter: ['src'],
                             childList: true, characterData: true});
}"""
SHOWN = """n => window.__step && window.__step.month !== null
                 && Object.keys(window.__step.charts).length === n"""


def in_browser(steps: int, root: Path = ROOT) -> dict:
    """Server start and Steps as a participant sees them (the server run from `root`)."""
    from playwright.sync_api import expect, sync_playwright

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}/"
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "run_sim.py", "dashboard", "--port", str(port)],
                            cwd=root, env={**os.environ, "PYTHONUNBUFFERED": "1"},
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
            page.wait_for_function(IMAGES_LOADED, timeout=120_000)
            page.wait_for_timeout(1000)  # the first page's last messages, as a reader looks
            page.evaluate(WATCH)
            n_charts = page.locator(".mutasi-chart img").count()
            waits, driver = [], []
            button = page.get_by_role("button", name="Maju 1 tahun")
            for year in range(steps):
                expect(button).to_be_enabled(timeout=120_000)  # the last year is done
                page.evaluate("m => { window.__expect = m; }", f"{2027 + year}-12")
                t = time.perf_counter()
                button.click()
                page.wait_for_function(SHOWN, arg=n_charts, timeout=120_000)
                driver.append(time.perf_counter() - t)
                step = page.evaluate("() => window.__step")
                waits.append((max(step["month"], *step["charts"].values()) - step["click"])
                             / 1000)
            browser.close()
    finally:
        proc.terminate()
        proc.wait(20)
    return {"ready": ready, "first_page": first_page, "steps": waits, "driver": driver,
            "charts": n_charts}


def main(argv: list[str] | None = None) -> int:
    """Run the parts asked for, print the figures, exit 1 if a target is missed."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--steps", type=int, default=5, help="years stepped (default 5)")
    ap.add_argument("--profile", action="store_true", help="cProfile of one Step")
    ap.add_argument("--only", choices=("python", "browser"),
                    help="only the part in Python, or only the server and Chromium")
    ap.add_argument("--root", type=Path, default=ROOT,
                    help="the checkout whose server the browser part runs (default: this "
                         "one; another, e.g. `git archive` of an older commit, to compare)")
    args = ap.parse_args(argv)
    load = os.getloadavg()
    print(f"load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} "
          f"({os.cpu_count()} CPUs)")
    ok = True
    if args.only != "browser":
        py = in_python(args.steps, args.profile)
        print(f"default region: {py['staff']:,} active staff")
        print(f"session model build: {py['build']:.2f} s")
        print(f"one year in Python (Session.step, median of {args.steps}): {py['year']:.2f} s")
        for part, seconds in py["parts"].items():
            print(f"  {part}: {seconds:.3f} s")
        print(f"comparison, 6 replications x 5 years: {py['compare']:.1f} s")
        for name, seconds in imports().items():
            print(f"import of {name} in a fresh interpreter: {seconds:.1f} s")
    if args.only != "python":
        web = in_browser(args.steps, args.root.resolve())
        step = statistics.median(web["steps"])
        print(f"server ({args.root.resolve()}) answers HTTP: {web['ready']:.1f} s after launch "
              f"(target < {READY_TARGET:g})")
        print(f"first page with its numbers: {web['first_page']:.1f} s after launch")
        print(f"Step in Chromium, click -> new month and {web['charts']} new charts decoded "
              "(browser clock): " + ", ".join(f"{t:.2f}" for t in web["steps"])
              + f" s; min {min(web['steps']):.2f}, median {step:.2f} s "
              f"(target < {STEP_TARGET:g})")
        print("  the same seen by the driver (playwright's round trips added): "
              + ", ".join(f"{t:.2f}" for t in web["driver"]) + " s")
        ok = step < STEP_TARGET and web["ready"] < READY_TARGET
    load = os.getloadavg()
    print(f"load average after: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
