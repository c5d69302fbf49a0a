"""What three case scenarios do, beyond their paired findings (issue 22, item 8).

    python tools/case_readings.py [--seeds 1,2,3,4,5] [--staff N]

Runs each case at the default size (or `--staff`) once per seed and prints, per seed:

- Kotalama (rotation, 6 years): cross-field movers by occupation, the share landing in
  the domain they know best (highest competence at the start outside their current
  unit's domain and general skills), and the competence match against the status quo
  (same seed), in points;
- Lampung (balancing, 10 years): balancing's moves by agency pair (education -> health
  among them), and how much of each side's unmet need (education: schools and the
  office; health: puskesmas and the office) is left at the horizon against the status
  quo, with the share of the reduction on each side;
- Jambi (matching, 10 years): where movers with a health background who go to a health
  unit land (unit kinds), and the same for finance backgrounds.

docs/VALIDATION.md section 4 and the scenario comments quote these figures.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from model.scenario.loading import load_scenario  # noqa: E402
from model.simulation.model import WorkforceModel  # noqa: E402

SIDE = {"primary_school": "education", "secondary_school": "education",
        "education_office": "education", "puskesmas": "health", "health_office": "health"}


def run(name: str, policy: str, years: int, seed: int, staff: int | None):
    """A case run of `years` years: the model, competence at the start, moves done."""
    over = {"years": years, "policy": policy}
    if staff:
        over["region.target_staff"] = staff
    m = WorkforceModel(load_scenario(name, over), seed=seed)
    start = m.employees.competence.copy()
    for _ in range(12 * years):
        m.step()
    log = m.transfer_log.frame(m.world)
    done = log[log.outcome.isin(["executed", "forced"]) & (log.employee_id < start.shape[0])]
    return m, start, done


def shares(values) -> dict[str, float]:
    """Shares of each value, largest first."""
    return {k: round(float(v), 3) for k, v in
            pd.Series(values).value_counts(normalize=True).head(6).items()}


def kotalama(seed: int, staff: int | None) -> dict:
    """Who crosses fields, where to, and the competence match after 6 years."""
    m, start, done = run("kotalama", "rotation", 6, seed, staff)
    none, _, _ = run("kotalama", "none", 6, seed, staff)
    vocab, units = m.params.region.vocabulary, m.world.units
    cross = done[done.reason == "rotation_cross_field"]
    rows = cross.employee_id.to_numpy()
    here = m.world.unit_family[cross.from_unit.to_numpy()]
    dest = m.world.unit_family[cross.to_unit.to_numpy()]
    comp = start[rows].copy()
    comp[np.arange(rows.size), here] = -1
    comp[:, vocab.family_index["general"]] = -1
    agencies = np.array(list(vocab.agencies))
    match = [t.timeseries().p_competence_match.iloc[-1] for t in (m, none)]
    return {"cross-field moves": int(rows.size),
            "occupations": shares(np.array(vocab.occupations)[m.employees.occupation[rows]]),
            "to the domain they know best": round(float(np.mean(np.argmax(comp, 1) == dest)), 3),
            "agency pairs": shares([f"{agencies[units.agency[f]]}->{agencies[units.agency[t]]}"
                                    for f, t in zip(cross.from_unit, cross.to_unit,
                                                    strict=True)]),
            "competence match vs status quo (points)": round(100 * (match[0] - match[1]), 2)}


def side_unmet(m: WorkforceModel) -> pd.Series:
    """Unmet need (FTE) of the education and the health side at the model's month."""
    t = m.needs_table()
    unmet = (t.required_fte - t.capacity_fte).clip(lower=0)
    return unmet.groupby(t.unit_kind.map(SIDE)).sum()


def lampung(seed: int, staff: int | None) -> dict:
    """Where balancing's moves go and which side's unmet need it reduces."""
    m, _, done = run("lampung", "balancing", 10, seed, staff)
    none, _, _ = run("lampung", "none", 10, seed, staff)
    agencies = np.array(list(m.params.region.vocabulary.agencies))
    units = m.world.units
    bal = done[done.policy == "balancing"]
    pairs = [f"{agencies[units.agency[f]]}->{agencies[units.agency[t]]}"
             for f, t in zip(bal.from_unit, bal.to_unit, strict=True)]
    after, before = side_unmet(m), side_unmet(none)
    cut = before - after
    return {"balancing moves": len(bal), "agency pairs": shares(pairs),
            "education->health": round(float(np.mean(np.array(pairs) == "education->health")),
                                       3),
            "roles": shares(bal.from_role),
            "unmet left (share of status quo)": (after / before).round(3).to_dict(),
            "share of the reduction": (cut / cut.sum()).round(3).to_dict()}


def jambi(seed: int, staff: int | None) -> dict:
    """Where health and finance backgrounds land under matching."""
    m, start, done = run("jambi", "matching", 10, seed, staff)
    vocab, units = m.params.region.vocabulary, m.world.units
    mt = done[done.policy == "matching"]
    comp = start[mt.employee_id.to_numpy()].copy()
    comp[:, vocab.family_index["general"]] = -1
    background = np.argmax(comp, axis=1)
    dest = m.world.unit_family[mt.to_unit.to_numpy()]
    kind = np.array(units.kind_names)[units.kind[mt.to_unit.to_numpy()]]
    out = {"matching moves": len(mt),
           "to the domain they know best": round(float(np.mean(background == dest)), 3)}
    for family in ("health", "finance"):
        f = vocab.family_index[family]
        mine = (background == f) & (dest == f)
        out[f"{family} background to {family} units"] = int(mine.sum())
        out[f"{family}: by unit kind"] = shares(kind[mine])
    return out


def main() -> None:
    """Print the readings of the three cases for each seed."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", default="1,2,3,4,5")
    ap.add_argument("--staff", type=int, default=None, help="region.target_staff")
    ap.add_argument("--cases", default="kotalama,lampung,jambi")
    a = ap.parse_args()
    for case in a.cases.split(","):
        print(f"== {case}")
        for seed in (int(s) for s in a.seeds.split(",")):
            print(f"seed {seed}: {globals()[case](seed, a.staff)}", flush=True)


if __name__ == "__main__":
    main()
