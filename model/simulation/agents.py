"""Mesa agents as thin views: each `Employee` or `Unit` holds only its row number.

Reading or writing a property reads or writes the model's column tables, so agent
code and the vectorised processes always see the same state. Agents are created
when the model starts (small regions) or on first access of `model.agents` (large
regions, where a million Python objects would cost more than the simulation). The
month never touches them: leavers lose their view and recruits get one when the views
are next read (`model.agents`, `model.agents_by_type`).
"""

from __future__ import annotations

from typing import Any

import mesa
import numpy as np

from ..core.vocab import AREA_TYPES, EXIT_REASONS, POSITION_TYPES


def _column(name: str, doc: str, codes: list[str] | str | None = None,
            writable: bool = False) -> property:
    """Property reading column `name` of the employee table at this row.

    Only plain attributes are writable (morale, performance). Unit, role, activity and
    the derived columns change only through the model (moves, `World.leave`), which
    keeps the cell index, role fit, competence and the flows consistent.
    """

    def get(self: Employee) -> Any:
        value = getattr(self.model.employees, name)[self.row]
        if isinstance(codes, str):  # names of the region's vocabulary
            return getattr(self.model.world.vocab, codes)[int(value)]
        return codes[int(value)] if codes is not None else value.item()

    def set_(self: Employee, value: Any) -> None:
        getattr(self.model.employees, name)[self.row] = value

    return property(get, set_ if writable else None, doc=doc)


class Employee(mesa.Agent):
    """One civil servant (ASN), a view over row `row` of `model.employees`."""

    def __init__(self, model: mesa.Model, row: int) -> None:
        super().__init__(model)
        self.row = int(row)

    active = _column("active", "In service.")
    unit_row = _column("unit", "Row of the unit the employee works in.")
    occupation = _column("occupation", "Occupation (what they are trained for).", "occupations")
    role = _column("role", "Role (occupation slot) filled in the unit.", "occupations")
    position_type = _column("position", "Position type (sets the BUP).", POSITION_TYPES)
    performance = _column("performance", "Performance score 0-1.", writable=True)
    morale = _column("morale", "Morale 0-1.", writable=True)
    productivity = _column("prod", "Productivity this month (fit x adaptation x morale).")
    adaptation = _column("adapt", "Adaptation factor 1 - D exp(-t/tau).")
    exit_reason = _column("exit_reason", "Why the employee left ('active' if in service).",
                          EXIT_REASONS)

    @property
    def employment(self) -> str:
        """'PNS' or 'PPPK'."""
        return "PPPK" if self.model.employees.employment[self.row] else "PNS"

    @property
    def age_years(self) -> float:
        """Age in years this month."""
        return (self.model.now - int(self.model.employees.birth[self.row])) / 12.0

    @property
    def months_in_position(self) -> int:
        """Months since the last move or hire."""
        return self.model.now - int(self.model.employees.moved_at[self.row])

    @property
    def unit(self) -> Unit:
        """The `Unit` agent the employee works in."""
        return self.model.unit_agents[int(self.model.employees.unit[self.row])]

    def __repr__(self) -> str:
        return f"Employee(row={self.row}, {self.occupation} at unit {self.unit_row})"


class Unit(mesa.Agent):
    """One service unit (school, puskesmas, office), a view over row `row` of `model.units`."""

    def __init__(self, model: mesa.Model, row: int) -> None:
        super().__init__(model)
        self.row = int(row)

    @property
    def name(self) -> str:
        """Unit name."""
        return str(self.model.units.names[self.row])

    @property
    def agency(self) -> str:
        """Agency (dinas) the unit belongs to."""
        return self.model.world.vocab.agency_names[int(self.model.units.agency[self.row])]

    @property
    def kind(self) -> str:
        """Unit kind, as named in the scenario."""
        return self.model.units.kind_names[int(self.model.units.kind[self.row])]

    @property
    def area_type(self) -> str:
        """Area type of the unit's district."""
        return AREA_TYPES[int(self.model.units.area[self.row])]

    @property
    def hardness(self) -> float:
        """Hardness index 0-1."""
        return float(self.model.units.hardness[self.row])

    @property
    def required_fte(self) -> float:
        """Required FTE (all roles) this month."""
        return float(self.model.required_fte[self.row].sum())

    @property
    def capacity_fte(self) -> float:
        """Effective capacity in FTE (all roles) this month."""
        return float(self.model.capacity_fte[self.row].sum())

    @property
    def load_ratio(self) -> float:
        """Required / capacity over all roles (inf with need but no capacity)."""
        cap = self.capacity_fte
        return self.required_fte / cap if cap > 0 else (np.inf if self.required_fte else 0.0)

    @property
    def staff(self) -> int:
        """Active staff in the unit."""
        E = self.model.employees
        return int(np.count_nonzero(E.active & (E.unit == self.row)))

    def __repr__(self) -> str:
        return f"Unit(row={self.row}, {self.name!r})"
