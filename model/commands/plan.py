"""`plan`: the draft transfer list of the next mutation round, written as a workbook."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..cli_parser import scenario_options
from ..core.text import Catalogue, Text
from ..reporting.console import Console, say
from .base import Command
from .common import scenario_from_args


class PlanHelp(Catalogue, area="cli.help.plan"):
    """The help of `plan` and its options."""

    command = Text("rancangan daftar mutasi untuk putaran mutasi berikutnya (XLSX)",
                   "draft transfer list of the next mutation round (XLSX)")
    policy = Text("kebijakan yang mengusulkan, mis. balancing (gabungan ditulis a+b)",
                  "the proposing policy, e.g. balancing (a composition as a+b)")
    round = Text("putaran mutasi (bawaan: putaran berikutnya)",
                 "the round (default: the next one)")
    out = Text("berkas Excel yang ditulis (.xlsx)", "the workbook to write (.xlsx)")
    force = Text("timpa berkas Excel jika sudah ada", "replace the workbook if it exists")


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The options of `plan`."""
    scenario_options(p)
    p.add_argument("--policy", required=True,
                   help=PlanHelp.policy)
    p.add_argument("--round", metavar="YYYY-MM", help=PlanHelp.round)
    p.add_argument("--out", required=True, help=PlanHelp.out)
    p.add_argument("--force", action="store_true", help=PlanHelp.force)


def run(args: argparse.Namespace) -> int:
    """Draft transfer list of one mutation round, written as a workbook."""
    from ..experiments.experiment import policy_setting
    from ..experiments.plan import draft_plan
    from ..reporting.formats import fmt_count, fmt_fixed, fmt_idr, fmt_value
    from ..reporting.labels import policy_label
    from ..reporting.plan_book import check_plan_path, write_plan

    lang = args.lang
    scenario = scenario_from_args(args)
    out = check_plan_path(Path(args.out), args.force)
    plan = draft_plan(scenario, policy_setting(args.policy), args.round, lang)
    write_plan(plan, out, lang, overwrite=args.force)
    moves = plan.moves
    # the plan as a whole (every move carried out), as on its units sheet
    change = float((plan.units["unmet_hours_after"] - plan.units["unmet_hours_before"]).sum())
    say(Console.plan_summary, lang, round=plan.round_label,
        policy=policy_label(args.policy, lang), moves=fmt_count(len(moves), lang),
        cost=fmt_idr(float(moves["cost_idr"].sum()), lang),
        change=fmt_value(change, "", lang, signed=True))
    expected = float(plan.requests["expected_requests"].sum()) if len(plan.requests) else 0.0
    if expected > 0:
        say(Console.plan_requests, lang, n=fmt_fixed(expected, 1, lang))
    say(Console.results_in, lang, path=out)
    return 0


PLAN = Command("plan", PlanHelp.command, add_arguments, run)
