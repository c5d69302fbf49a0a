"""People moving between governments: who leaves, what travels, where they start.

A government releases people by rows of its table (`pick`, then `pack`: what the
person carries, as plain arrays), and they leave its table at the start of the round
month (`World.transfer_out`). The receiving government appends them as new rows
(`admit`): in its units with the largest deficit in their role, with their age,
service, position, competence, performance and morale, home where they came from
(a place outside the region, `World.add_place`: their home government's seat; their
own district when they come back), an adaptation as for any move from
that far, and the move's cost on its budget (assumption: the receiving government
pays, as for its own moves).

Coordinates: each government has its seat in the scenario's frame (`Member.x_km`,
`y_km`) and in its own (its first district's centre); a point changes frame by the
difference of the two.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING

import numpy as np

from ..core import exactmath
from ..core.allocation import place_most_understaffed
from ..core.state import retirement_month
from ..processes.adaptation import difficulty, with_interventions

if TYPE_CHECKING:
    from ..simulation.model import WorkforceModel
    from .members import Member

# what a person carries from one government to another (columns of the employee table)
CARRIED = ("birth", "female", "employment", "position", "occupation", "role", "hire_at",
           "performance", "morale", "trainings", "n_moves")


@dataclass
class Migrants:
    """People in transit between governments, as columns (one entry per person).

    `source`, `target`: government indices; `source_row`: their row at the source;
    `home_x`, `home_y`: their home in the scenario's frame; `reason`: why they move.
    """

    source: np.ndarray
    target: np.ndarray
    source_row: np.ndarray
    home_x: np.ndarray
    home_y: np.ndarray
    reason: np.ndarray  # object: "redistribution" | "request"
    columns: dict[str, np.ndarray] = field(default_factory=dict)
    competence: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), np.float32))
    nip: np.ndarray = field(default_factory=lambda: np.zeros(0, object))  # '' if none
    home_gov: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    home_district: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))

    @property
    def n(self) -> int:
        """People in transit."""
        return int(self.source.size)

    def take(self, index: np.ndarray) -> Migrants:
        """The people at positions `index`."""
        return Migrants(**{f.name: ({k: v[index] for k, v in self.columns.items()}
                                    if f.name == "columns" else getattr(self, f.name)[index])
                           for f in fields(self)})

    @staticmethod
    def concat(parts: list[Migrants]) -> Migrants | None:
        """One table of several (None when there is none)."""
        parts = [p for p in parts if p.n]
        if not parts:
            return None
        cat = np.concatenate
        return Migrants(**{f.name: ({k: cat([p.columns[k] for p in parts]) for k in CARRIED}
                                    if f.name == "columns"
                                    else cat([getattr(p, f.name) for p in parts]))
                           for f in fields(Migrants)})


def seats_km(seats: dict[int, tuple[float, float]], a: np.ndarray,
             b: np.ndarray) -> np.ndarray:
    """Km between the seats of governments `a` and `b` (elementwise; the move's distance)."""
    xa, ya = np.array([seats[g] for g in np.asarray(a).tolist()], np.float64).reshape(-1, 2).T
    xb, yb = np.array([seats[g] for g in np.asarray(b).tolist()], np.float64).reshape(-1, 2).T
    return exactmath.hypot(xa - xb, ya - yb)


def seat_local(model: WorkforceModel) -> tuple[float, float]:
    """The government's seat in its own frame: its first district's centre."""
    w = model.world
    return float(w.district_x[0]), float(w.district_y[0])


def pack(model: WorkforceModel, member: Member, rows: np.ndarray, target: np.ndarray,
         reason: str, origin: dict[int, tuple[int, int]]) -> Migrants:
    """What people `rows` of `member` carry to governments `target` (they stay for now).

    `origin` gives, for people who came from elsewhere, their home government and its
    district; the others' home is a district of `member`.
    """
    E, w = model.employees, model.world
    sx, sy = seat_local(model)
    home = E.home[rows]
    came = [origin.get(r, (member.index, int(h))) for r, h in zip(rows.tolist(),
                                                                   home.tolist(),
                                                                   strict=True)]
    return Migrants(
        source=np.full(rows.size, member.index, np.int32),
        target=np.asarray(target, np.int32),
        source_row=rows.astype(np.int64),
        home_x=(member.x_km + (w.district_x[home] - sx)).astype(np.float64),
        home_y=(member.y_km + (w.district_y[home] - sy)).astype(np.float64),
        reason=np.full(rows.size, reason, object),
        columns={c: getattr(E, c)[rows].copy() for c in CARRIED},
        competence=E.competence[rows].copy(),
        nip=(np.asarray(w.person_ids(rows), object) if w.nip is not None
             else np.full(rows.size, "", object)),
        home_gov=np.array([g for g, _ in came], np.int64).reshape(-1),
        home_district=np.array([d for _, d in came], np.int64).reshape(-1))


def eligible(model: WorkforceModel, role: int | None = None) -> np.ndarray:
    """Rows that may move to another government: active PNS, settled, not near retirement.

    The scenario's own rules apply (`mutation.constraints`: months in position, months
    before retirement); PPPK are appointed by one government for their contract
    (assumption: they do not move between governments).
    """
    E, w = model.employees, model.world
    c = w.params.mutation.constraints
    ok = (E.active & (E.employment == 0)
          & (w.now - E.moved_at >= c.min_months_in_position)
          & (E.retire_at - w.now > c.retirement_buffer_months))
    if role is not None:
        ok &= E.role == role
    return np.flatnonzero(ok)


def pick(model: WorkforceModel, role: int, count: int, rng: np.random.Generator,
         taken: np.ndarray) -> np.ndarray:
    """`count` eligible people in `role`, from the units most over their need first.

    Each unit's surplus is its staff in the role minus the role's required FTE there;
    people are taken one at a time from the unit with the largest remaining surplus
    (ties: the lower unit), at random within a unit (`rng`). Rows marked in `taken`
    (picked by another order) are left. Fewer when not enough are eligible.
    """
    rows = eligible(model, role)
    rows = rows[~taken[rows]]
    if count <= 0 or rows.size == 0:
        return rows[:0]
    units = model.employees.unit[rows].astype(np.int64)
    staff = model.world.staff()[:, role].astype(np.float64)
    surplus = staff - model.workload.required_fte[:, role]
    per_unit = np.bincount(units, minlength=staff.size)
    take = capped_greedy(surplus, min(count, rows.size), per_unit)
    shuffled = rows[rng.permutation(rows.size)]
    order = np.argsort(units[np.searchsorted(rows, shuffled)], kind="stable")
    shuffled = shuffled[order]
    unit_of = model.employees.unit[shuffled]
    first = np.searchsorted(unit_of, np.arange(staff.size))
    chosen = [shuffled[first[u]:first[u] + take[u]] for u in np.flatnonzero(take)]
    return np.sort(np.concatenate(chosen)) if chosen else rows[:0]


def capped_greedy(gap: np.ndarray, k: int, cap: np.ndarray) -> np.ndarray:
    """`place_most_understaffed` with at most `cap[u]` for unit u (k <= cap.sum())."""
    take = np.zeros(gap.size, np.int64)
    left = k
    while left > 0:
        room = cap - take
        if not np.any(room > 0):
            break
        counts = np.minimum(place_most_understaffed(
            np.where(room > 0, gap - take, -np.inf), left), room)
        if counts.sum() == 0:
            break
        take += counts
        left -= int(counts.sum())
    return take


def admit(model: WorkforceModel, member: Member, people: Migrants,
          seats: dict[int, tuple[float, float]]) -> tuple[np.ndarray, np.ndarray]:
    """Append `people` to `member`'s table, in its units most short of their role.

    `seats` gives every source government's seat in the scenario's frame. Returns the
    new rows and the km each moved (between the two governments' seats).
    """
    w, E, U = model.world, model.employees, model.units
    k = people.n
    role = people.columns["role"].astype(np.int64)
    unit = np.empty(k, np.int64)
    gap = model.workload.required_fte - model.workload.capacity_fte
    for r in np.unique(role):
        at = np.flatnonzero(role == r)
        need = np.flatnonzero(model.workload.required_fte[:, r] > 0)
        cand = need if need.size else np.arange(U.n)
        counts = place_most_understaffed(gap[cand, r], at.size)
        unit[at] = np.repeat(cand, counts)
    rows = np.arange(*E.append(k).indices(E.n))
    for c in CARRIED:
        getattr(E, c)[rows] = people.columns[c]
    E.competence[rows] = people.competence
    if w.nip is not None:  # a roster named by NIP: they keep theirs
        w.arrived_nip.update((r, n) for r, n in zip(rows.tolist(), people.nip.tolist(),
                                                    strict=True) if n)
    E.active[rows] = True
    E.unit[rows] = unit
    E.cell[rows] = unit * U.n_roles + role
    E.n_moves[rows] += 1
    E.retire_at[rows] = retirement_month(E.birth[rows], w.bup_by_position[E.position[rows]])
    w.retirements.add(rows, E.retire_at[rows])
    sx, sy = seat_local(model)
    places = {}
    for g in np.unique(people.home_gov).tolist():
        if g == member.index:
            continue  # back home: their own district again
        name = f"@{g}"  # their home government's seat, added once
        places[g] = (w.district_names.index(name) if name in w.district_names else
                     w.add_place(name, sx + seats[g][0] - member.x_km,
                                 sy + seats[g][1] - member.y_km))
    E.home[rows] = np.array([d if g == member.index else places[g] for g, d in zip(
        people.home_gov.tolist(), people.home_district.tolist(), strict=True)], np.int16)
    E.fit[rows] = w.compatibility[E.occupation[rows], role]
    w.refresh_competence(rows)
    occ_distance = w.occ_distance[E.occupation[rows], role]
    d, tau = difficulty(w, rows, unit, occ_distance)
    d, tau = with_interventions(w.params.interventions, d, tau)
    model.adaptation.start(w, rows, d, tau)
    w.hired(rows)
    return rows, seats_km(seats, people.source, np.full(k, member.index))
