"""The parts a region's declaration is made of: occupations, agencies, districts, unit kinds.

`Region` (`region_params.py`) holds them; a synthetic region is built from them.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from ..core.declare import ASSUMPTION, MAX_KM, Section, par
from ..core.vocab import DEFAULT_AGENCIES, DEFAULT_OCCUPATIONS, AreaName, PositionName
from .messages_params import ParamMsg

# names a region defines (its files or its `region.occupations` / `region.agencies`)
OccupationName = str
AgencyName = str


class OccupationSpec(Section):
    """An occupation (position, jabatan) of the region: also a role slot in its units."""

    family: str = par(..., "", "scenario data", min_length=1,
                      description="occupation family: competence is held per family")
    label: str = par("", "", "scenario data", description="display name")
    recruit_position: PositionName = par(
        "functional_junior", "", ASSUMPTION,
        description="position type of recruits to this occupation (sets their BUP)")


class AgencySpec(Section):
    """An agency (dinas, OPD) of the region."""

    domain: str = par(..., "", "scenario data", min_length=1,
                      description="family of its units' work (competence in it counts)")
    label: str = par("", "", "scenario data", description="display name")


def default_occupations() -> dict[str, dict[str, str]]:
    """The built-in region's occupations, as a scenario writes them."""
    return {o: {"family": f, "recruit_position": p} for o, (f, p) in DEFAULT_OCCUPATIONS.items()}


def default_agencies() -> dict[str, dict[str, str]]:
    """The built-in region's agencies, as a scenario writes them."""
    return {a: {"domain": d} for a, d in DEFAULT_AGENCIES.items()}


class District(Section):
    """One district (kecamatan) of the region."""

    name: str = par(..., "", "scenario data", min_length=1, description="district name")
    area_type: AreaName = par(..., "", "scenario data", description="geography of the district")
    x_km: float = par(0.0, "km", "scenario data", ge=-MAX_KM, le=MAX_KM,
                      description="east-west position of its centre")
    y_km: float = par(0.0, "km", "scenario data", ge=-MAX_KM, le=MAX_KM,
                      description="north-south position of its centre")
    weight: float = par(
        1.0, "", "scenario data", ge=0, le=1_000_000,
        description="relative weight of the district for spread units (and homes)",
    )


class UnitKind(Section):
    """A kind of unit (e.g. primary school): how many, where, and who works there."""

    agency: AgencyName = par(..., "", "scenario data", description="agency the units belong to")
    label: str = par("", "", "scenario data", description="display name prefix, e.g. 'SD Negeri'")
    count: int = par(..., "units", "scenario data", ge=0, le=1_000_000)
    location: Literal["capital", "spread", "each"] = par(
        "spread", "", "scenario data",
        description="'capital': all in the first district; 'spread': over districts by "
        "weight; 'each': `count` units in every district",
    )
    staff: dict[OccupationName, Annotated[float, Field(ge=0, le=100_000)]] = par(
        ..., "persons per unit", "scenario data",
        description="mean staff per unit by role (occupation slot; 0 removes a role)",
    )
    size_sd: float = par(
        0.3, "", ASSUMPTION, ge=0, le=2,
        description="lognormal spread of unit size around the mean",
    )
    staffing: float = par(
        1.0, "x", "scenario data", ge=0.05, le=10,
        description="staff present relative to workload need in this kind of unit",
    )

    @model_validator(mode="after")
    def _staff_positive(self) -> UnitKind:
        if not self.staff:
            raise ValueError(ParamMsg.staff_empty())
        return self


