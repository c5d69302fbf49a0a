"""Demography: retirement at BUP, exits by age-specific hazards, PPPK contracts, morale.

Order within the month:
1. retirement: everyone whose retirement month has come (the first month after
   reaching the BUP of their position type) leaves; the dates are known in advance,
   so a calendar (`world.retirements`) gives this month's rows without a scan (a
   date changed since, by `world.change_position`, leaves an entry that is skipped);
2. exits (death, resignation): a monthly hazard by age, raised by overload of the
   person's role in their unit and by low morale. Each row draws one uniform from
   the `demography` stream; an exit happens when it falls below the hazard. Only
   rows whose draw is below the largest possible hazard need their hazard computed
   (exact thinning), which keeps the month cheap at a million staff;
3. PPPK contracts that end this month are renewed with `pppk_renewal_prob`,
   otherwise the person leaves. The draw reuses the month's demography uniform u of
   the row: given that the person did not exit (u >= h), (u - h) / (1 - h) is again
   uniform on [0, 1), so one draw per row and month serves both decisions;
4. morale relaxes toward a target that is lower in overloaded roles.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..core import exactmath, kernels
from ..core.vocab import ExitReason
from .base import Process

if TYPE_CHECKING:
    from ..world.world import World
    from .workload import Workload


def monthly_hazard_by_age(p, max_age: int = 80) -> np.ndarray:
    """Monthly exit hazard for ages 0..max_age (`p`: the `demography` section).

    From the annual rates 'from age a on' of `exit_rate_by_age`, each multiplied by
    `exit_hazard_scale` (capped at 0.99 a year).
    """
    table = np.zeros(max_age + 1)
    rates = p.exit_rate_by_age
    for age in sorted(rates):
        rate = min(rates[age] * p.exit_hazard_scale, 0.99)
        table[age:] = 1.0 - exactmath.pow_scalar(1.0 - rate, 1.0 / 12.0)
    return table


class Demography(Process):
    """Retirements, exits, PPPK contracts and morale; reads the workload's overload."""

    name = "demography"

    def __init__(self, workload: Workload) -> None:
        self.workload = workload
        self.hazard_by_age = np.zeros(0)

    def setup(self, world: World) -> None:
        """Hazard table, the calendars, and morale at its equilibrium for the initial load."""
        E = world.employees
        self.hazard_by_age = monthly_hazard_by_age(world.params.demography)
        overload = self.workload.overload_cell[E.cell]
        E.morale[:] = 1.0 - world.params.demography.overload_morale_effect * overload
        world.retirements.add(np.arange(E.n), E.retire_at)
        pppk = np.flatnonzero(E.employment == 1)
        world.contract_ends.add(pppk, E.contract_end[pppk])

    def step(self, world: World) -> None:
        """Run one month of demography and book the flows."""
        world.book("new_retirements", self.retire(world))
        u = world.streams.uniform("demography", world.month, world.employees.n)
        exits = self.exit_(world, u)
        ended, renewed = self.contracts(world, u)
        world.book("new_exits", exits + ended)
        world.book("new_contract_ends", ended)
        world.book("new_contract_renewals", renewed)
        self.morale(world)

    def retire(self, world: World) -> int:
        """Retire everyone whose retirement month has come; return how many."""
        E = world.employees
        rows = world.retirements.pop(world.now, unique=True)  # a row may be due twice
        rows = rows[E.active[rows] & (E.retire_at[rows] <= world.now)]
        world.leave(rows, ExitReason.retirement)
        return rows.size

    def exit_hazard(self, world: World, rows: np.ndarray) -> np.ndarray:
        """Monthly exit hazard of `rows`: age table x overload factor x morale factor."""
        p = world.params.demography
        E = world.employees
        age = np.minimum(np.maximum((world.now - E.birth[rows]) // 12, 0),
                         len(self.hazard_by_age) - 1)
        overload = self.workload.overload_cell[E.cell[rows]]
        hazard = (self.hazard_by_age[age] * (1.0 + p.overload_exit_factor * overload)
                  * (1.0 + p.morale_exit_factor * (1.0 - E.morale[rows])))
        allowance = world.params.interventions.remote_allowance
        if allowance.enabled:  # retention effect of the remote-area allowance
            hazard = np.where(world.remote_units[E.unit[rows]],
                              hazard * allowance.exit_factor, hazard)
        return hazard

    def exit_(self, world: World, u: np.ndarray) -> int:
        """Exits by hazard, given this month's uniforms `u` per row; return how many."""
        p = world.params.demography
        E = world.employees
        h_max = (self.hazard_by_age.max() * (1 + p.overload_exit_factor)
                 * (1 + p.morale_exit_factor))
        cand = np.flatnonzero(u < h_max)
        cand = cand[E.active[cand]]
        rows = cand[u[cand] < self.exit_hazard(world, cand)]
        world.leave(rows, ExitReason.exit)
        return rows.size

    def contracts(self, world: World, u: np.ndarray) -> tuple[int, int]:
        """End or renew PPPK contracts ending now; return (ended, renewed)."""
        p = world.params.demography
        E = world.employees
        ending = world.contract_ends.pop(world.now, unique=True)
        ending = ending[E.active[ending] & (E.contract_end[ending] <= world.now)]
        if ending.size == 0:
            return 0, 0
        h = self.exit_hazard(world, ending)
        v = (u[ending] - h) / (1.0 - h)  # uniform on [0, 1) given no exit this month
        renewing = v < p.pppk_renewal_prob
        renew, ended = ending[renewing], ending[~renewing]
        E.contract_end[renew] = np.minimum(world.now + p.pppk_contract_years * 12,
                                           E.retire_at[renew])
        world.contract_ends.add(renew, E.contract_end[renew])
        world.leave(ended, ExitReason.contract_end)
        return ended.size, renew.size

    def morale(self, world: World) -> None:
        """Morale moves a share r of the way toward its target 1 - e * overload.

        Computed in place as morale * (1 - r) + r - r * e * overload (float32, each step
        rounded); the pull r * e * overload is computed per workload cell, then read for
        each person (a large region: one compiled pass, `core.kernels.relax_morale`).
        """
        p = world.params.demography
        E = world.employees
        r, e = p.morale_recovery, p.overload_morale_effect
        if world.compiled:
            kernels.relax_morale(E.morale, E.cell, self.workload.overload_cell,
                                 np.float32(1.0 - r), np.float32(r), np.float32(r * e))
            return
        pull = (self.workload.overload_cell * np.float32(r * e))[E.cell]
        m = E.morale
        m *= np.float32(1.0 - r)
        m += np.float32(r)
        m -= pull
