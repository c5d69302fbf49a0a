"""`sensitivity`: which uncertain inputs move a finding (SALib Morris or Sobol), resumable."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..cli_parser import OptionHelp, executor_options, scenario_options, whole_number
from ..core.text import Catalogue, Text
from ..experiments.sensitivity_methods import METHODS
from ..reporting.console import Console, say
from .base import Command
from .common import policy_list, print_paths, scenario_from_args


class SensitivityHelp(Catalogue, area="cli.help.sensitivity"):
    """The help of `sensitivity` and its options."""

    command = Text("input tidak pasti mana yang menggeser suatu temuan (SALib Morris atau Sobol)",
                   "which uncertain inputs move a finding (SALib Morris or Sobol)")
    method = Text("morris (penyaringan, bawaan) atau sobol (berbasis varians)",
                  "morris (screening, default) or sobol (variance-based)")
    outcome = Text("metrik yang dianalisis (bawaan unmet_share, yaitu p_unmet)",
                   "the metric analysed (default unmet_share, i.e. p_unmet)")
    policies = Text("yang pertama menjadi pembanding efek berpasangan (bawaan none,balancing)",
                    "the first is the baseline of the paired effects (default none,balancing)")
    n = Text("jumlah trajektori Morris (bawaan 10) atau sampel dasar Sobol (pangkat dari 2)",
             "Morris trajectories (default 10) or Sobol's base sample (a power of 2)")
    params = Text("input tidak pasti, dipisahkan koma (bawaan: semua; lihat list --uncertain)",
                  "comma-separated uncertain inputs (default: all; see list --uncertain)")
    replications = Text("replikasi berpasangan per titik sampel (bawaan: dari skenario)",
                        "paired replications per sample point (default: the scenario's)")
    out = Text("folder kajian (jalankan ulang perintah ini untuk melanjutkan; bawaan "
               "results/<scenario>-sensitivity-<method>)",
               "study folder (rerun the command to resume; default "
               "results/<scenario>-sensitivity-<method>)")
    overwrite = Text("mulai kajian dari awal", "start the study again")


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The options of `sensitivity`."""
    scenario_options(p)
    p.add_argument("--method", default="morris", choices=METHODS,
                   help=SensitivityHelp.method)
    p.add_argument("--outcome", default="unmet_share",
                   help=SensitivityHelp.outcome)
    p.add_argument("--policies", default="none,balancing",
                   help=SensitivityHelp.policies)
    p.add_argument("-n", type=whole_number("n", 1, 100_000), default=10,
                   help=SensitivityHelp.n)
    p.add_argument("--params", help=SensitivityHelp.params)
    p.add_argument("--years", type=whole_number("years"), help=OptionHelp.years)
    p.add_argument("--replications", "-r", type=whole_number("replications"),
                   help=SensitivityHelp.replications)
    p.add_argument("--seed", type=whole_number("seed", 0))
    p.add_argument("--jobs", "-j", type=whole_number("jobs"), default=1)
    executor_options(p)
    p.add_argument("--out", help=SensitivityHelp.out)
    p.add_argument("--overwrite", action="store_true", help=SensitivityHelp.overwrite)
    p.add_argument("--quiet", "-q", action="store_true")


def run(args: argparse.Namespace) -> int:
    """Sensitivity analysis (resumable): indices, the tornado figure, the drivers table."""
    from ..experiments.sensitivity import SensitivityStudy, finish
    from ..reporting.sensitivity import sensitivity_text

    lang = args.lang
    scenario = scenario_from_args(args)
    params = [p.strip() for p in args.params.split(",") if p.strip()] if args.params else None
    study = SensitivityStudy(scenario, args.method, args.n, args.outcome,
                             policy_list(args.policies, []), params,
                             replications=args.replications, seed=args.seed)
    out = Path(args.out) if args.out else (
        Path("results") / f"{study.base.name}-sensitivity-{args.method}")
    if not args.quiet:
        say(Console.sensitivity_plan, lang, flush=True, method=study.method,
            n_inputs=len(study.inputs), n_samples=len(study.samples),
            n_policies=len(study.labels), replications=study.base.replications,
            n_runs=study.n_runs)
    try:
        runs = study.run(out, jobs=args.jobs, executor=args.executor,
                         scheduler=args.scheduler, scheduler_timeout=args.scheduler_timeout,
                         overwrite=args.overwrite, quiet=args.quiet)
    except KeyboardInterrupt:
        say(Console.sensitivity_interrupted, lang, stream=sys.stderr, path=out)
        return 130
    indices, robust = finish(study, out, runs, lang)
    if not args.quiet:
        print(sensitivity_text(indices, robust, study.method, lang))
        print_paths(Console.figures, sorted((out / "figures").glob("*.png")), lang)
    say(Console.results_in, lang, path=out)
    return 0


SENSITIVITY = Command("sensitivity", SensitivityHelp.command, add_arguments, run)
