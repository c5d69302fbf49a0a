"""What the month's metric formulas read: the world at the month's end and shared sums.

`Measures` is built once a month (`metrics.measure`); each METRICS formula reads its
properties, and intermediates shared by several formulas are computed once. Every sum
accumulates in float64 by plain NumPy reductions in a fixed (pairwise) order, never
BLAS, so the bits are the same on every CPU.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

from ..core import kernels
from ..core.measures import ej
from ..processes.workload import load_ratio, morale_factor

if TYPE_CHECKING:
    from ..processes.fairness import FairnessTally
    from ..processes.workload import Workload
    from ..world.world import World


def gini(x: np.ndarray) -> float:
    """Gini coefficient of finite non-negative values (0 = all equal)."""
    n = x.size
    whole = total(x)
    if n == 0 or whole == 0:
        return 0.0
    x = np.sort(x)
    return total((2 * np.arange(1, n + 1) - n - 1) * x) / (n * whole)


def total(x: np.ndarray) -> float:
    """Sum in float64 by NumPy's pairwise reduction: the same bits on every CPU.

    `np.add.reduce` is what `np.sum` calls, without its Python wrappers (this runs
    ~15 times a month).
    """
    return float(np.add.reduce(x, axis=None, dtype=np.float64))


def load_moments(load: np.ndarray, mean: float | None = None) -> tuple[float, float]:
    """Mean and standard deviation of units' loads (0, 0 without units; `mean` if known).

    The sums are `total`'s: the same bits on every CPU, and for a region's units or
    for every unit of a group of governments (`model.governments.aggregate`).
    """
    if not load.size:
        return 0.0, 0.0
    if mean is None:
        mean = total(load) / load.size
    dev = load - mean
    return mean, float(np.sqrt(total(dev * dev) / load.size))


def row_sums(x: np.ndarray) -> np.ndarray:
    """Sum of each row in float64 (a plain reduction; `x @ ones` would use BLAS)."""
    return np.add.reduce(x, axis=1, dtype=np.float64)


class Measures:
    """What the month's formulas read: the world at the month's end and the shared sums.

    Every sum accumulates in float64 by plain NumPy reductions in a fixed order, never
    BLAS (whose kernel, and so its rounding, changes with the CPU); unmet = need -
    covered, exactly. Shared intermediates are computed once, when a formula first
    needs them.
    """

    def __init__(self, world: World, workload: Workload, adapting: np.ndarray,
                 fairness: FairnessTally | None = None) -> None:
        self.world = world
        self.params = world.params
        self.p = world.params.workload
        self.E = world.employees
        self.flows = world.flows
        self.remote = world.remote_units
        self.req, self.cap = workload.required_fte, workload.capacity_fte
        self.adapting = adapting
        self.fairness = fairness

    @cached_property
    def n_active(self) -> int:
        """Active staff."""
        return int(np.count_nonzero(self.E.active))

    @cached_property
    def n_pppk(self) -> int:
        """Active PPPK staff."""
        return self.world.n_pppk

    @cached_property
    def unit_req(self) -> np.ndarray:
        """Required FTE per unit."""
        return row_sums(self.req)

    @cached_property
    def unit_cap(self) -> np.ndarray:
        """Effective capacity (FTE) per unit."""
        return row_sums(self.cap)

    @cached_property
    def unit_covered(self) -> np.ndarray:
        """Need covered per unit: sum over roles of min(required, capacity)."""
        return row_sums(np.minimum(self.req, self.cap))

    @cached_property
    def total_req(self) -> float:
        """Required FTE of the region."""
        return total(self.unit_req)

    @cached_property
    def total_covered(self) -> float:
        """Need covered in the region (FTE)."""
        return total(self.unit_covered)

    @cached_property
    def unmet_fte(self) -> float:
        """Need not covered in the region (FTE): need minus covered, exactly."""
        return float(max(self.total_req - self.total_covered, 0.0))

    @cached_property
    def unit_staff(self) -> np.ndarray:
        """Active staff (headcount) per unit."""
        return self.world.staff().sum(axis=1).astype(np.float64)

    @cached_property
    def unit_ej(self) -> np.ndarray:
        """EJ of each unit with need (ABK, `core.measures.ej`): need without staff is +inf (A)."""
        has_need = self.unit_req > 0
        return ej(self.unit_req[has_need], self.unit_staff[has_need])

    @cached_property
    def remote_req(self) -> float:
        """Required FTE in remote units."""
        return total(self.unit_req[self.remote])

    @cached_property
    def unit_load(self) -> np.ndarray:
        """Effective load of each unit with need: need / competence-weighted capacity."""
        has_need = self.unit_req > 0
        return load_ratio(self.unit_req[has_need], self.unit_cap[has_need], self.p.load_cap)

    @cached_property
    def mean_load(self) -> float:
        """Mean load ratio over units with need."""
        return load_moments(self.unit_load)[0]

    @cached_property
    def load_sd(self) -> float:
        """Standard deviation of the units' load ratios."""
        return load_moments(self.unit_load, self.mean_load)[1]

    @cached_property
    def adaptation_losses(self) -> tuple[np.ndarray, np.ndarray]:
        """FTE each person still adapting does not give, and the same in remote units.

        fit x (1 - adaptation) x competence x morale effect, in float32 (a large region:
        one compiled pass, `core.kernels.adaptation_loss`, the same bits).
        """
        E, rows = self.E, self.adapting
        if self.world.compiled:
            return kernels.adaptation_loss(rows, E.fit, E.adapt, E.comp_role, E.morale,
                                           np.float32(self.p.morale_productivity), E.unit,
                                           self.remote)
        loss = (E.fit[rows] * (1.0 - E.adapt[rows]) * E.comp_role[rows]
                * morale_factor(self.p, E.morale[rows]))
        return loss, loss[self.remote[E.unit[rows]]]

    @cached_property
    def active_morale(self) -> np.ndarray:
        """Morale of the active staff (row order)."""
        if self.world.compiled:
            return kernels.select(self.E.morale, self.E.active)
        return self.E.morale[self.E.active]

    def share_of_staff(self, values: np.ndarray, at_least: float) -> float:
        """Share of active staff whose `values` (a column) are at least `at_least`.

        Masks over the whole table, not a gather of the active rows: a comparison and
        an `and` cost a fraction of indexing.
        """
        n = self.n_active
        return float(np.count_nonzero((values >= at_least) & self.E.active) / n) if n else 0.0

    def share_of_units(self, mask: np.ndarray) -> float:
        """Share of units with need where `mask` (one value per such unit) holds."""
        return float(np.count_nonzero(mask) / mask.size) if mask.size else 0.0

    def allowance_cost(self) -> float:
        """Remote-area allowance paid this month (IDR), when the intervention is on."""
        a = self.params.interventions.remote_allowance
        if not a.enabled or self.world.month == 0:
            return 0.0
        return float(a.monthly_idr * np.count_nonzero(self.remote[self.E.unit] & self.E.active))
