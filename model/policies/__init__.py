"""Mutation policies: a policy proposes moves from a read-only view; the model acts.

Built in: none, rotation, balancing, matching, anticipation, optimal. A user's own
policy class plugs in through a scenario (`policy: {module: ..., class: ...}`) or a
`Policy` instance passed to `WorkforceModel(policy=...)`.
"""

from __future__ import annotations

from .anticipation import AnticipationPolicy
from .balancing import BalancingPolicy
from .base import Moves, Policy, PolicyError, PolicyView
from .matching import MatchingPolicy
from .none import NonePolicy
from .optimal import OptimalPolicy
from .rotation import RotationPolicy

POLICIES: dict[str, type[Policy]] = {
    "none": NonePolicy,
    "rotation": RotationPolicy,
    "balancing": BalancingPolicy,
    "matching": MatchingPolicy,
    "anticipation": AnticipationPolicy,
    "optimal": OptimalPolicy,
}

__all__ = ["POLICIES", "AnticipationPolicy", "BalancingPolicy", "MatchingPolicy", "Moves",
           "NonePolicy", "OptimalPolicy", "Policy", "PolicyError", "PolicyView",
           "RotationPolicy", "make_policies"]


def make_policies(scenario) -> list[tuple[str, Policy]]:
    """The scenario's policies, in order, as (name, instance) with their parameters."""
    from .custom import load_custom

    out: list[tuple[str, Policy]] = []
    for entry in scenario.policy_entries:
        if isinstance(entry, str):
            out.append((entry, POLICIES[entry](getattr(scenario.policies, entry, None))))
        else:
            policy = load_custom(entry.module, entry.class_, entry.params, entry.name)
            out.append((policy.name, policy))
    return [(n, p) for n, p in out if n != "none"]
