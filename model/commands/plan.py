"""`plan`: the draft transfer list of the next mutation round, written as a workbook."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..cli_parser import scenario_options, whole_number
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
    years = Text("juga rencana beberapa tahun (mis. 5): pensiun, mutasi dan formasi yang "
                 "diusulkan per tahun, unit dan jabatan",
                 "also a plan of several years (e.g. 5): retirements, transfers and the "
                 "formasi to propose per year, unit and position")
    replications = Text("replikasi untuk rencana beberapa tahun (bawaan: skenario)",
                        "replications of the plan of several years (default: the scenario's)")
    pdf = Text("cetak juga halaman rencana (.html) ke PDF", "also print the plan's page "
               "(.html) to PDF")


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The options of `plan`."""
    scenario_options(p)
    p.add_argument("--policy", required=True,
                   help=PlanHelp.policy)
    p.add_argument("--round", metavar="YYYY-MM", help=PlanHelp.round)
    p.add_argument("--out", required=True, help=PlanHelp.out)
    p.add_argument("--force", action="store_true", help=PlanHelp.force)
    p.add_argument("--years", type=whole_number("years"), help=PlanHelp.years)
    p.add_argument("--replications", "-r", type=whole_number("replications"),
                   help=PlanHelp.replications)
    p.add_argument("--pdf", action="store_true", help=PlanHelp.pdf)


def run(args: argparse.Namespace) -> int:
    """Draft transfer list of one mutation round, written as a workbook."""
    from ..experiments.experiment import policy_setting
    from ..experiments.five_year import five_year_plan
    from ..experiments.plan import draft_plan
    from ..reporting.formats import fmt_count, fmt_fixed, fmt_idr, fmt_value
    from ..reporting.labels import policy_label
    from ..reporting.plan_book import check_plan_path, write_plan
    from ..reporting.plan_report import write_plan_report

    lang = args.lang
    scenario = scenario_from_args(args)
    out = check_plan_path(Path(args.out), args.force)
    check_plan_path(out.with_suffix(".html"), args.force, suffix=".html")  # its page
    policy = policy_setting(args.policy)
    plan = draft_plan(scenario, policy, args.round, lang)
    if args.years:
        plan.five_year = five_year_plan(scenario, policy, args.years, args.replications)
    write_plan(plan, out, lang, overwrite=args.force)
    page = write_plan_report(plan, scenario, args.policy, out, lang, pdf=args.pdf)
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
    if plan.five_year is not None:
        by_year = plan.five_year.positions.groupby("year")[
            ["retiring", "proposed", "proposed_pns", "proposed_pppk"]].sum()
        say(Console.plan_years, lang, years=len(by_year),
            replications=plan.five_year.replications)
        for year, r in by_year.iterrows():
            say(Console.plan_year, lang, year=year, retiring=fmt_count(r["retiring"], lang),
                proposed=fmt_count(r["proposed"], lang), pns=fmt_count(r["proposed_pns"], lang),
                pppk=fmt_count(r["proposed_pppk"], lang))
    say(Console.report, lang, path=page)
    say(Console.results_in, lang, path=out)
    return 0


PLAN = Command("plan", PlanHelp.command, add_arguments, run)
