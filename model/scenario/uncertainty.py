"""The uncertain inputs an analyst explores, from the parameter declarations.

A parameter declared with `explore=(low, high)` (see `model.core.declare.par`) is an
uncertainty: sensitivity analysis (`run_sim.py sensitivity`) and the EMA Workbench
adapter (`model.ema`) vary it over that range. A mapping declared so (e.g.
`demand.growth_by_agency`) gives one uncertainty per key of the region (one per
agency). Each has a dotted `path` (what `--set` and `load_scenario` take) and a
`name` that is a valid Python identifier (`demand__growth_by_agency__health`),
which tools such as the EMA Workbench and SALib need, and a `label` a planner reads,
declared with it (`par(..., label=(Indonesian, English))`; `uncertain_label`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, reduce
from typing import Any, get_args, get_origin

from ..core.errors import UserError
from ..core.text import Text
from .declarations import iter_parameters
from .messages_loading import LoadMsg
from .region_parts import AgencyName, OccupationName
from .scenario import Scenario


@dataclass(frozen=True)
class Uncertain:
    """One uncertain input: where it is, its explored range, and its value now."""

    path: str  # dotted scenario path, e.g. "demand.growth_by_agency.health"
    low: float
    high: float
    default: float  # its value in the scenario explored
    integer: bool
    unit: str
    source: str  # where the explored range comes from

    @property
    def name(self) -> str:
        """A valid Python identifier for the path (dots become double underscores)."""
        return identifier(self.path)


def identifier(path: str) -> str:
    """A dotted path as a valid Python identifier: '.' -> '__', other symbols -> '_'."""
    name = re.sub(r"\W", "_", path.replace(".", "__"))
    return f"p_{name}" if name[:1].isdigit() else name


def _value_at(scenario: Scenario, path: str) -> Any:
    """The scenario's value at a dotted path (mapping keys included)."""
    def step(obj: Any, key: str) -> Any:
        return obj.get(key) if isinstance(obj, dict) else getattr(obj, key)
    return reduce(step, path.split("."), scenario)


def _keys_of(scenario: Scenario, ann: Any, path: str) -> list[str]:
    """The region's keys a mapping-valued uncertainty expands to (agencies or roles)."""
    vocab = scenario.region.vocabulary
    key = get_args(ann)[0]
    if key is AgencyName and "agency" in path:
        return list(vocab.agencies)
    if key is OccupationName:
        return list(vocab.occupations)
    raise TypeError(f"{path}: explore= on a mapping needs agency or occupation keys")


def uncertainties(scenario: Scenario, names: list[str] | None = None) -> list[Uncertain]:
    """The uncertain inputs of `scenario` (all, or those whose path or name is listed).

    The range is the declared explored range, widened to include the scenario's own
    value when it lies outside (a scenario that sets an uncertain input explicitly is
    explored around its own value too).
    """
    out: list[Uncertain] = []
    for row in iter_parameters():
        if not row["explore"]:
            continue
        if "*" in row["path"] or "[]" in row["path"]:
            raise TypeError(f"{row['path']}: explore= inside a list or a mapping of sections "
                            "is not supported (declare it on a scalar or a mapping)")
        low, high = row["explore"]
        ann = row["annotation"]
        integer = row["bounds"].get("type") is int
        if get_origin(ann) is dict:
            value = _value_at(scenario, row["path"])
            for key in _keys_of(scenario, ann, row["path"]):
                v = float(value.get(key, 0.0))
                out.append(Uncertain(f"{row['path']}.{key}", min(low, v), max(high, v), v,
                                     integer, row["unit"], row["explore_source"]))
            continue
        assert not get_args(ann) or get_origin(ann) is not list, row["path"]
        v = float(_value_at(scenario, row["path"]))
        out.append(Uncertain(row["path"], min(low, v), max(high, v), v, integer, row["unit"],
                             row["explore_source"]))
    if names is None:
        return out
    by_key = {u.path: u for u in out} | {u.name: u for u in out}
    unknown = [n for n in names if n not in by_key]
    if unknown:
        raise UserError(LoadMsg.not_uncertain(names=", ".join(unknown),
                                              known=", ".join(u.path for u in out)))
    return list(dict.fromkeys(by_key[n] for n in names))


def overrides_for(inputs: list[Uncertain], values: Any) -> dict[str, Any]:
    """Scenario overrides (dotted path -> value) for one sample point of `inputs`."""
    out = {}
    for u, v in zip(inputs, values, strict=True):
        out[u.path] = int(round(float(v))) if u.integer else float(v)
    return out


@cache
def _labels() -> dict[str, Text]:
    """The declared label of every uncertain input, by its declared path."""
    return {row["path"]: Text(*row["label"]) for row in iter_parameters()
            if row["explore"] and row["label"]}


def uncertain_label(path: str, lang: str = "id",
                    key_label: Callable[[str, str], str] | None = None) -> str:
    """What a planner reads for an uncertain input, in `lang` (its path if none is declared).

    An input of a mapping (`demand.growth_by_agency.health`) takes its mapping's label,
    whose field (`{agency}`) names the key; `key_label(key, lang)` gives that name (e.g.
    the agency's label; the key itself by default).
    """
    labels = _labels()
    if path in labels and not labels[path].fields:
        return labels[path].format(lang)
    head, _, key = path.rpartition(".")
    text = labels.get(head)
    if text is None or not text.fields:
        return path
    name = key_label(key, lang) if key_label is not None else key
    return text.format(lang, **dict.fromkeys(text.fields, name))
