"""The commands of `run_sim.py`, each declared with its options beside its handler.

A command is a `Command` (name, help, `add_arguments(parser)`, `run(args)`) in a module
named after it; `model.cli` builds the parser from `COMMANDS` and dispatches to the one
named. What a command prints is a sentence of `reporting.console`; what it refuses is a
message of `commands.messages`.
"""

from __future__ import annotations

from . import (
    bench,
    calibration,
    dashboard,
    evaluate,
    experiment,
    init_region,
    listing,
    needs,
    plan,
    results_folder,
    search,
    sensitivity,
    sweep,
    validate,
)
from .base import Command

# in the order of `run_sim.py --help`
COMMANDS: tuple[Command, ...] = (
    experiment.RUN, experiment.COMPARE, sweep.SWEEP, needs.NEEDS, calibration.CALIBRATION,
    sensitivity.SENSITIVITY, search.SEARCH, listing.LIST, validate.VALIDATE,
    init_region.INIT_REGION, plan.PLAN, evaluate.EVALUATE, results_folder.FIGURES,
    results_folder.REPORT, dashboard.DASHBOARD, bench.BENCH)

__all__ = ["COMMANDS", "Command"]
