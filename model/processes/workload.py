"""Workload per unit and role (ABK, PermenPAN-RB 1/2020).

- productivity of a person = role fit x adaptation factor x morale effect;
- capacity (FTE) = sum over the role's staff of productivity x competence in the
  role's family;
- required FTE = demand hours / effective hours (1,250 h per FTE-year by default),
  times the seasonal factor;
- load ratio = required / capacity (a role with need but no capacity gets
  `workload.load_cap`);
- efficiency of position EJ = required FTE / staff (the ABK formula), banded A-E by
  `workload.ej_thresholds`;
- unmet hours this month = sum of max(0, required - capacity) x effective hours / 12.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..core import exactmath, kernels
from .base import Process

if TYPE_CHECKING:
    from ..world.world import World

EJ_BANDS = ("A", "B", "C", "D", "E")


def morale_factor(p, morale: np.ndarray) -> np.ndarray:
    """Productivity multiplier of morale: 1 - m * (1 - morale) (`p`: the workload section)."""
    m = p.morale_productivity
    return 1.0 - m * (1.0 - morale)


def productivity_capacity(world: World, n_cells: int) -> np.ndarray:
    """Refresh each person's productivity in place; return each workload cell's capacity.

    Productivity is fit x adapt x `morale_factor`; a cell's capacity (FTE) is the sum
    of its rows' productivity x competence. People no longer active have fit 0, so their
    productivity is 0. The morale factor is computed in place here (the monthly hot path)
    rather than by `morale_factor`; a large region does both in one compiled pass
    (`core.kernels.productivity_capacity`, the same bits).
    """
    E = world.employees
    m = world.params.workload.morale_productivity
    if world.compiled:
        capacity = np.empty(n_cells)
        kernels.productivity_capacity(E.morale, E.fit, E.adapt, E.comp_role, E.cell,
                                      np.float32(m), np.float32(1.0 - m), E.prod, capacity)
        return capacity
    prod = E.prod
    np.multiply(E.morale, np.float32(m), out=prod)
    prod += np.float32(1.0 - m)
    prod *= E.fit
    prod *= E.adapt
    weight = np.multiply(prod, E.comp_role, dtype=np.float64)
    return np.bincount(E.cell, weights=weight, minlength=n_cells)


def seasonal_factor(world: World) -> float:
    """Multiplier of demand this calendar month (1 without seasonality)."""
    p = world.params.demand
    if p.seasonality == 0:
        return 1.0
    return 1.0 + p.seasonality * exactmath.cos_month(world.calendar_month - p.peak_month)


def load_ratio(required: np.ndarray, capacity: np.ndarray, cap: float) -> np.ndarray:
    """Required / capacity, `cap` where there is need but no capacity, nan with neither."""
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = required / capacity
    ratio = np.where(capacity > 0, np.minimum(ratio, cap), np.where(required > 0, cap, np.nan))
    return ratio


def ej_category(ej: np.ndarray, thresholds: dict[str, float]) -> np.ndarray:
    """EJ band of each value; empty string where EJ is undefined.

    PermenPAN-RB 1/2020: A > 1.00, B 0.90-1.00, C 0.70-0.90, D 0.50-0.70, E < 0.50
    (a band includes its lower bound; A starts strictly above its threshold).
    """
    x = np.nan_to_num(ej, nan=-1.0)
    bands = np.full(x.shape, "E", dtype=object)
    bands[x >= thresholds["D"]] = "D"
    bands[x >= thresholds["C"]] = "C"
    bands[x >= thresholds["B"]] = "B"
    bands[x > thresholds["A"]] = "A"
    return np.where(np.isnan(ej), "", bands)


class Workload(Process):
    """Owns the workload arrays: [unit, role] required and effective FTE, overload per cell."""

    name = "workload"

    def __init__(self) -> None:
        self.required_fte = np.zeros((0, 0))
        self.capacity_fte = np.zeros((0, 0))
        self.overload_cell = np.zeros(0, np.float32)

    def setup(self, world: World) -> None:
        """Capacity and load at the start (nobody overloaded before the first count)."""
        self.overload_cell = np.zeros(world.units.demand.size, np.float32)
        self.step(world)

    def step(self, world: World) -> None:
        """Recompute productivity, capacity, required FTE and load for every unit-role."""
        p = world.params.workload
        U = world.units
        self.capacity_fte = productivity_capacity(world, U.demand.size).reshape(U.demand.shape)
        self.required_fte = U.demand * (seasonal_factor(world) / p.effective_hours)
        # overload = min(max(load - 1, 0), 1): 1 for need without capacity, 0 without need
        over = np.maximum(self.required_fte - self.capacity_fte, 0.0)
        over /= np.maximum(self.capacity_fte, 1e-9)
        self.overload_cell = np.minimum(over, 1.0).astype(np.float32).ravel()

    def staff(self, world: World) -> np.ndarray:
        """Active staff per [unit, role]."""
        return world.staff().astype(np.float64)
