"""EMA Workbench adapter: the model as a ready `ReplicatorModel` (optional extra `ema`).

    from model.ema import workforce_model
    from ema_workbench import SequentialEvaluator
    m = workforce_model("salor", replications=4)
    with SequentialEvaluator(m) as ev:
        experiments, outcomes = ev.perform_experiments(
            scenarios=20, policies=3, uncertainty_sampling_kwargs={"rng": 1},
            lever_sampling_kwargs={"rng": 2})

Everything is generated from the declarations, so nothing is typed twice:

- uncertainties: the uncertain inputs (`model.scenario.uncertainty`), each over its
  explored range, named by a valid identifier (`demand__growth_by_agency__health`);
- levers: the planner's levers (`model.scenario.levers`); the policy lever is called
  `mutation_policy` (EMA reserves `policy`), and `max_moves_per_year` is categorical
  with `None` = no cap (an integer parameter cannot say "no cap");
- outcomes: every metric of the METRICS table, summarised per run as the results
  folder does (value at the horizon, total or monthly mean), averaged over the
  replications, with EMA's MINIMIZE/MAXIMIZE from the metric's better direction;
- replications: seeds (`{"seed": s}`), the same for every experiment (common random
  numbers: experiments differ by their inputs, not by their luck).
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

from ..core.errors import UserError
from ..core.rng import replication_seeds
from ..experiments.experiment import summarised_run
from ..scenario.levers import LEVERS, overrides, policy_choices
from ..scenario.loading import load_scenario
from ..scenario.scenario import Scenario
from ..scenario.uncertainty import Uncertain, overrides_for, uncertainties
from ..simulation.metrics import METRICS, metric_key
from .messages import EmaMsg

try:
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="ipyparallel not installed")
        import ema_workbench as ema
except ImportError:  # pragma: no cover - the extra is not installed
    ema = None

POLICY_LEVER = "mutation_policy"  # EMA's experiments already have a `policy` column
CAP_LEVER = "max_moves_per_year"
CAP_CHOICES = (None, 50, 100, 200, 400)  # None: no cap
RESERVED = {"scenario", "policy", "model", "name", "unique_id", "function", "replications",
            "nreplications", "uncertainties", "levers", "outcomes", "constants", "seed"}


class MutasiFunction:
    """The function EMA calls: keyword values in, every metric of one run out.

    A module-level class (not a closure), so multiprocessing evaluators can pickle it.
    """

    def __init__(self, scenario: Scenario, inputs: list[Uncertain], lever_keys: list[str]):
        self.scenario = scenario
        self.inputs = inputs
        self.lever_keys = lever_keys

    def __call__(self, seed: int, **values: Any) -> dict[str, float]:
        """Run one replication with these uncertainty and lever values."""
        known = {u.name for u in self.inputs} | set(self.lever_keys) | {POLICY_LEVER, CAP_LEVER}
        unknown = sorted(set(values) - known)
        if unknown:  # a typo or an EMA Constant would otherwise have no effect, silently
            raise UserError(EmaMsg.unknown_inputs(unknown=", ".join(unknown),
                                               known=", ".join(sorted(known))))
        varied = [u for u in self.inputs if u.name in values]
        found = overrides_for(varied, [values[u.name] for u in varied])
        lever_values = {k: _plain(values[k]) for k in self.lever_keys if k in values}
        # the policy levers (share per round) follow the chosen or the scenario's policy
        lever_values["policy"] = str(values.get(POLICY_LEVER, self.scenario.policy_label))
        found |= overrides(lever_values, self.scenario)
        if CAP_LEVER in values:
            cap = values[CAP_LEVER]
            found["mutation.constraints.max_moves_per_year"] = None if _is_none(cap) else int(cap)
        return summarised_run(self.scenario, found, int(seed))


def _plain(v: Any) -> Any:
    """NumPy scalars as Python values (the scenario validation wants plain types)."""
    return v.item() if isinstance(v, np.generic) else v


def _is_none(v: Any) -> bool:
    return v is None or (isinstance(v, float) and v != v)


def _levers(scenario: Scenario, uncertain: set[str]) -> tuple[list[Any], list[str]]:
    """EMA levers from the lever declarations (in the units the dashboard shows).

    A lever whose parameter is one of the `uncertain` paths is left out: a number is
    either the planner's choice or an uncertainty, not both.
    """
    out, keys = [], []
    for lever in LEVERS:
        if lever.path in uncertain:
            continue
        if lever.key == "policy":
            out.append(ema.CategoricalParameter(POLICY_LEVER, policy_choices(),
                                                default=scenario.policy_label))
            continue
        if lever.kind == "choice":  # the move budget: CAP_LEVER below (EMA's name for it)
            continue
        if lever.kind == "bool":
            out.append(ema.BooleanParameter(lever.key, default=bool(lever.default(scenario))))
        else:
            lo, hi = lever.bounds(scenario)
            kind = ema.IntegerParameter if lever.kind == "int" else ema.RealParameter
            cast = int if lever.kind == "int" else float
            out.append(kind(lever.key, cast(lo), cast(hi), default=lever.default(scenario)))
        keys.append(lever.key)
    out.append(ema.CategoricalParameter(CAP_LEVER, list(CAP_CHOICES)))
    return out, keys


def workforce_model(scenario: Scenario | str | dict = "default", *, replications: int = 8,
                    seed: int | None = None, params: list[str] | None = None,
                    outcomes: list[str] | None = None, levers: bool = True,
                    name: str = "mutasi") -> Any:
    """A ready EMA `ReplicatorModel` of `scenario`.

    Args:
        scenario: a `Scenario`, a built-in name, a YAML path or a mapping.
        replications: seeds per experiment (the same seeds for every experiment).
        seed: the seed the replication seeds derive from (default: the scenario's).
        params: uncertain inputs to vary (paths or names; default all).
        outcomes: METRICS keys to report (default all).
        levers: include the planner's levers (False: uncertainties only).
        name: the EMA model name (a valid identifier).
    """
    if ema is None:
        raise UserError(EmaMsg.not_installed())
    sc = load_scenario(scenario)
    inputs = uncertainties(sc, params)
    lever_params, lever_keys = (_levers(sc, {u.path for u in inputs}) if levers
                                else ([], []))
    names = [u.name for u in inputs] + [p.name for p in lever_params]
    clash = sorted(set(names) & RESERVED)
    assert not clash, f"names reserved by the EMA Workbench: {clash}"
    try:
        outcomes = [metric_key(o) for o in outcomes] if outcomes else list(METRICS)
    except KeyError as exc:
        raise UserError(EmaMsg.outcome_not_metric(outcome=exc.args[0],
                                               known=", ".join(METRICS))) from None
    model = ema.ReplicatorModel(name, function=MutasiFunction(sc, inputs, lever_keys))
    model.uncertainties = [
        (ema.IntegerParameter(u.name, int(u.low), int(u.high), default=int(u.default))
         if u.integer else ema.RealParameter(u.name, u.low, u.high, default=u.default))
        for u in inputs]
    model.levers = lever_params
    kinds = {"down": ema.ScalarOutcome.MINIMIZE, "up": ema.ScalarOutcome.MAXIMIZE}
    model.outcomes = [ema.ScalarOutcome(k, kind=kinds.get(METRICS[k].better,
                                                          ema.ScalarOutcome.INFO),
                                        variable_name=k, function=np.mean)
                      for k in outcomes]
    seeds = replication_seeds(sc.seed if seed is None else seed, replications)
    model.replications = [{"seed": int(s)} for s in seeds]
    return model
