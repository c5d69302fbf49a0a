"""`sweep`: every combination of swept values (resumable), the summaries gathered."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..cli_parser import executor_options, scenario_options, whole_number
from ..core.errors import UserError
from ..core.text import Catalogue, Text
from ..reporting.console import Console, say
from .base import Command
from .common import overrides, policy_list
from .messages import CommandMsg


class SweepHelp(Catalogue, area="cli.help.sweep"):
    """The help of `sweep` and its options."""

    command = Text("setiap kombinasi nilai yang divariasikan (dapat dilanjutkan)",
                   "every combination of swept values (resumable)")
    grid = Text("berkas YAML: kunci -> daftar nilai", "YAML file: key -> list of values")
    policies = Text("kebijakan setiap run (bawaan: daftar compare skenario)",
                    "policies of each run (default: the scenario's compare)")
    out = Text("folder sweep (jalankan ulang untuk melanjutkan)",
               "sweep folder (rerun it to resume)")


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The options of `sweep`."""
    scenario_options(p)
    p.add_argument("--grid", help=SweepHelp.grid)
    p.add_argument("--policies", help=SweepHelp.policies)
    p.add_argument("--years", type=whole_number("years"))
    p.add_argument("--replications", "-r", type=whole_number("replications"))
    p.add_argument("--jobs", "-j", type=whole_number("jobs"), default=1)
    executor_options(p)
    p.add_argument("--out", required=True, help=SweepHelp.out)
    p.add_argument("--quiet", "-q", action="store_true")


def run(args: argparse.Namespace) -> int:
    """Run every combination of swept values (resumable); gather the summaries."""
    from ..experiments.sweep import read_grid, run_sweep
    from ..scenario.loading import load_scenario

    lang = args.lang
    sets = overrides(args.set)
    axes = read_grid(args.grid, sets)
    if not axes:
        raise UserError(CommandMsg.nothing_to_sweep())
    fixed = {k: v for k, v in sets.items() if k not in axes}
    if args.years is not None:
        fixed["years"] = args.years
    if args.replications is not None:
        fixed["replications"] = args.replications
    base = load_scenario(args.scenario)
    policies = policy_list(args.policies, load_scenario(base, fixed).compare_policies)
    out = Path(args.out)
    summary = run_sweep(base, axes, fixed, policies, out, jobs=args.jobs, lang=lang,
                        quiet=args.quiet, executor=args.executor, scheduler=args.scheduler,
                        scheduler_timeout=args.scheduler_timeout)
    say(Console.sweep_done, lang, n=summary["run"].nunique(), path=out)
    return 0


SWEEP = Command("sweep", SweepHelp.command, add_arguments, run)
