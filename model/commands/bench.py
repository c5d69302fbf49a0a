"""`bench`: time the monthly loop at several sizes against the numpy reference."""

from __future__ import annotations

import argparse

from ..cli_parser import whole_number
from .base import Command


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The options of `bench`."""
    p.add_argument("--sizes", default="10000,100000,1000000",
                   help="comma-separated employee counts")
    p.add_argument("--years", type=whole_number("years"), default=5)
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--reference", help="path of the reference sol.py "
                   "(default ../shared/reference/sol.py)")


def run(args: argparse.Namespace) -> int:
    """Time the monthly loop at several sizes against the numpy reference."""
    from ..experiments.bench import main as bench_main

    return bench_main(args)


BENCH = Command("bench", "time the model against the numpy reference", add_arguments, run)
