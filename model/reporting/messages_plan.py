"""The draft plan's workbook in words (`reporting.plan_book`): headers, sheets, notes, errors.

Indonesian first (a Baperjakat/BKPSDM team reads it), English complete.
"""

from __future__ import annotations

from ..core.text import Catalogue, Text, words


class PlanBookMsg(Catalogue, area="reporting.plan_book"):
    """Why the plan's workbook cannot be written."""

    not_workbook = Text(
        "--out {path}: rencana berupa buku kerja; berikan nama berkas berakhiran .xlsx",
        "--out {path}: the plan is a workbook; give a file name ending in .xlsx")
    exists = Text(
        "--out {path}: berkas sudah ada; plan tidak pernah menimpa berkas\n"
        "  perbaikan: berikan nama lain, atau tambahkan --force",
        "--out {path}: the file exists; plan never overwrites a file\n"
        "  fix: give another name, or add --force")
    cannot_write = Text("--out {path}: tidak dapat ditulis ({why})",
                        "--out {path}: cannot write ({why})")


# column -> header (the number formats are in plan_book.FORMATS)
COLUMNS = words("reporting.plan_book.column", {
    "employee": ("NIP / pegawai", "NIP / employee"),
    "round": ("Putaran", "Round"),
    "person_choice": ("Pilihan orang", "Who"),
    "data_basis": ("Dasar data", "Data basis"),
    "from_unit_code": ("Kode unit asal", "From unit code"),
    "from_unit": ("Unit asal", "From unit"),
    "from_role": ("Jabatan asal", "From position"),
    "to_unit_code": ("Kode unit tujuan", "To unit code"),
    "to_unit": ("Unit tujuan", "To unit"),
    "to_role": ("Jabatan tujuan", "To position"),
    "role_change": ("Ganti jabatan?", "Change of position?"),
    "policy": ("Diusulkan oleh", "Proposed by"),
    "reason": ("Alasan (angka sebelum rencana)", "Reason (numbers before the plan)"),
    "origin_gap_fte": ("Selisih unit asal (FTE; + kelebihan)", "Origin gap (FTE; + surplus)"),
    "origin_ej_before": ("EJ unit asal sebelum", "Origin EJ before"),
    "origin_ej_after": ("EJ unit asal sesudah", "Origin EJ after"),
    "destination_gap_fte": ("Selisih unit tujuan (FTE; - kekurangan)",
                            "Destination gap (FTE; - deficit)"),
    "destination_ej_before": ("EJ unit tujuan sebelum", "Destination EJ before"),
    "destination_ej_after": ("EJ unit tujuan sesudah", "Destination EJ after"),
    "checks_passed": ("Batasan yang dipenuhi", "Constraints passed"),
    "refusal_risk": ("Risiko keberatan", "Refusal risk"),
    "adaptation_months": ("Bulan adaptasi", "Adaptation months"),
    "distance_km": ("Jarak (km)", "Distance (km)"),
    "cost_idr": ("Biaya (Rp)", "Cost (IDR)"),
    "unmet_hours_change_from": ("Perubahan jam tak terpenuhi unit asal (jam/tahun)",
                                "Change in unmet hours, from unit (h/year)"),
    "unmet_hours_change_to": ("Perubahan jam tak terpenuhi unit tujuan (jam/tahun)",
                              "Change in unmet hours, to unit (h/year)"),
    "override": ("Kecualikan aturan? (isi 'ya')", "Override rules? (write 'yes')"),
    "why_person": ("Mengapa pegawai ini", "Why this person"),
    "why_unit": ("Mengapa unit ini", "Why this unit"),
    "support": ("Dukungan yang diberikan", "Support offered"),
    "adaptation": ("Perkiraan masa adaptasi", "Expected adaptation"),
    "unit_code": ("Kode unit", "Unit code"),
    "unit": ("Unit", "Unit"),
    "role": ("Jabatan", "Position"),
    "staff": ("Pegawai", "Staff"),
    "expected_requests": ("Perkiraan permohonan pindah (rata-rata orang)",
                          "Expected own requests (mean persons)"),
    "staff_before": ("Pegawai sebelum", "Staff before"),
    "staff_after": ("Pegawai sesudah", "Staff after"),
    "need_fte": ("Kebutuhan (FTE)", "Need (FTE)"),
    "capacity_fte_before": ("Kapasitas sebelum (FTE)", "Capacity before (FTE)"),
    "capacity_fte_after": ("Kapasitas sesudah (FTE)", "Capacity after (FTE)"),
    "unmet_hours_before": ("Jam tak terpenuhi sebelum (jam/tahun)",
                           "Unmet hours before (h/year)"),
    "unmet_hours_after": ("Jam tak terpenuhi sesudah (jam/tahun)",
                          "Unmet hours after (h/year)"),
    "position": ("Jabatan", "Position"),
    "year": ("Tahun", "Year"),
    "existing": ("Pegawai yang ada (awal tahun, rata-rata)",
                 "Existing staff (start of year, mean)"),
    "retiring": ("Pensiun (kalender BUP pegawai awal)", "Retiring (BUP calendar, starting staff)"),
    "moves_in": ("Mutasi masuk (rata-rata)", "Transfers in (mean)"),
    "moves_out": ("Mutasi keluar (rata-rata)", "Transfers out (mean)"),
    "formasi": ("Formasi dibutuhkan (rata-rata)", "Formasi needed (mean)"),
    "formasi_low": ("Formasi dibutuhkan, 95 % bawah", "Formasi needed, 95 % low"),
    "formasi_high": ("Formasi dibutuhkan, 95 % atas", "Formasi needed, 95 % high"),
    "proposed": ("Usulan formasi", "Formasi proposed"),
    "proposed_pns": ("Usulan PNS", "Proposed PNS"),
    "proposed_pppk": ("Usulan PPPK", "Proposed PPPK"),
    "item": ("Butir", "Item"),
    "value": ("Nilai", "Value"),
    "meaning": ("Keterangan", "Meaning"),
})

SHEETS = words("reporting.plan_book.sheet", {
    "moves": ("usulan_mutasi", "moves"), "units": ("unit", "units"),
    "requests": ("perkiraan_permohonan", "expected_requests"),
    "audit": ("audit_keadilan", "fairness_audit"),
    "explanations": ("penjelasan", "explanations"),
    "formasi": ("rencana_formasi", "formasi_plan"),
    "formasi_positions": ("formasi_per_jabatan", "formasi_by_position"),
    "assumptions": ("asumsi", "assumptions"),
})

WORDS = words("reporting.plan_book.words", {
    "yes": ("ya", "yes"),
    "no": ("tidak", "no"),
    "surplus": ("kelebihan", "surplus"),
    "deficit": ("kekurangan", "deficit"),
    # a move's reason with the numbers behind it ({ej_*}: 'EJ 1,20 → 1,10')
    "reason": ("{label}: unit asal {side} {gap_out} FTE {from_role} ({ej_out}); "
               "unit tujuan {need} {gap_in} FTE {to_role} ({ej_in})",
               "{label}: origin {side} of {gap_out} FTE {from_role} ({ej_out}); "
               "destination {need} of {gap_in} FTE {to_role} ({ej_in})"),
    "no_limit": ("tidak dibatasi", "no limit"),
    "months": ("bulan", "months"),
    "moves": ("pindahan", "moves"),
    "idr": ("rupiah", "IDR"),
    "see_meaning": ("(lihat keterangan)", "(see meaning)"),
})

# the assumptions sheet, in its order: item -> (its name, what it means)
ASSUMPTION_ITEMS = words("reporting.plan_book.item", {
    "round": ("Putaran mutasi", "Mutation round"),
    "policy": ("Kebijakan", "Policy"),
    "scenario": ("Skenario", "Scenario"),
    "seed": ("Benih acak", "Random seed"),
    "rows": ("Isi lembar usulan", "Rows of the moves sheet"),
    "who": ("Pilihan orang", "Who"),
    "data_basis": ("Dasar data", "Data basis"),
    "gap": ("Selisih", "Gap"),
    "role_change": ("Ganti jabatan", "Change of position"),
    "ej": ("EJ", "EJ"),
    "refusal_risk": ("Risiko keberatan", "Refusal risk"),
    "adaptation_months": ("Bulan adaptasi", "Adaptation months"),
    "hours": ("Jam efektif setahun; jam tak terpenuhi", "Effective hours a year; unmet hours"),
    "units_sheet": ("Lembar unit", "Units sheet"),
    "expected_requests": ("Perkiraan permohonan", "Expected requests"),
    "min_tenure": ("Minimal masa jabatan", "Minimum months in position"),
    "retirement_buffer": ("Batas menjelang pensiun", "Retirement buffer"),
    "moves_per_year": ("Kuota mutasi per tahun", "Moves per year"),
    "budget_per_year": ("Anggaran per tahun", "Budget per year"),
    "names": ("Nama pegawai", "Names"),
})

ASSUMPTION_MEANINGS = words("reporting.plan_book.meaning", {
    "round": ("putaran yang direncanakan", "the round planned"),
    "policy": ("kebijakan yang mengusulkan pindahan", "the policy proposing the moves"),
    "scenario": ("berkas skenario", "the scenario file"),
    "seed": ("benih replikasi pertama: benih yang sama, rencana yang sama",
             "the first replication's seed: same seed, same plan"),
    "rows": (
        "usulan kebijakan yang lolos semua batasan pada putaran itu (sama dengan log mutasi "
        "simulasi bila putaran itu tanpa permohonan pindah sendiri: dilaksanakan, "
        "dipaksakan atau ditolak pegawai). Permohonan pindah "
        "sendiri TIDAK termasuk: itu pilihan pegawai, bukan usulan; perkiraannya ada di "
        "lembar perkiraan_permohonan sebagai angka per unit, tanpa nama",
        "the policy's proposals passing every constraint in that round (as in the "
        "simulation's transfer log when that round holds no own request: executed, "
        "forced or refused by the employee). Own "
        "requests are NOT included: they are the employees' choice, not proposals; what "
        "to expect is on the expected_requests sheet as numbers per unit, without names"),
    "who": (
        "penyeimbangan, antisipasi dan distribusi optimal memilih unit dan jabatan asal; "
        "orangnya dipilih acak di antara yang dapat dipindah di sana: NIP di baris itu "
        "hanya contoh, tim menentukan siapa (jumlah calon disebut). Rotasi dan kesesuaian "
        "kompetensi memilih orang menurut aturannya (masa jabatan, kompetensi)",
        "balancing, anticipation and optimal distribution choose the origin unit and "
        "position; the person is picked at random among those who may move there: the "
        "row's NIP is an example, the team chooses who (the number of candidates is "
        "given). Rotation and competence matching choose people by their rule (tenure, "
        "competence)"),
    "data_basis": (
        "'data awal': orang dan unit asalnya seperti di berkas pegawai; 'hasil simulasi': "
        "pada putaran yang lebih jauh, orangnya rekrutan simulasi atau unitnya sudah "
        "berubah dalam simulasi (bukan fakta)",
        "'starting data': the person and origin unit as in the roster file; 'simulated': "
        "in a later round, a recruit of the simulation or a unit changed in the "
        "simulation (not a fact)"),
    "gap": (
        "kapasitas potensial - kebutuhan (FTE, semua sudah beradaptasi) sebelum rencana: "
        "+ kelebihan, - kekurangan; EJ menghitung orang, selisih menghitung kapasitas, "
        "jadi keduanya bisa berbeda arah",
        "potential capacity - need (FTE, everyone adapted) before the plan: + surplus, "
        "- deficit; EJ counts people, the gap counts capacity, so they can point "
        "different ways"),
    "role_change": (
        "'ya' bila jabatan tujuan berbeda dari jabatan asal (mis. guru mata pelajaran ke "
        "guru kelas): perlu keputusan jabatan tersendiri dan pemeriksaan kompetensi",
        "'yes' where the destination position differs from the current one (e.g. subject "
        "teacher to class teacher): needs its own decision and a competence check"),
    "ej": (
        "efisiensi jabatan = kebutuhan (FTE, ABK) / jumlah pegawai; sesudah = pindahan ini "
        "saja; '–' atau kosong = tidak ada pegawai",
        "efficiency of position = need (FTE, ABK) / staff; after = this move alone; '–' or "
        "empty = no staff"),
    "refusal_risk": ("peluang pegawai berkeberatan (model respons)",
                     "probability that the employee objects (the response model)"),
    "adaptation_months": (
        "bulan sampai produktivitas dalam 5 % dari penuh: tau x ln(D / 0,05)",
        "months until productivity is within 5 % of full: tau x ln(D / 0.05)"),
    "hours": (
        "jam per tahun: (kebutuhan - kapasitas potensial) x jam efektif setahun (nilai); "
        "potensial = semua pegawai telah beradaptasi; perubahan per pindahan dihitung "
        "sendiri-sendiri",
        "hours per year: (need - potential capacity) x effective hours a year (the value); "
        "potential = everyone adapted; each move's change is counted on its own"),
    "units_sheet": ("sesudah = semua pindahan dalam rencana dilaksanakan",
                    "after = every move of the plan carried out"),
    "expected_requests": (
        "jumlah peluang tiap pegawai mengajukan pindah sendiri pada putaran ini (rata-rata, "
        "bukan nama; unit dengan perkiraan < 0,05 tidak ditampilkan)",
        "the sum of each person's chance to ask for a transfer this round (a mean, not "
        "names; units expecting < 0.05 are not shown)"),
    "min_tenure": ("hanya pegawai yang sudah selama ini di posisinya yang dapat dipindah",
                   "only staff this long in their position may be moved"),
    "retirement_buffer": ("pegawai yang pensiun dalam waktu ini tidak dipindah",
                          "staff retiring within this time are not moved"),
    "moves_per_year": ("batas jumlah pindahan setahun", "the cap on moves a year"),
    "budget_per_year": ("batas biaya pindahan dan pelatihan setahun",
                        "the cap on the cost of moves and training a year"),
    "names": ("nama pegawai tidak pernah disalin ke hasil; pegawai disebut dengan NIP",
              "names are never copied into results; employees are named by NIP"),
})
