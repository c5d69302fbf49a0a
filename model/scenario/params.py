"""Every scenario parameter, declared once: the names other packages import, in one place.

Each process's parameters live in the file named after it (`demography.py`,
`demand.py`, `recruitment.py`, `mutation.py`, `adaptation.py`, `workload.py`), the
region's in `region_params.py` and `region_parts.py`, the whole scenario and its
checks across sections in `scenario.py`, and the functions that read the declarations
(`iter_parameters`, `defaults_tree`, ...) in `declarations.py`. This module only
re-exports them, so that code importing `model.scenario.params` keeps working; new
code imports from the module named after what it needs.

`par(default, unit, source, ...)` (`model.core.declare`) is the one way to declare a
parameter. `source` says where the default comes from: a regulation, a statistic, or
"assumption". A scenario file may only use keys declared so.
"""

from __future__ import annotations

from .adaptation import AdaptationParams
from .declarations import defaults_tree, iter_parameters, merge_rules, numeric_bounds
from .demand import DemandEvent, DemandParams
from .demography import DemographyParams
from .mutation import (
    Competence,
    Costs,
    CustomPolicy,
    Interventions,
    MutationParams,
    PolicyEntry,
)
from .recruitment import ListedPlacement, RecruitmentParams
from .region_params import Region
from .region_parts import (
    AgencyName,
    AgencySpec,
    District,
    OccupationName,
    OccupationSpec,
    UnitKind,
)
from .scenario import Policies, Scenario
from .workload import WorkloadParams

__all__ = [
    "AdaptationParams", "AgencyName", "AgencySpec", "Competence", "Costs", "CustomPolicy",
    "DemandEvent", "DemandParams", "DemographyParams", "District", "Interventions",
    "ListedPlacement", "MutationParams", "OccupationName", "OccupationSpec", "Policies",
    "PolicyEntry", "RecruitmentParams", "Region", "Scenario", "UnitKind", "WorkloadParams",
    "defaults_tree", "iter_parameters", "merge_rules", "numeric_bounds",
]
