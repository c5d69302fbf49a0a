"""The built-in policies: every module of this package that defines a `Policy`.

A built-in policy is a module of this package that defines one `Policy` subclass with
its `name`, its words and colour (`label`, `summary`, `color`, the labels of its
`reasons`) and, if it takes parameters, its `Params` section. Adding one takes that
file only: the registry finds it, and the scenario's `policies.<name>` section, the
checks of `policy:` and `compare:`, `list`, the parameter table, the tables, figures,
report and dashboard follow from here. `order` places it in lists (then its name).

A built-in policy without a label, a summary, a colour or a label for a reason it
declares is refused when the package is imported (a word missing never shows as a raw
key). Its words are catalogue entries (`policies.<name>.label`, `.summary`,
`policies.<name>.reasons.<reason>`), so the catalogue's completeness test checks both
languages.
"""

from __future__ import annotations

import inspect
import pkgutil
import re
from importlib import import_module

from pydantic import Field, create_model

from ..core.declare import Section
from ..core.text import Text, register
from . import between, listed
from .base import Policy
from .messages import PolicyMsg

_COLOR = re.compile(r"#[0-9a-fA-F]{6}")


def _policy_of(module_name: str) -> type[Policy] | None:
    """The one built-in policy defined in `model.policies.<module_name>` (None: none).

    A built-in is a `Policy` subclass that declares its own `name`; a class without one
    (a shared base, a helper) is not a policy of its own, so a module of machinery or
    bases is skipped without being listed anywhere.
    """
    module = import_module(f"{__package__}.{module_name}")
    found = [c for _, c in inspect.getmembers(module, inspect.isclass)
             if issubclass(c, Policy) and c is not Policy and c.__module__ == module.__name__
             and "name" in vars(c)]
    if len(found) > 1:
        raise ImportError(f"model/policies/{module_name}.py must define exactly one Policy "
                          f"subclass with a name (found {len(found)})")
    return found[0] if found else None


def check_words(cls: type[Policy], where: str) -> None:
    """Refuse a built-in policy without its own label, summary and colour, or a reason label.

    Label, summary and colour must be the class's own: inherited ones would make two
    policies look the same in every table and figure. Reasons may be inherited (the
    same reasons, the same words).
    """
    own = vars(cls)
    missing = [w for w in ("label", "summary") if not isinstance(own.get(w), Text)]
    if not (isinstance(own.get("color"), str) and _COLOR.fullmatch(own["color"])):
        missing.append("color ('#rrggbb')")
    missing += [f"reasons[{k!r}]" for k, v in dict(cls.reasons).items()
                if not isinstance(v, Text)]
    if missing:
        raise ImportError(f"{where}: policy {cls.name!r} must declare {', '.join(missing)} "
                          "(a Text('Indonesian', 'English') each; see model/policies/base.py)")


def _register_words(cls: type[Policy]) -> None:
    """The policy's words as catalogue entries (checked for both languages by a test)."""
    register(f"policies.{cls.name}.label", cls.label)
    register(f"policies.{cls.name}.summary", cls.summary)
    for reason, text in cls.reasons.items():
        register(f"policies.{cls.name}.reasons.{reason}", text)


def _discover() -> dict[str, type[Policy]]:
    """Every built-in policy of the package, in their declared order."""
    package = import_module(__package__)
    found = []
    where: dict[str, str] = {}
    for info in pkgutil.iter_modules(package.__path__):
        if info.name.startswith("_"):
            continue
        cls = _policy_of(info.name)
        if cls is None:
            continue
        here = f"model/policies/{info.name}.py"
        if cls.name in where:
            raise ImportError(f"{here}: policy name {cls.name!r} is taken by {where[cls.name]}")
        check_words(cls, here)
        where[cls.name] = here
        found.append(cls)
    found.sort(key=lambda c: (c.order, c.name))
    for cls in found:
        _register_words(cls)
    return {cls.name: cls for cls in found}


def _reasons(policies: dict[str, type[Policy]]) -> dict[str, Text]:
    """The reasons of every built-in policy's moves with their labels (one label each)."""
    out: dict[str, Text] = {}
    for name, cls in policies.items():
        for key, text in cls.reasons.items():
            if key in out and (out[key].id, out[key].en) != (text.id, text.en):
                raise ImportError(f"policy {name!r}: reason {key!r} is labelled differently "
                                  "by another policy; give it another key")
            out.setdefault(key, text)
    return out


POLICIES: dict[str, type[Policy]] = _discover()
# the built-ins' reasons and those of an evaluated list (`listed`), each labelled once
REASONS: dict[str, Text] = _reasons(POLICIES) | dict(listed.REASONS)


def policy_text(name: str, what: str) -> Text | None:
    """A policy's `label` or `summary`: a built-in's, or an evaluated list's (`listed`).

    None for any other name (a custom policy).
    """
    cls = POLICIES.get(str(name))
    if cls is not None:
        return getattr(cls, what)
    if str(name) in between.NAMES and what in ("label", "summary"):
        return (between.LABELS if what == "label" else between.SUMMARIES)[str(name)]
    table = listed.PROPOSERS if what == "label" else listed.SUMMARIES
    return table.get(str(name)) if what in ("label", "summary") else None


def policy_color(name: str) -> str | None:
    """A built-in policy's or an evaluated list's colour; None for any other name."""
    cls = POLICIES.get(str(name))
    if cls is not None:
        return cls.color
    return between.COLORS.get(str(name)) or listed.COLORS.get(str(name))


# a custom policy's summary (reporting reads files and never sees its class)
CUSTOM_SUMMARY: Text = PolicyMsg.custom_summary


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
