"""Build a synthetic region (units and staff) from a scenario's `region` section.

Everything is vectorised so the same code builds 8,000 staff or a million. Steps:
1. unit counts per kind (scaled to `target_staff` if set), located in districts;
2. per unit and role: a size factor, the staff present (Poisson around the kind's
   mean, raised or lowered by area type and role) and the workload need in ABK hours
   (lognormal around the mean staff's capacity), so urban units start over-staffed
   and hard areas under-staffed as in the cases;
3. one row per employee: age (BKN age bands, below the BUP of their position),
   sex, PNS/PPPK, position type, home district, service and time in position,
   competence by family, performance, and the adaptation state of their last move.
"""

from __future__ import annotations

import numpy as np

from ..core import exactmath
from ..core.state import EmployeeTable, UnitTable, retirement_month
from ..core.vocab import (
    AGENCY_INDEX,
    AREA_INDEX,
    FAMILIES,
    FAMILY_OF_OCC_CODE,
    OCC_INDEX,
    OCCUPATIONS,
    POSITION_INDEX,
)
from .params import Scenario


def lognormal(rng: np.random.Generator, sd: float, size) -> np.ndarray:
    """Lognormal factors of mean 1 and log-spread `sd` (`rng.lognormal`'s draws).

    The exponential is `exactmath.exp`, and loc + scale * z is done by NumPy (inside
    `rng.normal` a compiler may fuse it into one FMA on some CPUs), so the factors are
    the same bits on every CPU.
    """
    return exactmath.exp(-sd * sd / 2 + sd * rng.standard_normal(size))


def district_weights(scenario: Scenario) -> np.ndarray:
    """Probability that a spread unit (or a non-local home) lies in each district."""
    w = np.array([d.weight for d in scenario.region.districts], float)
    return w / w.sum() if w.sum() > 0 else np.full(len(w), 1 / len(w))


def draw_homes(reg, work_district: np.ndarray, weights: np.ndarray,
               rng: np.random.Generator) -> np.ndarray:
    """Home districts: the district of work with `home_local_share`, else by weight."""
    n = work_district.size
    local = rng.random(n) < reg.home_local_share
    elsewhere = rng.choice(len(reg.districts), size=n, p=weights)
    return np.where(local, work_district, elsewhere)


def draw_competence(reg, occupation: np.ndarray, own_mean: float,
                    rng: np.random.Generator) -> np.ndarray:
    """Competence per family: about `own_mean` in one's own, `competence_other` elsewhere."""
    n = occupation.size
    # loc + scale * z in NumPy, not inside rng.normal (see `lognormal`)
    comp = np.clip(reg.competence_other + 0.1 * rng.standard_normal((n, len(FAMILIES))), 0, 1)
    own = np.asarray(FAMILY_OF_OCC_CODE)[occupation]
    comp[np.arange(n), own] = rng.beta(own_mean * 20, (1 - own_mean) * 20 + 1e-9, n)
    return comp


def build_units(scenario: Scenario, rng: np.random.Generator) -> tuple[UnitTable, np.ndarray]:
    """Create the units; return the table and the staff count per [unit, role]."""
    reg = scenario.region
    n_roles = len(OCCUPATIONS)
    d_area = np.array([AREA_INDEX[d.area_type] for d in reg.districts])
    d_x = np.array([d.x_km for d in reg.districts])
    d_y = np.array([d.y_km for d in reg.districts])
    d_w = district_weights(scenario)
    hard_by_area = np.array([reg.hardness.get(a, 0.0) for a in AREA_INDEX])
    staffing_area = np.array([reg.staffing_by_area.get(a, 1.0) for a in AREA_INDEX])
    staffing_role = np.array([reg.staffing_by_role.get(o, 1.0) for o in OCCUPATIONS])

    parts: dict[str, list[np.ndarray]] = {k: [] for k in
                                          ("kind", "district", "mean", "names")}
    kind_names = list(reg.unit_kinds)
    for k_index, (key, kind) in enumerate(reg.unit_kinds.items()):
        per = len(reg.districts) if kind.location == "each" else 1
        count = reg.scaled_count(kind)
        if count == 0:
            continue
        if kind.location == "capital":
            district = np.zeros(count, np.int64)
        elif kind.location == "each":
            district = np.tile(np.arange(per), count)
            count *= per
        else:
            district = rng.choice(len(reg.districts), size=count, p=d_w)
        mean = np.zeros((count, n_roles))
        for occ, m in kind.staff.items():
            mean[:, OCC_INDEX[occ]] = m
        size = lognormal(rng, kind.size_sd, count) if kind.size_sd else 1.0
        mean *= np.reshape(size, (-1, 1))
        parts.setdefault("staffing", []).append(np.full(count, kind.staffing))
        label = kind.label or key
        names = np.array([f"{label} {i + 1:03d}" for i in range(count)], dtype=object)
        parts["kind"].append(np.full(count, k_index))
        parts["district"].append(district)
        parts["mean"].append(mean)
        parts["names"].append(names)
    kind = np.concatenate(parts["kind"])
    district = np.concatenate(parts["district"])
    mean = np.concatenate(parts["mean"])
    names = np.concatenate(parts["names"])
    for i, dname in enumerate(d.name for d in reg.districts):
        here = district == i
        names[here] = names[here] + " " + dname
    agency = np.array([AGENCY_INDEX[reg.unit_kinds[kind_names[k]].agency] for k in kind])
    area = d_area[district]
    n_units = len(kind)
    # a unit lies within a few km of its district centre
    x = d_x[district] + rng.normal(0, 3.0, n_units)
    y = d_y[district] + rng.normal(0, 3.0, n_units)
    staffing_kind = np.concatenate(parts["staffing"])
    present = (mean * staffing_area[area][:, None] * staffing_role[None, :]
               * staffing_kind[:, None])
    staff = rng.poisson(present)
    noise = lognormal(rng, reg.demand_sd, mean.shape) if reg.demand_sd else np.ones(mean.shape)
    hours = scenario.workload.effective_hours
    demand = np.where(mean > 0, mean * reg.competence_mean * reg.need_factor * noise * hours,
                      0.0)
    units = UnitTable(
        names=names, kind=kind, agency=agency, district=district, area=area,
        x_km=x, y_km=y, hardness=hard_by_area[area], demand=demand, kind_names=kind_names,
    )
    return units, staff


def _sample_age_months(reg, bup: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Age in months at the start: a band by its share, then uniform within the band.

    A band's upper end is cut at BUP x 12 + 1 months: someone older would have retired
    before the start (retirement is on the first day of the month after the BUP is
    reached, and whoever retires on the first day of the start month still counts at
    month 0 and leaves in month 1).
    """
    n = bup.size
    bands = [tuple(int(v) for v in b.split("-")) for b in reg.age_bands]
    shares = np.array(list(reg.age_bands.values()), float)
    which = rng.choice(len(bands), size=n, p=shares / shares.sum())
    lo = np.array([b[0] for b in bands])[which] * 12
    hi = np.minimum(np.array([b[1] for b in bands])[which] * 12 + 11, bup * 12 + 1)
    lo = np.minimum(lo, hi)
    return lo + np.floor(rng.random(n) * (hi - lo + 1)).astype(np.int64)


def build_employees(
    scenario: Scenario, units: UnitTable, staff: np.ndarray, start: int,
    rng: np.random.Generator, capacity_factor: float = 1.15,
) -> EmployeeTable:
    """Create one row per person present at the start (absolute month `start`)."""
    reg, demo = scenario.region, scenario.demography
    n_roles = units.n_roles
    counts = staff.ravel()
    n = int(counts.sum())
    E = EmployeeTable(n, capacity=int(n * capacity_factor) + 16)
    cell = np.repeat(np.arange(units.n * n_roles), counts)
    E.cell[:] = cell
    E.unit[:] = cell // n_roles
    E.role[:] = cell % n_roles
    E.occupation[:] = E.role
    E.active[:] = True
    E.female[:] = rng.random(n) < reg.female_share
    E.employment[:] = rng.random(n) < reg.pppk_share

    # position type by occupation -> BUP
    position = np.zeros(n, np.int8)
    u = rng.random(n)
    for occ, mix in reg.position_mix.items():
        rows = E.occupation == OCC_INDEX[occ]
        codes = np.array([POSITION_INDEX[p] for p in mix])
        cum = np.cumsum(np.array(list(mix.values()), float))
        position[rows] = codes[np.minimum(np.searchsorted(cum, u[rows], side="right"),
                                          len(codes) - 1)]
    E.position[:] = position
    bup = np.array([demo.retirement_age[p] for p in POSITION_INDEX])[position]

    # age below BUP (a person at or past BUP would already have retired)
    age_months = _sample_age_months(reg, bup, rng)
    E.birth[:] = start - age_months
    E.retire_at[:] = retirement_month(E.birth, bup)
    entry_age = 20 + 10 * rng.random(n)  # = rng.uniform(20, 30, n), arithmetic in NumPy
    service = np.clip((age_months / 12 - entry_age) * 12, 0, None).astype(np.int64)
    E.hire_at[:] = start - service
    in_position = np.minimum(service, rng.integers(0, reg.months_in_position_max + 1, n))
    E.moved_at[:] = start - in_position
    pppk = E.employment == 1
    contract_months = demo.pppk_contract_years * 12
    E.contract_end[pppk] = np.minimum(
        start + rng.integers(0, contract_months, int(pppk.sum())), E.retire_at[pppk]
    )

    E.home[:] = draw_homes(reg, units.district[E.unit], district_weights(scenario), rng)
    comp = draw_competence(reg, E.occupation, reg.competence_mean, rng)
    n_fam = comp.shape[1]
    # some general and finance staff have a background in another domain (Jambi:
    # health background in the transport office); assumption: `background_share`
    general = np.isin(E.occupation, [OCC_INDEX["admin"], OCC_INDEX["finance_officer"]])
    has_bg = np.flatnonzero(general & (rng.random(n) < reg.background_share))
    bg_family = rng.integers(0, n_fam, has_bg.size)
    comp[has_bg, bg_family] = np.maximum(comp[has_bg, bg_family],
                                         rng.beta(15, 5, has_bg.size))
    E.competence[:] = comp  # cached comp_role / comp_domain are set by the model
    E.performance[:] = rng.beta(5, 2, n)
    E.fit[:] = 1.0
    return E
