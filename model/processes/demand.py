"""Demand: workload need (ABK hours per year) per unit and role evolves each month.

- trend: a yearly relative change per role, applied monthly (e.g. the school-age
  population moving from primary to secondary), and one per agency on top of it
  (`growth_by_agency`);
- shocks: each unit-role has a small monthly chance of a persistent lognormal
  change (a new ward, a school merger);
- events: scenario-listed changes at a given month for an agency, unit kind and/or role;
- seasonality (optional) is applied in the workload step, not stored.
All draws come from the `demand` stream, so demand is identical under every policy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..core import exactmath
from ..regions.synthetic import lognormal
from .base import Process

if TYPE_CHECKING:
    from ..world.world import World


def trend_factors(trends: dict[str, float], occupations: list[str]) -> np.ndarray:
    """Monthly multiplicative factor per role from yearly relative trends."""
    yearly = np.array([1.0 + trends.get(o, 0.0) for o in occupations])
    return exactmath.pow_each(np.clip(yearly, 1e-6, None), 1.0 / 12.0)


class Demand(Process):
    """Owns the monthly trend factors; changes the units' demand in place."""

    name = "demand"

    def __init__(self) -> None:
        self.trend = np.ones(0)
        self.agency_trend = np.ones(0)
        self._by_role: np.ndarray | None = None
        self._by_unit: np.ndarray | None = None
        self._shock = (np.nan, 0.0)  # (yearly rate, monthly probability) last computed

    def setup(self, world: World) -> None:
        """Monthly trend factors per role and per agency from the yearly trends."""
        p, vocab = world.params.demand, world.vocab
        self.trend = trend_factors(p.trend_per_year, vocab.occupations)
        self.agency_trend = trend_factors(p.growth_by_agency, vocab.agencies)
        # what the month multiplies by (None: nothing changes), read once
        self._by_role = self.trend[None, :] if np.any(self.trend != 1.0) else None
        self._by_unit = (self.agency_trend[world.units.agency][:, None]
                         if np.any(self.agency_trend != 1.0) else None)

    def shock_probability(self, rate: float) -> float:
        """Monthly probability of a shock for a yearly rate (computed once per rate)."""
        if self._shock[0] != rate:
            self._shock = (rate, 1.0 - exactmath.exp_scalar(-rate / 12.0))
        return self._shock[1]

    def step(self, world: World) -> None:
        """Apply this month's trend, random shocks and listed events to unit demand."""
        p = world.params.demand
        U = world.units
        if self._by_role is not None:
            U.demand *= self._by_role
        if self._by_unit is not None:
            U.demand *= self._by_unit
        if p.shock_rate > 0:
            rng = world.streams.get("demand", world.month)
            p_month = self.shock_probability(p.shock_rate)
            hit = np.flatnonzero(rng.random(U.demand.size, dtype=np.float32) < p_month)
            hit = hit[U.demand.ravel()[hit] > 0]
            if hit.size:
                factor = lognormal(rng, p.shock_sd, hit.size)
                U.demand.ravel()[hit] *= factor
        for event in p.events:
            if event.month != world.month:
                continue
            vocab = world.vocab
            if (event.agency not in (None, *vocab.agencies)
                    or event.role not in (None, *vocab.occupations)):
                continue  # names a built-in agency or role this region lacks
            rows = np.ones(U.n, bool)
            if event.agency is not None:
                rows &= U.agency == vocab.agency_index[event.agency]
            if event.unit_kind is not None:
                rows &= U.kind == U.kind_names.index(event.unit_kind)
            cols = slice(None) if event.role is None else vocab.occ_index[event.role]
            U.demand[rows, cols] *= event.factor
