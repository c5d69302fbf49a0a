"""The whole scenario: its settings, its sections, and the checks across sections.

Each process's parameters are declared in the file named after it (`demography.py`,
`demand.py`, `recruitment.py`, `mutation.py`, `adaptation.py`, `workload.py`), the
region's in `region_params.py`, each built-in policy's in its module. A check that
reads two sections (recruits' ages against the BUP, names against the region's
vocabulary) is here.
"""

from __future__ import annotations

import math
from typing import Literal

from pydantic import Field, model_validator

from ..core.declare import ASSUMPTION, Section, par
from ..core.rng import MAX_COMPOSED
from ..core.vocab import DEFAULT_VOCABULARY
from ..policies.registry import params_section
from .adaptation import AdaptationParams
from .demand import DemandParams
from .demography import DemographyParams
from .governments import BETWEEN_POLICIES, Governments
from .messages_params import FIX, ParamMsg
from .mutation import Competence, Costs, Interventions, MutationParams, PolicyEntry
from .recruitment import RecruitmentParams
from .region_params import Region
from .workload import WorkloadParams

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
    demography: DemographyParams = Field(default_factory=DemographyParams)
    demand: DemandParams = Field(default_factory=DemandParams)
    recruitment: RecruitmentParams = Field(default_factory=RecruitmentParams)
    mutation: MutationParams = Field(default_factory=MutationParams)
    adaptation: AdaptationParams = Field(default_factory=AdaptationParams)
    workload: WorkloadParams = Field(default_factory=WorkloadParams)
    interventions: Interventions = Field(default_factory=Interventions)
    costs: Costs = Field(default_factory=Costs)
    competence: Competence = Field(default_factory=Competence)
    policies: Policies = Field(default_factory=Policies)
    governments: Governments | None = par(
        None, "", "scenario data",
        description="several governments in one scenario (model.scenario.governments); "
        "None: one government")

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
            raise ValueError(ParamMsg.no_policy())
        longest = max([len(entries), *(len(spec.split("+")) for spec in self.compare)])
        if longest > MAX_COMPOSED:
            raise ValueError(ParamMsg.too_many_policies(n=longest, most=MAX_COMPOSED))
        names = set(POLICIES) | (set(BETWEEN_POLICIES) if self.governments else set())
        known = ", ".join(sorted(names))
        for entry in entries:
            if isinstance(entry, str) and entry not in names:
                raise ValueError(ParamMsg.unknown_policy(entry=repr(entry), known=known))
        for spec in self.compare:
            for name in spec.split("+"):
                if name.strip() not in names:
                    raise ValueError(ParamMsg.compare_not_policy(name=repr(name.strip()),
                                                                 known=known))
        c = self.mutation.constraints
        compared = {name.strip() for spec in self.compare for name in spec.split("+")}
        if ("optimal" in entries or "optimal" in compared) and (
                c.max_moves_per_year == 0 or c.budget_idr_per_year == 0):
            raise ValueError(ParamMsg.optimal_no_budget())
        youngest_bup = self.demography.youngest_bup
        if self.recruitment.age_max >= youngest_bup:
            raise ValueError(ParamMsg.recruits_past_bup(age_max=self.recruitment.age_max,
                                                        bup=youngest_bup))
        reg = self.region
        first_age = min(int(b.split("-")[0]) for b in reg.age_bands)
        if youngest_bup < first_age:
            raise ValueError(ParamMsg.bands_above_bup(first=first_age, bup=youngest_bup))
        if reg.entry_age_min > first_age:
            raise ValueError(ParamMsg.entry_above_bands(entry=reg.entry_age_min,
                                                        first=first_age))
        if min(int(b.split("-")[0]) for b in reg.service_bands) != 0:
            raise ValueError(ParamMsg.service_from_zero())
        swing = math.prod(e.factor for e in self.demand.events)
        if not 1e-6 <= swing <= 1e6:
            raise ValueError(ParamMsg.events_swing(swing=swing))
        _check_names(self)
        kinds = list(self.region.unit_kinds)
        named = [("demand.events", e.unit_kind) for e in self.demand.events]
        named += [("recruitment.listed", item.unit_kind) for item in self.recruitment.listed]
        for where, kind in named:
            if kind is not None and kind not in kinds and not reg.imported:
                raise ValueError(ParamMsg.not_a_kind(where=where, kind=repr(kind),
                                                     known=", ".join(kinds)))
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
            note = (FIX["imported_occupations"] if reg.imported and what == "occupation"
                    else "")
            raise ValueError(ParamMsg.not_a_name(where=where, name=repr(name), what=FIX[what],
                                                 known=", ".join(sorted(shown)), note=note))
