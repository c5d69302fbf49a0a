"""Every scenario parameter, declared once: type, default, unit, allowed range, source.

Loading (`model.scenario.loading`), validation, the CLI `--set`, `run_sim.py list --params`
and the docs all read these declarations. A scenario file may only use keys declared
here; anything else is an error that names the key.

`par(default, unit, source, ...)` is the one way to declare a parameter. `source` says
where the default comes from: a regulation, a statistic, or "assumption".
"""

from __future__ import annotations

import functools
import math
import types
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, Field, model_validator

from ..core.declare import (
    ASSUMPTION,
    BKN_2023,
    MAX_KM,
    MAX_STAFF,
    MAX_TARGET_STAFF,
    MAX_UNITS,
    PERMENPAN_1_2020,
    PP_11_2017,
    Bup,
    Count,
    Factor,
    Rate,
    Section,
    Share,
    par,
)
from ..core.rng import MAX_COMPOSED
from ..core.vocab import (
    DEFAULT_AGENCIES,
    DEFAULT_OCCUPATIONS,
    DEFAULT_VOCABULARY,
    AreaName,
    PositionName,
    Vocabulary,
)
from ..policies.registry import params_section
from .mutation_params import Competence, Costs, Interventions, Mutation, PolicyEntry

# names a region defines (its files or its `region.occupations` / `region.agencies`)
OccupationName = str
AgencyName = str


# --------------------------------------------------------------------------- region
@functools.lru_cache(maxsize=256)
def _scale_for(target: int, kinds: tuple[tuple[int, int, float], ...]) -> float:
    """The factor on unit counts whose whole counts give staff closest to `target`.

    `kinds` holds (count, places, staff per unit) of each unit kind. Bisection over
    the factor (staff grow with it, in steps as counts are whole numbers); cached, as
    every validation and build of the same region asks again.
    """
    def staff_at(factor: float) -> float:
        return sum((max(int(round(n * factor)), 1) if n > 0 else 0) * places * per
                   for n, places, per in kinds)

    expected = sum(n * places * per for n, places, per in kinds)
    lo, hi = 0.0, max(2.0 * target / max(expected, 1.0), 1e-9)
    for _ in range(100):
        mid = (lo + hi) / 2
        if staff_at(mid) < target:
            lo = mid
        else:
            hi = mid
    return min((lo, hi), key=lambda f: abs(staff_at(f) - target))


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


def _default_occupations() -> dict[str, dict[str, str]]:
    return {o: {"family": f, "recruit_position": p} for o, (f, p) in DEFAULT_OCCUPATIONS.items()}


def _default_agencies() -> dict[str, dict[str, str]]:
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
            raise ValueError("staff must map at least one role to a number >= 0")
        return self


class Region(Section):
    """The synthetic region: districts, units, and how staff are distributed."""

    name: str = par("Kabupaten Contoh", "", "scenario data", description="region name")
    employees: str | None = par(
        None, "", "region data", description="the region's own roster (CSV, XLSX or Parquet "
        "file; `python run_sim.py init-region` writes a template); with `units` and "
        "`workload` it replaces the synthetic region (districts, unit_kinds)")
    units: str | None = par(None, "", "region data",
                            description="the region's units file (one row per unit)")
    workload: str | None = par(
        None, "", "region data",
        description="the region's ABK file (one row per unit and role: hours per year)")
    occupations: dict[str, OccupationSpec] = par(
        _default_occupations, "", "scenario data (the built-in region's ten occupations)",
        merge="replace",
        description="occupations (positions) and their families; a region's own as a "
        "file path (columns occupation, family, label, recruit_position)")
    agencies: dict[str, AgencySpec] = par(
        _default_agencies, "", "scenario data (the built-in region's six agencies)",
        merge="replace",
        description="agencies and their domains (an imported region takes them from its "
        "units file)")
    districts: list[District] = par(
        list, "", "scenario data",
        description="districts (kecamatan) with their centres; required for a synthetic "
        "region, optional for an imported one (centres from its units)")
    unit_kinds: dict[str, UnitKind] = par(
        dict, "", "scenario data",
        description="kinds of unit of a synthetic region (empty for an imported one)")
    target_staff: int | None = par(
        None, "persons", "scenario data", ge=10, le=MAX_TARGET_STAFF,
        description="if set, scale unit counts so the region has about this many staff "
        "(at most 10 million: more than all ASN of Indonesia)",
    )
    hardness: dict[AreaName, Share] = par(
        lambda: {"urban": 0.0, "rural": 0.2, "coastal": 0.4, "mountain": 0.6,
                 "remote": 0.7, "island": 0.8},
        "0-1", ASSUMPTION, description="hardness index of a unit by area type",
    )
    staffing_by_area: dict[AreaName, Factor] = par(
        lambda: {"urban": 1.15, "rural": 1.0, "coastal": 0.9, "mountain": 0.85,
                 "remote": 0.8, "island": 0.75},
        "x", "assumption for the shares; the pattern (towns over-staffed, rural and isolated "
        "units short) from Heyward & Santosa 2014 (23 districts) and World Bank 2016-17 "
        "(remote schools: 40 % of teachers civil servants)",
        description="staff present relative to workload need, by area type "
        "(hard areas understaffed)",
    )
    staffing_by_role: dict[OccupationName, Factor] = par(
        lambda: {"doctor": 0.8, "health_technician": 0.85, "midwife": 0.95, "nurse": 0.95,
                 "teacher_primary": 0.95, "teacher_secondary": 1.08, "admin": 1.05},
        "x", "assumption for the values; the pattern from Permenkes 43/2019 (puskesmas "
        "staffing norms many puskesmas do not meet: doctors and health technicians "
        "short) and Heyward & Santosa 2014 (teachers oversupplied in total, class "
        "teachers short where subject teachers are in surplus)",
        merge="top",
        description="staff present relative to workload need, by role (default 1): "
        "cadres short or in surplus everywhere",
    )
    unit_staffing_sd: float = par(
        0.2, "", "assumption; Heyward & Santosa 2014: the inequality is largest between "
        "units of one kind", ge=0, le=2,
        description="lognormal spread of staffing between units of one kind (a unit's "
        "history: every role of a unit shares it; a kind of one unit has none)",
    )
    need_factor: float = par(
        0.95, "x", ASSUMPTION, ge=0.05, le=5,
        description="workload need of a unit relative to the capacity of its mean staff "
        "(1 = balanced on average; below 1 leaves room for adaptation and morale losses)",
    )
    demand_sd: float = par(
        0.1, "", ASSUMPTION, ge=0, le=2,
        description="lognormal spread of each unit-role's workload need around its "
        "expected need (noise; the structure is in the staffing factors)",
    )
    pppk_share: Share = par(
        0.33, "share", "BKN deputy head, January 2026: more than 2 of more than 6 million "
        "ASN are PPPK", ge=0, le=1, description="share of PPPK among staff at the start")
    female_share: Share = par(0.54, "share", BKN_2023, ge=0, le=1)
    age_bands: dict[str, Share] = par(
        lambda: {"20-30": 0.09, "31-40": 0.24, "41-50": 0.33, "51-60": 0.34},
        "share", "BKN 2023 (PNS by age: <=30 9%, 31-40 24%, 41-50 33%, 51-60 34%)",
        merge="replace",
        description="age distribution of current staff, 'lo-hi' years -> share (bands "
        "follow each other; single years come from one smooth curve through them, cut at "
        "each person's BUP)",
    )
    position_mix: dict[OccupationName, dict[PositionName, Share]] = par(
        lambda: {
            "teacher_primary": {"teacher": 1.0},
            "teacher_secondary": {"teacher": 1.0},
            "doctor": {"functional_junior": 0.6, "functional_middle": 0.35,
                       "functional_principal": 0.05},
            "nurse": {"functional_junior": 0.8, "functional_middle": 0.2},
            "midwife": {"functional_junior": 0.85, "functional_middle": 0.15},
            "health_technician": {"functional_junior": 0.85, "functional_middle": 0.15},
            "engineer": {"functional_junior": 0.6, "functional_middle": 0.2,
                         "administrative": 0.15, "leadership": 0.05},
            "transport_officer": {"administrative": 0.8, "functional_junior": 0.15,
                                  "leadership": 0.05},
            "finance_officer": {"administrative": 0.6, "functional_junior": 0.3,
                                "leadership": 0.1},
            "admin": {"administrative": 0.92, "leadership": 0.08},
        },
        "share", ASSUMPTION, merge="top", description="position types by occupation (sets BUP)",
    )
    home_local_share: Share = par(
        0.6, "share", ASSUMPTION, ge=0, le=1,
        description="share of staff whose home district is the district they work in",
    )
    competence_mean: float = par(
        0.85, "0-1", ASSUMPTION, ge=0.05, le=0.95,
        description="mean competence in one's own occupation family (a Beta mean: 0.05 to "
        "0.95)",
    )
    competence_other: float = par(
        0.3, "0-1", ASSUMPTION, ge=0, le=1,
        description="mean competence in other families (general skills)",
    )
    background_share: Share = par(
        0.3, "share", ASSUMPTION,
        description="general and finance staff with a strong background in another domain",
    )
    service_bands: dict[str, Share] = par(
        lambda: {"0-10": 0.32, "11-20": 0.52, "21-30": 0.15, "31-47": 0.01},
        "share", "BKN 2023 (PNS by years of service: 0-10 32%, 11-20 52%, 21-30 15%, "
        "over 30 1%)", merge="replace",
        description="years of service of PNS at the start, 'lo-hi' years -> share (the "
        "hiring history); each person's service fits their age and the entry ages",
    )
    entry_age_min: int = par(
        18, "years", "PP 11/2017 art. 23 (applicants at least 18)", ge=15, le=40,
        description="youngest age at appointment as PNS")
    entry_age_max: int = par(
        46, "years", "PP 48/2005 as amended by PP 43/2007 (honorary staff appointed as PNS "
        "up to age 46)", ge=20, le=60,
        description="oldest age at appointment as PNS")
    pppk_since_year: int = par(
        2019, "year", "PP 49/2018 on PPPK (first appointments in 2019)", ge=1990, le=2100,
        description="PPPK at the start were appointed between this year and the start")
    months_in_position_max: int = par(
        96, "months", ASSUMPTION, ge=1, le=480,
        description="time in current position at start is uniform up to this (capped by service)",
    )

    background_families: list[str] = par(
        lambda: ["general", "finance"], "", ASSUMPTION,
        description="families of the occupations some of whose staff have a background "
        "in another domain (`background_share`)")

    @property
    def imported(self) -> bool:
        """Whether the region comes from its own files (roster, units, workload)."""
        return self.employees is not None

    @property
    def vocabulary(self) -> Vocabulary:
        """Occupations, families and agencies of the region."""
        occ = self.occupations
        return Vocabulary(
            family_of={o: s.family for o, s in occ.items()},
            agencies={a: s.domain for a, s in self.agencies.items()},
            recruit_position={o: s.recruit_position for o, s in occ.items()},
            labels={**{o: s.label for o, s in occ.items() if s.label},
                    **{a: s.label for a, s in self.agencies.items() if s.label}})

    def units_of_kind(self, kind: UnitKind) -> int:
        """How many units a unit kind describes ('each': `count` in every district)."""
        return kind.count * (len(self.districts) if kind.location == "each" else 1)

    def staff_per_unit(self, kind: UnitKind) -> float:
        """Expected staff of one unit of `kind` (mean staff times the staffing factors).

        The factors: by role, of the kind, and by area type where its units lie.
        """
        by_role = sum(n * self.staffing_by_role.get(role, 1.0) for role, n in kind.staff.items())
        area = [self.staffing_by_area.get(d.area_type, 1.0) for d in self.districts]
        if not area:
            return 0.0
        if kind.location == "capital":
            where = area[0]
        elif kind.location == "each":
            where = sum(area) / len(area)
        else:
            w = [d.weight for d in self.districts]
            where = (sum(a * x for a, x in zip(area, w, strict=True)) / sum(w) if sum(w) > 0
                     else sum(area) / len(area))
        return by_role * kind.staffing * where

    @property
    def expected_staff(self) -> float:
        """Staff the unit kinds describe, before any scaling to `target_staff`."""
        return sum(self.units_of_kind(k) * self.staff_per_unit(k)
                   for k in self.unit_kinds.values())

    def scaled_staff(self) -> float:
        """Expected staff after scaling the unit counts to `target_staff` (whole units)."""
        return sum(self.scaled_count(k) * (len(self.districts) if k.location == "each" else 1)
                   * self.staff_per_unit(k) for k in self.unit_kinds.values())

    @property
    def scale(self) -> float:
        """Factor on unit counts that brings the region to `target_staff` (1 without).

        Counts are whole numbers (at least one unit of a kind that has any), so the
        factor is searched (bisection) for the whole counts whose expected staff is
        closest to the target, not just target / expected staff.
        """
        if not self.target_staff:
            return 1.0
        kinds = tuple((k.count, len(self.districts) if k.location == "each" else 1,
                       self.staff_per_unit(k)) for k in self.unit_kinds.values())
        return _scale_for(self.target_staff, kinds)

    def _staff_at(self, factor: float) -> float:
        return sum(self._count_at(k, factor) * (len(self.districts) if k.location == "each"
                                                else 1) * self.staff_per_unit(k)
                   for k in self.unit_kinds.values())

    @staticmethod
    def _count_at(kind: UnitKind, factor: float) -> int:
        return max(int(round(kind.count * factor)), 1) if kind.count > 0 else 0

    def scaled_count(self, kind: UnitKind) -> int:
        """`kind.count` scaled to `target_staff` (at least 1 unit of a kind that has any)."""
        return self._count_at(kind, self.scale) if self.target_staff else kind.count

    def _check_size(self) -> None:
        """The region must fit a machine: at most MAX_UNITS units and MAX_STAFF staff."""
        units = sum(self.scaled_count(k) * (len(self.districts) if k.location == "each" else 1)
                    for k in self.unit_kinds.values())
        if units > MAX_UNITS:
            raise ValueError(
                f"region: unit_kinds describe {units:,} units (after target_staff scaling); "
                f"the limit is {MAX_UNITS:,} (more than all schools, puskesmas and offices "
                "of Indonesia). Lower the counts, or the staff per unit if target_staff "
                "scales the counts up")
        most = (max(self.staffing_by_area.values(), default=1.0)
                * max([1.0, *self.staffing_by_role.values()]))
        staff = self.scale * sum(self.units_of_kind(k) * sum(k.staff.values()) * k.staffing
                                 for k in self.unit_kinds.values()) * most
        if staff > MAX_STAFF:
            raise ValueError(
                f"region: unit_kinds describe up to {staff:,.0f} staff; the limit is "
                f"{MAX_STAFF:,} (more than twice all ASN of Indonesia, about 5 GB of memory). "
                "Lower the counts, the staff per unit or the staffing factors, or set a "
                "smaller region.target_staff")

    @model_validator(mode="after")
    def _bands_ok(self) -> Region:
        for what, bands, low, high in (("age band", self.age_bands, 17, 70),
                                       ("service band", self.service_bands, 0, 52)):
            for band in bands:
                try:
                    lo, hi = (int(x) for x in band.split("-"))
                except ValueError:
                    raise ValueError(f"{what} {band!r} must look like '20-30'") from None
                if not low <= lo <= hi <= high:
                    raise ValueError(f"{what} {band!r} must satisfy {low} <= lo <= hi <= "
                                     f"{high}")
        if abs(sum(self.service_bands.values()) - 1) > 1e-6:
            raise ValueError("service_bands shares must sum to 1 (got "
                             f"{sum(self.service_bands.values())})")
        if self.entry_age_min >= self.entry_age_max:
            raise ValueError(f"entry_age_min = {self.entry_age_min} must be below "
                             f"entry_age_max = {self.entry_age_max}")
        files = {"employees": self.employees, "units": self.units, "workload": self.workload}
        if any(files.values()):
            missing = [k for k, v in files.items() if not v]
            if missing:
                raise ValueError(
                    f"region: an imported region needs the files employees, units and "
                    f"workload; {', '.join(missing)} not given (`python run_sim.py "
                    "init-region DIR` writes examples of all three)")
            if self.unit_kinds:
                raise ValueError(
                    "region: unit_kinds describe a synthetic region, but the region's own "
                    "files are given too; remove unit_kinds (or the files)")
        elif not self.districts or not self.unit_kinds:
            raise ValueError(
                "region: a synthetic region needs districts and unit_kinds (or give the "
                "region's own files: employees, units, workload)")
        elif not any(k.count > 0 and sum(k.staff.values()) > 0
                     for k in self.unit_kinds.values()):
            raise ValueError("unit_kinds: no unit kind has both count > 0 and staff > 0; the "
                             "region would have no staff")
        if abs(sum(self.age_bands.values()) - 1) > 1e-6:
            raise ValueError(f"age_bands shares must sum to 1 (got {sum(self.age_bands.values())})")
        spans = sorted(tuple(int(x) for x in b.split("-")) for b in self.age_bands)
        for (lo1, hi1), (lo2, hi2) in zip(spans, spans[1:], strict=False):
            if lo2 != hi1 + 1:
                raise ValueError(
                    f"age_bands {lo1}-{hi1} and {lo2}-{hi2} "
                    + ("overlap" if lo2 <= hi1 else f"leave ages {hi1 + 1}-{lo2 - 1} out")
                    + f": each band must start the year after the one before (e.g. "
                    f"'{lo1}-{hi1}', '{hi1 + 1}-{hi2}')")
        for occ, mix in self.position_mix.items():
            if abs(sum(mix.values()) - 1) > 1e-6:
                raise ValueError(f"position_mix.{occ} shares must sum to 1")
        self._check_size()
        return self

    def target_note(self) -> str | None:
        """Why `target_staff` cannot be met within 2 % (None when it is, or not set).

        Not an error: a small test region is a common use. The commands print it.
        """
        if not self.target_staff or not self.unit_kinds:
            return None
        got = self.scaled_staff()
        if abs(got - self.target_staff) <= 0.02 * self.target_staff:
            return None
        smallest = self._staff_at(0.0)  # one unit of every kind
        why = (f"one unit of every kind already holds about {smallest:,.0f} staff"
               if got > self.target_staff and smallest > 0.98 * self.target_staff else
               "unit counts are whole numbers and some kinds have few, large units")
        return (f"region.target_staff = {self.target_staff:,}: the unit kinds scale to about "
                f"{got:,.0f} staff, more than 2 % off ({why}); for the target, set at least "
                f"{smallest * 1.05:,.0f} or change the unit kinds' counts")


# ------------------------------------------------------------------------ demography
class Demography(Section):
    """Ageing, retirement, exits and contracts."""

    retirement_age: dict[PositionName, Bup] = par(
        lambda: {"administrative": 58, "functional_junior": 58, "functional_middle": 60,
                 "functional_principal": 65, "leadership": 60, "teacher": 60},
        "years", f"{PP_11_2017}; teachers: Law 14/2005",
    )
    exit_rate_by_age: dict[Annotated[int, Field(ge=15, le=70)],
                           Annotated[float, Field(ge=0, lt=1)]] = par(
        lambda: {18: 0.012, 31: 0.006, 41: 0.005, 51: 0.008},
        "per year", ASSUMPTION, merge="replace",
        description="annual exit hazard (death + resignation) from each age on",
    )
    exit_hazard_scale: float = par(
        1.0, "x", ASSUMPTION, ge=0, le=10,
        explore=(0.5, 2.0), explore_source="assumption: the age hazards are themselves "
        "assumptions (BKN publishes no resignation rates by age); half to double",
        description="multiplies every annual exit rate of `exit_rate_by_age` (capped at "
        "0.99): the whole exit-hazard uncertainty as one number",
    )
    overload_exit_factor: float = par(
        0.5, "x per unit of overload", ASSUMPTION, ge=0, le=10,
        explore=(0.0, 1.5),
        description="hazard multiplied by 1 + f * min(load - 1, 1) when load > 1",
    )
    morale_exit_factor: float = par(
        2.0, "x per unit of low morale", ASSUMPTION, ge=0, le=20,
        description="hazard multiplied by 1 + f * (1 - morale)",
    )
    pppk_contract_years: int = par(
        5, "years", "PP 49/2018: PPPK contracts of 1-5 years", ge=1, le=5
    )
    pppk_renewal_prob: Share = par(0.9, "share", ASSUMPTION, ge=0, le=1)
    morale_recovery: float = par(
        0.05, "per month", ASSUMPTION, ge=0, le=1,
        description="share of the gap to target morale closed each month",
    )
    overload_morale_effect: float = par(
        0.3, "morale per unit of overload", ASSUMPTION, ge=0, le=1,
        description="target morale is 1 - e * min(load - 1, 1) in overloaded roles",
    )


# ---------------------------------------------------------------------------- demand
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


class Demand(Section):
    """How workload need (ABK hours) evolves."""

    trend_per_year: dict[OccupationName, Rate] = par(
        dict, "per year", ASSUMPTION,
        description="relative yearly change of need by role (e.g. school-age shift)",
    )
    growth_by_agency: dict[AgencyName, Rate] = par(
        dict, "per year", ASSUMPTION,
        explore=(-0.02, 0.03), explore_source="assumption: from shrinking school-age "
        "cohorts (BPS projections) to growing health need; 2 % down to 3 % up a year",
        description="relative yearly change of need in every unit of an agency, on top "
        "of `trend_per_year` (one number per agency)",
    )
    shock_rate: float = par(
        0.02, "per unit-role per year", ASSUMPTION, ge=0, le=12, explore=(0.0, 0.06),
        description="rate of random persistent shocks to a unit-role's need",
    )
    shock_sd: float = par(0.2, "log", ASSUMPTION, ge=0, le=2)
    seasonality: float = par(
        0.0, "share", ASSUMPTION, ge=0, le=0.9, description="amplitude of a yearly cycle"
    )
    peak_month: int = par(1, "calendar month", ASSUMPTION, ge=1, le=12)
    events: list[DemandEvent] = par(list, "", "scenario data")


# ----------------------------------------------------------------------- recruitment
class ListedPlacement(Section):
    """Recruits of one role sent to a named unit kind or unit (placement 'listed')."""

    role: OccupationName = par(..., "", "scenario data", description="the recruits' role")
    count: int = par(..., "persons per year", "scenario data", ge=0, le=1_000_000)
    unit_kind: str = par(..., "", "scenario data", description="unit kind they are sent to")


class Recruitment(Section):
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
    def _ages_ok(self) -> Recruitment:
        if self.age_min > self.age_max:
            raise ValueError(f"age_min ({self.age_min}) must be <= age_max ({self.age_max})")
        return self


# ------------------------------------------------------------------------ adaptation
class Adaptation(Section):
    """Productivity after a move or hire: 1 - D * exp(-t / tau)."""

    d_base: float = par(0.1, "", ASSUMPTION, ge=0, le=1)
    d_occupation: float = par(
        0.3, "per unit of occupation distance", ASSUMPTION, ge=0, le=1
    )
    d_hardness: float = par(0.2, "per unit of hardness", ASSUMPTION, ge=0, le=1)
    d_distance: float = par(0.1, "at distance_scale_km from home", ASSUMPTION, ge=0, le=1)
    distance_scale_km: float = par(50.0, "km", ASSUMPTION, ge=1, le=MAX_KM)
    d_inexperience: float = par(
        0.2, "for a first job", ASSUMPTION, ge=0, le=1,
        description="added to D, falling linearly to 0 at experience_years of service",
    )
    experience_years: float = par(10.0, "years", ASSUMPTION, ge=1, le=40)
    d_max: float = par(0.9, "", ASSUMPTION, ge=0, le=1)
    tau_months: float = par(4.0, "months", ASSUMPTION, ge=0.1, le=120)
    tau_hardness: float = par(
        1.0, "x per unit of hardness", ASSUMPTION, ge=0, le=10,
        description="tau = tau_months * (1 + tau_hardness * hardness)",
    )
    d_scale: float = par(
        1.0, "x", ASSUMPTION, ge=0, le=5,
        explore=(0.5, 1.5), explore_source="assumption: no Indonesian measurement of "
        "productivity loss after a transfer; half to one and a half times",
        description="multiplies D before the `d_max` cap: the whole adaptation-depth "
        "uncertainty as one number",
    )
    tau_scale: float = par(
        1.0, "x", ASSUMPTION, ge=0.05, le=10,
        explore=(0.5, 2.0), explore_source="assumption: recovery time after a move is "
        "not measured; half to double",
        description="multiplies tau: the whole adaptation-speed uncertainty as one number",
    )
    threshold: float = par(
        1e-3, "", ASSUMPTION, gt=0, le=0.1,
        description="a deficit below this counts as fully adapted (keeps the loop sparse)",
    )


# -------------------------------------------------------------------------- workload
class Workload(Section):
    """Capacity, need and efficiency of position (EJ)."""

    effective_hours: float = par(
        1250.0, "hours per FTE-year", PERMENPAN_1_2020, ge=100, le=3000
    )
    ej_thresholds: dict[Literal["A", "B", "C", "D"], Annotated[float, Field(gt=0, le=10)]] = par(
        lambda: {"A": 1.0, "B": 0.9, "C": 0.7, "D": 0.5},
        "EJ", PERMENPAN_1_2020,
        description="lower bound of each EJ band (E is below D)",
    )
    effective_overload_threshold: float = par(
        1.0, "effective load", ASSUMPTION + " (the EJ band A bound, applied to capacity "
        "weighted by competence and adaptation)", gt=0, le=10,
        description="effective load (need / effective capacity) above which a unit counts "
        "in p_units_effective_overloaded; 'overloaded' itself is EJ band A on headcount",
    )
    load_cap: float = par(
        10.0, "load ratio", ASSUMPTION, gt=1, le=1000,
        description="load ratio of a unit with need but no capacity, for statistics",
    )
    remote_area_types: list[AreaName] = par(
        lambda: ["remote", "mountain", "island"], "", "Perpres 63/2020 (3T areas), mapped to "
        "area types as an assumption",
        description="area types counted as remote for p_remote_covered",
    )
    morale_productivity: float = par(
        0.3, "productivity per unit of low morale", ASSUMPTION, ge=0, le=1,
        description="productivity multiplied by 1 - m * (1 - morale)",
    )
    compatibility: dict[str, Annotated[float, Field(gt=0, le=1)]] = par(
        lambda: {
            "teacher_secondary>teacher_primary": 0.8,
            "teacher_primary>teacher_secondary": 0.7,
            "finance_officer>admin": 0.9,
            "admin>finance_officer": 0.6,
            "nurse>midwife": 0.6,
            "midwife>nurse": 0.7,
            "health_technician>nurse": 0.5,
            "engineer>transport_officer": 0.7,
            "transport_officer>engineer": 0.5,
            "transport_officer>admin": 0.8,
            "engineer>admin": 0.8,
            "health_technician>admin": 0.8,
            "nurse>admin": 0.7,
        },
        "productivity factor", "DOMAIN.md (secondary teacher in primary school: 0.8, "
        "assumption); the rest assumption",
        description="'occupation>role': productivity of a person in a role not their own; "
        "pairs not listed are not eligible (same occupation is 1)",
    )

    @model_validator(mode="after")
    def _check(self) -> Workload:
        t = self.ej_thresholds
        if set(t) != {"A", "B", "C", "D"} or not t["A"] > t["B"] > t["C"] > t["D"] > 0:
            raise ValueError("ej_thresholds need A > B > C > D > 0")
        for pair, factor in self.compatibility.items():
            occ, sep, role = pair.partition(">")
            if not sep or not occ or not role:
                raise ValueError(f"compatibility key {pair!r} must be 'occupation>role'")
            if not 0 < factor <= 1:
                raise ValueError(f"compatibility[{pair!r}] = {factor}: must be in (0, 1]")
        return self


# -------------------------------------------------------------------------- scenario
Policies = params_section(__name__)  # each built-in policy's parameters, declared in its module


class Scenario(Section):
    """A complete, validated scenario: what `WorkforceModel` runs."""

    def describe(self, lang: str = "id") -> str:
        """The description in `lang` (the English one when no Indonesian is given)."""
        return self.description_id if lang == "id" and self.description_id else \
            self.description

    name: str = par("default", "", "scenario data", min_length=1)
    description: str = par("", "", "scenario data", description="what the scenario is (English)")
    description_id: str = par("", "", "scenario data",
                              description="the description in Indonesian (shown by default)")
    extends: str | None = par(None, "", "scenario data", description="parent scenario")
    years: int = par(10, "years", "DESIGN: planners look 5-20 years ahead", ge=1, le=50)
    replications: int = par(8, "runs", ASSUMPTION, ge=1, le=10_000)
    seed: int = par(20261123, "", "scenario data", ge=0, le=2**63 - 1)
    start_year: int = par(2027, "year", "scenario data", ge=2000, le=2100)
    policy: PolicyEntry | list[PolicyEntry] = par(
        "none", "", "scenario data",
        description="a policy name, a custom {module, class}, or a list (composed in order)",
    )
    compare: list[str] = par(
        list, "", "scenario data",
        description="policies `compare` runs by default, baseline first ('a+b' composes); "
        "empty: none and the scenario's policy",
    )
    agent_views: Literal["auto", "eager", "lazy"] = par(
        "auto", "", "measured: 1M mesa.Agent objects take ~9 s and ~430 B each",
        description="create Mesa agent views at setup ('auto': eager up to 50k staff)",
    )
    region: Region
    demography: Demography = Field(default_factory=Demography)
    demand: Demand = Field(default_factory=Demand)
    recruitment: Recruitment = Field(default_factory=Recruitment)
    mutation: Mutation = Field(default_factory=Mutation)
    adaptation: Adaptation = Field(default_factory=Adaptation)
    workload: Workload = Field(default_factory=Workload)
    interventions: Interventions = Field(default_factory=Interventions)
    costs: Costs = Field(default_factory=Costs)
    competence: Competence = Field(default_factory=Competence)
    policies: Policies = Field(default_factory=Policies)

    @property
    def policy_entries(self) -> list[PolicyEntry]:
        """The policy setting as a list (a single policy is a list of one)."""
        return list(self.policy) if isinstance(self.policy, list) else [self.policy]

    @property
    def compare_policies(self) -> list[str]:
        """What `compare` runs by default: the `compare` list, or none and the policy."""
        if self.compare:
            return list(self.compare)
        return list(dict.fromkeys(["none", self.policy_label]))

    @property
    def policy_label(self) -> str:
        """Name of the policy (or composition) used in outputs, e.g. 'anticipation+balancing'."""
        return "+".join(e if isinstance(e, str) else (e.name or e.class_)
                        for e in self.policy_entries)

    @model_validator(mode="after")
    def _cross_checks(self) -> Scenario:
        from ..policies import POLICIES

        entries = self.policy_entries
        if not entries:
            raise ValueError("policy: the list is empty; name at least one policy (e.g. none)")
        longest = max([len(entries), *(len(spec.split("+")) for spec in self.compare)])
        if longest > MAX_COMPOSED:
            raise ValueError(f"policy: {longest} policies composed; at most {MAX_COMPOSED} "
                             "can be")
        for entry in entries:
            if isinstance(entry, str) and entry not in POLICIES:
                raise ValueError(
                    f"policy = {entry!r}: unknown policy; known policies: "
                    f"{', '.join(sorted(POLICIES))} (or a custom {{module: ..., class: ...}})"
                )
        for spec in self.compare:
            for name in spec.split("+"):
                if name.strip() not in POLICIES:
                    raise ValueError(
                        f"compare: {name.strip()!r} is not a policy; known policies: "
                        f"{', '.join(sorted(POLICIES))}")
        c = self.mutation.constraints
        compared = {name.strip() for spec in self.compare for name in spec.split("+")}
        if ("optimal" in entries or "optimal" in compared) and (
                c.max_moves_per_year == 0 or c.budget_idr_per_year == 0):
            raise ValueError(
                "policy optimal with a yearly move budget of 0 "
                "(mutation.constraints.max_moves_per_year or budget_idr_per_year): the "
                "transportation problem has nothing to move and is infeasible; raise the "
                "budget or use policy none"
            )
        youngest_bup = min(self.demography.retirement_age.values())
        if self.recruitment.age_max >= youngest_bup:
            raise ValueError(
                f"recruitment.age_max = {self.recruitment.age_max} must be below the lowest "
                f"retirement age ({youngest_bup}, demography.retirement_age): recruits would "
                "join past their BUP")
        reg = self.region
        first_age = min(int(b.split("-")[0]) for b in reg.age_bands)
        if youngest_bup < first_age:
            raise ValueError(
                f"region.age_bands start at {first_age}, above the lowest retirement age "
                f"({youngest_bup}): staff with that BUP could have no age; add a younger band "
                "or raise demography.retirement_age")
        if reg.entry_age_min > first_age:
            raise ValueError(
                f"region.entry_age_min = {reg.entry_age_min} is above the youngest age band "
                f"({first_age}): the youngest staff could not have been appointed")
        if min(int(b.split("-")[0]) for b in reg.service_bands) != 0:
            raise ValueError("region.service_bands must start at 0 years (staff appointed "
                             "in the last year have less than one year of service)")
        swing = math.prod(e.factor for e in self.demand.events)
        if not 1e-6 <= swing <= 1e6:
            raise ValueError(
                f"demand.events: the factors multiply to {swing:.3g}; need can change by "
                "at most a factor of a million over a run (product between 1e-6 and 1e6)")
        _check_names(self)
        kinds = list(self.region.unit_kinds)
        named = [("demand.events", e.unit_kind) for e in self.demand.events]
        named += [("recruitment.listed", item.unit_kind) for item in self.recruitment.listed]
        for where, kind in named:
            if kind is not None and kind not in kinds and not reg.imported:
                raise ValueError(
                    f"{where}: unit_kind = {kind!r} is not a unit kind of the region; "
                    f"known: {', '.join(kinds)}"
                )
        return self


def _check_names(sc: Scenario) -> None:
    """Every occupation and agency a parameter names must be one of the region's.

    The region's own names are always accepted. A name of the built-in region's
    vocabulary that this region lacks is accepted too and has no effect (the declared
    defaults name the built-in occupations; they apply where a region has them), so
    only a name known to neither (a typo, a missing occupation) is an error.
    """
    reg = sc.region
    vocab = reg.vocabulary
    occupations, agencies = set(vocab.occupations), set(vocab.agencies)
    lenient_occ = occupations | set(DEFAULT_VOCABULARY.occupations)
    lenient_agency = agencies | set(DEFAULT_VOCABULARY.agencies)
    named: list[tuple[str, str, set[str], set[str]]] = []  # (where, name, known, shown)
    for key, kind in reg.unit_kinds.items():
        named.append((f"region.unit_kinds.{key}.agency", kind.agency, agencies, agencies))
        named += [(f"region.unit_kinds.{key}.staff", o, occupations, occupations)
                  for o in kind.staff]
    for where, names in (("region.staffing_by_role", reg.staffing_by_role),
                         ("region.position_mix", reg.position_mix),
                         ("demand.trend_per_year", sc.demand.trend_per_year),
                         ("recruitment.quota", sc.recruitment.quota)):
        named += [(where, o, lenient_occ, occupations) for o in names]
    for pair in sc.workload.compatibility:
        named += [("workload.compatibility", o, lenient_occ, occupations)
                  for o in pair.split(">")]
    for i, item in enumerate(sc.recruitment.listed):
        named.append((f"recruitment.listed.{i}.role", item.role, occupations, occupations))
    named += [("demand.growth_by_agency", a, lenient_agency, agencies)
              for a in sc.demand.growth_by_agency]
    for i, event in enumerate(sc.demand.events):
        if event.role is not None:
            named.append((f"demand.events.{i}.role", event.role, lenient_occ, occupations))
        if event.agency is not None:
            named.append((f"demand.events.{i}.agency", event.agency, lenient_agency,
                          agencies))
    for where, name, known, shown in named:
        if name not in known:
            what = "agency" if "agency" in where else "occupation"
            raise ValueError(
                f"{where}: {name!r} is not an {what} of the region; known: "
                f"{', '.join(sorted(shown))}"
                + (" (an imported region's occupations come from its occupations file)"
                   if reg.imported and what == "occupation" else ""))


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
    the others), `explore_source` where that range comes from.

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
