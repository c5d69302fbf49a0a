"""A resumable study's folder (sensitivity analysis, policy search): its plan decides.

A study writes its settings to `plan.json` last when it creates its folder, and every
run to its own file as it finishes. Run again with the same settings it resumes; a
folder of another plan, or of something else, is refused (`--overwrite` starts again).
The run files are written so they read back exactly (`exact`) and survive a kill
(`drop_cut_line`, `replace_text`).
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from ..core.errors import UserError


def open_study(out: Path, plan: dict[str, Any], overwrite: bool,
               not_study: Callable[..., Any], other_settings: Callable[..., Any]) -> bool:
    """True when `out` holds this study (resume it); False when it is new (made empty).

    `not_study(out=)` and `other_settings(out=, changed=)` are the messages of a folder
    that holds something else, or this kind of study with other settings.
    """
    from ..reporting.outputs import check_parent

    check_parent(out)
    if out.exists() and overwrite:
        shutil.rmtree(out)
    if out.exists() and any(out.iterdir()):
        try:
            old = json.loads((out / "plan.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raise UserError(not_study(out=out)) from None
        if old != plan:
            changed = [k for k in plan if old.get(k) != plan[k]]
            raise UserError(other_settings(out=out, changed=", ".join(changed)))
        return True
    out.mkdir(parents=True, exist_ok=True)
    return False


def write_plan(out: Path, plan: dict[str, Any]) -> None:
    """plan.json: written last when a study's folder is made (it marks a complete start)."""
    (out / "plan.json").write_text(json.dumps(plan, indent=2) + "\n", encoding="utf-8")


def exact(v: Any) -> str:
    """A value written so it reads back bit for bit (floats by repr)."""
    if isinstance(v, float | np.floating):
        return repr(float(v))
    return str(v)


def replace_text(path: Path, text: str) -> None:
    """Write `text` to `path` whole or not at all (a temporary file, then a rename).

    A kill during the write leaves the file as it was.
    """
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def drop_cut_line(path: Path) -> None:
    """Drop a last line an interruption cut off (a run file is appended line by line)."""
    text = path.read_text(encoding="utf-8")
    if text and not text.endswith("\n"):
        replace_text(path, text[: text.rfind("\n") + 1])
