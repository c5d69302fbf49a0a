"""The transfer log: every proposal of every round, what became of it, and after-effects.

One row per proposal: month, employee (the NIP for an imported roster, the row
number for the synthetic region), from/to unit and role, policy, reason,
outcome (executed / forced / refused / blocked:<constraint>), refusal probability,
distance, cost, and for moves that happened the employee's productivity 3, 6 and 12
months later (empty if they left or the run ended first). Written as
`transfers.parquet` (and `transfers.csv` for small runs).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from .world import World

FOLLOW_UPS = (3, 6, 12)
# the logged columns and their types (an empty log has the same columns and types)
DTYPES: dict[str, type] = {
    "month": np.int64, "employee_id": np.int64, "from_unit": np.int64, "to_unit": np.int64,
    "from_role": np.int64, "to_role": np.int64, "policy": object, "reason": object,
    "outcome": object, "refusal_prob": np.float64, "distance_km": np.float64,
    "cost_idr": np.float64}
COLUMNS = tuple(DTYPES)


class TransferLog:
    """Append-only columns of proposals, with scheduled productivity follow-ups.

    Each round is one chunk of columns, its follow-ups float64 columns beside them (NaN
    until measured); a text column holds each distinct text of the round once (a
    nation's log is over a million proposals, and Python objects per row took ~200
    bytes of them).
    """

    def __init__(self) -> None:
        self._chunks: list[dict[str, np.ndarray]] = []
        self.n = 0
        # month -> (the follow-up's lag, chunk, positions in it, employee rows)
        self._due: dict[int, list[tuple[int, int, np.ndarray, np.ndarray]]] = {}

    def add(self, month: int, moved: np.ndarray, **cols: np.ndarray) -> None:
        """Log one round; schedule follow-ups for rows where `moved` is true."""
        k = len(cols["employee_id"])
        if k == 0:
            return
        chunk = {"month": np.full(k, month),
                 **{c: _shared_text(v) if DTYPES.get(c) is object else v
                    for c, v in cols.items()},
                 **{_follow_up(lag): np.full(k, np.nan) for lag in FOLLOW_UPS}}
        self._chunks.append(chunk)
        if moved.any():
            at, rows = np.flatnonzero(moved), cols["employee_id"][moved]
            for lag in FOLLOW_UPS:
                self._due.setdefault(month + lag, []).append(
                    (lag, len(self._chunks) - 1, at, rows))
        self.n += k

    def follow_up(self, world: World) -> None:
        """Record the productivity of moved employees whose follow-up month is now."""
        E = world.employees
        for lag, chunk, at, rows in self._due.pop(world.month, []):
            self._chunks[chunk][_follow_up(lag)][at] = np.where(E.active[rows], E.prod[rows],
                                                                np.nan)

    def frame(self, world: World) -> pd.DataFrame:
        """The log as a table with unit and role names."""
        def joined(column: str, dtype: type) -> np.ndarray:
            """A column of every round, one after the other."""
            return (np.concatenate([ch[column] for ch in self._chunks]).astype(dtype)
                    if self._chunks else np.array([], dtype))

        df = pd.DataFrame({c: joined(c, t) for c, t in DTYPES.items()})
        names = np.asarray(world.units.names, object)
        roles = np.asarray(world.vocab.occupations, object)
        for side in ("from", "to"):
            u = df[f"{side}_unit"].to_numpy(np.int64)
            df.insert(df.columns.get_loc(f"{side}_unit") + 1, f"{side}_unit_name", names[u])
            df[f"{side}_role"] = roles[df[f"{side}_role"].to_numpy(np.int64)]
        for lag in FOLLOW_UPS:
            df[f"prod_{lag}m"] = np.round(joined(_follow_up(lag), float), 4)
        if world.nip is not None:  # an imported roster: people by NIP, as planners name them
            ids = df["employee_id"].to_numpy(np.int64)
            df.insert(df.columns.get_loc("employee_id"), "nip",
                      world.person_ids(ids) if len(ids) else [])
            df = df.drop(columns="employee_id")
        return df


def _follow_up(lag: int) -> str:
    """A chunk's column of the productivity `lag` months after the move."""
    return f"prod_{lag}"


def _shared_text(values: np.ndarray) -> np.ndarray:
    """The same texts, each distinct one held once (an object column of a round)."""
    held: dict = {}
    out = np.empty(len(values), object)
    out[:] = [held.setdefault(v, v) for v in np.asarray(values, object).tolist()]
    return out
