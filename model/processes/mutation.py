"""Mutation round hook: at the configured calendar months the policy proposes moves.

The model builds a read-only `PolicyView`, asks the policy for `Moves`, and executes
them with `execute`. Only the `none` policy exists so far, so no move happens yet;
constraints, responses and the transfer log come with the policies.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..policies import Moves, PolicyView
from ..vocab import FAMILY_OF_OCC_CODE
from . import adaptation

if TYPE_CHECKING:
    from ..model import WorkforceModel


def _readonly(a: np.ndarray) -> np.ndarray:
    v = a.view()
    v.flags.writeable = False
    return v


def make_view(model: WorkforceModel) -> PolicyView:
    """Read-only snapshot of the state a policy may look at."""
    E, U = model.employees, model.units
    cols = ("active", "unit", "role", "occupation", "moved_at", "retire_at", "birth",
            "home", "performance", "comp_role", "morale", "n_moves")
    return PolicyView(
        month=model.month,
        employees={c: _readonly(getattr(E, c)) for c in cols},
        units={"agency": _readonly(U.agency), "kind": _readonly(U.kind),
               "district": _readonly(U.district), "area": _readonly(U.area),
               "hardness": _readonly(U.hardness)},
        required_fte=_readonly(model.required_fte),
        capacity_fte=_readonly(model.capacity_fte),
        compatibility=_readonly(model.compatibility),
    )


def execute(model: WorkforceModel, moves: Moves) -> int:
    """Move employees to their new unit and role; start their adaptation."""
    if len(moves) == 0:
        return 0
    E, U = model.employees, model.units
    rows = np.asarray(moves.employee_id, np.int64)
    to_unit = np.asarray(moves.to_unit, np.int64)
    to_role = np.asarray(moves.to_role, np.int64)
    occ = E.occupation[rows]
    family = np.asarray(FAMILY_OF_OCC_CODE)[to_role]
    E.unit[rows] = to_unit
    E.role[rows] = to_role
    E.cell[rows] = to_unit * U.n_roles + to_role
    E.fit[rows] = model.compatibility[occ, to_role]
    E.comp_role[rows] = E.competence[rows, family]
    E.n_moves[rows] += 1
    d, tau = adaptation.difficulty(model, rows, to_unit, model.occ_distance[occ, to_role])
    adaptation.start(model, rows, d, tau)
    return rows.size


def step(model: WorkforceModel) -> None:
    """Hold a mutation round if this calendar month is a round month."""
    model.flows["new_moves"] = 0
    if model.calendar_month not in model.params.mutation.months:
        return
    moves = model.policy.propose(make_view(model), model.streams.get("policy", model.month))
    model.flows["new_moves"] = execute(model, moves)
