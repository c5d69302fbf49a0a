"""What several commands share: the scenario from the options, policy lists, output paths."""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import UserError
from ..reporting.console import say, warn
from .messages import CommandMsg

if TYPE_CHECKING:
    import pandas as pd


def overrides(items: list[str] | None) -> dict:
    """The --set KEY=VALUE options as {dotted key: value}."""
    from ..scenario.loading import parse_set

    out = {}
    for item in items or []:
        keys, value = parse_set(item)
        out[".".join(keys)] = value
    return out


def warn_placeholder(scenario, lang: str, file) -> None:
    """Warn while a scenario's description is the placeholder `init-region` wrote."""
    from ..reporting.region_files import is_placeholder, placeholder_warning

    if is_placeholder(scenario.description, scenario.description_id):
        warn(placeholder_warning(str(file), lang), lang)


def scenario_from_args(args: argparse.Namespace, extra: dict | None = None):
    """The scenario of the options (--set, --years), its warnings printed.

    A region with its own files is imported here, once, and its summary printed (rows
    read, accepted, rejected).
    """
    from ..scenario.loading import load_scenario

    params = overrides(getattr(args, "set", None))
    if getattr(args, "years", None) is not None:
        params["years"] = args.years
    params.update(extra or {})
    scenario = load_scenario(args.scenario, params)
    note = scenario.region.target_message()
    lang = getattr(args, "lang", "id")
    if note:
        warn(note, lang)
    warn_placeholder(scenario, lang, args.scenario)
    if scenario.governments is not None:  # each government its own rows of its files
        from ..governments.members import members
        from ..regions.roster import region_data

        for member in members(scenario):  # the files of all checked together first
            if member.scenario.region.imported:
                data = region_data(member.scenario)
                print(f"{member.name}: {data.problems.summary(lang)}")
    elif scenario.region.imported:  # import once, here: rows read, accepted, rejected
        from ..regions.roster import region_data

        data = region_data(scenario)
        print(data.problems.summary(lang))
    return scenario


def policy_list(text: str | None, default: list[str]) -> list[str]:
    """--policies a,b,c as a list (the scenario's `compare` list when not given)."""
    if text is None:
        return default
    return [p.strip() for p in text.split(",") if p.strip()]


def default_out(name: str) -> Path:
    """A new results folder `results/NAME-<time>` (numbered if it exists)."""
    base = Path("results") / f"{name}-{time.strftime('%Y%m%d-%H%M%S')}"
    out, i = base, 1
    while out.exists():
        i += 1
        out = base.with_name(f"{base.name}-{i}")
    return out


def write_csv(table: pd.DataFrame, path: str, option: str) -> None:
    """Write `table` to the CSV file of an option (--csv, --fix-report), or say why not."""
    try:
        table.to_csv(path, index=False)
    except OSError as exc:
        raise UserError(CommandMsg.cannot_write(option=option, path=path,
                                         why=exc.strerror or exc)) from None


def print_paths(title, paths, lang: str) -> None:
    """A title line, then one indented line per path (the figures of a folder)."""
    say(title, lang)
    for path in paths:
        print(f"  {path}")
