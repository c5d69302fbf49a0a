"""The plan of the years ahead (issue 25, item 2): retirements, transfers, formasi.

The yearly retirements are the model's own calendar; the formasi proposed, recruited
exactly in a re-run (same seeds, each January, into those units and positions), keeps
the units' EJ in band where without it a third of them are overloaded; the workbook
lays the plan out as e-Formasi does.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from model.cli import main
from model.core.rng import replication_seeds
from model.experiments.five_year import (
    five_year_plan,
    retirement_calendar,
    without_recruitment,
)
from model.processes.base import Process
from model.scenario.loading import load_scenario
from model.simulation.model import WorkforceModel

YEARS, REPS = 3, 4


@pytest.fixture(scope="module")
def scenario():
    return load_scenario("default", {"replications": REPS})


@pytest.fixture(scope="module")
def plan(scenario):
    return five_year_plan(scenario, "balancing", YEARS, REPS)


def test_the_yearly_retirements_are_the_models_calendar(scenario, plan):
    model = WorkforceModel(without_recruitment(scenario, YEARS), record_units=False)
    w = model.world
    E = w.employees
    cell_at_start = E.cell[: E.n].copy()
    popped = np.zeros((YEARS, w.units.demand.size), np.int64)
    for month in range(1, YEARS * 12 + 1):  # the calendar as demography pops it
        due = w.retirements.pop(w.start + month - 1, unique=True)
        due = due[E.retire_at[due] == w.start + month - 1]
        np.add.at(popped, ((month - 1) // 12, cell_at_start[due]), 1)
    assert np.array_equal(retirement_calendar(model, YEARS), popped)
    by_year = plan.cells.groupby("year")["retiring"].sum().to_numpy()
    assert np.array_equal(by_year, popped.sum(axis=1)) and by_year.min() > 100


class Formasi(Process):
    """Recruits exactly the plan's proposed formasi each January, by the model's verb."""

    name = "formasi"

    def __init__(self, recruitment, cells: pd.DataFrame) -> None:
        self.recruitment, self.cells = recruitment, cells[cells["proposed"] > 0]

    def setup(self, world) -> None:
        """Nothing to set up."""

    def step(self, world) -> None:
        if world.calendar_month != 1:
            return
        now = self.cells[self.cells["year"] == world.params.start_year + (world.month - 1) // 12]
        roles = {r: i for i, r in enumerate(world.vocab.occupations)}
        unit = np.repeat(now["unit_code"].astype(int).to_numpy(), now["proposed"])
        role = np.repeat(now["position"].map(roles).to_numpy(), now["proposed"])
        rng = world.streams.keyed("recruitment", "formasi", str(world.month))
        world.book("new_recruits", self.recruitment.hire(world, unit, role, False, rng).size)


def _overloaded(scenario, cells: pd.DataFrame | None) -> np.ndarray:
    """Share of unit-positions with need whose EJ is above A at each year's end (mean)."""
    base = without_recruitment(scenario, YEARS)
    limit = scenario.workload.ej_thresholds["A"]
    shares = []
    for seed in replication_seeds(scenario.seed, REPS):
        model = WorkforceModel(base, rng=seed, policy="balancing", record_units=False)
        if cells is not None:
            model.add_process(Formasi(model.recruitment, cells), after="recruitment")
        U, w = model.world.units, model.world
        year = []
        for _ in range(YEARS):
            for _ in range(12):
                model.step()
            need = (U.demand / scenario.workload.effective_hours).ravel()
            has = need > 0
            year.append(np.mean(need[has] > limit * w.staff_cell[has]))
        shares.append(year)
    return np.mean(shares, axis=0)


def test_the_formasi_proposed_keeps_the_units_in_band(scenario, plan):
    without = _overloaded(scenario, None)
    with_formasi = _overloaded(scenario, plan.cells)
    assert (without > 0.25).all()  # no recruitment: a third of unit-positions overloaded
    assert (with_formasi < 0.12).all() and (with_formasi < without / 3).all()
    cells = plan.cells
    assert (cells["proposed"] == cells["proposed_pns"] + cells["proposed_pppk"]).all()
    assert (cells["formasi_low"] <= cells["formasi"]).all()
    assert (cells["formasi"] <= cells["formasi_high"].fillna(np.inf) + 1e-9).all()


def test_plan_years_writes_the_e_formasi_sheets(tmp_path, capsys):
    out = tmp_path / "plan.xlsx"
    assert main(["plan", "--policy", "balancing", "--years", "2", "-r", "2",
                 "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Rencana 2 tahun" in printed and "formasi diusulkan" in printed
    book = pd.read_excel(out, sheet_name=None, dtype=str, engine="calamine")
    assert {"rencana_formasi", "formasi_per_jabatan"} <= set(book)
    cells, positions = book["rencana_formasi"], book["formasi_per_jabatan"]
    assert list(cells.columns[:4]) == ["Jabatan", "Kode unit", "Unit", "Tahun"]
    assert set(cells["Tahun"]) == {"2027", "2028"} and "Guru SD" in set(cells["Jabatan"])
    total = cells["Usulan formasi"].astype(int).groupby(cells["Tahun"]).sum()
    assert total.equals(positions["Usulan formasi"].astype(int)
                        .groupby(positions["Tahun"]).sum())


def test_the_plans_page_shows_the_workbooks_numbers(tmp_path, capsys):
    out = tmp_path / "rencana.xlsx"
    assert main(["plan", "--policy", "balancing", "--years", "2", "-r", "2", "--out", str(out),
                 "--pdf"]) == 0
    page = (tmp_path / "rencana.html").read_text()
    assert "Rencana mutasi dan formasi" in page and "Formasi yang diusulkan" in page
    positions = pd.read_excel(out, sheet_name="formasi_per_jabatan", dtype=str,
                              engine="calamine")
    total = positions["Usulan formasi"].astype(int).groupby(positions["Tahun"]).sum()
    for year, proposed in total.items():
        assert f"/ {proposed:,}".replace(",", ".") in page, (year, proposed)
    assert "Audit merit dan keadilan usulan" in page and "rencana.xlsx" in page
    pdfplumber = pytest.importorskip("pdfplumber")
    with pdfplumber.open(tmp_path / "rencana.pdf") as pdf:
        assert "Rencana mutasi dan formasi" in pdf.pages[0].extract_text()
    # the page is never overwritten without --force, and nothing is written then
    (tmp_path / "other.html").write_text("mine")
    capsys.readouterr()
    assert main(["plan", "--policy", "balancing", "--out", str(tmp_path / "other.xlsx")]) == 2
    assert (tmp_path / "other.html").read_text() == "mine"
    assert not (tmp_path / "other.xlsx").exists()


def test_one_replication_gives_a_plan_without_intervals(tmp_path):
    """A scenario of one replication: the intervals are empty cells, not a crash."""
    out = tmp_path / "one.xlsx"
    assert main(["plan", "--policy", "balancing", "--years", "1", "-r", "1",
                 "--out", str(out)]) == 0
    cells = pd.read_excel(out, sheet_name="rencana_formasi", engine="calamine")
    assert cells["Formasi dibutuhkan, 95 % atas"].isna().all()
