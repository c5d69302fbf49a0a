"""Same seed, same files on another machine: the regression experiment under another CPU.

A machine with other SIMD units or another BLAS kernel must give the same bytes. The
test simulates one in the same run: it runs the small regression experiment once as
this machine is, and once with

- NumPy's SIMD dispatch limited to the baseline (`NPY_DISABLE_CPU_FEATURES` naming
  every dispatch target this CPU uses, as `np.show_runtime()` lists them),
- OpenBLAS forced to another kernel (`OPENBLAS_CORETYPE`),
- on x86-64, glibc's maths library without its AVX2/FMA variants of exp, log and
  pow (`GLIBC_TUNABLES`),
- the compiled kernels (`core/kernels.py`) used at every size (`MUTASI_COMPILED=1`,
  where this machine's run uses NumPy's formulas) and compiled for a generic CPU
  (`NUMBA_CPU_NAME=generic`: no AVX, no FMA),

and compares `timeseries.csv`, `summary.csv`, `units.csv` and `transfers.csv` byte for
byte.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))

from make_baseline import SETUP  # noqa: E402

from model.core.machine import blas_kernels, simd_dispatch  # noqa: E402

FILES = ("timeseries.csv", "summary.csv", "units.csv", "transfers.csv")


def other_machine_env() -> dict[str, str]:
    """Environment that makes this process compute like another CPU would."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("NPY_DISABLE_CPU_FEATURES", "OPENBLAS_CORETYPE", "GLIBC_TUNABLES",
                        "MUTASI_CSV_DIGITS", "MUTASI_COMPILED", "NUMBA_CPU_NAME")}
    found = simd_dispatch()["found"]
    if found:
        env["NPY_DISABLE_CPU_FEATURES"] = ",".join(found)
    arm = platform.machine().lower() in ("aarch64", "arm64")
    now = {k.get("architecture") for k in blas_kernels()}
    choices = ("NEOVERSEN1", "ARMV8") if arm else ("Sandybridge", "Nehalem")
    env["OPENBLAS_CORETYPE"] = next(c for c in choices if c not in now)
    if platform.machine().lower() in ("x86_64", "amd64"):
        env["GLIBC_TUNABLES"] = "glibc.cpu.hwcaps=-AVX2,-FMA,-AVX512F"
    env["MUTASI_COMPILED"] = "1"
    env["NUMBA_CPU_NAME"] = "generic"
    return env


_SET = SETUP["overrides"]
REGRESSION = ["default", "--set", f"region.target_staff={_SET['region.target_staff']}",
              "--years", str(_SET["years"]), "--seed", str(_SET["seed"]),
              "--policies", ",".join(SETUP["policies"]), "-r", str(SETUP["replications"])]
# every lever and the other policies: seasonality (cos), own requests (pow), the
# interventions' odds (log), monitoring and mentoring (adaptation), shocks (lognormal)
LEVERS = ["kotalama", "--set", "region.target_staff=1500", "--years", "3", "--seed", "3",
          "--policies", "none,rotation,matching,anticipation", "-r", "2",
          "--set", "demand.seasonality=0.2", "--set", "demand.shock_rate=0.5",
          "--set", "mutation.requests.rate_per_year=0.05",
          *[a for lever in ("socialization", "participation", "training", "mentoring",
                            "remote_allowance", "monitoring")
            for a in ("--set", f"interventions.{lever}.enabled=true")]]


def run_experiment(out, env, args=REGRESSION) -> subprocess.Popen:
    cmd = [sys.executable, str(ROOT / "run_sim.py"), "compare", *args,
           "--jobs", "1", "--out", str(out), "--quiet"]
    return subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def first_difference(a: bytes, b: bytes) -> str:
    la, lb = a.decode().splitlines(), b.decode().splitlines()
    for i, (x, y) in enumerate(zip(la, lb, strict=False)):
        if x != y:
            cols = la[0].split(",")
            diffs = [f"{c}: {u} != {v}" for c, u, v in
                     zip(cols, x.split(","), y.split(","), strict=False) if u != v]
            return f"line {i + 1}: " + "; ".join(diffs[:6])
    return f"{len(la)} lines vs {len(lb)}"


@pytest.mark.parametrize("args", [REGRESSION, LEVERS], ids=["regression", "levers"])
def test_same_files_on_another_cpu(tmp_path, args):
    # every float written exactly (17 digits), so a difference in the last bit shows
    env = other_machine_env() | {"MUTASI_CSV_DIGITS": "17"}
    here, there = tmp_path / "here", tmp_path / "there"
    here_env = dict(os.environ) | {"MUTASI_CSV_DIGITS": "17", "MUTASI_COMPILED": "0"}
    runs = [run_experiment(here, here_env, args),
            run_experiment(there, env, args)]
    for p in runs:
        out, err = p.communicate(timeout=600)
        assert p.returncode == 0, err
    simulated = {k: env[k] for k in ("NPY_DISABLE_CPU_FEATURES", "OPENBLAS_CORETYPE",
                                      "GLIBC_TUNABLES", "MUTASI_COMPILED",
                                      "NUMBA_CPU_NAME") if k in env}
    differ = []
    for name in FILES:
        a, b = (here / name).read_bytes(), (there / name).read_bytes()
        if a != b:
            differ.append(f"{name} {first_difference(a, b)}")
    assert not differ, (f"results differ on a simulated other machine {simulated}:\n  "
                        + "\n  ".join(differ))


def test_meta_records_the_machine_a_run_used(tmp_path):
    """meta.json says which SIMD targets and BLAS kernel computed the results."""
    env = other_machine_env()
    p = run_experiment(tmp_path / "out", env)
    _, err = p.communicate(timeout=600)
    assert p.returncode == 0, err
    machine = json.loads((tmp_path / "out" / "meta.json").read_text())["machine"]
    disabled = [f for f in env.get("NPY_DISABLE_CPU_FEATURES", "").split(",") if f]
    assert not set(disabled) & set(machine["simd"]["found"])
    assert set(disabled) <= set(machine["simd"]["not_found"])
    assert machine["simd"]["baseline"]
    assert {k["architecture"] for k in machine["blas"]} == {env["OPENBLAS_CORETYPE"]}
    assert machine["env"]["OPENBLAS_CORETYPE"] == env["OPENBLAS_CORETYPE"]
    assert machine["cpu"] and machine["arch"] == platform.machine()
