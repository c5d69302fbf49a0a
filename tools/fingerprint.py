"""Byte fingerprints of fixed compares: did a change alter any result, to the bit?

Runs `compare` on two scenarios with three policies each (small, fixed settings) and
prints the SHA-256 of `timeseries.csv`, `summary.csv`, `units.csv` and
`transfers.csv`. Results are the same bits on every machine (see README,
Reproducibility), so the fingerprints are too:

    python tools/fingerprint.py --save before.json    # on the old code
    python tools/fingerprint.py --check before.json   # on the new code: exit 1 if any differs

A refactor that must not change results (issue 9) checks itself this way.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FILES = ("timeseries.csv", "summary.csv", "units.csv", "transfers.csv")
CASES = {
    "salor": ["--policies", "none,balancing,optimal"],
    "kotalama": ["--policies", "none,rotation,matching"],
}
SETTINGS = ["--set", "region.target_staff=2000", "--years", "3", "-r", "2", "--seed", "5",
            "--jobs", "1", "--quiet"]


def fingerprints() -> dict[str, str]:
    """SHA-256 of each output file of each fixed compare."""
    out: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, args in CASES.items():
            folder = Path(tmp) / name
            subprocess.run([sys.executable, str(ROOT / "run_sim.py"), "compare", name, *args,
                            *SETTINGS, "--out", str(folder)], check=True, cwd=ROOT,
                           stdout=subprocess.DEVNULL)
            for f in FILES:
                out[f"{name}/{f}"] = hashlib.sha256((folder / f).read_bytes()).hexdigest()
    return out


def main() -> int:
    """Print, save or check the fingerprints."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--save", help="write the fingerprints to this JSON file")
    ap.add_argument("--check", help="compare with a JSON file written by --save")
    args = ap.parse_args()
    now = fingerprints()
    if args.save:
        Path(args.save).write_text(json.dumps(now, indent=1) + "\n")
    if args.check:
        before = json.loads(Path(args.check).read_text())
        differ = [k for k in sorted(set(before) | set(now)) if before.get(k) != now.get(k)]
        for k in sorted(now):
            print(f"{'DIFFERS' if k in differ else 'same   '} {k} {now[k][:16]}")
        return 1 if differ else 0
    for k, v in now.items():
        print(f"{v} {k}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
