"""Demography: retirement at BUP, exits by age-specific hazards, PPPK contracts, morale.

Order within the month:
1. retirement: everyone whose retirement month has come (the first month after
   reaching the BUP of their position type) leaves; the dates are known in advance,
   so a calendar (`model.retirements`) gives this month's rows without a scan;
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

from .. import exactmath
from ..vocab import ExitReason

if TYPE_CHECKING:
    from ..model import WorkforceModel

EXIT_CODE = {r: i for i, r in enumerate(ExitReason)}


def monthly_hazard_by_age(rates: dict[int, float], max_age: int = 80) -> np.ndarray:
    """Monthly exit hazard for ages 0..max_age from annual rates 'from age a on'."""
    table = np.zeros(max_age + 1)
    for age in sorted(rates):
        table[age:] = 1.0 - exactmath.pow_scalar(1.0 - rates[age], 1.0 / 12.0)
    return table


def retire(model: WorkforceModel) -> int:
    """Retire everyone whose retirement month has come; return how many."""
    E = model.employees
    rows = model.retirements.pop(model.now)
    rows = rows[E.active[rows]]
    model.leave(rows, ExitReason.retirement)
    return rows.size


def exit_hazard(model: WorkforceModel, rows: np.ndarray) -> np.ndarray:
    """Monthly exit hazard of `rows`: age table x overload factor x morale factor."""
    p = model.params.demography
    E = model.employees
    age = np.clip((model.now - E.birth[rows]) // 12, 0, len(model.hazard_by_age) - 1)
    overload = model.overload_cell[E.cell[rows]]
    hazard = (model.hazard_by_age[age] * (1.0 + p.overload_exit_factor * overload)
              * (1.0 + p.morale_exit_factor * (1.0 - E.morale[rows])))
    allowance = model.params.interventions.remote_allowance
    if allowance.enabled:  # retention effect of the remote-area allowance
        hazard = np.where(model.remote_units[E.unit[rows]], hazard * allowance.exit_factor,
                          hazard)
    return hazard


def exit_(model: WorkforceModel, u: np.ndarray) -> int:
    """Exits by hazard, given this month's uniforms `u` per row; return how many."""
    p = model.params.demography
    E = model.employees
    h_max = model.hazard_by_age.max() * (1 + p.overload_exit_factor) * (1 + p.morale_exit_factor)
    cand = np.flatnonzero(u < h_max)
    cand = cand[E.active[cand]]
    rows = cand[u[cand] < exit_hazard(model, cand)]
    model.leave(rows, ExitReason.exit)
    return rows.size


def contracts(model: WorkforceModel, u: np.ndarray) -> tuple[int, int]:
    """End or renew PPPK contracts ending now; return (ended, renewed)."""
    p = model.params.demography
    E = model.employees
    ending = model.contract_ends.pop(model.now)
    ending = ending[E.active[ending] & (E.contract_end[ending] <= model.now)]
    if ending.size == 0:
        return 0, 0
    h = exit_hazard(model, ending)
    v = (u[ending] - h) / (1.0 - h)  # uniform on [0, 1) given no exit this month
    renew = ending[v < p.pppk_renewal_prob]
    E.contract_end[renew] = np.minimum(model.now + p.pppk_contract_years * 12,
                                       E.retire_at[renew])
    model.contract_ends.add(renew, E.contract_end[renew])
    ended = np.setdiff1d(ending, renew, assume_unique=True)
    model.leave(ended, ExitReason.contract_end)
    return ended.size, renew.size


def morale(model: WorkforceModel) -> None:
    """Morale moves a share r of the way toward its target 1 - e * overload.

    Computed in place as morale * (1 - r) + r - r * e * overload (float32).
    """
    p = model.params.demography
    E = model.employees
    r, e = p.morale_recovery, p.overload_morale_effect
    pull = model.overload_cell[E.cell]
    pull *= np.float32(r * e)
    m = E.morale
    m *= np.float32(1.0 - r)
    m += np.float32(r)
    m -= pull


def step(model: WorkforceModel) -> None:
    """Run one month of demography and record the flows."""
    flows = model.flows
    flows["new_retirements"] = retire(model)
    u = model.streams.uniform("demography", model.month, model.employees.n)
    flows["new_exits"] = exit_(model, u)
    ended, renewed = contracts(model, u)
    flows["new_exits"] += ended
    flows["new_contract_ends"] = ended
    flows["new_contract_renewals"] = renewed
    morale(model)
