"""Workload's parameters: capacity, need and efficiency of position (EJ).

Read by the workload process (`model.processes.workload`) and the metrics.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from ..core.declare import ASSUMPTION, PERMENPAN_1_2020, Section, par
from ..core.vocab import AreaName
from .messages_params import ParamMsg


class WorkloadParams(Section):
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
    def _check(self) -> WorkloadParams:
        t = self.ej_thresholds
        if set(t) != {"A", "B", "C", "D"} or not t["A"] > t["B"] > t["C"] > t["D"] > 0:
            raise ValueError(ParamMsg.ej_order())
        for pair, factor in self.compatibility.items():
            occ, sep, role = pair.partition(">")
            if not sep or not occ or not role:
                raise ValueError(ParamMsg.compat_key(pair=repr(pair)))
            if not 0 < factor <= 1:
                raise ValueError(ParamMsg.compat_factor(pair=repr(pair), factor=factor))
        return self

