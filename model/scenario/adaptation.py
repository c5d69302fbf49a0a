"""Adaptation's parameters: productivity after a move or hire, 1 - D * exp(-t / tau).

Read by the adaptation process (`model.processes.adaptation`).
"""

from __future__ import annotations

from ..core.declare import ASSUMPTION, MAX_KM, Section, par


class AdaptationParams(Section):
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
        label=("Skala kedalaman penurunan produktivitas (D)", "Adaptation depth scale (D)"),
        description="multiplies D before the `d_max` cap: the whole adaptation-depth "
        "uncertainty as one number",
    )
    tau_scale: float = par(
        1.0, "x", ASSUMPTION, ge=0.05, le=10,
        explore=(0.5, 2.0), explore_source="assumption: recovery time after a move is "
        "not measured; half to double",
        label=("Skala lama adaptasi (tau)", "Adaptation time scale (tau)"),
        description="multiplies tau: the whole adaptation-speed uncertainty as one number",
    )
    threshold: float = par(
        1e-3, "", ASSUMPTION, gt=0, le=0.1,
        description="a deficit below this counts as fully adapted (keeps the loop sparse)",
    )

