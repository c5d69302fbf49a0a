"""What a policy search (`run_sim.py search`) tells a planner: each message in both languages."""

from __future__ import annotations

from ..core.text import Catalogue, Text


class SearchMsg(Catalogue, area="experiments.search"):
    """Messages of the policy search (keys `experiments.search.<name>`)."""

    unknown_lever = Text(
        "--levers: tuas {lever!r} tidak dikenal; tuas yang ada: {known}",
        "--levers: lever {lever!r} is not known; the levers are: {known}")
    no_lever = Text("--levers: tidak ada tuas yang divariasikan; pilih dari: {known}",
                    "--levers: no lever to vary; choose from: {known}")
    range_form = Text(
        "--range {spec!r}: yang diharapkan TUAS=RENDAH:TINGGI, mis. share_per_round=0.01:0.05",
        "--range {spec!r}: expected LEVER=LOW:HIGH, e.g. share_per_round=0.01:0.05")
    range_not_searched = Text(
        "--range {lever}: bukan tuas angka yang dicari (yang dicari: {numbers})\n  "
        "perbaikan: tambahkan tuas itu ke --levers, atau hapus --range-nya",
        "--range {lever}: not a number lever being searched (searched: {numbers})\n  fix: "
        "add the lever to --levers, or drop its --range")
    range_outside = Text(
        "--range {lever}: {low:g}..{high:g} tidak berada di dalam rentang yang dideklarasikan "
        "{declared_low:g}..{declared_high:g}\n  perbaikan: pilih rentang di dalamnya",
        "--range {lever}: {low:g}..{high:g} is not inside the declared range "
        "{declared_low:g}..{declared_high:g}\n  fix: choose a range inside it")
    range_no_step = Text(
        "--range {lever}: {low:g}..{high:g} tidak memuat satu pun nilai dengan langkah "
        "{step:g}\n  perbaikan: lebarkan rentangnya",
        "--range {lever}: {low:g}..{high:g} holds no value on the lever's steps of {step:g}"
        "\n  fix: widen the range")
    unknown_policy = Text(
        "--policies: kebijakan {policy!r} tidak dikenal; yang ada: {known}",
        "--policies: policy {policy!r} is not known; the policies are: {known}")
    composition = Text(
        "--policies: {policy!r}: gabungan a+b memuat kebijakan yang berbeda, tanpa none",
        "--policies: {policy!r}: a composition a+b holds different policies, without none")
    policy_twice = Text("--policies: sebuah kebijakan tercantum dua kali ({policies})",
                        "--policies: a policy is listed twice ({policies})")
    unknown_objective = Text(
        "--objectives: {objective!r} bukan metrik; yang ada: {known}",
        "--objectives: {objective!r} is not a metric; the metrics are: {known}")
    objective_sense = Text(
        "--objectives: {objective!r}: arah ditulis :min atau :max, mis. p_unmet:min",
        "--objectives: {objective!r}: a direction is written :min or :max, e.g. p_unmet:min")
    objective_twice = Text("--objectives: {objective} tercantum dua kali",
                           "--objectives: {objective} is listed twice")
    no_objective = Text("--objectives: berikan setidaknya satu metrik",
                        "--objectives: give at least one metric")
    threshold_form = Text(
        "--threshold {threshold!r}: yang diharapkan METRIK<=NILAI atau METRIK>=NILAI, mis. "
        "p_unmet<=0.08",
        "--threshold {threshold!r}: expected METRIC<=VALUE or METRIC>=VALUE, e.g. "
        "p_unmet<=0.08")
    threshold_metric = Text(
        "--threshold {threshold!r}: {metric!r} bukan metrik; yang ada: {known}",
        "--threshold {threshold!r}: {metric!r} is not a metric; the metrics are: {known}")
    evaluations_too_few = Text(
        "--evaluations {n}: pencarian memerlukan setidaknya {least} evaluasi",
        "--evaluations {n}: a search needs at least {least} evaluations")
    final_too_few = Text(
        "--final-replications {final}: harus setidaknya --replications ({replications})",
        "--final-replications {final}: must be at least --replications ({replications})")
    no_uncertain = Text(
        "--robustness {n}: tidak ada input tidak pasti yang tersisa (lihat list --uncertain; "
        "input yang juga tuas yang dicari tidak ikut); jalankan dengan --robustness 0",
        "--robustness {n}: no uncertain input is left (see list --uncertain; an input "
        "that is also a searched lever is left out); run it with --robustness 0")
    out_not_search = Text(
        "--out {out}: folder ini berisi hal lain, bukan pencarian kebijakan\n  perbaikan: "
        "pilih folder lain atau jalankan dengan --overwrite",
        "--out {out}: this folder holds something else, not a policy search\n  fix: choose "
        "another folder or run with --overwrite")
    out_other_settings = Text(
        "--out {out}: pencarian di folder ini memakai pengaturan lain ({changed})\n  "
        "perbaikan: pakai pengaturan yang sama untuk melanjutkan, folder lain, atau "
        "--overwrite",
        "--out {out}: the search in this folder used other settings ({changed})\n  fix: use "
        "the same settings to resume, another folder, or --overwrite")
    store_unreadable = Text(
        "{path}: catatan evaluasi tidak dapat dibaca ({why})\n  perbaikan: jalankan dengan "
        "--overwrite untuk memulai lagi",
        "{path}: the record of evaluations cannot be read ({why})\n  fix: run with "
        "--overwrite to start again")
    front_unreadable = Text(
        "{path}: bukan front.csv dari run_sim.py search ({why})",
        "{path}: not a front.csv of run_sim.py search ({why})")
    unpriced_hiring = Text(
        "tuas kuota rekrutmen dicari, tetapi model tidak menghitung gaji: merekrut lebih "
        "banyak tampak gratis terhadap biaya total\n  perbaikan: tambahkan new_recruits ke "
        "--objectives, atau keluarkan replacement_rate dari --levers",
        "the recruitment rate is searched but the model prices no salaries: hiring more "
        "looks free against the total cost\n  fix: add new_recruits to --objectives, or "
        "leave replacement_rate out of --levers")
    front_other_scenario = Text(
        "front ini dari pencarian pada skenario {front}, bukan {scenario}: angka-angkanya "
        "milik skenario itu",
        "this front is of a search on the scenario {front}, not {scenario}: its numbers "
        "are that scenario's")
