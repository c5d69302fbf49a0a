"""The merit and fairness audit (issue 25, item 3): it finds a planted bias, and only that.

Policies written here send people to hard areas: only women, only the lowest
performers, or anyone at random. The audit over replications flags the first two on
sex and on performance (the punishment-transfer signal) and never the random one,
across seeds; the tallies agree with the transfer log.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from model.core.rng import replication_seeds
from model.core.vocab import AREA_INDEX
from model.policies.base import Moves, Policy
from model.processes.fairness import HARD_AREAS, MEASURES
from model.results.audit import audit_table, run_audit
from model.scenario.loading import load_scenario
from model.simulation.model import WorkforceModel

SIZE = {"region.target_staff": 3000, "years": 1}


class ToHardAreas(Policy):
    """Sends up to 40 movable people a round to hard-area units needing their role."""

    def __init__(self, who: str) -> None:
        super().__init__(None)
        self.name, self.who = f"to_hard_{who}", who

    def propose(self, view, rng):
        E, U = view.employees, view.units
        movable = np.flatnonzero(view.movable)
        if self.who == "women":
            movable = movable[E.female[movable]]
        elif self.who == "lowest":
            cut = np.quantile(E.performance[E.active], 0.25)
            movable = movable[E.performance[movable] <= cut]
        pick = rng.choice(movable, size=min(40, movable.size), replace=False)
        hard = np.flatnonzero(np.isin(U.area, [AREA_INDEX[a] for a in HARD_AREAS]))
        dest = np.array([next((u for u in hard if view.required_fte[u, E.role[r]] > 0
                               and u != E.unit[r]), -1) for r in pick], np.int64)
        ok = dest >= 0
        return Moves.build(pick[ok], dest[ok], E.role[pick[ok]], reason="test")


def _audit(who: str, seed: int, reps: int = 4) -> pd.DataFrame:
    scenario = load_scenario("default", SIZE | {"seed": seed})
    runs = []
    for r, s in enumerate(replication_seeds(seed, reps)):
        policy = ToHardAreas(who)
        model = WorkforceModel(scenario, rng=s, policy=policy, record_units=False,
                               agent_views="lazy")
        model.run()
        runs.append((policy.name, r, run_audit(model.mutation.fairness,
                                               model.world.vocab.families)))
    return audit_table(runs, scenario.mutation.audit).set_index(["dimension", "group"])


def _flags(table: pd.DataFrame, dimension: str) -> dict[str, str]:
    rows = table.loc[dimension]
    return {g: str(f) for g, f in rows["flagged"].items() if isinstance(f, str) and f}


@pytest.mark.parametrize("seed", [11, 12, 13])
def test_the_audit_finds_a_planted_bias_and_only_that(seed):
    women = _audit("women", seed)
    assert "hard" in _flags(women, "sex")["female"]
    assert "hard" in _flags(women, "sex")["male"]  # no man was sent: below the band
    assert women.loc[("sex", "female"), "ratio_hard_low"] > 1.25
    lowest = _audit("lowest", seed)
    assert "hard" in _flags(lowest, "performance")["q1"]
    assert bool(lowest.loc[("performance", "q1"), "punishment_signal"])
    fair = _audit("anyone", seed)
    assert "hard" not in _flags(fair, "sex").get("female", "")
    assert "hard" not in _flags(fair, "sex").get("male", "")
    assert not any("hard" in f for f in _flags(fair, "performance").values())
    assert not fair["punishment_signal"].any()
    assert not women["punishment_signal"].any()


def test_the_tallies_agree_with_the_transfer_log():
    scenario = load_scenario("default", SIZE | {"years": 2})
    model = WorkforceModel(scenario, policy="balancing", record_units=False)
    model.run()
    log = model.transfer_log.frame(model.world)
    planned = log[log["policy"] != "request"]
    moved = planned["outcome"].isin(["executed", "forced"])
    tally = model.mutation.fairness
    whole = dict(zip(MEASURES, tally.whole(), strict=True))
    assert whole["moved"] == moved.sum() > 0
    assert whole["forced"] == (planned["outcome"] == "forced").sum()
    assert whole["objected"] == planned["outcome"].isin(["forced", "refused"]).sum()
    hard = np.isin(model.world.units.area[planned.loc[moved, "to_unit"].to_numpy()],
                   [AREA_INDEX[a] for a in HARD_AREAS])
    assert whole["hard"] == hard.sum()
    ts = model.timeseries()
    assert ts["new_moves_hard_area"].sum() == hard.sum()
    for table in tally.counts.values():  # every dimension's groups partition the staff
        assert np.array_equal(table[:-1].sum(axis=1), tally.whole()[:-1])  # counts: exact
        assert np.isclose(table[-1].sum(), tally.whole()[-1])  # km: a sum of floats
    assert ts["fair_max_hard_ratio"].iloc[-1] >= 1.0
    # the status quo plans no move: nothing to audit, every ratio 1
    quo = WorkforceModel(scenario, policy="none", record_units=False)
    quo.run()
    assert quo.mutation.fairness.whole().sum() == 0
    assert (quo.timeseries()["fair_max_hard_ratio"] == 1.0).all()


def test_a_draft_or_a_list_is_audited_at_its_round(tmp_path):
    """A list sending only women to hard areas: its plan audit flags women, by name."""
    from model.experiments.evaluate import check_list
    from model.experiments.plan import draft_plan
    from model.reporting.audit_words import audit_findings

    scenario = load_scenario("default")
    model = WorkforceModel(scenario, record_units=False)
    w = model.world
    E, U = w.employees, w.units
    hard = np.flatnonzero(np.isin(U.area, [AREA_INDEX[a] for a in HARD_AREAS]))
    women = np.flatnonzero(E.active & E.female & (w.now - E.moved_at > 60)
                           & (E.retire_at > w.now + 60) & ~np.isin(E.unit, hard))
    rows = []
    for r in women[:400]:
        units = hard[U.demand[hard, E.role[r]] > 0]
        if units.size:
            rows.append((r, units[r % units.size]))
        if len(rows) == 120:
            break
    path = tmp_path / "women.csv"
    pd.DataFrame(rows, columns=["nip", "kode_unit_tujuan"]).to_csv(path, index=False)
    checked = check_list(scenario, path)
    audit = checked.planned.audits[1].set_index(["dimension", "group"])
    assert "hard" in audit.at[("sex", "female"), "flagged"]
    assert audit.at[("sex", "male"), "ratio_hard"] == 0
    said = " ".join(audit_findings(audit.reset_index().assign(policy="list"),
                                   scenario.mutation.audit, "en"))
    assert "women (sex)" in said and "moved into hard areas" in said
    plan = draft_plan(scenario, "balancing")  # the tool's draft carries its audit too
    assert plan.audit is not None and set(plan.audit["policy"]) == {"balancing"}


def test_the_dashboard_panel_shows_who_is_sent_to_hard_areas():
    from model.dashboard.model import snapshot
    from model.dashboard.panels import CHARTS

    scenario = load_scenario("default", SIZE)
    model = WorkforceModel(scenario, policy=ToHardAreas("women"), record_units=False)
    view = snapshot(model)
    assert all(np.isnan(r) for _, _, r in view.audit)  # nothing yet: the note, no bars
    model.run()
    ratios = {(d, g): r for d, g, r in snapshot(model).audit}
    assert ratios[("sex", "female")] > 1.25 and ratios[("sex", "male")] == 0
    ax = CHARTS["audit"](snapshot(model), "id").axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[:2] == ["laki-laki", "perempuan"] and "kuartil 1 (kinerja terendah)" in labels
    red = [p for p in ax.patches if p.get_facecolor()[:3] == (214 / 255, 39 / 255, 40 / 255)]
    assert len(red) >= 2  # women above the band, men below it


def test_one_replication_cannot_flag_and_says_so():
    from model.reporting.audit_words import audit_findings

    women = _audit("women", 11, reps=1)
    assert not women["flagged"].fillna("").astype(bool).any()
    said = audit_findings(women.reset_index(), load_scenario("default").mutation.audit, "en")
    assert any("cannot be judged" in s for s in said)
    assert not any("no group" in s for s in said)


def test_a_few_moves_do_not_make_a_flag():
    """A group nobody on a short list belongs to is not flagged for its 0 of a few."""
    scenario = load_scenario("default", SIZE)
    frames = []
    for r, seed in enumerate(replication_seeds(5, 4)):
        policy = _Few()
        model = WorkforceModel(scenario, rng=seed, policy=policy, record_units=False)
        model.run()
        frames.append((policy.name, r, run_audit(model.mutation.fairness,
                                                 model.world.vocab.families)))
    table = audit_table(frames, scenario.mutation.audit)
    assert not table["flagged"].fillna("").astype(bool).any()


class _Few(ToHardAreas):
    """Three people a round, at random."""

    def __init__(self) -> None:
        super().__init__("anyone")

    def propose(self, view, rng):
        moves = super().propose(view, rng)
        return moves.take(np.arange(min(3, len(moves))))
