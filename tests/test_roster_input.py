"""A region's roster as planners' files really come: Excel number cells, SIASN exports,
other date formats and encodings, nulls, blank and delimiter-only rows.

Each case is one a planner met (issue 22): a NIP is read exactly or refused with the
right reason, and every message says what is wrong and how to fix it, in Indonesian
by default.
"""

from __future__ import annotations

import re
import shutil

import numpy as np
import openpyxl
import pandas as pd
import pytest

from model.cli import main
from model.regions.roster import check_region
from model.scenario import readers
from model.scenario.loading import load_scenario


@pytest.fixture
def region(example, tmp_path):
    """A fresh copy of the example."""
    folder = tmp_path / "region"
    shutil.copytree(example, folder)
    return folder


def _employees(folder) -> pd.DataFrame:
    return pd.read_csv(folder / "employees.csv", dtype=str, keep_default_na=False)


def _use(folder, name: str) -> None:
    """Point the scenario's roster at another file of the folder."""
    y = folder / "region.yaml"
    y.write_text(y.read_text().replace("employees: employees.csv", f"employees: {name}"))


def _validate(folder, capsys, *extra: str) -> tuple[int, str]:
    code = main(["validate", str(folder / "region.yaml"), *extra])
    out = capsys.readouterr()
    text = out.out + out.err
    assert "Traceback" not in text
    return code, text


def _read_and_counted(text: str, file: str) -> tuple[int, int, int]:
    """(read, accepted, rejected) from the import summary; read = accepted + rejected."""
    m = re.search(re.escape(file) + r"(?: \[\w+\])?: ([\d,.]+) (?:rows read|baris dibaca), "
                  r"([\d,.]+) (?:accepted|diterima), ([\d,.]+) (?:rejected|ditolak)", text)
    assert m, text
    read, ok, bad = (int(g.replace(",", "").replace(".", "")) for g in m.groups())
    assert read == ok + bad
    return read, ok, bad


def _write_xlsx(df: pd.DataFrame, path, cell) -> None:
    """The roster as a workbook written by openpyxl; `cell(column, text)` gives each value."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "employees"
    sheet.append(list(df.columns))
    for rec in df.itertuples(index=False):
        sheet.append([cell(c, v) for c, v in zip(df.columns, rec, strict=True)])
    book.save(path)


# ------------------------------------------------------------------ NIP from Excel
NUMBER_CELLS = {
    "number cell": lambda v: int(v),                        # as typed into Excel
    "15 digits kept": lambda v: float(v[:15] + "000"),       # what Excel keeps of it
}


@pytest.mark.parametrize("engine", ["calamine", "openpyxl"])
@pytest.mark.parametrize("how", list(NUMBER_CELLS))
def test_a_nip_stored_as_a_number_is_refused_for_every_row(region, capsys, monkeypatch,
                                                           engine, how):
    monkeypatch.setattr(readers, "EXCEL_ENGINE", engine)
    df = _employees(region)
    number = NUMBER_CELLS[how]
    _write_xlsx(df, region / "emp.xlsx", lambda c, v: number(v) if c == "nip" else v)
    _use(region, "emp.xlsx")
    fix = region / "fix.csv"
    code, text = _validate(region, capsys, "--fix-report", str(fix), "--lang", "en")
    assert code == 2
    read, ok, bad = _read_and_counted(text, "emp.xlsx")
    assert (read, ok, bad) == (len(df), 0, len(df))
    report = pd.read_csv(fix, dtype=str)
    nip = report[report["column"] == "nip"]
    assert len(nip) == len(df)
    assert nip["reason"].str.startswith("stored as a number").all()
    # nothing else is said about these rows: the number's digits are not a NIP
    assert set(report["column"]) == {"nip"}, report["reason"].unique()
    code, text = _validate(region, capsys)
    assert "tersimpan sebagai angka" in text


def test_a_nip_as_text_in_a_workbook_is_read_exactly(region, capsys):
    df = _employees(region)
    _write_xlsx(df, region / "emp.xlsx", lambda c, v: v)
    _use(region, "emp.xlsx")
    code, _ = _validate(region, capsys)
    assert code == 0
    data, _ = check_region(load_scenario(str(region / "region.yaml")))
    assert data.nip.astype(str).tolist() == df["nip"].tolist()


@pytest.mark.parametrize("value,reason", [
    ("1.99604122021111E+17", "stored as a number"),
    ("199604122021111003.0", "stored as a number"),
    ("199604122021111000", "ends in 000"),  # Excel's 15 digits, saved back as CSV
])
def test_a_nip_that_went_through_a_number_in_a_csv_is_refused(region, capsys, value, reason):
    df = _employees(region)
    df.loc[0, "nip"] = value
    df.to_csv(region / "employees.csv", index=False)
    code, text = _validate(region, capsys, "--lang", "en")
    assert code == 2
    assert f"row 2, nip = '{value}': {reason}" in text
    assert "row 2, sex" not in text and "row 2, birth_date" not in text


def test_a_nip_written_in_groups_is_read_without_the_separators(region, capsys):
    df = _employees(region)
    nip = df["nip"].copy()
    spaced = nip.str.slice(0, 8) + " " + nip.str.slice(8, 14) + " " + nip.str.slice(14, 15) \
        + " " + nip.str.slice(15)
    df["nip"] = np.where(df.index % 2 == 0, spaced, nip.str.slice(0, 8) + "." +
                         nip.str.slice(8))
    df.loc[1, "nip"] = "'" + nip[1]  # Excel's text marker, typed before the number
    df.to_csv(region / "employees.csv", index=False)
    code, text = _validate(region, capsys)
    assert code == 0, text
    assert f"{len(df):,}".replace(",", ".") + " NIP yang ditulis berkelompok" in text
    data, _ = check_region(load_scenario(str(region / "region.yaml")))
    assert data.nip.astype(str).tolist() == nip.tolist()


# ------------------------------------------------------------- SIASN-like values
def test_an_occupation_by_its_label_or_in_capitals_is_read_and_said(region, capsys):
    occ = pd.read_csv(region / "occupations.csv", dtype=str, keep_default_na=False)
    label = dict(zip(occ["occupation"], occ["label"], strict=True))
    df = _employees(region)
    first = df.loc[0, "occupation"]
    df.loc[0, "occupation"] = label[first]                  # "Guru Kelas", as SIASN shows
    df.loc[1, "occupation"] = df.loc[1, "occupation"].upper()
    df.to_csv(region / "employees.csv", index=False)
    code, text = _validate(region, capsys)
    assert code == 0, text
    assert "2 baris menyebut jabatan dengan nama tampilannya" in text
    data, _ = check_region(load_scenario(str(region / "region.yaml")))
    assert data.vocab.occupations[data.employees.occupation[0]] == first


@pytest.mark.parametrize("value,reason", [
    ("", "occupation: empty (required)"),
    ("guru_kels", "did you mean guru_kelas?"),
    ("astronot", "write one of its codes or labels, or add the occupation there"),
])
def test_an_unknown_or_empty_occupation_gets_the_right_advice(region, capsys, value, reason):
    df = _employees(region)
    df.loc[0, "occupation"] = value
    df.to_csv(region / "employees.csv", index=False)
    code, text = _validate(region, capsys, "--lang", "en")
    assert code == 2 and reason in text, text
    assert "add it there with its family" not in text


@pytest.mark.parametrize("written", ["%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y",
                                     "%Y-%m-%dT00:00:00+07:00", "%Y-%m-%d 00:00:00"])
def test_dates_in_other_usual_forms_are_read_as_written(region, capsys, written):
    df = _employees(region)
    birth = pd.to_datetime(df["birth_date"])
    df["birth_date"] = birth.dt.strftime(written)
    df.to_csv(region / "employees.csv", index=False)
    code, text = _validate(region, capsys)
    assert code == 0, text
    data, _ = check_region(load_scenario(str(region / "region.yaml")))
    months = (birth.dt.year * 12 + birth.dt.month - 1).to_numpy()
    assert (data.employees.birth[: len(df)] == months).all()


def test_a_windows_1252_byte_in_the_name_column_is_not_a_reason_to_refuse(region, capsys):
    path = region / "employees.csv"
    raw = path.read_bytes()
    first_name = _employees(region).loc[0, "name"].encode()
    path.write_bytes(raw.replace(first_name, first_name[:3] + b"\xe9" + first_name[4:], 1))
    code, text = _validate(region, capsys)
    assert code == 0, text


# ------------------------------------------------------------------ file shapes
def test_row_numbers_are_the_files_own_after_blank_lines(region, capsys):
    path = region / "employees.csv"
    lines = path.read_text().split("\n")
    df = _employees(region)
    df.loc[4, "sex"] = "X"   # line 6 of the file (header is line 1)
    df.to_csv(path, index=False)
    lines = path.read_text().split("\n")
    lines[2:2] = ["", "   "]  # two blank lines before the third record
    path.write_text("\n".join(lines))
    code, text = _validate(region, capsys, "--lang", "en")
    assert code == 2
    assert "row 8, sex = 'X'" in text, text
    assert _read_and_counted(text, "employees.csv") == (len(df), len(df) - 1, 1)


def test_trailing_delimiter_only_rows_are_not_rows(region, capsys):
    path = region / "employees.csv"
    n = len(_employees(region))
    width = len(_employees(region).columns)
    path.write_text(path.read_text() + ("," * (width - 1) + "\n") * 3 + ",,\n")
    code, text = _validate(region, capsys, "--lang", "en")
    assert code == 0, text
    assert _read_and_counted(text, "employees.csv") == (n, n, 0)
    assert "(4 empty rows skipped)" in text


def test_a_parquet_roster_with_nulls_reads_them_as_empty_cells(region, capsys):
    df = _employees(region)
    df["contract_end"] = df["contract_end"].replace("", None)
    df["performance"] = pd.to_numeric(df["performance"].replace("", None))
    df.to_parquet(region / "emp.parquet")
    _use(region, "emp.parquet")
    code, text = _validate(region, capsys)
    assert code == 0, text
    assert _read_and_counted(text, "emp.parquet") == (len(df), len(df), 0)


def test_a_parquet_nip_column_of_floats_is_refused_integers_are_exact(region, capsys):
    df = _employees(region)
    df.assign(nip=df["nip"].astype(np.int64)).to_parquet(region / "int.parquet")
    df.assign(nip=df["nip"].astype(float)).to_parquet(region / "float.parquet")
    _use(region, "int.parquet")
    assert _validate(region, capsys)[0] == 0
    y = region / "region.yaml"
    y.write_text(y.read_text().replace("int.parquet", "float.parquet"))
    code, text = _validate(region, capsys, "--lang", "en")
    assert code == 2 and "stored as a number" in text


def test_a_corrupt_workbook_gets_a_clear_message(region, capsys, tmp_path):
    import zipfile

    df = _employees(region)
    _write_xlsx(df, tmp_path / "good.xlsx", lambda c, v: v)
    with zipfile.ZipFile(tmp_path / "good.xlsx") as src, \
            zipfile.ZipFile(region / "emp.xlsx", "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename.startswith("xl/worksheets/"):
                data = data[: len(data) // 2]  # a sheet cut in half
            dst.writestr(item, data)
    _use(region, "emp.xlsx")
    code, text = _validate(region, capsys)
    assert code == 2
    assert "emp.xlsx: lembar 'employees' tidak dapat dibaca" in text
    assert "simpan ulang sebagai .xlsx" in text
    (region / "emp.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    code, text = _validate(region, capsys, "--lang", "en")
    assert code == 2 and "cannot be opened as a workbook" in text


# ------------------------------------------------------------------------ numbers
@pytest.mark.parametrize("hours,expected", [
    ("1.250", None), ("12,500", None), ("1.250,5", 1250.5), ("1,250.5", 1250.5),
    ("1250", 1250.0), ("1,25", 1.25), ("0.750", 0.75), ("-1.250", None), ("+12,500", None),
    ("1.250.000", 1250000.0), ("1,250,000", 1250000.0),
])
def test_a_number_with_one_separator_in_groups_of_three_is_refused(region, capsys, hours,
                                                                     expected):
    w = pd.read_csv(region / "workload.csv", dtype=str, keep_default_na=False)
    w.loc[0, "hours_per_year"] = hours
    w.to_csv(region / "workload.csv", index=False)
    code, text = _validate(region, capsys, "--lang", "en")
    if expected is None:
        assert code == 2
        assert f"hours_per_year = '{hours}': ambiguous: {hours} can be read" in text
        code, text = _validate(region, capsys)
        assert f"bermakna ganda: {hours}" in text
        return
    assert code == 0, text
    scenario = load_scenario(str(region / "region.yaml"))
    data, _ = check_region(scenario)
    codes = list(data.units.codes)
    u = codes.index(w.loc[0, "unit_code"])
    r = data.vocab.occ_index[w.loc[0, "role"]]
    assert data.units.demand[u, r] == expected


def test_a_workbook_number_cell_is_never_ambiguous(region, capsys):
    w = pd.read_csv(region / "workload.csv", dtype=str, keep_default_na=False)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "workload"
    sheet.append(list(w.columns))
    for i, rec in enumerate(w.itertuples(index=False)):
        row = list(rec)
        k = list(w.columns).index("hours_per_year")
        row[k] = 1.125 if i == 0 else float(row[k])
        sheet.append(row)
    book.save(region / "workload.xlsx")
    y = region / "region.yaml"
    y.write_text(y.read_text().replace("workload: workload.csv", "workload: workload.xlsx"))
    code, text = _validate(region, capsys)
    assert code == 0, text


# -------------------------------------------------- a realistic roster, 3 % spoiled
SPOILERS = {  # column, how a planner's file goes wrong; each one an error of that row
    "nip": lambda v, rng: str(int(v) + 0.0),               # through a float: '1.99e+17'
    "birth_date": lambda v, rng: v.replace("-", "/", 1),  # 1990/07-01: no known form
    "sex": lambda v, rng: "X",
    "employment": lambda v, rng: "honorer",
    "position_type": lambda v, rng: "kepala",
    "occupation": lambda v, rng: "astronot",
    "unit_code": lambda v, rng: "U99999",
    "position_start": lambda v, rng: "2024-02-30",
    "performance": lambda v, rng: "baik",
}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_every_spoiled_row_is_rejected_and_every_other_accepted(region, capsys, fmt):
    df = _employees(region)
    rng = np.random.default_rng(22)
    spoiled = np.sort(rng.choice(len(df), size=max(len(df) * 3 // 100, 9), replace=False))
    kinds = list(SPOILERS)
    for i, row in enumerate(spoiled):
        column = kinds[i % len(kinds)]
        df.loc[row, column] = SPOILERS[column](df.loc[row, column], rng)
    if fmt == "csv":
        df.to_csv(region / "employees.csv", index=False)
        name = "employees.csv"
    else:
        _write_xlsx(df, region / "emp.xlsx", lambda c, v: v)
        _use(region, "emp.xlsx")
        name = "emp.xlsx"
    fix = region / "fix.csv"
    code, text = _validate(region, capsys, "--fix-report", str(fix))
    assert code == 2
    assert _read_and_counted(text, name) == (len(df), len(df) - len(spoiled), len(spoiled))
    report = pd.read_csv(fix, dtype=str, keep_default_na=False)
    errors = report[(report["severity"] == "error") & report["file"].str.startswith(name)]
    assert sorted(set(errors["row"].astype(int))) == sorted((spoiled + 2).tolist())
    # each spoiled row is refused for what was spoiled there, in Indonesian
    for i, row in enumerate(spoiled):
        column = kinds[i % len(kinds)]
        said = errors[errors["row"].astype(int) == row + 2]
        assert column in set(said["column"]), (column, said.to_dict("records"))
    assert (errors["reason_id"] != errors["reason"]).all(), \
        errors.loc[errors["reason_id"] == errors["reason"], "reason"].unique()


@pytest.mark.parametrize("digit", ["\uff11", "\u0661", "\u09e7"])  # fullwidth, Arabic, Bengali 1
def test_a_nip_with_a_digit_that_is_not_ascii_is_refused_and_others_stay_exact(region, capsys,
                                                                               digit):
    df = _employees(region)
    nip = df["nip"].copy()
    df.loc[0, "nip"] = digit + nip[0][1:]
    df.to_csv(region / "employees.csv", index=False)
    code, text = _validate(region, capsys, "--lang", "en")
    assert code == 2 and "row 2, nip" in text and "18 digits" in text
    df.loc[0, "nip"] = nip[0]
    df.to_csv(region / "employees.csv", index=False)
    assert _validate(region, capsys)[0] == 0
    data, _ = check_region(load_scenario(str(region / "region.yaml")))
    assert data.nip.astype(str).tolist() == nip.tolist()


def test_two_columns_for_one_field_are_refused_naming_both(region, capsys):
    df = _employees(region)
    df.insert(3, "tanggal_lahir", "1990-01-01")  # an alias of birth_date, other values
    df.to_csv(region / "employees.csv", index=False)
    code, text = _validate(region, capsys)
    assert code == 2 and "kolom 'birth_date' dan 'tanggal_lahir' sama-sama berarti birth_date" \
        in text, text
    df = _employees(region).drop(columns="tanggal_lahir", errors="ignore")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "employees"
    sheet.append([*df.columns, "nip"])
    for rec in df.itertuples(index=False):
        sheet.append([*rec, rec[0]])
    book.save(region / "emp.xlsx")
    _use(region, "emp.xlsx")
    code, text = _validate(region, capsys, "--lang", "en")
    assert code == 2 and "the header names column 'nip' twice" in text, text


def test_row_numbers_hold_with_quoted_line_breaks_and_in_the_units_file(region, capsys):
    path = region / "employees.csv"
    df = _employees(region)
    df.loc[1, "name"] = "Nama\ndengan baris baru"  # a quoted field over two lines
    df.loc[5, "sex"] = "X"                           # record 7: file line 8
    df.to_csv(path, index=False)
    lines = path.read_text().split("\n")
    lines[1:1] = [""]                                 # a blank line after the header
    path.write_text("\n".join(lines))
    code, text = _validate(region, capsys, "--lang", "en")
    assert code == 2 and "row 9, sex = 'X'" in text, text
    units = region / "units.csv"
    u = pd.read_csv(units, dtype=str, keep_default_na=False)
    u.loc[[3, 4], "district"] = "Atlantis"            # file lines 5 and 6, then a blank line
    u.to_csv(units, index=False)
    lines = units.read_text().split("\n")
    lines[2:2] = [""]
    units.write_text("\n".join(lines))
    code, text = _validate(region, capsys, "--lang", "en")
    assert "units.csv, row 6, district" in text and "units.csv, row 7, district" in text, text
    assert "units.csv: 41 rows read, 39 accepted, 2 rejected" in text


@pytest.mark.parametrize("header", ["Tanggal\nLahir", "TGL. LAHIR", "tanggal  lahir",
                                    "tanggal\u00a0lahir", "Tanggal-Lahir"])
def test_headers_as_government_templates_write_them(region, capsys, header):
    df = _employees(region).rename(columns={"birth_date": header})
    df.to_csv(region / "employees.csv", index=False)
    code, text = _validate(region, capsys)
    assert code == 0, text


@pytest.mark.parametrize("value", ["2024-07-01T25:99", "2024-07-01 12:61:00",
                                   "2024-07-01Tpagi"])
def test_a_date_with_an_impossible_time_is_refused(region, capsys, value):
    df = _employees(region)
    df.loc[0, "position_start"] = value
    df.to_csv(region / "employees.csv", index=False)
    code, text = _validate(region, capsys, "--lang", "en")
    assert code == 2 and f"position_start = '{value}': not a date" in text, text


def test_a_title_above_the_header_is_named_with_the_header_row(region, capsys):
    df = _employees(region)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "employees"
    sheet.append(["DAFTAR PEGAWAI KABUPATEN TELADAN"])   # a title, as office workbooks have
    sheet.append([])
    sheet.append(list(df.columns))
    for rec in df.itertuples(index=False):
        sheet.append(list(rec))
    book.save(region / "emp.xlsx")
    _use(region, "emp.xlsx")
    code, text = _validate(region, capsys)
    assert code == 2 and "judul kolom ada di baris 3, bukan di baris pertama" in text, text
    assert "hapus baris di atas judul kolom" in text
