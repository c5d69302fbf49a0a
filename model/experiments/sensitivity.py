"""Global sensitivity analysis of a finding: which uncertain inputs move it (SALib).

`run_sim.py sensitivity SCENARIO --method morris|sobol --outcome unmet_share
--policies none,balancing -n N` samples the scenario's uncertain inputs
(`model.scenario.uncertainty`) with SALib, runs every sample point under every
policy with R replications, and analyses two kinds of target:

- the *level* of the outcome under each policy (mean over replications), and
- the *paired effect* of each policy against the baseline: replication r of every
  policy at a point shares its seed (common random numbers), and the same R seeds
  serve every point, so the effect is the policy's, not noise.

Morris gives mu* (mean absolute elementary effect) with its bootstrap confidence
interval, mu (signed) and sigma; Sobol gives first-order (S1) and total (ST) indices
with confidence intervals. Runs go to the existing executors (pool or Dask). Each
finished run is appended to `runs.csv` at once, so an interrupted study resumes
where it stopped when run again with the same settings; `plan.json` records the
settings and a study with other settings is refused rather than mixed in.
"""

from __future__ import annotations

import csv
import hashlib
import json
import sys
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from tqdm import tqdm

from ..core.errors import UserError
from ..core.rng import replication_seeds
from ..scenario.loading import dump_scenario
from ..scenario.scenario import Scenario
from ..scenario.uncertainty import Uncertain, overrides_for, uncertainties
from ..simulation.metrics import METRICS, metric_key
from .executors import execute
from .experiment import Experiment, policy_setting, summarised_run
from .messages import ExpMsg
from .sensitivity_methods import METHODS
from .study_folder import drop_cut_line, exact, open_study, write_plan

MORRIS_LEVELS = 4  # grid levels of a Morris trajectory (SALib's default)
CONF_LEVEL = 0.95
RESAMPLES = 1000  # bootstrap resamples of the confidence intervals
RUN_COLUMNS = ["point", "policy", "replication", *METRICS]


def run_point(scenario: Scenario, overrides: dict[str, Any], point: int, replication: int,
              seed: int, policy: str | list[str]) -> dict[str, Any]:
    """One run at one sample point: every metric summarised (no needs map, no agents)."""
    return {"point": point, "replication": replication,
            **summarised_run(scenario, overrides, seed, policy)}


@dataclass
class SensitivityStudy:
    """A sample of the uncertain inputs x policies x paired replications, and its indices.

    Args:
        scenario: a `Scenario`, a built-in name, a YAML path or a mapping.
        method: "morris" (screening: n trajectories of k + 1 points) or "sobol"
            (variance-based: n x (k + 2) points, n a power of 2).
        n: trajectories (Morris) or the base sample size (Sobol).
        outcome: a METRICS key or alias (e.g. "unmet_share" for `p_unmet`).
        policies: the first is the baseline of the paired effects.
        params: uncertain inputs to vary (paths or names); None: all of them.
        replications, years, seed: override the scenario's.
    """

    scenario: Scenario | str | dict
    method: str = "morris"
    n: int = 10
    outcome: str = "unmet_share"
    policies: list[str] = field(default_factory=lambda: ["none", "balancing"])
    params: list[str] | None = None
    replications: int | None = None
    years: int | None = None
    seed: int | None = None

    def __post_init__(self) -> None:
        if self.method not in METHODS:
            raise UserError(ExpMsg.not_a_choice(option="--method", value=self.method,
                                             known=", ".join(METHODS)))
        try:
            self.outcome_key = metric_key(self.outcome)
        except KeyError:
            raise UserError(ExpMsg.outcome_not_metric(outcome=self.outcome,
                                                   known=", ".join(METRICS))) from None
        exp = Experiment(self.scenario, self.policies, replications=self.replications,
                         years=self.years, seed=self.seed)
        self.base: Scenario = exp.scenario
        self.labels: list[str] = exp.policies
        self.baseline: str = exp.baseline
        self.inputs: list[Uncertain] = uncertainties(self.base, self.params)
        if len(self.inputs) < 2:
            raise UserError(ExpMsg.params_too_few())
        self._check_n()
        self.samples = self._sample()

    # ----------------------------------------------------------------- the sample
    @property
    def problem(self) -> dict[str, Any]:
        """The SALib problem: names (valid identifiers) and bounds of the inputs."""
        return {"num_vars": len(self.inputs), "names": [u.name for u in self.inputs],
                "bounds": [[u.low, u.high] for u in self.inputs]}

    def _check_n(self) -> None:
        if self.method == "morris" and self.n < 2:
            raise UserError(ExpMsg.morris_n(n=self.n))
        if self.method == "sobol" and (self.n < 2 or self.n & (self.n - 1)):
            below = 1 << max(self.n.bit_length() - 1, 1)
            raise UserError(ExpMsg.sobol_n(n=self.n, below=below, above=below * 2))

    @property
    def salib_seed(self) -> int:
        """SALib's seed, from the scenario's (never 0: SALib reads 0 as 'no seed')."""
        return self.base.seed % (2**32 - 1) + 1

    def _sample(self) -> np.ndarray:
        """Sample points (rows) x inputs (columns), the same for the same settings."""
        from SALib.sample import morris, sobol

        seed = self.salib_seed
        if self.method == "morris":
            return morris.sample(self.problem, N=self.n, num_levels=MORRIS_LEVELS, seed=seed)
        return sobol.sample(self.problem, self.n, calc_second_order=False, seed=seed)

    @property
    def seeds(self) -> list[int]:
        """The replications' seeds: the same at every point and under every policy."""
        return replication_seeds(self.base.seed, self.base.replications)

    @property
    def n_runs(self) -> int:
        """Runs of the study: sample points x policies x replications."""
        return len(self.samples) * len(self.labels) * len(self.seeds)

    def tasks(self) -> list[tuple]:
        """Every run: (scenario, overrides, point, replication, seed, policy)."""
        seeds = self.seeds
        return [(self.base, overrides_for(self.inputs, x), i, r, seeds[r],
                 policy_setting(label))
                for i, x in enumerate(self.samples) for label in self.labels
                for r in range(len(seeds))]

    def plan(self) -> dict[str, Any]:
        """The settings the runs depend on (a study resumes only with the same plan)."""
        from importlib import metadata

        text = dump_scenario(self.base)
        return {"scenario": self.base.name, "method": self.method, "n": self.n,
                "samples_digest": hashlib.sha1(self.samples.tobytes()).hexdigest(),
                "salib": metadata.version("salib"),
                "inputs": [u.path for u in self.inputs],
                "bounds": [[u.low, u.high] for u in self.inputs],
                "policies": self.labels, "baseline": self.baseline,
                "replications": self.base.replications, "years": self.base.years,
                "seed": self.base.seed, "points": len(self.samples),
                "scenario_digest": hashlib.sha1(text.encode()).hexdigest()}

    # ----------------------------------------------------------------- running
    def run(self, out: Path, jobs: int = 1, executor: str = "pool",
            scheduler: str | None = None, scheduler_timeout: float = 10.0,
            overwrite: bool = False, quiet: bool = False) -> pd.DataFrame:
        """Run (or resume) every run into `out/runs.csv`; return all runs."""
        out = Path(out)
        done = self._prepare(out, overwrite)
        tasks = self.tasks()
        labels = {i: self.labels[(i // len(self.seeds)) % len(self.labels)]
                  for i in range(len(tasks))}
        key = {(int(p), str(pol), int(r)) for p, pol, r in
               zip(done["point"], done["policy"], done["replication"], strict=True)}
        todo = [i for i, t in enumerate(tasks) if (t[2], labels[i], t[3]) not in key]
        bar = tqdm(total=len(tasks), initial=len(tasks) - len(todo), unit="run",
                   desc="sensitivity", disable=quiet, delay=2.0, leave=False)
        t0 = time.perf_counter()
        try:
            with open(out / "runs.csv", "a", newline="", encoding="utf-8") as f:
                writer = csv.writer(f, lineterminator="\n")
                for j, row in execute(run_point, [tasks[i] for i in todo], jobs, executor,
                                      scheduler, scheduler_timeout):
                    row["policy"] = labels[todo[j]]
                    writer.writerow([exact(row[c]) for c in RUN_COLUMNS])
                    f.flush()
                    bar.update(1)
        finally:
            bar.close()
        self.wall_seconds = time.perf_counter() - t0
        self.resumed_runs = len(tasks) - len(todo)
        return read_runs(out)

    def _prepare(self, out: Path, overwrite: bool) -> pd.DataFrame:
        """Create or check the study folder; return the runs already done.

        A folder of the same plan is resumed (or, finished, analysed again: another
        outcome or language needs no new runs); one of another plan is refused.
        """
        plan = self.plan()
        if open_study(out, plan, overwrite, ExpMsg.out_not_study, ExpMsg.out_other_settings):
            return read_runs(out)
        with open(out / "runs.csv", "w", encoding="utf-8") as f:
            f.write(",".join(RUN_COLUMNS) + "\n")
        pd.DataFrame(self.samples, columns=[u.path for u in self.inputs]).rename_axis(
            "point").to_csv(out / "samples.csv", float_format="%.17g", lineterminator="\n")
        write_plan(out, plan)  # last: a folder with plan.json has its runs.csv
        return read_runs(out)

    # ----------------------------------------------------------------- analysis
    def targets(self, runs: pd.DataFrame) -> dict[tuple[str, str], np.ndarray]:
        """Per target (kind, policy): the outcome at each sample point.

        ("level", p): mean over replications under policy p; ("effect", p): mean over
        replications of the paired difference p - baseline.
        """
        wide = runs.pivot_table(index=["point", "replication"], columns="policy",
                                values=self.outcome_key)
        points = len(self.samples)
        out: dict[tuple[str, str], np.ndarray] = {}
        for p in self.labels:
            out[("level", p)] = wide[p].groupby(level="point").mean().reindex(
                range(points)).to_numpy()
        for p in self.labels:
            if p != self.baseline:
                diff = (wide[p] - wide[self.baseline]).groupby(level="point").mean()
                out[("effect", p)] = diff.reindex(range(points)).to_numpy()
        return out

    def analyse(self, runs: pd.DataFrame) -> pd.DataFrame:
        """indices.csv: one row per target and input with the indices and their intervals."""
        from SALib.analyze import morris, sobol

        missing = self.n_runs - len(runs)
        if missing:
            raise UserError(ExpMsg.study_incomplete(missing=missing))
        seed = self.salib_seed
        rows = []
        for (kind, policy), y in self.targets(runs).items():
            if not np.isfinite(y).all():
                raise UserError(ExpMsg.outcome_not_number(outcome=self.outcome_key, kind=kind,
                                                       policy=policy))
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)  # constant outputs: NaN
                if self.method == "morris":
                    res = morris.analyze(self.problem, self.samples, y,
                                         num_levels=MORRIS_LEVELS, conf_level=CONF_LEVEL,
                                         num_resamples=RESAMPLES, seed=seed)
                    cols = {"mu_star": res["mu_star"], "mu_star_conf": res["mu_star_conf"],
                            "mu": res["mu"], "sigma": res["sigma"]}
                else:
                    res = sobol.analyze(self.problem, y, calc_second_order=False,
                                        conf_level=CONF_LEVEL, num_resamples=RESAMPLES,
                                        seed=seed)
                    cols = {"ST": res["ST"], "ST_conf": res["ST_conf"], "S1": res["S1"],
                            "S1_conf": res["S1_conf"]}
            for j, u in enumerate(self.inputs):
                rows.append({"target": kind, "policy": policy,
                             "baseline": self.baseline if kind == "effect" else "",
                             "outcome": self.outcome_key, "parameter": u.path,
                             "name": u.name, "low": u.low, "high": u.high,
                             "default": u.default,
                             **{k: float(np.asarray(v)[j]) for k, v in cols.items()},
                             "direction": (_morris_direction(cols["mu"][j], cols["mu_star"][j])
                                           if self.method == "morris"
                                           else _direction(self.samples[:, j], y))})
        table = pd.DataFrame(rows)
        main = "mu_star" if self.method == "morris" else "ST"
        table["rank"] = table.groupby(["target", "policy"])[main].rank(
            ascending=False, method="min").astype(int)
        return table

    def robustness(self, runs: pd.DataFrame) -> pd.DataFrame:
        """Per policy: how its paired effect varies over the sample, and where it helps."""
        better = METRICS[self.outcome_key].better
        sign = {"up": 1.0, "down": -1.0}.get(better, 0.0)
        rows = []
        for (kind, policy), y in self.targets(runs).items():
            if kind != "effect":
                continue
            rows.append({"policy": policy, "baseline": self.baseline,
                         "outcome": self.outcome_key, "effect_mean": float(np.mean(y)),
                         "effect_min": float(np.min(y)), "effect_max": float(np.max(y)),
                         "share_better": float(np.mean(sign * y > 0)) if sign else np.nan,
                         "points": len(y)})
        return pd.DataFrame(rows)


def _morris_direction(mu: float, mu_star: float) -> str:
    """'+' (the target rises with the input), '-' (falls) or '±' (either way: mu ~ 0 < mu*).

    Morris' mu is the mean signed elementary effect, mu* the mean absolute one: mu
    near +mu* or -mu* means the effects share a sign.
    """
    if not mu_star > 0:
        return ""
    return "+" if mu > 0.5 * mu_star else "-" if mu < -0.5 * mu_star else "±"


def _direction(x: np.ndarray, y: np.ndarray) -> str:
    """'+' if the target rises with the input, '-' if it falls, '' if unclear (rank corr)."""
    if np.ptp(x) == 0 or np.ptp(y) == 0:
        return ""
    rx, ry = pd.Series(x).rank().to_numpy(), pd.Series(y).rank().to_numpy()
    r = float(np.corrcoef(rx, ry)[0, 1])
    return "+" if r > 0.1 else "-" if r < -0.1 else ""


def read_runs(out: Path) -> pd.DataFrame:
    """The runs recorded so far (a line cut off by an interruption is dropped)."""
    path = Path(out) / "runs.csv"
    try:
        drop_cut_line(path)
        runs = pd.read_csv(path)  # pandas 3 reads floats back bit for bit (repr)
    except (OSError, ValueError, pd.errors.ParserError) as exc:
        raise UserError(ExpMsg.runs_unreadable(path=path, why=str(exc))) from None
    if list(runs.columns) != RUN_COLUMNS:
        raise UserError(ExpMsg.runs_other_version(path=path))
    return runs.drop_duplicates(["point", "policy", "replication"], keep="first")


def finish(study: SensitivityStudy, out: Path, runs: pd.DataFrame,
           lang: str = "id") -> tuple[pd.DataFrame, pd.DataFrame]:
    """Write indices.csv, robustness.csv, the figure and meta.json (the study is done)."""
    from ..reporting.outputs import versions, write_csv
    from ..reporting.sensitivity import sensitivity_figure

    out = Path(out)
    indices = study.analyse(runs)
    robust = study.robustness(runs)
    # runs.csv in a fixed order (runs were appended as they finished): the same bytes
    # whatever the executor or the number of jobs
    order = {p: i for i, p in enumerate(study.labels)}
    runs = runs.sort_values(["point", "policy", "replication"],
                            key=lambda c: c.map(order) if c.name == "policy" else c)
    with open(out / "runs.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(RUN_COLUMNS)
        writer.writerows([exact(v) for v in row] for row in
                         runs[RUN_COLUMNS].itertuples(index=False, name=None))
    write_csv(indices, out / "indices.csv")
    write_csv(robust, out / "robustness.csv")
    (out / "figures").mkdir(exist_ok=True)
    suffix = "" if lang == "id" else f"-{lang}"
    sensitivity_figure(indices, out / "figures" / f"sensitivity{suffix}.png", study.method,
                       len(study.samples), study.base.replications, lang)
    meta = {**study.plan(), "outcome": study.outcome_key,
            "runs": len(runs), "resumed_runs": getattr(study, "resumed_runs", 0),
            "wall_seconds": round(getattr(study, "wall_seconds", 0.0), 3),
            "command": " ".join([Path(sys.argv[0]).name, *sys.argv[1:]]),
            "finished_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "versions": versions()}
    (out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return indices, robust
