"""What moves cost, and the model's own formulas offered to policies (`ModelEstimators`).

A move costs its relocation (a fixed sum plus a sum per km) and, when they are on,
post-transfer training and mentoring; a round costs socialization (per round and per
person notified) and participation (per person notified). Policies weigh moves with
the same formulas the round applies, through `ModelEstimators`, which holds a
read-only view of the world (never the model or a writable array).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..world.world import WorldView
from . import response
from .adaptation import difficulty, difficulty_of, with_interventions

if TYPE_CHECKING:
    from ..world.world import World


def relocation_cost(params, km: np.ndarray) -> np.ndarray:
    """Relocation cost of moves of `km` (IDR)."""
    c = params.costs
    return c.relocation_idr + c.relocation_idr_per_km * np.asarray(km, float)


def training_cost_per_move(params) -> float:
    """Post-transfer training and mentoring cost of one move, when they are on (IDR)."""
    iv = params.interventions
    cost = iv.training.cost_per_person_idr if iv.training.enabled else 0.0
    if iv.mentoring.enabled:
        cost += iv.mentoring.cost_per_person_month_idr * iv.mentoring.months
    return cost


def move_cost(params, km: np.ndarray) -> np.ndarray:
    """What a move costs the budget: relocation plus training and mentoring (IDR)."""
    return relocation_cost(params, km) + training_cost_per_move(params)


def socialization_cost(params, notified: int) -> float:
    """Socialization (per round and person) and participation (per person) cost (IDR)."""
    iv = params.interventions
    cost = 0.0
    if iv.socialization.enabled:
        s = iv.socialization
        cost += s.cost_per_round_idr + s.cost_per_person_idr * notified
    if iv.participation.enabled:
        cost += iv.participation.cost_per_person_idr * notified
    return cost


class ModelEstimators:
    """The model's own formulas over a read-only view of the world, for policies.

    Implements `policies.base.Estimators`; it holds a `WorldView` (read-only columns
    and the parameters), never the model or a writable array.
    """

    def __init__(self, world: World) -> None:
        self._w = WorldView(world)

    def unit_distance(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Km between units a and b."""
        return self._w.unit_distance(a, b)

    def refusal_probability(self, rows: np.ndarray, units: np.ndarray) -> np.ndarray:
        """The model's refusal probability for these employees and destinations."""
        return response.refusal_probability(self._w, rows, units)

    def expected_loss(self, rows: np.ndarray, units: np.ndarray,
                      roles: np.ndarray) -> np.ndarray:
        """D x tau x competence (FTE-months) for these employees and destinations."""
        w = self._w
        occ = w.employees.occupation[rows]
        d, tau = difficulty(w, rows, units, w.occ_distance[occ, roles])
        d, tau = with_interventions(w.params.interventions, d, tau)
        return d * tau * w.employees.comp_role[rows]

    def cell_expected_loss(self, src_units, dst_units, src_roles, dst_roles, per):
        """Expected loss (FTE-months) of a typical person of a source cell at a destination.

        The adaptation formula with the unit-to-unit distance standing in for the
        distance from home, and mid-career experience.
        """
        w = self._w
        km = w.unit_distance(src_units, dst_units)
        d, tau = difficulty_of(
            w.params.adaptation, w.occ_distance[src_roles, dst_roles],
            w.units.hardness[dst_units], km, w.params.adaptation.experience_years / 2)
        d, tau = with_interventions(w.params.interventions, d, tau)
        return d * tau * per

    def cell_refusal(self, dst_units: np.ndarray, km: np.ndarray) -> np.ndarray:
        """Refusal risk of a typical person (10 years in post, age 45) moving `km`."""
        return response.sigmoid(response.situation_logit(
            self._w.params.mutation.response, 10.0, km, self._w.units.hardness[dst_units],
            45.0))

    def move_cost_idr(self, km: np.ndarray) -> np.ndarray:
        """Relocation (and training, if on) cost of a move of `km`."""
        return move_cost(self._w.params, km)
