"""Shared fixtures: tiny hand-made regions and a small default region."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from model import WorkforceModel  # noqa: E402


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
