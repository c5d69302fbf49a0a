"""Demography's parameters: retirement at BUP, exits, PPPK contracts and morale.

Read by the demography process (`model.processes.demography`); the BUP by position
type (`bup_by_position`) is read wherever a person's retirement month is set.
"""

from __future__ import annotations

from typing import Annotated

import numpy as np
from pydantic import Field

from ..core.declare import ASSUMPTION, PP_11_2017, Bup, Section, Share, par
from ..core.vocab import POSITION_TYPES, PositionName


class DemographyParams(Section):
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
        label=("Skala risiko keluar (berhenti, meninggal)", "Exit hazard scale"),
        description="multiplies every annual exit rate of `exit_rate_by_age` (capped at "
        "0.99): the whole exit-hazard uncertainty as one number",
    )
    overload_exit_factor: float = par(
        0.5, "x per unit of overload", ASSUMPTION, ge=0, le=10,
        explore=(0.0, 1.5),
        label=("Pengaruh beban lebih pada risiko keluar", "Overload effect on exits"),
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

    @property
    def youngest_bup(self) -> int:
        """The lowest retirement age over the position types."""
        return min(self.retirement_age.values())

    def bup_by_position(self) -> np.ndarray:
        """The BUP of each position type, indexed by position code (`POSITION_TYPES`).

        The one BUP lookup: `bup_by_position()[position]` is the retirement age of
        each person, wherever a retirement month is set (a built or imported region,
        recruits).
        """
        return np.array([self.retirement_age[p] for p in POSITION_TYPES], dtype=np.int64)
