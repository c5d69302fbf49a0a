"""Shared fixtures: tiny hand-made regions and a small default region.

How the suite runs (issue 24, item 8):

- `make test` runs `pytest -n 2 --dist loadscope` (pytest-xdist): two worker processes
  share the tests, each test module on one worker (its module fixtures built once);
  `pytest_xdist_make_scheduler` below orders them. Every test must also pass alone and
  under plain `pytest` (one process): a test writes only under its `tmp_path` (each
  worker has its own), a server takes a free port, and nothing depends on which test
  ran before in the process.
- Tests marked `slow` (the dashboard's two-minute soak and the long studies: notebooks,
  sweeps, a Morris study, the Dask executor) are skipped by `make test` and run by
  `make test-slow`, which CI runs after it.
- Collecting imports every test module in every worker: a package that takes seconds to
  import (the EMA Workbench, nbclient) is imported by the tests that use it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from model import WorkforceModel  # noqa: E402

# ------------------------------------------------------------------ two workers
# the module started first (a dashboard server with Chromium; in `make test-slow`, the
# two-minute soak), and the many small independent checks that fill the end of the run
FIRST = ("tests/test_dashboard.py",)
FILLER = ("tests/test_bad_values.py",)


def _rank(unit: tuple[str, dict]) -> tuple[int, int]:
    scope, tests = unit
    if scope in FIRST:
        return 0, FIRST.index(scope)
    if scope.split("::", 1)[0] in FILLER:
        return 2, 0
    return 1, -len(tests)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """`--dist loadscope` for two workers: whole modules, FIRST first, then the larger
    modules, and FILLER's tests last and one by one, so that both workers end together."""
    if config.getvalue("dist") != "loadscope":
        return None
    from collections import OrderedDict

    from xdist.scheduler import LoadScopeScheduling

    class Scheduling(LoadScopeScheduling):
        ordered = False

        def _split_scope(self, nodeid: str) -> str:
            module = nodeid.split("::", 1)[0]
            return nodeid if module in FILLER else module

        def _assign_work_unit(self, node) -> None:
            if not self.ordered:
                self.workqueue = OrderedDict(sorted(self.workqueue.items(), key=_rank))
                self.ordered = True
            super()._assign_work_unit(node)

        def _reschedule(self, node) -> None:
            # a worker starts a test once it holds the next one: a worker whose one test
            # left is FIRST's (the soak) gets the smallest unit to follow it, not the next
            # large one, which would wait behind the soak while the other worker idles
            work = self.assigned_work.get(node, {})
            left = [scope for scope, tests in work.items() if not all(tests.values())]
            if self.workqueue and left and set(left) <= set(FIRST) \
                    and self._pending_of(work) == 1:
                self.workqueue.move_to_end(next(reversed(self.workqueue)), last=False)
            super()._reschedule(node)

    return Scheduling(config, log)


def tiny_region(**region_overrides) -> dict:
    """Two districts (urban capital, remote), a school kind and a puskesmas kind."""
    region = {
        "name": "Tiny",
        "districts": [
            {"name": "Capital", "area_type": "urban", "x_km": 0, "y_km": 0},
            {"name": "Far", "area_type": "remote", "x_km": 100, "y_km": 0},
        ],
        "unit_kinds": {
            "school": {"agency": "education", "count": 1, "location": "each", "size_sd": 0,
                       "staff": {"teacher_primary": 10}},
            "clinic": {"agency": "health", "count": 1, "location": "capital", "size_sd": 0,
                       "staff": {"nurse": 5}},
        },
        "demand_sd": 0.0,
        "staffing_by_area": {"urban": 1.0, "remote": 1.0},
    }
    region.update(region_overrides)
    return region


def tiny_scenario(**overrides) -> dict:
    """A complete scenario mapping (no extends) around `tiny_region`."""
    data = {"name": "tiny", "years": 1, "seed": 7, "region": tiny_region(),
            "demand": {"shock_rate": 0.0}}
    data.update(overrides)
    return data


@pytest.fixture
def tiny_model() -> WorkforceModel:
    return WorkforceModel(tiny_scenario())


@pytest.fixture(scope="session")
def example(tmp_path_factory):
    """The example region's files (CSV and XLSX) and scenario, written by init-region.

    Shared by the tests of a region's own files; tests that spoil it work on a copy.
    """
    from model.cli import main

    folder = tmp_path_factory.mktemp("example") / "region"
    assert main(["init-region", str(folder)]) == 0
    return folder


@pytest.fixture(scope="session")
def small_overrides() -> dict:
    """The default scenario scaled down for fast functional tests."""
    return {"region.target_staff": 1500, "years": 3}


# ------------------------------------------------------------------ the browser
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run", "--disable-sync"]


def chromium_executable() -> str | None:
    """Debian's Chromium (apt package `chromium`), or None."""
    import shutil

    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium driven by playwright's Python client (no browser download).

    Skipped, with the reason, only when Chromium or the playwright client is absent
    (a failure instead under `make test-slow`, whose soak test must run).
    """
    # `make test-slow` sets MUTASI_REQUIRE_BROWSER: there the soak must run, never skip
    missing = pytest.fail if os.environ.get("MUTASI_REQUIRE_BROWSER") else pytest.skip
    path = chromium_executable()
    if path is None:
        missing("Chromium not installed (Debian: apt-get install chromium); "
                "`make test` installs it when it can")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("the playwright Python client is not installed (pip install playwright)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS)
        yield b
        b.close()
