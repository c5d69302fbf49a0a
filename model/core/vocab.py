"""Vocabularies: fixed ones (area types, position types, exit reasons) and a region's own.

Area types, position types (which set the retirement age by regulation) and exit
reasons are fixed. Occupations (positions), their families, agencies and unit kinds
belong to a region: `Vocabulary` holds them, built from the scenario's region
section (the built-in region declares the defaults below) or from a region's own
files. Names are stored as small integer codes in the state columns; outputs always
use the names.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Literal

import numpy as np


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
    transfer = "transfer"  # moved to another government (a region of regions)


AREA_TYPES: list[str] = [a.value for a in AreaType]
POSITION_TYPES: list[str] = [p.value for p in PositionType]
EXIT_REASONS: list[str] = [r.value for r in ExitReason]
EXIT_CODE: dict[str, int] = {r: i for i, r in enumerate(ExitReason)}
AREA_INDEX: dict[str, int] = {a: i for i, a in enumerate(AREA_TYPES)}
POSITION_INDEX: dict[str, int] = {p: i for i, p in enumerate(POSITION_TYPES)}

# The built-in region's vocabulary: occupation -> (family, position type of recruits)
DEFAULT_OCCUPATIONS: dict[str, tuple[str, str]] = {
    "teacher_primary": ("education", "teacher"),
    "teacher_secondary": ("education", "teacher"),
    "doctor": ("health", "functional_junior"),
    "nurse": ("health", "functional_junior"),
    "midwife": ("health", "functional_junior"),
    # public health, pharmacy, lab, sanitation, nutrition
    "health_technician": ("health", "functional_junior"),
    "engineer": ("technical", "functional_junior"),
    "transport_officer": ("transport", "functional_junior"),
    "finance_officer": ("finance", "functional_junior"),
    "admin": ("general", "administrative"),
}
# agency -> its domain (the competence family of its units' work)
DEFAULT_AGENCIES: dict[str, str] = {
    "education": "education",
    "health": "health",
    "public_works": "technical",
    "transport": "transport",
    "finance": "finance",
    "secretariat": "general",
}
GENERAL_FAMILY = "general"  # general administration (matching.into_general)


@dataclass(frozen=True)
class Vocabulary:
    """A region's occupations, their families, its agencies and its unit domains.

    Args:
        family_of: occupation -> competence family, in code order.
        agencies: agency -> domain (family), in code order.
        recruit_position: occupation -> position type of recruits (sets their BUP).
        labels: display names given by the region's data (occupation or agency -> name).
    """

    family_of: Mapping[str, str]
    agencies: Mapping[str, str]
    recruit_position: Mapping[str, str] = field(default_factory=dict)
    labels: Mapping[str, str] = field(default_factory=dict)

    @cached_property
    def occupations(self) -> list[str]:
        """Occupation names in code order (also the roles of a unit)."""
        return list(self.family_of)

    @cached_property
    def families(self) -> list[str]:
        """Competence families: the occupations' families, then other agency domains."""
        return list(dict.fromkeys([*self.family_of.values(), *self.agencies.values()]))

    @cached_property
    def agency_names(self) -> list[str]:
        """Agency names in code order."""
        return list(self.agencies)

    @cached_property
    def occ_index(self) -> dict[str, int]:
        """Occupation name -> code."""
        return {o: i for i, o in enumerate(self.occupations)}

    @cached_property
    def family_index(self) -> dict[str, int]:
        """Family name -> code (column of the competence matrix)."""
        return {f: i for i, f in enumerate(self.families)}

    @cached_property
    def agency_index(self) -> dict[str, int]:
        """Agency name -> code."""
        return {a: i for i, a in enumerate(self.agencies)}

    @cached_property
    def family_of_occ_code(self) -> np.ndarray:
        """Family code of each occupation code."""
        return np.array([self.family_index[self.family_of[o]] for o in self.occupations],
                        np.int64)

    @cached_property
    def agency_domain_code(self) -> np.ndarray:
        """Family code of each agency code's domain."""
        return np.array([self.family_index[d] for d in self.agencies.values()], np.int64)

    def recruit_position_code(self) -> np.ndarray:
        """Position type code of recruits, by occupation code."""
        return np.array([POSITION_INDEX[self.recruit_position.get(o, "functional_junior")]
                         for o in self.occupations], np.int64)

    def occupation_distance(self, occupation: str, role: str) -> float:
        """Distance between what a person is trained for and the role they fill (0-1).

        0 for the same occupation, 0.5 within the same family (e.g. secondary to
        primary teacher), 1 across families (e.g. transport officer to nurse).
        """
        if occupation == role:
            return 0.0
        if self.family_of[occupation] == self.family_of[role]:
            return 0.5
        return 1.0

    def distance_matrix(self) -> np.ndarray:
        """`occupation_distance` for every (occupation, role) pair."""
        occ = self.occupations
        return np.array([[self.occupation_distance(o, r) for r in occ] for o in occ],
                        np.float32)

    def label(self, name: str) -> str:
        """The region's own display name for an occupation or agency ('' if none)."""
        return self.labels.get(name, "")


DEFAULT_VOCABULARY = Vocabulary(
    family_of={o: f for o, (f, _) in DEFAULT_OCCUPATIONS.items()},
    agencies=dict(DEFAULT_AGENCIES),
    recruit_position={o: p for o, (_, p) in DEFAULT_OCCUPATIONS.items()},
)


AreaName = Literal["urban", "rural", "remote", "mountain", "coastal", "island"]
PositionName = Literal[
    "administrative", "functional_junior", "functional_middle", "functional_principal",
    "leadership", "teacher",
]
