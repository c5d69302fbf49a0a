"""The policy interface: `propose(view, rng) -> Moves`.

A policy never changes model state. It reads a `PolicyView` (read-only arrays of
the employees, units and workload at the start of a mutation round) and returns a
`Moves` table of proposals. The model then applies constraints, employees respond,
and accepted moves are executed by the model (`model.processes.mutation`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class Moves:
    """Proposed moves: one row per employee (columns are equal-length arrays)."""

    employee_id: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    to_unit: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    to_role: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    reason: np.ndarray = field(default_factory=lambda: np.empty(0, object))
    priority: np.ndarray = field(default_factory=lambda: np.empty(0, np.float64))

    def __len__(self) -> int:
        return len(self.employee_id)


@dataclass(frozen=True)
class PolicyView:
    """What a policy may see at a mutation round (arrays are read-only copies)."""

    month: int
    employees: dict[str, np.ndarray]
    units: dict[str, np.ndarray]
    required_fte: np.ndarray  # [unit, role]
    capacity_fte: np.ndarray  # [unit, role]
    compatibility: np.ndarray  # [occupation, role] productivity factor, 0 = not eligible


class Policy:
    """Base class of mutation policies."""

    name = "base"

    def propose(self, view: PolicyView, rng: np.random.Generator) -> Moves:
        """Return the moves this policy proposes for this round."""
        raise NotImplementedError
