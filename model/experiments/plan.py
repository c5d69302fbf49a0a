"""A draft transfer plan: the moves a policy proposes in the next round, to act on.

`draft_plan` runs the region from its starting state (the first replication's seed)
up to the round and keeps the proposals of that round that pass every constraint:
exactly the rows the simulation's transfer log shows as executed, forced or refused
in that month (a test checks it). Each move gets what a planner weighs: who (NIP for
an imported roster, row number otherwise), from and to, role, the reason in plain
words, the checks it passed, the refusal risk, the months to adapt, the cost and the
expected change in unmet hours at both units. A second table gives the units
before and after the plan (every move carried out, everyone adapted) and a third
the assumptions. `write_plan` writes them as one workbook.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..core import exactmath
from ..core.errors import UserError
from ..core.rng import replication_seeds
from ..reporting.labels import CHECK_LABELS, reason_label, role_label, t
from ..scenario.params import Scenario
from ..simulation.model import WorkforceModel

ADAPTED = 0.05  # productivity within 5 % of full: "adapted" for the months column


@dataclass
class Plan:
    """The three sheets of a draft plan and the round they are for."""

    moves: pd.DataFrame
    units: pd.DataFrame
    assumptions: pd.DataFrame
    round_label: str


def round_months(scenario: Scenario) -> list[int]:
    """Run months (1 = January of start_year) holding a mutation round, within the horizon."""
    months = scenario.mutation.months
    return [m for m in range(1, scenario.years * 12 + 1) if (m - 1) % 12 + 1 in months]


def _label(scenario: Scenario, month: int) -> str:
    year, m = divmod(scenario.start_year * 12 + month - 1, 12)
    return f"{year}-{m + 1:02d}"


def pick_round(scenario: Scenario, when: str | None) -> int:
    """The run month of `when` (YYYY-MM), or of the next round; UserError if none."""
    rounds = round_months(scenario)
    if not rounds:
        raise UserError("plan: the scenario holds no mutation round within its horizon "
                        "(mutation.months, years)")
    if when is None:
        return rounds[0]
    try:
        year, month = (int(x) for x in when.split("-"))
        if not 1 <= month <= 12:
            raise ValueError
    except ValueError:
        raise UserError(f"--round {when!r}: expected YYYY-MM, e.g. "
                        f"{_label(scenario, rounds[0])}") from None
    run_month = (year - scenario.start_year) * 12 + month
    if run_month not in rounds:
        shown = ", ".join(_label(scenario, m) for m in rounds[:6])
        raise UserError(f"--round {when}: no mutation round that month; rounds are held in "
                        f"months {scenario.mutation.months} from {scenario.start_year}: "
                        f"{shown}, ...")
    return run_month


def _unmet(required: np.ndarray, capacity: np.ndarray) -> np.ndarray:
    return np.maximum(required - capacity, 0.0)


def _months_to_adapt(d: np.ndarray, tau: np.ndarray) -> np.ndarray:
    """Months until productivity is within ADAPTED of full: tau x ln(D / ADAPTED)."""
    logs = np.array([exactmath.log_scalar(float(x) / ADAPTED) if x > ADAPTED else 0.0
                     for x in np.asarray(d, float)])
    return np.asarray(tau, float) * logs


def draft_plan(scenario: Scenario, policy: str | list[str], when: str | None = None,
               lang: str = "id") -> Plan:
    """The proposals of the round `when` (default: the next) that pass every constraint."""
    month = pick_round(scenario, when)
    seed = replication_seeds(scenario.seed, 1)[0]
    model = WorkforceModel(scenario, rng=seed, policy=policy, record_units=False)
    model.mutation.keep_detail = True
    for _ in range(month):
        model.mutation.detail = None
        model.step()
    detail = model.mutation.detail or _empty_detail(model)
    world, hours = model.world, scenario.workload.effective_hours
    vocab, U = world.vocab, world.units
    codes = U.codes if U.codes is not None else np.arange(U.n).astype(str)
    rows = detail["employee_id"]
    who = world.person_ids(rows)
    req, pot = detail["required_fte"], detail["potential_fte"]
    fu, fr, tu, tr = (detail[k] for k in ("from_unit", "from_role", "to_unit", "to_role"))
    out_before, in_before = _unmet(req[fu, fr], pot[fu, fr]), _unmet(req[tu, tr], pot[tu, tr])
    out_after = _unmet(req[fu, fr], pot[fu, fr] - detail["fte_out"])
    in_after = _unmet(req[tu, tr], pot[tu, tr] + detail["fte_in"])
    roles = np.asarray(vocab.occupations, object)
    checks = _checks(scenario, lang)
    moves = pd.DataFrame({
        "employee": who,
        "from_unit_code": codes[fu], "from_unit": U.names[fu],
        "from_role": [vocab.label(r) or role_label(r, lang) for r in roles[fr]],
        "to_unit_code": codes[tu], "to_unit": U.names[tu],
        "to_role": [vocab.label(r) or role_label(r, lang) for r in roles[tr]],
        "policy": detail["policy"],
        "reason": [reason_label(r, lang) for r in detail["reason"]],
        "checks_passed": checks,
        "refusal_risk": np.round(detail["refusal_prob"], 3),
        "adaptation_months": np.round(_months_to_adapt(detail["adapt_d"],
                                                       detail["adapt_tau"]), 1),
        "distance_km": np.round(detail["distance_km"], 1),
        "cost_idr": np.round(detail["cost_idr"]),
        "unmet_hours_change_from": np.round((out_after - out_before) * hours, 0),
        "unmet_hours_change_to": np.round((in_after - in_before) * hours, 0),
    })
    units = _unit_sheet(detail, world, codes, roles, hours, lang)
    label = _label(scenario, month)
    return Plan(moves, units, _assumptions(scenario, policy, label, seed, lang), label)


def _empty_detail(model: WorkforceModel) -> dict[str, np.ndarray]:
    w = model.mutation.workload
    e = np.empty(0, np.int64)
    return {"employee_id": e, "from_unit": e, "from_role": e, "to_unit": e, "to_role": e,
            "policy": np.empty(0, object), "reason": np.empty(0, object),
            "refusal_prob": np.empty(0), "distance_km": np.empty(0), "cost_idr": np.empty(0),
            "adapt_d": np.empty(0), "adapt_tau": np.empty(0), "fte_out": np.empty(0),
            "fte_in": np.empty(0), "potential_fte": w.capacity_fte,
            "required_fte": w.required_fte, "staff": w.staff(model.world)}


def _checks(scenario: Scenario, lang: str) -> str:
    """The constraints every planned move passed, in words."""
    c = scenario.mutation.constraints
    checks = [("not_eligible", ""), ("min_tenure", c.min_months_in_position),
              ("near_retirement", c.retirement_buffer_months), ("one_per_round", "")]
    if c.max_distance_km is not None:
        checks.append(("max_distance", f"{c.max_distance_km:g}"))
    if c.stay_in_home_district:
        checks.append(("home_district", ""))
    checks.append(("min_staffing", c.min_staff_per_role))
    if c.max_moves_per_year is not None:
        checks.append(("budget_moves", ""))
    if c.budget_idr_per_year is not None:
        checks.append(("budget_idr", ""))
    i = 0 if lang == "id" else 1
    return "; ".join(CHECK_LABELS[name][i].format(value) for name, value in checks)


def _unit_sheet(detail, world, codes, roles, hours: float, lang: str) -> pd.DataFrame:
    """Every unit-role the plan touches: staff, need, capacity and unmet hours before/after."""
    req, pot, staff = detail["required_fte"], detail["potential_fte"], detail["staff"]
    after, staff_after = pot.copy(), staff.astype(np.int64).copy()
    np.subtract.at(after, (detail["from_unit"], detail["from_role"]), detail["fte_out"])
    np.add.at(after, (detail["to_unit"], detail["to_role"]), detail["fte_in"])
    np.subtract.at(staff_after, (detail["from_unit"], detail["from_role"]), 1)
    np.add.at(staff_after, (detail["to_unit"], detail["to_role"]), 1)
    cells = sorted(set(zip(detail["from_unit"].tolist(), detail["from_role"].tolist(),
                           strict=True))
                   | set(zip(detail["to_unit"].tolist(), detail["to_role"].tolist(),
                             strict=True)))
    u = np.array([c[0] for c in cells], np.int64)
    r = np.array([c[1] for c in cells], np.int64)
    U = world.units
    return pd.DataFrame({
        "unit_code": codes[u] if u.size else [], "unit": U.names[u] if u.size else [],
        "role": [world.vocab.label(x) or role_label(x, lang) for x in roles[r]],
        "staff_before": staff[u, r].astype(np.int64), "staff_after": staff_after[u, r],
        "need_fte": np.round(req[u, r], 2),
        "capacity_fte_before": np.round(pot[u, r], 2),
        "capacity_fte_after": np.round(after[u, r], 2),
        "unmet_hours_before": np.round(_unmet(req[u, r], pot[u, r]) * hours),
        "unmet_hours_after": np.round(_unmet(req[u, r], after[u, r]) * hours),
    })


def _assumptions(scenario: Scenario, policy, label: str, seed: int,
                 lang: str) -> pd.DataFrame:
    c = scenario.mutation.constraints
    policy = "+".join(policy) if isinstance(policy, list) else policy
    rows = [
        ("round", label, "putaran mutasi yang direncanakan", "the mutation round planned"),
        ("policy", policy, "kebijakan yang mengusulkan", "the proposing policy"),
        ("scenario", scenario.name, "skenario", "scenario"),
        ("seed", str(seed), "benih acak replikasi pertama (rencana yang sama untuk benih "
         "yang sama)", "the first replication's seed (same seed, same plan)"),
        ("rows", "", "usulan yang lolos semua batasan pada putaran itu, sama dengan log "
         "mutasi simulasi (dilaksanakan, dipaksakan atau ditolak pegawai)",
         "proposals passing every constraint in that round, as in the simulation's "
         "transfer log (executed, forced or refused by the employee)"),
        ("refusal_risk", "", "peluang pegawai berkeberatan (model respons)",
         "probability that the employee objects (the response model)"),
        ("adaptation_months", f"{ADAPTED:.0%}", "bulan sampai produktivitas dalam 5 % dari "
         "penuh: tau x ln(D / 0,05)", "months until productivity is within 5 % of full: "
         "tau x ln(D / 0.05)"),
        ("unmet_hours", f"{scenario.workload.effective_hours:g}",
         "jam per tahun: (kebutuhan - kapasitas potensial) x jam efektif; potensial = "
         "semua pegawai telah beradaptasi; perubahan per pindahan dihitung sendiri-sendiri",
         "hours per year: (need - potential capacity) x effective hours; potential = "
         "everyone adapted; each move's change is counted on its own"),
        ("unit_sheet", "", "sesudah = semua pindahan dalam rencana dilaksanakan",
         "after = every move of the plan carried out"),
        ("min_months_in_position", str(c.min_months_in_position), "", ""),
        ("retirement_buffer_months", str(c.retirement_buffer_months), "", ""),
        ("max_moves_per_year", str(c.max_moves_per_year), "", ""),
        ("budget_idr_per_year", str(c.budget_idr_per_year), "", ""),
        ("names", "", "nama pegawai tidak pernah disalin ke hasil; pegawai disebut dengan NIP",
         "names are never copied into results; employees are named by NIP"),
    ]
    i = 2 if lang == "id" else 3
    return pd.DataFrame({t("plan_item", lang): [r[0] for r in rows],
                         t("plan_value", lang): [r[1] for r in rows],
                         t("plan_meaning", lang): [r[i] for r in rows]})


PLAN_COLUMNS = {
    "employee": ("NIP / pegawai", "NIP / employee"),
    "from_unit_code": ("Kode unit asal", "From unit code"),
    "from_unit": ("Unit asal", "From unit"),
    "from_role": ("Jabatan asal", "From role"),
    "to_unit_code": ("Kode unit tujuan", "To unit code"),
    "to_unit": ("Unit tujuan", "To unit"),
    "to_role": ("Jabatan tujuan", "To role"),
    "policy": ("Pengusul", "Proposed by"),
    "reason": ("Alasan", "Reason"),
    "checks_passed": ("Batasan yang dipenuhi", "Constraints passed"),
    "refusal_risk": ("Risiko keberatan", "Refusal risk"),
    "adaptation_months": ("Bulan adaptasi", "Adaptation months"),
    "distance_km": ("Jarak (km)", "Distance (km)"),
    "cost_idr": ("Biaya (Rp)", "Cost (IDR)"),
    "unmet_hours_change_from": ("Perubahan jam tak terpenuhi unit asal (jam/tahun)",
                                "Change in unmet hours, from unit (h/year)"),
    "unmet_hours_change_to": ("Perubahan jam tak terpenuhi unit tujuan (jam/tahun)",
                              "Change in unmet hours, to unit (h/year)"),
    "unit_code": ("Kode unit", "Unit code"),
    "unit": ("Unit", "Unit"),
    "role": ("Jabatan", "Role"),
    "staff_before": ("Pegawai sebelum", "Staff before"),
    "staff_after": ("Pegawai sesudah", "Staff after"),
    "need_fte": ("Kebutuhan (FTE)", "Need (FTE)"),
    "capacity_fte_before": ("Kapasitas sebelum (FTE)", "Capacity before (FTE)"),
    "capacity_fte_after": ("Kapasitas sesudah (FTE)", "Capacity after (FTE)"),
    "unmet_hours_before": ("Jam tak terpenuhi sebelum (jam/tahun)",
                           "Unmet hours before (h/year)"),
    "unmet_hours_after": ("Jam tak terpenuhi sesudah (jam/tahun)",
                          "Unmet hours after (h/year)"),
}


def check_plan_path(path: Path, overwrite: bool = False) -> Path:
    """The plan's workbook path, refused before a run if it cannot be written."""
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise UserError(f"--out {path}: the plan is a workbook; give a file name ending in "
                        ".xlsx")
    if path.exists() and not overwrite:
        raise UserError(f"--out {path}: the file exists; plan never overwrites a file\n"
                        "  fix: give another name, or add --force")
    return path


def write_plan(plan: Plan, path: Path, lang: str = "id", overwrite: bool = False) -> Path:
    """Write the plan as a workbook of three sheets (moves, units, assumptions)."""
    path = check_plan_path(path, overwrite)
    i = 0 if lang == "id" else 1
    names = {k: v[i] for k, v in PLAN_COLUMNS.items()}
    sheets = (("usulan_mutasi" if lang == "id" else "moves", plan.moves.rename(columns=names)),
              ("unit" if lang == "id" else "units", plan.units.rename(columns=names)),
              ("asumsi" if lang == "id" else "assumptions", plan.assumptions))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with pd.ExcelWriter(path, engine="openpyxl") as book:
            for sheet, df in sheets:
                df.to_excel(book, sheet_name=sheet, index=False)
    except OSError as exc:
        raise UserError(f"--out {path}: cannot write ({exc.strerror or exc})") from None
    return path
