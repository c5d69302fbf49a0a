"""`calibration`: the status quo of a region against its calibration targets."""

from __future__ import annotations

import argparse

from ..cli_parser import scenario_options, whole_number
from ..reporting.console import Console, say
from ..reporting.tables import calibration_markdown, calibration_text
from .base import Command
from .common import scenario_from_args, write_csv


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The options of `calibration`."""
    scenario_options(p)
    p.add_argument("--years", type=whole_number("years"), default=10,
                   help="horizon of the status-quo runs (default 10; the targets may need "
                   "as many)")
    p.add_argument("--replications", "-r", type=whole_number("replications"), default=4,
                   help="status-quo replications (default 4)")
    p.add_argument("--jobs", "-j", type=whole_number("jobs"), default=1)
    p.add_argument("--targets", help="targets file (default scenarios/calibration/targets.yaml)")
    p.add_argument("--markdown", action="store_true", help="print a Markdown table")
    p.add_argument("--csv", help="also write the table to this CSV file")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")


def run(args: argparse.Namespace) -> int:
    """Compare the status quo of a region with its calibration targets; exit 1 on a miss."""
    from ..experiments.calibration import calibrate, load_targets

    lang = args.lang
    targets = load_targets(args.targets)
    scenario = scenario_from_args(args)
    table = calibrate(scenario, targets, replications=args.replications, years=args.years,
                      jobs=args.jobs, quiet=args.quiet or args.markdown)
    if args.markdown:
        print(calibration_markdown(table, lang))
    else:
        say(Console.calibration_header, lang, name=scenario.name, years=args.years,
            replications=args.replications)
        print(calibration_text(table, lang))
        say(Console.targets_passed, lang, passed=int(table["passed"].sum()), total=len(table))
    if args.csv:
        write_csv(table, args.csv, "--csv")
    return 0 if table["passed"].all() else 1


CALIBRATION = Command("calibration",
                      "the status quo against the calibration targets (exit 1 on a miss)",
                      add_arguments, run)
