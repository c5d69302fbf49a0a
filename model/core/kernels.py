"""Compiled passes over every person: the month's hottest loops as one loop each.

A NumPy expression over a million rows makes one pass per operation, each reading and
writing whole columns; these loops (compiled by numba, LLVM) read each row once. They
compute exactly what the NumPy code they replaced computed, to the bit, on every CPU:

- the same IEEE operations in the same order and precision: float32 stays float32
  (constants are cast with `F32`, as NumPy 2 keeps a float32 column float32 beside a
  Python float), float64 where NumPy promoted;
- no fast-math, so LLVM neither reassociates sums nor fuses a multiply and an add into
  an FMA (whose single rounding differs); sums that NumPy did pairwise stay NumPy's;
- scatter-adds (the capacity per cell) in row order, as `np.bincount` adds them.

`tests/test_kernels.py` compares every kernel with the NumPy formula on random and
real states, bit for bit; the cross-CPU test runs them compiled for a generic x86-64.

numba is imported, and each kernel compiled (or loaded from its on-disk cache, next to
this file), the first time the kernel is called. That start costs about a second per
process (numba's import and its compiler's set-up, measured here: 0.5 + 0.5 s) while a
kernel saves ~10-15 ms a simulated month at a million staff and well under a
millisecond at a kabupaten's size, so the processes call the kernels only for large
regions (`wanted`) and keep their NumPy formula, the reference, for the rest. The
environment variable `MUTASI_COMPILED` overrides the choice: `1` always, `0` never,
`auto` (the default) from `MIN_STAFF` staff.
"""

from __future__ import annotations

import os
from typing import Any

import numpy as np

from .errors import UserError
from .text import Catalogue, Text

F32 = np.float32
# staff from which a run uses the kernels: there the month saves more than numba's start
MIN_STAFF = 250_000
MODES = {"auto": None, "1": True, "0": False}


class KernelMsg(Catalogue, area="core.kernels"):
    """What a wrong `MUTASI_COMPILED` is told."""

    bad_mode = Text("MUTASI_COMPILED={value} tidak dikenal. Yang diharapkan salah satu dari: "
                    "{allowed} (auto: dipakai mulai {staff} pegawai). Perbaiki: ubah atau "
                    "hapus variabel lingkungan itu.",
                    "MUTASI_COMPILED={value} is not known. Expected one of: {allowed} (auto: "
                    "used from {staff} staff). Fix: change or unset that environment "
                    "variable.")


def wanted(staff: int) -> bool:
    """Whether a region of `staff` employees uses the compiled kernels (`MUTASI_COMPILED`)."""
    mode = os.environ.get("MUTASI_COMPILED", "auto")
    if mode not in MODES:
        raise UserError(KernelMsg.bad_mode(value=mode, allowed=", ".join(MODES),
                                           staff=f"{MIN_STAFF:,}"))
    forced = MODES[mode]
    return staff >= MIN_STAFF if forced is None else forced


class _Kernel:
    """A function compiled by numba on its first call (and cached on disk)."""

    def __init__(self, fn) -> None:
        self.py = fn
        self.jit = None
        self.__doc__ = fn.__doc__
        self.__name__ = fn.__name__

    def __call__(self, *args: Any) -> Any:
        jit = self.jit
        if jit is None:
            import numba

            jit = self.jit = numba.njit(cache=True, nogil=True, error_model="numpy")(self.py)
        return jit(*args)


def kernel(fn) -> _Kernel:
    """Decorator: compile `fn` with numba (no fast-math) when it is first called."""
    return _Kernel(fn)


@kernel
def productivity_capacity(morale, fit, adapt, comp_role, cell, m, one_minus_m, prod,
                          capacity):
    """Productivity (morale m + (1 - m)) fit adapt (float32); capacity[cell] += it x comp.

    `m` and `one_minus_m` are float32 (1 - m rounded once, from float64); `capacity`
    (float64, one per cell) is zeroed and gets each row's prod x competence in float64,
    added in row order (as `np.bincount` adds them).
    """
    capacity[:] = 0.0
    for i in range(prod.size):
        p = (morale[i] * m + one_minus_m) * fit[i] * adapt[i]
        prod[i] = p
        capacity[cell[i]] += np.float64(p) * np.float64(comp_role[i])


@kernel
def relax_morale(morale, cell, overload_cell, keep, r, re):
    """Morale (1 - r) + r - r e overload[cell] into `morale`, float32, each step rounded.

    `keep` (= 1 - r), `r` and `re` (= r x e) are float32, each rounded once from
    float64; r e overload is rounded before it is subtracted.
    """
    for i in range(morale.size):
        x = morale[i] * keep
        x = x + r
        morale[i] = x - overload_cell[cell[i]] * re


@kernel
def adaptation_factors(rows, start, d, tau_row, table, now, threshold, active, adapt):
    """The month's adaptation factor of everyone adapting; returns who is still adapting.

    For person k (row `rows[k]`, months t = now - start[k]): deficit = d[k] x
    table[tau_row[k], t] (float64); done when deficit < threshold or no longer active;
    adapt[row] = 1 if done else 1 - deficit (rounded to float32). Returns a boolean
    `keep` per person, or None without writing anything when some (row, t) is outside
    the table (tau_row < 0, t < 0 or t >= its width): the caller then widens the table
    or uses the formula.
    """
    width = table.shape[1]
    for k in range(rows.size):
        t = now - start[k]
        if tau_row[k] < 0 or t < 0 or t >= width:
            return None
    keep = np.empty(rows.size, np.bool_)
    for k in range(rows.size):
        row = rows[k]
        deficit = np.float64(d[k]) * table[tau_row[k], now - start[k]]
        done = deficit < threshold or not active[row]
        adapt[row] = 1.0 if done else 1.0 - deficit
        keep[k] = not done
    return keep


@kernel
def adaptation_loss(rows, fit, adapt, comp_role, morale, m, unit, remote):
    """FTE each adapting person does not give: fit (1 - adapt) comp (1 - m (1 - morale)).

    float32 throughout, in the order of the metric's NumPy formula. Returns the loss of
    every person in `rows` and, in the same order, of those whose unit is remote.
    """
    one = F32(1.0)
    out = np.empty(rows.size, np.float32)
    far = np.empty(rows.size, np.float32)
    n_far = 0
    for k in range(rows.size):
        i = rows[k]
        loss = fit[i] * (one - adapt[i]) * comp_role[i] * (one - m * (one - morale[i]))
        out[k] = loss
        if remote[unit[i]]:
            far[n_far] = loss
            n_far += 1
    return out, far[:n_far]


@kernel
def select(values, mask):
    """values[mask] (a copy), as NumPy's boolean indexing gives it."""
    out = np.empty(values.size, values.dtype)
    n = 0
    for i in range(values.size):
        if mask[i]:
            out[n] = values[i]
            n += 1
    return out[:n]


@kernel
def learn(active, fit, fit_rate, grow, competence, role, unit, family_of_role, unit_family,
          rate, domain_rate, keep_w, w, comp_role, comp_domain):
    """A year's learning of every active person, then their cached competences.

    Role fit below 1 grows by fit_rate x (1 - fit). When `grow`: competence in the
    role's family grows by rate x (1 - c), and in the unit's domain, when that is
    another family, by domain_rate x (1 - c); then comp_domain = c[domain] and
    comp_role = (1 - w) c[role family] + w comp_domain. All float32 (`keep_w` = 1 - w
    rounded once), per person, as `processes.adaptation.learn` and
    `World.refresh_competence` compute them.
    """
    one = F32(1.0)
    for i in range(active.size):
        if not active[i]:
            continue
        if fit[i] < one:
            fit[i] = fit[i] + fit_rate * (one - fit[i])
        if not grow:
            continue
        rf, dom = family_of_role[role[i]], unit_family[unit[i]]
        competence[i, rf] = competence[i, rf] + rate * (one - competence[i, rf])
        if dom != rf:
            competence[i, dom] = competence[i, dom] + domain_rate * (one - competence[i, dom])
        comp_domain[i] = competence[i, dom]
        comp_role[i] = keep_w * competence[i, rf] + w * comp_domain[i]
