"""A fixed list of moves, each in its round: the planner's own list, or the tool's draft.

`run_sim.py evaluate` tests a list a planner brings back (the draft plan after edits,
or a list the office wrote itself) by running it as the proposals of its round(s)
against the status quo, and against the tool's own draft for the same round, which is
such a list too. A `ListedMoves` proposer is not a built-in policy a planner picks:
it holds data, so it has no class-level `name` (the registry lists only built-ins)
and each instance is named for its part in the evaluation, `list` or `draft`.

In each replication the listed people are proposed in the list's order; whoever has
left by the round (retired, exited) is not proposed there, and the model applies its
constraints and people respond as to any policy's proposal. A move the planner marked
`override` is carried out where an overridable constraint would block it
(`processes.constraints`); its reason says so in the transfer log.
"""

from __future__ import annotations

import numpy as np

from ..core.text import Text, words
from .base import Moves, Policy, PolicyView

# the evaluated lists' words and colours: what reporting shows for their runs
PROPOSERS: dict[str, Text] = words("policies.listed", {
    "list": ("daftar usulan", "the planner's list"),
    "draft": ("rancangan alat", "the tool's draft"),
})
SUMMARIES: dict[str, Text] = words("policies.listed.summary", {
    "list": ("daftar mutasi dari perencana (berkas yang diuji), lalu status quo",
             "the planner's transfer list (the file tested), then the status quo"),
    "draft": ("rancangan alat untuk putaran yang sama, lalu status quo",
              "the tool's own draft for the same round, then the status quo"),
})
COLORS = {"list": "#d62728", "draft": "#17becf"}
REASONS: dict[str, Text] = words("policies.listed.reasons", {
    "listed": ("dalam daftar", "on the list"),
    "listed_override": ("dalam daftar, aturan dikecualikan oleh perencana",
                        "on the list, a rule overridden by the planner"),
})


class ListedMoves(Policy):
    """Proposes exactly the listed moves in their rounds (nothing in other rounds).

    Args:
        name: `list` (the planner's) or `draft` (the tool's); the runs carry it.
        month: run month of each row's round.
        employee_id, to_unit, to_role: the move of each row (employee table rows,
            unit and role indices).
        override: rows the planner marked to carry out despite an overridable rule.
    """

    reasons = REASONS

    def __init__(self, name: str, month: np.ndarray, employee_id: np.ndarray,
                 to_unit: np.ndarray, to_role: np.ndarray,
                 override: np.ndarray | None = None) -> None:
        super().__init__(None)
        self.name = name
        self.month = np.asarray(month, np.int64)
        self.employee_id = np.asarray(employee_id, np.int64)
        self.to_unit = np.asarray(to_unit, np.int64)
        self.to_role = np.asarray(to_role, np.int64)
        self.override = (np.zeros(self.month.size, bool) if override is None
                         else np.asarray(override, bool))

    def __len__(self) -> int:
        return int(self.month.size)

    @property
    def months(self) -> list[int]:
        """The run months the list has moves in, in order."""
        return sorted(set(self.month.tolist()))

    def propose(self, view: PolicyView, rng: np.random.Generator) -> Moves:
        """This round's rows, in the list's order, of the people still active."""
        here = np.flatnonzero(self.month == view.month)
        here = here[view.employees.active[self.employee_id[here]]]
        over = self.override[here]
        return Moves.build(self.employee_id[here], self.to_unit[here], self.to_role[here],
                           reason=np.where(over, "listed_override", "listed").astype(object),
                           priority=0.0, override=over)
