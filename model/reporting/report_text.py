"""The fixed words of the report (Indonesian, English): headings, captions, method, limits.

Each entry is a catalogue `Text` (Indonesian, English; `model/core/text.py`), read
as `REPORT_TEXT[key][lang]`. The numbers and the findings come from the results folder
(`report.py`, `findings.py`), never from here.
"""

from __future__ import annotations

from ..core.text import Text, words
from .labels import policy_summary

__all__ = ["FIGURE_CAPTIONS", "LEVER_WORDS", "LIMITS", "METHOD", "REPORT_TEXT",
           "policy_summary"]

REPORT_TEXT: dict[str, Text] = words("report", {
    "title": ("Laporan simulasi mutasi ASN", "Civil-service transfer simulation report"),
    "scenario": ("Skenario", "Scenario"),
    "years": ("tahun", "years"),
    "replications": ("replikasi", "replications"),
    "seed": ("benih acak", "seed"),
    "few": ("Replikasi sedikit: interval lebar dan kurang andal. Untuk keputusan, jalankan "
            "paling sedikit 8 replikasi (--replications 8).",
            "Few replications: intervals are wide and unreliable. For a decision, run at "
            "least 8 replications (--replications 8)."),
    "findings": ("Temuan utama", "Key findings"),
    "policies": ("Kebijakan yang dibandingkan", "Policies compared"),
    "policy": ("Kebijakan", "Policy"),
    "what_it_does": ("Cara kerja", "What it does"),
    "baseline": ("pembanding", "baseline"),
    "headline": ("Tabel utama", "Headline table"),
    "headline_note_cmp": ("Kolom {base}: nilai rata-rata [interval 95%]. Kolom lain: selisih "
                          "berpasangan terhadap {base} [interval 95%]; hijau lebih baik, merah "
                          "lebih buruk; abu-abu: tidak berbeda nyata (tn), perubahan "
                          "kecil (kecil) di bawah ambang berikut, atau indikator tanpa arah "
                          "lebih baik (mis. jumlah mutasi); pp = poin persen. Total biaya: "
                          "nilai tiap kebijakan, bukan selisih.",
                          "Column {base}: mean [95% interval]. Other columns: paired "
                          "difference against {base} [95% interval]; green better, red worse; "
                          "grey: not significantly different (ns), a negligible change "
                          "(small) below the thresholds below, or a measure with no better "
                          "direction (e.g. the number of transfers); pp = percentage points. "
                          "Total cost: each policy's value, not a difference."),
    "thresholds": ("Ambang perubahan berarti: selisih yang lebih kecil dianggap kecil, "
                   "walaupun intervalnya tidak memuat 0.",
                   "Thresholds of a change that matters: a smaller difference counts as "
                   "negligible, even when its interval leaves out 0."),
    "small_mark": ("kecil", "small"),
    "no_scenario": ("Pengaturan tidak dapat dibaca dari scenario.yaml folder ini (dibuat "
                    "dengan versi lain?); lihat berkas itu", "The settings cannot be read "
                    "from this folder's scenario.yaml (made by another version?); see that "
                    "file"),
    "placeholder": ("Deskripsi skenario ini masih teks contoh dari `init-region`. Ubah "
                    "`description_id` dan `description` di berkas skenario (region.yaml) "
                    "menjadi deskripsi daerah Anda, lalu buat laporan lagi.",
                    "This scenario's description is still the example text of `init-region`. "
                    "Replace `description` and `description_id` in the scenario file "
                    "(region.yaml) with your region's, then make the report again."),
    "headline_note_run": ("Nilai rata-rata antar replikasi [interval 95%].",
                          "Mean over replications [95% interval]."),
    "metric": ("Indikator", "Metric"),
    "figures": ("Grafik", "Figures"),
    "transfers": ("Ringkasan log mutasi", "Transfer log summary"),
    "transfers_note": ("Usulan mutasi menurut kebijakan yang dijalankan, siapa yang "
                       "mengusulkan, dan hasilnya: jumlah orang di semua replikasi, rata-rata "
                       "orang per replikasi, dan biaya rata-rata per replikasi. Daftar "
                       "lengkap: transfers.parquet (dan transfers.csv untuk run kecil).",
                       "Proposals by the policy run, who proposed and the outcome: persons "
                       "over all replications, mean persons per replication and mean cost "
                       "per replication. Full list: transfers.parquet (and transfers.csv for "
                       "small runs)."),
    "total_col": ("Jumlah orang ({n} replikasi)", "Persons ({n} replications)"),
    "mean_col": ("Rata-rata per replikasi (orang)", "Mean per replication (persons)"),
    "cost_col": ("Biaya rata-rata per replikasi", "Mean cost per replication"),
    "per_month": ("per bulan", "per month"),
    "audit": ("Audit merit dan keadilan mutasi", "Merit and fairness audit of the transfers"),
    "audit_note": ("Siapa yang menanggung mutasi terencana (bukan permohonan sendiri): untuk "
                   "setiap kelompok (jenis kelamin, umur, PNS/PPPK, rumpun jabatan, jarak "
                   "dari daerah asal, kuartil kinerja, jenis wilayah) tingkat mutasinya "
                   "dibandingkan dengan tingkat seluruh pegawai. Sebuah kelompok ditandai "
                   "bila interval 95 % rasionya di luar batas empat-perlima. Tabel lengkap: "
                   "audit.csv.",
                   "Who bears the planned transfers (not own requests): for each group "
                   "(sex, age, PNS/PPPK, occupation family, distance from home, performance "
                   "quartile, area type) its transfer rates are compared with the whole "
                   "staff's. A group is flagged when the 95 % interval of its ratio lies "
                   "outside the four-fifths band. The full table: audit.csv."),
    "list_tested": ("Daftar yang diuji", "The list tested"),
    "list_counts": ("Berkas {file}: {read} baris dibaca, {run} dijalankan, {refused} ditolak. "
                    "Daftar dijalankan sebagai usulan putaran {rounds}; sesudahnya semua "
                    "pilihan berjalan seperti status quo (hanya permohonan pindah sendiri). "
                    "Rincian setiap baris dan setiap mutasi: evaluation.xlsx.",
                    "File {file}: {read} rows read, {run} run, {refused} refused. The list "
                    "runs as the proposals of round {rounds}; afterwards every arm goes on "
                    "as the status quo (own requests only). Every row and every move in "
                    "detail: evaluation.xlsx."),
    "list_against": ("Rancangan alat: usulan kebijakan {policy} untuk putaran {round} yang "
                     "lolos semua batasan (seperti yang ditulis `plan`), dijalankan dengan "
                     "cara yang sama.",
                     "The tool's draft: the proposals of policy {policy} for round {round} "
                     "that pass every constraint (as `plan` writes them), run the same way."),
    "list_overridden": ("Dijalankan meski melanggar aturan, karena perencana "
                        "mengecualikannya:",
                        "Run although they break a rule, because the planner overrode it:"),
    "list_refused": ("Baris yang ditolak (tidak dijalankan):", "Rows refused (not run):"),
    "list_more": ("... dan {n} baris lain (lembar baris di evaluation.xlsx)",
                  "... and {n} more rows (the rows sheet of evaluation.xlsx)"),
    "list_row": ("Baris", "Row"),
    "list_employee": ("Pegawai", "Employee"),
    "list_reason": ("Keterangan", "Note"),
    "assumptions": ("Skenario dan asumsinya", "The scenario and its assumptions"),
    "lever": ("Pengaturan", "Setting"),
    "value": ("Nilai", "Value"),
    "assumption_count": ("{n} dari {total} parameter bawaan adalah asumsi (bukan dari statistik "
                         "atau peraturan); sumber setiap parameter ada di docs/ODD.md dan "
                         "`run_sim.py list --params --markdown`.",
                         "{n} of {total} default parameters are assumptions (not from "
                         "statistics or regulations); every parameter's source is in "
                         "docs/ODD.md and `run_sim.py list --params --markdown`."),
    "method": ("Metode", "Method"),
    "limits": ("Batasan", "Limits"),
    "made_with": ("Dibuat dengan Mutasi", "Made with Mutasi"),
})

# the levers (`scenario.levers.LEVERS`) in words, for the report's assumptions table
LEVER_WORDS: dict[str, Text] = words("report.lever", {
    "policy": ("Kebijakan mutasi", "Transfer policy"),
    "policies_compared": ("Kebijakan mutasi yang dibandingkan", "Transfer policies compared"),
    "share_per_round": ("Bagian pegawai yang boleh diusulkan pindah per putaran",
                        "Share of staff that may be proposed per round"),
    "min_months_in_position": ("Masa minimal di jabatan sebelum boleh dipindah",
                               "Minimum time in post before a transfer"),
    "socialization": ("Sosialisasi dan partisipasi pegawai sebelum mutasi",
                      "Socialization and staff participation before transfers"),
    "training": ("Pelatihan dan pendampingan setelah pindah",
                 "Training and mentoring after a transfer"),
    "allowance": ("Tunjangan daerah terpencil", "Remote-area allowance"),
    "allowance_million": ("Besar tunjangan daerah terpencil per pegawai",
                          "Remote-area allowance per employee"),
    "replacement_rate": ("Rekrutmen: formasi baru per pegawai yang keluar",
                         "Recruitment: appointments per departure"),
    "move_budget": ("Batas mutasi terencana per tahun", "Planned transfers allowed a year"),
})

FIGURE_CAPTIONS: dict[str, Text] = words("report.caption", {
    "unmet_need.png": ("Kebutuhan pegawai yang tidak terpenuhi, dalam FTE dan sebagai bagian "
                       "dari kebutuhan (rata-rata dan interval 95% antar replikasi).",
                       "Staffing need left unmet, in FTE and as a share of the need (mean and "
                       "95% interval over replications)."),
    "forest.png": ("Selisih berpasangan terhadap pembanding dengan interval 95%; interval yang "
                   "melewati garis 0 berarti tidak berbeda nyata; pita abu-abu: perubahan "
                   "di bawah ambang perubahan berarti (lihat Tabel utama).",
                   "Paired differences against the baseline with 95% intervals; an interval "
                   "crossing the 0 line means no significant difference; grey band: a "
                   "change below the threshold that matters (see the headline table)."),
    "headcount_flows.png": ("Jumlah ASN aktif dan arus pegawai per tahun (pensiun, keluar, "
                            "rekrutmen, mutasi).",
                            "Active staff and yearly flows (retirements, exits, recruits, "
                            "transfers)."),
    "load_by_agency.png": ("Sebaran EJ unit (kebutuhan / pegawai, ABK) menurut dinas, di awal "
                           "dan di akhir periode; garis putus-putus: EJ 1,00.",
                           "Distribution of units' EJ (need / staff, ABK) by agency at the "
                           "start and the horizon; dashed line: EJ 1.00."),
    "load_by_area.png": ("Sebaran EJ unit menurut jenis wilayah, di awal dan di akhir periode.",
                         "Distribution of units' EJ by area type at the start and the "
                         "horizon."),
    "unmet_by_government.png": ("Kebutuhan tidak terpenuhi di akhir horizon menurut "
                                "pemerintah (menurut provinsi bila pemerintahnya banyak), "
                                "rata-rata antar replikasi.",
                                "Unmet need at the horizon by government (by province when "
                                "there are many governments), mean over replications."),
})

_METHOD = (
    ("Model berbasis agen (Mesa): setiap pegawai (PNS dan PPPK) dan setiap unit disimulasikan "
     "per bulan: pensiun sesuai BUP, keluar, kontrak PPPK, rekrutmen formasi, beban kerja "
     "(ABK, PermenPANRB 1/2020), putaran mutasi, keberatan pegawai, dan penurunan "
     "produktivitas selama adaptasi setelah pindah.",
     "Agent-based model (Mesa): every employee (PNS and PPPK) and unit is simulated month by "
     "month: retirement at the legal age (BUP), exits, PPPK contracts, recruitment, workload "
     "(ABK, PermenPANRB 1/2020), transfer rounds, objections, and the productivity lost while "
     "adapting after a move."),
    ("Perbandingan berpasangan: replikasi ke-r dari setiap kebijakan memakai benih acak yang "
     "sama (common random numbers), sehingga selisihnya adalah efek kebijakan, bukan kebetulan. "
     "Interval 95% adalah interval t atas replikasi; 'tidak berbeda nyata' berarti interval "
     "selisih memuat 0.",
     "Paired comparison: replication r of every policy uses the same random seed (common "
     "random numbers), so the difference is the policy's effect, not chance. 95% intervals "
     "are t-intervals over replications; 'not significantly different' means the interval of "
     "the difference contains 0."),
    ("Kondisi awal (status quo) dikalibrasi terhadap statistik nasional (BKN, BPS); lihat "
     "docs/VALIDATION.md dan `run_sim.py calibration`. Hasil yang sama muncul di setiap "
     "komputer untuk benih yang sama.",
     "The status quo is calibrated against national statistics (BKN, BPS); see "
     "docs/VALIDATION.md and `run_sim.py calibration`. The same seed gives the same numbers "
     "on every machine."),
)

_LIMITS = (
    ("Daerah bawaan adalah kabupaten sintetis; angka untuk daerah Anda memerlukan data Anda "
     "sendiri (`init-region`, `validate`).",
     "The default region is synthetic; numbers for your region need your own data "
     "(`init-region`, `validate`)."),
    ("Banyak parameter perilaku (keberatan, adaptasi, moral) adalah asumsi; perlakukan "
     "besaran efek sebagai perkiraan dan periksa kepekaannya.",
     "Many behavioural parameters (objection, adaptation, morale) are assumptions; treat "
     "effect sizes as estimates and check their sensitivity."),
    ("Model tidak memuat politik lokal, promosi jabatan struktural, atau perubahan "
     "kebijakan nasional di tengah periode.",
     "The model leaves out local politics, structural promotions and national policy changes "
     "during the period."),
    ("Biaya hanya mencakup biaya pindah, pelatihan, pendampingan, sosialisasi dan tunjangan "
     "yang dimodelkan.",
     "Costs cover only the modelled relocation, training, mentoring, socialization and "
     "allowance costs."),
)

# the method's and the limits' paragraphs, in order (keys report.method.1, ...)
METHOD: tuple[Text, ...] = tuple(words("report.method", {
    str(i): pair for i, pair in enumerate(_METHOD, 1)}).values())
LIMITS: tuple[Text, ...] = tuple(words("report.limits", {
    str(i): pair for i, pair in enumerate(_LIMITS, 1)}).values())


def report_file(lang: str = "id") -> str:
    """The report's file name in `lang`: `report.html` (Indonesian), `report-en.html`."""
    return "report.html" if lang == "id" else f"report-{lang}.html"
