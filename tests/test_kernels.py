"""The compiled kernels compute what the NumPy formulas compute, bit for bit.

Large regions use `model/core/kernels.py` (numba) for the month's passes over every
person; small ones the NumPy formulas. Both must give the same bits, so that a
region's results do not depend on its size crossing `MIN_STAFF` or on
`MUTASI_COMPILED`: checked on random columns with edge values, and on whole runs
(every month's record and every employee column) with the kernels on and off. The
cross-CPU test runs the kernels compiled for a generic CPU against NumPy here.
"""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from conftest import ROOT

from model import WorkforceModel
from model.core import kernels
from model.core.errors import UserError


def bits(a: np.ndarray) -> np.ndarray:
    a = np.ascontiguousarray(a)
    return a.view(np.uint8)


def same_bits(a, b) -> bool:
    a, b = np.asarray(a), np.asarray(b)
    return a.dtype == b.dtype and a.shape == b.shape and np.array_equal(bits(a), bits(b))


@pytest.fixture
def columns():
    """Random float32 columns with the values that trip up rounding: 0, 1, tiny, huge."""
    rng = np.random.default_rng(7)
    n, cells = 20_000, 300
    edge = np.array([0.0, 1.0, 1e-30, 0.5, 0.9999999, 3.0e4], np.float32)

    def col():
        x = rng.random(n, dtype=np.float32)
        x[rng.integers(0, n, 200)] = rng.choice(edge, 200)
        return x

    return {"morale": col(), "fit": col(), "adapt": col(), "comp_role": col(),
            "cell": rng.integers(0, cells, n).astype(np.int32), "cells": cells,
            "overload": col()[:cells], "rng": rng}


@pytest.mark.parametrize("m", [0.3, 0.1, 1 / 3, 0.0, 1.0])
def test_productivity_capacity_equals_numpy(columns, m):
    c = columns
    prod = np.empty_like(c["morale"])
    cap = np.full(c["cells"], 99.0)  # zeroed by the kernel
    kernels.productivity_capacity(c["morale"], c["fit"], c["adapt"], c["comp_role"],
                                  c["cell"], np.float32(m), np.float32(1.0 - m), prod, cap)
    want = np.multiply(c["morale"], np.float32(m))
    want += np.float32(1.0 - m)
    want *= c["fit"]
    want *= c["adapt"]
    weight = np.multiply(want, c["comp_role"], dtype=np.float64)
    assert same_bits(prod, want)
    assert same_bits(cap, np.bincount(c["cell"], weights=weight, minlength=c["cells"]))


@pytest.mark.parametrize("r,e", [(0.1, 0.5), (1 / 7, 0.3), (0.05, 1.0)])
def test_relax_morale_equals_numpy(columns, r, e):
    c = columns
    got, want = c["morale"].copy(), c["morale"].copy()
    kernels.relax_morale(got, c["cell"], c["overload"], np.float32(1.0 - r), np.float32(r),
                         np.float32(r * e))
    pull = (c["overload"] * np.float32(r * e))[c["cell"]]
    want *= np.float32(1.0 - r)
    want += np.float32(r)
    want -= pull
    assert same_bits(got, want)


def test_adaptation_factors_equal_numpy_and_refuse_what_the_table_lacks(columns):
    c, rng = columns, columns["rng"]
    n, k = c["morale"].size, 5_000
    rows = np.sort(rng.choice(n, k, replace=False)).astype(np.int64)
    start = rng.integers(80, 120, k).astype(np.int32)
    d = c["fit"][:k].copy()
    tau_row = rng.integers(0, 3, k).astype(np.intp)
    table = np.exp(-np.arange(64)[None, :] / np.array([3.0, 6.5, 11.0])[:, None])
    active = rng.random(n) < 0.95
    now, threshold = 120, 0.02
    got = c["adapt"].copy()
    keep = kernels.adaptation_factors(rows, start, d, tau_row, table, now, threshold,
                                      active, got)
    deficit = d * table[tau_row, now - start]
    done = (deficit < threshold) | ~active[rows]
    want = c["adapt"].copy()
    want[rows] = np.where(done, 1.0, 1.0 - deficit)
    assert same_bits(got, want)
    assert np.array_equal(keep, ~done)
    # a t beyond the table, a t < 0 or a tau without a row: nothing is written
    for bad in ({"start": start - 64}, {"start": start + 10}, {"tau_row": tau_row - 1}):
        args = {"start": start, "tau_row": tau_row} | bad
        untouched = c["adapt"].copy()
        assert kernels.adaptation_factors(rows, args["start"], d, args["tau_row"], table,
                                          now, threshold, active, untouched) is None
        assert same_bits(untouched, c["adapt"])


def test_adaptation_loss_and_select_equal_numpy(columns):
    c, rng = columns, columns["rng"]
    n = c["morale"].size
    rows = np.sort(rng.choice(n, 4_000, replace=False)).astype(np.int64)
    unit = rng.integers(0, 50, n).astype(np.int32)
    remote = rng.random(50) < 0.3
    m = 0.3
    loss, far = kernels.adaptation_loss(rows, c["fit"], c["adapt"], c["comp_role"],
                                        c["morale"], np.float32(m), unit, remote)
    want = (c["fit"][rows] * (1.0 - c["adapt"][rows]) * c["comp_role"][rows]
            * (1.0 - m * (1.0 - c["morale"][rows])))
    assert same_bits(loss, want)
    assert same_bits(far, want[remote[unit[rows]]])
    mask = rng.random(n) < 0.9
    assert same_bits(kernels.select(c["morale"], mask), c["morale"][mask])
    assert same_bits(kernels.select(c["morale"], np.zeros(n, bool)), c["morale"][:0])


@pytest.mark.parametrize("rates", [(0.05, 0.03), (0.05, 0.0), (0.0, 0.0)])
def test_learn_equals_numpy(columns, rates):
    c, rng = columns, columns["rng"]
    n, families, roles, units = c["morale"].size, 6, 9, 40
    rate, domain_rate = rates
    fit_rate, w = np.float32(0.1), 0.3
    active = rng.random(n) < 0.9
    role = rng.integers(0, roles, n).astype(np.int8)
    unit = rng.integers(0, units, n).astype(np.int32)
    family_of_role = rng.integers(0, families, roles).astype(np.int64)
    unit_family = rng.integers(0, families, units).astype(np.int8)
    comp = rng.random((n, families), dtype=np.float32)
    fit = np.where(rng.random(n) < 0.2, np.float32(1.0), c["fit"]).astype(np.float32)
    got = {"fit": fit.copy(), "comp": comp.copy(), "role": c["adapt"].copy(),
           "domain": c["morale"].copy()}
    grow = rate > 0 or domain_rate > 0
    kernels.learn(active, got["fit"], fit_rate, grow, got["comp"], role, unit, family_of_role,
                  unit_family, np.float32(rate), np.float32(domain_rate), np.float32(1 - w),
                  np.float32(w), got["role"], got["domain"])
    # the NumPy formulas of processes.adaptation.learn and World.refresh_competence
    want_fit, want_comp = fit.copy(), comp.copy()
    want_role, want_domain = c["adapt"].copy(), c["morale"].copy()
    low = np.flatnonzero(active & (want_fit < 1.0))
    want_fit[low] += fit_rate * (np.float32(1.0) - want_fit[low])
    if grow:
        rows = np.flatnonzero(active)
        flat, base = want_comp.reshape(-1), rows * families
        rf, dom = family_of_role[role[rows]], unit_family[unit[rows]]
        at = base + rf
        flat[at] += np.float32(rate) * (1.0 - flat[at])
        at = (base + dom)[dom != rf]
        flat[at] += np.float32(domain_rate) * (1.0 - flat[at])
        want_domain[rows] = flat[base + dom]
        want_role[rows] = (1 - w) * flat[base + rf] + w * want_domain[rows]
    assert same_bits(got["fit"], want_fit)
    assert same_bits(got["comp"], want_comp)
    assert same_bits(got["role"], want_role) and same_bits(got["domain"], want_domain)


def _run(monkeypatch, mode: str, **overrides):
    monkeypatch.setenv("MUTASI_COMPILED", mode)
    model = WorkforceModel(record_units=False, rng=11, **overrides)
    model.run()
    return model


@pytest.mark.parametrize("overrides", [
    {"region.target_staff": 1500, "years": 3},
    {"region.target_staff": 1200, "years": 2, "policy": "balancing",
     "interventions.monitoring.enabled": True, "interventions.mentoring.enabled": True,
     "demand.seasonality": 0.2},
], ids=["none", "balancing-levers"])
def test_a_run_is_the_same_bits_with_and_without_the_kernels(monkeypatch, overrides):
    overrides = dict(overrides)
    policy = overrides.pop("policy", None)
    runs = [_run(monkeypatch, mode, policy=policy, **overrides) for mode in ("0", "1")]
    numpy_run, compiled = runs
    a, b = numpy_run.timeseries(), compiled.timeseries()
    assert list(a.columns) == list(b.columns)
    for col in a.columns:
        assert same_bits(a[col].to_numpy(), b[col].to_numpy()), col
    plain, fast = numpy_run.employees, compiled.employees
    for col in ("morale", "prod", "adapt", "fit", "active", "unit", "exit_at", "competence",
                "comp_role", "comp_domain"):
        assert same_bits(getattr(plain, col), getattr(fast, col)), col


def test_wanted_follows_the_size_and_the_environment(monkeypatch):
    monkeypatch.delenv("MUTASI_COMPILED", raising=False)
    assert not kernels.wanted(kernels.MIN_STAFF - 1)
    assert kernels.wanted(kernels.MIN_STAFF)
    monkeypatch.setenv("MUTASI_COMPILED", "1")
    assert kernels.wanted(10)
    monkeypatch.setenv("MUTASI_COMPILED", "0")
    assert not kernels.wanted(10_000_000)
    monkeypatch.setenv("MUTASI_COMPILED", "yes")
    with pytest.raises(UserError) as err:
        kernels.wanted(10)
    assert "MUTASI_COMPILED=yes" in err.value.render("id")
    assert "auto, 1, 0" in str(err.value)


def test_a_wrong_mode_is_a_clear_message_and_exit_2(tmp_path):
    env = {"MUTASI_COMPILED": "fast", "PATH": "/usr/bin:/bin"}
    p = subprocess.run([sys.executable, str(ROOT / "run_sim.py"), "run", "default",
                        "--set", "region.target_staff=300", "--years", "1",
                        "--out", str(tmp_path / "out"), "--quiet"],
                       cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert p.returncode == 2, p.stderr
    assert "MUTASI_COMPILED=fast" in p.stderr and "Traceback" not in p.stderr
    assert not (tmp_path / "out").exists()


def test_the_compiled_age_curve_is_numpys_to_the_bit(monkeypatch):
    """`kernels.age_curve` (a shard drawing many regions) against `ages.age_curve`."""
    from model.regions import ages
    from model.scenario.loading import load_scenario

    monkeypatch.delenv("MUTASI_COMPILED", raising=False)
    shares = load_scenario("default").region.age_bands
    rng = np.random.default_rng(7)
    for trial in range(120):
        g = int(rng.integers(1, 5))
        top = np.sort(rng.choice(np.arange(56, 66), g, replace=False)) * 12 + 2
        size = (np.bincount(rng.integers(0, g, int(rng.integers(3, 400))), minlength=g)
                if trial % 2 else rng.random(g)).astype(float)
        size = size / size.sum()
        monkeypatch.setattr(ages, "MANY_REGIONS", False)
        numpy_curve = ages.age_curve(shares, top, size)
        monkeypatch.setattr(ages, "MANY_REGIONS", True)
        compiled = ages.age_curve(shares, top, size)
        assert np.array_equal(numpy_curve.view(np.uint64), compiled.view(np.uint64)), trial


def test_a_wrong_mode_stops_a_month_not_a_region_drawn(monkeypatch):
    """Drawing a region (`init-region`) never reads the switch; the first month does."""
    from model.core.rng import RandomStreams
    from model.scenario.loading import load_scenario
    from model.world.world import World

    monkeypatch.setenv("MUTASI_COMPILED", "fast")
    params = load_scenario("default", {"region.target_staff": 300})
    world = World.build(params, RandomStreams(params.seed))
    assert world.compiled is False
    with pytest.raises(UserError, match="MUTASI_COMPILED=fast"):
        world.begin_month()
