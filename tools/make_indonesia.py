"""Write `scenarios/indonesia.yaml`: the 38 provinces and their autonomous kabupaten/kota.

    python tools/make_indonesia.py            # (re)write the scenario
    python tools/make_indonesia.py --check    # exit 1 if the file is not what this writes

Read from `scenarios/data/provinces.csv` (sources: `scenarios/data/provinces_sources.md`):
kabupaten and kota per province (Kepmendagri 2025: 416 + 98), the capital's position,
and PNS per province (BPS from BKN, 2023). How the scenario is sized, each step with its
source or marked as an assumption:

1. Regional ASN in all: 3,725,730 (BKN, 1 July 2024: 78 % of 4,758,730 ASN work for
   provinces and kabupaten/kota).
2. Each province's share: its PNS working for regional governments. Where BKN published
   the split (June 2023: DKI Jakarta, Sumatera Utara, Sulawesi Selatan, Aceh, Sumatera
   Selatan, Sumatera Barat, NTT) that figure; elsewhere the province's PNS (2023) times
   the regional share of the other provinces' PNS (so that the total regional PNS is
   BKN's 2,863,254 of June 2023). PPPK are assumed to be spread like the PNS (no
   figure by province was found).
3. The province government's own share of its province: 17.1 % (BPS Statistik
   Indonesia 2021, PNS at 31 Dec 2020: 549,353 provincial, 2,657,136 kabupaten/kota);
   the rest is shared among its kabupaten/kota with a log-normal spread (sd 0.4;
   assumption) drawn from each one's name. DKI Jakarta's kabupaten and five kota are
   administrative, not autonomous: DKI is one government.
4. Seats: the capital's latitude and longitude on a flat frame (km east and north of
   2.5 S 118 E); a kabupaten/kota's seat at a random bearing and distance from the
   capital within 40 km x sqrt(number of governments in the province) (assumption).
5. Inside each government, units and staff are the default region's kinds scaled to
   its size (synthetic; its area types, occupations, ages and PPPK share are the default
   region's: assumption).
6. Teachers between governments: "an oversupply in total, poorly distributed, urban
   schools commonly over-staffed, rural and isolated schools under-staffed" (Heyward &
   Santosa 2014; remote schools' teaching force 40 % civil servants, World Bank 2017;
   DOMAIN.md). The factors are an assumption: a kota's teacher staffing 1.15 of the
   default region's, a kabupaten's 0.95, both x 0.8 in the provinces of Papua, Maluku,
   Maluku Utara, NTT and Kalimantan Utara (the remotest), x a log-normal spread (sd 0.1)
   drawn from each government's name; a province government 1.0.

Names are synthetic ("Aceh Kab. 01"): the sizes and seats are not any real district's.
"""

from __future__ import annotations

import argparse
import csv
import math
import sys
import zlib
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "scenarios" / "data" / "provinces.csv"
OUT = ROOT / "scenarios" / "indonesia.yaml"
REGIONAL_ASN = 3_725_730  # BKN, 1 July 2024
REGIONAL_PNS_2023 = 2_863_254  # BKN, June 2023
PROVINCE_SHARE = 549_353 / (549_353 + 2_657_136)  # BPS, PNS at 31 Dec 2020
REGIONAL_PNS_KNOWN = {  # BKN, June 2023: PNS of regional governments
    "DKI Jakarta": 52_854, "Sumatera Utara": 164_088, "Sulawesi Selatan": 140_398,
    "Aceh": 120_329, "Sumatera Selatan": 97_859, "Sumatera Barat": 91_026,
    "Nusa Tenggara Timur": 98_478}
ORIGIN = (-2.5, 118.0)  # lat, lon of the frame's origin
SPREAD_SD = 0.4
ADMINISTRATIVE = {"DKI Jakarta"}  # kabupaten/kota that are not autonomous governments
TEACHERS = ("teacher_primary", "teacher_secondary")
TEACHER_FACTOR = {"city": 1.15, "regency": 0.95, "province": 1.0}  # assumption (step 6)
REMOTE = 0.8  # assumption (step 6)
REMOTE_PROVINCES = {"Papua", "Papua Barat", "Papua Selatan", "Papua Tengah",
                    "Papua Pegunungan", "Papua Barat Daya", "Maluku", "Maluku Utara",
                    "Nusa Tenggara Timur", "Kalimantan Utara"}
TEACHER_SD = 0.1


def rng_of(name: str) -> np.random.Generator:
    """A generator seeded by a name (the same draw whatever else changes)."""
    return np.random.default_rng(zlib.crc32(name.encode("utf-8")))


def km(lat: float, lon: float) -> tuple[float, float]:
    """A position on the scenario's flat frame (km east and north of the origin)."""
    x = (lon - ORIGIN[1]) * 111.32 * math.cos(math.radians(ORIGIN[0]))
    return round(x, 1), round((lat - ORIGIN[0]) * 110.57, 1)


def provinces() -> list[dict]:
    """The provinces' rows, with their regional staff."""
    rows = list(csv.DictReader(DATA.open(encoding="utf-8")))
    known = sum(REGIONAL_PNS_KNOWN.values())
    other_pns = sum(int(r["asn"]) for r in rows if r["province"] not in REGIONAL_PNS_KNOWN)
    share = (REGIONAL_PNS_2023 - known) / other_pns
    for r in rows:
        r["regional_pns"] = REGIONAL_PNS_KNOWN.get(r["province"], int(r["asn"]) * share)
    total = sum(r["regional_pns"] for r in rows)
    for r in rows:
        r["staff"] = REGIONAL_ASN * r["regional_pns"] / total
    return rows


def members() -> list[dict]:
    """Every government: each province's own, then its kabupaten, then its kota."""
    out = []
    for p in provinces():
        name = p["province"]
        seat = km(float(p["lat"]), float(p["lon"]))
        local = ([] if name in ADMINISTRATIVE else
                 [f"{name} Kab. {i:02d}" for i in range(1, int(p["kabupaten"]) + 1)]
                 + [f"{name} Kota {i:02d}" for i in range(1, int(p["kota"]) + 1)])
        own = p["staff"] * (1.0 if not local else PROVINCE_SHARE)
        out.append({"name": f"Provinsi {name}", "kind": "province", "province": name,
                    "x_km": seat[0], "y_km": seat[1], "staff": own})
        if not local:
            continue
        weights = np.array([rng_of(g).lognormal(0.0, SPREAD_SD) for g in local])
        sizes = (p["staff"] - own) * weights / weights.sum()
        radius = 40.0 * math.sqrt(len(local) + 1)
        for g, size in zip(local, sizes, strict=True):
            r = rng_of(g + "/seat")
            bearing, dist = r.uniform(0, 2 * math.pi), radius * math.sqrt(r.uniform())
            kind = "city" if " Kota " in g else "regency"
            factor = (TEACHER_FACTOR[kind] * (REMOTE if name in REMOTE_PROVINCES else 1.0)
                      * rng_of(g + "/teachers").lognormal(0.0, TEACHER_SD))
            out.append({"name": g, "kind": kind, "province": name,
                        "x_km": round(seat[0] + dist * math.cos(bearing), 1),
                        "y_km": round(seat[1] + dist * math.sin(bearing), 1),
                        "staff": size, "teachers": round(factor, 3)})
    return out


def text() -> str:
    """The scenario file."""
    from model.scenario.loading import load_scenario

    base = load_scenario("default").region.staffing_by_role
    govs = members()
    total = sum(int(round(g["staff"])) for g in govs)
    head = [
        "# Indonesia: 38 provinces and their autonomous kabupaten/kota in one scenario",
        "# (issue 27). GENERATED by tools/make_indonesia.py from scenarios/data/",
        "# provinces.csv: do not edit by hand; see that tool's docstring for how each",
        "# government is sized and placed, and scenarios/data/provinces_sources.md for",
        "# the sources. Names are synthetic: sizes and seats are not real districts'.",
        f"# {len(govs)} governments, {total:,} staff (regional ASN, BKN 1 July 2024).",
        "extends: default",
        "name: indonesia",
        "description: >-",
        f"  Indonesia: the 38 provinces and {len(govs) - 38} autonomous kabupaten/kota "
        f"({total:,} regional",
        "  ASN), each a synthetic region of its size; the yearly round between governments",
        "  can redistribute teachers (joint edict of five ministers, 2011).",
        "description_id: >-",
        f"  Indonesia: 38 provinsi dan {len(govs) - 38} kabupaten/kota otonom "
        f"({total:,} ASN daerah),",
        "  masing-masing wilayah sintetis seukurannya; putaran tahunan antarpemerintah",
        "  dapat meredistribusi guru (SKB lima menteri, 2011).",
        "years: 10",
        "replications: 2              # a national run takes minutes (docs/performance.md)",
        "policy: none",
        "compare: [none, redistribution]",
        "governments:",
        "  members:",
    ]
    body = []
    for g in govs:
        region = f"target_staff: {int(round(g['staff']))}"
        if "teachers" in g:  # the default region's teacher staffing x the factor
            region += ", staffing_by_role: {" + ", ".join(
                f"{t}: {round(base[t] * g['teachers'], 3)}" for t in TEACHERS) + "}"
        body += [f"    - name: {g['name']}",
                 f"      kind: {g['kind']}",
                 f"      province: {g['province']}",
                 f"      x_km: {g['x_km']}",
                 f"      y_km: {g['y_km']}",
                 f"      settings: {{region: {{{region}}}}}"]
    return "\n".join(head + body) + "\n"


def main() -> int:
    """Write or check the scenario."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="exit 1 if scenarios/indonesia.yaml differs from what this writes")
    args = parser.parse_args()
    want = text()
    if args.check:
        same = OUT.exists() and OUT.read_text(encoding="utf-8") == want
        print("indonesia.yaml is up to date" if same else "indonesia.yaml differs: rerun")
        return 0 if same else 1
    OUT.write_text(want, encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
