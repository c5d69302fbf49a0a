"""What a process is: a unit of the month with its own state, set up once, stepped monthly.

Each process declares its `name` (the `emitted_by` of the flows it books, see
`model.simulation.metrics`), sets up its own state from the world in `setup(world)` and acts on
the world in `step(world)`. `record(world)` runs after every process has stepped, for
what must see the month's end (the transfer log's follow-ups). Processes that need
another's state (the workload arrays, the adapting set) get that process when they are
built, so the dependencies are in the constructor, never behind the model's back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..world.world import World


class Process:
    """Base class of the monthly processes."""

    name = "process"

    def setup(self, world: World) -> None:
        """Build this process's own state before the first month (default: nothing)."""

    def step(self, world: World) -> None:
        """One month of this process."""
        raise NotImplementedError

    def record(self, world: World) -> None:
        """After all processes have stepped this month (default: nothing)."""
