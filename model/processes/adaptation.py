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

from ..core import exactmath, kernels
from .base import Process
from .decay import DecayTable

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


def with_interventions(iv, d: np.ndarray, tau: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """D and tau of a move after post-transfer training and mentoring (`iv`: interventions)."""
    if iv.training.enabled:
        d, tau = d * iv.training.d_factor, tau * iv.training.tau_factor
    if iv.mentoring.enabled:
        d, tau = d * iv.mentoring.d_factor, tau * iv.mentoring.tau_factor
    return d.astype(np.float32), tau.astype(np.float32)


class Adaptation(Process):
    """Owns the set of people still adapting (sorted row ids) and their recovery.

    Beside the set it keeps, aligned with it, each person's start month, D and table
    row of tau: copies of the employee columns `moved_at`, `adapt_d` and `adapt_tau`
    (which stay the record), written only here (`start`, `monitor`, `setup`, or by
    setting `adapting`), so the month reads them in order instead of gathering them.
    """

    name = "adaptation"

    def __init__(self) -> None:
        self.decay = DecayTable()
        self._rows = np.empty(0, np.int64)
        self._start = np.empty(0, np.int32)
        self._d = np.empty(0, np.float32)
        self._tau_row = np.empty(0, np.intp)
        self._world: World | None = None

    @property
    def adapting(self) -> np.ndarray:
        """Rows of the people still adapting (ascending)."""
        return self._rows

    @adapting.setter
    def adapting(self, rows: np.ndarray) -> None:
        """Replace the set (e.g. nobody adapting); each person's values come from the table."""
        rows = np.unique(np.asarray(rows, np.int64))
        E = self._world.employees
        self._rows, self._start, self._d = rows, E.moved_at[rows], E.adapt_d[rows]
        self._tau_row = self.decay.rows_of(E.adapt_tau[rows])

    def setup(self, world: World) -> None:
        """People who moved recently are still adapting at the start."""
        self._world = world
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
        new = np.unique(np.asarray(rows, np.int64))
        if new.size == 0:
            return
        parts = [(new, E.moved_at[new], E.adapt_d[new], self.decay.rows_of(E.adapt_tau[new]))]
        if self._rows.size and new[0] <= self._rows[-1]:
            # someone already adapting starts again: their old entry goes
            again = np.zeros(E.n, bool)
            again[new] = True
            keep = ~again[self._rows]
            parts.insert(0, (self._rows[keep], self._start[keep], self._d[keep],
                             self._tau_row[keep]))
        elif self._rows.size:  # new rows (recruits) beyond the set
            parts.insert(0, (self._rows, self._start, self._d, self._tau_row))
        rows_, start, d_, tau_row = (np.concatenate(c) for c in zip(*parts, strict=True))
        if np.any(rows_[1:] < rows_[:-1]):  # sorting only when out of order (recruits are not)
            order = np.argsort(rows_, kind="stable")
            rows_, start, d_, tau_row = rows_[order], start[order], d_[order], tau_row[order]
        self._rows, self._start, self._d, self._tau_row = rows_, start, d_, tau_row

    def monitor(self, world: World) -> None:
        """Moved staff still adapting poorly after M months get training (and its cost)."""
        m = world.params.interventions.monitoring
        if not m.enabled or self._rows.size == 0:
            return
        E = world.employees
        rows = self._rows
        due_at = ((world.now - self._start == m.after_months) & (E.n_moves[rows] > 0)
                  & (E.adapt[rows] < m.threshold))
        due = rows[due_at]
        if due.size == 0:
            return
        t = world.params.interventions.training
        E.adapt_d[due] *= t.d_factor
        E.adapt_tau[due] *= t.tau_factor
        self._d[due_at] = E.adapt_d[due]
        self._tau_row[due_at] = self.decay.rows_of(E.adapt_tau[due])
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
        rows = self._rows
        if rows.size == 0:
            return
        threshold = world.params.adaptation.threshold
        keep = None
        if world.compiled:  # a large region: one compiled pass (the same bits)
            keep = self.decay.recover(rows, self._start, self._d, self._tau_row, world.now,
                                      threshold, E.active, E.adapt)
        if keep is None:
            t = world.now - self._start
            if self.decay.covers(self._tau_row, t):
                factor = self.decay.at(self._tau_row, t)
            else:  # a value the table does not hold: the formula (the same numbers)
                factor = exactmath.exp(-t.astype(np.float64) / E.adapt_tau[rows])
            deficit = self._d * factor
            done = (deficit < threshold) | ~E.active[rows]
            E.adapt[rows] = np.where(done, 1.0, 1.0 - deficit)
            keep = ~done
        if not keep.all():
            self._rows, self._start = rows[keep], self._start[keep]
            self._d, self._tau_row = self._d[keep], self._tau_row[keep]


def train_fit(world: World, rows: np.ndarray) -> None:
    """A training closes `training.fit_gain` of the gap between role fit and 1."""
    gain = np.float32(world.params.interventions.training.fit_gain)
    E = world.employees
    E.fit[rows] += gain * (np.float32(1.0) - E.fit[rows])


def learn(world: World) -> None:
    """Yearly on-the-job growth of role fit and of competence (role's family, unit's domain).

    A large region does it in one compiled pass (`core.kernels.learn`, the same bits).
    """
    E = world.employees
    c = world.params.competence
    fit_rate = np.float32(c.fit_learning_per_year)
    if world.compiled:
        w = c.domain_weight
        kernels.learn(E.active, E.fit, fit_rate,
                      c.learning_per_year > 0 or c.domain_learning_per_year > 0,
                      E.competence, E.role, E.unit, world.family_of_role, world.unit_family,
                      np.float32(c.learning_per_year), np.float32(c.domain_learning_per_year),
                      np.float32(1 - w), np.float32(w), E.comp_role, E.comp_domain)
        return
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
