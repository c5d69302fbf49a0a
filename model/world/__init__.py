"""The world: the state the processes act on (tables, clock, calendars, flows, log)."""

from .world import World, WorldView

__all__ = ["World", "WorldView"]
