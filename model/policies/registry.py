"""The built-in policies: one module each, listed once below.

A built-in policy is a module of this package that defines one `Policy` subclass with
its `name` and, if it takes parameters, its `Params` section. Adding one takes that
file and its module name in `BUILT_IN`; the scenario's `policies.<name>` section, the
checks of `policy:` and `compare:`, `list` and the parameter table follow from here.
"""

from __future__ import annotations

import inspect
from importlib import import_module

from pydantic import Field, create_model

from ..core.declare import Section
from .base import Policy

BUILT_IN = (
    "none",
    "rotation",
    "balancing",
    "matching",
    "anticipation",
    "optimal",
)


def _policy_of(module_name: str) -> type[Policy]:
    """The one `Policy` subclass defined in `model.policies.<module_name>`."""
    module = import_module(f"{__package__}.{module_name}")
    found = [c for _, c in inspect.getmembers(module, inspect.isclass)
             if issubclass(c, Policy) and c.__module__ == module.__name__]
    if len(found) != 1:
        raise ImportError(f"model/policies/{module_name}.py must define exactly one Policy "
                          f"subclass (found {len(found)})")
    return found[0]


POLICIES: dict[str, type[Policy]] = {cls.name: cls for cls in map(_policy_of, BUILT_IN)}


def params_section(module: str) -> type[Section]:
    """The scenario's `policies` section: each built-in policy's `Params` under its name.

    `module` is where the class is bound to the name `Policies` (so it pickles).
    """
    fields = {name: (cls.Params, Field(default_factory=cls.Params))
              for name, cls in POLICIES.items() if cls.Params is not None}
    return create_model("Policies", __base__=Section,
                        __doc__="Parameters of the built-in policies.",
                        __module__=module, **fields)


def make_policies(scenario) -> list[tuple[str, Policy]]:
    """The scenario's policies, in order, as (name, instance) with their parameters.

    `scenario` is a `Scenario`; `none` is left out (it proposes nothing).
    """
    from .custom import load_custom

    out: list[tuple[str, Policy]] = []
    for entry in scenario.policy_entries:
        if isinstance(entry, str):
            out.append((entry, POLICIES[entry](getattr(scenario.policies, entry, None))))
        else:
            policy = load_custom(entry.module, entry.class_, entry.params, entry.name)
            out.append((policy.name, policy))
    return [(n, p) for n, p in out if n != "none"]
