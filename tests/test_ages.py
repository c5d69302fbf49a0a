"""Ages of the synthetic region (issue 22): one smooth curve through BKN's bands."""

from __future__ import annotations

import numpy as np
import pytest

from model.core.errors import UserError
from model.regions import ages
from model.scenario.loading import load_scenario

BKN = {"20-30": 0.09, "31-40": 0.24, "41-50": 0.33, "51-60": 0.34}
TOP = np.array([58 * 12 + 2, 60 * 12 + 2, 65 * 12 + 2])  # BUP 58, 60, 65


@pytest.mark.parametrize("size", [[0.43, 0.56, 0.01], [1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])
def test_the_curve_meets_every_band_over_everyone_and_has_no_hole(size):
    size = np.array(size)
    curve = ages.age_curve(BKN, TOP, size)
    room = ages.room_by_age(20, 60, TOP)
    chance = room * curve / np.sum(room * curve, axis=1, keepdims=True)
    by_age = np.sum(size[:, None] * chance, axis=0)
    for band, share in BKN.items():
        lo, hi = (int(x) for x in band.split("-"))
        assert np.sum(by_age[lo - 20:hi - 20 + 1]) == pytest.approx(share, abs=1e-9)
    assert (curve > 0).all()
    # smooth: no year under 0.9 of its neighbours' mean, no step over 25 % between years
    assert np.min(curve[1:-1] / ((curve[:-2] + curve[2:]) / 2)) > 0.9
    assert np.max(curve[1:] / curve[:-1]) < 1.25 and np.min(curve[1:] / curve[:-1]) > 0.8


def test_the_old_hole_is_gone_for_every_bup_group():
    """Nobody with BUP 58 was aged 49-50; each group now fills every year below its BUP."""
    size = np.array([0.43, 0.56, 0.01])
    curve = ages.age_curve(BKN, TOP, size)
    room = ages.room_by_age(20, 60, TOP)
    for g, bup in enumerate((58, 60, 65)):
        density = room[g] * curve
        below = density[:min(bup, 61) - 20]  # ages 20 .. BUP - 1
        assert np.min(below[1:-1] / ((below[:-2] + below[2:]) / 2)) > 0.9, bup


def test_draws_follow_the_curve_closely_and_stay_below_the_bup():
    rng = np.random.default_rng(4)
    bup = np.where(rng.random(20_000) < 0.43, 58, 60)
    pppk = (rng.random(bup.size) < 0.33).astype(np.int64)
    months = ages.sample_age_months(BKN, bup, pppk, np.random.default_rng(9))
    assert (months <= bup * 12 + 1).all() and (months >= 20 * 12).all()
    size = np.array([np.mean(bup == 58), np.mean(bup == 60)])
    curve = ages.age_curve(BKN, TOP[:2], size)
    room = ages.room_by_age(20, 60, TOP[:2])
    for g, b in enumerate((58, 60)):
        for kind in (0, 1):  # stratified: within each BUP and employment, counts by year
            mine = (bup == b) & (pppk == kind)
            want = mine.sum() * room[g] * curve / np.sum(room[g] * curve)
            got = np.bincount(months[mine] // 12 - 20, minlength=41)
            assert np.max(np.abs(got - want)) < 2, (b, kind)  # one stratum at each end
    again = ages.sample_age_months(BKN, bup, pppk, np.random.default_rng(9))
    assert np.array_equal(months, again)


@pytest.mark.parametrize("bands, expect", [
    ({"20-30": 0.5, "35-60": 0.5}, "leave ages 31-34 out"),
    ({"20-40": 0.5, "35-60": 0.5}, "overlap"),
])
def test_age_bands_with_a_gap_or_an_overlap_are_refused(bands, expect):
    with pytest.raises(UserError, match="age_bands") as exc:
        load_scenario("default", {"region.age_bands": bands})
    assert expect in str(exc.value)
