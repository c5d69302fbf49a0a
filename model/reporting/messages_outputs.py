"""What the output writers tell a planner (results folders, `init-region`), in both languages.

Raised by key with named fields from `reporting.outputs` and `reporting.region_files`;
the command line renders them in the reader's language.
"""

from __future__ import annotations

from ..core.text import Catalogue, Text


class OutputMsg(Catalogue, area="reporting.outputs"):
    """Messages of the output writers (keys `reporting.outputs.<name>`)."""

    # a results folder (`outputs`)
    results_exist = Text(
        "folder hasil sudah ada: {out}\n  perbaikan: pilih --out lain, atau tambahkan "
        "--overwrite untuk menggantinya",
        "results folder already exists: {out}\n  fix: choose another --out, or add "
        "--overwrite to replace it")
    out_not_folder = Text("--out {out}: sudah ada dan bukan folder",
                          "--out {out}: exists and is not a folder")
    out_cannot_create = Text("--out {out}: folder {parent} tidak dapat dibuat ({why})",
                             "--out {out}: cannot create the folder {parent} ({why})")
    out_not_writable = Text("--out {out}: folder {parent} tidak dapat ditulisi",
                            "--out {out}: the folder {parent} is not writable")
    # a region's files (`region_files`, `init-region`)
    folder_not_empty = Text(
        "{folder}: folder tidak kosong; init-region tidak pernah menimpa berkas\n"
        "  perbaikan: berikan folder baru atau kosong",
        "{folder}: the folder is not empty; init-region never overwrites files\n"
        "  fix: give a new or empty folder")
    # the description `init-region` writes, which the planner must replace
    placeholder = Text(
        "[UBAH DESKRIPSI INI] Tuliskan daerah Anda: nama, jumlah pegawai dan unit dalam "
        "berkas ini, dinas yang dimuat, sumber data (mis. SIASN) dan tanggalnya.",
        "[EDIT THIS DESCRIPTION] Describe your region: its name, the staff and units in "
        "these files, the agencies included, the data source (e.g. SIASN) and its date.")
    placeholder_warning = Text(
        "deskripsi skenario {where}masih teks contoh dari `init-region`; ubah "
        "`description_id` (dan `description`) menjadi deskripsi daerah Anda: laporan dibuka "
        "dengan teks itu",
        "the scenario's description {where}is still the example text of `init-region`; "
        "replace `description` (and `description_id`) with your region's: the report opens "
        "with it")
    in_file = Text("di {file} ", "in {file} ")
    competence_meaning = Text("kompetensi 0-1 per rumpun jabatan (bila kosong: diundi)",
                              "competence 0-1 per occupation family (drawn when empty)")
