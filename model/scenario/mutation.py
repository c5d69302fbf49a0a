"""Mutation's parameters: rounds, their constraints, responses and own requests.

Also the levers applied around a round (interventions), the cost of a move and how
competence grows. Read by the mutation round (`model.processes.mutation`); each
built-in policy declares its own parameters in its module (`model/policies/`).
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, model_validator

from ..core.declare import (
    ASSUMPTION,
    MAX_IDR,
    MAX_IDR_PER_PERSON,
    MAX_IDR_PER_ROUND,
    MAX_KM,
    MAX_STAFF,
    Month,
    Section,
    Share,
    par,
)
from .messages_params import ParamMsg

BKN_5_2019 = "Peraturan BKN 5/2019 art. 2(3)"
LAW_14_2005 = "Law 14/2005 art. 18 (special-area allowance: one month's base salary)"
PP_5_2024 = "PP 5/2024 (group III base salary IDR 2.8-4.6 million a month)"


class Constraints(Section):
    """Rules the model applies to every proposed move (each counted when it blocks)."""

    min_months_in_position: int = par(24, "months", BKN_5_2019, ge=0, le=240)
    retirement_buffer_months: int = par(
        12, "months", ASSUMPTION, ge=0, le=120,
        description="no move within this many months of retirement",
    )
    max_moves_per_year: int | None = par(
        None, "moves per year", "scenario data", ge=0, le=MAX_STAFF,
        description="None: no limit")
    budget_idr_per_year: float | None = par(
        None, "IDR per year", "scenario data", ge=0, le=MAX_IDR,
        description="relocation and training cost of moves decided in a year; None: no limit",
    )
    min_staff_per_role: int = par(
        1, "persons", ASSUMPTION, ge=0, le=1000,
        description="a unit-role with need keeps at least this many staff",
    )
    max_distance_km: float | None = par(None, "km", "scenario data", gt=0, le=2 * MAX_KM)
    stay_in_home_district: bool = par(
        False, "", "scenario data", description="moves only into the employee's home district")


class Response(Section):
    """How a notified employee responds: objection (logistic), then cancellation or not."""

    base_logit: float = par(
        -2.0, "logit", ASSUMPTION, ge=-10, le=10,
        description="refusal log-odds of a young employee moving next door to an easy unit",
    )
    per_decade_in_unit: float = par(0.4, "logit per 10 years", ASSUMPTION, ge=0, le=5)
    per_50km_from_home: float = par(0.5, "logit per 50 km", ASSUMPTION, ge=0, le=5)
    per_hardness: float = par(1.0, "logit per unit of hardness", ASSUMPTION, ge=0, le=10)
    per_decade_over_40: float = par(0.3, "logit per 10 years of age over 40", ASSUMPTION,
                                    ge=0, le=5)
    cancel_probability: Share = par(
        0.5, "share of objections", "assumption: a PNS is bound to accept placement (UU "
        "20/2023) but objects (keberatan), lobbies, and the decree is often cancelled or "
        "postponed; no published rate",
        description="chance that an objection cancels (or postpones to a later round) "
        "the decree; otherwise the move is carried out despite it",
    )
    mandatory: bool = par(
        False, "", "scenario data",
        description="enforcement: no objection cancels a decree (every objection becomes a "
        "forced move with a morale penalty)",
    )
    refusal_odds_scale: float = par(
        1.0, "odds multiplier", ASSUMPTION, gt=0, le=20,
        explore=(0.5, 2.0), explore_source="assumption: no published objection rate; "
        "odds halved to doubled",
        label=("Skala kecenderungan menolak mutasi", "Refusal propensity scale"),
        description="multiplies every employee's odds of objecting: the whole refusal-"
        "propensity uncertainty as one number",
    )
    forced_morale_penalty: float = par(0.3, "morale", ASSUMPTION, ge=0, le=1)
    refused_morale_penalty: float = par(0.05, "morale", ASSUMPTION, ge=0, le=1)


class Requests(Section):
    """Own-request transfers (atas permintaan sendiri, Peraturan BKN 5/2019)."""

    rate_per_year: float = par(
        0.015, "share of staff per year", "assumption (Peraturan BKN 5/2019 allows own "
        "requests; no published rate): about 1 % of staff moved a year once the rules "
        "have blocked some", ge=0, le=1)
    low_morale_factor: float = par(
        10.0, "x per unit of low morale", "assumption: forced moves and overload lower "
        "morale, and low morale brings requests to move back (BKN case reports; no rate)",
        ge=0, le=100,
        description="a person's request chance is multiplied by 1 + f x (1 - morale)",
    )
    to_home: float = par(0.5, "share of requests", ASSUMPTION, ge=0, le=1,
                         description="requests toward the home district")
    to_urban: float = par(0.3, "share of requests", ASSUMPTION, ge=0, le=1,
                          description="requests toward urban units")
    to_easier: float = par(0.2, "share of requests", ASSUMPTION, ge=0, le=1,
                           description="requests away from hard areas (lower hardness)")

    @model_validator(mode="after")
    def _shares(self) -> Requests:
        if abs(self.to_home + self.to_urban + self.to_easier - 1) > 1e-6:
            raise ValueError(ParamMsg.request_shares())
        return self


class Socialization(Section):
    """Explaining the programme before a round (Kotalama)."""

    enabled: bool = par(False, "", "scenario lever")
    refusal_odds: float = par(0.6, "odds multiplier", ASSUMPTION, gt=0, le=1)
    cost_per_round_idr: float = par(25_000_000, "IDR per round", ASSUMPTION, ge=0,
                                     le=MAX_IDR_PER_ROUND)
    cost_per_person_idr: float = par(100_000, "IDR per notified person", ASSUMPTION,
        ge=0, le=MAX_IDR_PER_PERSON)


class Participation(Section):
    """Employees state a destination preference (their home district).

    It is respected when an equivalent destination exists (Jambi forums, Rangkui
    teachers' input).
    """

    enabled: bool = par(False, "", "scenario lever")
    refusal_odds_preferred: float = par(0.4, "odds multiplier", ASSUMPTION, gt=0, le=1,
                                        description="when the destination is the preference")
    refusal_odds_consulted: float = par(0.85, "odds multiplier", ASSUMPTION, gt=0, le=1,
                                        description="consulted, preference not met")
    cost_per_person_idr: float = par(50_000, "IDR per notified person", ASSUMPTION,
        ge=0, le=MAX_IDR_PER_PERSON)


class Training(Section):
    """Post-transfer training: lowers adaptation difficulty and time (Lampung, Jambi)."""

    enabled: bool = par(False, "", "scenario lever")
    d_factor: float = par(0.7, "x D", ASSUMPTION, ge=0.01, le=1)
    tau_factor: float = par(0.7, "x tau", ASSUMPTION, ge=0.01, le=1)
    fit_gain: Share = par(
        0.5, "share of the fit gap", "assumption (DOMAIN.md: cross-level fit 0.8 'until "
        "training'; that one training closes half the gap is ours)",
        description="share of the gap between role fit and 1 closed by a training",
    )
    cost_per_person_idr: float = par(3_000_000, "IDR per person", ASSUMPTION,
        ge=0, le=MAX_IDR_PER_PERSON)


class Mentoring(Section):
    """Mentoring of moved staff for some months (Jambi)."""

    enabled: bool = par(False, "", "scenario lever")
    d_factor: float = par(0.85, "x D", ASSUMPTION, ge=0.01, le=1)
    tau_factor: float = par(0.8, "x tau", ASSUMPTION, ge=0.01, le=1)
    months: int = par(6, "months", ASSUMPTION, ge=1, le=36)
    cost_per_person_month_idr: float = par(300_000, "IDR per person-month", ASSUMPTION,
        ge=0, le=MAX_IDR_PER_PERSON)


class RemoteAllowance(Section):
    """Monthly allowance for staff in remote-area units (3T)."""

    enabled: bool = par(False, "", "scenario lever")
    monthly_idr: float = par(3_500_000, "IDR per person-month", f"{LAW_14_2005}; {PP_5_2024}",
                             ge=0, le=MAX_IDR_PER_PERSON)
    refusal_odds: float = par(0.6, "odds multiplier", ASSUMPTION, gt=0, le=1,
                              description="for moves into a remote-area unit")
    exit_factor: float = par(0.8, "x exit hazard", ASSUMPTION, gt=0, le=1,
                             description="exit hazard of staff in remote-area units")


class Monitoring(Section):
    """Monitoring of moved staff: poor adapters after M months get training (Jambi, Rangkui)."""

    enabled: bool = par(False, "", "scenario lever")
    after_months: int = par(6, "months", ASSUMPTION, ge=1, le=36)
    threshold: float = par(0.9, "adaptation factor", ASSUMPTION, gt=0, le=1,
                           description="moved staff below this factor get training")


class Interventions(Section):
    """Scenario levers applied by the model, each with its cost."""

    socialization: Socialization = Field(default_factory=Socialization)
    participation: Participation = Field(default_factory=Participation)
    training: Training = Field(default_factory=Training)
    mentoring: Mentoring = Field(default_factory=Mentoring)
    remote_allowance: RemoteAllowance = Field(default_factory=RemoteAllowance)
    monitoring: Monitoring = Field(default_factory=Monitoring)


class Costs(Section):
    """Cost of a move."""

    relocation_idr: float = par(5_000_000, "IDR per move", ASSUMPTION,
        ge=0, le=MAX_IDR_PER_PERSON)
    relocation_idr_per_km: float = par(20_000, "IDR per km", ASSUMPTION, ge=0,
                                        le=MAX_IDR_PER_PERSON / MAX_KM)


class Competence(Section):
    """Competence growth and what counts as a match."""

    learning_per_year: float = par(
        0.03, "share of the gap to 1 per year", ASSUMPTION, ge=0, le=1,
        description="on-the-job growth of competence in one's role family",
    )
    domain_learning_per_year: float = par(
        0.15, "share of the gap to 1 per year", "assumption: working in a unit of another "
        "domain teaches it faster than one's own trade improves (half the gap in about "
        "four years)", ge=0, le=1, explore=(0.05, 0.3),
        explore_source="assumption: half the gap closed in about two to fourteen years",
        label=("Laju belajar bidang unit per tahun", "Domain learning per year"),
        description="growth of competence in the unit's domain when it is not one's role "
        "family (how varied postings widen competence)",
    )
    fit_learning_per_year: float = par(
        0.15, "share of the gap to 1 per year", "assumption (DOMAIN.md: a secondary teacher "
        "in a primary school works at 0.8 'until training'; practice closes the gap too)",
        ge=0, le=1,
        description="yearly growth of role fit (e.g. 0.8 for a cross-level teacher) toward 1",
    )
    domain_weight: float = par(
        0.3, "", ASSUMPTION, ge=0, le=1,
        description="capacity uses (1 - w) x role-family + w x unit-agency-family competence",
    )
    match_threshold: float = par(0.6, "0-1", ASSUMPTION, gt=0, le=1,
                                 description="competence in the unit's domain counted a match")


Age = Annotated[int, Field(ge=16, le=75)]  # an age band's lower edge
Km = Annotated[float, Field(gt=0, le=2 * MAX_KM)]  # a distance band's edge
FOUR_FIFTHS = ("four-fifths rule: US EEOC Uniform Guidelines on Employee Selection "
               "Procedures (1978), 29 CFR 1607.4(D); read here for burdens too (a group's "
               "rate beyond 5/4 of the whole staff's)")


class Audit(Section):
    """The merit and fairness audit of the planned moves: who bears them (UU ASN merit).

    Own requests are people's own choices and are left out; the groups are counted
    at the rounds in which a policy (or a planner's list) proposed moves.
    """

    low_ratio: float = par(0.8, "x the whole staff's rate", FOUR_FIFTHS, gt=0, lt=1,
                           description="a group's rate below this share of the whole "
                           "staff's is flagged")
    high_ratio: float = par(1.25, "x the whole staff's rate", FOUR_FIFTHS, gt=1, le=10,
                            description="a group's rate above this multiple of the whole "
                            "staff's is flagged")
    min_group_share: Share = par(
        0.05, "share of staff", ASSUMPTION,
        description="groups holding less of the staff are shown but never flagged (too few "
        "people for a rate)")
    repeat_years: int = par(3, "years", ASSUMPTION, ge=1, le=10,
                            description="a move within this many years of the person's "
                            "last move in the run counts as moved again")
    age_bands: list[Age] = par(lambda: [30, 40, 50], "years of age", ASSUMPTION,
                               merge="replace", description="lower edges of the age bands "
                               "after the first")
    home_km_bands: list[Km] = par(lambda: [25.0, 75.0, 150.0], "km", ASSUMPTION,
                                     merge="replace", description="edges of the bands of "
                                     "distance from the home district")

    @model_validator(mode="after")
    def _bands_rise(self) -> Audit:
        for name in ("age_bands", "home_km_bands"):
            bands = getattr(self, name)
            if any(b <= 0 for b in bands) or any(
                    b >= c for b, c in zip(bands[:-1], bands[1:], strict=True)):
                raise ValueError(ParamMsg.bands_ascending(name=name, bad=bands))
        return self


class CustomPolicy(Section):
    """A user's policy class from their own file or module."""

    module: str = par(..., "", "scenario data", min_length=1,
                      description="a .py file (relative to the scenario) or a dotted module")
    class_: str = par(..., "", "scenario data", alias="class", min_length=1,
                      description="the policy class in that module")
    name: str | None = par(None, "", "scenario data",
                           description="label in outputs (default: the class name)")
    params: dict[str, Any] = par(dict, "", "scenario data",
                                 description="keyword arguments of the class (checked by it)")

    model_config = Section.model_config | {"populate_by_name": True}


PolicyEntry = str | CustomPolicy


class MutationParams(Section):
    """Mutation rounds: when, under which rules, and how employees respond."""

    months: list[Month] = par(
        lambda: [1, 7], "calendar months", ASSUMPTION,
        description="calendar months in which a mutation round is held",
    )
    constraints: Constraints = Field(default_factory=Constraints)
    response: Response = Field(default_factory=Response)
    requests: Requests = Field(default_factory=Requests)
    audit: Audit = Field(default_factory=Audit)

    @model_validator(mode="after")
    def _months_ok(self) -> MutationParams:
        bad = [m for m in self.months if not 1 <= m <= 12]
        if bad:
            raise ValueError(ParamMsg.round_months(bad=bad))
        return self
