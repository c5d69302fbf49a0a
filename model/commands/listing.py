"""`list`: the scenarios, policies and metrics; every parameter; the uncertain inputs."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from ..cli_parser import lang_option
from ..core.text import Catalogue, Text
from ..reporting.console import UNCERTAIN_COLUMNS, Console, say
from .base import Command

if TYPE_CHECKING:
    import pandas as pd


class ListHelp(Catalogue, area="cli.help.list"):
    """The help of `list` and its options."""

    command = Text("daftar skenario, kebijakan dan metrik", "list scenarios, policies and metrics")
    params = Text("tampilkan semua parameter sebagai gantinya", "list every parameter instead")
    uncertain = Text("tampilkan input tidak pasti yang divariasikan analisis sensitivitas",
                     "list the uncertain inputs sensitivity analysis varies")
    scenario = Text("dengan --uncertain: skenarionya (dinas-dinas di daerahnya)",
                    "with --uncertain: the scenario (its region's agencies)")
    markdown = Text("dengan --params: tabel Markdown", "with --params: a Markdown table")


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The options of `list`."""
    p.add_argument("--params", action="store_true", help=ListHelp.params)
    p.add_argument("--uncertain", action="store_true",
                   help=ListHelp.uncertain)
    p.add_argument("--scenario", default="default",
                   help=ListHelp.scenario)
    p.add_argument("--markdown", action="store_true", help=ListHelp.markdown)
    lang_option(p)


def uncertain_table(scenario, lang: str) -> pd.DataFrame:
    """The uncertain inputs of `scenario`: path, default, range explored, unit, label."""
    import pandas as pd

    from ..reporting.formats import fmt_number
    from ..reporting.labels import uncertain_label
    from ..scenario.uncertainty import uncertainties

    head = [UNCERTAIN_COLUMNS[k].format(lang)
            for k in ("path", "default", "range", "unit", "label")]
    return pd.DataFrame([dict(zip(head, (
        u.path, fmt_number(u.default, lang),
        f"{fmt_number(u.low, lang)} – {fmt_number(u.high, lang)}", u.unit,
        uncertain_label(u.path, lang)), strict=True)) for u in uncertainties(scenario)])


def run(args: argparse.Namespace) -> int:
    """List scenarios, policies and metrics (and parameters with --params)."""
    import pandas as pd

    from ..reporting.formats import fit_table
    from ..reporting.tables import catalogue_text, parameters_markdown, parameters_text
    from ..scenario.declarations import iter_parameters
    from ..scenario.loading import load_scenario

    lang = args.lang
    if args.params:
        rows = pd.DataFrame(iter_parameters())
        print(parameters_markdown(rows) if args.markdown else parameters_text(rows, lang))
        return 0
    if args.uncertain:
        rows = uncertain_table(load_scenario(args.scenario), lang)
        print(fit_table(rows, fixed=("parameter",)))
        say(Console.uncertain_source, lang)
        return 0
    print(catalogue_text(lang))
    return 0


LIST = Command("list", ListHelp.command, add_arguments, run)
