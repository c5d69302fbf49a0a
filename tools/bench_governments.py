"""The national benchmark of issue 27: a region of regions stepped on shards.

    python tools/bench_governments.py                       # indonesia, 20 years, 1 and 2 shards
    python tools/bench_governments.py --staff 6000000 --years 20 --shards 1,2 --dask 4
    python tools/bench_governments.py --scenario provinsi_contoh --years 10

For each shard count: the seconds to build every government (setup), the seconds of
simulation (every month and round, the records of every government, province and the
whole), the peak memory of each shard's process and of the coordinator, and a digest of
the whole's records (the same for every shard count and backend, or the run is wrong).
`--staff` scales every government's size so the whole has that many staff.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def scaled(name: str, staff: int | None, years: int):
    """The scenario, its governments scaled to `staff` in all (None: as they are)."""
    from model.governments.members import members
    from model.scenario.loading import load_scenario

    scenario = load_scenario(name, {"years": years})
    if staff is None:
        return scenario
    found = members(scenario)
    total = sum(m.scenario.region.scaled_staff() for m in found)
    data = scenario.model_dump()
    for g in data["governments"]["members"]:
        region = g["settings"].setdefault("region", {})
        own = next(m for m in found if m.name == g["name"]).scenario.region.scaled_staff()
        region["target_staff"] = max(int(round(own * staff / total)), 1)
    data.pop("extends", None)
    return load_scenario(data)


def measure(scenario, shards: int, backend: str) -> dict:
    """One run: setup and simulation seconds, peak memory, the whole's digest."""
    from model.governments.runner import ALL, Coordinator

    t0 = time.perf_counter()
    c = Coordinator(scenario, 1, ["redistribution"], shards=shards, backend=backend,
                    record_units=False)
    t1 = time.perf_counter()
    try:
        c.advance(scenario.years * 12)
        t2 = time.perf_counter()
        peaks = c.call("peak_bytes")
        records = c.run.records[ALL]
    finally:
        c.close()
    digest = hashlib.sha256(repr(records).encode()).hexdigest()[:16]
    return {"shards": shards, "backend": backend, "setup_s": round(t1 - t0, 1),
            "simulation_s": round(t2 - t1, 1),
            "coordinator_combine_s": round(c.combine_seconds, 1),
            "shard_peak_gb": [round(p / 1e9, 2) for p in peaks],
            "coordinator_peak_gb": round(resource.getrusage(resource.RUSAGE_SELF)
                                         .ru_maxrss * 1024 / 1e9, 2),
            "staff_end": records[-1]["n_active"], "digest": digest}


def main() -> int:
    """Run the benchmark; exit 1 if the runs disagree."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default="indonesia")
    parser.add_argument("--staff", type=int, default=None)
    parser.add_argument("--years", type=int, default=20)
    parser.add_argument("--shards", default="1,2")
    parser.add_argument("--dask", type=int, default=0, help="also a Dask LocalCluster of N")
    args = parser.parse_args()
    scenario = scaled(args.scenario, args.staff, args.years)
    runs = [measure(scenario, int(n), "auto" if int(n) > 1 else "serial")
            for n in args.shards.split(",")]
    if args.dask:
        runs.append(measure(scenario, args.dask, "dask"))
    for r in runs:
        print(json.dumps(r), flush=True)
    base = next((r for r in runs if r["shards"] == 1), None)
    for r in runs:
        if base is not None and r is not base:
            print(f"{r['backend']} x{r['shards']}: speed-up "
                  f"{base['simulation_s'] / r['simulation_s']:.2f}x, same bytes: "
                  f"{r['digest'] == base['digest']}")
    return 0 if len({r["digest"] for r in runs}) == 1 else 1


if __name__ == "__main__":
    sys.exit(main())
