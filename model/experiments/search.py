"""Find the policy, not only compare it: a many-objective search over the planner's levers.

`run_sim.py search SCENARIO` runs NSGA-II on mixed variables (pymoo's
`MixedVariableGA` with rank-and-crowding survival; pymoo rather than the EMA
Workbench's optimiser, which fails on categorical and yes/no levers in 3.0 and
cannot hand a generation to our executors) over the levers of `scenario/levers.py`,
each candidate scored on R replications with common random numbers (the same seeds
for every candidate, so candidates differ by their levers, not their luck):

1. the search: `evaluations` candidates, generation by generation (ask, run, tell);
   the status quo and each built-in policy at the scenario's settings are scored
   beside them as references;
2. the front: the candidates no other dominates on their means, at most
   `front_size` of them (the most isolated, by crowding distance), run again with
   `final_replications`; a candidate another *clearly* dominates then is dropped
   (`pareto.clearly_dominated`);
3. robustness (`search_robust`): the kept candidates over a Latin hypercube sample of
   the uncertain inputs: median, 90th percentile, regret, share meeting thresholds.

Every run is written to `evaluations.csv` when it finishes (`search_store`), so an
interrupted search run again with the same settings (`plan.json`) replays its
optimiser and reuses them: the same seed gives the same front, interrupted or not.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..core.errors import UserError
from ..core.rng import replication_seeds
from ..scenario.levers import LEVERS, STATUS_QUO
from ..scenario.loading import dump_scenario
from ..scenario.scenario import Scenario
from . import search_space as sp
from .executors import Workers
from .experiment import Experiment, summarised_run
from .messages_search import SearchMsg
from .pareto import clearly_dominated, crowding_order, non_dominated
from .search_store import EvaluationStore
from .study_folder import open_study, write_plan

NOMINAL = -1  # the sample point of the scenario as it is (no uncertain input changed)


def run_candidate(scenario: Scenario, overrides: dict[str, Any], point: int, candidate: str,
                  replication: int, seed: int) -> dict[str, Any]:
    """One run of one candidate: every metric summarised (no needs map, no agent views)."""
    return {"point": point, "candidate": candidate, "replication": replication,
            **summarised_run(scenario, overrides, seed)}


def same_setting(key):
    """A duplicate test for pymoo by setting: two codes are one candidate when `key` says so.

    Under the status quo policy the share per round does nothing, nor the allowance's
    amount without the allowance (`search_space.canonical`): such codes are the same
    candidate, so they are not offered (and counted) twice in a generation.
    """
    from pymoo.core.duplicate import ElementwiseDuplicateElimination

    class _Same(ElementwiseDuplicateElimination):
        def is_equal(self, a, b) -> bool:
            return key(a.X) == key(b.X)

    return _Same()


@dataclass
class Candidate:
    """A full lever setting, where it came from, and its runs' summaries."""

    values: dict[str, Any]
    key: str
    reference: str = ""  # "status_quo" or a built-in policy's name; "" for the search's
    generation: int = -1  # the generation that first proposed it (-1: a reference)


@dataclass
class PolicySearch:
    """A many-objective search over the levers of a scenario (see the module docstring).

    Args:
        scenario: a `Scenario`, a built-in name, a YAML path or a mapping.
        evaluations: candidates the optimiser scores (the references come on top).
        replications: paired replications per candidate in the search (default 4).
        final_replications: replications of the front's candidates (default 2R, >= 8).
        levers: the levers varied (keys of `scenario.levers`; None: all).
        ranges: narrower ranges of number levers, {key: (low, high)} in shown units.
        policies: the policy lever's choices (None: every built-in policy).
        objectives: 'key', 'key:min' or 'key:max' (None: `DEFAULT_OBJECTIVES`).
        thresholds: 'key<=value' or 'key>=value', for the short list and robustness.
        robustness: points of the uncertain inputs' Latin hypercube (0: none).
        robust_replications: replications per candidate and point.
        pop_size, front_size: the optimiser's population, the front's largest size.
        years, seed: override the scenario's.
    """

    scenario: Scenario | str | dict
    evaluations: int = 400
    replications: int | None = None
    final_replications: int | None = None
    levers: list[str] | None = None
    ranges: dict[str, tuple[float, float]] | None = None
    policies: list[str] | None = None
    objectives: list[str] | None = None
    thresholds: list[str] | None = None
    robustness: int = 10
    robust_replications: int = 2
    pop_size: int | None = None
    front_size: int = 24
    years: int | None = None
    seed: int | None = None
    candidates: dict[str, Candidate] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        reps = 4 if self.replications is None else self.replications
        exp = Experiment(self.scenario, ["none"], replications=reps, years=self.years,
                         seed=self.seed)
        self.base: Scenario = exp.scenario
        self.reps = self.base.replications
        self.final_reps = self.final_replications or max(2 * self.reps, 8)
        if self.final_reps < self.reps:
            raise UserError(SearchMsg.final_too_few(final=self.final_reps,
                                                    replications=self.reps))
        self.space = sp.lever_space(self.base, self.levers, self.ranges, self.policies)
        self.objs = sp.objectives(self.objectives)
        self.limits = sp.thresholds(self.thresholds)
        least = 2
        if self.evaluations < least:
            raise UserError(SearchMsg.evaluations_too_few(n=self.evaluations, least=least))
        self.pop = self.pop_size or min(40, max(4, self.evaluations // 5))
        self.pop = min(self.pop, self.evaluations)
        self.defaults = {lev.key: lev.default(self.base) for lev in LEVERS}
        self.seeds = replication_seeds(self.base.seed, max(self.final_reps,
                                                           self.robust_replications))
        self.bar: Any = None  # the progress bar of `run`
        from .search_robust import robustness_sample  # checks the uncertain inputs

        self.inputs, self.sample = robustness_sample(
            self.base, self.robustness, {lev.lever.path for lev in self.space})

    # ------------------------------------------------------------------ the plan
    def plan(self) -> dict[str, Any]:
        """The settings the runs depend on (a search resumes only with the same plan)."""
        from importlib import metadata

        text = dump_scenario(self.base)
        return {"scenario": self.base.name, "evaluations": self.evaluations,
                "replications": self.reps, "final_replications": self.final_reps,
                "levers": [lev.key for lev in self.space],
                "grids": {lev.key: [lev.low, lev.count, list(lev.options)] for lev in self.space},
                "objectives": [[o.key, o.sense] for o in self.objs],
                "population": self.pop, "front_size": self.front_size,
                "robustness": self.robustness, "robust_replications": self.robust_replications,
                "sample_digest": hashlib.sha1(self.sample.tobytes()).hexdigest(),
                "years": self.base.years, "seed": self.base.seed,
                "pymoo": metadata.version("pymoo"),
                "scenario_digest": hashlib.sha1(text.encode()).hexdigest()}

    def prepare(self, out: Path, overwrite: bool = False) -> EvaluationStore:
        """Create the search folder, or check it is this search's and load its runs."""
        out = Path(out)
        plan = self.plan()
        store = EvaluationStore(out / "evaluations.csv")
        if open_study(out, plan, overwrite, SearchMsg.out_not_search,
                      SearchMsg.out_other_settings):
            store.load()
            return store
        store.create()
        write_plan(out, plan)  # last: a folder with plan.json has its evaluations.csv
        return store

    # ------------------------------------------------------------------ running
    def setting_key(self, x: dict[str, Any]) -> str:
        """The candidate key of an optimiser's codes (the full, canonical setting)."""
        return sp.candidate_key(sp.canonical({**self.defaults, **sp.decode(self.space, x)},
                                             self.defaults))

    def candidate(self, values: dict[str, Any], reference: str = "",
                  generation: int = -1) -> Candidate:
        """The candidate of a full lever setting (the one already met, if any)."""
        full = sp.canonical({**self.defaults, **values}, self.defaults)
        key = sp.candidate_key(full)
        if key not in self.candidates:
            self.candidates[key] = Candidate(full, key, reference, generation)
        return self.candidates[key]

    def references(self) -> list[Candidate]:
        """The status quo and each built-in policy at the scenario's other settings."""
        from ..policies import POLICIES

        out = [self.candidate(STATUS_QUO, "status_quo")]
        out += [self.candidate({"policy": p}, p) for p in POLICIES if p != "none"]
        return out

    def score(self, workers: Workers, store: EvaluationStore, cands: list[Candidate],
              reps: int, point: int = NOMINAL,
              extra: dict[str, Any] | None = None) -> None:
        """Make the runs of `cands` x replications 0..reps-1 at `point` not yet stored."""
        tasks = []
        for c in cands:
            over = {**sp.scenario_overrides(c.values, self.base), **(extra or {})}
            for r in range(reps):
                if (point, c.key, r) not in store:
                    tasks.append((over, point, c.key, r, self.seeds[r]))
        seen = set()
        tasks = [t for t in tasks if not ((t[2], t[3]) in seen or seen.add((t[2], t[3])))]
        for _, row in workers.map(run_candidate, tasks):
            store.add([row])
            if self.bar is not None:
                self.bar.update(1)

    def means(self, store: EvaluationStore, cands: list[Candidate], reps: int,
              point: int = NOMINAL) -> np.ndarray:
        """[candidate, objective] means over replications 0..reps-1 (natural units)."""
        return self.per_rep(store, cands, reps, point).mean(axis=1)

    def per_rep(self, store: EvaluationStore, cands: list[Candidate], reps: int,
                point: int = NOMINAL) -> np.ndarray:
        """[candidate, replication, objective] (natural units)."""
        return np.array([[[o.of(store.get((point, c.key, r))) for o in self.objs]
                          for r in range(reps)] for c in cands], float)

    def senses(self) -> np.ndarray:
        """+1 for a minimised objective, -1 for a maximised one."""
        return np.array([o.sense for o in self.objs], float)

    def search(self, workers: Workers, store: EvaluationStore) -> list[Candidate]:
        """The references, then the optimiser's generations; every candidate scored."""
        from pymoo.algorithms.moo.nsga2 import RankAndCrowding
        from pymoo.core.mixed import MixedVariableGA, MixedVariableMating
        from pymoo.core.problem import Problem
        from pymoo.problems.static import StaticProblem
        from pymoo.util.display.multi import MultiObjectiveOutput

        self.score(workers, store, self.references(), self.reps)
        problem = Problem(vars={lev.key: lev.variable() for lev in self.space},
                          n_obj=len(self.objs))
        same = same_setting(self.setting_key)  # settings that act alike are one candidate
        algorithm = MixedVariableGA(pop_size=self.pop, survival=RankAndCrowding(),
                                    output=MultiObjectiveOutput(), eliminate_duplicates=same,
                                    mating=MixedVariableMating(eliminate_duplicates=same))
        algorithm.setup(problem, termination=("n_evals", self.evaluations),
                        seed=self.base.seed % (2**32 - 1), verbose=False)
        generation = 0
        while algorithm.has_next():
            pop = algorithm.ask()
            if pop is None or len(pop) == 0:  # a small space: no new setting left to try
                break
            cands = [self.candidate(sp.decode(self.space, ind.X), generation=generation)
                     for ind in pop]
            self.score(workers, store, cands, self.reps)
            f = self.means(store, cands, self.reps) * self.senses()
            algorithm.evaluator.eval(StaticProblem(problem, F=f), pop)
            algorithm.tell(infills=pop)
            generation += 1
        return list(self.candidates.values())

    def front(self, workers: Workers, store: EvaluationStore,
              cands: list[Candidate]) -> tuple[list[Candidate], np.ndarray, np.ndarray]:
        """The front, re-run with the final replications; (kept, on_front mask, kept mask).

        The masks are over `cands` (every candidate scored, in order of first proposal);
        `on_front` is the non-dominated candidates re-run (at most `front_size` of them),
        `self.non_dominated` all the non-dominated ones.
        """
        f = self.means(store, cands, self.reps) * self.senses()
        self.non_dominated = non_dominated(f)
        on_front = self.non_dominated.copy()
        idx = np.flatnonzero(on_front)
        if idx.size > self.front_size:
            idx = np.sort(idx[crowding_order(f[idx])[: self.front_size]])
            on_front = np.isin(np.arange(len(cands)), idx)
        front = [cands[i] for i in idx]
        quo = next(c for c in cands if c.reference == "status_quo")
        # the status quo too: the front's differences from it are paired over these runs
        self.score(workers, store, [quo, *front], self.final_reps)
        per_rep = self.per_rep(store, front, self.final_reps) * self.senses()
        dropped = clearly_dominated(per_rep)
        kept_mask = np.zeros(len(cands), bool)
        kept_mask[idx[~dropped]] = True
        return [c for c, d in zip(front, dropped, strict=True) if not d], on_front, kept_mask

    def run(self, out: Path, jobs: int = 1, executor: str = "pool",
            scheduler: str | None = None, scheduler_timeout: float = 10.0,
            overwrite: bool = False, quiet: bool = False) -> dict[str, Any]:
        """Search, front, robustness; every run stored as it finishes. Returns the parts."""
        from tqdm import tqdm

        from .search_robust import robust_scores

        out = Path(out)
        store = self.prepare(out, overwrite)
        self.bar = tqdm(total=None, initial=0, unit="run", desc="search", disable=quiet,
                        delay=2.0, leave=False)
        try:
            with Workers(jobs, executor, scheduler, scheduler_timeout,
                         shared=(self.base,)) as workers:
                cands = self.search(workers, store)
                kept, on_front, kept_mask = self.front(workers, store, cands)
                robust = robust_scores(self, workers, store, kept)
        finally:
            self.bar.close()
        store.rewrite_sorted({c.key: i for i, c in enumerate(cands)})
        return {"candidates": cands, "kept": kept, "on_front": on_front,
                "kept_mask": kept_mask, "robust": robust, "store": store}
