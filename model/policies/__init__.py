"""Mutation policies: a policy proposes moves from a read-only view; the model acts.

Built in (see `registry.py`): none, rotation, balancing, matching, anticipation,
optimal. A user's own policy class plugs in through a scenario
(`policy: {module: ..., class: ...}`) or a `Policy` instance passed to
`WorkforceModel(policy=...)`.
"""

from __future__ import annotations

from .anticipation import AnticipationPolicy
from .balancing import BalancingPolicy
from .base import Moves, Policy, PolicyError, PolicyView
from .matching import MatchingPolicy
from .none import NonePolicy
from .optimal import OptimalPolicy
from .registry import POLICIES, make_policies
from .rotation import RotationPolicy

__all__ = ["POLICIES", "AnticipationPolicy", "BalancingPolicy", "MatchingPolicy", "Moves",
           "NonePolicy", "OptimalPolicy", "Policy", "PolicyError", "PolicyView",
           "RotationPolicy", "make_policies"]
