"""The cells of a planner's list read as a move: person, unit, position, round, mark.

Each reader takes the list's rows as text (`evaluate.read_list`) and returns one value
per row (-1, or False, where there is none) and the problem of each row (a `RowMsg`,
None when the cell is fine). An identifier is matched exactly as the file holds it
(a NIP through `regions.nip.clean`, so a grouped NIP reads and one that went through an
Excel number never does); nothing is guessed.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..core.text import Message
from ..regions import nip as nips
from ..reporting.labels import LANGS, role_label
from ..scenario.scenario import Scenario
from ..scenario.tables import float_cells, text
from ..world.world import World
from .messages_evaluate import NO, YES, RowMsg
from .plan import _label, round_months


def people(raw: pd.DataFrame, world: World) -> tuple[np.ndarray, list[Message | None]]:
    """Each row's employee (table row, -1 if none) and the problem with it."""
    cells = text(raw, "employee")
    n0 = world.employees.n
    out = np.full(len(raw), -1, np.int64)
    problems: list[Message | None] = [None] * len(raw)
    if world.nip is not None:
        cleaned, as_number, _ = nips.clean(cells, float_cells(raw, "employee"))
        where = {str(v): i for i, v in enumerate(world.nip)}
        for i, (cell, clean, number) in enumerate(zip(cells, cleaned, as_number, strict=True)):
            if cell == "":
                problems[i] = RowMsg.employee_empty()
            elif cell.startswith("rekrut-"):
                problems[i] = RowMsg.recruit(value=cell)
            elif number:
                problems[i] = RowMsg.nip_number(value=cell)
            elif clean in where:
                out[i] = where[clean]
            else:
                problems[i] = RowMsg.nip_unknown(value=cell)
        return out, problems
    for i, cell in enumerate(cells):
        match = re.fullmatch(r"([0-9]+)(?:\.0+)?", cell)
        if cell == "":
            problems[i] = RowMsg.employee_empty()
        elif cell.startswith("rekrut-"):
            problems[i] = RowMsg.recruit(value=cell)
        elif match and int(match.group(1)) < n0:
            out[i] = int(match.group(1))
        else:
            problems[i] = RowMsg.row_unknown(value=cell, last=n0 - 1)
    return out, problems


def units(raw: pd.DataFrame, world: World) -> tuple[np.ndarray, list[Message | None]]:
    """Each row's destination unit (-1 if none) and the problem with it."""
    U = world.units
    codes = U.shown_codes
    exact = {c: i for i, c in enumerate(codes)}
    folded: dict[str, int] = {}
    for i, c in enumerate(codes):
        folded.setdefault(c.casefold(), i)
    out = np.full(len(raw), -1, np.int64)
    problems: list[Message | None] = [None] * len(raw)
    names = text(raw, "to_unit_name")
    for i, cell in enumerate(text(raw, "to_unit_code")):
        number = re.fullmatch(r"([0-9]+)\.0+", cell)  # a code Excel stored as a number
        key = number.group(1) if number and U.codes is None else cell
        if cell == "":
            problems[i] = RowMsg.unit_empty()
        elif key in exact or key.casefold() in folded:
            out[i] = exact.get(key, folded.get(key.casefold(), -1))
            named = names.iloc[i]
            # a planner who changed the name but not the code: which did they mean?
            if named and " ".join(named.split()).casefold() != " ".join(
                    str(U.names[out[i]]).split()).casefold():
                problems[i] = RowMsg.unit_mismatch(value=named, code=cell,
                                                   name=U.names[out[i]])
                out[i] = -1
        else:
            problems[i] = RowMsg.unit_unknown(value=cell, example=", ".join(codes[:3]))
    return out, problems


def roles(raw: pd.DataFrame, world: World, people: np.ndarray
           ) -> tuple[np.ndarray, list[Message | None]]:
    """Each row's destination position (empty: the person's own; -1 if unknown)."""
    vocab = world.vocab
    names: dict[str, int] = {}
    for i, code in enumerate(vocab.occupations):
        for name in (code, vocab.label(code), *(role_label(code, lang) for lang in LANGS)):
            if name:
                names.setdefault(name.strip().casefold(), i)
    out = np.full(len(raw), -1, np.int64)
    problems: list[Message | None] = [None] * len(raw)
    for i, cell in enumerate(text(raw, "to_role")):
        if cell == "":
            out[i] = world.employees.role[people[i]] if people[i] >= 0 else -1
        elif cell.casefold() in names:
            out[i] = names[cell.casefold()]
        else:
            shown = [vocab.label(c) or role_label(c, "id") for c in vocab.occupations]
            problems[i] = RowMsg.role_unknown(value=cell, known=", ".join(shown[:8])
                                              + (", ..." if len(shown) > 8 else ""))
    return out, problems


def months(raw: pd.DataFrame, scenario: Scenario, default: int
            ) -> tuple[np.ndarray, list[Message | None]]:
    """Each row's round as a run month (empty: `default`) and the problem with it."""
    rounds = round_months(scenario)
    shown = ", ".join(_label(scenario, m) for m in rounds[:4])
    out = np.full(len(raw), -1, np.int64)
    problems: list[Message | None] = [None] * len(raw)
    for i, cell in enumerate(text(raw, "round")):
        if cell == "":
            out[i] = default
            continue
        # YYYY-MM, or the date an Excel date cell holds (2027-07-01 00:00:00)
        match = re.fullmatch(r"([0-9]{4})-([0-9]{1,2})(?:-[0-9]{1,2}(?:[ T][0-9:.]+)?)?", cell)
        if not match or not 1 <= int(match.group(2)) <= 12:
            problems[i] = RowMsg.round_format(value=cell, example=_label(scenario, default))
            continue
        month = (int(match.group(1)) - scenario.start_year) * 12 + int(match.group(2))
        if month not in rounds:
            problems[i] = RowMsg.round_not_held(value=cell, rounds=shown)
        else:
            out[i] = month
    return out, problems


def overrides(raw: pd.DataFrame) -> tuple[np.ndarray, list[Message | None]]:
    """Each row's override mark ('ya'/'yes' ...; empty or 'tidak'/'no': none)."""
    out = np.zeros(len(raw), bool)
    problems: list[Message | None] = [None] * len(raw)
    for i, cell in enumerate(text(raw, "override")):
        value = cell.strip().casefold()
        if value in YES:
            out[i] = True
        elif value not in NO:
            problems[i] = RowMsg.override_value(value=cell)
    return out, problems
