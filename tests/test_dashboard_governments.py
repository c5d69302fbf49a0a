"""The dashboard of a scenario of several governments (issue 27): the province example.

In Chromium: the page opens with a card of the governments, a year steps, the
round-between-governments policy is offered and moves teachers between them, and the
card overlaps no other panel at a laptop's and a projector's size.
"""

from __future__ import annotations

import pytest
from test_dashboard import _card_clear_at_sizes, _choose_policy, _open, _step, serving

from model.dashboard.model import dashboard_model, snapshot
from model.scenario.loading import load_scenario

GOVERNMENTS = "Pemerintah"  # the card's first column


def test_the_model_of_several_governments_takes_the_levers():
    """The dashboard's model of provinsi_contoh: the levers as keywords, a year a step."""
    base = load_scenario("provinsi_contoh", {"years": 2})
    cls = dashboard_model(base)
    model = cls(policy="redistribution")
    model.step()
    view = snapshot(model)
    assert view.month == 12 and len(view.series) == 13
    table = view.governments
    assert len(table) == 5 and table["gov_in"].sum() == table["gov_out"].sum() > 0
    # the map has every government's units, on the scenario's frame
    assert len(view.units) > 5 * 50
    assert view.units["x"].max() - view.units["x"].min() > 150


@pytest.fixture(scope="module")
def server():
    """`run_sim.py dashboard provinsi_contoh` on a free local port."""
    yield from serving(["provinsi_contoh", "--set", "years=3"], wait=90)


def test_the_province_example_runs_in_the_dashboard(server, browser):
    page = _open(browser, server)
    card = page.locator(".mutasi-governments")
    card.wait_for(timeout=60_000)
    for name in ("Kota Contoh", "Kabupaten Hulu", "Kabupaten Kepulauan"):
        assert name in card.inner_text()
    assert page.locator(".mutasi-plan").count() == 0  # a plan is one government's
    offered = _choose_policy(page, "Kebijakan mutasi", "redistribusi guru antarpemerintah")
    assert "penyeimbangan beban + redistribusi guru antarpemerintah" in offered
    page.get_by_role("button", name="Mulai ulang").click()
    page.wait_for_timeout(500)
    _step(page, "2027-12")
    hulu = page.locator(".mutasi-governments tr", has_text="Kabupaten Hulu").inner_text()
    came, left = (int(v.replace(".", "")) for v in hulu.split("\t")[-1].split("/"))
    assert came > 20 and left == 0, hulu  # teachers came in, none left
    for width, _others in _card_clear_at_sizes(page, "mutasi-governments"):
        # the whole table is seen: no column cut off behind a scroll bar
        inner = page.locator(".mutasi-governments .mutasi-plan-table")
        assert inner.evaluate("e => e.scrollWidth <= e.clientWidth + 1"), width
    page.close()


def test_the_comparison_card_compares_the_whole_of_several_governments():
    """`Compare with status quo` on provinsi_contoh: redistribution against none, paired."""
    from model.dashboard.compare import paired_compare
    from model.scenario.levers import overrides

    base = load_scenario("provinsi_contoh")
    summary = paired_compare(base, overrides({"policy": "redistribution"}, base), 2, 2)
    remote = summary[(summary["metric"] == "p_remote_covered")
                     & (summary["policy"] == "setting")]
    assert float(remote["diff_mean"].iloc[0]) > 0  # teachers sent to remote districts
