"""`run` and `compare`: replications of a scenario, written as a results folder."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..cli_parser import experiment_options
from ..core.text import Catalogue, Text
from ..reporting.console import Console, say, warn
from .base import Command
from .common import default_out, policy_list, print_paths, scenario_from_args
from .messages import CommandMsg


class ExperimentHelp(Catalogue, area="cli.help.experiment"):
    """The help of `run` and `compare` and of the options of `compare`."""

    run = Text("jalankan replikasi dan tulis folder hasil",
               "run replications and write a results folder")
    compare = Text("bandingkan kebijakan pada replikasi berpasangan",
                   "compare policies on paired replications")
    policies = Text("kebijakan, dipisahkan koma, mis. none,balancing,optimal (gabungan ditulis "
                    "anticipation+balancing); yang pertama menjadi pembanding (bawaan: daftar "
                    "`compare` skenario)",
                    "comma-separated policies, e.g. none,balancing,optimal (a composition as "
                    "anticipation+balancing); the first is the baseline (default: the "
                    "scenario's `compare` list)")
    baseline = Text("kebijakan yang menjadi pembanding bagi kebijakan lain",
                    "the policy the others are compared with")


def _experiment(args: argparse.Namespace, scenario, policies: list[str] | None,
                name: str) -> int:
    """Run an experiment, write its folder, print its table: `run` and `compare`.

    The folder is written while the runs finish (`Experiment.run_and_write`), so the
    memory does not grow with the number of replications.
    """
    from ..experiments.experiment import Experiment
    from ..reporting.formats import fmt_fixed
    from ..reporting.labels import policy_label
    from ..reporting.outputs import check_out_dir
    from ..reporting.report_text import report_file
    from ..reporting.tables import ranked_table, summary_table, transfers_table

    lang = args.lang
    exp = Experiment(scenario, policies, replications=args.replications, seed=args.seed,
                     baseline=getattr(args, "baseline", None), jobs=args.jobs,
                     executor=args.executor, scheduler=args.scheduler,
                     scheduler_timeout=args.scheduler_timeout, formats=args.format,
                     shards=args.shards)
    s = exp.scenario
    if s.governments is not None and args.jobs > 1:
        warn(CommandMsg.jobs_with_governments(jobs=args.jobs, shards=exp.shards), lang)
    out = Path(args.out) if args.out else default_out(s.name + name)
    check_out_dir(out, args.overwrite)
    written = exp.run_and_write(out, lang=lang, overwrite=args.overwrite, quiet=args.quiet)
    if not args.quiet:
        title = Console.summary_title if exp.own_policy else Console.compare_title
        say(Console.experiment_header, lang, title=title, name=s.name, years=s.years,
            replications=s.replications, seed=s.seed,
            seconds=fmt_fixed(exp.wall_seconds, 1, lang))
        if exp.own_policy:
            print(summary_table(written.summary, lang))
            if not written.transfers.empty:
                say(Console.transfers_title, lang)
                print(transfers_table(written.transfers, s.replications, lang))
        else:
            say(Console.paired_note, lang, baseline=policy_label(exp.baseline, lang))
            print(ranked_table(written.summary, lang))
        print_paths(Console.figures, sorted((out / "figures").glob("*.png")), lang)
        report = out / report_file(lang)
        say(Console.report, lang, path=report)
    say(Console.results_in, lang, path=out)
    return 0


def add_run_arguments(p: argparse.ArgumentParser) -> None:
    """The options of `run`."""
    experiment_options(p, "results/<scenario>-<time>")


def run(args: argparse.Namespace) -> int:
    """Run replications of a scenario under its own policy and write a results folder."""
    return _experiment(args, scenario_from_args(args), None, "")


def add_compare_arguments(p: argparse.ArgumentParser) -> None:
    """The options of `compare`: an experiment's, and the policies compared."""
    experiment_options(p, "results/<scenario>-compare-<time>")
    p.add_argument("--policies", help=ExperimentHelp.policies)
    p.add_argument("--baseline", help=ExperimentHelp.baseline)


def compare(args: argparse.Namespace) -> int:
    """Compare policies on paired replications; print a ranked table, write a folder."""
    scenario = scenario_from_args(args)
    return _experiment(args, scenario, policy_list(args.policies, scenario.compare_policies),
                       "-compare")


RUN = Command("run", ExperimentHelp.run, add_run_arguments, run)
COMPARE = Command("compare", ExperimentHelp.compare, add_compare_arguments, compare)
