"""Calibration: does a region's status quo look like the national statistics?

The targets are data (`scenarios/calibration/targets.yaml`): what is measured, the
target value, the tolerance and the source, with `assumption: true` where no public
figure exists. Each target names a measure below:

- start measures read the roster at the start (January of `start_year`): the region
  is built from the scenario's seed, the same in every replication;
- run measures read the status quo (policy `none`) over the first years, one value
  per replication; the mean over replications is compared with the target and its
  95% t-interval is reported with it.

A target passes when |model - value| <= tolerance. `run_sim.py calibration` prints the
table and exits 1 if any target fails; tests/test_calibration.py checks the default
region.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..core.errors import UserError
from ..core.exactmath import pow_scalar
from ..core.text import Joined, Message
from ..results.analysis import mean_ci
from ..scenario.loading import SCENARIO_DIR, describe_error, load_scenario
from ..scenario.scenario import Scenario
from ..simulation.metrics import METRICS
from ..simulation.model import WorkforceModel
from .experiment import Experiment
from .messages import ExpMsg

TARGETS_FILE = SCENARIO_DIR / "calibration" / "targets.yaml"


# ------------------------------------------------------------------ start measures
def _pns(m: WorkforceModel) -> np.ndarray:
    E = m.employees
    return E.active & (E.employment == 0)


def pns_age_share(m: WorkforceModel, low: int, high: int, per_year: bool = False) -> float:
    """Share of PNS aged `low`-`high` (completed years) at the start.

    With `per_year`, the share per single year of age in that band.
    """
    E, pns = m.employees, _pns(m)
    age = (m.world.start - E.birth[pns]) // 12
    share = float(np.mean((age >= low) & (age <= high)))
    return share / (high - low + 1) if per_year else share


def pns_due_to_retire(m: WorkforceModel, years: int) -> float:
    """PNS of the start roster reaching their BUP in years 1-`years`, per year.

    A share of PNS at the start, as BKN counts PNS retirements (exits come on top).
    """
    E, pns = m.employees, _pns(m)
    due = E.retire_at[pns] < m.world.start + 12 * years
    return float(np.mean(due)) / years


def pns_due_in_year(m: WorkforceModel, year: int) -> float:
    """PNS of the start roster reaching their BUP in year `year` of the run (1 = the first).

    A share of PNS at the start, as `pns_due_to_retire`, for one year: the retirement
    profile year by year, where a ten-year mean would hide a hole or a cliff.
    """
    E, pns = m.employees, _pns(m)
    first = m.world.start + 12 * (year - 1)
    due = (E.retire_at[pns] >= first) & (E.retire_at[pns] < first + 12)
    return float(np.mean(due))


def pns_age_smoothness(m: WorkforceModel, low: int, high: int,
                       bup: int | None = None) -> float:
    """The lowest count of PNS at one age `low`-`high` over the mean of its two neighbours.

    Ages are completed years at the start; with `bup`, only PNS of that retirement age
    (BUP). A single year of age with under half its neighbours' density (a value
    below 0.5) is a hole in the age pyramid (issue 22: nobody with BUP 58 aged 49-50).
    An age whose neighbours are both empty is skipped.
    """
    E, pns = m.employees, _pns(m)
    age = (m.world.start - E.birth[pns]) // 12
    if bup is not None:
        age = age[(E.retire_at[pns] - E.birth[pns] - 1) // 12 == bup]
    count = np.array([np.sum(age == a) for a in range(low - 1, high + 2)], float)
    around = (count[:-2] + count[2:]) / 2
    ratios = count[1:-1][around > 0] / around[around > 0]
    return float(np.min(ratios)) if ratios.size else float("nan")


def pns_service_share(m: WorkforceModel, low: int, high: int) -> float:
    """Share of PNS with `low`-`high` completed years of service at the start."""
    E, pns = m.employees, _pns(m)
    years = (m.world.start - E.hire_at[pns]) // 12
    return float(np.mean((years >= low) & (years <= high)))


def pns_female_share(m: WorkforceModel) -> float:
    """Share of women among PNS at the start."""
    return float(np.mean(m.employees.female[_pns(m)]))


def pppk_share(m: WorkforceModel) -> float:
    """Share of PPPK among active staff at the start."""
    E = m.employees
    return float(np.mean(E.employment[E.active] == 1))


def ej_band_share(m: WorkforceModel, band: str) -> float:
    """Share of unit-roles with need whose EJ (need / staff, ABK) is in `band` at the start."""
    table = m.needs_table()
    with_need = table[table["required_fte"] > 0]
    return float(np.mean(with_need["ej_category"] == band)) if len(with_need) else 0.0


# ------------------------------------------------------------------ run measures
def yearly_flow_rate(ts: pd.DataFrame, transfers: pd.DataFrame, flow: str, first_year: int,
                     last_year: int) -> float:
    """Mean over years `first_year`-`last_year` of the year's `flow` / staff at its start."""
    rates = []
    for year in range(first_year, last_year + 1):
        months = ts["month"].between(12 * (year - 1) + 1, 12 * year)
        staff = ts.loc[ts["month"] == 12 * (year - 1), "n_active"].iloc[0]
        rates.append(ts.loc[months, flow].sum() / staff)
    return float(np.mean(rates))


def yearly_growth(ts: pd.DataFrame, transfers: pd.DataFrame, stock: str) -> float:
    """Mean yearly relative change of `stock` from the start to the horizon."""
    years = ts["month"].max() / 12
    first = ts.loc[ts["month"] == 0, stock].iloc[0]
    last = ts.loc[ts["month"] == ts["month"].max(), stock].iloc[0]
    return pow_scalar(float(last / first), 1 / years) - 1


def own_request_rate(ts: pd.DataFrame, transfers: pd.DataFrame) -> float:
    """Own-request transfers executed a year over mean active staff."""
    years = ts["month"].max() / 12
    done = (transfers["policy"] == "request") & (transfers["outcome"] == "executed")
    return float(done.sum() / years / ts["n_active"].mean())


START_MEASURES: dict[str, Callable[..., float]] = {
    f.__name__: f for f in (pns_age_share, pns_due_to_retire, pns_due_in_year,
                            pns_age_smoothness, pns_service_share, pns_female_share,
                            pppk_share, ej_band_share)}
RUN_MEASURES: dict[str, Callable[..., float]] = {
    f.__name__: f for f in (yearly_flow_rate, yearly_growth, own_request_rate)}
MEASURES = START_MEASURES | RUN_MEASURES


class Target(BaseModel):
    """One calibration target (a row of the targets file)."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, strict=True)

    key: str = Field(min_length=1)
    what_id: str = Field(min_length=1)
    what_en: str = Field(min_length=1)
    measure: str
    args: dict[str, Any] = Field(default_factory=dict)
    value: float
    tolerance: float = Field(ge=0)
    source: str = Field(min_length=1)
    assumption: bool = False


def load_targets(path: str | Path | None = None) -> list[Target]:
    """The targets in `path` (default: the built-in file), every problem reported at once."""
    path = Path(path) if path else TARGETS_FILE
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UserError(ExpMsg.targets_unreadable(path=path, why=str(exc.strerror or exc))) \
            from None
    except yaml.YAMLError as exc:
        raise UserError(ExpMsg.targets_not_yaml(path=path, why=str(exc))) from None
    if not isinstance(raw, list) or not raw:
        raise UserError(ExpMsg.targets_not_list(path=path))
    targets, problems, seen = [], [], set()
    for i, item in enumerate(raw, 1):
        name = item.get("key", f"#{i}") if isinstance(item, dict) else f"#{i}"
        where = ExpMsg.target_where(i=i, name=name)
        if isinstance(item, dict) and isinstance(item.get("tolerance"), int):
            item = {**item, "tolerance": float(item["tolerance"])}
        if isinstance(item, dict) and isinstance(item.get("value"), int) \
                and not isinstance(item.get("value"), bool):
            item = {**item, "value": float(item["value"])}
        try:
            target = Target.model_validate(item)
        except ValidationError as exc:
            # pydantic's complaints in the reader's language, as the scenario loader shows them
            problems += [ExpMsg.target_field(where=where, why=describe_error(e),
                                          loc=".".join(map(str, e["loc"])) or ExpMsg.target_entry)
                         for e in exc.errors()]
            continue
        if target.key in seen:
            problems.append(ExpMsg.target_key_twice(where=where, key=target.key))
        seen.add(target.key)
        if target.measure not in MEASURES:
            problems.append(ExpMsg.measure_unknown(where=where, measure=target.measure,
                                                known=", ".join(MEASURES)))
            continue
        signature = inspect.signature(MEASURES[target.measure])
        fixed = 1 if target.measure in START_MEASURES else 2  # the model, or the run's tables
        params = list(signature.parameters)[fixed:]
        try:
            signature.bind(*[None] * fixed, **target.args)
        except TypeError:
            problems.append(ExpMsg.args_do_not_fit(where=where, args=target.args,
                                                measure=target.measure,
                                                params=", ".join(params) or ExpMsg.no_arguments))
            continue
        problems += [ExpMsg.target_problem(where=where, problem=p) for p in _check_args(target)]
        targets.append(target)
    if problems:
        raise UserError(ExpMsg.targets_problems(path=path, n=len(problems),
                                             problems=Joined(problems, "\n  ")))
    return targets


def _check_args(t: Target) -> list[Message]:
    """What is wrong with a target's argument values (names are checked by binding)."""
    a, out = t.args, []
    for name in ("flow", "stock"):
        if name in a and a[name] not in METRICS:
            out.append(ExpMsg.arg_not_metric(name=name, value=a[name]))
    for name in ("low", "high", "first_year", "last_year", "years", "year", "bup"):
        if name in a and (isinstance(a[name], bool) or not isinstance(a[name], int)
                          or a[name] < 0):
            out.append(ExpMsg.arg_not_whole(name=name, value=a[name]))
    if not out and a.get("low", 0) > a.get("high", 10**6):
        out.append(ExpMsg.arg_low_above_high(low=a["low"], high=a["high"]))
    if not out and not 1 <= a.get("first_year", 1) <= a.get("last_year", 10**6):
        out.append(ExpMsg.arg_years_order())
    for name in ("years", "year"):
        if not out and a.get(name, 1) < 1:
            out.append(ExpMsg.arg_at_least_1(name=name))
    return out


def _measure(t: Target, *data) -> float:
    """One measure's value, a failure reported as the target's problem (exit 2)."""
    try:
        value = float(MEASURES[t.measure](*data, **t.args))
    except UserError:
        raise  # already a message for the planner, in both languages
    except (ArithmeticError, IndexError, KeyError, TypeError, ValueError) as exc:
        raise UserError(ExpMsg.measure_failed(key=t.key, measure=t.measure, args=t.args,
                                           kind=type(exc).__name__, why=str(exc))) from None
    if not np.isfinite(value):
        raise UserError(ExpMsg.measure_not_finite(key=t.key, measure=t.measure, args=t.args))
    return value


def calibrate(scenario: Scenario | str | None = None, targets: list[Target] | None = None,
              replications: int = 4, years: int = 10, jobs: int = 1,
              quiet: bool = True) -> pd.DataFrame:
    """Measure every target on the scenario's status quo; one row per target.

    Columns: key, what_id, what_en, model, ci_low, ci_high, value, tolerance, low, high,
    passed, source, assumption.
    """
    targets = targets if targets is not None else load_targets()
    scenario = load_scenario(scenario, {"policy": "none"})
    needed = max([t.args.get("last_year", 1) for t in targets if t.measure in RUN_MEASURES],
                 default=0)
    if years < needed:
        raise UserError(ExpMsg.years_too_few(years=years, needed=needed))
    start = WorkforceModel(scenario)
    runs: list[tuple[pd.DataFrame, pd.DataFrame]] = []
    if any(t.measure in RUN_MEASURES for t in targets):
        exp = Experiment(scenario, ["none"], replications=replications, years=years, jobs=jobs)
        runs = [(r.timeseries, r.transfers) for r in exp.run(quiet=quiet)]
    rows = []
    for t in targets:
        if t.measure in START_MEASURES:
            value, low, high = _measure(t, start), np.nan, np.nan
        else:
            per_run = [_measure(t, ts, tr) for ts, tr in runs]
            value, low, high, _ = mean_ci(np.array(per_run))
        rows.append({
            "key": t.key, "what_id": t.what_id, "what_en": t.what_en,
            "model": value, "ci_low": low, "ci_high": high,
            "value": t.value, "tolerance": t.tolerance,
            "low": t.value - t.tolerance, "high": t.value + t.tolerance,
            "passed": bool(abs(value - t.value) <= t.tolerance + 1e-12),
            "source": t.source, "assumption": t.assumption,
        })
    return pd.DataFrame(rows)


# ------------------------------------------------------------ analytic projection
FEEDBACKS_OFF = {
    "policy": "none",
    "recruitment.replacement_rate": 0.0,
    "mutation.requests.rate_per_year": 0.0,
    "demography.overload_exit_factor": 0.0,
    "demography.morale_exit_factor": 0.0,
}


def projected_headcount(m: WorkforceModel, months: int) -> np.ndarray:
    """Expected active staff at months 0..`months` of the initial roster, analytically.

    With recruitment, moves and the feedbacks on exits off (`FEEDBACKS_OFF`), a person
    present at the start is present at month t if their retirement month has not come
    (`retire_at` >= now: retirement on the first day of `retire_at` takes them off
    the roll in the next run month), they have not exited (monthly hazard by age,
    `exit_rate_by_age`) and, for PPPK, each contract end so far was renewed
    (`pppk_renewal_prob`); the sum of these probabilities over the roster is the
    expected headcount the simulation's mean must match (docs/VALIDATION.md).
    """
    E, p = m.employees, m.params.demography
    rows = np.flatnonzero(E.active)
    hazard = m.demography.hazard_by_age
    birth, retire = E.birth[rows].astype(np.int64), E.retire_at[rows].astype(np.int64)
    pppk = E.employment[rows] == 1
    first_end = E.contract_end[rows].astype(np.int64)
    length = p.pppk_contract_years * 12
    stay = np.ones(rows.size)
    out = [float(rows.size)]
    for t in range(1, months + 1):
        now = m.world.start + t
        here = retire >= now
        age = np.clip((now - birth) // 12, 0, hazard.size - 1)
        stay = stay * np.where(here, 1.0 - hazard[age], 0.0)
        ends = np.where(pppk & (first_end <= now) & (first_end < retire),
                        1 + (now - first_end) // length, 0)
        renewed = np.ones(rows.size)  # renewal_prob ** ends, by multiplications only
        for k in range(1, int(ends.max(initial=0)) + 1):
            renewed = renewed * np.where(ends >= k, p.pppk_renewal_prob, 1.0)
        out.append(float(np.sum(stay * renewed)))
    return np.asarray(out)
