"""A five-year plan of moves and needs: retirements, transfers and the formasi to propose.

Every agency draws up its needs for five years, year by year (PP 11/2017 on PNS
management; e-Formasi asks for retirements and the formasi proposed per year). The
plan runs the region R times (the replications' seeds) under the policy for `years`
with **no recruitment**, so that each year's shortfall shows, and reads, for every
unit and position:

- `retiring`: the retirement calendar of the people there at the start (the model's
  `world.retirements`, known from the data: birth dates and BUP);
- `moves_in`, `moves_out`: the transfers carried out into and out of it each year
  (mean over replications; the first round's moves are named in the plan's moves
  sheet, later ones are counts, since who moves later is uncertain);
- `existing`: staff at the start of the year (mean), `need_fte`: the ABK need that
  year (demand / effective hours, without the month's seasonality);
- `formasi`: the new positions to fill that year so that its EJ (need / staff) stays
  at or under `workload.ej_thresholds.A` (1.00: above it a unit is overloaded, band
  A) once that year's departures and moves have happened: per replication the
  cumulative shortfall `max over years so far of max(0, ceil(need / A) - staff)`,
  its increase that year, then the mean and 95 % interval over replications;
  `proposed` is whole people: each position's yearly total (its cells' means summed,
  to the nearest person) shared among its units by largest remainder, and its PPPK
  part `recruitment.pppk_share` of that total (half up, as the model's quota), shared
  among the same units.

`five_year_plan` returns the long table (one row per unit, position and year) and a
summary per position and year, as the e-Formasi needs proposal lays them out.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..core.allocation import place_proportional
from ..core.rng import replication_seeds
from ..results.analysis import mean_ci
from ..scenario.loading import load_scenario
from ..scenario.scenario import Scenario
from ..simulation.model import WorkforceModel


@dataclass
class FiveYearPlan:
    """The plan's tables: per unit-position-year (`cells`) and per position-year."""

    cells: pd.DataFrame
    positions: pd.DataFrame
    years: list[int]
    replications: int


def without_recruitment(scenario: Scenario, years: int) -> Scenario:
    """The scenario over `years` with no formasi recruited (a fixed quota of nothing)."""
    return load_scenario(scenario, {"years": years, "recruitment.quota_mode": "fixed",
                                    "recruitment.quota": {}})


def retirement_calendar(model: WorkforceModel, years: int) -> np.ndarray:
    """[year, cell]: the starting staff due to retire each year, by their cell at the start.

    Read from the model's own calendar (`world.retirements`, one entry per person and
    month, as the demography process will pop it).
    """
    w = model.world
    E = w.employees
    out = np.zeros((years, w.units.demand.size), np.int64)
    rows = np.flatnonzero(E.active[: E.n])
    due = E.retire_at[rows]
    month = due - w.start + 1  # the run month in which each retires
    inside = (month >= 1) & (month <= years * 12)
    np.add.at(out, ((month[inside] - 1) // 12, E.cell[rows[inside]]), 1)
    return out


def _one_run(scenario: Scenario, policy, seed: int, years: int,
             keep_world: bool = False) -> dict:
    """One replication: staff at each year's start, need, moves in and out per year.

    With `keep_world`, its world too (the plan names units and positions from it).
    """
    model = WorkforceModel(scenario, rng=seed, policy=policy, record_units=False,
                           agent_views="lazy")
    w = model.world
    U, p = w.units, scenario.workload
    cells = U.demand.size
    staff = np.zeros((years + 1, cells))
    need = np.zeros((years, cells))
    staff[0] = w.staff_cell
    calendar = retirement_calendar(model, years)  # of the people there at the start
    for year in range(years):
        for _ in range(12):
            model.step()
        staff[year + 1] = w.staff_cell
        need[year] = (U.demand / p.effective_hours).ravel()
    log = model.transfer_log.frame(w)
    moved = log[log["outcome"].isin(["executed", "forced"])]
    roles = {r: i for i, r in enumerate(w.vocab.occupations)}
    year_of = (moved["month"].to_numpy() - 1) // 12
    into = moved["to_unit"].to_numpy() * U.n_roles + moved["to_role"].map(roles).to_numpy()
    out_of = moved["from_unit"].to_numpy() * U.n_roles + moved["from_role"].map(roles).to_numpy()
    moves_in, moves_out = np.zeros((years, cells)), np.zeros((years, cells))
    np.add.at(moves_in, (year_of, into), 1)
    np.add.at(moves_out, (year_of, out_of), 1)
    return {"staff": staff, "need": need, "moves_in": moves_in, "moves_out": moves_out,
            "calendar": calendar, **({"world": w} if keep_world else {})}


def _allocate(means: np.ndarray, role: np.ndarray, share: float
              ) -> tuple[np.ndarray, np.ndarray]:
    """Whole formasi per [year, cell]: each position's yearly total, then PPPK among them.

    A position's total in a year is its cells' means summed, to the nearest person; it
    is shared among the cells by largest remainder (so the units' numbers add up to the
    position's, and many cells of half a person do not each become one). The PPPK part
    is `share` of the position's total (half up, as the model's own quota), shared among
    the cells in proportion to their formasi.
    """
    proposed = np.zeros(means.shape, np.int64)
    pppk = np.zeros(means.shape, np.int64)
    for y in range(means.shape[0]):
        for r in np.unique(role):
            at = np.flatnonzero(role == r)
            total = int(np.floor(means[y, at].sum() + 0.5))
            proposed[y, at] = place_proportional(means[y, at], total)
            pppk[y, at] = place_proportional(proposed[y, at].astype(float),
                                             int(np.floor(total * share + 0.5)))
    return proposed, pppk


def five_year_plan(scenario: Scenario, policy, years: int = 5,
                   replications: int | None = None) -> FiveYearPlan:
    """The plan of `policy` over `years`, from `replications` runs without recruitment."""
    reps = replications or scenario.replications
    base = without_recruitment(scenario, years)
    runs = [_one_run(base, policy, seed, years, keep_world=r == 0)
            for r, seed in enumerate(replication_seeds(scenario.seed, reps))]
    ceiling = scenario.workload.ej_thresholds["A"]
    # per replication: the cumulative shortfall, never falling (formasi filled stays)
    short = np.stack([np.maximum(0.0, np.ceil(r["need"] / ceiling - 1e-9) - r["staff"][1:])
                      for r in runs])  # [rep, year, cell]
    cumulative = np.maximum.accumulate(short, axis=1)
    new = np.diff(cumulative, axis=1, prepend=0.0)
    w = runs[0].pop("world")  # units and positions are the same in every replication
    U = w.units
    keep = np.flatnonzero((runs[0]["need"].max(axis=0) > 0) | (runs[0]["staff"][0] > 0))
    unit, role = np.divmod(keep, U.n_roles)
    codes = U.shown_codes
    means = new[:, :, keep].mean(axis=0)  # [year, kept cell]
    proposed, pppk = _allocate(means, role, scenario.recruitment.pppk_share)
    rows = []
    for y in range(years):
        for k, cell in enumerate(keep):
            values = new[:, y, cell]
            mean, lo, hi, _ = mean_ci(values) if reps > 1 else (values.mean(), np.nan,
                                                                 np.nan, np.nan)
            rows.append({
                "position": w.vocab.occupations[role[k]], "unit_code": codes[unit[k]],
                "unit": U.names[unit[k]], "year": scenario.start_year + y,
                "existing": float(np.mean([r["staff"][y, cell] for r in runs])),
                "need_fte": float(np.mean([r["need"][y, cell] for r in runs])),
                "retiring": int(runs[0]["calendar"][y, cell]),
                "moves_in": float(np.mean([r["moves_in"][y, cell] for r in runs])),
                "moves_out": float(np.mean([r["moves_out"][y, cell] for r in runs])),
                "formasi": mean, "formasi_low": max(lo, 0.0) if lo == lo else lo,
                "formasi_high": hi, "proposed": int(proposed[y, k]),
                "proposed_pns": int(proposed[y, k] - pppk[y, k]),
                "proposed_pppk": int(pppk[y, k])})
    cells = pd.DataFrame(rows)
    positions = (cells.groupby(["position", "year"], sort=False)
                 [["existing", "retiring", "moves_in", "moves_out", "formasi", "proposed",
                   "proposed_pns", "proposed_pppk"]].sum().reset_index())
    return FiveYearPlan(cells, positions, [scenario.start_year + y for y in range(years)],
                        reps)
