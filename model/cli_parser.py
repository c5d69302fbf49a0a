"""The options of `run_sim.py`: every command and its arguments, declared in one place.

`model.cli` runs the command the parser names (`args.command`); nothing here acts.
"""

from __future__ import annotations

import argparse
import sys

from .experiments.experiment import EXECUTORS
from .experiments.sensitivity import METHODS
from .results.run import CSV_MAX_RUNS, FORMATS


def _int_at_least(kind: str, minimum: int = 1, maximum: int | None = None):
    """Type for argparse: a whole number >= minimum (<= maximum), with a clear message."""
    def check(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"{kind} must be a whole number >= {minimum}, got {text!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"{kind} must be >= {minimum}, got {value}")
        if maximum is not None and value > maximum:
            raise argparse.ArgumentTypeError(f"{kind} must be <= {maximum}, got {value}")
        return value
    return check



class Parser(argparse.ArgumentParser):
    """argparse with its error messages in the user's language (exit status 2)."""

    lang = "id"

    def error(self, message: str):  # noqa: D102 - argparse's hook
        from .core.messages import ERROR_PREFIX, translate

        self.print_usage(sys.stderr)
        self.exit(2, f"{ERROR_PREFIX}: {translate(message, self.lang)}\n")


def build_parser(lang: str = "id") -> argparse.ArgumentParser:
    """The argument parser of `run_sim.py` (errors in `lang`)."""
    Parser.lang = lang
    ap = Parser(
        prog="run_sim.py",
        description="Mutasi: simulate civil-service transfer policies for a region.")
    sub = ap.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def scenario_opts(p: argparse.ArgumentParser) -> None:
        p.add_argument("scenario", nargs="?", default="default",
                       help="built-in scenario name or YAML file (default: default)")
        p.add_argument("--set", action="append", metavar="KEY=VALUE",
                       help="override a parameter, e.g. --set recruitment.replacement_rate=1")
        p.add_argument("--lang", default="id", help="id (Indonesian, default) or en")

    def executor_opts(p: argparse.ArgumentParser) -> None:
        p.add_argument("--executor", default="pool", choices=EXECUTORS,
                       help="serial, pool (local processes, default) or dask")
        p.add_argument("--scheduler", help="address of a running Dask scheduler "
                       "(implies --executor dask)")
        p.add_argument("--scheduler-timeout", type=float, default=10.0,
                       help="seconds to wait for the Dask scheduler (default 10)")

    def experiment_opts(p: argparse.ArgumentParser, default_out: str) -> None:
        scenario_opts(p)
        p.add_argument("--years", type=_int_at_least("years"), help="horizon in years")
        p.add_argument("--replications", "-r", type=_int_at_least("replications"))
        p.add_argument("--seed", type=_int_at_least("seed", 0))
        p.add_argument("--jobs", "-j", type=_int_at_least("jobs"), default=1,
                       help="parallel processes (default 1)")
        executor_opts(p)
        p.add_argument("--out", help=f"results folder (default {default_out})")
        p.add_argument("--format", default="auto", choices=FORMATS,
                       help="large tables as Parquet, CSV or both (default auto: Parquet, "
                       f"plus CSV copies up to {CSV_MAX_RUNS} runs)")
        p.add_argument("--overwrite", action="store_true",
                       help="replace the results folder if it exists")
        p.add_argument("--quiet", "-q", action="store_true", help="no progress bar or table")

    p = sub.add_parser("run", help="run replications and write a results folder")
    experiment_opts(p, "results/<scenario>-<time>")

    p = sub.add_parser("compare", help="compare policies on paired replications")
    experiment_opts(p, "results/<scenario>-compare-<time>")
    p.add_argument("--policies",
                   help="comma-separated policies, e.g. none,balancing,optimal "
                   "(a composition as anticipation+balancing); the first is the baseline "
                   "(default: the scenario's `compare` list)")
    p.add_argument("--baseline", help="the policy the others are compared with")

    p = sub.add_parser("sweep", help="every combination of swept values (resumable)")
    scenario_opts(p)
    p.add_argument("--grid", help="YAML file: key -> list of values")
    p.add_argument("--policies", help="policies of each run (default: the scenario's compare)")
    p.add_argument("--years", type=_int_at_least("years"))
    p.add_argument("--replications", "-r", type=_int_at_least("replications"))
    p.add_argument("--jobs", "-j", type=_int_at_least("jobs"), default=1)
    executor_opts(p)
    p.add_argument("--out", required=True, help="sweep folder (rerun it to resume)")
    p.add_argument("--quiet", "-q", action="store_true")

    p = sub.add_parser("needs", help="needs analysis of a region today (no simulation)")
    scenario_opts(p)
    p.add_argument("--top", type=_int_at_least("top"), default=10, help="units listed")
    p.add_argument("--csv", help="also write the unit-role table to this CSV file")

    p = sub.add_parser("calibration",
                       help="the status quo against the calibration targets (exit 1 on a miss)")
    scenario_opts(p)
    p.add_argument("--years", type=_int_at_least("years"), default=10,
                   help="horizon of the status-quo runs (default 10; the targets may need "
                   "as many)")
    p.add_argument("--replications", "-r", type=_int_at_least("replications"), default=4,
                   help="status-quo replications (default 4)")
    p.add_argument("--jobs", "-j", type=_int_at_least("jobs"), default=1)
    p.add_argument("--targets", help="targets file (default scenarios/calibration/targets.yaml)")
    p.add_argument("--markdown", action="store_true", help="print a Markdown table")
    p.add_argument("--csv", help="also write the table to this CSV file")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")

    p = sub.add_parser("sensitivity",
                       help="which uncertain inputs move a finding (SALib Morris or Sobol)")
    scenario_opts(p)
    p.add_argument("--method", default="morris", choices=METHODS,
                   help="morris (screening, default) or sobol (variance-based)")
    p.add_argument("--outcome", default="unmet_share",
                   help="the metric analysed (default unmet_share, i.e. p_unmet)")
    p.add_argument("--policies", default="none,balancing",
                   help="the first is the baseline of the paired effects "
                   "(default none,balancing)")
    p.add_argument("-n", type=_int_at_least("n", 1, 100_000), default=10,
                   help="Morris trajectories (default 10) or Sobol's base sample "
                   "(a power of 2)")
    p.add_argument("--params", help="comma-separated uncertain inputs (default: all; "
                   "see list --uncertain)")
    p.add_argument("--years", type=_int_at_least("years"), help="horizon in years")
    p.add_argument("--replications", "-r", type=_int_at_least("replications"),
                   help="paired replications per sample point (default: the scenario's)")
    p.add_argument("--seed", type=_int_at_least("seed", 0))
    p.add_argument("--jobs", "-j", type=_int_at_least("jobs"), default=1)
    executor_opts(p)
    p.add_argument("--out", help="study folder (rerun the command to resume; default "
                   "results/<scenario>-sensitivity-<method>)")
    p.add_argument("--overwrite", action="store_true", help="start the study again")
    p.add_argument("--quiet", "-q", action="store_true")

    p = sub.add_parser("list", help="list scenarios, policies and metrics")
    p.add_argument("--params", action="store_true", help="list every parameter instead")
    p.add_argument("--uncertain", action="store_true",
                   help="list the uncertain inputs sensitivity analysis varies")
    p.add_argument("--scenario", default="default",
                   help="with --uncertain: the scenario (its region's agencies)")
    p.add_argument("--markdown", action="store_true", help="with --params: a Markdown table")
    p.add_argument("--lang", default="id")

    p = sub.add_parser("validate", help="check a scenario file (and its region's own files)")
    p.add_argument("file")
    p.add_argument("--set", action="append", metavar="KEY=VALUE")
    p.add_argument("--fix-report", metavar="FILE",
                   help="write every problem of the region's files to this CSV")
    p.add_argument("--lang", default="id")

    p = sub.add_parser("init-region",
                       help="write a region's own files (CSV and XLSX) and a scenario using "
                       "them: an example to fill, or a region exported with --from")
    p.add_argument("dir", help="new folder for the files")
    p.add_argument("--from", dest="source", metavar="SCENARIO",
                   help="export this scenario's region (e.g. default) instead of the example")
    p.add_argument("--no-excel", action="store_true", help="CSV files only")

    p = sub.add_parser("plan", help="draft transfer list of the next mutation round (XLSX)")
    scenario_opts(p)
    p.add_argument("--policy", required=True,
                   help="the proposing policy, e.g. balancing (a composition as a+b)")
    p.add_argument("--round", metavar="YYYY-MM", help="the round (default: the next one)")
    p.add_argument("--out", required=True, help="the workbook to write (.xlsx)")
    p.add_argument("--force", action="store_true", help="replace the workbook if it exists")

    p = sub.add_parser("figures", help="redraw the figures of a results folder")
    p.add_argument("dir")
    p.add_argument("--lang", default="id")

    p = sub.add_parser("report", help="write the HTML report of a results folder")
    p.add_argument("dir", help="a results folder of `run` or `compare`")
    p.add_argument("--lang", default="id", help="id (Indonesian, default) or en")
    p.add_argument("--out", help="the HTML file (default RESULTS_DIR/report.html)")
    p.add_argument("--pdf", action="store_true", help="also print it to PDF (weasyprint)")

    p = sub.add_parser("dashboard", help="the workshop dashboard in the browser (Solara)")
    scenario_opts(p)
    p.add_argument("--port", type=_int_at_least("port", 1, 65535), default=8765,
                   help="port (default 8765)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1; 0.0.0.0 for a workshop LAN)")

    p = sub.add_parser("bench", help="time the model against the numpy reference")
    p.add_argument("--sizes", default="10000,100000,1000000",
                   help="comma-separated employee counts")
    p.add_argument("--years", type=_int_at_least("years"), default=5)
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--reference", help="path of the reference sol.py "
                   "(default ../shared/reference/sol.py)")
    return ap
