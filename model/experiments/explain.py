"""An explanation for each person a plan moves, in the reader's language (for socialisation).

Every case asks that a transfer be explained to the person before the decree. For each
move of a draft plan (or of a planner's list, `evaluate`) a row says:

- **why this person**: their position and unit, how long in post against the minimum
  tenure, their performance (and its quartile among the starting staff), their
  competence in the destination's field against their present unit's, and how far the
  destination is from their home district against their present post;
- **why this unit**: the destination's deficit in FTE for the position and its EJ
  before and after, and the origin's surplus or deficit and its EJ;
- **the support offered**: the interventions the scenario applies to a move
  (post-transfer training, mentoring, the remote-area allowance when the destination is
  remote, socialisation, participation), or that none is;
- **the expected adaptation**: productivity at the start and the months until it is
  within 5 % of full (the model's D and tau, with the interventions).

`Facts` are taken by the round's listener, before anything moves (tenure, competence
and distances are those of the person as they are at the round); `explanations`
writes the sentences.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..processes.fairness import QUARTILES
from ..reporting.formats import fmt_fixed, fmt_idr
from ..world.world import home_distance
from .messages_explain import EXPLAIN


@dataclass
class Facts:
    """What the explanations need of each passing proposal, at the round (arrays)."""

    rows: np.ndarray
    tenure_months: np.ndarray
    performance: np.ndarray
    quartile: np.ndarray  # 1 lowest ... 4 highest, of the starting staff's performance
    comp_destination: np.ndarray  # competence in the destination unit's field
    comp_present: np.ndarray  # in the present unit's field
    km_home_destination: np.ndarray
    km_home_present: np.ndarray
    home: list[str]
    remote_destination: np.ndarray


def take_facts(world, rows: np.ndarray, to_unit: np.ndarray, perf_edges: np.ndarray) -> Facts:
    """The facts of the moves `rows` -> `to_unit`, on the state before the round moves."""
    E = world.employees
    flat, base = world.competence_flat(rows)
    return Facts(
        rows=np.asarray(rows, np.int64), tenure_months=world.now - E.moved_at[rows],
        performance=E.performance[rows].astype(float),
        quartile=np.searchsorted(perf_edges, E.performance[rows].astype(float),
                                 side="right") + 1,
        comp_destination=flat[base + world.unit_family[to_unit]].astype(float),
        comp_present=E.comp_domain[rows].astype(float),
        km_home_destination=home_distance(world, rows, to_unit),
        km_home_present=home_distance(world, rows, E.unit[rows]),
        home=[world.district_names[h] for h in E.home[rows]],
        remote_destination=world.remote_units[to_unit])


def _support(params, remote: bool, lang: str) -> str:
    """The interventions a move gets under the scenario, in words (or that none does)."""
    i = params.interventions
    parts = []
    if i.training.enabled:
        parts.append(EXPLAIN["training"][lang])
    if i.mentoring.enabled:
        parts.append(EXPLAIN["mentoring"].format(lang, months=i.mentoring.months))
    if i.remote_allowance.enabled and remote:
        parts.append(EXPLAIN["allowance"].format(
            lang, amount=fmt_idr(i.remote_allowance.monthly_idr, lang)))
    if i.socialization.enabled:
        parts.append(EXPLAIN["socialization"][lang])
    if i.participation.enabled:
        parts.append(EXPLAIN["participation"][lang])
    if i.monitoring.enabled:
        parts.append(EXPLAIN["monitoring"].format(lang, months=i.monitoring.after_months))
    return "; ".join(parts) if parts else EXPLAIN["no_support"][lang]


def explanations(moves: pd.DataFrame, facts: Facts, params, lang: str = "id") -> pd.DataFrame:
    """One row per move of a plan's moves sheet (same order): the four explanations.

    `moves` has the plan's columns (employee, units, roles, gaps, EJ, adaptation
    months); `facts` the same moves' facts at the round; `params` is the scenario.
    """
    minimum = params.mutation.constraints.min_months_in_position
    rows = []
    for k, m in enumerate(moves.itertuples()):
        years = facts.tenure_months[k] / 12
        person = EXPLAIN["why_person"].format(
            lang, role=m.from_role, unit=m.from_unit, years=fmt_fixed(years, 1, lang),
            minimum=minimum, performance=fmt_fixed(facts.performance[k], 2, lang),
            quartile=int(facts.quartile[k]), quartiles=len(QUARTILES) + 1,
            comp_to=fmt_fixed(facts.comp_destination[k], 2, lang),
            comp_now=fmt_fixed(facts.comp_present[k], 2, lang), home=facts.home[k],
            km_to=fmt_fixed(facts.km_home_destination[k], 0, lang),
            km_now=fmt_fixed(facts.km_home_present[k], 0, lang))
        deficit = -float(m.destination_gap_fte)
        unit = EXPLAIN["why_unit"].format(
            lang, unit=m.to_unit, role=m.to_role,
            need=EXPLAIN["deficit" if deficit > 0 else "surplus"].format(
                lang, fte=fmt_fixed(abs(deficit), 1, lang)),
            ej_before=_ej(m.destination_ej_before, lang),
            ej_after=_ej(m.destination_ej_after, lang),
            origin=EXPLAIN["origin_surplus" if float(m.origin_gap_fte) > 0
                           else "origin_deficit"].format(
                lang, fte=fmt_fixed(abs(float(m.origin_gap_fte)), 1, lang)),
            ej_origin_before=_ej(m.origin_ej_before, lang),
            ej_origin_after=_ej(m.origin_ej_after, lang))
        adapt = EXPLAIN["adaptation"].format(
            lang, months=fmt_fixed(float(m.adaptation_months), 0, lang))
        rows.append({"employee": m.employee, "round": m.round, "to_unit": m.to_unit,
                     "why_person": person, "why_unit": unit,
                     "support": _support(params, bool(facts.remote_destination[k]), lang),
                     "adaptation": adapt})
    return pd.DataFrame(rows, columns=["employee", "round", "to_unit", "why_person",
                                       "why_unit", "support", "adaptation"])


def _ej(value, lang: str) -> str:
    value = float(value)
    return "–" if value != value else fmt_fixed(value, 2, lang)
