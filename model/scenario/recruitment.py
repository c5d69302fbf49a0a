"""Recruitment's parameters: the yearly formasi's quota, lag, placement and recruits.

Read by the recruitment process (`model.processes.recruitment`).
"""

from __future__ import annotations

from typing import Literal

from pydantic import model_validator

from ..core.declare import ASSUMPTION, Count, Section, Share, par
from ..core.vocab import AreaName
from .messages_params import ParamMsg
from .region_parts import OccupationName


class ListedPlacement(Section):
    """Recruits of one role sent to a named unit kind or unit (placement 'listed')."""

    role: OccupationName = par(..., "", "scenario data", description="the recruits' role")
    count: int = par(..., "persons per year", "scenario data", ge=0, le=1_000_000)
    unit_kind: str = par(..., "", "scenario data", description="unit kind they are sent to")


class RecruitmentParams(Section):
    """Yearly recruitment (formasi): quota, lag and placement."""

    planning_month: int = par(
        7, "calendar month", ASSUMPTION, ge=1, le=12,
        description="month the yearly quota is fixed from the last 12 months' departures",
    )
    lag_months: int = par(
        6, "months", ASSUMPTION, ge=0, le=36, description="from quota to appointment"
    )
    quota_mode: Literal["replacement", "fixed"] = par(
        "replacement", "", "BKN/KemenPAN-RB: retirements not all replaced",
        description="'replacement': a share of departures; 'fixed': the quota table",
    )
    replacement_rate: float = par(
        1.2, "share of departures", "BKN 2023-2026: ASN grew through PPPK hiring while PNS "
        "shrank; 1.2 with pppk_share 0.6 meets the PNS and ASN trend targets "
        "(calibration, docs/VALIDATION.md; 1.1 before the smooth ages of issue 22)", ge=0, le=5,
        explore=(0.9, 1.3), explore_source="assumption: a region's formasi policy "
        "departs from the national calibration; 0.9 (moratorium years) to 1.3",
        label=("Rasio penggantian formasi", "Formasi replacement rate"),
    )
    quota: dict[OccupationName, Count] = par(
        dict, "persons per year", "scenario data", description="fixed yearly quota by role"
    )
    pppk_share: Share = par(
        0.6, "share", "BKN 2024-2026: new intake increasingly PPPK (assumption for the share)",
        ge=0, le=1,
    )
    placement: Literal["most_understaffed", "proportional", "listed"] = par(
        "most_understaffed", "", ASSUMPTION
    )
    listed: list[ListedPlacement] = par(list, "", "scenario data")
    pppk_in_place: bool = par(
        True, "", "Law 20/2023 art. 66 (honorary staff to be settled by December 2024, "
        "mostly appointed as PPPK in the posts they held); the share of future intake "
        "appointed in place is an assumption",
        description="PPPK recruits placed in proportion to the role's current staff "
        "rather than by `placement`",
    )
    fill_by_area: dict[AreaName, Share] = par(
        lambda: {"urban": 1.0, "rural": 0.95, "coastal": 0.85, "mountain": 0.8,
                 "remote": 0.7, "island": 0.65},
        "share", "assumption for the values; BKN and KemenPAN-RB report CASN formasi left "
        "unfilled for lack of eligible applicants, most in 3T areas", merge="top",
        description="share of the formasi placed in a unit of each area type that is "
        "filled (the rest stays vacant that year)",
    )
    fill_scale: float = par(
        1.0, "x", ASSUMPTION, ge=0, le=2,
        explore=(0.7, 1.2), explore_source="assumption: the fill shares by area are "
        "assumptions; 30 % fewer to 20 % more filled",
        label=("Skala keterisian formasi", "Formasi fill-rate scale"),
        description="multiplies every share of `fill_by_area` (capped at 1): the whole "
        "recruitment fill-rate uncertainty as one number",
    )
    age_min: int = par(22, "years", ASSUMPTION, ge=18, le=55)
    age_max: int = par(35, "years", "BKN: CPNS age limit 35", ge=18, le=57)
    competence_mean: float = par(
        0.7, "0-1", ASSUMPTION, ge=0.05, le=0.95,
        description="new recruits' own-family competence (a Beta mean: 0.05 to 0.95)"
    )

    @model_validator(mode="after")
    def _ages_ok(self) -> RecruitmentParams:
        if self.age_min > self.age_max:
            raise ValueError(ParamMsg.recruit_ages(low=self.age_min, high=self.age_max))
        return self

