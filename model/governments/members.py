"""The governments of a scenario, each resolved into a one-government scenario of its own.

A member's scenario is the scenario's settings with the member's `settings` merged
over them, its name, and seeds of its own: the region is drawn from
`member_seed(scenario.seed, name)` and a run of replication seed s steps it with
`member_seed(s, name)`. A government's numbers therefore depend on its name and the
seed alone, not on its place in the list, the other governments or the shard that
runs it: what makes a run byte-identical whatever the number of shards.
"""

from __future__ import annotations

import math
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from ..core.errors import ScenarioError, UserError
from ..scenario.governments import BETWEEN_POLICIES
from ..scenario.loading import deep_merge, validate
from ..scenario.messages_governments import GovMsg
from .own_files import check_own_files

if TYPE_CHECKING:
    from ..scenario.governments import Governments
    from ..scenario.scenario import Scenario


@dataclass(frozen=True)
class Member:
    """One government of a region of regions.

    Attributes:
        index: its place in the scenario's list (the order of every output).
        name, kind, province: as the scenario names them.
        x_km, y_km: its seat in the scenario's frame (distances between governments).
        scenario: its own one-government scenario (its seed is its region's).
    """

    index: int
    name: str
    kind: str
    province: str
    x_km: float
    y_km: float
    scenario: Scenario

    @property
    def size(self) -> float:
        """Its expected staff: a synthetic region's; 0 for its own files (not read here)."""
        region = self.scenario.region
        return 0.0 if region.imported else float(region.scaled_staff())


def weights(found: list[Member]) -> list[float]:
    """Each government's share of the work (its size; equal when sizes are unknown)."""
    sizes = [m.size for m in found]
    known = [s for s in sizes if s > 0]
    fill = sum(known) / len(known) if known else 1.0
    return [s if s > 0 else fill for s in sizes]


def member_seed(seed: int, name: str) -> int:
    """The seed of government `name` under `seed` (the same wherever it runs)."""
    key = (zlib.crc32(b"government"), zlib.crc32(name.encode("utf-8")))
    state = np.random.SeedSequence(int(seed), spawn_key=key).generate_state(1, np.uint64)
    return int(state[0] >> np.uint64(1))


_RESOLVED: dict[str, list[Member]] = {}  # the last scenarios resolved in this process


def members(scenario: Scenario) -> list[Member]:
    """Every government of `scenario`, each with its own scenario, in the listed order.

    Raises UserError naming the government whose settings do not hold, or whose
    competence families differ from the first government's (a mover carries hers).
    Resolved once per process and scenario (a national scenario has ~550 governments,
    and the coordinator, each shard and each policy's check read them).
    """
    require_governments(scenario, "governments")
    key = scenario.model_dump_json()
    found = _RESOLVED.get(key)
    if found is None:
        found = _resolve(scenario)
        if len(_RESOLVED) >= 4:
            _RESOLVED.pop(next(iter(_RESOLVED)))
        _RESOLVED[key] = found
    return found


def _resolve(scenario: Scenario) -> list[Member]:
    gov = require_governments(scenario, "governments")
    base = scenario.model_dump()
    for key in ("governments", "extends", "compare"):
        base.pop(key, None)
    base["policy"] = own_policy(base["policy"])
    out: list[Member] = []
    first_families: tuple[str, ...] | None = None
    for i, g in enumerate(gov.members):
        data: dict[str, Any] = deep_merge(base, g.settings)
        data |= {"name": g.name, "seed": member_seed(scenario.seed, g.name)}
        region = data.get("region")
        if isinstance(region, dict) and region.get("employees"):  # its rows of the files
            named = g.settings.get("region", {})
            named = named.get("government") if isinstance(named, dict) else None
            data["region"] = {**region, "government": named or g.name}
        try:
            own = validate(data)
        except ScenarioError as exc:
            raise UserError(GovMsg.member_invalid(i=i, name=repr(g.name),
                                                 problem=exc.message)) \
                from None
        vocab = own.region.vocabulary  # a mover keeps her occupation and competences
        families = (*vocab.occupations, "|", *vocab.families)
        if first_families is None:
            first_families = families
        elif families != first_families:
            raise UserError(GovMsg.families_differ(
                name=repr(g.name), got=" ".join(families), first=repr(gov.members[0].name),
                expected=" ".join(first_families)))
        out.append(Member(i, g.name, g.kind, g.province, g.x_km, g.y_km, own))
    vocab = out[0].scenario.region.vocabulary
    last = scenario.start_year + scenario.years - 1
    for i, move in enumerate(gov.round.planned):  # what the section alone cannot check
        if move.role not in vocab.occ_index:
            raise UserError(GovMsg.planned_role(i=i, role=repr(move.role),
                                                known=", ".join(vocab.occupations)))
        if move.year is not None and not scenario.start_year <= move.year <= last:
            raise UserError(GovMsg.planned_year(i=i, year=move.year,
                                                first=scenario.start_year, last=last))
    check_own_files([(m.name, m.scenario.region) for m in out])  # what no one file says
    return out


def own_policy(setting: Any) -> Any:
    """A policy setting without the round's policies (each government's own part)."""
    entries = setting if isinstance(setting, list) else [setting]
    kept = [e for e in entries if not (isinstance(e, str) and e in BETWEEN_POLICIES)]
    if not kept:
        return "none"
    return kept if isinstance(setting, list) else kept[0]


def require_governments(scenario: Scenario, what: str) -> Governments:
    """The scenario's governments section, or a UserError saying `what` needs one."""
    if scenario.governments is None:
        raise UserError(GovMsg.not_governments(what=what, scenario=repr(scenario.name)))
    return scenario.governments


KABUPATEN = 10_000  # staff of a typical kabupaten (~7k ASN, DOMAIN.md), a "region" of CSV


def csv_weight(scenario: Scenario) -> int:
    """How many one-region runs a run of `scenario` counts as for CSV copies.

    `--format auto` writes CSV copies of the large tables for up to `CSV_MAX_RUNS`
    runs, so that they open in a spreadsheet; a run of several governments counts as
    one run per kabupaten's worth of staff (the national scenario: ~370), so a
    province gets its CSV copies and the nation its Parquet files only.
    """
    if scenario.governments is None:
        return 1
    staff = sum(weights(members(scenario)))
    return max(1, math.ceil(staff / KABUPATEN))


def default_shards(n_members: int) -> int:
    """Shards when none is asked for: one per core, at most one per government.

    The cores this process may use; the results are the same whatever the number.
    """
    import os

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (
        os.cpu_count() or 1)
    return max(1, min(cores, n_members))


def partition(n_members: int, shards: int, weights: list[float] | None = None
              ) -> list[list[int]]:
    """Governments 0..n-1 in `shards` contiguous groups of near-equal total weight.

    `weights`: each government's size (None: equal). Results do not depend on the
    partition (see the module's docstring); it only balances the shards' work, and
    contiguous groups keep a province's districts together when listed together.
    """
    if not isinstance(shards, int) or isinstance(shards, bool) or shards < 1:
        raise UserError(GovMsg.shards_positive(shards=shards))
    if shards > n_members:
        raise UserError(GovMsg.too_many_shards(shards=shards, n=n_members))
    w = np.ones(n_members) if weights is None else np.asarray(weights, np.float64)
    cum = np.cumsum(w) / w.sum()
    bounds = [0]
    for k in range(1, shards):
        cut = int(np.searchsorted(cum, k / shards)) + 1
        cut = min(max(cut, bounds[-1] + 1), n_members - (shards - k))  # none empty
        bounds.append(cut)
    bounds.append(n_members)
    return [list(range(bounds[k], bounds[k + 1])) for k in range(shards)]
