"""What a planner is told when the governments of a scenario do not fit together.

Raised by `governments.py` (the section's checks) and `model.governments` (resolving
each government's region, shards, policies between governments).
"""

from __future__ import annotations

from ..core.text import Catalogue, Text


class GovMsg(Catalogue, area="scenario.governments"):
    """Messages about governments (keys `scenario.governments.<name>`)."""

    same_name = Text(
        "governments.members.{i}: nama {name} sudah dipakai pemerintah lain; setiap "
        "pemerintah perlu nama yang unik",
        "governments.members.{i}: the name {name} is taken by another government; every "
        "government needs a name of its own")
    setting_for_all = Text(
        "governments: settings {name} memuat {keys}, yang berlaku untuk seluruh skenario "
        "(satu jam, satu horizon, satu seed). Pindahkan ke tingkat atas skenario",
        "governments: the settings of {name} hold {keys}, which apply to the whole scenario "
        "(one clock, one horizon, one seed). Move them to the scenario's top level")
    two_provinces = Text(
        "governments: provinsi {province} punya lebih dari satu pemerintah provinsi "
        "({names}); satu provinsi, satu pemerintah provinsi (kind: province)",
        "governments: province {province} has more than one province government ({names}); "
        "a province has one (kind: province)")
    no_province = Text(
        "governments: {name} termasuk provinsi {province}, tetapi tidak ada pemerintah "
        "provinsi dengan nama provinsi itu (provinsi yang ada: {known}). Tambahkan anggota "
        "dengan kind: province dan province: {province}, atau perbaiki province",
        "governments: {name} belongs to province {province}, but no province government "
        "names that province (provinces: {known}). Add a member with kind: province and "
        "province: {province}, or correct the province")
    member_invalid = Text(
        "governments.members.{i}.settings: pengaturan pemerintah {name} tidak berlaku:\n"
        "{problem}",
        "governments.members.{i}.settings: the settings of government {name} do not "
        "hold:\n{problem}")
    families_differ = Text(
        "governments: pemerintah {name} memakai jabatan | rumpun kompetensi {got}, "
        "sedangkan {first} memakai {expected}. Pegawai yang pindah antarpemerintah "
        "membawa jabatan dan kompetensinya, jadi semua pemerintah perlu daftar jabatan "
        "dan rumpun yang sama (berkas occupations yang sama)",
        "governments: government {name} uses the occupations | competence families "
        "{got}, while {first} uses {expected}. People moving between governments carry "
        "their occupation and competences, so every government needs the same "
        "occupations and families (the same occupations file)")
    not_governments = Text(
        "{what} hanya berlaku untuk skenario dengan beberapa pemerintah (bagian "
        "governments); {scenario} adalah satu pemerintah. Pakai skenario seperti "
        "provinsi_contoh atau indonesia",
        "{what} applies only to a scenario of several governments (a governments section); "
        "{scenario} is one government. Use a scenario such as provinsi_contoh or indonesia")
    too_many_shards = Text(
        "--shards {shards}: skenario ini hanya punya {n} pemerintah; shard tidak dapat "
        "lebih banyak dari pemerintah. Pakai --shards {n} atau kurang",
        "--shards {shards}: this scenario has only {n} governments; there cannot be more "
        "shards than governments. Use --shards {n} or fewer")
    shards_positive = Text(
        "--shards {shards}: jumlah shard harus bilangan bulat 1 atau lebih",
        "--shards {shards}: the number of shards must be a whole number of 1 or more")
    redistribution_roles = Text(
        "governments.redistribution.occupations: {names} bukan jabatan wilayah ini "
        "(jabatan yang ada: {known})",
        "governments.redistribution.occupations: {names} are not occupations of the region "
        "(its occupations: {known})")
    shard_died = Text(
        "shard {shard} dari {n} berhenti mendadak (kode keluar {code}), biasanya karena "
        "memori habis. Perbaiki: jalankan dengan --shards lebih banyak di mesin dengan "
        "memori lebih besar, atau di klaster (--executor dask --scheduler ...)",
        "shard {shard} of {n} stopped unexpectedly (exit code {code}), usually for lack "
        "of memory. Fix: run with more --shards on a machine with more memory, or on a "
        "cluster (--executor dask --scheduler ...)")
    planned_unknown = Text(
        "governments.round.planned.{i}.{side}: {name} bukan pemerintah dalam skenario ini "
        "(pemerintah: {known}). Perbaiki namanya persis seperti di governments.members",
        "governments.round.planned.{i}.{side}: {name} is not a government of this scenario "
        "(governments: {known}). Write the name exactly as in governments.members")
    planned_same = Text(
        "governments.round.planned.{i}: dari dan ke pemerintah yang sama ({name}); mutasi "
        "di dalam satu pemerintah adalah putaran pemerintah itu sendiri",
        "governments.round.planned.{i}: from and to the same government ({name}); moves "
        "within one government are that government's own rounds")
    planned_role = Text(
        "governments.round.planned.{i}.role: {role} bukan jabatan wilayah ini (jabatan: "
        "{known})",
        "governments.round.planned.{i}.role: {role} is not an occupation of the region "
        "(occupations: {known})")
    planned_year = Text(
        "governments.round.planned.{i}.year: {year} di luar horizon simulasi "
        "({first}-{last})",
        "governments.round.planned.{i}.year: {year} is outside the simulated years "
        "({first}-{last})")
    own_files_unusable = Text(
        "berkas daerah para pemerintah tidak cocok satu sama lain ({n} masalah)",
        "the governments' own files do not fit together ({n} problems)")
