"""Run a checked list against the status quo (and the tool's draft) and say what it did.

The arms are `none` (the status quo), `list` (the planner's rows that passed the
check, `evaluate.CheckedList`) and, with `against`, `draft` (the tool's own draft of
that policy for the list's first round, `evaluate.draft_list`). They are paired
replications of one `Experiment` (common random numbers: replication r of every arm
has the same seed), written as a results folder like `compare`'s, plus
`evaluation.xlsx` (`reporting.evaluation_book`): the paired findings, every row of the
file with its status, each move's details at the round and what it did over the
replications.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..core.text import LANGS
from ..reporting.audit_words import audit_findings, audit_sheet
from ..reporting.evaluation_book import BOOK_NAME, write_evaluation_book
from ..reporting.findings import comparison_findings
from ..reporting.labels import policy_label
from ..reporting.outputs import Written
from ..reporting.report_text import REPORT_TEXT
from ..results.analysis import summarise
from ..results.files import read_table
from ..scenario.scenario import Scenario
from .evaluate import CheckedList, check_list, draft_list
from .experiment import Experiment, policy_setting
from .messages_evaluate import ListMsg
from .plan import _label, round_plan

OUTCOMES = ("executed", "forced", "refused", "blocked")  # then: not in the round
AUDIT_TITLE = REPORT_TEXT["audit"]


@dataclass
class Evaluation:
    """What `evaluate` found: the checked list, the paired summaries, each move's fate.

    `summary` pairs every arm with the status quo (`summary.csv`); `versus_draft` pairs
    the list with the tool's draft (None without `against`); `moves` has one row per
    move that ran, its details at the round (as a plan's) and the share of
    replications in which it was executed, forced, refused, blocked or not proposed
    (the person had left by the round).
    """

    checked: CheckedList
    against: str | None
    summary: pd.DataFrame
    versus_draft: pd.DataFrame | None
    moves: pd.DataFrame
    written: Written
    out: Path


def evaluate(scenario: Scenario, path: str | Path, out: str | Path, against: str | None = None,
             when: str | None = None, lang: str = "id", overwrite: bool = False,
             jobs: int = 1, executor: str = "pool", scheduler: str | None = None,
             scheduler_timeout: float = 10.0, formats: str = "auto",
             quiet: bool = True) -> Evaluation:
    """Check the list at `path`, run it against the status quo (and `against`'s draft).

    `scenario` carries the replications, years and seed. Writes the results folder
    `out` (with `evaluation.xlsx`); UserError before anything runs when the list or
    `against` cannot be used.
    """
    from ..core.errors import UserError

    if against is not None and policy_setting(against) == "none":
        raise UserError(ListMsg.against_twice(policy=against))
    checked = check_list(scenario, path, when, lang)
    arms: dict[str, Any] = {"list": checked.listed}
    first = checked.listed.months[0]
    if against is not None:
        Experiment(scenario, [against])  # the policy is checked before anything runs
        arms["draft"], _ = draft_list(scenario, policy_setting(against), first)
    exp = Experiment(scenario, ["none", *arms], arms=arms, jobs=jobs, executor=executor,
                     scheduler=scheduler, scheduler_timeout=scheduler_timeout,
                     formats=formats)
    found: dict[str, Any] = {}

    def book(folder: Path, written: Written) -> None:
        ts = read_table(folder, "timeseries")
        found["versus_draft"] = summarise(ts, "draft") if "draft" in arms else None
        found["moves"], explained = _moves(scenario, checked, folder, written, lang)
        audit = audit_findings(written.audit, scenario.mutation.audit, lang)
        about = _about(scenario, checked, against, first)
        write_evaluation_book(
            folder / BOOK_NAME, lang, summary=written.summary,
            findings=comparison_findings(written.summary, scenario.years, lang)
            + [(AUDIT_TITLE[lang], audit)], audit=audit_sheet(written.audit, lang),
            versus_draft=found["versus_draft"],
            draft_findings=_versus_draft_findings(found["versus_draft"], scenario.years,
                                                  lang),
            rows=_rows_sheet(checked, lang), moves=found["moves"], explanations=explained,
            about=about)
        _write_json(folder / "evaluation.json", about, checked)

    written = exp.run_and_write(Path(out), lang=lang, overwrite=overwrite, quiet=quiet,
                                extras=book)
    return Evaluation(checked, against, written.summary, found["versus_draft"],
                      found["moves"], written, Path(out))


def _versus_draft_findings(versus_draft: pd.DataFrame | None, years: int,
                           lang: str) -> list[tuple[str, list[str]]]:
    """The list's findings against the tool's draft (the draft as the baseline)."""
    if versus_draft is None:
        return []
    title = f"{policy_label('list', lang)} − {policy_label('draft', lang)}"
    sections = comparison_findings(versus_draft, years, lang)
    return [(title, items) for name, items in sections if name == policy_label("list", lang)]


def _moves(scenario: Scenario, checked: CheckedList, folder: Path, written: Written,
           lang: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The moves that ran (a plan's columns, fates over runs) and their explanations."""
    plans = [round_plan(scenario, checked.planned, month, "list", lang)
             for month in checked.listed.months]
    moves = pd.concat([p.moves for p in plans], ignore_index=True)
    explained = pd.concat([p.explanations for p in plans], ignore_index=True)
    moves = moves.drop(columns=["override", "policy", "person_choice"])
    run = checked.rows[checked.rows["status"] != "refused"]
    key = dict(zip(zip(run["employee_id"].astype(np.int64), run["month"].astype(np.int64),
                       strict=True), run.itertuples(), strict=True))
    world = checked.planned.model.world
    ids = {str(p): int(r) for r, p in zip(run["employee_id"],
                                          world.person_ids(run["employee_id"].to_numpy()),
                                          strict=True)}
    labels = {_label(scenario, m): m for m in checked.listed.months}
    rows = [key[(ids[str(e)], labels[r])] for e, r in zip(moves["employee"], moves["round"],
                                                          strict=True)]
    # a row that runs although its person left in the check's draw has no details at
    # the round; it is listed too, with what it did over the replications
    shown = {(int(r.employee_id), int(r.month)) for r in rows}
    extra = [r for r in run.itertuples() if (int(r.employee_id), int(r.month)) not in shown]
    if extra:
        U = world.units
        moves = pd.concat([moves, pd.DataFrame({
            "employee": world.person_ids(np.array([r.employee_id for r in extra])),
            "round": [_label(scenario, int(r.month)) for r in extra],
            "to_unit_code": [r.to_unit_code for r in extra],
            "to_unit": [U.names[int(r.to_unit)] for r in extra],
            "reason": [r.problem.render(lang) for r in extra]})], ignore_index=True)
        rows += extra
    moves.insert(0, "file_row", [int(r.file_row) for r in rows])
    moves.insert(moves.columns.get_loc("reason") + 1, "override_rule",
                 [r.problem.render(lang) if r.status == "run_override" else "" for r in rows])
    fates = _fates(folder, written, world.nip is not None)
    reps = int(written.summary["n_replications"].max())
    person = moves["employee"].astype(str)
    month = moves["round"].map(labels).astype(np.int64)
    for outcome in OUTCOMES:
        counts = fates.get(outcome, {})
        moves[f"share_{outcome}"] = [counts.get((p, m), 0) / reps
                                     for p, m in zip(person, month, strict=True)]
    moves["share_not_proposed"] = 1.0 - moves[[f"share_{o}" for o in OUTCOMES]].sum(axis=1)
    return moves.round({f"share_{o}": 3 for o in (*OUTCOMES, "not_proposed")}), explained


def _fates(folder: Path, written: Written, by_nip: bool) -> dict[str, dict]:
    """Outcome -> {(person, month): replications} of the list's own moves."""
    who = "nip" if by_nip else "employee_id"
    log = read_table(folder, "transfers", ["run_policy", "policy", "month", who, "outcome"])
    log = log[(log["run_policy"] == "list") & (log["policy"] == "list")]
    kind = log["outcome"].astype(str).str.partition(":")[0]
    out: dict[str, dict] = {}
    for outcome, g in log.groupby(kind):
        out[outcome] = g.groupby([g[who].astype(str), g["month"].astype(np.int64)]).size() \
            .to_dict()
    return out


def _rows_sheet(checked: CheckedList, lang: str) -> pd.DataFrame:
    """Every row of the file: the cells as written, the status, and the reason."""
    from .messages_evaluate import STATUS

    r = checked.rows
    return pd.DataFrame({
        "file_row": r["file_row"], "employee": r["employee"],
        "to_unit_code": r["to_unit_code"], "to_role": r["to_role_given"],
        "round": r["round_given"], "override": r["override"],
        "status": [STATUS[s][lang] for s in r["status"]],
        "problem": [p.render(lang) if p is not None else "" for p in r["problem"]],
    })


def _write_json(path: Path, about: dict[str, Any], checked: CheckedList) -> None:
    """`evaluation.json`: the facts and every row not run plainly, in both languages.

    The report reads it (in whichever language it is written, now or later).
    """
    rows = [{"row": int(r.file_row), "employee": str(r.employee), "status": r.status,
             **{lang: r.problem.render(lang) for lang in LANGS}}
            for r in checked.rows.itertuples() if r.problem is not None]
    path.write_text(json.dumps({**about, "rows": rows}, ensure_ascii=False, indent=1) + "\n",
                    encoding="utf-8")


def _about(scenario: Scenario, checked: CheckedList, against: str | None,
           first: int) -> dict[str, Any]:
    """What the evaluation rests on, for its assumptions sheet."""
    return {"file": checked.path.name, "scenario": scenario.name,
            "rounds": ", ".join(_label(scenario, m) for m in checked.listed.months),
            "draft_round": _label(scenario, first), "against": against,
            "replications": scenario.replications, "years": scenario.years,
            "seed": scenario.seed, "read": len(checked.rows), "run": checked.n_run,
            "refused": checked.n_refused,
            "overridden": checked.n_overridden}
