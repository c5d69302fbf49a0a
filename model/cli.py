"""Command line: `python run_sim.py {run,needs,list,validate,figures,bench} ...`.

Every mistake in the input (scenario, option, folder) is reported as one clear
message on stderr with exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pandas as pd

from .core.errors import UserError
from .experiments.experiment import EXECUTORS
from .reporting.labels import (
    agency_label,
    area_label,
    check_lang,
    role_label,
    t,
)
from .reporting.tables import parameters_markdown, ranked_table, summary_table, transfers_table
from .scenario.loading import builtin_scenarios, load_scenario, parse_set
from .simulation.metrics import METRICS


def _overrides(items: list[str] | None) -> dict:
    out = {}
    for item in items or []:
        keys, value = parse_set(item)
        out[".".join(keys)] = value
    return out


def _int_at_least(kind: str, minimum: int = 1):
    """Type for argparse: a whole number >= minimum, with a clear message otherwise."""
    def check(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"{kind} must be a whole number >= {minimum}, got {text!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"{kind} must be >= {minimum}, got {value}")
        return value
    return check


def _scenario_from_args(args: argparse.Namespace, extra: dict | None = None):
    overrides = _overrides(getattr(args, "set", None))
    if getattr(args, "years", None) is not None:
        overrides["years"] = args.years
    overrides.update(extra or {})
    return load_scenario(args.scenario, overrides)


def _policy_list(text: str | None, default: list[str]) -> list[str]:
    """--policies a,b,c as a list (the scenario's `compare` list when not given)."""
    if text is None:
        return default
    return [p.strip() for p in text.split(",") if p.strip()]


def _default_out(name: str) -> Path:
    base = Path("results") / f"{name}-{time.strftime('%Y%m%d-%H%M%S')}"
    out, i = base, 1
    while out.exists():
        i += 1
        out = base.with_name(f"{base.name}-{i}")
    return out


# ---------------------------------------------------------------- commands
def cmd_run(args: argparse.Namespace) -> int:
    """Run replications of a scenario and write a results folder."""
    from .experiments.experiment import run_replications
    from .reporting.outputs import check_out_dir, write_run

    lang = check_lang(args.lang)
    extra = {}
    if args.replications is not None:
        extra["replications"] = args.replications
    if args.seed is not None:
        extra["seed"] = args.seed
    scenario = _scenario_from_args(args, extra)
    out = Path(args.out) if args.out else _default_out(scenario.name)
    check_out_dir(out, args.overwrite)
    t0 = time.perf_counter()
    results = run_replications(scenario, jobs=args.jobs, quiet=args.quiet,
                               executor=args.executor, scheduler=args.scheduler,
                               scheduler_timeout=args.scheduler_timeout)
    wall = time.perf_counter() - t0
    summary = write_run(out, scenario, results, scenario.seed, wall, lang=lang,
                        overwrite=args.overwrite, extra_meta={"jobs": args.jobs})
    if not args.quiet:
        print(f"{t('summary_title', lang)}: {scenario.name}, {scenario.years} "
              f"{t('years', lang)}, {scenario.replications} {t('replications', lang)} "
              f"(seed {scenario.seed}), {wall:.1f} s")
        print(summary_table(summary, lang))
        transfers = pd.concat([r.transfers for r in results], ignore_index=True)
        if not transfers.empty:
            print(f"\n{t('transfers_title', lang)}")
            print(transfers_table(transfers, scenario.replications, lang))
    print(f"{t('results_in', lang)}: {out}")
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    """Compare policies on paired replications; print a ranked table, write a folder."""
    from .experiments.experiment import Experiment

    lang = check_lang(args.lang)
    scenario = _scenario_from_args(args)
    policies = _policy_list(args.policies, scenario.compare_policies)
    exp = Experiment(scenario, policies, replications=args.replications, seed=args.seed,
                     baseline=args.baseline, jobs=args.jobs, executor=args.executor,
                     scheduler=args.scheduler, scheduler_timeout=args.scheduler_timeout)
    out = Path(args.out) if args.out else _default_out(f"{exp.scenario.name}-compare")
    from .reporting.outputs import check_out_dir

    check_out_dir(out, args.overwrite)
    exp.run(quiet=args.quiet)
    summary = exp.write(out, lang=lang, overwrite=args.overwrite)
    if not args.quiet:
        s = exp.scenario
        print(f"{t('compare_title', lang)}: {s.name}, {s.years} {t('years', lang)}, "
              f"{s.replications} {t('replications', lang)} (seed {s.seed}), "
              f"{exp.wall_seconds:.1f} s")
        print(f"{t('paired_note', lang)} {exp.baseline}\n")
        print(ranked_table(summary, lang))
    print(f"{t('results_in', lang)}: {out}")
    return 0


def cmd_sweep(args: argparse.Namespace) -> int:
    """Run every combination of swept values (resumable); gather the summaries."""
    from .experiments.sweep import read_grid, run_sweep

    lang = check_lang(args.lang)
    sets = _overrides(args.set)
    axes = read_grid(args.grid, sets)
    if not axes:
        raise UserError("nothing to sweep: give --set key=[v1,v2] or --grid FILE")
    fixed = {k: v for k, v in sets.items() if k not in axes}
    if args.years is not None:
        fixed["years"] = args.years
    if args.replications is not None:
        fixed["replications"] = args.replications
    base = load_scenario(args.scenario)
    policies = _policy_list(args.policies, load_scenario(base, fixed).compare_policies)
    out = Path(args.out)
    summary = run_sweep(base, axes, fixed, policies, out, jobs=args.jobs, lang=lang,
                        quiet=args.quiet, executor=args.executor, scheduler=args.scheduler,
                        scheduler_timeout=args.scheduler_timeout)
    print(f"{summary['run'].nunique()} runs; {t('results_in', lang)}: {out}")
    return 0


def cmd_needs(args: argparse.Namespace) -> int:
    """Print today's needs analysis of a region (no years simulated)."""
    from .reporting.needs import needs_report
    from .simulation.model import WorkforceModel

    lang = check_lang(args.lang)
    scenario = _scenario_from_args(args)
    model = WorkforceModel(scenario)
    table = model.needs_table()
    report = needs_report(table, top=args.top)
    reg = scenario.region
    print(f"{t('needs_title', lang)}: {reg.name} ({scenario.name}), "
          f"{model.employees.n:,} {t('staff', lang).lower()}, {model.units.n} "
          f"{t('units', lang).lower()}")
    sections = [("agency", "by_agency"), ("unit_kind", "by_unit_kind"), ("role", "by_role"),
                ("over", "most_over"), ("under", "most_under")]
    for key, title in sections:
        df = report[key].copy()
        if "agency" in df:
            df["agency"] = df["agency"].map(lambda a: agency_label(a, lang))
        if "role" in df:
            df["role"] = df["role"].map(lambda r: role_label(r, lang))
        if "area_type" in df:
            df["area_type"] = df["area_type"].map(lambda a: area_label(a, lang))
        if "unit_kind" in df and lang == "id":
            df["unit_kind"] = df["unit_kind"].map(
                lambda k: reg.unit_kinds[k].label or k)
        df = df.rename(columns=lambda c: t(c, lang) if c in _TEXT_KEYS else c)
        print(f"\n{t(title, lang)}\n{df.to_string(index=False)}")
    if args.csv:
        try:
            table.to_csv(args.csv, index=False)
        except OSError as exc:
            raise UserError(f"--csv {args.csv}: cannot write ({exc.strerror or exc})") from None
        print(f"\n{t('results_in', lang)}: {args.csv}")
    return 0


_TEXT_KEYS = {"units", "staff", "capacity_fte", "required_fte", "gap_fte", "surplus_fte",
              "deficit_fte", "agency", "unit_kind", "role", "unit_name", "area_type",
              "load_ratio"}


def cmd_list(args: argparse.Namespace) -> int:
    """List scenarios, policies and metrics (and parameters with --params)."""
    from .policies import POLICIES
    from .scenario.params import iter_parameters

    lang = check_lang(args.lang)
    if args.params:
        rows = pd.DataFrame(iter_parameters())
        if args.markdown:
            print(parameters_markdown(rows))
            return 0
        rows["default"] = rows["default"].astype(str).str.slice(0, 40)
        rows["type"] = rows["type"].str.slice(0, 30)
        print(rows[["path", "type", "default", "unit", "range", "source"]].to_string(
            index=False))
        return 0
    print("Scenarios:")
    for name, path in builtin_scenarios().items():
        try:
            desc = load_scenario(path).description.split(". ")[0]
        except UserError:
            desc = "(invalid: run `validate`)"
        print(f"  {name:<12} {desc}")
    print("\nPolicies:")
    for name, cls in POLICIES.items():
        print(f"  {name:<12} {(cls.__doc__ or '').strip().splitlines()[0]}")
    print("\nMetrics:")
    for key, m in METRICS.items():
        print(f"  {key:<24} {m.unit:<10} {m.label(lang)}")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    """Validate a scenario file and say what it contains."""
    from .policies import make_policies

    scenario = load_scenario(args.file, _overrides(args.set))
    make_policies(scenario)  # a custom policy's file, class and params, as a run loads them
    reg = scenario.region
    n_units = sum(reg.units_of_kind(k) for k in reg.unit_kinds.values())
    scaled = " before target_staff scaling" if reg.target_staff else ""
    print(f"OK: {args.file} is a valid scenario '{scenario.name}' "
          f"({len(reg.districts)} districts, {len(reg.unit_kinds)} unit kinds, about "
          f"{n_units} units{scaled}; policy {scenario.policy_label}; {scenario.years} years)")
    return 0


def cmd_figures(args: argparse.Namespace) -> int:
    """Redraw the figures of a results folder."""
    from .reporting.figures import draw_all

    lang = check_lang(args.lang)
    run_dir = Path(args.dir)
    if not (run_dir / "timeseries.csv").is_file():
        raise UserError(f"{run_dir}: not a results folder (no timeseries.csv)")
    for path in draw_all(run_dir, lang):
        print(path)
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    """Time the monthly loop at several sizes against the numpy reference."""
    from .experiments.bench import main as bench_main

    return bench_main(args)


# ---------------------------------------------------------------- parser
def build_parser() -> argparse.ArgumentParser:
    """The argument parser of `run_sim.py`."""
    ap = argparse.ArgumentParser(
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

    p = sub.add_parser("run", help="run replications and write a results folder")
    scenario_opts(p)
    executor_opts(p)
    p.add_argument("--years", type=_int_at_least("years"), help="horizon in years")
    p.add_argument("--replications", "-r", type=_int_at_least("replications"))
    p.add_argument("--seed", type=_int_at_least("seed", 0))
    p.add_argument("--jobs", "-j", type=_int_at_least("jobs"), default=1,
                   help="parallel processes (default 1)")
    p.add_argument("--out", help="results folder (default results/<scenario>-<time>)")
    p.add_argument("--overwrite", action="store_true",
                   help="replace the results folder if it exists")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar or table")
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("compare", help="compare policies on paired replications")
    scenario_opts(p)
    p.add_argument("--policies",
                   help="comma-separated policies, e.g. none,balancing,optimal "
                   "(a composition as anticipation+balancing); the first is the baseline "
                   "(default: the scenario's `compare` list)")
    p.add_argument("--baseline", help="the policy the others are compared with")
    p.add_argument("--years", type=_int_at_least("years"), help="horizon in years")
    p.add_argument("--replications", "-r", type=_int_at_least("replications"))
    p.add_argument("--seed", type=_int_at_least("seed", 0))
    p.add_argument("--jobs", "-j", type=_int_at_least("jobs"), default=1)
    executor_opts(p)
    p.add_argument("--out", help="results folder (default results/<scenario>-compare-<time>)")
    p.add_argument("--overwrite", action="store_true")
    p.add_argument("--quiet", "-q", action="store_true")
    p.set_defaults(func=cmd_compare)

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
    p.set_defaults(func=cmd_sweep)

    p = sub.add_parser("needs", help="needs analysis of a region today (no simulation)")
    scenario_opts(p)
    p.add_argument("--top", type=_int_at_least("top"), default=10, help="units listed")
    p.add_argument("--csv", help="also write the unit-role table to this CSV file")
    p.set_defaults(func=cmd_needs)

    p = sub.add_parser("list", help="list scenarios, policies and metrics")
    p.add_argument("--params", action="store_true", help="list every parameter instead")
    p.add_argument("--markdown", action="store_true", help="with --params: a Markdown table")
    p.add_argument("--lang", default="id")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("validate", help="check a scenario file")
    p.add_argument("file")
    p.add_argument("--set", action="append", metavar="KEY=VALUE")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("figures", help="redraw the figures of a results folder")
    p.add_argument("dir")
    p.add_argument("--lang", default="id")
    p.set_defaults(func=cmd_figures)

    p = sub.add_parser("bench", help="time the model against the numpy reference")
    p.add_argument("--sizes", default="10000,100000,1000000",
                   help="comma-separated employee counts")
    p.add_argument("--years", type=_int_at_least("years"), default=5)
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--reference", help="path of the reference sol.py "
                   "(default ../shared/reference/sol.py)")
    p.set_defaults(func=cmd_bench)
    return ap


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit status (2 for user errors)."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except UserError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into e.g. `head`
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("interrupted; no results folder was written", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
