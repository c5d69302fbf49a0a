"""The draft plan as a planner's workbook: words, columns and layout.

A Baperjakat/BKPSDM team reads the plan in Excel, edits it and defends it, so the
workbook speaks their language (Indonesian headers and values by default, English
complete), opens ready to filter (bold frozen header, filters, column widths,
number formats) and hides nothing: each move's reason in words with the numbers
behind it, a flag where the position changes, the own requests to expect as numbers
on a sheet of their own (never as named moves), and every assumption explained.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..core.errors import UserError
from .formats import fmt_fixed

# column -> (Indonesian header, English header, number format or None)
PLAN_COLUMNS: dict[str, tuple[str, str, str | None]] = {
    "employee": ("NIP / pegawai", "NIP / employee", "@"),
    "person_choice": ("Pilihan orang", "Who", None),
    "data_basis": ("Dasar data", "Data basis", None),
    "from_unit_code": ("Kode unit asal", "From unit code", "@"),
    "from_unit": ("Unit asal", "From unit", None),
    "from_role": ("Jabatan asal", "From position", None),
    "to_unit_code": ("Kode unit tujuan", "To unit code", "@"),
    "to_unit": ("Unit tujuan", "To unit", None),
    "to_role": ("Jabatan tujuan", "To position", None),
    "role_change": ("Ganti jabatan?", "Change of position?", None),
    "policy": ("Diusulkan oleh", "Proposed by", None),
    "reason": ("Alasan (angka sebelum rencana)", "Reason (numbers before the plan)", None),
    "origin_gap_fte": ("Selisih unit asal (FTE; + kelebihan)", "Origin gap (FTE; + surplus)",
                       "0.00"),
    "origin_ej_before": ("EJ unit asal sebelum", "Origin EJ before", "0.00"),
    "origin_ej_after": ("EJ unit asal sesudah", "Origin EJ after", "0.00"),
    "destination_gap_fte": ("Selisih unit tujuan (FTE; - kekurangan)",
                            "Destination gap (FTE; - deficit)", "0.00"),
    "destination_ej_before": ("EJ unit tujuan sebelum", "Destination EJ before", "0.00"),
    "destination_ej_after": ("EJ unit tujuan sesudah", "Destination EJ after", "0.00"),
    "checks_passed": ("Batasan yang dipenuhi", "Constraints passed", None),
    "refusal_risk": ("Risiko keberatan", "Refusal risk", "0%"),
    "adaptation_months": ("Bulan adaptasi", "Adaptation months", "0.0"),
    "distance_km": ("Jarak (km)", "Distance (km)", "0.0"),
    "cost_idr": ("Biaya (Rp)", "Cost (IDR)", "#,##0"),
    "unmet_hours_change_from": ("Perubahan jam tak terpenuhi unit asal (jam/tahun)",
                                "Change in unmet hours, from unit (h/year)", "#,##0;-#,##0;0"),
    "unmet_hours_change_to": ("Perubahan jam tak terpenuhi unit tujuan (jam/tahun)",
                              "Change in unmet hours, to unit (h/year)", "#,##0;-#,##0;0"),
    "unit_code": ("Kode unit", "Unit code", "@"),
    "unit": ("Unit", "Unit", None),
    "role": ("Jabatan", "Position", None),
    "staff": ("Pegawai", "Staff", "#,##0"),
    "expected_requests": ("Perkiraan permohonan pindah (rata-rata orang)",
                          "Expected own requests (mean persons)", "0.0"),
    "staff_before": ("Pegawai sebelum", "Staff before", "#,##0"),
    "staff_after": ("Pegawai sesudah", "Staff after", "#,##0"),
    "need_fte": ("Kebutuhan (FTE)", "Need (FTE)", "0.00"),
    "capacity_fte_before": ("Kapasitas sebelum (FTE)", "Capacity before (FTE)", "0.00"),
    "capacity_fte_after": ("Kapasitas sesudah (FTE)", "Capacity after (FTE)", "0.00"),
    "unmet_hours_before": ("Jam tak terpenuhi sebelum (jam/tahun)",
                           "Unmet hours before (h/year)", "#,##0"),
    "unmet_hours_after": ("Jam tak terpenuhi sesudah (jam/tahun)",
                          "Unmet hours after (h/year)", "#,##0"),
    "item": ("Butir", "Item", None),
    "value": ("Nilai", "Value", None),
    "meaning": ("Keterangan", "Meaning", None),
}

SHEETS = {"moves": ("usulan_mutasi", "moves"), "units": ("unit", "units"),
          "requests": ("perkiraan_permohonan", "expected_requests"),
          "assumptions": ("asumsi", "assumptions")}

YES_NO = {True: ("ya", "yes"), False: ("tidak", "no")}


def _num(x: float, lang: str, digits: int = 1) -> str:
    return "–" if x != x else fmt_fixed(float(x), digits, lang)


def move_reason(label: str, rec, from_role: str, to_role: str, lang: str = "id") -> str:
    """A move's reason in words with the numbers behind it (gaps in FTE, EJ before/after)."""
    og, dg = float(rec.origin_gap_fte), float(rec.destination_gap_fte)
    ej = (f"EJ {_num(rec.origin_ej_before, lang, 2)} → {_num(rec.origin_ej_after, lang, 2)}",
          f"EJ {_num(rec.destination_ej_before, lang, 2)} → "
          f"{_num(rec.destination_ej_after, lang, 2)}")
    if lang == "id":
        side = "kelebihan" if og > 0 else "kekurangan"
        need = "kekurangan" if dg < 0 else "kelebihan"
        return (f"{label}: unit asal {side} {_num(abs(og), lang)} FTE {from_role} ({ej[0]}); "
                f"unit tujuan {need} {_num(abs(dg), lang)} FTE {to_role} ({ej[1]})")
    side = "surplus" if og > 0 else "deficit"
    need = "deficit" if dg < 0 else "surplus"
    return (f"{label}: origin {side} of {_num(abs(og), lang)} FTE {from_role} ({ej[0]}); "
            f"destination {need} of {_num(abs(dg), lang)} FTE {to_role} ({ej[1]})")


def _limit(value, unit_id: str, unit_en: str, lang: str) -> str:
    if value is None:
        return "tidak dibatasi" if lang == "id" else "no limit"
    return f"{value:,} {unit_id if lang == 'id' else unit_en}".replace(
        ",", "." if lang == "id" else ",")


def assumption_rows(scenario, policy_words: str, label: str, seed: int, adapted: float,
                    lang: str = "id") -> pd.DataFrame:
    """The assumptions sheet: every item in words, its value, and what it means."""
    c = scenario.mutation.constraints
    pct = f"{adapted:.0%}".replace(".", ",") if lang == "id" else f"{adapted:.0%}"
    hours = scenario.workload.effective_hours
    rows = [
        (("Putaran mutasi", "Mutation round"), label,
         ("putaran yang direncanakan", "the round planned")),
        (("Kebijakan", "Policy"), policy_words,
         ("kebijakan yang mengusulkan pindahan", "the policy proposing the moves")),
        (("Skenario", "Scenario"), scenario.name, ("berkas skenario", "the scenario file")),
        (("Benih acak", "Random seed"), str(seed),
         ("benih replikasi pertama: benih yang sama, rencana yang sama",
          "the first replication's seed: same seed, same plan")),
        (("Isi lembar usulan", "Rows of the moves sheet"), "",
         ("usulan kebijakan yang lolos semua batasan pada putaran itu (sama dengan log mutasi "
          "simulasi bila putaran itu tanpa permohonan pindah sendiri: dilaksanakan, "
          "dipaksakan atau ditolak pegawai). Permohonan pindah "
          "sendiri TIDAK termasuk: itu pilihan pegawai, bukan usulan; perkiraannya ada di "
          "lembar perkiraan_permohonan sebagai angka per unit, tanpa nama",
          "the policy's proposals passing every constraint in that round (as in the "
          "simulation's transfer log when that round holds no own request: executed, "
          "forced or refused by the employee). Own "
          "requests are NOT included: they are the employees' choice, not proposals; what "
          "to expect is on the expected_requests sheet as numbers per unit, without names")),
        (("Pilihan orang", "Who"), "",
         ("penyeimbangan, antisipasi dan distribusi optimal memilih unit dan jabatan asal; "
          "orangnya dipilih acak di antara yang dapat dipindah di sana: NIP di baris itu "
          "hanya contoh, tim menentukan siapa (jumlah calon disebut). Rotasi dan kesesuaian "
          "kompetensi memilih orang menurut aturannya (masa jabatan, kompetensi)",
          "balancing, anticipation and optimal distribution choose the origin unit and "
          "position; the person is picked at random among those who may move there: the "
          "row's NIP is an example, the team chooses who (the number of candidates is "
          "given). Rotation and competence matching choose people by their rule (tenure, "
          "competence)")),
        (("Dasar data", "Data basis"), "",
         ("'data awal': orang dan unit asalnya seperti di berkas pegawai; 'hasil simulasi': "
          "pada putaran yang lebih jauh, orangnya rekrutan simulasi atau unitnya sudah "
          "berubah dalam simulasi (bukan fakta)",
          "'starting data': the person and origin unit as in the roster file; 'simulated': "
          "in a later round, a recruit of the simulation or a unit changed in the "
          "simulation (not a fact)")),
        (("Selisih", "Gap"), "",
         ("kapasitas potensial - kebutuhan (FTE, semua sudah beradaptasi) sebelum rencana: "
          "+ kelebihan, - kekurangan; EJ menghitung orang, selisih menghitung kapasitas, "
          "jadi keduanya bisa berbeda arah",
          "potential capacity - need (FTE, everyone adapted) before the plan: + surplus, "
          "- deficit; EJ counts people, the gap counts capacity, so they can point "
          "different ways")),
        (("Ganti jabatan", "Change of position"), "",
         ("'ya' bila jabatan tujuan berbeda dari jabatan asal (mis. guru mata pelajaran ke "
          "guru kelas): perlu keputusan jabatan tersendiri dan pemeriksaan kompetensi",
          "'yes' where the destination position differs from the current one (e.g. subject "
          "teacher to class teacher): needs its own decision and a competence check")),
        (("EJ", "EJ"), "",
         ("efisiensi jabatan = kebutuhan (FTE, ABK) / jumlah pegawai; sesudah = pindahan ini "
          "saja; '–' atau kosong = tidak ada pegawai", "efficiency of position = need (FTE, "
          "ABK) / staff; after = this move alone; '–' or empty = no staff")),
        (("Risiko keberatan", "Refusal risk"), "",
         ("peluang pegawai berkeberatan (model respons)",
          "probability that the employee objects (the response model)")),
        (("Bulan adaptasi", "Adaptation months"), pct,
         ("bulan sampai produktivitas dalam 5 % dari penuh: tau x ln(D / 0,05)",
          "months until productivity is within 5 % of full: tau x ln(D / 0.05)")),
        (("Jam efektif setahun; jam tak terpenuhi", "Effective hours a year; unmet hours"),
         f"{hours:g}",
         ("jam per tahun: (kebutuhan - kapasitas potensial) x jam efektif setahun (nilai); "
          "potensial = semua pegawai telah beradaptasi; perubahan per pindahan dihitung "
          "sendiri-sendiri", "hours per year: (need - potential capacity) x effective hours "
          "a year (the value); potential = everyone adapted; each move's change is counted "
          "on its own")),
        (("Lembar unit", "Units sheet"), "",
         ("sesudah = semua pindahan dalam rencana dilaksanakan",
          "after = every move of the plan carried out")),
        (("Perkiraan permohonan", "Expected requests"), "",
         ("jumlah peluang tiap pegawai mengajukan pindah sendiri pada putaran ini (rata-rata, "
          "bukan nama; unit dengan perkiraan < 0,05 tidak ditampilkan)",
          "the sum of each person's chance to ask for a transfer this round (a mean, not "
          "names; units expecting < 0.05 are not shown)")),
        (("Minimal masa jabatan", "Minimum months in position"),
         _limit(c.min_months_in_position, "bulan", "months", lang),
         ("hanya pegawai yang sudah selama ini di posisinya yang dapat dipindah",
          "only staff this long in their position may be moved")),
        (("Batas menjelang pensiun", "Retirement buffer"),
         _limit(c.retirement_buffer_months, "bulan", "months", lang),
         ("pegawai yang pensiun dalam waktu ini tidak dipindah",
          "staff retiring within this time are not moved")),
        (("Kuota mutasi per tahun", "Moves per year"),
         _limit(c.max_moves_per_year, "pindahan", "moves", lang),
         ("batas jumlah pindahan setahun", "the cap on moves a year")),
        (("Anggaran per tahun", "Budget per year"),
         _limit(c.budget_idr_per_year, "rupiah", "IDR", lang),
         ("batas biaya pindahan dan pelatihan setahun",
          "the cap on the cost of moves and training a year")),
        (("Nama pegawai", "Names"), "",
         ("nama pegawai tidak pernah disalin ke hasil; pegawai disebut dengan NIP",
          "names are never copied into results; employees are named by NIP")),
    ]
    i = 0 if lang == "id" else 1
    see = "(lihat keterangan)" if lang == "id" else "(see meaning)"
    return pd.DataFrame({"item": [r[0][i] for r in rows], "value": [r[1] or see for r in rows],
                         "meaning": [r[2][i] for r in rows]})


def check_plan_path(path: Path, overwrite: bool = False) -> Path:
    """The plan's workbook path, refused before a run if it cannot be written."""
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise UserError(f"--out {path}: the plan is a workbook; give a file name ending in "
                        ".xlsx")
    if path.exists() and not overwrite:
        raise UserError(f"--out {path}: the file exists; plan never overwrites a file\n"
                        "  fix: give another name, or add --force")
    return path


def _words(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    out = df.copy()
    i = 0 if lang == "id" else 1
    for col in out.columns:
        if out[col].dtype == bool:
            out[col] = [YES_NO[bool(v)][i] for v in out[col]]
    return out


def _layout(sheet, df: pd.DataFrame, keys: list[str]) -> None:
    """Bold frozen header with filters, widths from the contents, number formats."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet.freeze_panes = "A2"
    if len(df.columns):
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(df.columns))}{len(df) + 1}"
    for j, (key, col) in enumerate(zip(keys, df.columns, strict=True), start=1):
        cell = sheet.cell(row=1, column=j)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        lengths = df[col].astype(str).str.len()
        width = max(min(int(lengths.quantile(0.9)) if len(df) else 0, 60),
                    min(len(str(col)), 28), 8) + 2
        sheet.column_dimensions[get_column_letter(j)].width = width
        fmt = PLAN_COLUMNS.get(key, (None, None, None))[2]
        if fmt:
            for row in range(2, len(df) + 2):
                sheet.cell(row=row, column=j).number_format = fmt
    sheet.row_dimensions[1].height = 45


def write_plan(plan, path: Path, lang: str = "id", overwrite: bool = False) -> Path:
    """Write the plan as a workbook: moves, units, expected requests, assumptions."""
    path = check_plan_path(path, overwrite)
    i = 0 if lang == "id" else 1
    frames = {"moves": plan.moves, "units": plan.units, "requests": plan.requests,
              "assumptions": plan.assumptions}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with pd.ExcelWriter(path, engine="openpyxl") as book:
            for key, df in frames.items():
                keys = list(df.columns)
                shown = _words(df, lang).rename(
                    columns={k: PLAN_COLUMNS[k][i] for k in keys})
                shown = shown.replace({np.nan: None})
                name = SHEETS[key][i]
                shown.to_excel(book, sheet_name=name, index=False)
                _layout(book.sheets[name], shown, keys)
    except OSError as exc:
        raise UserError(f"--out {path}: cannot write ({exc.strerror or exc})") from None
    return path
