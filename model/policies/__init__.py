"""Mutation policies: a policy proposes moves from a read-only view; the model acts.

`POLICIES` maps a policy name to its class. Only `none` exists so far; the
rotation, balancing, matching, anticipation and optimal policies plug in here.
"""

from __future__ import annotations

from .base import Moves, Policy, PolicyView
from .none import NonePolicy

POLICIES: dict[str, type[Policy]] = {"none": NonePolicy}

__all__ = ["POLICIES", "Moves", "NonePolicy", "Policy", "PolicyView", "make_policy"]


def make_policy(name: str) -> Policy:
    """Instantiate a built-in policy by name."""
    return POLICIES[name]()
