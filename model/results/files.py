"""Reading the large tables of a results folder, whichever format they were written in.

A results folder holds `timeseries`, `units` (the yearly needs map) and `transfers`
as Parquet (`NAME.parquet`), CSV (`NAME.csv`) or both (`model.results.run.FORMATS`).
Figures, the report, `sensitivity` and the notebooks read them through `read_table`,
which prefers Parquet (exact floats, faster) and falls back to CSV.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

TABLES = ("timeseries", "units", "transfers")


def table_path(folder: str | Path, name: str) -> Path | None:
    """The file holding table `name` in `folder` (Parquet first), or None."""
    for suffix in (".parquet", ".csv"):
        path = Path(folder) / f"{name}{suffix}"
        if path.is_file():
            return path
    return None


def has_table(folder: str | Path, name: str) -> bool:
    """Whether `folder` holds table `name` in either format."""
    return table_path(folder, name) is not None


def read_table(folder: str | Path, name: str, columns: list[str] | None = None) -> pd.DataFrame:
    """Table `name` of a results folder as a DataFrame (only `columns`, if given).

    Raises FileNotFoundError when the folder holds it in neither format.
    """
    path = table_path(folder, name)
    if path is None:
        raise FileNotFoundError(f"{Path(folder) / name}.parquet (or .csv)")
    if path.suffix == ".parquet":
        return pd.read_parquet(path, columns=columns)
    return pd.read_csv(path, usecols=columns)
