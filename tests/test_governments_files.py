"""One set of files for several governments (issue 27): a `government` column.

A province's planner has one roster, one units file and one ABK file for the
province and its districts. Each government reads its own rows, keeping the file's
row numbers in every message; what no single government can see is refused over all
of them: a name that is not a government of the scenario, a unit or a NIP under two
governments, a row naming a unit of another government, a file shared without the
column. A one-government scenario reads one government of such a file with
`region.government`.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from model.governments.members import members
from model.regions.roster import region_data
from model.scenario.loading import load_scenario

ROOT = Path(__file__).resolve().parent.parent
TABLES = ("employees", "units", "workload")
# the province's own units and a kabupaten's; the scenario names the first by another
# name, so the member maps it to the file's with region.government
CITY, REGENCY = "Pemerintah Kota A", "Kabupaten B"
SCENARIO = f"""
extends: region.yaml
name: dua
years: 1
replications: 1
governments:
  members:
    - {{name: Kota A, kind: province, province: T,
       settings: {{region: {{government: {CITY}}}}}}}
    - {{name: {REGENCY}, province: T, x_km: 40}}
"""


def read(folder: Path, table: str) -> pd.DataFrame:
    return pd.read_csv(folder / f"{table}.csv", dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def combined(tmp_path_factory) -> Path:
    """`init-region`'s example split into two governments, in one set of files."""
    folder = tmp_path_factory.mktemp("combined")
    done = subprocess.run([sys.executable, str(ROOT / "run_sim.py"), "init-region",
                           str(folder)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    units = read(folder, "units")
    owner = dict(zip(units["unit_code"], np.where(np.arange(len(units)) % 2, CITY, REGENCY),
                     strict=True))
    for table in TABLES:
        df = read(folder, table)
        df.insert(0, "pemerintah", df["unit_code"].map(owner))  # an Indonesian header
        df.to_csv(folder / f"{table}.csv", index=False)
    (folder / "two.yaml").write_text(SCENARIO)
    return folder


def variant(combined: Path, tmp_path: Path, table: str, change) -> Path:
    """A copy of the combined files with `change(frame)` applied to one table."""
    folder = tmp_path / "v"
    shutil.copytree(combined, folder)
    change_to = change(read(folder, table))
    change_to.to_csv(folder / f"{table}.csv", index=False)
    return folder


def validate(path: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "run_sim.py"), "validate", str(path),
                           "--lang", "en", *extra], capture_output=True, text=True,
                          timeout=300)


def test_each_government_reads_its_own_rows(combined):
    """Each member gets exactly its rows of the shared files, none lost, none twice."""
    scenario = load_scenario(combined / "two.yaml")
    found = members(scenario)
    assert [m.scenario.region.government for m in found] == [CITY, REGENCY]
    employees, units = read(combined, "employees"), read(combined, "units")
    nips = []
    for m, name in zip(found, (CITY, REGENCY), strict=True):
        data = region_data(m.scenario)
        assert data.employees.n == (employees["pemerintah"] == name).sum()
        assert set(data.units.codes) == set(units.loc[units["pemerintah"] == name,
                                                      "unit_code"])
        nips += data.nip.astype(str).tolist()
    assert sorted(nips) == sorted(employees["nip"])  # every row read, by one government
    done = validate(combined / "two.yaml")
    assert done.returncode == 0, done.stderr
    assert "2 governments" in done.stdout


def test_a_run_of_the_combined_files(combined, tmp_path):
    """`run` imports each government's rows (a summary each) and writes both."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "run_sim.py"), "run", str(combined / "two.yaml"),
         "--out", str(tmp_path / "o"), "--quiet", "--lang", "en"],
        capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "Kota A: units.csv" in done.stdout and f"{REGENCY}: units.csv" in done.stdout
    gov = pd.read_csv(tmp_path / "o" / "governments.csv")
    first = gov[(gov["level"] == "government") & (gov["month"] == 0)]
    employees = read(combined, "employees")
    staff = dict(zip(first["government"], first["n_active"], strict=True))
    assert staff == {"Kota A": (employees["pemerintah"] == CITY).sum(),
                     REGENCY: (employees["pemerintah"] == REGENCY).sum()}


def _unknown(df):
    df.loc[5, "pemerintah"] = "Kabupaten C"
    return df


def _unit_twice(df):
    other = REGENCY if df.loc[0, "pemerintah"] == CITY else CITY
    return pd.concat([df, df.iloc[[0]].assign(pemerintah=other)])


def _other_unit(df):
    df.loc[7, "pemerintah"] = CITY if df.loc[7, "pemerintah"] == REGENCY else REGENCY
    return df


def _nip_twice(df):
    row = df.iloc[[3]].copy()
    other = df[df["pemerintah"] != row["pemerintah"].iloc[0]].iloc[0]
    return pd.concat([df, row.assign(pemerintah=other["pemerintah"],
                                     unit_code=other["unit_code"])])


def _empty(df):
    df.loc[10, "pemerintah"] = ""
    return df


@pytest.mark.parametrize("table, change, words", [
    ("employees", _unknown, "row 7, government = 'Kabupaten C': not a government of the "
     "scenario that reads this file; known: Pemerintah Kota A, Kabupaten B"),
    ("units", _unit_twice, "unit_code = 'U00001': the same unit code in two governments"),
    ("employees", _other_unit, "row 9, unit_code = 'U00001': this unit belongs to "
     "government Kabupaten B, not Pemerintah Kota A"),
    ("workload", _other_unit, "this unit belongs to government"),
    ("employees", _nip_twice, "the same NIP in two governments"),
    ("employees", _empty, "row 12, government: empty: this file holds several governments"),
])
def test_rows_that_do_not_fit_are_refused(combined, tmp_path, table, change, words):
    """Unknown governments, a unit or a person under two: exit 2, the file's row named."""
    folder = variant(combined, tmp_path, table, change)
    report = tmp_path / "problems.csv"
    done = validate(folder / "two.yaml", "--fix-report", str(report))
    assert done.returncode == 2, done.stdout
    assert words in done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert len(pd.read_csv(report)) >= 1  # the planner's list of rows to correct
    run = subprocess.run([sys.executable, str(ROOT / "run_sim.py"), "run",
                          str(folder / "two.yaml"), "--out", str(tmp_path / "o"), "--quiet",
                          "--lang", "en"], capture_output=True, text=True, timeout=300)
    assert run.returncode == 2 and words in run.stdout + run.stderr
    assert not (tmp_path / "o").exists()


def test_a_file_shared_without_the_column_is_refused(combined, tmp_path):
    folder = tmp_path / "v"
    shutil.copytree(combined, folder)
    for table in TABLES:
        read(folder, table).drop(columns="pemerintah").to_csv(folder / f"{table}.csv",
                                                              index=False)
    done = validate(folder / "two.yaml")
    assert done.returncode == 2
    assert ("is read by several governments (Kota A, Kabupaten B) but has no government "
            "column") in done.stdout + done.stderr


def test_a_government_without_rows_is_refused(combined, tmp_path):
    folder = tmp_path / "v"
    shutil.copytree(combined, folder)
    (folder / "two.yaml").write_text(SCENARIO.replace(f"name: {REGENCY}", "name: Kab Bb"))
    done = validate(folder / "two.yaml")
    assert done.returncode == 2
    assert "government = 'Kabupaten B': not a government of the scenario" in done.stderr


def test_one_government_of_a_shared_file(combined):
    """A one-government scenario: several governments refused; one chosen, its rows."""
    done = validate(combined / "region.yaml")
    assert done.returncode == 2
    assert "the file holds several governments; choose one with region.government" \
        in done.stdout
    chosen = validate(combined / "region.yaml", "--set", f"region.government={REGENCY}")
    assert chosen.returncode == 0, chosen.stdout + chosen.stderr
    n = (read(combined, "employees")["pemerintah"] == REGENCY).sum()
    assert f"({n} staff" in chosen.stdout
    wrong = validate(combined / "region.yaml", "--set", "region.government=Kota X")
    assert wrong.returncode == 2
    assert "no row for this government; the file holds: Kabupaten B, Pemerintah Kota A" \
        in wrong.stdout


def test_a_mover_keeps_her_nip(combined):
    """A person sent from one government to the other arrives with her NIP."""
    from model.governments.round import REDISTRIBUTION, Order
    from model.governments.runner import request_destinations
    from model.governments.shard import Shard

    scenario = load_scenario(combined / "two.yaml")
    mem = members(scenario)
    shard = Shard(scenario, [0, 1], 3, None, request_destinations(mem), False)
    shard.advance(6)
    role = mem[0].scenario.region.vocabulary.occ_index["guru_kelas"]
    sent = shard.release([Order(0, 1, role, 3, REDISTRIBUTION)], 7)
    shard.expect({1: sent})
    shard.advance(7)
    kab = shard.models[1].world
    new = np.array(sorted(kab.arrived_nip), np.int64)
    assert new.size == 3 and kab.employees.active[new].all()
    arrived = set(kab.person_ids(new).tolist())
    assert arrived == set(sent.nip.tolist()) and all(len(n) == 18 for n in arrived)
    city = shard.models[0].world
    gone = city.employees.exit_reason == 4  # ExitReason.transfer
    assert set(city.person_ids(np.flatnonzero(gone)).tolist()) == arrived
    assert arrived <= set(read(combined, "employees").query("pemerintah == @CITY")["nip"])


def test_what_an_independent_review_found(combined, tmp_path):
    """A government without units, one government's rows read by two members, a
    government's rows left in a file it does not read: refused, no traceback, and a
    file-level problem is no rejected row."""
    folder = tmp_path / "v"
    shutil.copytree(combined, folder)
    for table in ("units", "workload"):  # the regency's staff stay, its units go
        df = read(folder, table)
        df[df["pemerintah"] != REGENCY].to_csv(folder / f"{table}.csv", index=False)
    done = validate(folder / "two.yaml")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "government = 'Kabupaten B': no row for this government" in done.stdout
    assert "-1 accepted" not in done.stdout and "0 rows read, 0 accepted, 0 rejected" \
        in done.stdout

    twice = tmp_path / "twice"
    shutil.copytree(combined, twice)
    (twice / "two.yaml").write_text(SCENARIO + "    - {name: Kab B2, province: T, settings: "
                                    f"{{region: {{government: {REGENCY}}}}}}}\n")
    done = validate(twice / "two.yaml")
    assert done.returncode == 2
    assert "are read by several members (Kabupaten B, Kab B2)" in done.stderr

    own = tmp_path / "own"  # the regency reads its own files; its rows stay in the shared
    shutil.copytree(combined, own)
    files = {}
    for table in TABLES:
        df = read(own, table)
        df[df["pemerintah"] == REGENCY].drop(columns="pemerintah").to_csv(
            own / f"b_{table}.csv", index=False)
        files[table] = f"b_{table}.csv"
    settings = ", ".join(f"{k}: {v}" for k, v in files.items())
    (own / "two.yaml").write_text(SCENARIO.replace(
        f"- {{name: {REGENCY}, province: T, x_km: 40}}",
        f"- {{name: {REGENCY}, province: T, x_km: 40, settings: {{region: {{{settings}}}}}}}"))
    done = validate(own / "two.yaml")
    assert done.returncode == 2
    assert ("government = 'Kabupaten B': this government reads its rows from other files"
            in done.stderr)
    for table in TABLES:  # the shared files with the city's rows only: each its own files
        df = read(own, table)
        df[df["pemerintah"] == CITY].to_csv(own / f"{table}.csv", index=False)
    done = validate(own / "two.yaml")
    assert done.returncode == 0, done.stdout + done.stderr
    staff = {m.name: region_data(m.scenario).employees.n
             for m in members(load_scenario(own / "two.yaml"))}
    employees = read(combined, "employees")
    assert staff == {"Kota A": (employees["pemerintah"] == CITY).sum(),
                     REGENCY: (employees["pemerintah"] == REGENCY).sum()}


def test_a_column_naming_one_government(combined, tmp_path):
    """A one-government file whose column names one government (cells left empty) is
    that government's; files naming different governments are refused; a government
    chosen from a file of several has only its own agencies."""
    folder = tmp_path / "v"
    shutil.copytree(combined, folder)
    for table in TABLES:
        df = read(folder, table)
        df = df[df["pemerintah"] == CITY].copy()
        df.loc[df.index[::2], "pemerintah"] = ""  # a column filled here and there
        df.to_csv(folder / f"{table}.csv", index=False)
    done = validate(folder / "region.yaml")
    assert done.returncode == 0, done.stdout + done.stderr
    n = (read(combined, "employees")["pemerintah"] == CITY).sum()
    assert f"({n} staff" in done.stdout
    units = read(folder, "units")
    units["pemerintah"] = REGENCY
    units.to_csv(folder / "units.csv", index=False)
    done = validate(folder / "region.yaml")
    assert done.returncode == 2
    assert "the region's files name different governments" in done.stdout
    chosen = validate(combined / "region.yaml", "--set", f"region.government={CITY}")
    agencies = read(combined, "units").query("pemerintah == @CITY")["agency"].nunique()
    assert f"{agencies} agencies" in chosen.stdout
