"""`search`: find the levers' settings worth a decision (a Pareto front), resumable."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..cli_parser import OptionHelp, executor_options, scenario_options, whole_number
from ..core.errors import UserError
from ..core.text import Catalogue, Text
from ..reporting.console import Console, say
from .base import Command
from .common import print_paths, scenario_from_args


class SearchHelp(Catalogue, area="cli.help.search"):
    """The help of `search` and its options."""

    command = Text("cari pengaturan tuas terbaik: front Pareto atas beberapa sasaran, "
                   "dengan ketangguhan terhadap ketidakpastian",
                   "find the best lever settings: a Pareto front over several objectives, "
                   "with robustness to the uncertainties")
    evaluations = Text("kandidat yang dinilai oleh pengoptimasi (bawaan 400)",
                       "candidates the optimiser scores (default 400)")
    replications = Text("replikasi berpasangan per kandidat (bawaan 4)",
                        "paired replications per candidate (default 4)")
    final = Text("replikasi untuk menilai ulang front (bawaan 2 x R, minimal 8)",
                 "replications to score the front again (default 2 x R, at least 8)")
    levers = Text("tuas yang divariasikan, dipisahkan koma (bawaan: semua kecuali "
                  "replacement_rate; lihat README)",
                  "comma-separated levers to vary (default: all but replacement_rate; see "
                  "the README)")
    range = Text("rentang lebih sempit sebuah tuas, mis. share_per_round=0.01:0.05 "
                 "(boleh berulang)",
                 "a lever's narrower range, e.g. share_per_round=0.01:0.05 (repeatable)")
    policies = Text("pilihan kebijakan, dipisahkan koma; a+b untuk gabungan (bawaan: semua)",
                    "the policy choices, comma-separated; a+b composes (default: all)")
    objectives = Text("sasaran, dipisahkan koma, tiap metrik boleh diberi :min atau :max "
                      "(bawaan p_unmet,cost_total_idr,new_moves,fair_max_hard_ratio)",
                      "comma-separated objectives, each metric optionally :min or :max "
                      "(default p_unmet,cost_total_idr,new_moves,fair_max_hard_ratio)")
    threshold = Text("ambang seorang perencana, mis. p_unmet<=0.08 atau "
                     "cost_total_idr<=5e9 (boleh berulang)",
                     "a planner's threshold, e.g. p_unmet<=0.08 or cost_total_idr<=5e9 "
                     "(repeatable)")
    robustness = Text("titik sampel input tidak pasti untuk ketangguhan (bawaan 10; 0: tidak)",
                      "sample points of the uncertain inputs for robustness (default 10; "
                      "0: none)")
    robust_reps = Text("replikasi per kandidat dan titik sampel (bawaan 2)",
                       "replications per candidate and sample point (default 2)")
    population = Text("ukuran populasi pengoptimasi (bawaan: evaluasi/5, 4 sampai 40)",
                      "the optimiser's population (default: evaluations/5, 4 to 40)")
    front_size = Text("kandidat front terbanyak yang dinilai ulang (bawaan 24)",
                      "most front candidates scored again (default 24)")
    out = Text("folder pencarian (jalankan ulang perintah ini untuk melanjutkan; bawaan "
               "results/<scenario>-search)",
               "search folder (rerun the command to resume; default results/<scenario>-search)")
    overwrite = Text("mulai pencarian dari awal", "start the search again")
    pdf = Text("cetak juga laporan ke PDF (report.pdf)", "also print the report to PDF "
               "(report.pdf)")


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The options of `search`."""
    scenario_options(p)
    p.add_argument("--evaluations", type=whole_number("evaluations", 0), default=400,
                   help=SearchHelp.evaluations)
    p.add_argument("--replications", "-r", type=whole_number("replications"),
                   help=SearchHelp.replications)
    p.add_argument("--final-replications", type=whole_number("final-replications"),
                   help=SearchHelp.final)
    p.add_argument("--levers", help=SearchHelp.levers)
    p.add_argument("--range", action="append", metavar="LEVER=LOW:HIGH",
                   help=SearchHelp.range)
    p.add_argument("--policies", help=SearchHelp.policies)
    p.add_argument("--objectives", help=SearchHelp.objectives)
    p.add_argument("--threshold", action="append", metavar="METRIC<=VALUE",
                   help=SearchHelp.threshold)
    p.add_argument("--robustness", type=whole_number("robustness", 0), default=10,
                   help=SearchHelp.robustness)
    p.add_argument("--robust-replications", type=whole_number("robust-replications"),
                   default=2, help=SearchHelp.robust_reps)
    p.add_argument("--population", type=whole_number("population", 2),
                   help=SearchHelp.population)
    p.add_argument("--front-size", type=whole_number("front-size", 2), default=24,
                   help=SearchHelp.front_size)
    p.add_argument("--years", type=whole_number("years"), help=OptionHelp.years)
    p.add_argument("--seed", type=whole_number("seed", 0))
    p.add_argument("--jobs", "-j", type=whole_number("jobs"), default=1)
    executor_options(p)
    p.add_argument("--out", help=SearchHelp.out)
    p.add_argument("--overwrite", action="store_true", help=SearchHelp.overwrite)
    p.add_argument("--pdf", action="store_true", help=SearchHelp.pdf)
    p.add_argument("--quiet", "-q", action="store_true")


def _list(text: str | None) -> list[str] | None:
    return [x.strip() for x in text.split(",") if x.strip()] if text else None


def _ranges(specs: list[str] | None) -> dict[str, tuple[float, float]]:
    from ..experiments.messages_search import SearchMsg

    out = {}
    for spec in specs or []:
        key, _, span = spec.partition("=")
        low, _, high = span.partition(":")
        try:
            out[key.strip()] = (float(low), float(high))
        except ValueError:
            raise UserError(SearchMsg.range_form(spec=spec)) from None
    return out


def run(args: argparse.Namespace) -> int:
    """The search, its front and robustness, the short list in words."""
    from ..experiments.search import PolicySearch
    from ..experiments.search_results import finish
    from ..reporting.search import search_text

    lang = args.lang
    scenario = scenario_from_args(args)
    search = PolicySearch(scenario, evaluations=args.evaluations,
                          replications=args.replications,
                          final_replications=args.final_replications,
                          levers=_list(args.levers), ranges=_ranges(args.range),
                          policies=_list(args.policies), objectives=_list(args.objectives),
                          thresholds=args.threshold, robustness=args.robustness,
                          robust_replications=args.robust_replications,
                          pop_size=args.population, front_size=args.front_size,
                          seed=args.seed)
    out = Path(args.out) if args.out else Path("results") / f"{search.base.name}-search"
    from ..experiments.messages_search import SearchMsg
    from ..experiments.search_space import unpriced_hiring
    from ..reporting.console import warn

    if unpriced_hiring(search.space, search.objs):
        warn(SearchMsg.unpriced_hiring(), lang)
    if not args.quiet:
        say(Console.search_plan, lang, flush=True, evaluations=search.evaluations,
            replications=search.reps, levers=len(search.space), objectives=len(search.objs),
            population=search.pop, points=len(search.sample))
    try:
        res = search.run(out, jobs=args.jobs, executor=args.executor,
                         scheduler=args.scheduler, scheduler_timeout=args.scheduler_timeout,
                         overwrite=args.overwrite, quiet=args.quiet)
    except KeyboardInterrupt:
        say(Console.search_interrupted, lang, stream=sys.stderr, path=out)
        return 130
    command = " ".join([Path(sys.argv[0]).name, *sys.argv[1:]])
    front, _ = finish(search, res, out, lang, command, pdf=args.pdf)
    if not args.quiet:
        print(search_text(front, [lev.key for lev in search.space],
                          [o.key for o in search.objs], search.base.years,
                          bool(search.limits), lang))
        print_paths(Console.figures, sorted((out / "figures").glob("*.png")), lang)
    say(Console.results_in, lang, path=out)
    return 0


SEARCH = Command("search", SearchHelp.command, add_arguments, run)
