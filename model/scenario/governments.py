"""A region of regions: the governments of a scenario and the rounds between them.

A scenario with a `governments` section holds several autonomous governments (a
province's own agencies and its kabupaten/kota, or a national set). Each member is a
whole region of its own: the scenario's settings with the member's `settings` merged
over them (its size, unit kinds, roster files, recruitment, budget, policy), drawn
from its own seed. Once a year an inter-government round moves civil servants
between governments (`round`): own requests to another government and, under the
`redistribution` policy, teachers from governments above the teacher-need norm to
those below it (the joint edict of five ministers of 2011, `redistribution`).

Read by `model.governments`; a scenario without this section is one government and
runs exactly as before.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, model_validator

from ..core.declare import ASSUMPTION, MAX_KM, Section, Share, par
from ..policies import between
from .messages_governments import GovMsg

# a government's kind, as planners name them (code names in English)
KINDS = ("province", "regency", "city")
SKB_2011 = ("Joint edict of five ministers on teacher redistribution, 2011 (Heyward & "
            "Santosa 2014, DOMAIN.md)")
BKN_5_2019 = "Peraturan BKN 5/2019 (transfers between governments need both heads' consent)"


class Government(Section):
    """One autonomous government: its name, kind, province, place and its own settings."""

    name: str = par(..., "", "scenario data", min_length=1, max_length=80,
                    description="the government's name, unique in the scenario")
    kind: Literal["province", "regency", "city"] = par(
        "regency", "", "scenario data",
        description="province (pemerintah provinsi), regency (kabupaten) or city (kota)")
    province: str = par(..., "", "scenario data", min_length=1, max_length=80,
                        description="the province it belongs to (a province's own name)")
    x_km: float = par(0.0, "km", "scenario data", ge=-MAX_KM, le=MAX_KM,
                      description="east of the scenario's origin (the government's seat)")
    y_km: float = par(0.0, "km", "scenario data", ge=-MAX_KM, le=MAX_KM,
                      description="north of the scenario's origin (the government's seat)")
    settings: dict[str, Any] = par(
        dict, "", "scenario data", merge="replace",
        description="the government's own values over the scenario's (e.g. "
        "region.target_staff, region.unit_kinds, recruitment, policy)")


class PlannedMove(Section):
    """Moves between two governments a planner decided (tested like any decree)."""

    model_config = Section.model_config | {"populate_by_name": True}

    from_: str = par(..., "", "scenario data", alias="from", min_length=1,
                     description="the government people leave")
    to: str = par(..., "", "scenario data", min_length=1,
                  description="the government they go to")
    role: str = par(..., "", "scenario data", min_length=1,
                    description="their occupation (role)")
    count: int = par(..., "persons", "scenario data", ge=1, le=100_000)
    year: int | None = par(None, "year", "scenario data", ge=2000, le=2150,
                           description="the round's year; None: every year's round")


class GovernmentRound(Section):
    """The yearly round of moves between governments."""

    month: int = par(7, "calendar month", "the school year starts in July (academic "
                     "calendar); teacher redistribution is planned for it", ge=1, le=12,
                     description="calendar month of the round (before that month's events)")
    cap_share: Share = par(0.03, "share of a government's PNS", ASSUMPTION, ge=0, le=0.2,
                           description="at most this share of a government's PNS leave it "
                           "in one round")
    request_rate: Share = par(0.002, "share of PNS per year", ASSUMPTION, ge=0, le=0.1,
                              description="PNS asking each year to move to another "
                              "government (to follow a spouse, to go home)")
    consent_margin: Share = par(0.0, "share of need", BKN_5_2019 + "; margin: assumption",
                                ge=0, le=1,
                                description="a government releases someone only while its "
                                "staff in that role stay above need x (1 + margin), and "
                                "takes someone only while below need")
    between_provinces: bool = par(True, "", BKN_5_2019,
                                  description="moves between provinces (coordinated by "
                                  "the centre, BKN) are allowed")
    planned: list[PlannedMove] = par(
        list, "", "scenario data",
        description="moves a planner decided, carried out in the round (within the "
        "source's movable PNS and cap; objections as for any decree)")


class Redistribution(Section):
    """The `redistribution` policy: teachers over the norm to governments under it."""

    occupations: list[str] = par(lambda: ["teacher_primary", "teacher_secondary"], "",
                                 SKB_2011, min_length=1,
                                 description="the roles redistributed (civil-service "
                                 "teachers)")
    tolerance: Share = par(0.05, "share of need", ASSUMPTION, ge=0, le=1,
                           description="a government is over the norm when its teachers "
                           "exceed need x (1 + tolerance), under it below need x (1 - "
                           "tolerance); need is the ABK of its schools (24 contact hours "
                           "a week, Law 14/2005)")
    within_province_first: bool = par(True, "", SKB_2011,
                                      description="surpluses go first to deficits in the "
                                      "same province (the province coordinates its "
                                      "districts), then nearest first")


class Governments(Section):
    """The governments of a region of regions, and the rounds between them."""

    members: list[Government] = par(..., "", "scenario data", min_length=2,
                                    max_length=1000)
    round: GovernmentRound = Field(default_factory=GovernmentRound)
    redistribution: Redistribution = Field(default_factory=Redistribution)

    @model_validator(mode="after")
    def _consistent(self) -> Governments:
        seen: set[str] = set()
        for i, g in enumerate(self.members):
            if g.name in seen:
                raise ValueError(GovMsg.same_name(name=repr(g.name), i=i))
            seen.add(g.name)
            bad = sorted(set(g.settings) & FIXED_FOR_ALL)
            if bad:
                raise ValueError(GovMsg.setting_for_all(name=repr(g.name),
                                                        keys=", ".join(bad)))
        provinces: dict[str, list[str]] = {}
        for g in self.members:
            if g.kind == "province":
                provinces.setdefault(g.province, []).append(g.name)
        for province, names in provinces.items():
            if len(names) > 1:
                raise ValueError(GovMsg.two_provinces(province=repr(province),
                                                      names=", ".join(map(repr, names))))
        names = {g.name for g in self.members}
        for i, move in enumerate(self.round.planned):
            for side, name in (("from", move.from_), ("to", move.to)):
                if name not in names:
                    raise ValueError(GovMsg.planned_unknown(
                        i=i, side=side, name=repr(name),
                        known=", ".join(map(repr, sorted(names)[:12]))
                        + (", ..." if len(names) > 12 else "")))
            if move.from_ == move.to:
                raise ValueError(GovMsg.planned_same(i=i, name=repr(move.to)))
        for g in self.members:
            if g.province not in provinces:
                known = ", ".join(sorted(map(repr, provinces))) or "-"
                raise ValueError(GovMsg.no_province(name=repr(g.name),
                                                    province=repr(g.province), known=known))
        return self

    def names(self) -> list[str]:
        """The governments' names, in the scenario's order."""
        return [g.name for g in self.members]


# what every government shares: one clock, one horizon and one set of seeds
FIXED_FOR_ALL = frozenset({"years", "start_year", "seed", "replications", "governments",
                           "name", "extends", "compare"})


def province_of(governments: Governments) -> dict[str, str]:
    """Each government's province, by name."""
    return {g.name: g.province for g in governments.members}


# policies of the round between governments (the rest are each government's own)
BETWEEN_POLICIES = between.NAMES


def split_policy(names: list[str]) -> tuple[list[str], list[str]]:
    """A policy setting's names as (each government's own, the round between them)."""
    between = [n for n in names if n in BETWEEN_POLICIES]
    return [n for n in names if n not in BETWEEN_POLICIES], between
