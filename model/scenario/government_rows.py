"""One government's rows of a region file that may hold several (a `government` column).

A province's planner often has one roster, one units file and one ABK file for the
province's own agencies and its kabupaten/kota together. Such files carry a
`government` column (aliases `pemerintah`, `pemda`); each member of a `governments`
scenario reads the rows naming it (`region.government`, set for each member), with
the file's own row numbers, so every message points at the row a planner edits.

`read_rows` reads a file once per process (by file identity; each government of a
shard reads the same file) and returns the rows of one government:

- a file without the column is one government's: all of its rows;
- with the column and `region.government` set: the rows naming it (none is an
  error: the name and the file's governments are said);
- with the column and no `region.government` (a one-government scenario): the file
  must name one government only (several: an error saying how to choose one).

A file naming one government (or none) in the column is that government's, empty
cells included; in a file naming several, an empty cell is an error of its row.
Whether every name in a shared file is a government of the scenario, and whether a
unit or a person appears under two governments, is checked over all members together
(`model.governments.own_files`).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .messages_region import Reason
from .readers import stamp
from .tables import Column, Problems, read_table, text

GOVERNMENT = "government"  # the column's code name

_READ: dict[tuple, pd.DataFrame] = {}  # (file identity, sheet) -> every row, as read
_KEEP = 3  # the files of one region: its employees, units and workload


def read_all(path: str | Path, sheet: str, columns: list[Column],
             keep_prefix: str | None = None) -> pd.DataFrame:
    """Every row of a file, as `read_table` gives them; read once per process and file.

    The frame is shared: callers take rows from it (`of_government`), never change it.
    """
    key = (stamp(path), sheet)
    df = _READ.get(key)
    if df is None:
        df = read_table(path, sheet, columns, keep_prefix=keep_prefix)
        if len(_READ) >= _KEEP:
            _READ.pop(next(iter(_READ)))
        _READ[key] = df
    return df


def row_governments(df: pd.DataFrame) -> pd.Series | None:
    """Each row's government as the file says it (stripped text; '' where left empty).

    None when the file names none (no column, or an empty one); a file naming one
    government is that government's, its empty cells included.
    """
    if GOVERNMENT not in df:
        return None
    names = text(df, GOVERNMENT)
    named = names[names != ""].unique()
    if len(named) == 0:
        return None
    return names.where(names != "", named[0]) if len(named) == 1 else names


def of_government(df: pd.DataFrame, government: str | None, file: str,
                  problems: Problems) -> pd.DataFrame:
    """The rows of `government` in `df` (a copy; problems of the column recorded)."""
    names = row_governments(df)
    found = [] if names is None else list(dict.fromkeys(names[names != ""]))
    if names is None or (len(found) == 1 and government in (None, found[0])):  # one's file
        out = df.copy()
        out.attrs["government"] = found[0] if found else None  # compared across the files
        return out
    rows = df["_row"].to_numpy()
    empty = (names == "").to_numpy()  # several governments: a row must say whose it is
    shown = ", ".join(found[:8]) + (", ..." if len(found) > 8 else "")
    if government is None:
        keep = np.ones(len(df), bool)
        problems.add(file, np.array([0]), GOVERNMENT, shown,
                     Reason.several_governments(example=found[0]))
    else:
        keep = (names == government).to_numpy() | empty
        if not (names == government).any():
            problems.add(file, np.array([0]), GOVERNMENT, government,
                         Reason.no_rows_of_government(found=shown or "-"))
    problems.add(file, rows[empty], GOVERNMENT, "", Reason.government_empty())
    out = df[keep].reset_index(drop=True)
    out.attrs = {**df.attrs, "float_cells": {
        c: np.asarray(m, bool)[keep] for c, m in df.attrs.get("float_cells", {}).items()}}
    return out


def read_rows(path: str | Path, sheet: str, columns: list[Column], government: str | None,
              file: str, problems: Problems, keep_prefix: str | None = None) -> pd.DataFrame:
    """The rows of `government` in a region file, counted and checked (see the module)."""
    if government is None:  # a one-government region: read as always (nothing kept)
        df = read_table(path, sheet, columns, keep_prefix=keep_prefix)
        if GOVERNMENT not in df:
            problems.read(file, df)
            return df
    else:
        df = read_all(path, sheet, columns, keep_prefix)
    out = of_government(df, government, file, problems)
    problems.read(file, out)
    return out
