"""What the experiments tell a planner: each message in Indonesian and English side by side.

Raised by key with named fields (`UserError(ExpMsg.sobol_n(n=6, below=4, above=8))`) from
the sensitivity study, the sweep, the calibration and the experiment's checks, and
rendered in the reader's language by the command line or the dashboard.
"""

from __future__ import annotations

from ..core.text import Catalogue, Text

_FIX_OVERWRITE = ("\n  perbaikan: jalankan lagi dengan --overwrite",
                  "\n  fix: run it again with --overwrite")


class ExpMsg(Catalogue, area="experiments"):
    """Messages of the experiments (keys `experiments.<name>`)."""

    # the options of an experiment (`compare`, `sweep`, `sensitivity`, ...)
    not_a_choice = Text("{option} {value!r}: tidak dikenal; pilihan: {known}",
                        "{option} {value!r}: expected one of {known}")
    no_policy = Text("tidak ada kebijakan yang dibandingkan; berikan mis. "
                     "--policies none,balancing",
                     "no policy to compare; give e.g. --policies none,balancing")
    replications = Text("replications = {n}: harus >= 1", "replications = {n}: must be >= 1")
    same_policy_twice = Text(
        "--policies: {first!r} dan {second!r} adalah kebijakan yang sama ({label}); "
        "cantumkan sekali saja",
        "--policies: {first!r} and {second!r} are the same policy ({label}); list it once")
    baseline_not_compared = Text(
        "--baseline {baseline!r} bukan salah satu kebijakan yang dibandingkan: {policies}",
        "--baseline {baseline!r} is not one of the policies compared: {policies}")
    # the sweep
    grid_unreadable = Text("--grid {path}: tidak dapat dibaca ({why})",
                           "--grid {path}: cannot read it ({why})")
    grid_not_mapping = Text(
        "--grid {path}: yang diharapkan pemetaan kunci ke daftar yang tidak kosong, mis. "
        "recruitment.replacement_rate: [0.6, 0.8, 1.0]",
        "--grid {path}: expected a mapping of keys to non-empty lists, "
        "e.g. recruitment.replacement_rate: [0.6, 0.8, 1.0]")
    sweep_policy_axis = Text(
        "variasi atas {key!r}: berikan kebijakan dengan --policies (setiap run "
        "membandingkannya), bukan sebagai sumbu variasi",
        "sweep over {key!r}: give the policies with --policies (each run compares them), "
        "not as a sweep axis")
    sweep_axis_empty = Text("sumbu variasi {key!r} tidak punya nilai; berikan mis. {key}=[a,b]",
                            "sweep axis {key!r} has no values; give e.g. {key}=[a,b]")
    sweep_skipped = Text("[{i}/{n}] {combo}: sudah dijalankan sebelumnya, dilewati",
                         "[{i}/{n}] {combo}: done before, skipped")
    # the sensitivity study
    outcome_not_metric = Text(
        "--outcome {outcome!r}: bukan indikator\n  yang diharapkan salah satu dari: "
        "unmet_share, {known}",
        "--outcome {outcome!r}: not a metric\n  expected one of: unmet_share, {known}")
    params_too_few = Text(
        "--params: berikan sedikitnya dua masukan tidak pasti (analisis sensitivitas "
        "membandingkan masukan satu sama lain)",
        "--params: give at least two uncertain inputs (a sensitivity analysis ranks inputs "
        "against each other)")
    morris_n = Text("-n {n}: Morris memerlukan sedikitnya 2 lintasan (biasanya 10 sampai 50)",
                    "-n {n}: Morris needs at least 2 trajectories (10 to 50 is usual)")
    sobol_n = Text(
        "-n {n}: sampel dasar Sobol harus perpangkatan 2 (konvergensinya bergantung "
        "padanya)\n  perbaikan: pakai -n {below} atau -n {above}",
        "-n {n}: Sobol's base sample must be a power of 2 (its convergence depends on it)"
        "\n  fix: use -n {below} or -n {above}")
    out_not_study = Text(
        "--out {out}: folder sudah ada dan bukan studi sensitivitas\n  perbaikan: pilih "
        "--out lain",
        "--out {out}: the folder exists and is not a sensitivity study\n  fix: choose "
        "another --out")
    out_other_settings = Text(
        "--out {out}: berisi studi dengan pengaturan lain ({changed} berbeda); run-nya "
        "tidak dapat dicampur\n  perbaikan: pilih --out lain, atau tambahkan --overwrite",
        "--out {out}: holds a study with other settings ({changed} differ); its runs "
        "cannot be mixed in\n  fix: choose another --out, or add --overwrite")
    study_incomplete = Text(
        "studi belum lengkap ({missing} run belum ada)\n  perbaikan: jalankan perintah yang "
        "sama lagi untuk melanjutkannya",
        "the study is not complete ({missing} runs missing)\n  fix: run the same command "
        "again to resume it")
    outcome_not_number = Text(
        "indikator {outcome} bukan angka di sebagian titik sampel ({kind} of {policy}); "
        "pilih --outcome lain",
        "the outcome {outcome} is not a number at some sample points ({kind} of {policy}); "
        "choose another --outcome")
    runs_unreadable = Text(
        "{path}: run studi tidak dapat dibaca ({why})" + _FIX_OVERWRITE[0],
        "{path}: the runs of the study cannot be read ({why})" + _FIX_OVERWRITE[1])
    runs_other_version = Text(
        "{path}: bukan berkas run studi versi ini" + _FIX_OVERWRITE[0],
        "{path}: not the runs file of this version's studies" + _FIX_OVERWRITE[1])
    # the benchmark (`bench`)
    reference_missing = Text(
        "referensi tidak ditemukan: {path}\n  perbaikan: clone dengan ../shared di samping "
        "proyek, atau berikan --reference PATH",
        "reference not found: {path}\n  fix: clone with ../shared beside the project, or "
        "pass --reference PATH")
    sizes_not_numbers = Text("--sizes {sizes!r}: yang diharapkan angka seperti 10000,100000",
                             "--sizes {sizes!r}: expected numbers like 10000,100000")
    sizes_too_small = Text("--sizes {sizes!r}: setiap ukuran harus >= 100 pegawai",
                           "--sizes {sizes!r}: each size must be >= 100 employees")
    # the calibration targets (`calibration`)
    targets_unreadable = Text("berkas target {path}: tidak dapat dibaca ({why})",
                              "targets file {path}: cannot read ({why})")
    targets_not_yaml = Text("berkas target {path}: bukan YAML yang valid ({why})",
                            "targets file {path}: not valid YAML ({why})")
    targets_not_list = Text(
        "berkas target {path}: yang diharapkan daftar target (- key: ..., measure: ..., "
        "value: ..., tolerance: ..., source: ...)",
        "targets file {path}: expected a list of targets "
        "(- key: ..., measure: ..., value: ..., tolerance: ..., source: ...)")
    targets_problems = Text("berkas target {path}: {n} masalah\n  {problems}",
                            "targets file {path}: {n} problem(s)\n  {problems}")
    target_where = Text("target {i} ({name})", "target {i} ({name})")
    target_problem = Text("{where}: {problem}", "{where}: {problem}")
    target_field = Text("{where}: {loc}: {why}", "{where}: {loc}: {why}")
    target_entry = Text("entri", "entry")
    target_key_twice = Text("{where}: key {key!r} ditulis dua kali",
                            "{where}: key {key!r} is given twice")
    measure_unknown = Text("{where}: measure {measure!r} tidak dikenal; yang dikenal: {known}",
                           "{where}: measure {measure!r} is unknown; known: {known}")
    args_do_not_fit = Text(
        "{where}: args {args} tidak cocok dengan measure {measure!r} (argumennya: {params})",
        "{where}: args {args} do not fit measure {measure!r} (its arguments: {params})")
    no_arguments = Text("tidak ada", "none")
    arg_not_metric = Text(
        "args.{name} = {value!r} bukan indikator (lihat `run_sim.py list`)",
        "args.{name} = {value!r} is not a metric (see `run_sim.py list`)")
    arg_not_whole = Text("args.{name} = {value!r}: yang diharapkan bilangan bulat >= 0",
                         "args.{name} = {value!r}: expected a whole number >= 0")
    arg_low_above_high = Text("args: low {low} lebih besar dari high {high}",
                              "args: low {low} is above high {high}")
    arg_years_order = Text("args: yang diharapkan 1 <= first_year <= last_year",
                           "args: expected 1 <= first_year <= last_year")
    arg_at_least_1 = Text("args.{name} harus paling sedikit 1",
                          "args.{name} must be at least 1")
    measure_failed = Text(
        "target {key!r}: measure {measure}({args}) gagal ({kind}: {why}); periksa args-nya",
        "target {key!r}: measure {measure}({args}) failed ({kind}: {why}); check its args")
    measure_not_finite = Text(
        "target {key!r}: measure {measure}({args}) bukan angka terhingga di daerah ini "
        "(kelompok kosong?); periksa args-nya",
        "target {key!r}: measure {measure}({args}) is not a finite number on this region "
        "(an empty band?); check its args")
    years_too_few = Text(
        "--years {years}: target membaca status quo sampai tahun {needed}; jalankan "
        "sedikitnya {needed} tahun",
        "--years {years}: the targets read the status quo up to year {needed}; run at "
        "least {needed} years")
