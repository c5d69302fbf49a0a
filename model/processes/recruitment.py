"""Recruitment (formasi): a yearly quota per occupation, appointed after a lag.

At the planning month the quota is fixed: either a share (`replacement_rate`) of the
last 12 months' departures of each occupation, or the scenario's fixed table. The
recruits are appointed `lag_months` later and placed by the placement rule:
- `most_understaffed`: one at a time to the unit with the largest FTE deficit in
  that role (each recruit counted as one FTE), computed exactly by taking the k
  largest "slots" `gap, gap - 1, gap - 2, ...` over units (greedy = top-k);
- `proportional`: in proportion to the role's required FTE (largest remainder);
- `listed`: the counts the scenario lists per unit kind, spread over those units
  by deficit.
The PPPK part of the quota (`pppk_share`) is placed by the same rule, or, with
`pppk_in_place` (the default), in proportion to the role's current staff: most PPPK
appointed since 2021 were honorary staff appointed where they already worked (Law
20/2023 art. 66), which keeps the existing distribution.
A placed formasi is filled with the probability `fill_by_area` of its unit's area
type (hard areas attract fewer eligible applicants); the rest stays vacant that year
(`new_formasi_unfilled`).
Recruits are young (age_min to age_max), mostly PPPK, less experienced (higher
adaptation difficulty) and start with `recruitment.competence_mean`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..core import exactmath
from ..core.allocation import place_most_understaffed, place_proportional
from ..core.state import retirement_month
from ..core.vocab import AREA_TYPES
from ..regions.synthetic import draw_competence, draw_homes
from .adaptation import difficulty
from .base import Process
from .demography import monthly_hazard_by_age

if TYPE_CHECKING:
    from ..world.world import World
    from .adaptation import Adaptation
    from .workload import Workload


class Recruitment(Process):
    """Owns the departure history (12 months by occupation) and the pipeline of quotas."""

    name = "recruitment"

    def __init__(self, workload: Workload, adaptation: Adaptation) -> None:
        self.workload = workload
        self.adaptation = adaptation
        self.departures = np.zeros((12, 0))  # [calendar month - 1, occupation], at setup
        self._counting = 0  # the run month whose row `departures` is counting
        self.pending: list[tuple[int, np.ndarray]] = []  # (run month due, quota)
        self.recruit_position = np.zeros(0, np.int64)  # position code by occupation code

    def setup(self, world: World) -> None:
        """Seed the departure history and the quotas planned before the start.

        Last year's formasi arrives during the first year, as in a real region; the
        departures behind it (and the history the first planning month looks back on)
        are the expected departures of the first year, spread evenly over 12 months.
        """
        p = world.params.recruitment
        self.recruit_position = world.vocab.recruit_position_code()
        self.departures = np.tile(expected_departures(world) / 12.0, (12, 1))
        self._counting = world.month
        world.on_leave(self.count_departures)
        self.pending = []
        for plan in range(world.start - 1, world.start - 1 - p.lag_months - 12, -1):
            arrive = plan + p.lag_months - world.start + 1  # run month of the appointment
            if plan % 12 + 1 == p.planning_month and arrive >= 1:
                self.pending.append((arrive, self.plan_quota(world)))

    def step(self, world: World) -> None:
        """Fix the quota at the planning month; appoint recruits whose lag has passed."""
        p = world.params.recruitment
        self.this_month(world)  # a month in which nobody has left yet counts as none
        if world.calendar_month == p.planning_month:
            self.pending.append((world.month + p.lag_months, self.plan_quota(world)))
        due = [q for m, q in self.pending if m == world.month]
        self.pending = [(m, q) for m, q in self.pending if m != world.month]
        hired = unfilled = 0
        for batch, quota in enumerate(due):
            pppk_quota = self.pppk_quota(world, quota)
            for pppk, q in ((False, quota - pppk_quota), (True, pppk_quota)):
                rule = "in_place" if pppk and p.pppk_in_place else p.placement
                unit, role = self.placements(world, q, rule)
                # one generator per batch and kind: whether each formasi is filled, then
                # the recruits' draws
                rng = world.streams.keyed("recruitment", "hire", str(world.month),
                                          str(batch), "pppk" if pppk else "pns")
                filled = self.filled(world, unit, rng)
                unfilled += int(unit.size - np.count_nonzero(filled))
                if np.any(filled):
                    hired += self.hire(world, unit[filled], role[filled], pppk, rng).size
        world.book("new_recruits", hired)
        world.book("new_formasi_unfilled", unfilled)

    @staticmethod
    def filled(world: World, unit: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        """Which placed formasi find a recruit (`fill_by_area` of the unit's area type).

        Each share is multiplied by `fill_scale`, capped at 1.
        """
        p = world.params.recruitment
        fill = np.array([min(p.fill_by_area.get(a, 1.0) * p.fill_scale, 1.0)
                         for a in AREA_TYPES])[world.units.area[unit]]
        return rng.random(unit.size) < fill

    def this_month(self, world: World) -> np.ndarray:
        """This calendar month's row of the history, cleared when a new month starts."""
        row = self.departures[world.now % 12]
        if self._counting != world.month:
            self._counting = world.month
            row[:] = 0
        return row

    def count_departures(self, world: World, rows: np.ndarray) -> None:
        """Add people leaving now to this month's departures (a `World.on_leave` listener)."""
        self.this_month(world)[:] += np.bincount(world.employees.occupation[rows],
                                                 minlength=self.departures.shape[1])

    def plan_quota(self, world: World) -> np.ndarray:
        """This year's quota per occupation (persons)."""
        p = world.params.recruitment
        if p.quota_mode == "fixed":
            return np.array([p.quota.get(o, 0) for o in world.vocab.occupations], np.int64)
        departures = self.departures.sum(axis=0)
        return np.floor(p.replacement_rate * departures + 0.5).astype(np.int64)

    @staticmethod
    def pppk_quota(world: World, quota: np.ndarray) -> np.ndarray:
        """The PPPK part of each role's quota (`pppk_share`, rounded half up)."""
        return np.floor(quota * world.params.recruitment.pppk_share + 0.5).astype(np.int64)

    def placements(self, world: World, quota: np.ndarray,
                   rule: str) -> tuple[np.ndarray, np.ndarray]:
        """Units and roles of recruits placed by `rule` (one entry per recruit)."""
        p = world.params.recruitment
        U = world.units
        req, cap = self.workload.required_fte, self.workload.capacity_fte
        staff = self.workload.staff(world) if rule == "in_place" else None
        units_out, roles_out = [], []
        if rule == "listed":
            for item in p.listed:
                r = world.vocab.occ_index[item.role]
                cand = np.flatnonzero(U.kind == U.kind_names.index(item.unit_kind))
                if cand.size and item.count:
                    units_out.append(np.repeat(cand, place_most_understaffed(
                        req[cand, r] - cap[cand, r], item.count)))
                    roles_out.append(np.full(item.count, r))
        else:
            for r in np.flatnonzero(quota > 0):
                cand = np.flatnonzero(req[:, r] > 0)
                if cand.size == 0:
                    continue  # no unit needs this role: the quota cannot be used
                if rule == "most_understaffed":
                    counts = place_most_understaffed(req[cand, r] - cap[cand, r], int(quota[r]))
                elif rule == "in_place" and staff[cand, r].sum() > 0:
                    counts = place_proportional(staff[cand, r], int(quota[r]))
                else:
                    counts = place_proportional(req[cand, r], int(quota[r]))
                units_out.append(np.repeat(cand, counts))
                roles_out.append(np.full(int(counts.sum()), r))
        if not units_out:
            return np.empty(0, np.int64), np.empty(0, np.int64)
        return np.concatenate(units_out), np.concatenate(roles_out)

    def hire(self, world: World, unit: np.ndarray, role: np.ndarray, pppk: bool,
             rng: np.random.Generator) -> np.ndarray:
        """Append recruits (all PPPK or all PNS) as new employee rows; return their row ids.

        Each batch of recruits draws from its own keyed generator `rng`.
        """
        p, reg = world.params.recruitment, world.params.region
        E, U = world.employees, world.units
        k = unit.size
        rows = np.arange(*E.append(k).indices(E.n))
        E.active[rows] = True
        E.unit[rows] = unit
        E.role[rows] = role
        E.occupation[rows] = role
        E.cell[rows] = unit * U.n_roles + role
        E.female[rows] = rng.random(k) < reg.female_share
        E.employment[rows] = pppk
        age_months = rng.integers(p.age_min * 12, p.age_max * 12 + 12, k)
        E.birth[rows] = world.now - age_months
        # recruits enter their occupation's entry position (teachers keep the teacher BUP)
        position = self.recruit_position[role]
        E.position[rows] = position
        E.retire_at[rows] = retirement_month(E.birth[rows], world.bup_by_position[position])
        E.hire_at[rows] = world.now
        contract = rows if pppk else rows[:0]
        E.contract_end[contract] = np.minimum(
            world.now + world.params.demography.pppk_contract_years * 12, E.retire_at[contract])
        world.retirements.add(rows, E.retire_at[rows])
        world.contract_ends.add(contract, E.contract_end[contract])
        E.home[rows] = draw_homes(reg, U.district[unit], world.district_w, rng)
        E.competence[rows] = draw_competence(reg, world.vocab, role, p.competence_mean, rng)
        world.refresh_competence(rows)
        E.performance[rows] = rng.beta(5, 2, k)
        E.fit[rows] = 1.0
        E.morale[rows] = 1.0
        d, tau = difficulty(world, rows, unit, np.zeros(k))
        self.adaptation.start(world, rows, d, tau)
        world.hired(rows)
        return rows


def expected_departures(world: World) -> np.ndarray:
    """Departures per occupation expected in the first year: retirements due + exits.

    Stands in for the 12 months before the start, which the model has not seen.
    """
    E = world.employees
    hazard_by_age = monthly_hazard_by_age(world.params.demography)
    act = np.flatnonzero(E.active)
    due = act[E.retire_at[act] < world.start + 12]
    age = np.clip((world.start - E.birth[act]) // 12, 0, len(hazard_by_age) - 1)
    yearly_exit = 1.0 - exactmath.ipow(1.0 - hazard_by_age[age], 12)
    n_occ = len(world.vocab.occupations)
    return (np.bincount(E.occupation[due], minlength=n_occ)
            + np.bincount(E.occupation[act], weights=yearly_exit, minlength=n_occ))
