"""Fixed vocabularies: occupations, families, agencies, area types, position types.

These are codes, stored as small integers in the state columns. Their order never
changes within a version (the integer codes appear in arrays, not in output files:
outputs always use the names).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal


class Occupation(StrEnum):
    """What an employee is trained for; also the name of a role slot in a unit."""

    teacher_primary = "teacher_primary"
    teacher_secondary = "teacher_secondary"
    doctor = "doctor"
    nurse = "nurse"
    midwife = "midwife"
    health_technician = "health_technician"  # public health, pharmacy, lab, sanitation, nutrition
    engineer = "engineer"
    transport_officer = "transport_officer"
    finance_officer = "finance_officer"
    admin = "admin"


class Family(StrEnum):
    """Occupation families: competence is held per family (a 0-1 score each)."""

    education = "education"
    health = "health"
    technical = "technical"
    transport = "transport"
    finance = "finance"
    general = "general"


class Agency(StrEnum):
    """Regional agencies (dinas / OPD)."""

    education = "education"
    health = "health"
    public_works = "public_works"
    transport = "transport"
    finance = "finance"
    secretariat = "secretariat"


class AreaType(StrEnum):
    """Geography of a district; drives hardness and adaptation difficulty."""

    urban = "urban"
    rural = "rural"
    remote = "remote"
    mountain = "mountain"
    coastal = "coastal"
    island = "island"


class PositionType(StrEnum):
    """Position types that set the retirement age (BUP, PP 11/2017 art. 239)."""

    administrative = "administrative"
    functional_junior = "functional_junior"  # skilled, ahli pertama, ahli muda
    functional_middle = "functional_middle"  # ahli madya
    functional_principal = "functional_principal"  # ahli utama
    leadership = "leadership"  # pimpinan tinggi
    teacher = "teacher"  # Law 14/2005


class Employment(StrEnum):
    """Employment status."""

    pns = "PNS"
    pppk = "PPPK"


class ExitReason(StrEnum):
    """Why an employee left (code 0 means still active)."""

    active = "active"
    retirement = "retirement"
    exit = "exit"  # death, resignation, dismissal
    contract_end = "contract_end"


OCCUPATIONS: list[str] = [o.value for o in Occupation]
FAMILIES: list[str] = [f.value for f in Family]
AGENCIES: list[str] = [a.value for a in Agency]
AREA_TYPES: list[str] = [a.value for a in AreaType]
POSITION_TYPES: list[str] = [p.value for p in PositionType]
EXIT_REASONS: list[str] = [r.value for r in ExitReason]
EXIT_CODE: dict[str, int] = {r: i for i, r in enumerate(ExitReason)}

FAMILY_OF: dict[str, str] = {
    "teacher_primary": "education",
    "teacher_secondary": "education",
    "doctor": "health",
    "nurse": "health",
    "midwife": "health",
    "health_technician": "health",
    "engineer": "technical",
    "transport_officer": "transport",
    "finance_officer": "finance",
    "admin": "general",
}

AGENCY_FAMILY: dict[str, str] = {
    "education": "education",
    "health": "health",
    "public_works": "technical",
    "transport": "transport",
    "finance": "finance",
    "secretariat": "general",
}

OCC_INDEX: dict[str, int] = {o: i for i, o in enumerate(OCCUPATIONS)}
FAMILY_INDEX: dict[str, int] = {f: i for i, f in enumerate(FAMILIES)}
AREA_INDEX: dict[str, int] = {a: i for i, a in enumerate(AREA_TYPES)}
AGENCY_INDEX: dict[str, int] = {a: i for i, a in enumerate(AGENCIES)}
POSITION_INDEX: dict[str, int] = {p: i for i, p in enumerate(POSITION_TYPES)}
FAMILY_OF_OCC_CODE: list[int] = [FAMILY_INDEX[FAMILY_OF[o]] for o in OCCUPATIONS]


def occupation_distance(occupation: str, role: str) -> float:
    """Distance between what a person is trained for and the role they fill (0-1).

    0 for the same occupation, 0.5 within the same family (e.g. secondary to
    primary teacher), 1 across families (e.g. transport officer to nurse).
    """
    if occupation == role:
        return 0.0
    if FAMILY_OF[occupation] == FAMILY_OF[role]:
        return 0.5
    return 1.0


OccupationName = Literal[
    "teacher_primary", "teacher_secondary", "doctor", "nurse", "midwife",
    "health_technician", "engineer", "transport_officer", "finance_officer", "admin",
]
AgencyName = Literal["education", "health", "public_works", "transport", "finance", "secretariat"]
AreaName = Literal["urban", "rural", "remote", "mountain", "coastal", "island"]
PositionName = Literal[
    "administrative", "functional_junior", "functional_middle", "functional_principal",
    "leadership", "teacher",
]
