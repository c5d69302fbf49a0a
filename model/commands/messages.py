"""The errors the commands raise themselves (catalogue `commands`)."""

from __future__ import annotations

from ..core.text import Catalogue, Text


class CommandMsg(Catalogue, area="commands"):
    """What a command refuses, in the reader's language."""

    unknown_lang = Text("--lang {given!r}: bahasa tidak dikenal; pilihan: {known}",
                        "--lang {given!r}: unknown language; expected one of {known}")
    cannot_write = Text("{option} {path}: tidak dapat ditulis ({why})",
                        "{option} {path}: cannot write ({why})")
    nothing_to_sweep = Text(
        "tidak ada yang divariasikan: berikan --set kunci=[v1,v2] atau --grid BERKAS",
        "nothing to sweep: give --set key=[v1,v2] or --grid FILE")
    not_results_folder = Text(
        "{dir}: bukan folder hasil (tidak ada timeseries.parquet atau .csv, atau tidak ada "
        "summary.csv)",
        "{dir}: not a results folder (no timeseries.parquet or .csv, or no summary.csv)")
    no_such_folder = Text(
        "{dir}: folder tidak ada\n  perbaikan: berikan folder hasil yang ditulis oleh `run` "
        "atau `compare` (misalnya results/default-compare-...)",
        "{dir}: no such folder\n  fix: give a results folder written by `run` or `compare` "
        "(e.g. results/default-compare-...)")
    region_problems = Text(
        "{file}: {n:,} masalah dalam berkas daerah; betulkan (lihat di atas) lalu validasi "
        "lagi",
        "{file}: {n:,} problems in the region's files; correct them (see above) and "
        "validate again")
    jobs_with_governments = Text(
        "--jobs {jobs} tidak dipakai untuk skenario beberapa pemerintah: replikasi berjalan "
        "satu per satu, masing-masing di {shards} shard (proses); pakai --shards untuk "
        "memakai lebih banyak inti",
        "--jobs {jobs} is not used for a scenario of several governments: replications run "
        "one after another, each on {shards} shards (processes); use --shards to use more "
        "cores")
