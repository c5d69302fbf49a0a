"""Test a planner's own transfer list: check every row, then run it against the status quo.

A Baperjakat/BKPSDM team edits the tool's draft (deletes rows, changes destinations,
adds people) or writes its own list. `evaluate`:

1. **reads** the list: the plan workbook (`run_sim.py plan`, sheet `usulan_mutasi` or
   `moves`) or a plain CSV/XLSX list with the employee (NIP; the built-in region's row
   number), the destination unit code, and optionally the position, the round
   (YYYY-MM) and an override mark. Cells are read as text exactly as the file held
   them (`scenario.readers`): a NIP Excel stored as a number is refused, never guessed.
2. **checks** each row: person known and not a simulated recruit, one row per person,
   unit and position known, round a mutation round within the horizon; then, on the
   state at the round (the first replication's seed, as the draft plan), every
   constraint the model applies, by the model's own table (`processes.constraints`):
   eligibility, tenure, months to retirement, distance, home district, the source's
   minimum staffing and the yearly budgets; and the destination's ABK must hold the
   position. A row breaking an overridable rule (or posting someone where the ABK has
   no such post) runs only if the planner marked it; every other problem refuses it. Every row
   read is either run or refused with its reason: nothing is dropped.
3. **runs** the rows that pass as the proposals of their round(s) (`ListedMoves`), with
   paired replications against the status quo (`none`) and, with `--against POLICY`,
   against the tool's own draft of that policy for the same round (what `plan` writes,
   as a list too). After the listed round(s) every arm goes on as the status quo (own
   requests only), so the differences are those of the list.

`experiments.evaluate_book` adds what each move did over the replications and writes
the workbook a planner reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..core.errors import UserError
from ..core.rng import RandomStreams, replication_seeds
from ..core.text import Joined, Message
from ..core.vocab import EXIT_CODE, ExitReason
from ..policies.listed import ListedMoves
from ..processes import constraints
from ..reporting.labels import LANGS
from ..reporting.messages_plan import COLUMNS as PLAN_COLUMNS
from ..reporting.messages_plan import SHEETS as PLAN_SHEETS
from ..scenario.messages_region import FileMsg
from ..scenario.readers import EXCEL, RegionDataError
from ..scenario.scenario import Scenario
from ..scenario.tables import Column, read_table, text
from ..world.world import World
from . import list_cells as cells
from .messages_evaluate import ListMsg, RowMsg
from .plan import PlannedRounds, _label, _passing, pick_round, plan_rounds


def _headers(key: str, *more: str) -> tuple[str, ...]:
    """A column's names: the plan workbook's header in both languages, then plain names."""
    return (*(PLAN_COLUMNS[key][lang] for lang in LANGS), *more)


# the list's columns; a plan workbook's other columns are read past
LIST_COLUMNS = [
    Column("employee", True, "NIP pegawai (wilayah bawaan: nomor baris pegawai)",
           "the employee's NIP (built-in region: the employee's row number)",
           _headers("employee", "nip", "nip_pegawai", "pegawai", "employee_id")),
    Column("to_unit_code", True, "kode unit tujuan", "the destination unit's code",
           _headers("to_unit_code", "kode_unit_tujuan", "kode_tujuan", "kode_unit",
                    "unit_code", "destination_code")),
    Column("to_unit_name", False, "nama unit tujuan (bila ada, harus cocok dengan kodenya)",
           "the destination unit's name (if given, it must match its code)",
           _headers("to_unit", "nama_unit_tujuan", "unit_tujuan")),
    Column("to_role", False, "jabatan tujuan (kosong: jabatan sekarang)",
           "the destination position (empty: the present one)",
           _headers("to_role", "jabatan_tujuan", "jabatan", "role", "position")),
    Column("round", False, "putaran mutasi YYYY-MM (kosong: putaran berikutnya)",
           "the mutation round YYYY-MM (empty: the next round)",
           _headers("round", "putaran", "bulan", "month")),
    Column("override", False, "'ya' untuk menjalankan meski melanggar aturan",
           "'yes' to run despite a rule", _headers("override", "kecualikan_aturan",
                                                   "kecualikan", "override_rules")),
]


@dataclass
class CheckedList:
    """A list read and checked: one row per row of the file, and the moves that run.

    `rows` has the file's row number (`file_row`), the cells as written, the resolved
    move (`employee_id`, `to_unit`, `to_role`, `month`; -1 where unresolved), the
    planner's `override` mark, the `status` (run / run_override / refused) and the
    `problem` (a `Message`, None when the row runs plainly). `listed` proposes the
    rows that run, in the file's order; `planned` is the check's simulation.
    """

    rows: pd.DataFrame
    listed: ListedMoves
    planned: PlannedRounds
    path: Path

    @property
    def n_run(self) -> int:
        """Rows that run (plainly or with a rule overridden)."""
        return int((self.rows["status"] != "refused").sum())

    @property
    def n_refused(self) -> int:
        """Rows refused, each with its reason."""
        return int((self.rows["status"] == "refused").sum())

    def listed_labels(self, scenario: Scenario) -> list[str]:
        """The rounds the list runs in, as YYYY-MM."""
        return [_label(scenario, m) for m in self.listed.months]

    @property
    def n_overridden(self) -> int:
        """Rows that run with a rule overridden by the planner's mark."""
        return int((self.rows["status"] == "run_override").sum())

    def problems(self, lang: str, limit: int = 10) -> str:
        """The refused rows as lines 'row N: reason' (the first `limit`, then a count)."""
        return _problem_lines(self.rows[self.rows["status"] == "refused"], lang, limit)


def read_list(path: Path) -> pd.DataFrame:
    """The list's rows as text, with `_row` the file's row number (`read_table`).

    A workbook is read at its moves sheet (`usulan_mutasi` or `moves`), or its only
    sheet; a CSV as it is.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (*EXCEL, ".csv", ".txt"):
        raise UserError(ListMsg.not_a_list(path=path))
    if not path.is_file():  # the region reader's hint would point at the scenario's files
        raise UserError(ListMsg.not_found(path=path))
    sheet = PLAN_SHEETS["moves"]["id"]
    if suffix in EXCEL and path.is_file():
        try:
            names = pd.ExcelFile(path, engine="calamine").sheet_names
        except Exception:  # noqa: BLE001 (read_table reports an unreadable workbook)
            names = []
        sheet = next((PLAN_SHEETS["moves"][lang] for lang in LANGS
                      if PLAN_SHEETS["moves"][lang] in names), sheet)
    try:
        return read_table(path, sheet, LIST_COLUMNS)
    except RegionDataError as exc:  # what is wrong, with a list's fix (not a region's)
        message = exc.message
        if isinstance(message, Message) and "what" in message.fields:
            raise UserError(FileMsg.failed(path=path, what=message.fields["what"],
                                           fix=ListMsg.fix_list())) from None
        raise


def check_list(scenario: Scenario, path: str | Path, when: str | None = None,
               lang: str = "id") -> CheckedList:
    """Read the list at `path` and check every row; UserError when no row can run.

    `when` (YYYY-MM) is the round of rows that name none (default: the next round).
    """
    path = Path(path)
    raw = read_list(path)
    default_month = pick_round(scenario, when)
    world = World.build(scenario, RandomStreams(replication_seeds(scenario.seed, 1)[0]))
    rows = _resolve(raw, world, scenario, default_month, lang)
    ok = rows["problem"].isna().to_numpy()
    months = sorted(set(rows.loc[ok, "month"].tolist()))
    if not months:
        raise UserError(ListMsg.nothing_runs(path=path, read=len(rows),
                                             problems=_problem_lines(
                                                 rows[rows["problem"].notna()], lang)))
    trial = _listed("list", rows[ok])
    planned = plan_rounds(scenario, trial, months)
    _judge(rows, planned, scenario)
    run = rows["status"] != "refused"
    if not run.any():
        raise UserError(ListMsg.nothing_runs(path=path, read=len(rows),
                                             problems=_problem_lines(rows, lang)))
    return CheckedList(rows, _listed("list", rows[run]), planned, path)


def draft_list(scenario: Scenario, policy, month: int) -> tuple[ListedMoves, PlannedRounds]:
    """The tool's own draft of `policy` for the round `month`, as a list (what `plan` writes)."""
    planned = plan_rounds(scenario, policy, [month])
    d = _passing(planned.records[month])
    rows = d["employee_id"]
    return ListedMoves("draft", np.full(rows.size, month), rows, d["to_unit"],
                       d["to_role"]), planned


# ------------------------------------------------------------------ the rows
def _listed(name: str, rows: pd.DataFrame) -> ListedMoves:
    return ListedMoves(name, rows["month"].to_numpy(np.int64),
                       rows["employee_id"].to_numpy(np.int64),
                       rows["to_unit"].to_numpy(np.int64), rows["to_role"].to_numpy(np.int64),
                       rows["override"].to_numpy(bool))


def _problem_lines(bad: pd.DataFrame, lang: str, limit: int = 10) -> str:
    """Rows as lines 'row N: reason' (the first `limit`, then how many more)."""
    lines = [ListMsg.problem_row(row=int(r.file_row), reason=r.problem).render(lang)
             for r in bad.head(limit).itertuples()]
    if len(bad) > limit:
        lines.append(ListMsg.more(n=len(bad) - limit).render(lang))
    return "\n".join(lines)


def _resolve(raw: pd.DataFrame, world: World, scenario: Scenario, default_month: int,
             lang: str) -> pd.DataFrame:
    """Every row of the file with its move resolved, and its first problem (None: none)."""
    people, p_people = cells.people(raw, world)
    units, p_units = cells.units(raw, world)
    roles, p_roles = cells.roles(raw, world, people)
    months, p_months = cells.months(raw, scenario, default_month)
    override, p_override = cells.overrides(raw)
    first_row: dict[int, int] = {}
    problems: list[Message | None] = []
    for i, file_row in enumerate(raw["_row"].tolist()):
        found = next((p for p in (p_people[i], p_units[i], p_roles[i], p_months[i],
                                  p_override[i]) if p is not None), None)
        if found is None and people[i] in first_row:  # the first row of a person counts
            found = RowMsg.duplicate(value=text(raw, "employee").iloc[i],
                                     first=first_row[people[i]])
        if found is None:
            first_row[int(people[i])] = int(file_row)
        problems.append(found)
    return pd.DataFrame({
        "file_row": raw["_row"].to_numpy(np.int64),
        "employee": text(raw, "employee").to_numpy(object),
        "to_unit_code": text(raw, "to_unit_code").to_numpy(object),
        "to_role_given": text(raw, "to_role").to_numpy(object),
        "round_given": text(raw, "round").to_numpy(object),
        "employee_id": people, "to_unit": units, "to_role": roles, "month": months,
        "override": override,
        "problem": pd.Series(problems, dtype=object),
        "status": np.where([p is None for p in problems], "run", "refused").astype(object),
        "waived": "",
    })


def _judge(rows: pd.DataFrame, planned: PlannedRounds, scenario: Scenario) -> None:
    """The model's own constraints at each round, on the check's simulation: in place.

    A listed person not proposed in their round had left by then; a proposal blocked
    by a rule is refused (an overridable one names the override column); one carried
    out by the planner's override says which rule it breaks.
    """
    candidates = rows.index[rows["problem"].isna()]
    E = planned.model.world.employees
    need = planned.model.world.units.demand > 0  # [unit, role]: the ABK has this post
    for month, record in planned.records.items():
        listed = np.flatnonzero(record.source == "list")
        at = {int(record.moves.employee_id[k]): k for k in listed}
        label = _label(scenario, month)
        for i in candidates[rows.loc[candidates, "month"].to_numpy() == month]:
            k = at.get(int(rows.at[i, "employee_id"]))
            if k is None:
                # retired by the BUP before the round: certain, in every replication;
                # an exit or a contract not renewed happened in this draw only: it runs,
                # and the replications say how often the person had left by then
                row = int(rows.at[i, "employee_id"])
                if E.exit_reason[row] == EXIT_CODE[ExitReason.retirement]:
                    rows.at[i, "problem"] = RowMsg.retired(round=label)
                    rows.at[i, "status"] = "refused"
                else:
                    rows.at[i, "problem"] = RowMsg.left_by_chance(round=label)
                continue
            blocked, waived = str(record.blocked[k]), str(record.waived[k])
            if not blocked and not need[rows.at[i, "to_unit"], rows.at[i, "to_role"]]:
                # a post the destination's ABK does not hold: the planner must mean it
                if rows.at[i, "override"]:
                    rows.at[i, "problem"] = RowMsg.no_need_overridden()
                    rows.at[i, "status"] = "run_override"
                else:
                    rows.at[i, "problem"] = RowMsg.no_need()
                    rows.at[i, "status"] = "refused"
                continue
            if blocked:
                rule = constraints.label(blocked)
                overridable = constraints.TABLE[blocked].overridable
                rows.at[i, "problem"] = (RowMsg.breaks(rule=rule) if overridable
                                         else RowMsg.cannot(rule=rule))
                rows.at[i, "status"] = "refused"
            elif waived:
                rows.at[i, "problem"] = RowMsg.waived(rule=Joined(
                    [constraints.label(name) for name in waived.split(",")], "; "))
                rows.at[i, "status"] = "run_override"
                rows.at[i, "waived"] = waived
