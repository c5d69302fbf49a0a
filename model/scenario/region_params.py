"""The region's parameters: its occupations, agencies, districts and kinds of unit.

A synthetic region is built from these numbers (`model.regions.synthetic`); an imported
one (`employees`, `units`, `workload` files) takes its units and staff from its files
and the rest (hardness, age and service bands, ...) from here.
"""

from __future__ import annotations

import functools

from pydantic import model_validator

from ..core.declare import (
    ASSUMPTION,
    BKN_2023,
    MAX_STAFF,
    MAX_TARGET_STAFF,
    MAX_UNITS,
    Factor,
    Section,
    Share,
    par,
)
from ..core.text import Message
from ..core.vocab import AreaName, PositionName, Vocabulary
from .messages_params import FIX, ParamMsg
from .region_parts import (
    AgencySpec,
    District,
    OccupationName,
    OccupationSpec,
    UnitKind,
    default_agencies,
    default_occupations,
)


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
    government: str | None = par(
        None, "", "region data", min_length=1, max_length=80,
        description="when the region's files hold several governments (a `government` "
        "column), the one whose rows are read; set for each member of a `governments` "
        "scenario")
    occupations: dict[str, OccupationSpec] = par(
        default_occupations, "", "scenario data (the built-in region's ten occupations)",
        merge="replace",
        description="occupations (positions) and their families; a region's own as a "
        "file path (columns occupation, family, label, recruit_position)")
    agencies: dict[str, AgencySpec] = par(
        default_agencies, "", "scenario data (the built-in region's six agencies)",
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
            raise ValueError(ParamMsg.too_many_units(units=units, limit=MAX_UNITS))
        most = (max(self.staffing_by_area.values(), default=1.0)
                * max([1.0, *self.staffing_by_role.values()]))
        staff = self.scale * sum(self.units_of_kind(k) * sum(k.staff.values()) * k.staffing
                                 for k in self.unit_kinds.values()) * most
        if staff > MAX_STAFF:
            raise ValueError(ParamMsg.too_many_staff(staff=staff, limit=MAX_STAFF))

    @model_validator(mode="after")
    def _bands_ok(self) -> Region:
        for what, bands, low, high in ((FIX["age_band"], self.age_bands, 17, 70),
                                       (FIX["service_band"], self.service_bands, 0, 52)):
            for band in bands:
                try:
                    lo, hi = (int(x) for x in band.split("-"))
                except ValueError:
                    raise ValueError(ParamMsg.band_form(what=what, band=repr(band))) from None
                if not low <= lo <= hi <= high:
                    raise ValueError(ParamMsg.band_range(what=what, band=repr(band), low=low,
                                                         high=high))
        if abs(sum(self.service_bands.values()) - 1) > 1e-6:
            raise ValueError(ParamMsg.shares_sum_got(key="service_bands",
                                                     total=sum(self.service_bands.values())))
        if self.entry_age_min >= self.entry_age_max:
            raise ValueError(ParamMsg.entry_ages(low=self.entry_age_min,
                                                 high=self.entry_age_max))
        files = {"employees": self.employees, "units": self.units, "workload": self.workload}
        if any(files.values()):
            missing = [k for k, v in files.items() if not v]
            if missing:
                raise ValueError(ParamMsg.files_missing(missing=", ".join(missing)))
            if self.unit_kinds:
                raise ValueError(ParamMsg.kinds_and_files())
        elif not self.districts or not self.unit_kinds:
            raise ValueError(ParamMsg.synthetic_needs())
        elif not any(k.count > 0 and sum(k.staff.values()) > 0
                     for k in self.unit_kinds.values()):
            raise ValueError(ParamMsg.no_staff())
        if abs(sum(self.age_bands.values()) - 1) > 1e-6:
            raise ValueError(ParamMsg.shares_sum_got(key="age_bands",
                                                     total=sum(self.age_bands.values())))
        spans = sorted(tuple(int(x) for x in b.split("-")) for b in self.age_bands)
        for (lo1, hi1), (lo2, hi2) in zip(spans, spans[1:], strict=False):
            if lo2 != hi1 + 1:
                bands = {"a": f"{lo1}-{hi1}", "b": f"{lo2}-{hi2}",
                         "example": f"'{lo1}-{hi1}', '{hi1 + 1}-{hi2}'"}
                raise ValueError(ParamMsg.bands_overlap(**bands) if lo2 <= hi1 else
                                 ParamMsg.bands_gap(gap=f"{hi1 + 1}-{lo2 - 1}", **bands))
        for occ, mix in self.position_mix.items():
            if abs(sum(mix.values()) - 1) > 1e-6:
                raise ValueError(ParamMsg.shares_sum(key=f"position_mix.{occ}"))
        self._check_size()
        return self

    def target_message(self) -> Message | None:
        """Why `target_staff` cannot be met within 2 % (None when it is, or not set).

        Not an error: a small test region is a common use. The commands print it.
        """
        if not self.target_staff or not self.unit_kinds:
            return None
        got = self.scaled_staff()
        if abs(got - self.target_staff) <= 0.02 * self.target_staff:
            return None
        smallest = self._staff_at(0.0)  # one unit of every kind
        why = (ParamMsg.target_one_each(smallest=smallest)
               if got > self.target_staff and smallest > 0.98 * self.target_staff else
               ParamMsg.target_whole())
        return ParamMsg.target_off(target=self.target_staff, got=got, why=why,
                                   least=smallest * 1.05)

