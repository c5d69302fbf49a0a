"""Elementary functions that give the same bits on every CPU.

NumPy picks SIMD code for `exp`, `log`, `power`, `cos` per CPU (AVX2, AVX-512, NEON),
and glibc's maths library picks FMA or plain variants of `exp`, `log` and `pow` by
CPU too. Their results agree to about an ulp, not to the bit, and a value compared
with a threshold or a uniform draw (an exit, a refusal, the end of adaptation) can
flip on the last bit, after which the whole run diverges. Everything that feeds the
model's dynamics or its written results therefore goes through this module:

- `exp` (arrays, the monthly hot paths: adaptation, refusal probabilities) uses only
  +, -, *, `rint` and `ldexp`, which IEEE 754 rounds the same way on every CPU, each
  a separate NumPy pass (no fused multiply-add can form): Cody-Waite reduction
  x = k ln2 + r with ln2 split in two, then the Taylor polynomial of e^r to degree 13
  (|r| <= ln2/2, truncation error below 5e-18), then 2^k by `ldexp`. Accuracy: within
  2 ulp of the true value (tested against `decimal`).
- `exp_scalar`, `log_scalar` and `pow_scalar` (parameters turned into monthly rates,
  log-odds, at setup or once a month) use Python's `decimal`: software arithmetic at
  40 digits (exp and ln correctly rounded, power almost always), then one correctly
  rounded conversion to float; deterministic on every machine either way.
- `ipow` raises to a small integer power by repeated squaring (multiplications only).
- `hypot` is sqrt(dx^2 + dy^2) in float64 (sqrt is correctly rounded by IEEE 754).

Sums that feed results accumulate in float64 with plain NumPy reductions (pairwise, in
a fixed order), never with BLAS (`np.dot`, `@`), whose kernel changes with the CPU.
"""

from __future__ import annotations

import decimal
import functools
import math

import numpy as np

# overflow gives Infinity (then inf), not an exception; invalid operations still raise
_CTX = decimal.Context(prec=40, Emax=999_999, Emin=-999_999,
                       traps=[decimal.InvalidOperation, decimal.DivisionByZero])

# ln 2 split so that k * LN2_HI is exact for |k| < 2**20 (fdlibm's constants)
LN2_HI = 6.93147180369123816490e-01
LN2_LO = 1.90821492927058770002e-10
INV_LN2 = 1.44269504088896338700e00
EXP_MAX = 709.782712893383973096  # largest x with a finite exp(x)
EXP_MIN = -745.13321910194110842  # below this exp(x) rounds to 0
# 1/k! for k = 13 .. 0 (Horner order); each a correctly rounded division
_TAYLOR = tuple(1.0 / math.factorial(k) for k in range(13, -1, -1))


# up to this many values, `exp` does its operations on Python floats (~2 us a value
# instead of ~50 us of NumPy calls): a month's few demand shocks
SMALL = 16


def exp(x: np.ndarray | float) -> np.ndarray:
    """e**x elementwise, as float64, bit-identical on every CPU (within 2 ulp of exact)."""
    x = np.asarray(x, dtype=np.float64)
    if x.size <= SMALL:
        return np.array([_exp_one(v) for v in x.ravel().tolist()],
                        np.float64).reshape(x.shape)
    xc = np.clip(np.nan_to_num(x, nan=0.0), EXP_MIN - 1.0, EXP_MAX + 1.0)
    k = np.rint(xc * INV_LN2)
    r = (xc - k * LN2_HI) - k * LN2_LO
    p = np.full(r.shape, _TAYLOR[0])
    for c in _TAYLOR[1:]:
        p *= r
        p += c
    k = k.astype(np.int64)
    half = k // 2  # two exact steps so that 2**k never overflows before p scales it
    with np.errstate(over="ignore"):
        out = np.ldexp(np.ldexp(p, half), k - half)
    out = np.where(x > EXP_MAX, np.inf, np.where(x < EXP_MIN, 0.0, out))
    return np.where(np.isnan(x), np.nan, out)


def _exp_one(x: float) -> float:
    """`exp` of one value: the same IEEE operations on Python floats, so the same bits.

    Python rounds half to even as `np.rint` does, each `*`, `-` and `+` is one rounded
    double operation (no fused multiply-add), and `math.ldexp` is the C library's
    `ldexp`, as `np.ldexp` is.
    """
    if x != x:
        return math.nan
    if x > EXP_MAX:
        return math.inf
    if x < EXP_MIN:
        return 0.0
    k = float(round(x * INV_LN2))
    r = (x - k * LN2_HI) - k * LN2_LO
    p = _TAYLOR[0]
    for c in _TAYLOR[1:]:
        p = p * r
        p = p + c
    n = int(k)
    half = n // 2
    return math.ldexp(math.ldexp(p, half), n - half)


def sigmoid(x: np.ndarray) -> np.ndarray:
    """1 / (1 + e**-x): probability from log-odds, bit-identical on every CPU."""
    return 1.0 / (1.0 + exp(-np.asarray(x, dtype=np.float64)))


def _dec(x: float) -> decimal.Decimal:
    return decimal.Decimal(float(x))


def exp_scalar(x: float) -> float:
    """e**x, correctly rounded (decimal arithmetic): the same on every machine."""
    if math.isnan(x):
        return math.nan
    return float(_CTX.exp(_dec(x)))


def log_scalar(x: float) -> float:
    """Natural logarithm of x > 0, correctly rounded (decimal arithmetic)."""
    if not x > 0:
        raise ValueError(f"log of {x!r}: needs a positive number")
    return float(_CTX.ln(_dec(x)))


@functools.lru_cache(maxsize=1024)
def pow_scalar(base: float, exponent: float) -> float:
    """base**exponent for base >= 0 (decimal arithmetic): the same on every machine.

    Remembered: a round asks for the same monthly rate every time (~0.1 ms each).
    """
    if base < 0:
        raise ValueError(f"{base!r} ** {exponent!r}: needs a non-negative base")
    if math.isnan(exponent) or math.isnan(base):
        return math.nan
    if base == 0:
        return 0.0 if exponent > 0 else (1.0 if exponent == 0 else math.inf)
    return float(_CTX.power(_dec(base), _dec(exponent)))


def pow_each(base: np.ndarray, exponent: float) -> np.ndarray:
    """`pow_scalar` elementwise (for small setup-time tables)."""
    base = np.asarray(base, dtype=np.float64)
    return np.array([pow_scalar(b, exponent) for b in base.ravel()]).reshape(base.shape)


def ipow(x: np.ndarray, n: int) -> np.ndarray:
    """x**n for a whole n >= 0 by repeated squaring: multiplications only."""
    if n < 0:
        raise ValueError("ipow needs a whole exponent >= 0")
    x = np.asarray(x, dtype=np.float64)
    out = np.ones_like(x)
    sq = x.copy()
    while n:
        if n & 1:
            out = out * sq
        n >>= 1
        if n:
            sq = sq * sq
    return out


def hypot(dx: np.ndarray, dy: np.ndarray) -> np.ndarray:
    """sqrt(dx**2 + dy**2) in float64 (no libm `hypot`, whose code differs by CPU)."""
    dx = np.asarray(dx, dtype=np.float64)
    dy = np.asarray(dy, dtype=np.float64)
    return np.sqrt(dx * dx + dy * dy)


def t_quantile(level: float, dof: int) -> float:
    """Two-sided Student-t multiplier of a `level` interval, rounded to 10 digits.

    SciPy computes it with the maths library, whose last bit differs by CPU; rounded
    to 10 significant digits it is the same number everywhere (and exact enough for an
    interval printed to 12 digits). `scipy.special.stdtrit` is what `scipy.stats.t.ppf`
    computes, without importing `scipy.stats` (about a second, in every process that
    summarises runs).
    """
    from scipy.special import stdtrit

    return float(f"{stdtrit(dof, 0.5 + level / 2):.10g}")


def cos_month(months_from_peak: int) -> float:
    """cos(2 pi m / 12) for a whole number of months m, from exact values."""
    return _COS12[int(months_from_peak) % 12]


_HALF_SQRT3 = math.sqrt(3.0) / 2.0
_COS12 = (1.0, _HALF_SQRT3, 0.5, 0.0, -0.5, -_HALF_SQRT3,
          -1.0, -_HALF_SQRT3, -0.5, 0.0, 0.5, _HALF_SQRT3)
