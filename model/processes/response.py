"""How a notified employee responds to a transfer decision.

Refusal probability is logistic::

    logit p = base_logit
              + per_decade_in_unit * years in position / 10
              + per_50km_from_home * km from home to the destination / 50
              + per_hardness * destination hardness
              + per_decade_over_40 * max(age - 40, 0) / 10
              + log(odds) of each intervention that applies:
                socialization; participation (preferred destination, or only consulted);
                remote-area allowance (destination in a remote-area unit)

so it rises with years in the unit, distance from home, hardness and age, and falls
with socialization, participation and allowances. Each row draws one uniform from
the `response` stream (the same number for that employee in every run with the seed).

A PNS is bound to accept placement; what this probability gives is an objection
(keberatan, lobbying). An objection cancels or postpones the decree with
`cancel_probability` (outcome `refused`; a later round may propose the move again),
drawn from the `objection` stream; otherwise the move is carried out despite it
(`forced`, with a morale penalty, and low morale raises later exits and own requests).
Under `mandatory` enforcement no objection cancels a decree. Own requests are accepted
(the employee asked).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..core import exactmath

if TYPE_CHECKING:
    from ..world.world import World, WorldView

ACCEPT, REFUSE, FORCED = 0, 1, 2


def situation_logit(p, years_in_post, km_from_home, hardness, age) -> np.ndarray:
    """Refusal log-odds from the person's situation alone (`p`: `mutation.response`).

    `refusal_odds_scale` multiplies everyone's odds (adds its log to the log-odds).
    """
    logit = (p.base_logit + p.per_decade_in_unit * np.asarray(years_in_post) / 10.0
             + p.per_50km_from_home * np.asarray(km_from_home) / 50.0
             + p.per_hardness * np.asarray(hardness)
             + p.per_decade_over_40 * np.clip(np.asarray(age) - 40.0, 0.0, None) / 10.0)
    if p.refusal_odds_scale != 1.0:
        logit = logit + exactmath.log_scalar(p.refusal_odds_scale)
    return logit


def sigmoid(logit: np.ndarray) -> np.ndarray:
    """Probability from log-odds (the same bits on every CPU)."""
    return exactmath.sigmoid(logit)


def refusal_logit(w: World | WorldView, rows: np.ndarray, to_unit: np.ndarray) -> np.ndarray:
    """Log-odds of refusing for employees `rows` sent to `to_unit` (interventions included)."""
    iv = w.params.interventions
    E, U = w.employees, w.units
    logit = situation_logit(w.params.mutation.response,
                            (w.now - E.moved_at[rows]) / 12.0,
                            w.home_distance(rows, to_unit), U.hardness[to_unit],
                            (w.now - E.birth[rows]) / 12.0)
    if iv.socialization.enabled:
        logit = logit + exactmath.log_scalar(iv.socialization.refusal_odds)
    if iv.participation.enabled:
        preferred = U.district[to_unit] == E.home[rows]
        pp = iv.participation
        logit = logit + np.where(preferred, exactmath.log_scalar(pp.refusal_odds_preferred),
                                 exactmath.log_scalar(pp.refusal_odds_consulted))
    if iv.remote_allowance.enabled:
        logit = logit + np.where(w.remote_units[to_unit],
                                 exactmath.log_scalar(iv.remote_allowance.refusal_odds), 0.0)
    return logit


def refusal_probability(w: World | WorldView, rows: np.ndarray,
                        to_unit: np.ndarray) -> np.ndarray:
    """Probability that each employee refuses the move."""
    return sigmoid(refusal_logit(w, rows, to_unit))


def respond(world: World, rows: np.ndarray, to_unit: np.ndarray,
            requested: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Outcome code per move (ACCEPT, REFUSE, FORCED) and the objection probability.

    REFUSE: the objection cancelled the decree; FORCED: moved despite the objection.
    """
    p = world.params.mutation.response
    # a request is not refused (probability 0): only the others are computed and drawn
    # for (the month's draws are per row, so skipping them changes no one else's)
    asked = ~np.asarray(requested, bool)
    n = world.employees.n
    prob = np.zeros(len(rows))
    objects = np.zeros(len(rows), bool)
    if asked.any():
        prob[asked] = refusal_probability(world, rows[asked], to_unit[asked])
        objects = world.streams.uniform("response", world.month, n)[rows] < prob
    cancelled = objects
    if objects.any():
        cancel = 0.0 if p.mandatory else p.cancel_probability
        cancelled = objects & (world.streams.uniform("objection", world.month, n)[rows]
                               < cancel)
    outcome = np.where(cancelled, REFUSE, np.where(objects, FORCED, ACCEPT))
    return outcome, prob
