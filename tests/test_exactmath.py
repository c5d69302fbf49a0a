"""The CPU-independent elementary functions: accuracy against exact decimal arithmetic."""

from __future__ import annotations

import decimal
import math

import numpy as np
import pytest
from conftest import ROOT

from model.core import exactmath as xm

CTX = decimal.Context(prec=60)


def exact_exp(x: float) -> float:
    return float(CTX.exp(decimal.Decimal(float(x))))


def ulps(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.abs(a - b) / np.spacing(np.maximum(np.abs(b), np.finfo(float).tiny))


def test_exp_within_one_ulp_of_exact_over_the_whole_range():
    rng = np.random.default_rng(3)
    x = np.concatenate([rng.uniform(-40, 2, 20_000), rng.uniform(-745, 709.7, 5_000),
                        [0.0, -0.0, 1e-300, -1e-300, 0.5, -0.5, 709.78, -708.4, -744.0]])
    got = xm.exp(x)
    want = np.array([exact_exp(v) for v in x])
    normal = np.abs(want) >= np.finfo(float).tiny
    assert ulps(got[normal], want[normal]).max() <= 1.0
    assert np.mean(got == want) > 0.85  # most values correctly rounded
    assert np.all(np.abs(got[~normal] - want[~normal]) <= 2 * 5e-324)


@pytest.mark.parametrize("copies", [1, 4])  # the small path, then the NumPy one
def test_exp_edges(copies):
    got = xm.exp(np.tile([np.nan, np.inf, -np.inf, 710.0, -746.0, 0.0], copies))[:6]
    assert np.isnan(got[0])
    assert got[1] == np.inf and got[3] == np.inf
    assert got[2] == 0.0 and got[4] == 0.0
    assert got[5] == 1.0
    assert xm.exp(1.0).shape == ()


def test_small_arrays_give_the_vector_paths_bits():
    """Up to `SMALL` values `exp` uses Python floats; the bits are the NumPy path's."""
    rng = np.random.default_rng(11)
    halfway = []  # x with x / ln 2 exactly halfway between integers: rounding to even
    for j in range(-60, 60):
        x = (j + 0.5) / xm.INV_LN2
        for _ in range(8):
            if x * xm.INV_LN2 == j + 0.5:
                halfway.append(x)
                break
            x = np.nextafter(x, np.inf if x * xm.INV_LN2 < j + 0.5 else -np.inf)
    assert len(halfway) > 20
    x = np.concatenate([rng.uniform(-40, 2, 5_000), rng.uniform(-745.2, 709.9, 5_000),
                        rng.normal(0, 1e-3, 500), halfway,
                        [0.0, -0.0, 1e-300, -1e-300, 5e-324, xm.EXP_MAX, xm.EXP_MIN,
                         np.nextafter(xm.EXP_MAX, np.inf), np.nextafter(xm.EXP_MIN, -np.inf),
                         -708.4, -744.0, -745.0, 709.78, np.inf, -np.inf, np.nan]])
    vector = xm.exp(x)
    assert x.size > xm.SMALL
    one_by_one = np.array([xm.exp(v) for v in x])
    assert np.array_equal(np.isnan(vector), np.isnan(x))
    assert np.array_equal(vector.view(np.uint64), one_by_one.view(np.uint64))
    for size in (1, 2, xm.SMALL):  # shapes kept
        block = x[:size].reshape(size, 1)
        assert xm.exp(block).shape == (size, 1)
        assert np.array_equal(xm.exp(block).ravel(), vector[:size])


def test_sigmoid_is_a_probability():
    p = xm.sigmoid(np.array([-800.0, -5.0, 0.0, 5.0, 800.0]))
    assert p[0] == 0.0 and p[2] == 0.5 and p[4] == 1.0
    assert np.all(np.diff(p) > 0)
    assert p[1] == pytest.approx(1 / (1 + math.exp(5)), rel=1e-15)


@pytest.mark.parametrize("x", [0.6, 0.4, 0.85, 1.0, 1e-9, 123.456])
def test_log_scalar_is_correctly_rounded(x):
    assert xm.log_scalar(x) == float(CTX.ln(decimal.Decimal(x)))
    assert xm.log_scalar(x) == pytest.approx(math.log(x), rel=1e-15, abs=1e-300)


def test_log_scalar_refuses_non_positive():
    with pytest.raises(ValueError):
        xm.log_scalar(0.0)


@pytest.mark.parametrize("base,exponent", [(0.9, 1 / 12), (0.99, 1 / 12), (1.02, 1 / 12),
                                           (0.5, 0.5), (0.0, 0.25), (2.0, 10.0)])
def test_pow_scalar_matches_exact(base, exponent):
    want = float(CTX.power(decimal.Decimal(base), decimal.Decimal(exponent))) if base else 0.0
    assert xm.pow_scalar(base, exponent) == want
    assert xm.pow_scalar(base, exponent) == pytest.approx(base**exponent, rel=1e-15)
    assert xm.pow_each(np.array([base, base]), exponent).tolist() == [want, want]


def test_ipow_multiplies():
    x = np.array([0.99, 0.5, 1.0, 0.0, 1.0001])
    for n in (0, 1, 2, 5, 12, 13):
        want = np.ones_like(x)
        for _ in range(n):
            want = want * x
        np.testing.assert_allclose(xm.ipow(x, n), want, rtol=1e-15)
    assert xm.ipow(x, 12)[1] == 0.5**12  # powers of two exactly
    with pytest.raises(ValueError):
        xm.ipow(x, -1)


def test_hypot_and_cos_month():
    assert xm.hypot(np.array([3.0]), np.array([4.0]))[0] == 5.0
    for m in range(-13, 25):
        assert xm.cos_month(m) == pytest.approx(math.cos(2 * math.pi * m / 12), abs=1e-14)
    assert xm.cos_month(3) == 0.0 and xm.cos_month(6) == -1.0


def test_t_quantile_is_rounded_student_t():
    assert xm.t_quantile(0.95, 2) == 4.302652730
    assert xm.t_quantile(0.95, 1000) == pytest.approx(1.962339, abs=1e-6)


def test_t_quantile_is_scipy_stats_t_ppf_without_importing_scipy_stats():
    """The summaries' multiplier comes from `scipy.special.stdtrit` (what `t.ppf`
    computes): the same numbers, and the process writing a folder need not import
    `scipy.stats`."""
    import subprocess
    import sys

    from scipy import stats

    for level in (0.8, 0.9, 0.95, 0.99, 1 - 0.05 / 4):
        for dof in (*range(1, 60), 99, 999, 10_000):
            assert xm.t_quantile(level, dof) == float(
                f"{stats.t.ppf(0.5 + level / 2, dof):.10g}"), (level, dof)
    code = ("import sys; from model.core.exactmath import t_quantile; t_quantile(0.95, 7); "
            "print('scipy.stats' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    assert out.stdout.strip() == "False"
