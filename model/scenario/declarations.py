"""Reading the declarations: every parameter as a row, its bounds, merge rules, defaults.

Loading (`loading.py`), the CLI `--set` and `list --params`, the docs' parameter table,
the dashboard's levers (`levers.py`) and the uncertain inputs (`uncertainty.py`) read
the parameters through these functions, from the one declaration of each (`par(...)`
in the section named after its process).
"""

from __future__ import annotations

import types
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from ..core.declare import Section
from ..core.vocab import AreaName, PositionName
from .scenario import Scenario


def _type_name(ann: Any) -> str:
    """A readable type: int, float, list[int], dict[occupation, float], one of (a, b)..."""
    origin, args = get_origin(ann), get_args(ann)
    if origin is Annotated:
        return _type_name(args[0])
    if origin in (Union, types.UnionType):
        return " or ".join(_type_name(a) for a in args)
    if origin is Literal:
        known = {AreaName: "area type", PositionName: "position type"}
        return known.get(ann, "one of (" + ", ".join(map(str, args)) + ")")
    if origin in (list, dict):
        return f"{origin.__name__}[{', '.join(_type_name(a) for a in args)}]"
    if ann is type(None):
        return "None"
    return getattr(ann, "__name__", str(ann))


def _nested_section(ann: Any) -> tuple[type[Section], str] | None:
    """The section inside `list[S]`, `dict[str, S]` or a union with S, and its path mark."""
    origin, args = get_origin(ann), get_args(ann)
    if isinstance(ann, type) and issubclass(ann, Section):
        return ann, ""
    if origin is list and args and _section_type(args[0]):
        return args[0], "[]"
    if origin is dict and args and _section_type(args[-1]):
        return args[-1], ".*"
    if origin in (Union, types.UnionType):
        for a in args:
            found = _nested_section(a)
            if found:
                return found
    return None


def numeric_bounds(ann: Any, metadata: list | tuple = ()) -> dict[str, Any]:
    """Bounds of the numbers a declaration holds: {'lower': (op, v), 'upper': (op, v)}.

    Looks through Annotated, Optional, and the values (and int keys) of dicts and lists.
    Returns {} when the declaration holds no number.
    """
    origin, args = get_origin(ann), get_args(ann)
    if origin is Annotated:
        return numeric_bounds(args[0], [*metadata, *args[1:]])
    if origin in (Union, types.UnionType):
        members = [a for a in args if a is not type(None)]
        found = [numeric_bounds(a, metadata) for a in members]
        return next((f for f in found if f), {})
    if origin in (list, dict):
        return numeric_bounds(args[-1]) or (numeric_bounds(args[0]) if origin is dict else {})
    if ann not in (int, float):
        return {}
    out: dict[str, Any] = {"type": ann}
    flat = [m for meta in metadata for m in getattr(meta, "metadata", [meta])]
    for meta in flat:
        for op in ("ge", "gt"):
            if getattr(meta, op, None) is not None:
                out["lower"] = (op, getattr(meta, op))
        for op in ("le", "lt"):
            if getattr(meta, op, None) is not None:
                out["upper"] = (op, getattr(meta, op))
    return out


def iter_parameters(
    cls: type[BaseModel] = Scenario, prefix: str = ""
) -> list[dict[str, Any]]:
    """List every declared parameter as a row (path, type, default, unit, range, source).

    `explore` is the (low, high) range an uncertain input is explored over (None for
    the others), `explore_source` where that range comes from, `label` what a planner
    reads for it, (Indonesian, English) (None where none is declared).

    Sections inside lists and mappings are listed too, as `region.districts[].x_km`
    and `region.unit_kinds.*.count`.
    """
    rows: list[dict[str, Any]] = []
    for name, field in cls.model_fields.items():
        path = f"{prefix}{field.alias or name}"
        ann = field.annotation
        nested = _nested_section(ann)
        if nested is not None and nested[1] == "" and not get_args(ann):
            rows.extend(iter_parameters(nested[0], path + "."))
            continue
        extra = field.json_schema_extra or {}
        bounds = numeric_bounds(ann, field.metadata)
        shown = [f"{b[0]} {b[1]}" for b in (bounds.get("lower"), bounds.get("upper")) if b]
        default = "(required)" if field.is_required() else field.get_default(
            call_default_factory=True
        )
        rows.append({
            "path": path,
            "type": _type_name(ann),
            "default": default,
            "unit": extra.get("unit", ""),
            "range": ", ".join(shown),
            "source": extra.get("source", ""),
            "explore": tuple(extra["explore"]) if "explore" in extra else None,
            "explore_source": extra.get("explore_source", ""),
            "label": tuple(extra["label"]) if "label" in extra else None,
            "description": field.description or "",
            "annotation": ann,
            "bounds": bounds,
            "metadata": list(field.metadata),
        })
        if nested is not None:
            rows.extend(iter_parameters(nested[0], f"{path}{nested[1]}."))
    return rows


def _section_type(annotation: Any) -> type[Section] | None:
    return annotation if isinstance(annotation, type) and issubclass(annotation, Section) \
        else None


def merge_rules(cls: type[BaseModel] = Scenario, prefix: tuple = ()) -> dict[tuple, str]:
    """Key paths (with '*' for any key) whose mappings do not merge key by key."""
    rules: dict[tuple, str] = {}
    for name, field in cls.model_fields.items():
        path = (*prefix, name)
        extra = field.json_schema_extra or {}
        if extra.get("merge", "deep") != "deep":
            rules[path] = extra["merge"]
        sub = _section_type(field.annotation)
        if sub is not None:
            rules.update(merge_rules(sub, path))
        args = getattr(field.annotation, "__args__", ())
        if getattr(field.annotation, "__origin__", None) is dict and _section_type(args[-1]):
            rules.update(merge_rules(args[-1], (*path, "*")))
    return rules


def defaults_tree(cls: type[BaseModel] = Scenario) -> dict[str, Any]:
    """Declared defaults of every parameter that has one, as a nested mapping."""
    out: dict[str, Any] = {}
    for name, field in cls.model_fields.items():
        sub = _section_type(field.annotation)
        if sub is not None:
            out[name] = defaults_tree(sub)
        elif not field.is_required():
            value = field.get_default(call_default_factory=True)
            out[name] = value.model_dump() if isinstance(value, BaseModel) else value
    return out
