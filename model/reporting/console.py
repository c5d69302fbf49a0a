"""What the commands print on the console, in the reader's language (catalogue `console`).

The commands of `run_sim.py` print whole sentences from here (`say(Console.results_in,
lang, path=out)`), never an `if lang == "id"` branch of their own. Tables come from
`reporting.tables`; numbers are formatted by the caller (`reporting.formats`) in the
same language, since a sentence printed now has a known reader.
"""

from __future__ import annotations

import sys
from typing import Any, TextIO

from ..core.text import Catalogue, Text, render, words

ERROR_PREFIX = "error"  # before an error on stderr, in both languages (tools say it so)


class Console(Catalogue, area="console"):
    """The sentences of the commands (the results of a command, warnings, next steps)."""

    warning = Text("peringatan: {text}", "warning: {text}")
    results_in = Text("Hasil tersimpan di: {path}", "Results written to: {path}")
    report = Text("Laporan: {path}", "Report: {path}")
    figures = Text("\nGrafik:", "\nFigures:")
    interrupted = Text("dihentikan; tidak ada folder hasil yang ditulis",
                       "interrupted; no results folder was written")

    # run and compare
    summary_title = Text("Ringkasan hasil", "Summary of results")
    compare_title = Text("Perbandingan kebijakan", "Policy comparison")
    experiment_header = Text(
        "{title}: {name}, {years} tahun, {replications} replikasi (seed {seed}), {seconds} s",
        "{title}: {name}, {years} years, {replications} replications (seed {seed}), "
        "{seconds} s")
    transfers_title = Text("\nMutasi per replikasi: siapa mengusulkan, alasan, hasil",
                           "\nTransfers per run: proposed by, reason, outcome")
    paired_note = Text(
        "Selisih berpasangan (replikasi yang sama, benih acak yang sama) dengan interval "
        "95%, dibandingkan dengan {baseline}\n",
        "Paired differences (same replications, same random seeds) with 95% intervals, "
        "against {baseline}\n")

    # sweep and sensitivity
    sweep_done = Text("{n} simulasi; Hasil tersimpan di: {path}",
                      "{n} runs; Results written to: {path}")
    sensitivity_plan = Text(
        "{method}: {n_inputs} parameter, {n_samples} titik sampel x {n_policies} kebijakan "
        "x {replications} replikasi = {n_runs} simulasi",
        "{method}: {n_inputs} parameter, {n_samples} sample points x {n_policies} policies "
        "x {replications} replications = {n_runs} runs")
    sensitivity_interrupted = Text(
        "dihentikan; run yang selesai tersimpan di {path}; jalankan perintah yang sama lagi "
        "untuk melanjutkan",
        "interrupted; finished runs are kept in {path}; run the same command again to resume")
    search_plan = Text(
        "pencarian: {evaluations} kandidat x {replications} replikasi berpasangan, "
        "{levers} tuas, {objectives} sasaran, populasi {population}; ketangguhan atas "
        "{points} titik sampel",
        "search: {evaluations} candidates x {replications} paired replications, {levers} "
        "levers, {objectives} objectives, population {population}; robustness over "
        "{points} sample points")
    search_interrupted = Text(
        "dihentikan; run yang selesai tersimpan di {path}; jalankan perintah yang sama lagi "
        "untuk melanjutkan (hasilnya sama)",
        "interrupted; finished runs are kept in {path}; run the same command again to "
        "resume (with the same result)")

    # needs and calibration
    needs_header = Text(
        "Analisis kebutuhan pegawai: {region} ({scenario}), {staff} pegawai, {units} unit",
        "Staffing needs analysis: {region} ({scenario}), {staff} staff, {units} units")
    calibration_header = Text(
        "Kalibrasi status quo terhadap statistik nasional: {name}, {years} tahun, "
        "{replications} replikasi\n",
        "Calibration of the status quo against national statistics: {name}, {years} years, "
        "{replications} replications\n")
    targets_passed = Text("\n{passed}/{total} target terpenuhi", "\n{passed}/{total} targets met")

    # list --uncertain
    uncertain_source = Text(
        "sumber tiap rentang: run_sim.py list --params (atau docs/ODD.md)",
        "source of each range: run_sim.py list --params (or docs/ODD.md)")

    # validate
    fix_report = Text("laporan perbaikan: {path} ({n} baris)", "fix report: {path} ({n} rows)")
    valid_scenario = Text(
        "OK: {file} adalah skenario '{name}' yang valid ({districts} kecamatan, {kinds} jenis "
        "unit, sekitar {units} unit{scaled}; kebijakan {policy}; {years} tahun)",
        "OK: {file} is a valid scenario '{name}' ({districts} districts, {kinds} unit kinds, "
        "about {units} units{scaled}; policy {policy}; {years} years)")
    before_scaling = Text(" sebelum penskalaan target_staff", " before target_staff scaling")
    valid_governments = Text(
        "OK: {file} adalah skenario '{name}' yang valid: {n} pemerintah di {provinces} "
        "provinsi, sekitar {staff} pegawai; kebijakan {policy}; {years} tahun",
        "OK: {file} is a valid scenario '{name}': {n} governments in {provinces} "
        "provinces, about {staff} staff; policy {policy}; {years} years")
    valid_own_region = Text(
        "OK: {file} adalah skenario '{name}' yang valid dengan data daerah sendiri ({staff} "
        "pegawai, {units} unit, {agencies} dinas, {occupations} jabatan, {districts} "
        "kecamatan; kebijakan {policy}; {years} tahun)",
        "OK: {file} is a valid scenario '{name}' with its own region ({staff} staff, {units} "
        "units, {agencies} agencies, {occupations} occupations, {districts} districts; "
        "policy {policy}; {years} years)")

    # init-region
    region_written = Text("{n} berkas, {staff} pegawai, {units} unit:",
                          "{n} files, {staff} staff, {units} units:")
    region_edit_first = Text(
        "ubah dulu: description dan description_id di {path} (laporan dibuka dengan keduanya)",
        "edit first: description and description_id in {path} (the report opens with them)")
    region_next = Text("berikutnya: python run_sim.py validate {path}",
                       "next: python run_sim.py validate {path}")
    region_as_files = Text("Wilayah skenario '{name}' sebagai berkas",
                           "The region of scenario '{name}' as files")

    # plan
    plan_summary = Text(
        "Rencana mutasi {round}, {policy}: {moves} usulan, biaya {cost}, perubahan jam tak "
        "terpenuhi {change} jam/tahun",
        "Draft plan {round}, {policy}: {moves} moves, cost {cost}, change in unmet hours "
        "{change} h/year")
    plan_requests = Text(
        "  {n} permohonan pindah sendiri diperkirakan (rata-rata; bukan usulan, tanpa nama: "
        "lembar perkiraan_permohonan)",
        "  {n} own requests expected (a mean; not proposals, no names: sheet "
        "expected_requests)")

    plan_years = Text(
        "Rencana {years} tahun ({replications} replikasi tanpa rekrutmen; lembar "
        "rencana_formasi dan formasi_per_jabatan):",
        "Plan of {years} years ({replications} replications without recruitment; sheets "
        "formasi_plan and formasi_by_position):")
    plan_year = Text("  {year}: {retiring} pensiun, formasi diusulkan {proposed} (PNS {pns}, "
                     "PPPK {pppk})",
                     "  {year}: {retiring} retiring, formasi proposed {proposed} (PNS {pns}, "
                     "PPPK {pppk})")

    # evaluate
    evaluate_rows = Text(
        "Daftar {path}: {read} baris dibaca, {run} dijalankan ({overridden} dengan aturan "
        "dikecualikan), {refused} ditolak",
        "List {path}: {read} rows read, {run} run ({overridden} with a rule overridden), "
        "{refused} refused")
    evaluate_refused = Text("Baris yang ditolak (alasan lengkap: lembar baris):",
                            "Rows refused (every reason: the rows sheet):")
    evaluate_header = Text(
        "\nEvaluasi daftar, {name}: {years} tahun, {replications} replikasi berpasangan, "
        "seed {seed} ({seconds} detik); putaran {rounds}, lalu status quo",
        "\nEvaluation of the list, {name}: {years} years, {replications} paired "
        "replications, seed {seed} ({seconds} s); round {rounds}, then the status quo")
    evaluate_book = Text("Buku kerja evaluasi: {path}", "Evaluation workbook: {path}")


# the columns of `list --uncertain`
UNCERTAIN_COLUMNS = words("console.uncertain", {
    "path": ("parameter", "parameter"),
    "default": ("bawaan", "default"),
    "range": ("rentang dieksplorasi", "range explored"),
    "unit": ("satuan", "unit"),
    "label": ("keterangan", "label"),
})


def say(text: Text, lang: str, /, stream: TextIO | None = None, flush: bool = False,
        **fields: Any) -> None:
    """Print the sentence `text` in `lang` with its fields filled.

    Args:
        text: A console sentence (a `Text` of this catalogue).
        lang: The reader's language ('id' or 'en').
        stream: Where to print (standard output by default).
        flush: Flush the stream after printing (before a long computation).
        **fields: The sentence's fields.
    """
    print(text.format(lang, **fields), file=stream or sys.stdout, flush=flush)


def warn(message: Any, lang: str) -> None:
    """Print a warning (a catalogue message or a sentence) in `lang` on standard output."""
    say(Console.warning, lang, text=render(message, lang))
