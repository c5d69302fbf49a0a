"""`evaluate`: test a planner's own transfer list against the status quo and the tool's draft."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..cli_parser import experiment_options
from ..core.text import Catalogue, Text
from ..reporting.console import Console, say
from .base import Command
from .common import default_out, print_paths, scenario_from_args


class EvaluateHelp(Catalogue, area="cli.help.evaluate"):
    """The help of `evaluate` and its options."""

    command = Text("uji daftar mutasi sendiri (rencana yang disunting atau daftar kantor) "
                   "terhadap status quo",
                   "test your own transfer list (an edited plan or the office's list) "
                   "against the status quo")
    list = Text("daftar yang diuji: buku kerja rencana (.xlsx) atau daftar .csv/.xlsx "
                "(NIP, kode unit tujuan; boleh jabatan, putaran, kecualikan aturan)",
                "the list tested: a plan workbook (.xlsx) or a .csv/.xlsx list (NIP, "
                "destination unit code; optionally position, round, override)")
    against = Text("bandingkan juga dengan rancangan kebijakan ini untuk putaran yang sama, "
                   "mis. balancing",
                   "also compare with this policy's draft for the same round, e.g. "
                   "balancing")
    round = Text("putaran baris yang tidak menyebut putarannya (bawaan: putaran berikutnya)",
                 "the round of rows that name none (default: the next round)")


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The options of `evaluate`: an experiment's, the list, the draft compared."""
    experiment_options(p, "results/<scenario>-evaluate-<time>")
    p.add_argument("list", help=EvaluateHelp.list)
    p.add_argument("--against", metavar="POLICY", help=EvaluateHelp.against)
    p.add_argument("--round", metavar="YYYY-MM", help=EvaluateHelp.round)


def run(args: argparse.Namespace) -> int:
    """Check the list, run it on paired replications, write the folder and the workbook."""
    from ..experiments.evaluation import evaluate
    from ..reporting.evaluation_book import BOOK_NAME
    from ..reporting.formats import fmt_fixed
    from ..reporting.labels import policy_label
    from ..reporting.outputs import check_out_dir
    from ..reporting.report_text import report_file
    from ..reporting.tables import ranked_table

    lang = args.lang
    extra = {k: v for k, v in (("replications", args.replications), ("seed", args.seed))
             if v is not None}
    scenario = scenario_from_args(args, extra)
    out = Path(args.out) if args.out else default_out(scenario.name + "-evaluate")
    check_out_dir(out, args.overwrite)
    found = evaluate(scenario, args.list, out, against=args.against, when=args.round,
                     lang=lang, overwrite=args.overwrite, jobs=args.jobs,
                     executor=args.executor, scheduler=args.scheduler,
                     scheduler_timeout=args.scheduler_timeout, formats=args.format,
                     quiet=args.quiet)
    checked = found.checked
    say(Console.evaluate_rows, lang, path=checked.path, read=len(checked.rows),
        run=checked.n_run, refused=checked.n_refused,
        overridden=checked.n_overridden)
    if checked.n_refused:
        say(Console.evaluate_refused, lang)
        print(checked.problems(lang))
    if not args.quiet:
        say(Console.evaluate_header, lang, name=scenario.name, years=scenario.years,
            replications=scenario.replications, seed=scenario.seed,
            seconds=fmt_fixed(found.written.wall_seconds, 1, lang),
            rounds=", ".join(checked.listed_labels(scenario)))
        say(Console.paired_note, lang, baseline=policy_label("none", lang))
        print(ranked_table(found.summary, lang))
        print_paths(Console.figures, sorted((out / "figures").glob("*.png")), lang)
        say(Console.report, lang, path=out / report_file(lang))
    say(Console.evaluate_book, lang, path=out / BOOK_NAME)
    say(Console.results_in, lang, path=out)
    return 0


EVALUATE = Command("evaluate", EvaluateHelp.command, add_arguments, run)
