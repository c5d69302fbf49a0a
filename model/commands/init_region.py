"""`init-region`: a region's own files (CSV and XLSX) and a scenario using them."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..cli_parser import lang_option
from ..core.text import Catalogue, Text
from ..reporting.console import Console, say
from .base import Command


class InitRegionHelp(Catalogue, area="cli.help.init_region"):
    """The help of `init-region` and its options."""

    command = Text("tulis berkas daerah sendiri (CSV dan XLSX) dan skenario yang memakainya: "
                   "contoh untuk diisi, atau daerah yang diekspor dengan --from",
                   "write a region's own files (CSV and XLSX) and a scenario using them: an "
                   "example to fill, or a region exported with --from")
    dir = Text("folder baru untuk berkas-berkasnya", "new folder for the files")
    source = Text("ekspor daerah dari skenario ini (mis. default), bukan contohnya",
                  "export this scenario's region (e.g. default) instead of the example")
    no_excel = Text("hanya berkas CSV", "CSV files only")


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The options of `init-region`."""
    p.add_argument("dir", help=InitRegionHelp.dir)
    p.add_argument("--from", dest="source", metavar="SCENARIO",
                   help=InitRegionHelp.source)
    p.add_argument("--no-excel", action="store_true", help=InitRegionHelp.no_excel)
    lang_option(p, help=True)


def run(args: argparse.Namespace) -> int:
    """Write a region's own files and a scenario using them (an example, or --from)."""
    from ..core.rng import RandomStreams
    from ..reporting.formats import fmt_count
    from ..reporting.region_files import PLACEHOLDER_EN, PLACEHOLDER_ID, export_region
    from ..scenario.loading import SCENARIO_DIR, load_scenario
    from ..world.world import World

    lang = args.lang
    source = args.source or str(SCENARIO_DIR / "examples" / "own_region.yaml")
    scenario = load_scenario(source)
    world = World.build(scenario, RandomStreams(scenario.seed))  # the state at the start
    folder = Path(args.dir)
    if args.source:
        note = Console.region_as_files(name=scenario.name)
        note_en, note_id = note.render("en"), note.render("id")
    else:  # the example: a description the planner must replace (validate warns until then)
        note_en, note_id = PLACEHOLDER_EN, PLACEHOLDER_ID
    written = export_region(world, folder, f"{scenario.name}_files", note_en,
                            excel=not args.no_excel, note_id=note_id)
    say(Console.region_written, lang, n=len(written), staff=fmt_count(world.employees.n, lang),
        units=fmt_count(world.units.n, lang))
    for path in written:
        print(f"  {path}")
    if not args.source:
        say(Console.region_edit_first, lang, path=folder / "region.yaml")
    say(Console.region_next, lang, path=folder / "region.yaml")
    return 0


INIT_REGION = Command("init-region", InitRegionHelp.command, add_arguments, run)
