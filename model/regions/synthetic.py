"""Build a synthetic region (units and staff) from a scenario's `region` section.

Everything is vectorised so the same code builds 8,000 staff or a million. Steps:
1. unit counts per kind (scaled to `target_staff` if set), located in districts;
   each unit kind draws its units and its people from its own keyed stream, so a
   scenario that changes one kind (or one agency's kinds) leaves the others' units
   and staff identical (unless `target_staff` is set: its scale depends on every kind,
   and each kind's staff are set to their expected number so the target holds);
2. per unit and role: a size factor, the staff present (Poisson around the kind's
   mean, raised or lowered by area type and role) and the workload need in ABK hours
   (lognormal around the mean staff's capacity), so urban units start over-staffed
   and hard areas under-staffed as in the cases;
3. one row per employee: age (one smooth curve through BKN's age bands, below the
   BUP of their position: `ages.py`),
   sex, PNS/PPPK, position type, home district, service and time in position,
   competence by family, performance, and the adaptation state of their last move.
"""

from __future__ import annotations

import numpy as np

from ..core import exactmath
from ..core.rng import RandomStreams
from ..core.state import EmployeeTable, UnitTable, retirement_month
from ..core.vocab import AREA_INDEX, POSITION_INDEX, Vocabulary
from ..scenario.scenario import Scenario
from .ages import bands, sample_age_months


def lognormal(rng: np.random.Generator, sd: float, size) -> np.ndarray:
    """Lognormal factors of mean 1 and log-spread `sd` (`rng.lognormal`'s draws).

    The exponential is `exactmath.exp`, and loc + scale * z is done by NumPy (inside
    `rng.normal` a compiler may fuse it into one FMA on some CPUs), so the factors are
    the same bits on every CPU.
    """
    return exactmath.exp(-sd * sd / 2 + sd * rng.standard_normal(size))


def district_weights(districts: list) -> np.ndarray:
    """Probability that a spread unit (or a non-local home) lies in each district."""
    w = np.array([d.weight for d in districts], float)
    return w / w.sum() if w.sum() > 0 else np.full(len(w), 1 / len(w))


def draw_homes(reg, work_district: np.ndarray, weights: np.ndarray,
               rng: np.random.Generator) -> np.ndarray:
    """Home districts: the district of work with `home_local_share`, else by weight."""
    n = work_district.size
    local = rng.random(n) < reg.home_local_share
    elsewhere = rng.choice(weights.size, size=n, p=weights)
    return np.where(local, work_district, elsewhere)


def draw_competence(reg, vocab: Vocabulary, occupation: np.ndarray, own_mean: float,
                    rng: np.random.Generator) -> np.ndarray:
    """Competence per family: about `own_mean` in one's own, `competence_other` elsewhere."""
    n = occupation.size
    # loc + scale * z in NumPy, not inside rng.normal (see `lognormal`)
    comp = np.clip(reg.competence_other
                   + 0.1 * rng.standard_normal((n, len(vocab.families))), 0, 1)
    own = vocab.family_of_occ_code[occupation]
    comp[np.arange(n), own] = rng.beta(own_mean * 20, (1 - own_mean) * 20 + 1e-9, n)
    return comp


def build_units(scenario: Scenario, streams: RandomStreams) -> tuple[UnitTable, np.ndarray]:
    """Create the units; return the table and the staff count per [unit, role].

    Each unit kind draws from its own stream (`streams.keyed("region", "units", key)`),
    so a change to one kind leaves every other kind's units as they were.
    """
    reg = scenario.region
    vocab = reg.vocabulary
    n_roles = len(vocab.occupations)
    d_area = np.array([AREA_INDEX[d.area_type] for d in reg.districts])
    d_x = np.array([d.x_km for d in reg.districts])
    d_y = np.array([d.y_km for d in reg.districts])
    d_w = district_weights(reg.districts)
    hard_by_area = np.array([reg.hardness.get(a, 0.0) for a in AREA_INDEX])
    staffing_area = np.array([reg.staffing_by_area.get(a, 1.0) for a in AREA_INDEX])
    staffing_role = np.array([reg.staffing_by_role.get(o, 1.0) for o in vocab.occupations])
    hours = scenario.workload.effective_hours

    parts: dict[str, list[np.ndarray]] = {k: [] for k in (
        "kind", "district", "names", "x", "y", "staff", "demand")}
    kind_names = list(reg.unit_kinds)
    for k_index, (key, kind) in enumerate(reg.unit_kinds.items()):
        per = len(reg.districts) if kind.location == "each" else 1
        count = reg.scaled_count(kind)
        if count == 0:
            continue
        rng = streams.keyed("region", "units", key)
        if kind.location == "capital":
            district = np.zeros(count, np.int64)
        elif kind.location == "each":
            district = np.tile(np.arange(per), count)
            count *= per
        else:
            district = rng.choice(len(reg.districts), size=count, p=d_w)
        mean = np.zeros((count, n_roles))
        for occ, m in kind.staff.items():
            mean[:, vocab.occ_index[occ]] = m
        size = lognormal(rng, kind.size_sd, count) if kind.size_sd else 1.0
        mean *= np.reshape(size, (-1, 1))
        label = kind.label or key
        area = d_area[district]
        # a unit lies within a few km of its district centre
        parts["x"].append(d_x[district] + rng.normal(0, 3.0, count))
        parts["y"].append(d_y[district] + rng.normal(0, 3.0, count))
        # a unit's staffing history: differences between units of one kind (a kind of
        # one unit, like an office, has only its kind's `staffing`)
        history = (lognormal(rng, reg.unit_staffing_sd, count)
                   if reg.unit_staffing_sd and count > 1 else np.ones(count))
        present = (mean * staffing_area[area][:, None] * staffing_role[None, :]
                   * (kind.staffing * history)[:, None])
        if reg.target_staff:  # the kind's expected staff exactly, whatever the draws
            present *= count * reg.staff_per_unit(kind) / max(present.sum(), 1e-12)
        # stochastic rounding: E[staff] = present with the least noise (a Poisson draw
        # left a third of one-doctor puskesmas without one, by chance alone)
        parts["staff"].append(np.floor(present + rng.random(present.shape)).astype(np.int64))
        noise = (lognormal(rng, reg.demand_sd, mean.shape) if reg.demand_sd
                 else np.ones(mean.shape))
        parts["demand"].append(np.where(
            mean > 0, mean * reg.competence_mean * reg.need_factor * noise * hours, 0.0))
        parts["names"].append(np.array([f"{label} {i + 1:03d} {reg.districts[d].name}"
                                        for i, d in enumerate(district)], dtype=object))
        parts["kind"].append(np.full(count, k_index))
        parts["district"].append(district)
    kind = np.concatenate(parts["kind"])
    district = np.concatenate(parts["district"])
    agency = np.array([vocab.agency_index[reg.unit_kinds[kind_names[k]].agency] for k in kind])
    area = d_area[district]
    units = UnitTable(
        domain=vocab.agency_domain_code[agency],
        names=np.concatenate(parts["names"]), kind=kind, agency=agency, district=district,
        area=area, x_km=np.concatenate(parts["x"]), y_km=np.concatenate(parts["y"]),
        hardness=hard_by_area[area], demand=np.concatenate(parts["demand"]),
        kind_names=kind_names,
    )
    return units, np.concatenate(parts["staff"])


def _fitted_bands(room: np.ndarray, group: np.ndarray,
                  margins: list[tuple[np.ndarray, np.ndarray]], u: np.ndarray) -> np.ndarray:
    """Each person's cell, with cell weights fitted so every margin holds over everyone.

    `room[g, c]` is how much of cell c a person of group g can be in (months, years);
    a person's chance of cell c is proportional to weight[c] x room[g, c]. Each margin
    is (label of each cell, target share of each label): the expected share of every
    label over everyone (groups by their size) is fitted to its target by iterative
    proportional fitting, one margin after the other. `u` is one uniform per person.
    """
    size = np.bincount(group, minlength=room.shape[0]) / group.size
    weight = np.ones(room.shape[1])
    for _ in range(60):
        for label, target in margins:
            p = room * weight
            p /= p.sum(axis=1, keepdims=True)
            got_cell = np.sum(size[:, None] * p, axis=0)  # not `@`: BLAS rounding varies
            got = np.bincount(label, weights=got_cell, minlength=target.size)
            ratio = np.where(got > 0, target / np.maximum(got, 1e-12), 1.0)
            weight = weight * ratio[label]
    p = room * weight
    cum = np.cumsum(p / p.sum(axis=1, keepdims=True), axis=1)[group]
    return np.minimum((u[:, None] >= cum).sum(axis=1), room.shape[1] - 1)


def _sample_service_months(reg, age_months: np.ndarray,
                           rng: np.random.Generator) -> np.ndarray:
    """Years of service of PNS at the start, from the service bands (the hiring history).

    A person aged a has service between a - entry_age_max and a - entry_age_min. The
    band weights are adjusted (a few rounds of iterative proportional fitting) so that,
    over these people, the expected share of each band is its target; within a band
    the service is uniform over the years the person's age allows.
    """
    lo, hi, target = bands(reg.service_bands)
    ages, person = np.unique(age_months, return_inverse=True)  # the fit runs per age
    age = ages / 12.0
    smin = np.maximum(age - reg.entry_age_max, 0.0)[:, None]
    smax = np.maximum(age - reg.entry_age_min, 0.0)[:, None]
    start = np.maximum(lo[None, :], smin)
    stop = np.minimum(hi[None, :] + 1.0, smax)
    room = np.maximum(stop - start, 0.0)  # years of each band a person of this age could have
    room[room.sum(axis=1) == 0, 0] = 1.0  # (not reachable with the declared bounds)
    u, v = rng.random(age_months.size), rng.random(age_months.size)
    band = _fitted_bands(room, person, [(np.arange(target.size), target)], u)
    start, room = start[person], room[person]
    rows = np.arange(age_months.size)
    years = start[rows, band] + v * room[rows, band]
    return np.floor(years * 12).astype(np.int64)


def build_employees(
    scenario: Scenario, units: UnitTable, staff: np.ndarray, start: int,
    streams: RandomStreams, capacity_factor: float = 1.15,
) -> EmployeeTable:
    """Create one row per person present at the start (absolute month `start`).

    Rows are grouped by unit kind (units are), and each kind's people are drawn from
    their own stream (`streams.keyed("region", "staff", key)`).
    """
    n_roles = units.n_roles
    counts = staff.ravel()
    n = int(counts.sum())
    vocab = scenario.region.vocabulary
    E = EmployeeTable(n, len(vocab.families), capacity=int(n * capacity_factor) + 16)
    cell = np.repeat(np.arange(units.n * n_roles), counts)
    E.cell[:] = cell
    E.unit[:] = cell // n_roles
    E.role[:] = cell % n_roles
    E.occupation[:] = E.role
    E.active[:] = True
    E.fit[:] = 1.0
    kind_of_row = units.kind[E.unit]
    bounds = np.searchsorted(kind_of_row, np.arange(len(units.kind_names) + 1))
    for k, key in enumerate(units.kind_names):
        rows = slice(int(bounds[k]), int(bounds[k + 1]))
        if rows.stop > rows.start:
            _draw_people(scenario, vocab, E, rows, units.district[E.unit[rows]], start,
                         streams.keyed("region", "staff", key))
    return E


def _draw_people(scenario: Scenario, vocab: Vocabulary, E: EmployeeTable, rows: slice,
                 district: np.ndarray, start: int, rng: np.random.Generator) -> None:
    """Sex, employment, position, age, service, contract, home, competence, performance."""
    reg, demo = scenario.region, scenario.demography
    occupation = E.occupation[rows]
    n = occupation.size
    E.female[rows] = rng.random(n) < reg.female_share
    employment = rng.random(n) < reg.pppk_share
    E.employment[rows] = employment

    # position type by occupation -> BUP
    position = vocab.recruit_position_code()[occupation].astype(np.int8)
    u = rng.random(n)
    for occ, mix in reg.position_mix.items():
        if occ not in vocab.occ_index:
            continue  # a built-in occupation this region does not have
        mine = occupation == vocab.occ_index[occ]
        codes = np.array([POSITION_INDEX[p] for p in mix])
        cum = np.cumsum(np.array(list(mix.values()), float))
        position[mine] = codes[np.minimum(np.searchsorted(cum, u[mine], side="right"),
                                          len(codes) - 1)]
    E.position[rows] = position
    bup = demo.bup_by_position()[position]

    # age below BUP (a person at or past BUP would already have retired)
    age_months = sample_age_months(reg.age_bands, bup, employment.astype(np.int64), rng)
    birth = start - age_months
    E.birth[rows] = birth
    retire_at = retirement_month(birth, bup)
    E.retire_at[rows] = retire_at
    # PNS: service from the hiring history; PPPK: appointed since `pppk_since_year`
    service = _sample_service_months(reg, age_months, rng)
    pppk_months = max((start // 12 - reg.pppk_since_year) * 12, 0)
    pppk_service = np.floor(rng.random(n) * (pppk_months + 1)).astype(np.int64)
    service = np.where(employment, np.minimum(pppk_service, service), service)
    E.hire_at[rows] = start - service
    in_position = np.minimum(service, rng.integers(0, reg.months_in_position_max + 1, n))
    E.moved_at[rows] = start - in_position
    pppk = np.flatnonzero(employment)
    contract_months = demo.pppk_contract_years * 12
    contract_end = E.contract_end[rows]
    contract_end[pppk] = np.minimum(start + rng.integers(0, contract_months, pppk.size),
                                    retire_at[pppk])

    E.home[rows] = draw_homes(reg, district, district_weights(reg.districts), rng)
    comp = draw_competence(reg, vocab, occupation, reg.competence_mean, rng)
    n_fam = comp.shape[1]
    # some general and finance staff have a background in another domain (Jambi:
    # health background in the transport office); assumption: `background_share`
    general = np.isin(occupation, [i for o, i in vocab.occ_index.items()
                                   if vocab.family_of[o] in reg.background_families])
    has_bg = np.flatnonzero(general & (rng.random(n) < reg.background_share))
    bg_family = rng.integers(0, n_fam, has_bg.size)
    comp[has_bg, bg_family] = np.maximum(comp[has_bg, bg_family],
                                         rng.beta(15, 5, has_bg.size))
    E.competence[rows] = comp  # cached comp_role / comp_domain are set by the world
    E.performance[rows] = rng.beta(5, 2, n)
