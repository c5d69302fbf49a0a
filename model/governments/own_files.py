"""The own files of a region of regions, checked over all its governments together.

Each government reads its rows of its files (`model.scenario.government_rows`: a
`government` column says whose a row is). What no single government can see is
checked here, once, when the governments are resolved, before any run:

- a file read by several governments has a `government` column;
- every name in it is one of the governments that read the file (an unknown name
  would lose its rows: refused at those rows);
- a unit code belongs to one government, in one file or across files;
- a row of a roster or an ABK file names a unit of its own government;
- a NIP appears under one government only (a mover carries hers).

Every problem names the file, the row as the planner's file numbers it, the column
and the value; `validate --fix-report` writes them all.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pandas as pd

from ..scenario import roster_columns as cols
from ..scenario.government_rows import GOVERNMENT, read_all, row_governments
from ..scenario.messages_governments import GovMsg
from ..scenario.messages_region import Reason
from ..scenario.readers import stamp
from ..scenario.region_params import Region
from ..scenario.tables import Problems, file_label, text
from ..scenario.vocab_files import raise_problems

Named = tuple[str, Region]  # a government's name and its region's parameters

# (sheet = the region's file parameter, its columns, the kept column prefix)
FILES = (("units", cols.UNITS, None), ("workload", cols.WORKLOAD, None),
         ("employees", cols.EMPLOYEES, "competence_"))


def _shown(names: list[str], most: int = 8) -> str:
    return ", ".join(names[:most]) + (", ..." if len(names) > most else "")


def _rows_of(found: list[Named], sheet: str, columns, prefix, problems: Problems
             ) -> pd.DataFrame:
    """Every row of every file of `sheet` with its government (file, row, government, df)."""
    readers: dict[tuple, list[Named]] = defaultdict(list)
    for name, region in found:
        readers[stamp(getattr(region, sheet))].append((name, region))
    everyone = {region.government for _, region in found}
    parts = []
    for ms in readers.values():
        path = getattr(ms[0][1], sheet)
        df = read_all(path, sheet, columns, prefix)
        file = file_label(path, sheet)
        problems.read(file, df)
        rows = df["_row"].to_numpy()
        own = [region.government for _, region in ms]
        for g in sorted({g for g in own if own.count(g) > 1}):  # the same rows read twice
            problems.add(file, np.array([0]), GOVERNMENT, g, Reason.government_read_twice(
                names=_shown([n for n, region in ms if region.government == g])))
        names = row_governments(df)
        if names is None:  # the file names no government
            if len(ms) > 1:
                problems.add(file, np.array([0]), GOVERNMENT, "", Reason.shared_without_column(
                    names=_shown([name for name, _ in ms])))
                continue
            names = pd.Series([own[0]] * len(df), dtype=object)
        elsewhere = names.isin(everyone - set(own)).to_numpy()
        unknown = ((names != "") & ~names.isin(own)).to_numpy() & ~elsewhere
        problems.add(file, rows[unknown], GOVERNMENT, names[unknown],
                     Reason.government_unknown(known=_shown(own)))
        problems.add(file, rows[elsewhere], GOVERNMENT, names[elsewhere],
                     Reason.government_reads_elsewhere())
        keep = ((names != "") & names.isin(own)).to_numpy()
        parts.append(pd.DataFrame({
            "file": file, "row": rows[keep], "government": names[keep].to_numpy(object),
            "unit_code": text(df, "unit_code")[keep].to_numpy(object),
            **({"nip": text(df, "nip")[keep].to_numpy(object)} if sheet == "employees"
               else {})}))
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(
        columns=["file", "row", "government", "unit_code", "nip"], dtype=object)


def _twice(problems: Problems, rows: pd.DataFrame, key: str, reason) -> None:
    """Rows whose `key` appears under more than one government."""
    rows = rows[rows[key] != ""]
    counts = rows.groupby(key)["government"].nunique()
    rows = rows[rows[key].isin(counts.index[counts > 1])]  # few: the names of these only
    shared = rows.groupby(key)["government"].agg(lambda g: list(dict.fromkeys(g)))
    for file, part in rows.groupby("file", sort=False):
        names = part[key].map(lambda k: _shown(shared[k]))
        problems.add(file, part["row"].to_numpy(), key, part[key].to_numpy(object),
                     [reason(names=n) for n in names])


def check_own_files(found: list[Named]) -> None:
    """Raise RegionDataError when the governments' own files do not fit together."""
    found = [(name, region) for name, region in found if region.imported]
    if not found:
        return
    problems = Problems()
    units, workload, employees = (_rows_of(found, sheet, columns, prefix, problems)
                                  for sheet, columns, prefix in FILES)
    _twice(problems, units, "unit_code", Reason.unit_in_two_governments)
    _twice(problems, employees, "nip", Reason.nip_in_two_governments)
    owner = units.drop_duplicates("unit_code", keep=False).set_index("unit_code")["government"]
    for rows in (workload, employees):
        of = rows["unit_code"].map(owner)
        other = (of.notna() & (of != rows["government"])).to_numpy()
        for file, part in rows[other].groupby("file", sort=False):
            problems.add(file, part["row"].to_numpy(), "unit_code",
                         part["unit_code"].to_numpy(object),
                         [Reason.unit_of_other_government(owner=o, named=n) for o, n in
                          zip(owner[part["unit_code"]], part["government"], strict=True)])
    raise_problems(problems, GovMsg.own_files_unusable(n=problems.n_errors))
