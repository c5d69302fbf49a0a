"""Where runs go on a cluster: what a missing Dask or an unreachable scheduler is told.

Shared by the executors of replications (`experiments.executors`) and the shards of a
region of regions (`governments.runner`).
"""

from __future__ import annotations

from ..core.text import Catalogue, Text


class ClusterMsg(Catalogue, area="cluster"):
    """Messages about Dask and its scheduler."""

    dask_missing = Text(
        "eksekutor dask memerlukan dask.distributed; pasang dengan pip install '.[dask]'",
        "the dask executor needs dask.distributed; install it with pip install '.[dask]'")
    scheduler_unreachable = Text(
        "--scheduler {scheduler}: penjadwal Dask tidak dapat dihubungi dalam {timeout:g} "
        "detik ({why})\n  perbaikan: periksa alamatnya (mis. tcp://10.0.0.5:8786) dan "
        "pastikan penjadwal sedang berjalan",
        "--scheduler {scheduler}: cannot reach the Dask scheduler within {timeout:g} s "
        "({why})\n  fix: check the address (e.g. tcp://10.0.0.5:8786) and that the "
        "scheduler is running")
