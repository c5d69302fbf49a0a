"""`bench`: time the monthly loop at several sizes against the numpy reference."""

from __future__ import annotations

import argparse

from ..cli_parser import whole_number
from ..core.text import Catalogue, Text
from .base import Command


class BenchHelp(Catalogue, area="cli.help.bench"):
    """The help of `bench` and its options."""

    command = Text("ukur waktu model dibandingkan dengan rujukan numpy",
                   "time the model against the numpy reference")
    sizes = Text("jumlah pegawai, dipisahkan koma", "comma-separated employee counts")
    json = Text("cetak satu objek JSON", "print one JSON object")
    reference = Text("lokasi sol.py rujukan (bawaan ../shared/reference/sol.py)",
                     "path of the reference sol.py (default ../shared/reference/sol.py)")


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The options of `bench`."""
    p.add_argument("--sizes", default="10000,100000,1000000",
                   help=BenchHelp.sizes)
    p.add_argument("--years", type=whole_number("years"), default=5)
    p.add_argument("--json", action="store_true", help=BenchHelp.json)
    p.add_argument("--reference", help=BenchHelp.reference)


def run(args: argparse.Namespace) -> int:
    """Time the monthly loop at several sizes against the numpy reference."""
    from ..experiments.bench import main as bench_main

    return bench_main(args)


BENCH = Command("bench", BenchHelp.command, add_arguments, run)
