"""The adaptation factor's exponential exp(-t / tau), looked up instead of evaluated.

tau takes a handful of values (it depends on the destination's hardness and the
interventions) and t is a whole number of months, so the month reads the factors
from a table instead of evaluating `exactmath.exp` (~30 NumPy passes) for everyone
adapting. Each entry is `exactmath.exp(-t / tau)` computed as the direct formula
computes it (float64 division by the float32 tau): the bits are the same.
"""

from __future__ import annotations

import math

import numpy as np

from ..core import exactmath, kernels


class DecayTable:
    """exp(-t / tau) for whole months t >= 0, one row per distinct tau (in order of use).

    A tau the table does not take (not finite, not positive, or beyond `MAX_TAUS`
    distinct values) has row -1; callers use the formula for it.
    """

    MAX_TAUS = 1024

    def __init__(self) -> None:
        self._row: dict[float, int] = {}  # tau (a float32's exact value) -> row
        self.taus = np.empty(0, np.float32)  # tau of each row
        self.table = np.empty((0, 64))  # [row, t]

    def rows_of(self, tau: np.ndarray) -> np.ndarray:
        """Table row of each tau (new values get a row; -1: not in the table)."""
        values, inverse = np.unique(np.asarray(tau, np.float32), return_inverse=True)
        rows = np.array([self._row_for(v) for v in values], np.intp)
        return rows[inverse].reshape(-1)

    def covers(self, rows: np.ndarray, t: np.ndarray) -> bool:
        """Whether every (row, t) pair is in the table's domain (a row, t >= 0)."""
        return rows.size == 0 or (int(rows.min()) >= 0 and int(t.min()) >= 0)

    def at(self, rows: np.ndarray, t: np.ndarray) -> np.ndarray:
        """exp(-t / tau) of table rows `rows` (>= 0) at months `t` (>= 0), as float64."""
        if rows.size == 0:
            return np.empty(0)
        width = self.table.shape[1]
        t_max = int(t.max())
        if t_max >= width:
            self._widen(max(t_max + 1, 2 * width))
            width = self.table.shape[1]
        idx = rows * width
        idx += t
        return np.take(self.table.ravel(), idx)

    def recover(self, rows: np.ndarray, start: np.ndarray, d: np.ndarray,
                tau_row: np.ndarray, now: int, threshold: float, active: np.ndarray,
                adapt: np.ndarray) -> np.ndarray | None:
        """Write this month's adaptation factor of the people adapting; return who still is.

        Person k (employee row `rows[k]`, adapting since `start[k]`, difficulty `d[k]`,
        table row `tau_row[k]`) has deficit D exp(-t / tau) from the table; done when it
        falls below `threshold` or the person left: `adapt` gets 1, else 1 - deficit.
        One compiled pass (`core.kernels.adaptation_factors`); the table is widened when
        t outgrows it. None (nothing written) when a tau is not in the table.
        """
        if rows.size == 0:
            return np.ones(0, bool)
        t_max = now - int(start.min())
        if t_max >= self.table.shape[1]:
            self._widen(max(t_max + 1, 2 * self.table.shape[1]))
        return kernels.adaptation_factors(rows, start, d, tau_row, self.table, now, threshold,
                                          active, adapt)

    def factors(self, t: np.ndarray, tau: np.ndarray) -> np.ndarray:
        """exp(-t / tau) for whole months `t` and `tau` (float32), whatever the values."""
        rows = self.rows_of(tau)
        if not self.covers(rows, t):
            return exactmath.exp(-np.asarray(t).astype(np.float64) / tau)
        return self.at(rows, t)

    def _row_for(self, value: np.float32) -> int:
        key = float(value)
        row = self._row.get(key)
        if row is not None:
            return row
        if not (math.isfinite(key) and key > 0) or len(self._row) >= self.MAX_TAUS:
            return -1
        row = len(self._row)
        self._row[key] = row
        self.taus = np.append(self.taus, np.float32(value))
        self.table = np.vstack([self.table, self._values(self.taus[-1:], 0,
                                                         self.table.shape[1])])
        return row

    def _widen(self, width: int) -> None:
        old = self.table
        self.table = np.empty((old.shape[0], width))
        self.table[:, : old.shape[1]] = old
        self.table[:, old.shape[1]:] = self._values(self.taus, old.shape[1], width)

    @staticmethod
    def _values(taus: np.ndarray, first: int, width: int) -> np.ndarray:
        t = np.arange(first, width, dtype=np.float64)
        return exactmath.exp(-t[None, :] / taus[:, None])
