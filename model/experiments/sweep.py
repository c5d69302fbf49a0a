"""Sweeps: every combination of some parameters' values, each a complete run folder.

`python run_sim.py sweep [SCENARIO] --set key=[a,b] --set other=[x,y] --grid FILE`
runs all combinations (a grid file is a YAML mapping of keys to lists of values).
Each combination is an experiment (the policies given, paired replications) written
atomically to `DIR/runs/<key=value,...>-<digest>/`, the digest covering every setting
the run depends on; a combination whose folder is complete is skipped, so an
interrupted sweep resumes where it stopped (and a changed setting runs anew).
`DIR/grid.csv` lists the combinations and `DIR/sweep_summary.csv` gathers their
summaries with a column per swept key. Every combination is validated before the first run starts.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from ..core.errors import UserError
from ..reporting.outputs import write_csv
from ..scenario.loading import dump_scenario, load_scenario
from ..scenario.scenario import Scenario
from .experiment import Experiment
from .messages import ExpMsg


def _settings(combo: dict) -> str:
    """A sweep point as a person reads it: `years=2, policy=balancing`."""
    return ", ".join(f"{k}={v}" for k, v in combo.items())

def read_grid(path: str | None, sets: dict[str, Any]) -> dict[str, list]:
    """Sweep axes from a grid file and from `--set` values that are lists."""
    axes: dict[str, list] = {}
    if path:
        try:
            data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError, ValueError) as exc:
            raise UserError(ExpMsg.grid_unreadable(path=path, why=str(exc))) from None
        if not isinstance(data, dict) or not all(isinstance(v, list) and v
                                                 for v in data.values()):
            raise UserError(ExpMsg.grid_not_mapping(path=path))
        axes.update({str(k): v for k, v in data.items()})
    axes.update({k: v for k, v in sets.items() if isinstance(v, list)})
    for key, values in axes.items():
        if key in ("policy", "compare"):
            raise UserError(ExpMsg.sweep_policy_axis(key=key))
        if not values:
            raise UserError(ExpMsg.sweep_axis_empty(key=key))
    return axes


def combinations(base: Scenario, axes: dict[str, list],
                 fixed: dict[str, Any]) -> list[tuple[dict[str, Any], Scenario]]:
    """Every combination of axis values, validated (an unknown key fails before any run).

    A list-valued parameter (e.g. mutation.months) is swept with a list of lists; a
    plain list for it is a fixed value, not an axis.
    """
    really: dict[str, list] = {}
    for key, values in axes.items():
        try:
            load_scenario(base, {**fixed, key: values})
            fixed = {**fixed, key: values}  # a valid value as a whole: not an axis
        except UserError:
            really[key] = values
    keys = list(really)
    out = []
    for values in itertools.product(*(really[k] for k in keys)):
        combo = dict(zip(keys, values, strict=True))
        out.append((combo, load_scenario(base, {**fixed, **combo})))
    return out


def folder_name(combo: dict[str, Any], scenario: Scenario, policies: list[str]) -> str:
    """A readable folder name, unique to everything the run depends on.

    The digest covers the whole resolved scenario (replications, years, seed, fixed
    settings included) and the policies, so a run made with other settings is never
    taken as done; adding a value to an axis leaves finished runs' names unchanged.
    """
    text = ",".join(f"{k.split('.')[-1]}={v}" for k, v in combo.items())
    safe = "".join(c if c.isalnum() or c in "=,.-_" else "_" for c in text)[:60]
    settings = dump_scenario(scenario) + json.dumps(policies)
    return f"{safe}-{hashlib.sha1(settings.encode()).hexdigest()[:10]}"


def run_sweep(base: Scenario, axes: dict[str, list], fixed: dict[str, Any],
              policies: list[str], out: Path, jobs: int = 1, lang: str = "id",
              quiet: bool = False, **executor: Any) -> pd.DataFrame:
    """Run (or resume) the sweep into `out`; return the gathered summary."""
    combos = combinations(base, axes, fixed)
    experiments = [Experiment(scenario, policies, jobs=jobs, **executor)
                   for _, scenario in combos]  # all checked before the first run
    runs = out / "runs"
    runs.mkdir(parents=True, exist_ok=True)
    rows, summaries = [], []
    for i, ((combo, scenario), exp) in enumerate(zip(combos, experiments, strict=True)):
        folder = runs / folder_name(combo, scenario, exp.policies)
        done = (folder / "meta.json").is_file()
        if not done:
            if not quiet:
                print(f"[{i + 1}/{len(combos)}] {_settings(combo)}", flush=True)
            exp.run_and_write(folder, lang=lang, quiet=quiet)  # each run written, let go
        elif not quiet:
            print(ExpMsg.sweep_skipped(i=i + 1, n=len(combos), combo=_settings(combo))
                  .render(lang),
                  flush=True)
        rows.append({"run": folder.name, **combo, "resumed": done})
        summary = pd.read_csv(folder / "summary.csv")
        for k, v in combo.items():
            summary.insert(0, k, str(v) if isinstance(v, list) else v)
        summary.insert(0, "run", folder.name)
        summaries.append(summary)
    write_csv(pd.DataFrame(rows), out / "grid.csv")
    gathered = pd.concat(summaries, ignore_index=True)
    write_csv(gathered, out / "sweep_summary.csv")
    return gathered
