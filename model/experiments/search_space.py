"""What a policy search varies and what it scores: levers on their grids, objectives.

The levers are the planner's levers of `scenario/levers.py`, each on the grid of its
dashboard control (its step, inside its declared range), so that every candidate is a
setting a planner can type, a slider can show and the scenario accepts, and the same
candidate is the same values to the bit (what the search's store is keyed by). A number
lever is an integer index into its grid for the optimiser (pymoo's `Integer`), a yes/no
lever a `Binary`, the policy a `Choice` among the built-in policies (or those given,
compositions included).

An objective is a metric of the METRICS table, summarised per run as the results
folder does, or `cost_total_idr` (the sum of the cost metrics), minimised or maximised.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

from ..core.errors import UserError
from ..core.text import Text
from ..policies import POLICIES
from ..reporting.search import COST_TOTAL, objective_label
from ..scenario.levers import LEVER_BY_KEY, LEVERS, Lever, idle_levers, overrides
from ..scenario.scenario import Scenario
from ..simulation.metrics import COST_METRICS, METRICS, metric_key
from .messages_search import SearchMsg

DEFAULT_OBJECTIVES = ("p_unmet", COST_TOTAL, "new_moves", "fair_max_hard_ratio")
# the recruitment rate is searched only when asked for: the model prices no salaries, so
# hiring more would look free against the total cost (`unpriced_hiring`)
UNPRICED = ("replacement_rate",)
DEFAULT_LEVERS = tuple(lev.key for lev in LEVERS if lev.key not in UNPRICED)


@dataclass(frozen=True)
class SearchLever:
    """One lever as the search varies it: its grid (numbers), options (policy) or yes/no."""

    lever: Lever
    low: float = 0.0  # numbers: the grid's first value (shown units)
    count: int = 0  # numbers: how many values the grid has
    options: tuple[str, ...] = ()  # the policy: the choices

    @property
    def key(self) -> str:
        """The lever's key (as `scenario.levers` names it)."""
        return self.lever.key

    def value(self, code: Any) -> Any:
        """The lever value (shown units, plain Python) of an optimiser's code."""
        if self.lever.kind == "choice":  # the choices' tokens ('none' or a number)
            return self.lever.from_token(code)
        if self.options:
            return str(code)
        if self.lever.kind == "bool":
            return bool(code)
        v = self.low + int(code) * self.lever.step
        return int(round(v)) if self.lever.kind == "int" else round(v, 10)

    def variable(self) -> Any:
        """The pymoo variable of this lever."""
        from pymoo.core.variable import Binary, Choice, Integer

        if self.options:
            return Choice(options=list(self.options))
        if self.lever.kind == "bool":
            return Binary()
        return Integer(bounds=(0, self.count - 1))


def lever_space(scenario: Scenario, keys: list[str] | None = None,
                ranges: dict[str, tuple[float, float]] | None = None,
                policies: list[str] | None = None) -> list[SearchLever]:
    """The levers a search varies, in declaration order (`keys`: None = every lever).

    `ranges` narrows a number lever (shown units) inside its declared range; `policies`
    are the policy lever's choices (default: every built-in policy; 'a+b' composes).
    A lever outside `keys` keeps the scenario's value; by default every lever but the
    recruitment rate (`UNPRICED`) is searched.
    """
    keys = list(DEFAULT_LEVERS) if keys is None else keys
    unknown = [k for k in keys if k not in LEVER_BY_KEY]
    if unknown:
        raise UserError(SearchMsg.unknown_lever(lever=unknown[0],
                                                known=", ".join(LEVER_BY_KEY)))
    numbers = [k for k in keys if LEVER_BY_KEY[k].kind in ("int", "float")]
    for k in ranges or {}:  # a range on anything but a searched number would do nothing
        if k not in numbers:
            raise UserError(SearchMsg.range_not_searched(lever=k, numbers=", ".join(numbers)))
    out = []
    for lever in LEVERS:
        if lever.key not in keys:
            continue
        if lever.kind == "select":
            out.append(SearchLever(lever, options=tuple(_policy_options(policies))))
        elif lever.kind == "choice":
            out.append(SearchLever(lever, options=tuple(lever.token(c)
                                                         for c in lever.choices)))
        elif lever.kind == "bool":
            out.append(SearchLever(lever))
        else:
            lo, hi = lever.bounds(scenario)
            if ranges and lever.key in ranges:
                lo, hi = _narrowed(lever, ranges[lever.key], (lo, hi))
            first = math.ceil(lo / lever.step - 1e-9)
            last = math.floor(hi / lever.step + 1e-9)
            out.append(SearchLever(lever, low=first * lever.step, count=last - first + 1))
    if not out:
        raise UserError(SearchMsg.no_lever(known=", ".join(LEVER_BY_KEY)))
    return out


def _narrowed(lever: Lever, wanted: tuple[float, float],
              declared: tuple[float, float]) -> tuple[float, float]:
    lo, hi = wanted
    if lo > hi:
        raise UserError(SearchMsg.range_form(spec=f"{lever.key}={lo:g}:{hi:g}"))
    if not (declared[0] <= lo <= hi <= declared[1]):
        raise UserError(SearchMsg.range_outside(lever=lever.text, low=lo, high=hi,
                                                 declared_low=declared[0],
                                                 declared_high=declared[1]))
    if math.floor(hi / lever.step + 1e-9) < math.ceil(lo / lever.step - 1e-9):
        raise UserError(SearchMsg.range_no_step(lever=lever.text, low=lo, high=hi,
                                                step=lever.step))
    return lo, hi


def _policy_options(policies: list[str] | None) -> list[str]:
    if not policies:
        return list(POLICIES)
    for spec in policies:
        parts = spec.split("+")
        for part in parts:
            if part not in POLICIES:
                raise UserError(SearchMsg.unknown_policy(policy=part,
                                                          known=", ".join(POLICIES)))
        if len(parts) > 1 and ("none" in parts or len(set(parts)) < len(parts)):
            raise UserError(SearchMsg.composition(policy=spec))
    if len(set(policies)) != len(policies):
        raise UserError(SearchMsg.policy_twice(policies=", ".join(policies)))
    return list(policies)


def unpriced_hiring(space: list[SearchLever], objs: list[Objective]) -> bool:
    """Whether the recruitment rate is searched while no objective counts the recruits.

    The total cost holds moves, training, allowances and socialisation, not salaries:
    hiring more then only lowers unmet need, and the search would call it free.
    """
    searched = {lev.key for lev in space}
    return bool(searched & set(UNPRICED)) and not any(o.key == "new_recruits" for o in objs)


def decode(space: list[SearchLever], x: dict[str, Any]) -> dict[str, Any]:
    """Lever values (shown units) of an optimiser's candidate `x` (a dict by lever key)."""
    return {lev.key: lev.value(x[lev.key]) for lev in space}


def canonical(values: dict[str, Any], defaults: dict[str, Any]) -> dict[str, Any]:
    """A full setting with the levers that cannot act set to the scenario's values.

    The share per round does nothing under a policy without it (`none`), nor the
    allowance's amount without the allowance: settings that differ only there are the
    same candidate (one set of runs, one row of the front).
    """
    out = dict(values)
    for key in idle_levers(out):
        out[key] = defaults[key]
    return out


def candidate_key(values: dict[str, Any]) -> str:
    """The candidate's identity in the store: its lever values as canonical JSON."""
    return json.dumps(values, sort_keys=True, separators=(",", ":"))


def scenario_overrides(values: dict[str, Any], scenario: Scenario) -> dict[str, Any]:
    """The scenario overrides of a candidate (its policy's share included)."""
    values = dict(values)
    values.setdefault("policy", scenario.policy_label)
    return overrides(values, scenario)


@dataclass(frozen=True)
class Objective:
    """A quantity the search minimises (`sense` +1) or maximises (-1), per run."""

    key: str  # a METRICS key or COST_TOTAL
    sense: int

    def of(self, summary: dict[str, float]) -> float:
        """Its value in one run's summary (`results.analysis.run_summary`)."""
        if self.key == COST_TOTAL:
            return float(sum(summary[k] for k in COST_METRICS))
        return float(summary[self.key])

    @property
    def text(self) -> Text:
        """Its label in both languages."""
        return Text(objective_label(self.key, "id"), objective_label(self.key, "en"))

    @property
    def unit(self) -> str:
        """Its unit (as METRICS gives it)."""
        return "IDR" if self.key == COST_TOTAL else METRICS[self.key].unit


def objectives(spec: list[str] | None) -> list[Objective]:
    """Objectives from 'key' or 'key:min' / 'key:max' (default: `DEFAULT_OBJECTIVES`).

    A metric's own better direction decides when not given; one without a direction
    (`new_moves`, the fairness ratios) is minimised: fewer moves, less disparity.
    """
    out: list[Objective] = []
    for item in spec or DEFAULT_OBJECTIVES:
        name, _, sense = item.partition(":")
        name = _quantity(name.strip(), lambda n, known: SearchMsg.unknown_objective(
            objective=n, known=known))
        if sense not in ("", "min", "max"):
            raise UserError(SearchMsg.objective_sense(objective=item))
        better = "down" if name == COST_TOTAL else METRICS[name].better
        sign = (-1 if sense == "max" else 1) if sense else (-1 if better == "up" else 1)
        if any(o.key == name for o in out):
            raise UserError(SearchMsg.objective_twice(objective=name))
        out.append(Objective(name, sign))
    if not out:
        raise UserError(SearchMsg.no_objective())
    return out


def _quantity(name: str, unknown) -> str:
    """The METRICS key of `name` (an alias too) or `COST_TOTAL`.

    `unknown(name, known)` makes the message when it is neither.
    """
    if name == COST_TOTAL:
        return name
    try:
        return metric_key(name)
    except KeyError:
        raise UserError(unknown(name, ", ".join([*METRICS, COST_TOTAL]))) from None


@dataclass(frozen=True)
class Threshold:
    """A planner's threshold on a run's summary: `key` <= or >= `value`."""

    key: str
    op: str  # "<=" or ">="
    value: float

    def met(self, summary: dict[str, float]) -> bool:
        """Whether a summary (or a mean of them) meets it."""
        v = Objective(self.key, 1).of(summary)
        return v <= self.value if self.op == "<=" else v >= self.value


def thresholds(specs: list[str] | None) -> list[Threshold]:
    """Thresholds from 'p_unmet<=0.08', 'cost_total_idr<=5e9', 'mean_morale>=0.8'."""
    out = []
    for spec in specs or []:
        op = "<=" if "<=" in spec else ">=" if ">=" in spec else ""
        name, _, number = spec.partition(op) if op else (spec, "", "")
        try:
            value = float(number)
        except ValueError:
            raise UserError(SearchMsg.threshold_form(threshold=spec)) from None
        name = _quantity(name.strip(), lambda n, known, spec=spec: SearchMsg.threshold_metric(
            threshold=spec, metric=n, known=known))
        out.append(Threshold(name, op, value))
    return out
