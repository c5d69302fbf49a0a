"""Who bears the planned moves: the merit and fairness audit, counted round by round.

Mutation must follow the merit system, fairly and without discrimination ("adil dan
wajar tanpa diskriminasi", UU 20/2023 on ASN; "promosi dan mutasi" is one of the eight
aspects of the merit-system assessment, PermenPANRB 40/2018) and must not be a
punishment ("bukan hukuman", the Jambi case). At every round in which a policy (or a
planner's list) proposed moves, `FairnessTally` counts for each group of each
dimension (`DIMENSIONS`: sex, age band, PNS/PPPK, occupation family, distance of the
present post from home, performance quartile, area type of the present post):

- `staff`: the people the round could move (active, long enough in post, not near
  retirement: `mutation_view.movable`), and anyone proposed besides (an override);
- `moved`: planned moves carried out (executed, or forced despite an objection);
- `hard`: of those, into a hard area (`HARD_AREAS`: remote, mountain, island);
- `forced`: carried out despite an objection;
- `objected`: notified people who objected (the decree cancelled, or forced);
- `repeat`: moved again within `mutation.audit.repeat_years` of their last move in
  the run;
- `home_km`: the distance from the home district to the destination, summed.

Groups are those of the person before the move (age at the round; performance
quartiles of the starting staff). Own requests are people's own choices and are not
counted. The tallies only grow; `rates` turns them into each group's rates and
their ratio to the whole staff's, which the metrics (`fair_*`) and the audit table of
a results folder read (`results.audit`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..core.vocab import AREA_INDEX, AREA_TYPES
from ..world.world import home_distance

if TYPE_CHECKING:
    from ..policies import Moves
    from ..world.world import World

DIMENSIONS = ("sex", "age", "employment", "family", "home_km", "performance", "area")
MEASURES = ("staff", "moved", "hard", "forced", "objected", "repeat", "home_km")
RATES = ("moved", "hard", "forced", "objected")  # per staff at the rounds: ratios compared
HARD_AREAS = ("remote", "mountain", "island")
QUARTILES = (0.25, 0.5, 0.75)


class FairnessTally:
    """The audit's counts: [dimension] -> array [measure, group], grown at each round."""

    def __init__(self, world: World) -> None:
        p = world.params.mutation.audit
        E, U = world.employees, world.units
        self.age_edges = np.asarray(p.age_bands, np.int64)
        self.km_edges = np.asarray(p.home_km_bands, np.float64)
        start = E.performance[: E.n][E.active[: E.n]].astype(np.float64)
        self.perf_edges = (np.quantile(start, QUARTILES) if start.size
                           else np.zeros(len(QUARTILES)))
        self.family_of_occ = world.vocab.family_of_occ_code
        self.hard_unit = np.isin(U.area, [AREA_INDEX[a] for a in HARD_AREAS])
        self.repeat_months = 12 * p.repeat_years
        sizes = {"sex": 2, "age": self.age_edges.size + 1, "employment": 2,
                 "family": len(world.vocab.families), "home_km": self.km_edges.size + 1,
                 "performance": len(QUARTILES) + 1, "area": len(AREA_TYPES)}
        self.counts = {d: np.zeros((len(MEASURES), sizes[d])) for d in DIMENSIONS}
        self.rounds = 0
        self._memo: dict = {}  # the metrics of the tallies as they stand (cleared by count)

    def groups(self, world: World, rows: np.ndarray) -> dict[str, np.ndarray]:
        """Each dimension's group of the people `rows`, as they are now (before a move)."""
        E, U = world.employees, world.units
        unit = E.unit[rows]
        age = (world.now - E.birth[rows]) // 12
        return {
            "sex": E.female[rows].astype(np.int64),
            "age": np.searchsorted(self.age_edges, age, side="right"),
            "employment": E.employment[rows].astype(np.int64),
            "family": self.family_of_occ[E.occupation[rows]].astype(np.int64),
            "home_km": np.searchsorted(self.km_edges, home_distance(world, rows, unit),
                                       side="right"),
            "performance": np.searchsorted(self.perf_edges,
                                           E.performance[rows].astype(np.float64),
                                           side="right"),
            "area": U.area[unit].astype(np.int64),
        }

    def count(self, world: World, moves: Moves, source: np.ndarray,
              outcome: np.ndarray, movable: np.ndarray, book: bool = True) -> None:
        """Count a round's planned proposals and their fates, before anything moves.

        `movable` marks whom the round could move (the rates' denominator, with
        everyone proposed). Books this month's `new_moves_hard_area` and
        `new_moves_repeat` (unless `book` is False: a draft plan audits its round without
        being part of a run).
        """
        planned = source != "request"
        if not planned.any():
            return
        E = world.employees
        self.rounds += 1
        could = np.asarray(movable, bool).copy()
        could[moves.employee_id[planned]] = True
        staff = np.flatnonzero(could & E.active)
        moved = planned & ((outcome == "executed") | (outcome == "forced"))
        objected = planned & ((outcome == "forced") | (outcome == "refused"))
        rows, to = moves.employee_id[moved], moves.to_unit[moved]
        hard = self.hard_unit[to]
        repeat = (E.n_moves[rows] > 0) & (world.now - E.moved_at[rows] < self.repeat_months)
        weights = {"moved": None, "hard": hard, "forced": outcome[moved] == "forced",
                   "repeat": repeat, "home_km": home_distance(world, rows, to)}
        at = {"staff": self.groups(world, staff), "moved": self.groups(world, rows),
              "objected": self.groups(world, moves.employee_id[objected])}
        for d, table in self.counts.items():
            n = table.shape[1]
            table[0] += np.bincount(at["staff"][d], minlength=n)
            for i, measure in enumerate(MEASURES[1:], start=1):
                code = at["objected" if measure == "objected" else "moved"][d]
                w = weights.get(measure)
                table[i] += np.bincount(code, weights=None if w is None
                                        else np.asarray(w, np.float64), minlength=n)
        self._memo.clear()
        if book:
            world.book("new_moves_hard_area", int(hard.sum()))
            world.book("new_moves_repeat", int(repeat.sum()))

    def whole(self) -> np.ndarray:
        """The whole staff's tallies (any dimension's groups summed), per measure."""
        return self.counts["sex"].sum(axis=1)

    def ratio(self, measure: str, dimension: str, group: int) -> float:
        """A group's rate of `measure` over the whole staff's; 1 when nobody was moved."""
        key = ("ratio", measure, dimension, group)
        if key not in self._memo:
            self._memo[key] = float(rate_ratio(self.counts[dimension], self.whole(),
                                               MEASURES.index(measure))[group])
        return self._memo[key]

    def max_ratio(self, measure: str, min_share: float) -> float:
        """The highest group ratio of `measure` over groups holding >= `min_share` of staff."""
        key = ("max", measure, min_share)
        if key not in self._memo:  # the tallies change only in rounds; metrics read monthly
            self._memo[key] = self._max_ratio(measure, min_share)
        return self._memo[key]

    def _max_ratio(self, measure: str, min_share: float) -> float:
        whole, i = self.whole(), MEASURES.index(measure)
        best = 1.0
        for table in self.counts.values():
            big = table[0] >= min_share * whole[0] if whole[0] > 0 else np.zeros(0, bool)
            ratios = rate_ratio(table, whole, i)[big]
            if ratios.size:
                best = max(best, float(ratios.max()))
        return best

    def mean_home_km(self) -> float:
        """Mean distance from home to the destination of the planned moves (0: none)."""
        if "km" not in self._memo:
            whole = self.whole()
            moved, km = whole[MEASURES.index("moved")], whole[MEASURES.index("home_km")]
            self._memo["km"] = float(km / moved) if moved > 0 else 0.0
        return self._memo["km"]


def rate_ratio(table: np.ndarray, whole: np.ndarray, measure: int) -> np.ndarray:
    """Each group's rate (measure / staff) over the whole staff's; 1 where undefined.

    Undefined: nobody was counted for the measure in the whole staff (no disparity can
    be shown) or the group had no staff.
    """
    staff, count = table[0], table[measure]
    if whole[measure] <= 0 or whole[0] <= 0:
        return np.ones(staff.size)
    overall = whole[measure] / whole[0]
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = (count / staff) / overall
    return np.where(staff > 0, ratio, 1.0)
