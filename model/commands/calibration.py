"""`calibration`: the status quo of a region against its calibration targets."""

from __future__ import annotations

import argparse

from ..cli_parser import scenario_options, whole_number
from ..core.text import Catalogue, Text
from ..reporting.console import Console, say
from .base import Command
from .common import scenario_from_args, write_csv


class CalibrationHelp(Catalogue, area="cli.help.calibration"):
    """The help of `calibration` and its options."""

    command = Text("status quo dibandingkan dengan target kalibrasi (kode keluar 1 bila ada "
                   "yang meleset)",
                   "the status quo against the calibration targets (exit 1 on a miss)")
    years = Text("jangka waktu run status quo (bawaan 10; target bisa memerlukan sepanjang "
                 "itu)",
                 "horizon of the status-quo runs (default 10; the targets may need as many)")
    replications = Text("jumlah replikasi status quo (bawaan 4)",
                        "status-quo replications (default 4)")
    targets = Text("berkas target (bawaan scenarios/calibration/targets.yaml)",
                   "targets file (default scenarios/calibration/targets.yaml)")
    markdown = Text("cetak tabel Markdown", "print a Markdown table")
    csv = Text("tulis juga tabelnya ke berkas CSV ini", "also write the table to this CSV file")
    quiet = Text("tanpa bilah kemajuan", "no progress bar")


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The options of `calibration`."""
    scenario_options(p)
    p.add_argument("--years", type=whole_number("years"), default=10,
                   help=CalibrationHelp.years)
    p.add_argument("--replications", "-r", type=whole_number("replications"), default=4,
                   help=CalibrationHelp.replications)
    p.add_argument("--jobs", "-j", type=whole_number("jobs"), default=1)
    p.add_argument("--targets", help=CalibrationHelp.targets)
    p.add_argument("--markdown", action="store_true", help=CalibrationHelp.markdown)
    p.add_argument("--csv", help=CalibrationHelp.csv)
    p.add_argument("--quiet", "-q", action="store_true", help=CalibrationHelp.quiet)


def run(args: argparse.Namespace) -> int:
    """Compare the status quo of a region with its calibration targets; exit 1 on a miss."""
    from ..experiments.calibration import calibrate, load_targets
    from ..reporting.tables import calibration_markdown, calibration_text

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


CALIBRATION = Command("calibration", CalibrationHelp.command, add_arguments, run)
