"""Tools to declare parameters: `par(...)`, the `Section` base, shared types and sources.

Every scenario parameter is declared with `par(default, unit, source, ...)` in a
`Section`: each process's section in `model.scenario` beside its name (`demography.py`,
`mutation.py`, ...) and each built-in policy's `Params`. Every number is declared
with a finite range (`ge`/`gt` and `le`/`lt`, a test checks it). A `Section` refuses
what pydantic would otherwise coerce silently: infinities and NaN, yes/no values
(`true`) where a number is expected and numbers where a yes/no is expected.
"""

from __future__ import annotations

import types
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from .text import Catalogue, Text

BKN_2023 = "BKN, Statistik ASN semester I 2023"
PP_11_2017 = "PP 11/2017 art. 239 (BUP)"
PERMENPAN_1_2020 = "PermenPAN-RB 1/2020 (ABK)"
ASSUMPTION = "assumption"

# Bounds of size-like values, with the reason for each.
MAX_TARGET_STAFF = 10_000_000  # above all ASN of Indonesia (> 6 million in January 2026, BKN)
# a region as built (staffing factors can raise it above the target): ~5 GB of memory
MAX_STAFF = 15_000_000
MAX_UNITS = 2_000_000  # above all schools, puskesmas and offices of Indonesia
MAX_IDR = 1e16  # above Indonesia's whole state budget (APBN, about IDR 3,600 trillion)
MAX_IDR_PER_ROUND = 1e13  # a thousandth of that: more than any region spends in a round
MAX_IDR_PER_PERSON = 1e10  # per person, move or month: over 100 years of the top ASN pay
MAX_KM = 5_000.0  # Indonesia spans about 5,100 km from west to east


def par(default: Any, unit: str = "", source: str = ASSUMPTION, merge: str = "deep",
        explore: tuple[float, float] | None = None, explore_source: str = "",
        label: tuple[str, str] | None = None, **kw: Any) -> Any:
    """Declare one parameter: its default, unit and the source of the default.

    `merge` says how a mapping given in a scenario combines with the parent's (or the
    declared default): "deep" key by key, "replace" as a whole (e.g. age bands whose
    shares must sum to 1), "top" key by key but each value replaced whole.
    `explore` marks an uncertain input: the plausible (low, high) range sensitivity
    analysis and exploration vary it over (inside the valid range), with
    `explore_source` saying where that range comes from. For a mapping the range
    applies to each of its values.
    `label` is what a planner reads for the parameter, (Indonesian, English): every
    uncertain input has one (tables and figures of sensitivity analysis name it so); a
    mapping's label names its key as a field, e.g. `("Pertumbuhan kebutuhan: {agency}",
    "Need growth: {agency}")`. Optional for the other parameters.
    """
    extra: dict[str, Any] = {"unit": unit, "source": source, "merge": merge}
    if explore is not None:
        extra |= {"explore": list(explore), "explore_source": explore_source or ASSUMPTION}
    if label is not None:
        extra["label"] = list(label)
    if callable(default):
        return Field(default_factory=default, json_schema_extra=extra, **kw)
    return Field(default, json_schema_extra=extra, **kw)


def _only(ann: Any, kinds: tuple[type, ...]) -> bool:
    """True if `ann` (or every non-None member of a union) is one of `kinds`."""
    origin, args = get_origin(ann), get_args(ann)
    if origin is Annotated:
        return _only(args[0], kinds)
    if origin in (Union, types.UnionType):
        members = [a for a in args if a is not type(None)]
        return bool(members) and all(_only(a, kinds) for a in members)
    return ann in kinds


class DeclareMsg(Catalogue, area="core.declare"):
    """What a scenario value of the wrong kind is told (`Section` refuses it)."""

    a_number = Text("angka, bukan ya/tidak", "a number, not yes/no")
    yes_no = Text("ya/tidak (true atau false)", "yes/no (true or false)")
    expected = Text("yang diharapkan {expected}; diberikan {got}", "expected {expected}; got {got}")
    expected_at = Text("yang diharapkan {expected} pada {at}; diberikan {got}",
                       "expected {expected} at {at}; got {got}")


def mistyped(value: Any, ann: Any, where: str = "") -> tuple[str, Text, Any] | None:
    """Where `value` gives a yes/no for a number, or anything but yes/no for a yes/no.

    Pydantic would read `true` as 1 and `1` as true; a scenario must say what it means.
    Returns (where, what was expected, the value there) or None. Looks into dict
    values and list items.
    """
    origin, args = get_origin(ann), get_args(ann)
    if origin is Annotated:
        return mistyped(value, args[0], where)
    if _only(ann, (int, float)):
        return (where, DeclareMsg.a_number, value) if isinstance(value, bool) else None
    if _only(ann, (bool,)):
        ok = isinstance(value, bool) or value is None
        return None if ok else (where, DeclareMsg.yes_no, value)
    if origin is dict and isinstance(value, dict):
        for k, v in value.items():
            if _only(args[0], (int, float)) and isinstance(k, bool):
                return (f"{where} (key {k!r})", DeclareMsg.a_number, k)
            found = mistyped(v, args[1], f"{where}.{k}")
            if found is not None:
                return found
    if origin is list and isinstance(value, list):
        for i, v in enumerate(value):
            found = mistyped(v, args[0], f"{where}.{i}")
            if found is not None:
                return found
    return None


class Section(BaseModel):
    """Base of every scenario section: immutable, unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=True,
                              allow_inf_nan=False)

    @field_validator("*", mode="before")
    @classmethod
    def _yes_no_is_not_a_number(cls, value: Any, info: ValidationInfo) -> Any:
        field = cls.model_fields.get(info.field_name or "")
        found = mistyped(value, field.annotation) if field is not None else None
        if found is not None:
            where, expected, got = found
            if where:
                raise ValueError(DeclareMsg.expected_at(expected=expected,
                                                        at=f"{info.field_name}{where}",
                                                        got=repr(got)))
            raise ValueError(DeclareMsg.expected(expected=expected, got=repr(got)))
        return value


Share = Annotated[float, Field(ge=0, le=1)]
Factor = Annotated[float, Field(ge=0.05, le=10)]
Bup = Annotated[int, Field(ge=40, le=75)]
Rate = Annotated[float, Field(ge=-0.9, le=1.0)]
Count = Annotated[int, Field(ge=0, le=1_000_000)]
Month = Annotated[int, Field(ge=1, le=12)]
