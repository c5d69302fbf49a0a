"""What the parameter declarations tell a planner whose values do not fit together.

The validators of the process sections (`demography.py`, `region_params.py`, ...,
`scenario.py`) raise `ValueError(ParamMsg.<key>(...))`; loading (`loading.py`) shows
the message in the reader's language. A message that names its key starts with it
(`{where}: ...` or `region.x = ...`), so that loading finds the key's line.
"""

from __future__ import annotations

from ..core.text import Catalogue, Text, words

FIX = words("scenario.params.what", {
    "age_band": ("kelompok umur", "age band"),
    "service_band": ("kelompok masa kerja", "service band"),
    "agency": ("dinas", "agency"),
    "occupation": ("jabatan", "occupation"),
    "imported_occupations": (" (jabatan daerah yang diimpor berasal dari berkas jabatannya)",
                             " (an imported region's occupations come from its occupations "
                             "file)"),
})


class ParamMsg(Catalogue, area="scenario.params"):
    """Messages of the parameter validators (keys `scenario.params.<name>`)."""

    # ------------------------------------------------------------------ region
    staff_empty = Text("staff harus memetakan sedikitnya satu jabatan ke angka >= 0",
                       "staff must map at least one role to a number >= 0")
    too_many_units = Text(
        "region: unit_kinds menghasilkan {units:,} unit (setelah penskalaan target_staff); "
        "batasnya {limit:,} (lebih dari seluruh sekolah, puskesmas dan kantor di Indonesia). "
        "Kurangi jumlahnya, atau pegawai per unit jika target_staff memperbesar jumlah unit",
        "region: unit_kinds describe {units:,} units (after target_staff scaling); the limit "
        "is {limit:,} (more than all schools, puskesmas and offices of Indonesia). Lower the "
        "counts, or the staff per unit if target_staff scales the counts up")
    too_many_staff = Text(
        "region: unit_kinds menghasilkan hingga {staff:,.0f} pegawai; batasnya {limit:,} "
        "(lebih dari dua kali seluruh ASN Indonesia, sekitar 5 GB memori). Kurangi jumlah "
        "unit, pegawai per unit atau faktor kepegawaian, atau pakai region.target_staff "
        "yang lebih kecil",
        "region: unit_kinds describe up to {staff:,.0f} staff; the limit is {limit:,} (more "
        "than twice all ASN of Indonesia, about 5 GB of memory). Lower the counts, the staff "
        "per unit or the staffing factors, or set a smaller region.target_staff")
    band_form = Text("{what} {band} harus berbentuk '20-30'",
                     "{what} {band} must look like '20-30'")
    band_range = Text("{what} {band} harus memenuhi {low} <= lo <= hi <= {high}",
                      "{what} {band} must satisfy {low} <= lo <= hi <= {high}")
    shares_sum_got = Text("bagian {key} harus berjumlah 1 (diberikan {total})",
                          "{key} shares must sum to 1 (got {total})")
    shares_sum = Text("bagian {key} harus berjumlah 1", "{key} shares must sum to 1")
    entry_ages = Text("entry_age_min = {low} harus di bawah entry_age_max = {high}",
                      "entry_age_min = {low} must be below entry_age_max = {high}")
    files_missing = Text(
        "region: daerah yang diimpor memerlukan berkas employees, units dan workload; "
        "{missing} tidak diberikan (`python run_sim.py init-region DIR` menulis contoh "
        "ketiganya)",
        "region: an imported region needs the files employees, units and workload; "
        "{missing} not given (`python run_sim.py init-region DIR` writes examples of all "
        "three)")
    kinds_and_files = Text(
        "region: unit_kinds menggambarkan daerah sintetis, tetapi berkas daerah sendiri juga "
        "diberikan; hapus unit_kinds (atau berkasnya)",
        "region: unit_kinds describe a synthetic region, but the region's own files are "
        "given too; remove unit_kinds (or the files)")
    synthetic_needs = Text(
        "region: daerah sintetis memerlukan districts dan unit_kinds (atau berikan berkas "
        "daerah sendiri: employees, units, workload)",
        "region: a synthetic region needs districts and unit_kinds (or give the region's own "
        "files: employees, units, workload)")
    no_staff = Text(
        "unit_kinds: tidak ada jenis unit dengan count > 0 dan staff > 0 sekaligus; daerah "
        "tidak akan punya pegawai",
        "unit_kinds: no unit kind has both count > 0 and staff > 0; the region would have no "
        "staff")
    bands_gap = Text(
        "age_bands {a} dan {b} melewatkan umur {gap}: setiap kelompok harus mulai setahun "
        "setelah kelompok sebelumnya (mis. {example})",
        "age_bands {a} and {b} leave ages {gap} out: each band must start the year after the "
        "one before (e.g. {example})")
    bands_overlap = Text(
        "age_bands {a} dan {b} tumpang tindih: setiap kelompok harus mulai setahun setelah "
        "kelompok sebelumnya (mis. {example})",
        "age_bands {a} and {b} overlap: each band must start the year after the one before "
        "(e.g. {example})")
    target_off = Text(
        "region.target_staff = {target:,}: jenis unit menghasilkan sekitar {got:,.0f} pegawai, "
        "selisih lebih dari 2 % ({why}); untuk target itu, pakai paling sedikit "
        "{least:,.0f} atau ubah jumlah unit per jenis",
        "region.target_staff = {target:,}: the unit kinds scale to about {got:,.0f} staff, "
        "more than 2 % off ({why}); for the target, set at least {least:,.0f} or change the "
        "unit kinds' counts")
    target_one_each = Text(
        "satu unit dari setiap jenis sudah berisi sekitar {smallest:,.0f} pegawai",
        "one unit of every kind already holds about {smallest:,.0f} staff")
    target_whole = Text(
        "jumlah unit bilangan bulat dan beberapa jenis punya sedikit unit besar",
        "unit counts are whole numbers and some kinds have few, large units")

    # ------------------------------------------------------- process sections
    recruit_ages = Text("age_min ({low}) harus <= age_max ({high})",
                        "age_min ({low}) must be <= age_max ({high})")
    ej_order = Text("ej_thresholds harus A > B > C > D > 0", "ej_thresholds need A > B > C > D > 0")
    compat_key = Text("kunci compatibility {pair} harus berbentuk 'occupation>role'",
                      "compatibility key {pair} must be 'occupation>role'")
    compat_factor = Text("compatibility[{pair}] = {factor}: harus dalam (0, 1]",
                         "compatibility[{pair}] = {factor}: must be in (0, 1]")
    request_shares = Text("to_home + to_urban + to_easier harus berjumlah 1",
                          "to_home + to_urban + to_easier must sum to 1")
    round_months = Text("months harus bulan kalender 1-12, diberikan {bad}",
                        "months must be calendar months 1-12, got {bad}")
    bands_ascending = Text("{name} harus naik dan lebih dari 0, diberikan {bad}",
                           "{name} must rise and be above 0, got {bad}")

    # ---------------------------------------------------- across the sections
    no_policy = Text(
        "policy: daftarnya kosong; sebutkan sedikitnya satu kebijakan (mis. none)",
        "policy: the list is empty; name at least one policy (e.g. none)")
    # the tests read the count in the reader's language as it is written in English
    too_many_policies = Text("policy: {n} policies composed; at most {most} can be",
                             "policy: {n} policies composed; at most {most} can be")
    unknown_policy = Text(
        "policy = {entry}: kebijakan tidak dikenal; kebijakan yang dikenal: {known} (atau "
        "kebijakan sendiri {{module: ..., class: ...}})",
        "policy = {entry}: unknown policy; known policies: {known} (or a custom "
        "{{module: ..., class: ...}})")
    compare_not_policy = Text("compare: {name} bukan kebijakan; kebijakan yang dikenal: {known}",
                              "compare: {name} is not a policy; known policies: {known}")
    optimal_no_budget = Text(
        "kebijakan optimal dengan anggaran mutasi tahunan 0 "
        "(mutation.constraints.max_moves_per_year atau budget_idr_per_year): masalah "
        "transportasi tidak punya apa pun untuk dipindahkan dan tidak layak; naikkan "
        "anggarannya atau pakai kebijakan none",
        "policy optimal with a yearly move budget of 0 "
        "(mutation.constraints.max_moves_per_year or budget_idr_per_year): the "
        "transportation problem has nothing to move and is infeasible; raise the "
        "budget or use policy none")
    recruits_past_bup = Text(
        "recruitment.age_max = {age_max} harus di bawah batas usia pensiun terendah "
        "({bup}, demography.retirement_age): rekrutan akan masuk setelah melewati BUP-nya",
        "recruitment.age_max = {age_max} must be below the lowest retirement age ({bup}, "
        "demography.retirement_age): recruits would join past their BUP")
    bands_above_bup = Text(
        "region.age_bands mulai pada {first}, di atas batas usia pensiun terendah ({bup}): "
        "pegawai dengan BUP itu bisa tidak punya umur; tambahkan kelompok yang lebih muda "
        "atau naikkan demography.retirement_age",
        "region.age_bands start at {first}, above the lowest retirement age ({bup}): staff "
        "with that BUP could have no age; add a younger band or raise "
        "demography.retirement_age")
    entry_above_bands = Text(
        "region.entry_age_min = {entry} di atas kelompok umur termuda ({first}): pegawai "
        "termuda tidak mungkin sudah diangkat",
        "region.entry_age_min = {entry} is above the youngest age band ({first}): the "
        "youngest staff could not have been appointed")
    service_from_zero = Text(
        "region.service_bands harus mulai pada 0 tahun (pegawai yang diangkat dalam setahun "
        "terakhir punya masa kerja kurang dari setahun)",
        "region.service_bands must start at 0 years (staff appointed in the last year have "
        "less than one year of service)")
    events_swing = Text(
        "demand.events: faktor-faktornya berlipat menjadi {swing:.3g}; kebutuhan paling "
        "banyak berubah sejuta kali lipat selama satu run (hasil kali antara 1e-6 dan 1e6)",
        "demand.events: the factors multiply to {swing:.3g}; need can change by at most a "
        "factor of a million over a run (product between 1e-6 and 1e6)")
    not_a_kind = Text(
        "{where}: unit_kind = {kind} bukan jenis unit daerah ini; yang dikenal: {known}",
        "{where}: unit_kind = {kind} is not a unit kind of the region; known: {known}")
    not_a_name = Text("{where}: {name} bukan {what} daerah ini; yang dikenal: {known}{note}",
                      "{where}: {name} is not an {what} of the region; known: {known}{note}")
