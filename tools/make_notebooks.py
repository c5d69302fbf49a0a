"""Write the research notebooks in notebooks/ (without outputs) from the cells below.

The notebooks are the source researchers open and edit; this script is how they were
first written and can rewrite them after a change of API. Run:
`.venv/bin/python tools/make_notebooks.py`. `make notebooks` executes them and writes
HTML copies (results/notebooks/); the tests execute them with a real kernel on small
settings (MUTASI_NOTEBOOK_SMALL=1).
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parents[1]

SETTINGS = '''import os
from pathlib import Path

# MUTASI_NOTEBOOK_SMALL=1 (the tests) runs every study on small settings
SMALL = os.environ.get("MUTASI_NOTEBOOK_SMALL") == "1"
OUT = Path(os.environ.get("MUTASI_NOTEBOOK_OUT", "../results/notebooks"))
OUT.mkdir(parents=True, exist_ok=True)
LANG = "id"  # tables and figures in Indonesian; "en" for English'''

QUICKSTART = [
    new_markdown_cell(
        "# Mutasi quickstart: run the default region and read every output\n\n"
        "The default region is a synthetic kabupaten calibrated to national statistics "
        "(docs/VALIDATION.md). This notebook runs it under the status quo, reads every "
        "file of the results folder, looks at one model's Mesa agents and the needs map, "
        "and shows why comparisons are paired.\n\n"
        "Open it with `make lab` (or `.venv/bin/jupyter lab notebooks/`) using the "
        "project's `.venv` kernel."),
    new_code_cell(SETTINGS + '''
YEARS = 2 if SMALL else 10
REPLICATIONS = 2 if SMALL else 8'''),
    new_markdown_cell("## Replications of the status quo\n"
                      "`Experiment` is what `run_sim.py run` and `compare` use. Each "
                      "replication has its own seed; the same seed gives the same files "
                      "on any machine."),
    new_code_cell('''from model.experiments.experiment import Experiment

exp = Experiment("default", ["none"], replications=REPLICATIONS, years=YEARS, jobs=2)
exp.run()
folder = OUT / "01-default"
summary = exp.write(folder, lang=LANG, overwrite=True)
sorted(p.name for p in folder.iterdir())'''),
    new_markdown_cell("## Every output\n"
                      "`meta.json` (seed, versions, command), `scenario.yaml` (every "
                      "parameter as run), `summary.csv` (each metric's mean and 95% "
                      "interval), and the large tables (`timeseries`, `units`, "
                      "`transfers`) as Parquet, with CSV copies for small runs. "
                      "`read_table` reads either format."),
    new_code_cell('''import json
import pandas as pd
from model.results.files import read_table

meta = json.loads((folder / "meta.json").read_text())
{k: meta[k] for k in ("scenario", "seed", "replications", "years", "wall_seconds")}'''),
    new_code_cell('''columns = ["metric", "label_id", "unit", "statistic", "mean", "ci_low",
           "ci_high"]
summary[columns].head(12)'''),
    new_code_cell('''ts = read_table(folder, "timeseries")
ts[["replication", "date", "n_active", "new_retirements", "new_recruits", "unmet_fte",
    "p_unmet"]].tail()'''),
    new_code_cell('''# the needs map (ABK) every year, per unit and role
units = read_table(folder, "units")
units[units["month"] == units["month"].max()].sort_values("gap_fte").head()'''),
    new_code_cell('''# every proposal and what became of it
transfers = read_table(folder, "transfers")
transfers.groupby(["policy", "outcome"]).size().rename("proposals").reset_index()'''),
    new_code_cell('''from IPython.display import Image, display

for png in sorted((folder / "figures").glob("*.png")):
    print(png.name)
    display(Image(filename=str(png), width=700))'''),
    new_markdown_cell("The folder also holds `report.html`, the report a planner reads "
                      "(`run_sim.py report DIR --pdf` for a PDF)."),
    new_markdown_cell("## One model: Mesa agents are views over the state columns"),
    new_code_cell('''from model import WorkforceModel
from model.simulation.agents import Employee

m = WorkforceModel("default", rng=1, years=YEARS).run()
e = next(iter(m.agents_by_type[Employee]))
e, e.occupation, round(e.age_years, 1), e.unit.name, round(e.productivity, 3)'''),
    new_code_cell('''from model.reporting.needs import needs_report

needs_report(WorkforceModel("default").needs_table(), top=5)["agency"]'''),
    new_markdown_cell("## Why comparisons are paired\n"
                      "Same seeds, two recruitment rates: the difference is the effect "
                      "of the rate, not noise."),
    new_code_cell('''import numpy as np

diff = []
for seed in range(3):
    lo = WorkforceModel(rng=seed, years=YEARS, **{"recruitment.replacement_rate": 0.8}).run()
    hi = WorkforceModel(rng=seed, years=YEARS, **{"recruitment.replacement_rate": 1.2}).run()
    diff.append(hi.current["unmet_fte"] - lo.current["unmet_fte"])
np.round(diff, 1)'''),
]

COMPARISON = [
    new_markdown_cell(
        "# Policy comparison: Salor\n\n"
        "Salor (DESIGN.md section 1): primary schools short of teachers after retirements "
        "while secondary-school teachers are under-used; workload balancing moves "
        "teachers down (0.8 productivity until trained), retirement anticipation is the "
        "alternative. Every policy faces the same retirements, exits and demand in "
        "replication r (common random numbers), so the differences are paired."),
    new_code_cell(SETTINGS + '''
YEARS = 2 if SMALL else 10
REPLICATIONS = 2 if SMALL else 16
JOBS = 2'''),
    new_code_cell('''from model.experiments.experiment import Experiment
from model.scenario.loading import load_scenario

scenario = load_scenario("salor")
print(scenario.describe(LANG))
policies = scenario.compare_policies  # none, balancing, anticipation, anticipation+balancing
exp = Experiment(scenario, policies, replications=REPLICATIONS, years=YEARS, jobs=JOBS)
exp.run()
folder = OUT / "02-salor"
summary = exp.write(folder, lang=LANG, overwrite=True)
print(f"{len(exp.results)} runs in {exp.wall_seconds:.1f} s")'''),
    new_markdown_cell("## The ranked table\n"
                      "Paired differences against the status quo with 95% intervals, and "
                      "P(better): the share of replications in which the policy wins."),
    new_code_cell('''from model.reporting.tables import ranked_table

print(ranked_table(summary, LANG))'''),
    new_code_cell('''key = ["p_unmet", "p_remote_covered", "new_moves_refused",
       "adaptation_loss_fte", "cost_moves_idr"]
cols = ["policy", "metric", "mean", "diff_mean", "diff_ci_low", "diff_ci_high", "p_better"]
summary[summary["metric"].isin(key)][cols].round(4)'''),
    new_markdown_cell("## Paired effects, per replication\n"
                      "Each point is one replication's difference from the status quo; "
                      "the spread is the uncertainty the interval summarises."),
    new_code_cell('''import matplotlib.pyplot as plt
from model.results.analysis import per_replication
from model.results.files import read_table
from model.reporting.labels import policy_label
from model.reporting.style import policy_color

ts = read_table(folder, "timeseries")
reps = per_replication(ts).set_index(["policy", "replication"])["p_unmet"]
base = reps.loc["none"]
fig, ax = plt.subplots(figsize=(7, 3))
for i, p in enumerate(policies[1:]):
    d = (reps.loc[p] - base) * 100
    ax.scatter(d, [i] * len(d), color=policy_color(p), alpha=0.7)
ax.set_yticks(range(len(policies) - 1), [policy_label(p, LANG) for p in policies[1:]])
ax.axvline(0, color="grey", lw=0.8)
ax.set_xlabel("Selisih kebutuhan tidak terpenuhi (poin persen) vs status quo")
plt.tight_layout()'''),
    new_markdown_cell("## Trajectories and the figures of the folder"),
    new_code_cell('''from IPython.display import Image, display

for name in ("unmet_need.png", "forest.png", "load_by_agency.png"):
    display(Image(filename=str(folder / "figures" / name), width=750))'''),
    new_markdown_cell("## Teachers moved down\n"
                      "The transfer log says who moved where: cross-role moves from "
                      "secondary to primary are the case's mechanism."),
    new_code_cell('''log = read_table(folder, "transfers")
moved = log[log["outcome"].astype(str).str.startswith(("executed", "forced"))]
(moved.groupby(["run_policy", "from_role", "to_role"]).size()
      .div(REPLICATIONS).rename("per replication").reset_index()
      .sort_values("per replication", ascending=False).head(8))'''),
]

SENSITIVITY = [
    new_markdown_cell(
        "# Which uncertain inputs drive the Salor and Rangkui findings?\n\n"
        "Most behavioural defaults are assumptions. Each uncertainty is one number "
        "declared with its explored range and source (`run_sim.py list --uncertain`). A "
        "Morris screening varies them all and asks two questions: what moves the *level* "
        "of unmet need, and what moves the *paired effect* of the policy (the finding). "
        "Every sample point runs the policy and the status quo on the same seeds. The "
        "command-line equivalent is `run_sim.py sensitivity salor --method morris "
        "--outcome unmet_share --policies none,balancing -n 10`."),
    new_code_cell(SETTINGS + '''
# small: 3 inputs, 2 trajectories, 2 replications, 2 years (a check, not a study)
N = 2 if SMALL else 10
REPLICATIONS = 2 if SMALL else 4
YEARS = 2 if SMALL else 10
PARAMS = (["demography.exit_hazard_scale", "adaptation.d_scale", "recruitment.fill_scale"]
          if SMALL else None)  # None: every uncertain input
JOBS = 2'''),
    new_code_cell('''import pandas as pd
from model.scenario.loading import load_scenario
from model.scenario.uncertainty import uncertainties

pd.DataFrame([{"input": u.path, "low": u.low, "default": u.default, "high": u.high,
               "source": u.source} for u in uncertainties(load_scenario("salor"))])'''),
    new_code_cell('''from model.experiments.sensitivity import SensitivityStudy, finish
from model.reporting.sensitivity import sensitivity_text

def study(name, policies):
    s = SensitivityStudy(load_scenario(name, {"years": YEARS}), "morris", N, "unmet_share",
                         policies, PARAMS, replications=REPLICATIONS)
    out = OUT / f"03-{name}-morris"
    runs = s.run(out, jobs=JOBS, overwrite=True, quiet=True)
    indices, robust = finish(s, out, runs, LANG)
    print(sensitivity_text(indices, robust, "morris", LANG))
    return s, out, indices, robust'''),
    new_markdown_cell("## Salor: workload balancing against the status quo"),
    new_code_cell('''from IPython.display import Image, display

salor, salor_out, salor_idx, salor_rob = study("salor", ["none", "balancing"])
display(Image(filename=str(salor_out / "figures" / "sensitivity.png"), width=750))'''),
    new_markdown_cell("## Rangkui: optimisation against the status quo"),
    new_code_cell('''rangkui, rangkui_out, rangkui_idx, rangkui_rob = study("rangkui",
                                                    ["none", "optimal"])
display(Image(filename=str(rangkui_out / "figures" / "sensitivity.png"), width=750))'''),
    new_markdown_cell("## Reading the indices\n"
                      "μ* ranks inputs by how much they move the target over their "
                      "range; σ large against μ* means the input acts through "
                      "interactions. An input that moves the level but not the effect "
                      "shifts every policy alike and does not change the ranking."),
    new_code_cell('''def top(indices, target):
    g = indices[indices["target"] == target]
    return g.sort_values("mu_star", ascending=False)[
        ["policy", "parameter", "mu_star", "mu_star_conf", "sigma", "direction"]].head(5)

pd.concat([top(salor_idx, "effect"), top(rangkui_idx, "effect")])'''),
    new_code_cell('''pd.concat([salor_rob, rangkui_rob])'''),
]

OWN_REGION = [
    new_markdown_cell(
        "# Your own region: import the files, compare policies, draft a plan\n\n"
        "`init-region` writes the example region's files (roster, units, ABK) and a "
        "scenario using them; a planner replaces the rows with their own (SIASN roster, "
        "unit list, ABK). This notebook runs the whole path on the example: validate, "
        "needs today, a paired comparison, and the draft transfer list of the next "
        "round."),
    new_code_cell(SETTINGS + '''
YEARS = 2 if SMALL else 10
REPLICATIONS = 2 if SMALL else 8'''),
    new_code_cell('''import shutil
from model import cli

region_dir = OUT / "04-own-region-files"
shutil.rmtree(region_dir, ignore_errors=True)
assert cli.main(["init-region", str(region_dir), "--no-excel"]) == 0
sorted(p.name for p in region_dir.iterdir())'''),
    new_code_cell('''scenario_file = next(region_dir.glob("*.yaml"))
assert cli.main(["validate", str(scenario_file), "--lang", LANG]) == 0'''),
    new_markdown_cell("## Needs today (analisis kebutuhan)"),
    new_code_cell('''assert cli.main(["needs", str(scenario_file), "--top", "5",
                 "--lang", LANG]) == 0'''),
    new_markdown_cell("## A paired comparison on the region's own files"),
    new_code_cell('''from model.experiments.experiment import Experiment
from model.reporting.tables import ranked_table

exp = Experiment(str(scenario_file), ["none", "balancing", "matching"],
                 replications=REPLICATIONS, years=YEARS, jobs=2)
exp.run()
folder = OUT / "04-own-region-compare"
summary = exp.write(folder, lang=LANG, overwrite=True)
print(ranked_table(summary, LANG))'''),
    new_markdown_cell("## The draft transfer list of the next round\n"
                      "Every move passes the constraints (minimum months in post, "
                      "retirement buffer, caps); the workbook has the moves, the units "
                      "before and after, and the assumptions."),
    new_code_cell('''import pandas as pd

plan_file = OUT / "04-draft-plan.xlsx"
assert cli.main(["plan", str(scenario_file), "--policy", "balancing", "--out",
                 str(plan_file), "--force", "--lang", LANG]) == 0
sheets = pd.read_excel(plan_file, sheet_name=None)
{name: len(df) for name, df in sheets.items()}'''),
    new_code_cell('''next(iter(sheets.values())).head(10)'''),
]

SEARCH = [
    new_markdown_cell(
        "# Finding a policy: a Pareto front over the levers, robust to the unknowns\n\n"
        "`compare` says which of a few settings is better; the search asks which "
        "settings are worth a decision. NSGA-II (pymoo) moves every lever of the "
        "dashboard on its control's steps; each candidate is scored on paired "
        "replications (the same seeds for all); the front is run again with more "
        "replications, and then over a Latin hypercube of the uncertain inputs. The "
        "same study is `run_sim.py search` (README, *Finding a policy*)."),
    new_code_cell(SETTINGS + '''
YEARS = 2 if SMALL else 10
EVALUATIONS = 12 if SMALL else 200
REPLICATIONS = 2 if SMALL else 4'''),
    new_markdown_cell("## The search\n"
                      "Three levers here (the policy, the share of staff proposed per "
                      "round, post-transfer training), the four default objectives (unmet "
                      "need, total cost, moves, the fairness audit's largest ratio) and a "
                      "planner's threshold on unmet need. Every run is stored in "
                      "`evaluations.csv` as it finishes: running the cell again after an "
                      "interruption resumes it."),
    new_code_cell('''from model.experiments.search import PolicySearch
from model.experiments.search_results import finish

search = PolicySearch("default", evaluations=EVALUATIONS, replications=REPLICATIONS,
                      final_replications=3 if SMALL else 8, years=YEARS,
                      robustness=2 if SMALL else 10, robust_replications=1 if SMALL else 2,
                      levers=["policy", "share_per_round", "training"],
                      thresholds=["p_unmet<=0.09"])
folder = OUT / "06-search"
res = search.run(folder, jobs=2, overwrite=True, quiet=True)
front, candidates = finish(search, res, folder, lang=LANG)
len(candidates), int(candidates["on_front"].sum()), len(front)'''),
    new_markdown_cell("## The short list, in a planner's words\n"
                      "Best on the first objective, the cheapest meeting the threshold, the "
                      "most robust and the fewest moves, each against the status quo."),
    new_code_cell('''from model.reporting.search import search_text

print(search_text(front, [lev.key for lev in search.space], [o.key for o in search.objs],
                  search.base.years, bool(search.limits), LANG))'''),
    new_code_cell('''cols = ["candidate", "reference", "policy", "share_per_round", "training",
        "p_unmet", "p_unmet_lo", "p_unmet_hi", "cost_total_idr", "new_moves", "shortlist"]
front[cols]'''),
    new_markdown_cell("## The figures\n"
                      "The first two objectives of every candidate with the status quo and "
                      "the built-in policies marked; the front's levers and objectives."),
    new_code_cell('''from IPython.display import Image, display

for name in ("front", "parallel"):
    display(Image(filename=str(folder / "figures" / f"{name}.png"), width=700))'''),
    new_markdown_cell("## Robustness\n"
                      "Per candidate and objective over the sample of the uncertain "
                      "inputs: the median, the 90th percentile on the worse side, the "
                      "regret against the best candidate at each point, and the share of "
                      "points meeting the threshold."),
    new_code_cell('''import pandas as pd

robust = pd.read_csv(folder / "robustness.csv")
robust[robust["objective"] == "p_unmet"]'''),
    new_markdown_cell("## Checking the front yourself\n"
                      "No candidate on the front is beaten on every objective by another "
                      "(means over the search's replications, every objective minimised)."),
    new_code_cell('''import numpy as np

f = np.column_stack([candidates[o.key] * o.sense for o in search.objs])
on = candidates["on_front"].to_numpy(bool)
beaten = [any(np.all(f[j] <= f[i]) and np.any(f[j] < f[i]) for j in range(len(f)))
          for i in range(len(f))]
assert not any(b for b, o in zip(beaten, on) if o)
sum(beaten), int(on.sum())'''),
]

NOTEBOOKS = {"01_quickstart.ipynb": QUICKSTART, "02_policy_comparison.ipynb": COMPARISON,
             "03_sensitivity.ipynb": SENSITIVITY, "04_own_region.ipynb": OWN_REGION,
             "06_policy_search.ipynb": SEARCH}


def main() -> None:
    """Write every notebook (no outputs, Python 3 kernel of the project's .venv)."""
    for name, cells in NOTEBOOKS.items():
        nb = new_notebook(cells=cells, metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3 (Mutasi .venv)",
                           "language": "python"},
            "language_info": {"name": "python"}})
        for i, cell in enumerate(nb.cells):
            cell["id"] = f"{name.split('_')[0]}-{i:02d}"  # stable ids: clean diffs
        nbformat.write(nb, ROOT / "notebooks" / name)
        print(ROOT / "notebooks" / name)


if __name__ == "__main__":
    main()
