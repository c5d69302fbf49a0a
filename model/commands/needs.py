"""`needs`: today's needs analysis of a region (no years simulated)."""

from __future__ import annotations

import argparse

from ..cli_parser import scenario_options, whole_number
from ..core.text import Catalogue, Text
from ..reporting.console import Console, say
from .base import Command
from .common import scenario_from_args, write_csv


class NeedsHelp(Catalogue, area="cli.help.needs"):
    """The help of `needs` and its options."""

    command = Text("analisis kebutuhan pegawai suatu daerah saat ini (tanpa simulasi)",
                   "needs analysis of a region today (no simulation)")
    top = Text("jumlah unit yang ditampilkan", "units listed")
    csv = Text("tulis juga tabel unit-jabatan ke berkas CSV ini",
               "also write the unit-role table to this CSV file")


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The options of `needs`."""
    scenario_options(p)
    p.add_argument("--top", type=whole_number("top"), default=10, help=NeedsHelp.top)
    p.add_argument("--csv", help=NeedsHelp.csv)


def run(args: argparse.Namespace) -> int:
    """Print today's needs analysis of a region (no years simulated)."""
    from ..reporting.formats import fmt_count
    from ..reporting.needs import needs_report
    from ..reporting.tables import needs_text
    from ..simulation.model import WorkforceModel

    lang = args.lang
    scenario = scenario_from_args(args)
    model = WorkforceModel(scenario)
    table = model.needs_table()
    reg = scenario.region
    say(Console.needs_header, lang, region=reg.name, scenario=scenario.name,
        staff=fmt_count(model.employees.n, lang), units=fmt_count(model.units.n, lang))
    print(needs_text(needs_report(table, top=args.top),
                     {k: kind.label for k, kind in reg.unit_kinds.items()}, lang))
    if args.csv:
        write_csv(table, args.csv, "--csv")
        print()
        say(Console.results_in, lang, path=args.csv)
    return 0


NEEDS = Command("needs", NeedsHelp.command, add_arguments, run)
