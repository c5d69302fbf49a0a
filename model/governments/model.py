"""A region of regions as one Mesa model, for the dashboard and for Python users.

`GovernmentsModel` steps every government of a scenario one month per `step` (the
round between governments held in its month), through a serial `Coordinator`. What
it shows reads like a `WorkforceModel`'s: the whole's monthly records in Mesa's
DataCollector, a needs table of every unit (numbered across governments, placed on
the scenario's frame), the summed audit tallies; plus `governments_table`, each
government's (or, for many, each province's) numbers now.
"""

from __future__ import annotations

from functools import partial
from typing import Any

import mesa
import numpy as np
import pandas as pd

from ..core.columns import Columns
from ..scenario.loading import load_scenario
from ..simulation import metrics as metrics_mod
from . import aggregate
from .members import members, require_governments
from .outputs import policy_label
from .runner import ALL, Coordinator

MANY = 40  # above this many governments, the table shows provinces


def _report(model: GovernmentsModel, key: str) -> float:
    """DataCollector reporter: metric `key` of the whole, this month."""
    return model.current[key]


class GovernmentsModel(mesa.Model):
    """Every government of a scenario with a `governments` section, month by month.

    Args:
        scenario: a name, a path, a mapping or a `Scenario` with governments.
        rng: the run's seed (None: the scenario's `seed`).
        policy: a policy name or list of names ('redistribution' for the round between
            governments; others are every government's own). None: the scenario's.
        **overrides: scenario values by dotted path, as for `WorkforceModel`.
    """

    def __init__(self, scenario: Any = None, *, rng: int | None = None,
                 policy: str | list[str] | None = None, **overrides: Any) -> None:
        if policy is not None:
            overrides["policy"] = policy
        overrides.pop("agent_views", None)  # no agent views here
        params = load_scenario(scenario, overrides)
        require_governments(params, "GovernmentsModel")
        seed = params.seed if rng is None else int(rng)
        super().__init__(rng=seed)
        self.params = params
        self.run_seed = seed
        self.members = members(params)
        self.coordinator = Coordinator(params, seed, None, shards=1, record_units=False)
        self.policy_name = policy_label(params, [n for n in params.policy_entries
                                                 if isinstance(n, str)])
        self.vocab = self.coordinator.call("vocab")[0]
        self.month = 0
        self.running = True
        self._datacollector = mesa.DataCollector(
            model_reporters={k: partial(_report, key=k) for k in metrics_mod.METRICS})
        self._read = 0
        self._now: tuple[int, list] | None = None
        self.units = Columns({})
        self.current = self.coordinator.run.records[ALL][0]

    def step(self) -> None:
        """One month of every government (the round between them in its month)."""
        self.month += 1
        self.coordinator.advance(self.month)
        self.current = self.coordinator.run.records[ALL][-1]
        self.running = self.month < self.params.years * 12

    @property
    def datacollector(self) -> mesa.DataCollector:
        """Mesa's DataCollector of the whole's monthly records (filled when read)."""
        dc = self._datacollector
        records = self.coordinator.run.records[ALL]
        steps = getattr(dc, "_collection_steps", None)
        for record in records[self._read:]:
            if steps is not None:
                steps.append(len(steps))
            for key in dc.model_reporters:
                dc.model_vars[key].append(record[key])
        self._read = len(records)
        return dc

    def _governments_now(self) -> list[dict[str, Any]]:
        if self._now is None or self._now[0] != self.month:
            parts = sorted((p for shard in self.coordinator.call("now") for p in shard),
                           key=lambda p: p["index"])
            self._now = (self.month, parts)
        return self._now[1]

    def needs_table(self) -> pd.DataFrame:
        """Every government's needs table, units numbered across governments.

        `self.units` then holds every unit's place on the scenario's frame and area
        type, by that number (what the dashboard's map reads).
        """
        parts = self._governments_now()
        frames, offset = [], 0
        for p in parts:
            df = p["needs"].copy()
            df["unit_id"] += offset
            df.insert(0, "government", self.members[p["index"]].name)
            frames.append(df)
            offset += p["x_km"].size
        self.units = Columns({"x_km": np.concatenate([p["x_km"] for p in parts]),
                              "y_km": np.concatenate([p["y_km"] for p in parts]),
                              "area": np.concatenate([p["area"] for p in parts])})
        return pd.concat(frames, ignore_index=True)

    @property
    def mutation(self) -> Any:
        """What the audit panel reads: `.fairness`, the governments' tallies summed.

        The tally's group edges (age, distance, performance quartiles) are the first
        government's: the groups are the same codes in every government.
        """
        parts = self._governments_now()
        tally = aggregate.summed_tally([p["audit"] for p in parts if p["audit"] is not None])
        edges = next((p["edges"] for p in parts if p["edges"] is not None), None)
        if tally is not None and edges is not None:
            tally.age_edges, tally.km_edges, tally.perf_edges = edges
        return _Audit(tally)

    def governments_table(self) -> pd.DataFrame:
        """Each government's numbers now (each province's above `MANY` governments)."""
        records = self.coordinator.run.records
        level = "province" if len(self.members) > MANY else "government"
        rows = []
        for name, recs in records.items():
            is_province = name.startswith("provinsi:")
            if name == ALL or (level == "province") != is_province:
                continue
            now, moved = recs[-1], pd.DataFrame.from_records(recs)
            rows.append({"name": name.removeprefix("provinsi:"), "n_active": now["n_active"],
                         "p_unmet": now["p_unmet"],
                         "p_remote_covered": now["p_remote_covered"],
                         "gov_in": int(moved["new_gov_in"].sum()),
                         "gov_out": int(moved["new_gov_out"].sum())})
        return pd.DataFrame(rows)


class _Audit:
    """A stand-in for a model's mutation process: its `fairness` tally only."""

    def __init__(self, fairness: Any) -> None:
        self.fairness = fairness
