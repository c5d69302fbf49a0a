"""Each planned move explained for the person moved (issue 25, item 4).

The numbers in the sentences are the person's and the units' at the round (before
anything moves), the support is what the scenario applies to that move, and every
move of the plan has its explanation, in both languages.
"""

from __future__ import annotations

import numpy as np

from model.core.rng import RandomStreams, replication_seeds
from model.experiments.plan import draft_plan
from model.reporting.formats import fmt_fixed
from model.scenario.loading import load_scenario
from model.world.world import World


def test_every_move_is_explained_with_the_persons_own_numbers():
    scenario = load_scenario("default", {"interventions.training.enabled": True,
                                         "interventions.remote_allowance.enabled": True})
    plan = draft_plan(scenario, "balancing")
    explained = plan.explanations
    assert len(explained) == len(plan.moves) > 20
    assert (explained["employee"].to_numpy() == plan.moves["employee"].to_numpy()).all()
    # the next round is the first month: the people are those of the starting data
    world = World.build(scenario, RandomStreams(replication_seeds(scenario.seed, 1)[0]))
    E = world.employees
    now = world.now  # month 1's clock reads the start month (`World.begin_month`)
    for k in range(0, len(explained), 17):
        row = int(plan.moves["employee"].iloc[k])
        years = (now - E.moved_at[row]) / 12
        text = explained["why_person"].iloc[k]
        assert f"selama {fmt_fixed(years, 1, 'id')} tahun" in text, text
        assert world.district_names[E.home[row]] in text
        assert f"nilai kinerja {fmt_fixed(float(E.performance[row]), 2, 'id')}" in text
    support = explained["support"]
    assert support.str.contains("pelatihan pasca-mutasi").all()
    remote = world.remote_units[[list(world.units.names).index(u)
                                 for u in plan.moves["to_unit"]]]
    allowance = support.str.contains("tunjangan daerah terpencil").to_numpy()
    assert np.array_equal(allowance, remote) and remote.any() and not remote.all()
    assert explained["adaptation"].str.match(r"sekitar \d+ bulan").all()


def test_without_interventions_the_explanation_says_so_in_english():
    plan = draft_plan(load_scenario("default"), "balancing", lang="en")
    e = plan.explanations
    assert e["support"].str.startswith("no particular support").all()
    assert e["why_unit"].str.contains(r"lacks [\d.]+ FTE of .*: EJ [\d.–]+ → ").all()
    assert e["why_person"].str.contains("minimum tenure 24 months").all()
