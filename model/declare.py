"""Tools to declare parameters: `par(...)`, the `Section` base, shared types and sources.

Every scenario parameter is declared with `par(default, unit, source, ...)` in a
`Section`; see `model.params` and `model.params_mutation`.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

BKN_2023 = "BKN, Statistik ASN semester I 2023"
PP_11_2017 = "PP 11/2017 art. 239 (BUP)"
PERMENPAN_1_2020 = "PermenPAN-RB 1/2020 (ABK)"
ASSUMPTION = "assumption"


def par(default: Any, unit: str = "", source: str = ASSUMPTION, merge: str = "deep",
        **kw: Any) -> Any:
    """Declare one parameter: its default, unit and the source of the default.

    `merge` says how a mapping given in a scenario combines with the parent's (or the
    declared default): "deep" key by key, "replace" as a whole (e.g. age bands whose
    shares must sum to 1), "top" key by key but each value replaced whole.
    """
    extra = {"unit": unit, "source": source, "merge": merge}
    if callable(default):
        return Field(default_factory=default, json_schema_extra=extra, **kw)
    return Field(default, json_schema_extra=extra, **kw)


class Section(BaseModel):
    """Base of every scenario section: immutable, unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=True)


Share = Annotated[float, Field(ge=0, le=1)]
Factor = Annotated[float, Field(gt=0, le=10)]
Bup = Annotated[int, Field(ge=40, le=75)]
Rate = Annotated[float, Field(ge=-0.9, le=1.0)]
Count = Annotated[int, Field(ge=0, le=1_000_000)]
