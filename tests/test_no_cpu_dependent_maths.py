"""No CPU-dependent maths where results are computed (a guard for test_cross_cpu).

NumPy's exp, log, power, trigonometric functions and BLAS products (`np.dot`, `@`,
`einsum`) and the C library's `math.exp`, `math.log`, `math.pow` can differ in the last
bit from one CPU to another; `model/core/exactmath.py` gives the same bits everywhere. The
cross-CPU test can only see a difference that this machine happens to produce, so
this test reads the code: outside `exactmath.py` (and the benchmark and figures, which
write no results), none of these may appear in `model/`.
"""

from __future__ import annotations

import ast

from conftest import ROOT

BANNED_NP = {"exp", "exp2", "expm1", "log", "log2", "log10", "log1p", "power",
             "float_power", "cos", "sin", "tan", "arctan2", "hypot", "dot", "vdot",
             "matmul", "einsum", "inner", "tensordot", "linalg", "tanh", "sinh", "cosh"}
BANNED_MATH = {"exp", "expm1", "log", "log1p", "log2", "log10", "pow", "cos", "sin",
               "tan", "atan2", "hypot", "tanh"}
BANNED_METHODS = {"lognormal", "dot"}
EXEMPT = {"exactmath.py", "bench.py", "figures.py"}


def offences(tree: ast.AST) -> list[str]:
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            if node.value.id in ("np", "numpy") and node.attr in BANNED_NP:
                out.append(f"{node.lineno}: np.{node.attr}")
            elif node.value.id == "math" and node.attr in BANNED_MATH:
                out.append(f"{node.lineno}: math.{node.attr}")
        if isinstance(node, ast.Attribute) and node.attr in BANNED_METHODS and not (
                isinstance(node.value, ast.Name) and node.value.id in ("np", "numpy")):
            out.append(f"{node.lineno}: .{node.attr}(")
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.MatMult):
            out.append(f"{node.lineno}: @")
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow) and not (
                isinstance(node.right, ast.Constant) and isinstance(node.right.value, int)):
            out.append(f"{node.lineno}: ** with a non-integer exponent")
    return out


def test_results_code_uses_only_cpu_independent_maths():
    found = []
    for path in sorted((ROOT / "model").rglob("*.py")):
        if path.name in EXEMPT:
            continue
        found += [f"{path.relative_to(ROOT)}:{o}" for o in offences(ast.parse(path.read_text()))]
    assert not found, ("CPU-dependent maths in results code (use model/core/exactmath.py, or "
                       "np.sum(..., dtype=np.float64) for sums):\n  " + "\n  ".join(found))


def test_the_guard_sees_what_it_bans():
    code = ("import numpy as np, math\nx = np.exp(a)\ny = a @ b\nz = rng.lognormal(0, 1)\n"
            "w = a ** 0.5\nv = math.log(2)\nu = a ** 2\n")
    got = offences(ast.parse(code))
    assert len(got) == 5, got
