"""What the machine computes with: NumPy's SIMD dispatch, the BLAS kernel, the CPU.

Results do not depend on these (sums accumulate in float64 in a fixed order, no BLAS
feeds an output, and the elementwise functions of `model.core.exactmath` give the same bits
everywhere), but `meta.json` records them so that a mismatch between two machines can
be explained if one ever shows.
"""

from __future__ import annotations

import os
import platform
from typing import Any

ENV_KEYS = ("NPY_DISABLE_CPU_FEATURES", "NPY_ENABLE_CPU_FEATURES", "OPENBLAS_CORETYPE",
            "GLIBC_TUNABLES", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS",
            "MUTASI_COMPILED", "NUMBA_CPU_NAME", "NUMBA_CPU_FEATURES")


def simd_dispatch() -> dict[str, list[str]]:
    """NumPy's SIMD baseline and the dispatch targets found / not found on this CPU.

    The same lists `np.show_runtime()` prints; targets disabled by
    `NPY_DISABLE_CPU_FEATURES` count as not found.
    """
    from numpy._core._multiarray_umath import (
        __cpu_baseline__,
        __cpu_dispatch__,
        __cpu_features__,
    )

    return {
        "baseline": list(__cpu_baseline__),
        "found": [f for f in __cpu_dispatch__ if __cpu_features__.get(f)],
        "not_found": [f for f in __cpu_dispatch__ if not __cpu_features__.get(f)],
    }


def blas_kernels() -> list[dict[str, Any]]:
    """The BLAS libraries loaded, with their kernel ('architecture') and version."""
    import numpy  # noqa: F401  (loads NumPy's BLAS so threadpoolctl sees it)
    from threadpoolctl import threadpool_info

    keep = ("internal_api", "architecture", "version", "threading_layer", "num_threads")
    return [{k: info.get(k) for k in keep} for info in threadpool_info()
            if info.get("user_api") == "blas"]


def cpu_model() -> str:
    """The CPU's model name (from /proc/cpuinfo where there is one)."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as f:
            for line in f:
                if line.lower().startswith(("model name", "cpu model", "hardware")):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine_info() -> dict[str, Any]:
    """Machine facts for `meta.json`: CPU, SIMD dispatch, BLAS kernel, relevant env."""
    return {
        "cpu": cpu_model(),
        "arch": platform.machine(),
        "cores": os.cpu_count(),
        "simd": simd_dispatch(),
        "blas": blas_kernels(),
        "env": {k: os.environ[k] for k in ENV_KEYS if k in os.environ},
    }
