"""The evaluation workbook in words (`reporting.evaluation_book`): sheets, headers, items.

Indonesian first (the team that wrote the list reads it), English complete. The
columns a plan's moves sheet has keep the plan's headers (`messages_plan.COLUMNS`).
"""

from __future__ import annotations

from ..core.text import words
from .messages_plan import COLUMNS as PLAN_COLUMNS

SHEETS = words("reporting.evaluation_book.sheet", {
    "findings": ("temuan", "findings"),
    "summary": ("ringkasan", "summary"),
    "rows": ("baris", "rows"),
    "moves": ("usulan_mutasi", "moves"),
    "explanations": ("penjelasan", "explanations"),
    "audit": ("audit_keadilan", "fairness_audit"),
    "about": ("asumsi", "assumptions"),
})

COLUMNS = PLAN_COLUMNS | words("reporting.evaluation_book.column", {
    "section": ("Bagian", "Section"),
    "finding": ("Temuan", "Finding"),
    "metric": ("Ukuran", "Measure"),
    "unit_of": ("Satuan", "Unit"),
    "status_quo": ("Status quo (rata-rata)", "Status quo (mean)"),
    "list": ("Daftar usulan (rata-rata)", "The list (mean)"),
    "list_diff": ("Daftar − status quo", "List − status quo"),
    "list_ci": ("Daftar − status quo, 95 %", "List − status quo, 95 %"),
    "draft": ("Rancangan alat (rata-rata)", "The tool's draft (mean)"),
    "draft_diff": ("Rancangan − status quo", "Draft − status quo"),
    "vs_draft": ("Daftar − rancangan", "List − draft"),
    "vs_draft_ci": ("Daftar − rancangan, 95 %", "List − draft, 95 %"),
    "file_row": ("Baris di berkas", "Row in the file"),
    "to_role_given": ("Jabatan tujuan (ditulis)", "To position (as written)"),
    "status": ("Status", "Status"),
    "problem": ("Keterangan", "Note"),
    "override_rule": ("Aturan yang dikecualikan", "Rule overridden"),
    "share_executed": ("Dilaksanakan (bagian replikasi)", "Executed (share of runs)"),
    "share_forced": ("Dilaksanakan meski keberatan", "Carried out despite objection"),
    "share_refused": ("Batal karena keberatan", "Cancelled after objection"),
    "share_blocked": ("Terhalang aturan (anggaran, staf minimum)",
                      "Blocked by a rule (budget, minimum staff)"),
    "share_not_proposed": ("Tidak diusulkan: pegawai sudah keluar sebelum putaran",
                           "Not proposed: the person had left before the round"),
})

ITEMS = words("reporting.evaluation_book.item", {
    "file": ("Berkas daftar", "List file"),
    "scenario": ("Skenario", "Scenario"),
    "rounds": ("Putaran dalam daftar", "Rounds of the list"),
    "against": ("Dibandingkan juga dengan rancangan kebijakan",
                "Also compared with the draft of the policy"),
    "draft_round": ("Putaran rancangan alat", "Round of the tool's draft"),
    "replications": ("Replikasi berpasangan", "Paired replications"),
    "years": ("Horizon (tahun)", "Horizon (years)"),
    "seed": ("Seed", "Seed"),
    "read": ("Baris dibaca", "Rows read"),
    "run": ("Baris dijalankan", "Rows run"),
    "refused": ("Baris ditolak (lihat lembar baris)", "Rows refused (see the rows sheet)"),
    "overridden": ("Baris dijalankan dengan aturan dikecualikan",
                   "Rows run with a rule overridden"),
})

MEANINGS = words("reporting.evaluation_book.meaning", {
    "file": ("berkas yang diuji", "the file tested"),
    "scenario": ("wilayah dan parameter model", "the region and the model's parameters"),
    "rounds": ("daftar dijalankan sebagai usulan putaran ini; sesudahnya semua pilihan "
               "berjalan seperti status quo (hanya permohonan pindah sendiri)",
               "the list runs as this round's proposals; afterwards every arm goes on as "
               "the status quo (own requests only)"),
    "against": ("rancangan yang ditulis `plan` untuk putaran yang sama, dijalankan dengan "
                "cara yang sama ('-': tidak dibandingkan)",
                "the draft `plan` writes for the same round, run the same way ('-': not "
                "compared)"),
    "draft_round": ("putaran pertama daftar", "the list's first round"),
    "replications": ("replikasi r setiap pilihan memakai seed yang sama: selisih adalah "
                     "pengaruh daftar, bukan kebetulan",
                     "replication r of every arm has the same seed: differences are the "
                     "list's effect, not chance"),
    "years": ("lama simulasi", "how long each run lasts"),
    "seed": ("seed yang sama memberi hasil yang sama", "the same seed gives the same results"),
    "read": ("baris berisi di berkas", "filled rows of the file"),
    "run": ("dibaca = dijalankan + ditolak", "read = run + refused"),
    "refused": ("setiap baris ditolak menyebut alasannya; tidak ada yang dibuang diam-diam",
                "each refused row gives its reason; nothing is dropped silently"),
    "overridden": ("perencana menandai 'ya' pada kolom kecualikan aturan; laporan dan "
                   "log mutasi menyebutnya",
                   "the planner wrote 'yes' in the override column; the report and the "
                   "transfer log say so"),
})
