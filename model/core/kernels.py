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


# ---------------------------------------------------------------------- the age curve
@kernel
def age_curve(room, people, band, target, curve, rounds, settled):
    """`regions.ages.age_curve`'s rounds (smooth, rescale, until settled; 20 more).

    Every sum in NumPy's order: a float64 reduction along a row is NumPy's
    `pairwise_sum` (below 8 values one after the other; up to 128 eight running sums
    combined ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7)), then the rest), a sum
    over the groups (axis 0) one row after the other, `bincount` in order.
    """
    groups, ages = room.shape

    def pairwise(a):
        n = a.size
        if n < 8:
            res = 0.0
            for i in range(n):
                res += a[i]
            return res
        r0, r1, r2, r3 = a[0], a[1], a[2], a[3]
        r4, r5, r6, r7 = a[4], a[5], a[6], a[7]
        i = 8
        while i < n - n % 8:
            r0 += a[i]
            r1 += a[i + 1]
            r2 += a[i + 2]
            r3 += a[i + 3]
            r4 += a[i + 4]
            r5 += a[i + 5]
            r6 += a[i + 6]
            r7 += a[i + 7]
            i += 8
        res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
        while i < n:
            res += a[i]
            i += 1
        return res

    def rescale(curve):
        got_age = np.zeros(ages)
        row = np.empty(ages)
        for g in range(groups):
            for a in range(ages):
                row[a] = room[g, a] * curve[a]
            reach = pairwise(row)
            for a in range(ages):
                got_age[a] += people[g, a] / reach
        got = np.zeros(target.size)
        for a in range(ages):
            got_age[a] = got_age[a] * curve[a]
            got[band[a]] += got_age[a]
        out = np.empty(ages)
        for a in range(ages):
            b = band[a]
            factor = target[b] / max(got[b], 1e-300) if got[b] > 0 else 1.0
            out[a] = curve[a] * factor
        whole = pairwise(out)
        for a in range(ages):
            out[a] = out[a] / whole
        return out

    for round_ in range(rounds):
        before = curve
        if round_:
            smooth = np.empty(ages)
            for a in range(ages):
                left = curve[a - 1] if a > 0 else curve[0]
                right = curve[a + 1] if a < ages - 1 else curve[ages - 1]
                smooth[a] = (left + curve[a] + right) / 3
            curve = smooth
        curve = rescale(curve)
        if round_:
            worst = 0.0
            for a in range(ages):
                worst = max(worst, abs(curve[a] - before[a]) / max(curve[a], 1e-300))
            if worst < settled:
                break
    for _ in range(20):
        curve = rescale(curve)
    return curve
