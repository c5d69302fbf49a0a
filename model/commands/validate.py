"""`validate`: check a scenario file (and its region's own files) and say what it holds."""

from __future__ import annotations

import argparse
import sys

from ..cli_parser import lang_option
from ..core.text import Catalogue, Text, render
from ..reporting.console import ERROR_PREFIX, Console, say, warn
from .base import Command
from .common import overrides, warn_placeholder, write_csv
from .messages import CommandMsg


class ValidateHelp(Catalogue, area="cli.help.validate"):
    """The help of `validate` and its options."""

    command = Text("periksa berkas skenario (dan berkas daerahnya sendiri)",
                   "check a scenario file (and its region's own files)")
    fix_report = Text("tulis setiap masalah dalam berkas daerah ke CSV ini",
                      "write every problem of the region's files to this CSV")


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The options of `validate`."""
    p.add_argument("file")
    p.add_argument("--set", action="append", metavar="KEY=VALUE")
    p.add_argument("--fix-report", metavar="FILE",
                   help=ValidateHelp.fix_report)
    lang_option(p)


def _fix_report(path: str | None, problems, lang: str) -> None:
    """Write every problem of the region's files to the --fix-report CSV."""
    if path is None or problems is None:
        return
    from ..reporting.formats import fmt_count

    frame = problems.frame()
    frame["reason_id"] = frame["reason"].map(lambda r: render(r, "id"))  # keterangan
    frame["reason"] = frame["reason"].map(lambda r: render(r, "en"))
    write_csv(frame, path, "--fix-report")
    say(Console.fix_report, lang, path=path, n=fmt_count(len(frame), lang))


def run(args: argparse.Namespace) -> int:
    """Validate a scenario file (and its region's own files) and say what it contains."""
    from ..policies import make_policies
    from ..regions.roster import check_region
    from ..reporting.formats import fmt_count
    from ..reporting.labels import policy_label
    from ..scenario.loading import load_scenario
    from ..scenario.readers import RegionDataError

    lang = args.lang
    try:
        scenario = load_scenario(args.file, overrides(args.set))
    except RegionDataError as exc:
        _fix_report(args.fix_report, exc.problems, lang)
        raise
    if scenario.governments is not None:  # each government's own scenario, as runs use it
        return _governments(args, scenario, lang)
    make_policies(scenario)  # a custom policy's file, class and params, as a run loads them
    reg = scenario.region
    if reg.target_message():
        warn(reg.target_message(), lang)
    warn_placeholder(scenario, lang, args.file)
    policy = policy_label(scenario.policy_label, lang)
    if reg.imported:
        data, problems = check_region(scenario)
        print(problems.summary(lang))
        _fix_report(args.fix_report, problems, lang)
        if data is None:
            sys.stdout.flush()
            message = CommandMsg.region_problems(file=args.file, n=problems.n_errors)
            print(f"{ERROR_PREFIX}: {message.render(lang)}", file=sys.stderr)
            return 2
        E, U, V = data.employees, data.units, data.vocab  # noqa: N806 (the tables)
        say(Console.valid_own_region, lang, file=args.file, name=scenario.name,
            staff=fmt_count(E.n, lang), units=fmt_count(U.n, lang),
            agencies=len(V.agencies), occupations=len(V.occupations),
            districts=len(data.districts), policy=policy, years=scenario.years)
        return 0
    say(Console.valid_scenario, lang, file=args.file, name=scenario.name,
        districts=len(reg.districts), kinds=len(reg.unit_kinds),
        units=sum(reg.units_of_kind(k) for k in reg.unit_kinds.values()),
        scaled=Console.before_scaling if reg.target_staff else "", policy=policy,
        years=scenario.years)
    return 0


def _governments(args: argparse.Namespace, scenario, lang: str) -> int:
    """Validate a scenario of several governments: each one's scenario and own files."""
    from ..governments.members import members
    from ..policies import make_policies
    from ..regions.roster import check_region
    from ..reporting.formats import fmt_count
    from ..reporting.labels import policy_label
    from ..scenario.readers import RegionDataError

    try:
        found = members(scenario)  # with the files of every government checked together
    except RegionDataError as exc:
        _fix_report(args.fix_report, exc.problems, lang)
        raise
    staff = 0.0
    for member in found:
        make_policies(member.scenario)
        if not member.scenario.region.imported:
            staff += member.size
            continue
        data, problems = check_region(member.scenario)  # its own files, as a run reads them
        print(f"{member.name}: {problems.summary(lang)}")
        if data is None:
            _fix_report(args.fix_report, problems, lang)
            sys.stdout.flush()
            message = CommandMsg.region_problems(file=args.file, n=problems.n_errors)
            print(f"{ERROR_PREFIX}: {member.name}: {message.render(lang)}", file=sys.stderr)
            return 2
        staff += data.employees.n
    say(Console.valid_governments, lang, file=args.file, name=scenario.name, n=len(found),
        provinces=len({m.province for m in found}), staff=fmt_count(round(staff), lang),
        policy=policy_label(scenario.policy_label, lang), years=scenario.years)
    return 0


VALIDATE = Command("validate", ValidateHelp.command, add_arguments, run)
