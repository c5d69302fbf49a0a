"""Adaptation after a move or hire: productivity factor `1 - D * exp(-t / tau)`.

D (difficulty) grows with the distance between occupation and role, the
destination's hardness, the distance from home and low experience; tau (months)
grows with hardness. Only people still adapting are updated each month (a sparse
index set); once `D * exp(-t / tau)` falls below `adaptation.threshold` the factor
is set to 1 and the person leaves the set.

Interventions: post-transfer training and mentoring multiply D and tau of a move
(`with_interventions`); monitoring gives training, at its cost, to moved staff whose
factor is still below `monitoring.threshold` `after_months` after their move
(Jambi, Rangkui); a training (post-transfer or after monitoring) also closes
`training.fit_gain` of the gap between role fit and 1. Each January role fit grows by
`competence.fit_learning_per_year` of its gap, everyone's competence in their role's
family by `competence.learning_per_year`, and in their unit's domain (when it is
another family) by `competence.domain_learning_per_year`, so varied postings build
varied competence (Kotalama).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..core import exactmath
from .base import Process

if TYPE_CHECKING:
    from ..world.world import World, WorldView


def difficulty_of(p, occ_distance: np.ndarray, hardness: np.ndarray, km_from_home: np.ndarray,
                  service_years: np.ndarray | float) -> tuple[np.ndarray, np.ndarray]:
    """D and tau from their factors (`p` is the scenario's `adaptation` section).

    `d_scale` multiplies D before the `d_max` cap, `tau_scale` multiplies tau.
    """
    inexperience = np.clip(1.0 - np.asarray(service_years) / p.experience_years, 0.0, 1.0)
    d = (p.d_base + p.d_occupation * occ_distance + p.d_hardness * hardness
         + p.d_distance * np.minimum(km_from_home / p.distance_scale_km, 2.0)
         + p.d_inexperience * inexperience) * p.d_scale
    tau = p.tau_months * p.tau_scale * (1.0 + p.tau_hardness * hardness)
    return np.clip(d, 0.0, p.d_max).astype(np.float32), tau.astype(np.float32)


def difficulty(w: World | WorldView, rows: np.ndarray, to_unit: np.ndarray,
               occ_distance: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """D and tau for employees `rows` starting in `to_unit` (vectorised)."""
    return difficulty_of(w.params.adaptation, occ_distance, w.units.hardness[to_unit],
                         w.home_distance(rows, to_unit),
                         (w.now - w.employees.hire_at[rows]) / 12.0)


class DecayTable:
    """exp(-t / tau) for whole months t >= 0 and the few distinct tau in use, exactly.

    tau takes a handful of values (it depends on the destination's hardness and the
    interventions), t is a whole number of months, so the month looks the factors up
    instead of evaluating `exactmath.exp` (~30 NumPy passes) for everyone adapting.
    Each entry is `exactmath.exp(-t / tau)` computed as the direct formula computes it
    (float64 division by the float32 tau), so the bits are the same. Unusual inputs
    (negative t, a non-positive tau, more than `MAX_TAUS` distinct values) take the
    direct formula.
    """

    MAX_TAUS = 1024

    def __init__(self) -> None:
        self.taus = np.empty(0, np.float32)  # sorted distinct tau values
        self.table = np.empty((0, 0))  # [tau, t] factors

    def factors(self, t: np.ndarray, tau: np.ndarray) -> np.ndarray:
        """exp(-t / tau) for whole months `t` (int) and `tau` (float32), as float64."""
        if t.size == 0:
            return np.empty(0)
        idx = self._index(tau)
        t_max = int(t.max())
        if idx is None or int(t.min()) < 0:
            return exactmath.exp(-t.astype(np.float64) / tau)
        if t_max >= self.table.shape[1]:
            self._extend(max(t_max + 1, 2 * self.table.shape[1], 64))
        idx *= self.table.shape[1]
        idx += t
        return np.take(self.table.ravel(), idx)

    def _find(self, tau: np.ndarray) -> np.ndarray:
        """Row of the largest table value <= each tau (0 below the first)."""
        if self.taus.size > 16:  # a binary search; for a few values, comparisons are faster
            return np.maximum(np.searchsorted(self.taus, tau, side="right") - 1, 0)
        idx = np.zeros(tau.size, np.intp)
        for value in self.taus[1:]:
            idx += tau >= value
        return idx

    def _index(self, tau: np.ndarray) -> np.ndarray | None:
        """Row of each tau in the table (adding new values); None: use the formula."""
        if self.taus.size:
            idx = self._find(tau)
            if np.array_equal(self.taus[idx], tau):
                return idx
        new = np.unique(tau)
        if not (np.all(np.isfinite(new)) and new[0] > 0):
            return None
        taus = np.union1d(self.taus, new).astype(np.float32)
        if taus.size > self.MAX_TAUS:
            return None
        old = self.table
        self.taus = taus
        self.table = np.empty((taus.size, old.shape[1]))
        self._fill(slice(None), old.shape[1])
        return self._find(tau)

    def _extend(self, width: int) -> None:
        """Widen the table to `width` months."""
        old = self.table
        self.table = np.empty((self.taus.size, width))
        self.table[:, : old.shape[1]] = old
        self._fill(slice(old.shape[1], width), width)

    def _fill(self, cols: slice, width: int) -> None:
        t = np.arange(width, dtype=np.float64)[cols]
        self.table[:, cols] = exactmath.exp(-t[None, :] / self.taus[:, None])


def with_interventions(iv, d: np.ndarray, tau: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """D and tau of a move after post-transfer training and mentoring (`iv`: interventions)."""
    if iv.training.enabled:
        d, tau = d * iv.training.d_factor, tau * iv.training.tau_factor
    if iv.mentoring.enabled:
        d, tau = d * iv.mentoring.d_factor, tau * iv.mentoring.tau_factor
    return d.astype(np.float32), tau.astype(np.float32)


class Adaptation(Process):
    """Owns the set of people still adapting (sorted row ids) and their recovery."""

    name = "adaptation"

    def __init__(self) -> None:
        self.adapting = np.empty(0, np.int64)
        self.decay = DecayTable()

    def setup(self, world: World) -> None:
        """People who moved recently are still adapting at the start."""
        E, p = world.employees, world.params.adaptation
        recent = np.flatnonzero(world.start - E.moved_at
                                < 10 * p.tau_months * p.tau_scale * (1 + p.tau_hardness))
        d, tau = difficulty(world, recent, E.unit[recent], np.zeros(recent.size))
        E.adapt_d[recent], E.adapt_tau[recent] = d, tau
        self.adapting = recent
        self.step(world)

    def start(self, world: World, rows: np.ndarray, d: np.ndarray, tau: np.ndarray) -> None:
        """Begin adaptation for `rows` this month (after a move or a hire)."""
        E = world.employees
        E.adapt_d[rows] = d
        E.adapt_tau[rows] = tau
        E.moved_at[rows] = world.now
        E.adapt[rows] = 1.0 - d
        rows = np.asarray(rows, np.int64)
        if self.adapting.size and rows.min() <= self.adapting.max():
            # the sorted union (np.union1d, but a plain sort: its hash-based unique is
            # slow on a large set)
            merged = np.sort(np.concatenate([self.adapting, rows]))
            keep = np.ones(merged.size, bool)
            keep[1:] = merged[1:] != merged[:-1]
            self.adapting = merged[keep]
        else:  # new rows (recruits): already unique and beyond the set
            self.adapting = np.concatenate([self.adapting, np.unique(rows)])

    def monitor(self, world: World) -> None:
        """Moved staff still adapting poorly after M months get training (and its cost)."""
        m = world.params.interventions.monitoring
        if not m.enabled or self.adapting.size == 0:
            return
        E = world.employees
        rows = self.adapting
        due = rows[(world.now - E.moved_at[rows] == m.after_months) & (E.n_moves[rows] > 0)
                   & (E.adapt[rows] < m.threshold)]
        if due.size == 0:
            return
        t = world.params.interventions.training
        E.adapt_d[due] *= t.d_factor
        E.adapt_tau[due] *= t.tau_factor
        train_fit(world, due)
        E.trainings[due] += 1
        cost = t.cost_per_person_idr * due.size
        world.book("cost_training_idr", cost)
        world.spend(0, cost)
        world.book("new_trainings", int(due.size))

    def step(self, world: World) -> None:
        """Monitoring, yearly learning, then the adaptation factor of everyone adapting."""
        self.monitor(world)
        if world.calendar_month == 1:
            learn(world)
        E = world.employees
        rows = self.adapting
        if rows.size == 0:
            return
        t = world.now - E.moved_at[rows]
        deficit = E.adapt_d[rows] * self.decay.factors(t, E.adapt_tau[rows])
        done = (deficit < world.params.adaptation.threshold) | ~E.active[rows]
        E.adapt[rows] = np.where(done, 1.0, 1.0 - deficit)
        self.adapting = rows[~done]


def train_fit(world: World, rows: np.ndarray) -> None:
    """A training closes `training.fit_gain` of the gap between role fit and 1."""
    gain = np.float32(world.params.interventions.training.fit_gain)
    E = world.employees
    E.fit[rows] += gain * (np.float32(1.0) - E.fit[rows])


def learn(world: World) -> None:
    """Yearly on-the-job growth of role fit and of competence (role's family, unit's domain)."""
    E = world.employees
    fit_rate = np.float32(world.params.competence.fit_learning_per_year)
    low = np.flatnonzero(E.active & (E.fit < 1.0))
    E.fit[low] += fit_rate * (np.float32(1.0) - E.fit[low])
    rate = world.params.competence.learning_per_year
    if rate <= 0 and world.params.competence.domain_learning_per_year <= 0:
        return
    rows = np.flatnonzero(E.active)
    flat, base = world.competence_flat(rows)
    role_family = world.family_of_role[E.role[rows]]
    domain = world.unit_family[E.unit[rows]]
    at = base + role_family
    flat[at] += np.float32(rate) * (1.0 - flat[at])
    at = (base + domain)[domain != role_family]  # a family grows once a year
    domain_rate = np.float32(world.params.competence.domain_learning_per_year)
    flat[at] += domain_rate * (1.0 - flat[at])
    world.refresh_competence(rows)
