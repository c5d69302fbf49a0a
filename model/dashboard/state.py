"""The page's state shared by its parts: the language, and the dashboard's own words.

The words are catalogue entries (`dashboard.<key>`, `model/core/text.py`); `words(lang)`
gives them in one language, as the panels read them.
"""

from __future__ import annotations

import solara

from ..core.text import Text, in_language
from ..core.text import words as catalogue

LANG = solara.reactive("id")  # per browser session; the switch sets it

WORDS: dict[str, Text] = catalogue("dashboard", {
    "title": ("Mutasi: simulasi kebijakan mutasi ASN", "Mutasi: civil-service transfer policies"),
    "language": ("Bahasa", "Language"),
    "how_to": ("Pilih kebijakan dan intervensi di bawah, tekan Mulai ulang untuk "
               "menerapkannya, lalu Maju 1 tahun atau ▶. 'Bandingkan dengan status quo' "
               "memakai pengaturan di bawah seperti tertulis saat tombolnya ditekan.",
               "Choose a policy and interventions below, press Reset to apply them, then "
               "Step 1 year or ▶. 'Compare with status quo' uses the settings below as "
               "they are when its button is pressed."),
    "controls": ("Pengaturan", "Settings"),
    "run": ("Simulasi", "Simulation"),
    "reset": ("Mulai ulang", "Reset"),
    "step": ("Maju 1 tahun", "Step 1 year"),
    "play": ("▶ Jalankan", "▶ Play"),
    "pause": ("❚❚ Jeda", "❚❚ Pause"),
    "seed": ("Benih acak +", "Random seed +"),
    "horizon_reached": ("Akhir horizon simulasi: tekan Mulai ulang untuk mulai lagi.",
                        "End of the simulated horizon: press Reset to start again."),
    "press_step": ("Awal simulasi: tekan Maju 1 tahun atau ▶",
                   "Start of the run: press Step 1 year or ▶"),
    "compared": ("Pengaturan yang dibandingkan", "Settings compared"),
    "same_as_quo": ("Tidak ada selisih: pengaturan ini sama dengan status quo. Pilih "
                    "kebijakan atau intervensi lain di kiri, lalu bandingkan lagi.",
                    "No difference: these settings are the status quo. Choose another "
                    "policy or an intervention on the left and compare again."),
    "numbers": ("Angka utama", "Key numbers"),
    "date": ("Bulan simulasi", "Simulated month"),
    "start": ("awal", "start"),
    "settings": ("Model berjalan dengan", "The model runs with"),
    "unmet": ("Kebutuhan tidak terpenuhi", "Unmet need"),
    "cost_so_far": ("Biaya sejauh ini", "Cost so far"),
    "map_title": ("Unit menurut koordinat: warna = kelas EJ, bentuk = wilayah",
                  "Units by coordinates: colour = EJ band, shape = area type"),
    "moves_title": ("Mutasi dan keberatan per tahun", "Transfers and objections per year"),
    "costs_title": ("Biaya kumulatif", "Cumulative cost"),
    "audit_title": ("Siapa dimutasi ke daerah sulit (audit keadilan)",
                    "Who is sent to hard areas (fairness audit)"),
    "audit_axis": ("rasio terhadap seluruh pegawai; abu-abu: batas empat-perlima",
                   "ratio to the whole staff; grey: the four-fifths band"),
    "audit_none": ("Belum ada mutasi terencana ke daerah sulit",
                   "No planned transfer into a hard area yet"),
    "idr_million": ("juta Rp", "IDR million"),
    "idr_billion": ("miliar Rp", "IDR billion"),
    "compare": ("Bandingkan dengan status quo", "Compare with status quo"),
    "compare_note": ("{reps} replikasi berpasangan x {years} tahun: status quo (tanpa "
                     "mutasi terencana dan tanpa intervensi) dan pengaturan di kiri (tanpa "
                     "perlu Mulai ulang), dengan benih acak yang sama.",
                     "{reps} paired replications x {years} years: the status quo (no "
                     "planned transfers, no intervention) and the settings on the left (no "
                     "Reset needed), on the same random seeds."),
    "running": ("Menjalankan", "Running"),
    "runs": ("replikasi", "runs"),
    "compare_done": ("Selisih pengaturan saat ini terhadap status quo (interval 95%)",
                     "Current settings minus status quo (95% interval)"),
    "setting": ("pengaturan saat ini", "current settings"),
    "replications": ("Replikasi", "Replications"),
    "plan": ("Rencana formasi tahun-tahun ke depan", "Formasi plan for the years ahead"),
    "plan_note": ("Pengaturan saat ini dijalankan tanpa rekrutmen; per jabatan dan tahun: "
                  "pensiun / **formasi diusulkan** (PNS + PPPK) agar EJ setiap unit tetap "
                  "≤ 1,00 (seperti `plan --years`).",
                  "The current settings run without recruitment; per position and year: "
                  "retiring / **formasi proposed** (PNS + PPPK) to keep every unit's EJ at "
                  "or under 1.00 (as `plan --years`)."),
    "plan_done": ("Rencana {years} tahun ({reps} replikasi): pensiun / **formasi diusulkan** "
                  "(PNS + PPPK)",
                  "Plan of {years} years ({reps} replications): retiring / **formasi "
                  "proposed** (PNS + PPPK)"),
    "years": ("Tahun", "Years"),
    "error": ("Gagal", "Failed"),
    "few": ("Replikasi sedikit: interval lebar dan kurang andal.",
            "Few replications: wide, unreliable intervals."),
    "not_significant": ("tidak berbeda nyata", "not significant"),
    "front": ("Front pencarian kebijakan", "Policy search front"),
    "front_note": ("Kandidat yang dipertahankan oleh `search` pada skenario {scenario} "
                   "({kept}); dibandingkan dengan status quo pada replikasi yang sama.",
                   "The candidates `search` kept on the scenario {scenario} ({kept}); "
                   "against the status quo on the same replications."),
    "governments": ("pemerintah", "governments"),
    "government": ("Pemerintah", "Government"),
    "staff": ("Pegawai", "Staff"),
    "governments_title": ("Menurut pemerintah", "By government"),
    "governments_note": ("Masuk / keluar: pegawai yang pindah antarpemerintah sejak awal "
                         "simulasi.",
                         "In / out: staff moved between governments since the start."),
    "gov_in_out": ("Masuk / keluar", "In / out"),
    "unmet_short": ("Tak terpenuhi", "Unmet"),
    "remote_short": ("Terpencil terpenuhi", "Remote covered"),
    "candidate": ("Kandidat", "Candidate"),
    "use_candidate": ("Pakai pengaturan ini", "Use these settings"),
    "candidate_used": ("Pengaturan di kiri adalah kandidat ini; tekan Mulai ulang untuk "
                       "menjalankannya.",
                       "The settings on the left are this candidate's; press Reset to run "
                       "it."),
})


def words(lang: str) -> dict[str, str]:
    """The dashboard's words in `lang`."""
    return in_language(WORDS, lang)
