"""File paths a scenario names, made relative to the scenario file that names them.

A custom policy's `module: file.py`, the region's own files (`region.employees`,
`units`, `workload`, `occupations`) and the same inside each government's settings
(`governments.members[i].settings`) are read relative to the YAML file's folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def resolve_paths(data: dict[str, Any], folder: Path) -> None:
    """Every path `data` names, relative to `folder` (in place)."""
    _resolve_policy_files(data, folder)
    _resolve_region_files(data, folder)
    _resolve_member_files(data, folder)


def _resolve_policy_files(data: dict[str, Any], folder: Path) -> None:
    """Make a custom policy's `module: file.py` relative to the scenario file."""
    entries = data.get("policy")
    for entry in entries if isinstance(entries, list) else [entries]:
        if isinstance(entry, dict) and str(entry.get("module", "")).endswith(".py"):
            module = Path(entry["module"])
            if not module.is_absolute():
                entry["module"] = str((folder / module).resolve())


REGION_FILES = ("employees", "units", "workload", "occupations")


def _resolve_region_files(data: dict[str, Any], folder: Path) -> None:
    """Make the region's own file paths relative to the scenario file."""
    region = data.get("region")
    if not isinstance(region, dict):
        return
    for key in REGION_FILES:
        value = region.get(key)
        if isinstance(value, str) and value and not Path(value).is_absolute():
            region[key] = str((folder / value).resolve())


def _resolve_member_files(data: dict[str, Any], folder: Path) -> None:
    """The same for each government's own settings (`governments.members[i].settings`)."""
    governments = data.get("governments")
    members = governments.get("members") if isinstance(governments, dict) else None
    for member in members if isinstance(members, list) else []:
        settings = member.get("settings") if isinstance(member, dict) else None
        if isinstance(settings, dict):
            _resolve_policy_files(settings, folder)
            _resolve_region_files(settings, folder)
