"""A region's own files: templates, round trip, validation of bad input, NIP, draft plan."""

from __future__ import annotations

import shutil

import numpy as np
import pandas as pd
import pytest

from model.cli import main
from model.core.rng import RandomStreams
from model.experiments.plan import draft_plan, pick_round
from model.regions import nip as nips
from model.scenario.loading import load_scenario
from model.simulation.model import WorkforceModel
from model.world.world import World


@pytest.fixture
def copy(example, tmp_path):
    """A fresh copy of the example to spoil."""
    folder = tmp_path / "region"
    shutil.copytree(example, folder)
    return folder


def _state(world: World) -> dict:
    E, U = world.employees, world.units
    out = {f"E.{c}": getattr(E, c) for c in E.columns}
    for c in ("names", "district", "area", "x_km", "y_km", "hardness", "demand", "domain"):
        out[f"U.{c}"] = getattr(U, c)
    out["U.kind"] = np.asarray(U.kind_names, object)[U.kind]
    out["U.agency"] = np.asarray(world.vocab.agency_names, object)[U.agency]
    out["district_xy"] = np.stack([world.district_x, world.district_y])
    return out


def test_default_region_round_trip_gives_the_same_state(tmp_path):
    """init-region --from default, imported back: every column equal, and the same run."""
    assert main(["init-region", str(tmp_path / "d"), "--from", "default", "--no-excel"]) == 0
    built = load_scenario("default", {"years": 1})
    imported = load_scenario(tmp_path / "d" / "region.yaml", {"years": 1})
    a = _state(World.build(built, RandomStreams(1)))
    b = _state(World.build(imported, RandomStreams(1)))
    assert a.keys() == b.keys()
    for key in a:
        assert np.array_equal(a[key], b[key]), key
    ma, mb = WorkforceModel(built, rng=5), WorkforceModel(imported, rng=5)
    for _ in range(12):
        ma.step()
        mb.step()
    ta, tb = ma.timeseries(), mb.timeseries()
    pd.testing.assert_frame_equal(ta.drop(columns="policy", errors="ignore"),
                                  tb.drop(columns="policy", errors="ignore"))


def test_example_has_its_own_agencies_and_positions(example):
    units = pd.read_csv(example / "units.csv")
    occupations = pd.read_csv(example / "occupations.csv")
    assert {"dinas_sosial", "bappeda", "dukcapil", "dpmptsp"} <= set(units["agency"])
    assert "pekerja_sosial" in set(occupations["occupation"])
    s = load_scenario(example / "region.yaml")
    assert "dinas_sosial" in s.region.vocabulary.agencies


def test_xlsx_workbook_imports_like_the_csv_files(copy):
    text = (copy / "region.yaml").read_text()
    for key in ("employees", "units", "workload", "occupations"):
        text = text.replace(f"{key}: {key}.csv", f"{key}: region.xlsx")
    (copy / "xlsx.yaml").write_text(text)
    a = _state(World.build(load_scenario(copy / "region.yaml"), RandomStreams(1)))
    b = _state(World.build(load_scenario(copy / "xlsx.yaml"), RandomStreams(1)))
    for key in a:  # Excel keeps numbers to 15 significant digits
        if a[key].dtype.kind == "f":
            assert np.allclose(a[key], b[key], rtol=1e-12, atol=0), key
        else:
            assert np.array_equal(a[key], b[key]), key


def test_template_validates_compares_plans_and_names_nobody(example, tmp_path, capsys):
    scenario = str(example / "region.yaml")
    assert main(["validate", scenario]) == 0
    out = capsys.readouterr().out
    assert "baris dibaca" in out and "0 ditolak" in out
    results = tmp_path / "cmp"
    assert main(["compare", scenario, "--policies", "none,balancing", "-r", "2", "--years",
                 "1", "--out", str(results), "-q"]) == 0
    transfers = pd.read_csv(results / "transfers.csv", dtype=str)
    assert "nip" in transfers and "employee_id" not in transfers
    roster = pd.read_csv(example / "employees.csv", dtype=str)
    assert transfers["nip"].str.fullmatch(r"\d{18}|rekrut-\d+").all()
    assert set(transfers["nip"]) & set(roster["nip"])
    plan = tmp_path / "plan.xlsx"
    assert main(["plan", scenario, "--policy", "balancing", "--out", str(plan)]) == 0
    sheets = pd.read_excel(plan, sheet_name=None, dtype=str, engine="calamine")
    assert list(sheets) == ["usulan_mutasi", "penjelasan", "unit", "perkiraan_permohonan",
                            "audit_keadilan", "asumsi"]
    assert len(sheets["usulan_mutasi"]) > 0
    names = set(roster["name"])
    texts = [p.read_text(errors="ignore") for p in results.rglob("*")
             if p.is_file() and p.suffix in (".csv", ".json", ".yaml", ".txt", ".md")]
    texts += [df.to_csv() for df in sheets.values()]
    for text in texts:
        assert not any(name in text for name in names)


def _spoil(folder, file: str, edit) -> None:
    path = folder / file
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    df = edit(df)
    df.to_csv(path, index=False)


def _row(col: str, value: str, row: int = 0):
    def edit(df):
        df.loc[row, col] = value
        return df
    return edit


BAD_ROWS = [
    ("duplicate NIP", "employees.csv",
     lambda df: df.assign(nip=[df["nip"][0]] * 2 + list(df["nip"][2:])), "the same NIP"),
    ("NIP 17 digits", "employees.csv", _row("nip", "19850101201001100"), "exactly 18 digits"),
    ("NIP from Excel as a number", "employees.csv", _row("nip", "1.98501012010011e+17"),
     "stored as a number"),
    ("NIP birth disagrees", "employees.csv", _row("birth_date", "1950-01-01"),
     "birth date in the NIP"),
    ("NIP sex disagrees", "employees.csv",
     lambda df: df.assign(sex=np.where(df["sex"] == "L", "P", "L")), "sex digit of the NIP"),
    ("impossible date", "employees.csv", _row("position_start", "2024-02-30"), "not a date"),
    ("Excel date serial", "employees.csv", _row("position_start", "45123"),
     "Excel date serial"),
    ("mixed types", "employees.csv", _row("performance", "baik"), "not a number from 0 to 1"),
    ("unknown unit code", "employees.csv", _row("unit_code", "X999"), "not a unit code"),
    ("unknown occupation", "employees.csv", _row("occupation", "astronot"),
     "not an occupation"),
    ("position after the start", "employees.csv", _row("position_start", "2030-01-01"),
     "after the start"),
    ("duplicate unit code", "units.csv", _row("unit_code", "U00002", 0),
     "the same unit code twice"),
    ("unknown area type", "units.csv", _row("area_type", "moon"), "unknown area type"),
    ("workload for no occupation", "workload.csv", _row("role", "astronot"),
     "nobody can be eligible"),
]


@pytest.mark.parametrize("what,file,edit,message", BAD_ROWS, ids=[b[0] for b in BAD_ROWS])
def test_bad_rows_are_all_reported_with_file_row_column(copy, capsys, tmp_path, what, file,
                                                        edit, message):
    _spoil(copy, file, edit)
    fix = tmp_path / "fix.csv"
    code = main(["validate", str(copy / "region.yaml"), "--fix-report", str(fix),
                 "--lang", "en"])
    captured = capsys.readouterr()
    assert code == 2, captured
    text = captured.out + captured.err
    assert message in text
    assert "Traceback" not in text
    report = pd.read_csv(fix)
    assert {"file", "row", "column", "value", "reason"} <= set(report.columns)
    assert report["reason"].str.contains(message, regex=False).any()
    if file == "employees.csv":
        assert "rows read" in text and "rejected" in text
    untranslated = report[report["reason_id"] == report["reason"]]["reason"]
    assert untranslated.empty, f"no Indonesian form: {untranslated.tolist()}"


def test_past_retirement_is_an_error(copy, capsys):
    _spoil(copy, "employees.csv", lambda df: df.assign(
        position_type=np.where(df.index == 0, "administrative", df["position_type"]),
        birth_date=np.where(df.index == 0, "1960-01-01", df["birth_date"]),
        nip=np.where(df.index == 0, "19600101" + df["nip"].str.slice(8), df["nip"])))
    assert main(["validate", str(copy / "region.yaml")]) == 2
    captured = capsys.readouterr()
    assert "melewati batas usia pensiun (BUP 58" in captured.out  # Indonesian by default
    assert "masalah dalam berkas daerah" in captured.err
    assert main(["validate", str(copy / "region.yaml"), "--lang", "en"]) == 2
    assert "past the retirement age" in capsys.readouterr().out


def test_every_problem_and_file_error_is_a_catalogue_message(copy):
    from model.core.errors import UserError
    from model.core.text import Message
    from model.regions.roster import check_region
    from model.scenario.tables import RegionDataError

    _spoil(copy, "employees.csv", _row("sex", "X"))
    _spoil(copy, "units.csv", _row("area_type", "moon"))
    _, problems = check_region(load_scenario(copy / "region.yaml"))
    reasons = problems.frame()["reason"]
    assert len(reasons) >= 2
    assert all(isinstance(r, Message) and r.key.startswith("region_rows.") for r in reasons)
    assert "GALAT units.csv, baris 2, area_type = 'moon': jenis wilayah tidak dikenal" \
        in problems.summary("id")
    (copy / "workload.csv").unlink()
    with pytest.raises(RegionDataError, match="workload.csv: file not found") as err:
        load_scenario(copy / "region.yaml")  # loading reads the units for the agencies
    assert err.value.message.key == "region_files.failed"
    assert "berkas tidak ditemukan\n  perbaikan: periksa path" in err.value.render("id")
    same = pd.Series(pd.to_datetime(["1985-01-01"] * 1000))
    with pytest.raises(UserError, match="more than 999 people"):
        nips.make(same, np.full(1000, 2010 * 12), np.zeros(1000, bool))


FILE_CASES = [
    ("missing", lambda p: p.unlink(), "file not found", "berkas tidak ditemukan"),
    ("empty", lambda p: p.write_bytes(b""), "is empty", "berkas kosong"),
    ("header only", lambda p: p.write_text(p.read_text().splitlines()[0] + "\n"),
     "no rows", "tidak ada baris"),
    ("not UTF-8", lambda p: p.write_bytes(p.read_bytes().replace(b"U00001", b"U0000\xf6")),
     "not UTF-8 text in column unit_code (row 2", "bukan teks UTF-8 di kolom unit_code"),
    ("missing column", lambda p: pd.read_csv(p, dtype=str).drop(columns="birth_date")
     .to_csv(p, index=False), "missing column(s): birth_date", "kolom tidak ada: birth_date"),
    ("renamed column", lambda p: pd.read_csv(p, dtype=str)
     .rename(columns={"birth_date": "birthdate"}).to_csv(p, index=False),
     "is 'birthdate' meant to be it", "apakah 'birthdate' maksudnya"),
    ("misspelled Indonesian header", lambda p: pd.read_csv(p, dtype=str)
     .rename(columns={"birth_date": "tanggal_lhr"}).to_csv(p, index=False),
     "is 'tanggal_lhr' meant to be it (as 'tanggal_lahir')?",
     "apakah 'tanggal_lhr' maksudnya (sebagai 'tanggal_lahir')?"),
    ("unknown delimiter", lambda p: p.write_text(p.read_text().replace(",", ":")),
     "no delimiter", "tanpa pemisah"),
]


@pytest.mark.parametrize("what,spoil,message,message_id", FILE_CASES,
                         ids=[c[0] for c in FILE_CASES])
def test_unusable_files_get_one_clear_message(copy, capsys, what, spoil, message, message_id):
    spoil(copy / "employees.csv")
    code = main(["validate", str(copy / "region.yaml")])
    err = capsys.readouterr().err
    assert code == 2
    assert message_id in err and "employees.csv" in err and "Traceback" not in err
    assert "perbaikan:" in err and "fix:" not in err  # Indonesian by default, the fix too
    assert main(["validate", str(copy / "region.yaml"), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert message in err and "fix:" in err


def test_semicolon_delimiter_is_read(copy, capsys):
    path = copy / "employees.csv"
    pd.read_csv(path, dtype=str, keep_default_na=False).to_csv(path, sep=";", index=False)
    assert main(["validate", str(copy / "region.yaml")]) == 0


def test_nip_parse_and_make():
    birth = pd.Series(pd.to_datetime(["1985-01-01", "1985-01-01", "1990-12-31"]))
    made = nips.make(birth, np.array([2010 * 12, 2010 * 12, 2015 * 12 + 11]),
                     np.array([False, False, True]))
    assert list(made) == ["198501012010011001", "198501012010011002", "199012312015122001"]
    parsed = nips.parse(pd.Series([*made, "198513012010011001", "12345", "19850101201013100x"]))
    assert parsed.ok.tolist() == [True, True, True, False, False, False]
    assert parsed.female.tolist()[:3] == [False, False, True]
    assert parsed.start_month[2] == 2015 * 12 + 11


def test_plan_is_exactly_the_rounds_proposals_that_pass_the_constraints(example):
    from model.core.rng import replication_seeds
    from model.experiments.plan import ExpectedRequests

    scenario = load_scenario(example / "region.yaml")
    assert scenario.mutation.requests.rate_per_year > 0  # own requests are on
    plan = draft_plan(scenario, "balancing", lang="en")
    again = draft_plan(scenario, "balancing", lang="en")
    pd.testing.assert_frame_equal(plan.moves, again.moves)  # same seed, same plan
    month = pick_round(scenario, None)
    model = WorkforceModel(scenario, rng=replication_seeds(scenario.seed, 1)[0],
                           policy="balancing")
    for _ in range(month - 1):
        model.step()
    model.mutation.requests = ExpectedRequests(model.mutation.requests)
    model.step()
    log = model.mutation.log.frame(model.world)
    log = log[(log["month"] == month) & ~log["outcome"].str.startswith("blocked")]
    assert len(log) == len(plan.moves) > 0
    assert list(log["nip"]) == list(plan.moves["employee"])
    codes = model.world.units.codes
    names = model.world.units.names
    to_code = dict(zip(names, codes, strict=False))
    assert [to_code[n] for n in log["to_unit_name"]] == list(plan.moves["to_unit_code"])
    assert plan.moves["employee"].is_unique
    assert plan.moves["refusal_risk"].between(0, 1).all()
    assert (plan.moves["from_unit_code"] != plan.moves["to_unit_code"]).any()


def test_a_plan_names_no_own_request_and_counts_them_apart(example):
    """Own requests are drawn at random in a run: a plan never lists them as proposals."""
    scenario = load_scenario(example / "region.yaml")
    plan = draft_plan(scenario, "balancing", lang="en")
    assert set(plan.moves["policy"]) == {"workload balancing"}
    assert not plan.moves["reason"].str.contains("home district|urban|easier area").any()
    # the same round in a plain run holds random requests; none of them is in the plan
    from model.core.rng import replication_seeds

    model = WorkforceModel(scenario, rng=replication_seeds(scenario.seed, 1)[0],
                           policy="balancing")
    for _ in range(pick_round(scenario, None)):
        model.step()
    log = model.mutation.log.frame(model.world)
    requests = log[log["policy"] == "request"]
    assert len(requests) > 0
    drawn = set(zip(requests["nip"], requests["to_unit_name"], strict=True))
    planned = set(zip(plan.moves["employee"], plan.moves["to_unit"], strict=True))
    assert not drawn & planned
    # what to expect is a number per unit, summing each person's chance to ask
    expected = plan.requests["expected_requests"]
    assert len(plan.requests) > 0 and (expected > 0).all()
    rate = scenario.mutation.requests.rate_per_year
    assert 0 < expected.sum() < rate * len(model.world.employees.active) * 2


def test_plan_workbook_is_ready_for_a_planner(example, tmp_path):
    import openpyxl

    from model.reporting.plan_book import write_plan

    scenario = load_scenario(example / "region.yaml")
    plan = draft_plan(scenario, "balancing")
    path = write_plan(plan, tmp_path / "rencana.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["usulan_mutasi", "penjelasan", "unit", "perkiraan_permohonan",
                               "audit_keadilan", "asumsi"]
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:")
        assert all(c.font.bold for c in sheet[1])
        widths = [sheet.column_dimensions[c.column_letter].width for c in sheet[1]]
        assert all(w and w >= 10 for w in widths), (sheet.title, widths)
    moves = pd.read_excel(path, sheet_name="usulan_mutasi", dtype=str, engine="calamine")
    assert "Alasan (angka sebelum rencana)" in moves.columns and "Ganti jabatan?" in moves.columns
    # balancing picks the person at random within the unit and position: the row says so
    assert moves["Pilihan orang"].str.match(r"contoh: 1 dari \d+ yang dapat dipindah").all()
    assert set(moves["Dasar data"]) == {"data awal"}  # the next round: people as in the file
    assert set(moves["Ganti jabatan?"]) <= {"ya", "tidak"}
    changed = moves["Jabatan asal"] != moves["Jabatan tujuan"]
    assert ((moves["Ganti jabatan?"] == "ya") == changed).all()
    assert moves["Diusulkan oleh"].eq("penyeimbangan beban").all()  # words, not 'balancing'
    assert moves["Alasan (angka sebelum rencana)"].str.contains(
        r"unit asal .* FTE .*EJ .* → ").all()
    sheet = book["usulan_mutasi"]
    header = [c.value for c in sheet[1]]
    assert sheet.cell(2, header.index("Biaya (Rp)") + 1).number_format == "#,##0"
    assert sheet.cell(2, header.index("Risiko keberatan") + 1).number_format == "0%"
    assert sheet.cell(2, 1).number_format == "@"  # the NIP stays text
    notes = pd.read_excel(path, sheet_name="asumsi", dtype=str, engine="calamine")
    assert list(notes.columns) == ["Butir", "Nilai", "Keterangan"]
    assert notes["Nilai"].notna().all() and notes["Keterangan"].notna().all()
    english = {"round", "policy", "seed", "rows", "refusal_risk", "max_moves_per_year",
               "budget_idr_per_year", "None"}
    assert not english & set(notes["Butir"]) and "None" not in set(notes["Nilai"])
    en = write_plan(draft_plan(scenario, "balancing", lang="en"), tmp_path / "plan.xlsx",
                    lang="en")
    assert openpyxl.load_workbook(en).sheetnames == ["moves", "explanations", "units",
                                                      "expected_requests", "fairness_audit",
                                                      "assumptions"]
    audit = pd.read_excel(path, sheet_name="audit_keadilan", dtype=str, engine="calamine")
    assert {"Kebijakan", "Dimensi", "Kelompok", "Rasio ke daerah sulit"} <= set(audit.columns)
    assert set(audit["Kebijakan"]) == {"penyeimbangan beban"}
    assert "perempuan" in set(audit["Kelompok"])


def test_a_later_round_says_which_rows_come_from_the_simulation(example):
    scenario = load_scenario(example / "region.yaml",
                             {"mutation.requests.rate_per_year": 0.9})
    rounds = [m for m in range(1, 60) if (m - 1) % 12 + 1 in scenario.mutation.months]
    year, month = divmod(scenario.start_year * 12 + rounds[4] - 1, 12)
    plan = draft_plan(scenario, "balancing", when=f"{year}-{month + 1:02d}", lang="en")
    simulated = plan.moves["data_basis"] == "simulated"
    recruits = plan.moves["employee"].astype(str).str.startswith("rekrut-")
    assert simulated.any() and (simulated | ~recruits).all()  # every recruit is flagged
    assert plan.moves["person_choice"].str.startswith("an example: 1 of ").all()
    # a chance to ask is at most one: never more requests expected than staff
    assert (plan.requests["expected_requests"] <= plan.requests["staff"]).all()


def test_plan_console_total_is_the_units_sheets(example, tmp_path, capsys):
    scenario = str(example / "region.yaml")
    assert main(["plan", scenario, "--policy", "balancing", "--out", str(tmp_path / "p.xlsx"),
                 "--lang", "en"]) == 0
    out = capsys.readouterr().out
    units = pd.read_excel(tmp_path / "p.xlsx", sheet_name="units", engine="calamine")
    total = (units["Unmet hours after (h/year)"] - units["Unmet hours before (h/year)"]).sum()
    assert f"change in unmet hours {total:+,.0f} h/year" in out, out


def test_validate_and_plan_speak_indonesian_by_default(example, tmp_path, capsys):
    scenario = str(example / "region.yaml")
    assert main(["validate", scenario]) == 0
    assert "adalah skenario 'contoh_daerah_files' yang valid dengan data daerah sendiri" in \
        capsys.readouterr().out
    assert main(["plan", scenario, "--policy", "balancing", "--out", str(tmp_path / "p.csv")]) == 2
    assert "rencana berupa buku kerja" in capsys.readouterr().err
    assert main(["plan", scenario, "--policy", "balancing", "--out", str(tmp_path / "p.xlsx"),
                 "--round", "januari"]) == 2
    assert "format YYYY-MM" in capsys.readouterr().err
    assert main(["plan", scenario, "--policy", "balancing", "--out", str(tmp_path / "p.xlsx"),
                 "--round",
                 "2027-03"]) == 2
    assert "tidak ada putaran mutasi pada bulan itu" in capsys.readouterr().err


def test_plan_round_must_be_a_round_month(example):
    from model.core.errors import UserError

    scenario = load_scenario(example / "region.yaml")
    with pytest.raises(UserError, match="no mutation round"):
        pick_round(scenario, f"{scenario.start_year}-03")
    assert pick_round(scenario, f"{scenario.start_year}-07") == 7


@pytest.mark.parametrize("target", [2000, 20000])
def test_target_staff_is_met_within_two_percent(target):
    s = load_scenario("default", {"region.target_staff": target})
    n = World.build(s, RandomStreams(1)).employees.n
    assert abs(n / target - 1) <= 0.02


def test_target_staff_too_small_says_why(capsys):
    assert "one unit of every kind" in str(load_scenario(
        "default", {"region.target_staff": 200}).region.target_message())
    assert main(["validate", "default", "--set", "region.target_staff=200", "--lang", "en"]) == 0
    assert "one unit of every kind" in capsys.readouterr().out
    assert main(["validate", "default", "--set", "region.target_staff=200"]) == 0
    assert "satu unit dari setiap jenis" in capsys.readouterr().out


def test_a_region_names_its_own_agency():
    """`agency: religion` is an agency once the region declares it."""
    from model.core.vocab import DEFAULT_AGENCIES

    agencies = {a: {"domain": d} for a, d in DEFAULT_AGENCIES.items()}
    s = load_scenario("default", {
        "region.agencies": {**agencies, "religion": {"domain": "religion", "label": "Kemenag"}},
        "region.unit_kinds.madrasah": {"agency": "religion", "count": 5,
                                        "staff": {"teacher_primary": 10}}})
    assert "religion" in s.region.vocabulary.agencies
    w = World.build(s, RandomStreams(1))
    assert (w.units.agency == w.vocab.agency_index["religion"]).sum() == 5
