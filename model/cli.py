"""Command line: `python run_sim.py COMMAND ...` (`python run_sim.py -h` lists them).

Every mistake in the input (scenario, option, folder) is reported as one clear
message on stderr with exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pandas as pd

from .cli_parser import build_parser
from .core.errors import UserError
from .core.messages import ERROR_PREFIX, shown, translate, translate_reason
from .reporting.formats import fit_table, fmt_count, fmt_fixed, fmt_idr, fmt_number, fmt_value
from .reporting.labels import check_lang, policy_label, t
from .reporting.tables import (
    calibration_markdown,
    calibration_text,
    catalogue_text,
    needs_text,
    parameters_markdown,
    parameters_text,
    ranked_table,
    summary_table,
    transfers_table,
)
from .scenario.loading import load_scenario, parse_set


def _overrides(items: list[str] | None) -> dict:
    out = {}
    for item in items or []:
        keys, value = parse_set(item)
        out[".".join(keys)] = value
    return out


def _warn_placeholder(scenario, lang: str, file) -> None:
    """Warn while a scenario's description is the placeholder `init-region` wrote."""
    from .reporting.region_files import is_placeholder, placeholder_warning

    if is_placeholder(scenario.description, scenario.description_id):
        print(f"{'peringatan' if lang == 'id' else 'warning'}: "
              f"{placeholder_warning(str(file), lang)}")


def _scenario_from_args(args: argparse.Namespace, extra: dict | None = None):
    overrides = _overrides(getattr(args, "set", None))
    if getattr(args, "years", None) is not None:
        overrides["years"] = args.years
    overrides.update(extra or {})
    scenario = load_scenario(args.scenario, overrides)
    note = scenario.region.target_note()
    lang = getattr(args, "lang", "id")
    if note:
        print(f"{'peringatan' if lang == 'id' else 'warning'}: {translate(note, lang)}")
    _warn_placeholder(scenario, lang, args.scenario)
    if scenario.region.imported:  # import once, here: rows read, accepted, rejected
        from .scenario.roster import region_data

        data = region_data(scenario)
        print(data.problems.summary(check_lang(lang)))
    return scenario


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
def _experiment(args: argparse.Namespace, scenario, policies: list[str] | None,
                name: str) -> int:
    """Run an experiment, write its folder, print its table: `run` and `compare`."""
    from .experiments.experiment import Experiment
    from .reporting.outputs import check_out_dir

    lang = check_lang(args.lang)
    exp = Experiment(scenario, policies, replications=args.replications, seed=args.seed,
                     baseline=getattr(args, "baseline", None), jobs=args.jobs,
                     executor=args.executor, scheduler=args.scheduler,
                     scheduler_timeout=args.scheduler_timeout, formats=args.format)
    s = exp.scenario
    out = Path(args.out) if args.out else _default_out(s.name + name)
    check_out_dir(out, args.overwrite)
    results = exp.run(quiet=args.quiet)
    summary = exp.write(out, lang=lang, overwrite=args.overwrite)
    if not args.quiet:
        title = t("summary_title" if exp.own_policy else "compare_title", lang)
        print(f"{title}: {s.name}, {s.years} {t('years', lang)}, {s.replications} "
              f"{t('replications', lang)} (seed {s.seed}), "
              f"{fmt_fixed(exp.wall_seconds, 1, lang)} s")
        if exp.own_policy:
            print(summary_table(summary, lang))
            transfers = pd.concat([r.transfers for r in results], ignore_index=True)
            if not transfers.empty:
                print(f"\n{t('transfers_title', lang)}")
                print(transfers_table(transfers, s.replications, lang))
        else:
            print(f"{t('paired_note', lang)} {policy_label(exp.baseline, lang)}\n")
            print(ranked_table(summary, lang))
        print(f"\n{t('figures', lang)}:")
        for path in sorted((out / "figures").glob("*.png")):
            print(f"  {path}")
        report = out / ("report.html" if lang == "id" else f"report-{lang}.html")
        print(f"{t('report', lang)}: {report}")
    print(f"{t('results_in', lang)}: {out}")
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    """Run replications of a scenario under its own policy and write a results folder."""
    return _experiment(args, _scenario_from_args(args), None, "")


def cmd_compare(args: argparse.Namespace) -> int:
    """Compare policies on paired replications; print a ranked table, write a folder."""
    scenario = _scenario_from_args(args)
    return _experiment(args, scenario, _policy_list(args.policies, scenario.compare_policies),
                       "-compare")


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


def cmd_sensitivity(args: argparse.Namespace) -> int:
    """Sensitivity analysis (resumable): indices, the tornado figure, the drivers table."""
    from .experiments.sensitivity import SensitivityStudy, finish
    from .reporting.sensitivity import sensitivity_text

    lang = check_lang(args.lang)
    scenario = _scenario_from_args(args)
    params = [p.strip() for p in args.params.split(",") if p.strip()] if args.params else None
    study = SensitivityStudy(scenario, args.method, args.n, args.outcome,
                             _policy_list(args.policies, []), params,
                             replications=args.replications, seed=args.seed)
    out = Path(args.out) if args.out else (
        Path("results") / f"{study.base.name}-sensitivity-{args.method}")
    if not args.quiet:
        print(f"{study.method}: {len(study.inputs)} parameter, {len(study.samples)} "
              f"{'titik sampel' if lang == 'id' else 'sample points'} x "
              f"{len(study.labels)} {'kebijakan' if lang == 'id' else 'policies'} x "
              f"{study.base.replications} {t('replications', lang)} = "
              f"{study.n_runs} {'simulasi' if lang == 'id' else 'runs'}", flush=True)
    try:
        runs = study.run(out, jobs=args.jobs, executor=args.executor,
                         scheduler=args.scheduler, scheduler_timeout=args.scheduler_timeout,
                         overwrite=args.overwrite, quiet=args.quiet)
    except KeyboardInterrupt:
        print(f"dihentikan; run yang selesai tersimpan di {out}; jalankan perintah yang sama "
              "lagi untuk melanjutkan" if lang == "id" else
              f"interrupted; finished runs are kept in {out}; run the same command again to "
              "resume", file=sys.stderr)
        return 130
    indices, robust = finish(study, out, runs, lang)
    if not args.quiet:
        print(sensitivity_text(indices, robust, study.method, lang))
        print(f"\n{t('figures', lang)}:")
        for path in sorted((out / "figures").glob("*.png")):
            print(f"  {path}")
    print(f"{t('results_in', lang)}: {out}")
    return 0


def cmd_needs(args: argparse.Namespace) -> int:
    """Print today's needs analysis of a region (no years simulated)."""
    from .reporting.needs import needs_report
    from .simulation.model import WorkforceModel

    lang = check_lang(args.lang)
    scenario = _scenario_from_args(args)
    model = WorkforceModel(scenario)
    table = model.needs_table()
    reg = scenario.region
    print(f"{t('needs_title', lang)}: {reg.name} ({scenario.name}), "
          f"{fmt_count(model.employees.n, lang)} {t('staff', lang).lower()}, "
          f"{fmt_count(model.units.n, lang)} {t('units', lang).lower()}")
    print(needs_text(needs_report(table, top=args.top),
                     {k: kind.label for k, kind in reg.unit_kinds.items()}, lang))
    if args.csv:
        try:
            table.to_csv(args.csv, index=False)
        except OSError as exc:
            raise UserError(f"--csv {args.csv}: cannot write ({exc.strerror or exc})") from None
        print(f"\n{t('results_in', lang)}: {args.csv}")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    """List scenarios, policies and metrics (and parameters with --params)."""
    from .scenario.params import iter_parameters

    lang = check_lang(args.lang)
    if args.params:
        rows = pd.DataFrame(iter_parameters())
        if args.markdown:
            print(parameters_markdown(rows))
            return 0
        print(parameters_text(rows, lang))
        return 0
    if args.uncertain:
        from .reporting.labels import uncertain_label
        from .scenario.uncertainty import uncertainties

        head = (("parameter", "bawaan", "rentang dieksplorasi", "satuan", "keterangan")
                if lang == "id" else ("parameter", "default", "range explored", "unit",
                                      "label"))
        rows = pd.DataFrame([dict(zip(head, (
            u.path, fmt_number(u.default, lang),
            f"{fmt_number(u.low, lang)} – {fmt_number(u.high, lang)}", u.unit,
            uncertain_label(u.path, lang)), strict=True))
            for u in uncertainties(load_scenario(args.scenario))])
        print(fit_table(rows, fixed=("parameter",)))
        print("sumber tiap rentang: run_sim.py list --params (atau docs/ODD.md)" if lang == "id"
              else "source of each range: run_sim.py list --params (or docs/ODD.md)")
        return 0
    print(catalogue_text(lang))
    return 0


def _fix_report(path: str | None, problems) -> None:
    if path is None or problems is None:
        return
    frame = problems.frame()
    frame["reason_id"] = frame["reason"].map(translate_reason)  # keterangan in Indonesian
    try:
        frame.to_csv(path, index=False)
    except OSError as exc:
        raise UserError(f"--fix-report {path}: cannot write ({exc.strerror or exc})") from None
    print(f"fix report: {path} ({len(frame):,} rows)")


def cmd_validate(args: argparse.Namespace) -> int:
    """Validate a scenario file (and its region's own files) and say what it contains."""
    from .policies import make_policies
    from .scenario.roster import check_region
    from .scenario.tables import RegionDataError

    lang = check_lang(args.lang)
    try:
        scenario = load_scenario(args.file, _overrides(args.set))
    except RegionDataError as exc:
        _fix_report(args.fix_report, exc.problems)
        raise
    make_policies(scenario)  # a custom policy's file, class and params, as a run loads them
    reg = scenario.region
    if reg.target_note():
        print(f"warning: {reg.target_note()}")
    _warn_placeholder(scenario, lang, args.file)
    if reg.imported:
        data, problems = check_region(scenario)
        print(problems.summary(lang))
        _fix_report(args.fix_report, problems)
        if data is None:
            sys.stdout.flush()
            message = (f"{args.file}: {problems.n_errors:,} problems in the region's files; "
                       "correct them (see above) and validate again")
            print(f"{ERROR_PREFIX}: {translate(message, lang)}", file=sys.stderr)
            return 2
        E, U, V = data.employees, data.units, data.vocab  # noqa: N806 (the tables)
        print(f"OK: {args.file} adalah skenario '{scenario.name}' yang valid dengan data "
              f"daerah sendiri ({_n(E.n, lang)} pegawai, {_n(U.n, lang)} unit, "
              f"{len(V.agencies)} dinas, {len(V.occupations)} jabatan, {len(data.districts)} "
              f"kecamatan; kebijakan {policy_label(scenario.policy_label, lang)}; "
              f"{scenario.years} tahun)" if lang == "id" else
              f"OK: {args.file} is a valid scenario '{scenario.name}' with its own region "
              f"({E.n:,} staff, {U.n:,} units, {len(V.agencies)} agencies, "
              f"{len(V.occupations)} occupations, {len(data.districts)} districts; policy "
              f"{scenario.policy_label}; {scenario.years} years)")
        return 0
    n_units = sum(reg.units_of_kind(k) for k in reg.unit_kinds.values())
    if lang == "id":
        scaled = " sebelum penskalaan target_staff" if reg.target_staff else ""
        print(f"OK: {args.file} adalah skenario '{scenario.name}' yang valid "
              f"({len(reg.districts)} kecamatan, {len(reg.unit_kinds)} jenis unit, sekitar "
              f"{n_units} unit{scaled}; kebijakan {policy_label(scenario.policy_label, lang)}; "
              f"{scenario.years} tahun)")
        return 0
    scaled = " before target_staff scaling" if reg.target_staff else ""
    print(f"OK: {args.file} is a valid scenario '{scenario.name}' "
          f"({len(reg.districts)} districts, {len(reg.unit_kinds)} unit kinds, about "
          f"{n_units} units{scaled}; policy {scenario.policy_label}; {scenario.years} years)")
    return 0


def _n(x: int, lang: str) -> str:
    """A whole number with the language's thousands separator."""
    return f"{x:,}".replace(",", ".") if lang == "id" else f"{x:,}"


def cmd_calibration(args: argparse.Namespace) -> int:
    """Compare the status quo of a region with its calibration targets; exit 1 on a miss."""
    from .experiments.calibration import calibrate, load_targets

    lang = check_lang(args.lang)
    targets = load_targets(args.targets)
    scenario = _scenario_from_args(args)
    table = calibrate(scenario, targets, replications=args.replications, years=args.years,
                      jobs=args.jobs, quiet=args.quiet or args.markdown)
    if args.markdown:
        print(calibration_markdown(table, lang))
    else:
        print(f"{t('calibration_title', lang)}: {scenario.name}, {args.years} "
              f"{t('years', lang)}, {args.replications} {t('replications', lang)}\n")
        print(calibration_text(table, lang))
        print(f"\n{int(table['passed'].sum())}/{len(table)} {t('targets_passed', lang)}")
    if args.csv:
        try:
            table.to_csv(args.csv, index=False)
        except OSError as exc:
            raise UserError(f"--csv {args.csv}: cannot write ({exc.strerror or exc})") from None
    return 0 if table["passed"].all() else 1


def cmd_figures(args: argparse.Namespace) -> int:
    """Redraw the figures of a results folder."""
    from .reporting.figures import draw_all
    from .results.files import has_table

    lang = check_lang(args.lang)
    run_dir = Path(args.dir)
    if not has_table(run_dir, "timeseries") or not (run_dir / "summary.csv").is_file():
        raise UserError(f"{run_dir}: not a results folder (no timeseries.parquet or .csv, "
                        "or no summary.csv)")
    for path in draw_all(run_dir, lang):
        print(path)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """Write the HTML report of a results folder (and a PDF with --pdf)."""
    from .reporting.report import write_pdf, write_report

    lang = check_lang(args.lang)
    run_dir = Path(args.dir)
    if not run_dir.is_dir():
        raise UserError(f"{run_dir}: no such folder\n  fix: give a results folder written by "
                        "`run` or `compare` (e.g. results/default-compare-...)")
    out = Path(args.out) if args.out else None
    path = write_report(run_dir, lang, out)
    print(f"{t('report', lang)}: {path}")
    if args.pdf:
        print(f"PDF: {write_pdf(path)}")
    return 0


def cmd_init_region(args: argparse.Namespace) -> int:
    """Write a region's own files and a scenario using them (an example, or --from)."""
    from .core.rng import RandomStreams
    from .reporting.region_files import PLACEHOLDER_EN, PLACEHOLDER_ID, export_region
    from .scenario.loading import SCENARIO_DIR
    from .world.world import World

    source = args.source or str(SCENARIO_DIR / "examples" / "own_region.yaml")
    scenario = load_scenario(source)
    world = World.build(scenario, RandomStreams(scenario.seed))  # the state at the start
    if args.source:
        note, note_id = f"The region of scenario '{scenario.name}' as files", None
    else:  # the example: a description the planner must replace (validate warns until then)
        note, note_id = PLACEHOLDER_EN, PLACEHOLDER_ID
    written = export_region(world, Path(args.dir), f"{scenario.name}_files", note,
                            excel=not args.no_excel, note_id=note_id)
    print(f"{len(written)} files, {world.employees.n:,} staff, {world.units.n:,} units:")
    for path in written:
        print(f"  {path}")
    if note_id is not None:
        print(f"edit first: description and description_id in {Path(args.dir) / 'region.yaml'}"
              " (the report opens with them)")
    print(f"next: python run_sim.py validate {Path(args.dir) / 'region.yaml'}")
    return 0


def cmd_plan(args: argparse.Namespace) -> int:
    """Draft transfer list of one mutation round, written as a workbook."""
    from .experiments.experiment import policy_setting
    from .experiments.plan import draft_plan
    from .reporting.plan_book import check_plan_path, write_plan

    lang = check_lang(args.lang)
    scenario = _scenario_from_args(args)
    out = check_plan_path(Path(args.out), args.force)
    plan = draft_plan(scenario, policy_setting(args.policy), args.round, lang)
    write_plan(plan, out, lang, overwrite=args.force)
    moves = plan.moves
    # the plan as a whole (every move carried out), as on its units sheet
    change = float((plan.units["unmet_hours_after"] - plan.units["unmet_hours_before"]).sum())
    print(f"{'Rencana mutasi' if lang == 'id' else 'Draft plan'} {plan.round_label}, "
          f"{policy_label(args.policy, lang)}: {fmt_count(len(moves), lang)} "
          f"{'usulan' if lang == 'id' else 'moves'}, {'biaya' if lang == 'id' else 'cost'} "
          f"{fmt_idr(float(moves['cost_idr'].sum()), lang)}, "
          f"{'perubahan jam tak terpenuhi' if lang == 'id' else 'change in unmet hours'} "
          f"{fmt_value(change, '', lang, signed=True)} {'jam/tahun' if lang == 'id' else 'h/year'}")
    expected = float(plan.requests["expected_requests"].sum()) if len(plan.requests) else 0.0
    if expected > 0:
        print(f"  {fmt_fixed(expected, 1, lang)} " + (
            "permohonan pindah sendiri diperkirakan (rata-rata; bukan usulan, tanpa nama: "
            "lembar perkiraan_permohonan)" if lang == "id" else
            "own requests expected (a mean; not proposals, no names: sheet "
            "expected_requests)"))
    print(f"{t('results_in', lang)}: {out}")
    return 0


def cmd_dashboard(args: argparse.Namespace) -> int:
    """Start the workshop dashboard (a Solara page over the Mesa model) in the browser."""
    from .dashboard.model import dashboard_model
    from .dashboard.server import serve

    lang = check_lang(args.lang)
    scenario = _scenario_from_args(args)
    dashboard_model(scenario)()  # the page's first model: any problem is an error here
    return serve(scenario, args.scenario, host=args.host, port=args.port, lang=lang)


def cmd_bench(args: argparse.Namespace) -> int:
    """Time the monthly loop at several sizes against the numpy reference."""
    from .experiments.bench import main as bench_main

    return bench_main(args)


COMMANDS = {"run": cmd_run, "compare": cmd_compare, "sweep": cmd_sweep, "needs": cmd_needs,
            "list": cmd_list, "validate": cmd_validate, "figures": cmd_figures,
            "sensitivity": cmd_sensitivity,
            "bench": cmd_bench, "calibration": cmd_calibration,
            "init-region": cmd_init_region, "plan": cmd_plan, "report": cmd_report,
            "dashboard": cmd_dashboard}


def _lang_of(argv: list[str]) -> str:
    """The --lang of a command line (Indonesian unless it says en), before parsing it."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return "en" if argv[i + 1] == "en" else "id"
        if arg.startswith("--lang="):
            return "en" if arg.split("=", 1)[1] == "en" else "id"
    return "id"


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit status (2 for user errors)."""
    argv = sys.argv[1:] if argv is None else list(argv)
    lang = _lang_of(argv)
    args = build_parser(lang).parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except UserError as exc:
        print(f"{ERROR_PREFIX}: {shown(exc, lang)}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into e.g. `head`
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("dihentikan; tidak ada folder hasil yang ditulis" if lang == "id" else
              "interrupted; no results folder was written", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
