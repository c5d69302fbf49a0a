"""Demand's parameters: how workload need (ABK hours) evolves, and one-off events.

Read by the demand process (`model.processes.demand`).
"""

from __future__ import annotations

from ..core.declare import ASSUMPTION, Rate, Section, par
from .region_parts import AgencyName, OccupationName


class DemandEvent(Section):
    """A one-off change of workload need at a given month (e.g. a new puskesmas wing)."""

    month: int = par(..., "run month", "scenario data", ge=1, le=600,
                     description="month of the run (1 = January of start_year)")
    factor: float = par(..., "x", "scenario data", ge=0.01, le=100)
    agency: AgencyName | None = par(None, "", "scenario data",
                                    description="only units of this agency (None: all)")
    unit_kind: str | None = par(None, "", "scenario data",
                                description="only units of this kind (None: all)")
    role: OccupationName | None = par(None, "", "scenario data",
                                      description="only this role's need (None: all roles)")


class DemandParams(Section):
    """How workload need (ABK hours) evolves."""

    trend_per_year: dict[OccupationName, Rate] = par(
        dict, "per year", ASSUMPTION,
        description="relative yearly change of need by role (e.g. school-age shift)",
    )
    growth_by_agency: dict[AgencyName, Rate] = par(
        dict, "per year", ASSUMPTION,
        explore=(-0.02, 0.03), explore_source="assumption: from shrinking school-age "
        "cohorts (BPS projections) to growing health need; 2 % down to 3 % up a year",
        label=("Pertumbuhan kebutuhan: {agency}", "Need growth: {agency}"),
        description="relative yearly change of need in every unit of an agency, on top "
        "of `trend_per_year` (one number per agency)",
    )
    shock_rate: float = par(
        0.02, "per unit-role per year", ASSUMPTION, ge=0, le=12, explore=(0.0, 0.06),
        label=("Frekuensi guncangan kebutuhan", "Rate of need shocks"),
        description="rate of random persistent shocks to a unit-role's need",
    )
    shock_sd: float = par(0.2, "log", ASSUMPTION, ge=0, le=2)
    seasonality: float = par(
        0.0, "share", ASSUMPTION, ge=0, le=0.9, description="amplitude of a yearly cycle"
    )
    peak_month: int = par(1, "calendar month", ASSUMPTION, ge=1, le=12)
    events: list[DemandEvent] = par(list, "", "scenario data")

