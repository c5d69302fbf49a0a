"""The tables a policy search leaves: every candidate, the front, and a short list.

- `candidates.csv`: every candidate scored (the references first, then in the order
  the optimiser proposed them): its id, where it came from, its full lever setting,
  its objectives' means over the search's replications, whether no other dominates
  it (`non_dominated`), whether it was on the front re-run (`on_front`: the
  non-dominated, at most `--front-size` of them) and whether it was kept after the
  final replications;
- `front.csv`: the kept candidates, one row each: lever values (the units the
  dashboard shows), each objective's mean and 95% t-interval over the final
  replications and its paired difference from the status quo (same seeds), the
  robustness scores (`search_robust`), and the short list's reasons;
- the short list: the candidate best on the first objective, the cheapest meeting the
  thresholds (without thresholds: the cheapest doing better than the status quo on the
  first objective), the most robust, and the one with the fewest moves doing better
  than the status quo on the first objective.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..reporting.search import COST_TOTAL, is_missing
from ..results.analysis import mean_ci
from ..scenario.levers import LEVERS
from .search_space import Objective


def candidates_table(search: Any, res: dict[str, Any]) -> pd.DataFrame:
    """candidates.csv (see the module docstring)."""
    cands, store = res["candidates"], res["store"]
    means = search.means(store, cands, search.reps)
    rows = []
    for i, c in enumerate(cands):
        row = {"candidate": i, "reference": c.reference, "generation": c.generation,
               **{lev.key: c.values[lev.key] for lev in LEVERS}}
        row.update({o.key: means[i, k] for k, o in enumerate(search.objs)})
        row.update({"non_dominated": bool(search.non_dominated[i]),
                    "on_front": bool(res["on_front"][i]), "kept": bool(res["kept_mask"][i]),
                    "setting": c.key})
        rows.append(row)
    return pd.DataFrame(rows)


def front_table(search: Any, res: dict[str, Any]) -> pd.DataFrame:
    """front.csv (see the module docstring); status quo and kept candidates' final runs."""
    cands, kept, store = res["candidates"], res["kept"], res["store"]
    ids = {c.key: i for i, c in enumerate(cands)}
    final = search.final_reps
    quo = next(c for c in cands if c.reference == "status_quo")
    quo_runs = search.per_rep(store, [quo], final)[0]  # [replication, objective]
    robust = res["robust"]
    rows = []
    for c in kept:
        per = search.per_rep(store, [c], final)[0]
        row: dict[str, Any] = {"candidate": ids[c.key], "reference": c.reference,
                               **{lev.key: c.values[lev.key] for lev in LEVERS}}
        for k, o in enumerate(search.objs):
            mean, lo, hi, _ = mean_ci(per[:, k])
            diff = mean_ci(per[:, k] - quo_runs[:, k])
            row.update({o.key: mean, f"{o.key}_lo": lo, f"{o.key}_hi": hi,
                        f"{o.key}_vs_status_quo": diff[0],
                        f"{o.key}_vs_status_quo_lo": diff[1],
                        f"{o.key}_vs_status_quo_hi": diff[2]})
            if len(robust):
                r = robust[(robust["candidate"] == c.key) & (robust["objective"] == o.key)]
                row.update({f"{o.key}_{s}": float(r[s].iloc[0])
                            for s in ("median", "p90", "max_regret")})
        if len(robust):
            row["satisficing"] = float(robust.loc[robust["candidate"] == c.key,
                                                  "satisficing"].iloc[0])
        summary = store.mean(-1, c.key, final)
        row["cost_total_idr_mean"] = Objective(COST_TOTAL, 1).of(summary)
        row["new_moves_mean"] = summary["new_moves"]
        row["meets_thresholds"] = all(t.met(summary) for t in search.limits)
        row["replications"] = final
        rows.append(row)
    front = pd.DataFrame(rows)
    front["shortlist"] = shortlist(search, front, quo_runs.mean(axis=0))
    return front


def shortlist(search: Any, front: pd.DataFrame, quo: np.ndarray) -> list[str]:
    """Per front row: the short list's reasons it is there (';'-joined keys of SHORTLIST)."""
    reasons: list[list[str]] = [[] for _ in range(len(front))]
    if front.empty:
        return []
    first = search.objs[0]
    value = front[first.key].to_numpy() * first.sense
    reasons[int(np.argmin(value))].append("best_first")
    better = value < quo[0] * first.sense
    pool = front["meets_thresholds"].to_numpy() if search.limits else better
    if pool.any():
        cost = np.where(pool, front["cost_total_idr_mean"].to_numpy(), np.inf)
        reasons[int(np.argmin(cost))].append("cheapest")
    robust = _robust_rank(search, front)
    if robust is not None:
        reasons[robust].append("most_robust")
    if better.any():
        moves = np.where(better, front["new_moves_mean"].to_numpy(), np.inf)
        reasons[int(np.argmin(moves))].append("fewest_moves")
    return [";".join(r) for r in reasons]


def _robust_rank(search: Any, front: pd.DataFrame) -> int | None:
    """The most robust row: most points meeting the thresholds, then least regret.

    Regret is summed over objectives, each divided by its largest max regret on the
    front (objectives in different units weigh alike). None without robustness runs.
    """
    cols = [f"{o.key}_max_regret" for o in search.objs]
    if not all(c in front for c in cols):
        return None
    regret = front[cols].to_numpy(float)
    scale = regret.max(axis=0)
    score = (regret / np.where(scale > 0, scale, 1.0)).sum(axis=1)
    meets = front["satisficing"].to_numpy(float) if "satisficing" in front else None
    if meets is not None and not np.isnan(meets).all():
        order = np.lexsort((score, -np.nan_to_num(meets, nan=-1.0)))
    else:
        order = np.argsort(score, kind="stable")
    return int(order[0])


def finish(search: Any, res: dict[str, Any], out: Path, lang: str = "id",
           command: str = "", pdf: bool = False) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Write candidates.csv, front.csv, robustness.csv, the figures, meta.json, the report.

    `pdf` also prints the report (weasyprint).
    """
    import json
    import time

    from ..reporting.outputs import versions, write_csv
    from ..reporting.search import front_figure, parallel_figure

    out = Path(out)
    cands = candidates_table(search, res)
    front = front_table(search, res)
    write_csv(cands, out / "candidates.csv")
    write_csv(front, out / "front.csv")
    robust = res["robust"]
    if len(robust):
        ids = {c.key: i for i, c in enumerate(res["candidates"])}
        robust = robust.assign(candidate=robust["candidate"].map(ids))
        write_csv(robust, out / "robustness.csv")
    (out / "figures").mkdir(exist_ok=True)
    suffix = "" if lang == "id" else f"-{lang}"
    keys = [o.key for o in search.objs]
    front_figure(cands, front, keys, search.base.years, out / "figures" / f"front{suffix}.png",
                 lang)
    parallel_figure(front, [lev.key for lev in search.space], keys,
                    [o.sense for o in search.objs], search.base.years,
                    out / "figures" / f"parallel{suffix}.png", lang)
    meta = {**search.plan(), "candidates": len(cands), "on_front": int(cands["on_front"].sum()),
            "kept": len(front), "runs": len(res["store"].runs),
            "thresholds": [f"{t.key}{t.op}{t.value!r}" for t in search.limits],
            "uncertain_inputs": [u.path for u in search.inputs],
            "command": command, "finished_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "versions": versions()}
    (out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    from ..reporting.search_report import write_search_report

    write_search_report(out, lang, pdf)  # last: it reads the folder's files
    return front, cands


def read_front(folder: Path) -> tuple[pd.DataFrame, dict[str, Any]]:
    """A search folder's front and meta.json, checked (what the dashboard loads)."""
    import json

    from ..core.errors import UserError
    from ..reporting.search_report import read_front_table
    from .messages_search import SearchMsg

    folder = Path(folder)
    path = folder / "front.csv"
    try:
        front = pd.read_csv(path)
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, pd.errors.ParserError) as exc:
        raise UserError(SearchMsg.front_unreadable(path=path, why=exc)) from None
    missing = [c for c in ("candidate", "reference", "shortlist", *(lev.key for lev in LEVERS))
               if c not in front]
    keys = [k for k in ("objectives", "thresholds", "levers", "years", "scenario")
            if k not in meta]
    if not keys:  # what the card and the report read of each objective
        missing += [c for k, _ in meta["objectives"] for c in (k, f"{k}_vs_status_quo")
                    if c not in front]
    if missing or keys or front.empty:
        why = (f"columns missing: {', '.join(missing)}" if missing else
               f"meta.json without {', '.join(keys)}" if keys else "no candidate")
        raise UserError(SearchMsg.front_unreadable(path=path, why=why))
    return read_front_table(path), meta


def candidate_levers(row: pd.Series) -> dict[str, Any]:
    """A front row's lever values, typed as the dashboard's controls hold them."""
    out: dict[str, Any] = {}
    for lev in LEVERS:
        v = row[lev.key]
        if lev.kind == "bool":
            v = v if isinstance(v, bool | np.bool_) else str(v) == "True"
            out[lev.key] = bool(v)
        elif lev.kind == "choice":  # an empty cell is no limit
            out[lev.key] = None if is_missing(v) else int(float(v))
        elif lev.kind == "int":
            out[lev.key] = int(v)
        elif lev.kind == "float":
            out[lev.key] = float(v)
        else:
            out[lev.key] = str(v)
    return out


def check_front(folder: Path, scenario: Any, lang: str = "id") -> tuple[pd.DataFrame, dict]:
    """A front the dashboard of `scenario` can offer, or a clear error.

    Readable, and every candidate's settings valid there (a range check per lever). A
    front of another scenario is said (a warning): its candidates were scored there.
    """
    from ..reporting.console import warn
    from ..scenario.levers import overrides
    from .messages_search import SearchMsg

    front, meta = read_front(folder)
    for _, row in front.iterrows():
        overrides(candidate_levers(row), scenario)  # UserError: out of this one's range
    if meta["scenario"] != scenario.name:
        warn(SearchMsg.front_other_scenario(front=meta["scenario"], scenario=scenario.name),
             lang)
    return front, meta
