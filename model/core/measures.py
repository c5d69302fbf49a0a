"""Measures shown in several places, each computed by one function with one convention.

EJ (efisiensi jabatan, the ABK formula of PermenPANRB 1/2020) is a unit's (or a unit-
role's) need in FTE divided by the staff who hold it. One convention everywhere (metrics,
needs map, needs report, figures, dashboard, plan):

- need > 0 and staff > 0: need / staff;
- need > 0 and nobody: +inf — the most overloaded a unit can be (band A, "sangat
  kurang"); tables show it as "∞" or "tanpa pegawai", figures draw it at the top of the
  axis, never as a made-up finite number;
- no need and staff > 0: 0 (everybody is surplus);
- no need and nobody: NaN — there is no position to rate; it is left out of counts
  and bands.
"""

from __future__ import annotations

import numpy as np


def ej(need, staff) -> np.ndarray:
    """EJ = need (FTE) / staff, elementwise, with the conventions of the module docstring.

    Args:
        need: Need in FTE (array-like, >= 0).
        staff: Staff holding the position(s) (array-like, >= 0; counts or FTE).

    Returns:
        A float64 array of the broadcast shape of `need` and `staff`.
    """
    need = np.asarray(need, dtype=np.float64)
    staff = np.asarray(staff, dtype=np.float64)
    need, staff = np.broadcast_arrays(need, staff)
    out = np.full(need.shape, np.nan)
    held = staff > 0
    np.divide(need, staff, out=out, where=held)
    out[~held & (need > 0)] = np.inf
    return out
