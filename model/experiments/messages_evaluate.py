"""What `evaluate` says about a planner's list (`experiments.evaluate`), Indonesian first.

Each problem of a row names the row of the file, what was wrong and how to fix it;
the statuses and notes are the words of the evaluation workbook.
"""

from __future__ import annotations

from ..core.text import Catalogue, Text, words


class ListMsg(Catalogue, area="experiments.evaluate"):
    """Why a list, or a row of it, cannot be run."""

    nothing_runs = Text(
        "{path}: tidak ada baris yang dapat dijalankan ({read} baris dibaca, semuanya "
        "ditolak):\n{problems}",
        "{path}: no row can be run ({read} rows read, all refused):\n{problems}")
    not_a_list = Text(
        "{path}: berkas daftar harus .xlsx (buku kerja rencana, lembar usulan_mutasi) "
        "atau .csv (kolom NIP dan kode unit tujuan)",
        "{path}: a list must be an .xlsx (the plan workbook, sheet moves) or a .csv "
        "(columns NIP and destination unit code)")
    not_found = Text("{path}: berkas daftar tidak ditemukan; periksa nama dan foldernya",
                     "{path}: the list file does not exist; check its name and folder")
    fix_list = Text(
        "daftar berisi satu baris per mutasi dengan kolom 'NIP / pegawai' dan 'Kode unit "
        "tujuan' (seperti lembar usulan_mutasi dari `plan`), atau nip dan kode_unit_tujuan; "
        "boleh jabatan, putaran dan kecualikan",
        "a list holds one row per move with the columns 'NIP / employee' and 'To unit code' "
        "(as the moves sheet `plan` writes), or nip and kode_unit_tujuan; optionally "
        "jabatan, putaran and kecualikan")
    problem_row = Text("  baris {row}: {reason}", "  row {row}: {reason}")
    more = Text("  ... dan {n} baris lain (lihat lembar baris di evaluation.xlsx)",
                "  ... and {n} more rows (see the rows sheet of evaluation.xlsx)")
    against_twice = Text(
        "--against {policy}: bandingkan dengan kebijakan yang mengusulkan, bukan none "
        "(status quo selalu ikut dibandingkan)",
        "--against {policy}: compare with a proposing policy, not none (the status quo is "
        "always compared)")


class RowMsg(Catalogue, area="experiments.evaluate.row"):
    """The problem of one row of a list (the file's row number is given beside it)."""

    employee_empty = Text("kolom NIP / pegawai kosong", "the NIP / employee cell is empty")
    nip_number = Text(
        "NIP {value} tersimpan sebagai angka di Excel sehingga digit terakhirnya hilang; "
        "format kolom sebagai Teks lalu ketik ulang NIP-nya",
        "NIP {value} was stored as a number in Excel, which loses its last digits; format "
        "the column as Text and type the NIP again")
    nip_unknown = Text("NIP {value} tidak ada dalam data pegawai wilayah ini",
                       "NIP {value} is not in this region's staff data")
    row_unknown = Text(
        "pegawai {value} tidak ada: wilayah bawaan menamai pegawai dengan nomor baris "
        "0 sampai {last}",
        "employee {value} does not exist: the built-in region names staff by row number, "
        "0 to {last}")
    recruit = Text(
        "{value} adalah rekrutan hasil simulasi, bukan pegawai dalam data; daftar hanya "
        "dapat memuat pegawai yang ada",
        "{value} is a recruit of the simulation, not a person in the data; a list can name "
        "only people who exist")
    duplicate = Text("pegawai {value} sudah diusulkan di baris {first}; satu usulan per "
                     "pegawai (hapus salah satu)",
                     "employee {value} is already proposed on row {first}; one proposal per "
                     "person (delete one)")
    unit_empty = Text("kolom kode unit tujuan kosong", "the destination unit code is empty")
    unit_unknown = Text("kode unit tujuan {value} tidak dikenal (contoh kode yang ada: "
                        "{example})",
                        "destination unit code {value} is unknown (codes that exist, e.g. "
                        "{example})")
    unit_mismatch = Text(
        "nama unit tujuan {value} tidak cocok dengan kode {code} (unit {name}); perbaiki "
        "kode atau namanya, atau kosongkan kolom nama",
        "destination unit name {value} does not match code {code} (unit {name}); fix the "
        "code or the name, or empty the name column")
    role_unknown = Text("jabatan tujuan {value} tidak dikenal; jabatan yang ada: {known}",
                        "destination position {value} is unknown; positions: {known}")
    round_format = Text("putaran {value}: tulis YYYY-MM, mis. {example}",
                        "round {value}: write YYYY-MM, e.g. {example}")
    round_not_held = Text(
        "putaran {value} bukan bulan putaran mutasi dalam horizon skenario (putaran: "
        "{rounds}, ...)",
        "round {value} is not a mutation round within the scenario's horizon (rounds: "
        "{rounds}, ...)")
    override_value = Text("kolom kecualikan aturan: {value} bukan 'ya' atau 'tidak'",
                          "override column: {value} is neither 'yes' nor 'no'")
    retired = Text("pegawai sudah pensiun (BUP) sebelum putaran {round}",
                   "the person has retired (BUP) before the round {round}")
    left_by_chance = Text(
        "dijalankan; dalam simulasi pemeriksaan pegawai keluar sebelum putaran {round} "
        "(berhenti atau kontrak tidak diperpanjang: peristiwa acak), jadi aturan tidak dapat "
        "diperiksa; lembar usulan_mutasi menyebut di berapa replikasi ia sudah keluar",
        "run; in the check's simulation the person left before the round {round} (an exit "
        "or a contract not renewed: a chance event), so the rules could not be checked; "
        "the moves sheet says in how many replications the person had left")
    breaks = Text(
        "melanggar aturan: {rule}; agar tetap dijalankan, isi 'ya' pada kolom "
        "kecualikan aturan",
        "breaks a rule: {rule}; to run it anyway, write 'yes' in the override column")
    cannot = Text("tidak dapat dijalankan: {rule}", "cannot be run: {rule}")
    no_need = Text("unit tujuan tidak memiliki kebutuhan (ABK) untuk jabatan ini; agar tetap "
                   "dijalankan, isi 'ya' pada kolom kecualikan aturan",
                   "the destination's workload analysis (ABK) has no need for this position; "
                   "to run it anyway, write 'yes' in the override column")
    no_need_overridden = Text(
        "dijalankan meski unit tujuan tidak memiliki kebutuhan (ABK) untuk jabatan ini "
        "(dikecualikan oleh perencana)",
        "run although the destination's ABK has no need for this position (overridden by "
        "the planner)")
    waived = Text("dijalankan meski melanggar aturan: {rule} (dikecualikan oleh perencana)",
                  "run although it breaks a rule: {rule} (overridden by the planner)")


# a row's status in the rows sheet and the console
STATUS = words("experiments.evaluate.status", {
    "run": ("dijalankan", "run"),
    "run_override": ("dijalankan (aturan dikecualikan)", "run (rule overridden)"),
    "refused": ("ditolak", "refused"),
})

# the values the override column may hold (lower case, trimmed); anything else is refused
YES = frozenset({"ya", "y", "yes", "1", "x", "v", "✓", "true", "benar"})
NO = frozenset({"", "tidak", "t", "no", "n", "0", "false", "salah", "-"})
