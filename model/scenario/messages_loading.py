"""What loading a scenario tells a planner: files, `extends:`, `--set`, every bad value.

`loading.py`, `yaml_file.py`, `levers.py` and `uncertainty.py` raise these messages;
pydantic's own complaints about a value (a bound, a number that is not one, an unknown
key) are shown through `PYDANTIC`, keyed by pydantic's error type with its context's
fields, so that both languages say them.
"""

from __future__ import annotations

from ..core.text import Catalogue, Text, words


class LoadMsg(Catalogue, area="scenario.loading"):
    """Messages of loading a scenario (keys `scenario.loading.<name>`)."""

    # ------------------------------------------------------- finding the file
    file_not_found = Text(
        "berkas skenario tidak ditemukan: {path}\n  yang diharapkan: berkas YAML yang dapat "
        "dibaca, atau salah satu nama bawaan: {known}",
        "scenario file not found: {path}\n  expected: a readable YAML file, or one of the "
        "built-in names: {known}")
    unknown_scenario = Text(
        "skenario {name} tidak dikenal\n  skenario yang dikenal: {known}\n  perbaikan: pakai "
        "salah satu nama ini atau berikan path berkas YAML",
        "unknown scenario {name}\n  known scenarios: {known}\n  fix: use one of these names "
        "or give the path of a YAML file")
    none_known = Text("(tidak ada)", "(none)")

    # -------------------------------------------------------------- extends:
    extends_cycle = Text("{path}: extends membentuk lingkaran: {chain}",
                         "{path}: extends forms a cycle: {chain}")
    extends_not_text = Text(
        "{path}:{line}: extends = {parent}: yang diharapkan nama skenario atau path berkas "
        "relatif",
        "{path}:{line}: extends = {parent}: expected a scenario name or a relative file path")
    extends_no_file = Text(
        "{path}:{line}: extends = {parent}: berkas tidak ada ({file})\n  perbaikan: path "
        "itu relatif terhadap {folder}",
        "{path}:{line}: extends = {parent}: no such file ({file})\n  fix: the path is "
        "relative to {folder}")
    extends_unknown = Text(
        "{path}:{line}: extends = {parent}: skenario tidak dikenal\n  skenario yang "
        "dikenal: {known}",
        "{path}:{line}: extends = {parent}: unknown scenario\n  known scenarios: {known}")

    # ------------------------------------------------------------------ --set
    set_form = Text("--set {item}: yang diharapkan kunci.bertingkat=nilai, misalnya {example}",
                    "--set {item}: expected path.to.key=value, e.g. {example}")
    # the tests read these two in the reader's language as they are written in English
    set_extends = Text(
        "--set {item}: extends cannot be set from the command line; write a scenario file "
        "with `extends:` instead",
        "--set {item}: extends cannot be set from the command line; write a scenario file "
        "with `extends:` instead")
    set_not_an_item = Text(
        "--set {dotted}={value}: {path} is a list of {n}; {key} is not an item number "
        "(0 to {last})",
        "--set {dotted}={value}: {path} is a list of {n}; {key} is not an item number "
        "(0 to {last})")
    override_extends = Text(
        "extends tidak dapat diubah; tulis berkas skenario dengan `extends:`",
        "extends cannot be overridden; write a scenario file with `extends:` instead")
    set_not_a_section = Text("--set {dotted}={value}: {key} adalah nilai, bukan bagian",
                             "--set {dotted}={value}: {key} is a value, not a section")

    # ------------------------------------------------- the problems of a scenario
    invalid = Text("skenario tidak valid:", "invalid scenario:")
    problems = Text("{n} masalah dalam skenario:", "{n} problems in scenario:")
    problem = Text("  {where}: {key}{value}: {what}", "  {where}: {key}{value}: {what}")
    top_level = Text("(tingkat atas)", "(top level)")
    expected = Text("    yang diharapkan: {expected}", "    expected: {expected}")
    removed = Text("    dihapus: {why}; hapus baris itu", "    removed: {why}; delete the line")
    known_keys = Text("    kunci yang dikenal di sini: {known}", "    known keys here: {known}")
    fix = Text(
        "  perbaikan: betulkan nilai di atas; `python run_sim.py list --params` menampilkan "
        "setiap parameter dengan satuan dan rentangnya",
        "  fix: correct the value(s) above; `python run_sim.py list --params` shows every "
        "parameter with its unit and range")

    # ------------------------------------------------------------ the YAML file
    cannot_read = Text("{path}: berkas tidak dapat dibaca ({why})",
                       "{path}: cannot read the file ({why})")
    not_utf8 = Text("{path}: bukan berkas teks UTF-8 (bita {byte}); simpan skenario sebagai "
                    "YAML UTF-8",
                    "{path}: not a UTF-8 text file (byte {byte}); save the scenario as UTF-8 YAML")
    at_line_column = Text(" baris {line}, kolom {column}", " line {line}, column {column}")
    at_line = Text(" baris {line}:", " line {line}:")
    broken_yaml = Text(
        "{path}:{where}: YAML rusak: {problem}\n  perbaikan: periksa indentasi, titik dua dan "
        "tanda kutip di sekitar baris itu",
        "{path}:{where}: broken YAML: {problem}\n  fix: check indentation, colons and quotes "
        "around that line")
    empty_file = Text(
        "{path}: berkas kosong\n  yang diharapkan: pemetaan YAML, mis. 'extends: default'",
        "{path}: the file is empty\n  expected: a YAML mapping, e.g. 'extends: default'")
    unreadable_value = Text(
        "{path}:{where} sebuah nilai tidak dapat dibaca: {problem}\n  perbaikan: pakai "
        "angka, teks, daftar dan pemetaan biasa (beri tanda kutip pada teks yang mirip "
        "tanggal)",
        "{path}:{where} a value cannot be read: {problem}\n  fix: use plain numbers, text, "
        "lists and mappings (quote text that looks like a date)")
    not_a_mapping = Text(
        "{path}: tingkat atas harus berupa pemetaan kunci ke nilai, diberikan {kind}",
        "{path}: the top level must be a mapping of keys to values, got {kind}")
    too_deep = Text(
        "{path}:{line}: bersarang lebih dari {n} tingkat; kunci skenario hanya beberapa "
        "tingkat (mis. policy.balancing.share)\n  perbaikan: periksa indentasi dan kurung di "
        "sekitar baris itu",
        "{path}:{line}: nested more than {n} levels deep; a scenario's keys nest a few "
        "levels (e.g. policy.balancing.share)\n  fix: check the indentation and brackets "
        "around that line")
    the_top_level = Text("tingkat atas", "the top level")
    alias = Text(
        "{path}:{line}: {key} mengulang bagian lain berkas lewat alias YAML (*nama); alias "
        "dan jangkar (&nama) tidak diizinkan dalam skenario\n  perbaikan: tulis nilainya "
        "satu per satu, atau pakai `extends:` untuk membangun dari skenario lain",
        "{path}:{line}: {key} repeats another part of the file through a YAML alias (*name); "
        "aliases and anchors (&name) are not allowed in a scenario\n  fix: write the values "
        "out, or use `extends:` to build on another scenario")
    given_twice = Text(
        "{path}:{line}: {key} ditulis dua kali (baris {first} dan {line}); YAML diam-diam "
        "hanya memakai yang terakhir\n  perbaikan: hapus salah satu baris, atau gabungkan",
        "{path}:{line}: {key} is given twice (lines {first} and {line}); YAML would silently "
        "keep only the last one\n  fix: delete one of the two lines, or merge them")

    # ------------------------------------------------- levers and uncertain inputs
    unknown_lever = Text("tuas {key} tidak dikenal; yang dikenal: {known}",
                         "unknown lever {key}; known: {known}")
    lever_choice = Text("{label} = {value}: yang diharapkan salah satu dari {known} (-: tanpa "
                        "batas)",
                        "{label} = {value}: expected one of {known} (-: no limit)")
    lever_range = Text("{label} = {value}: yang diharapkan {low:g} sampai {high:g}",
                       "{label} = {value}: expected {low:g} to {high:g}")
    not_uncertain = Text(
        "--params: {names} bukan masukan tidak pasti skenario ini\n  yang diharapkan "
        "beberapa dari: {known}\n  perbaikan: lihat daftarnya dengan `run_sim.py list "
        "--uncertain`",
        "--params: {names} is not an uncertain input of this scenario\n  expected some "
        "of: {known}\n  fix: list the uncertain inputs with `run_sim.py list --uncertain`")


# keys of earlier versions, with why they went (a results folder's scenario.yaml has them)
REMOVED = words("scenario.loading.removed", {
    "region.retiring_per_year": (
        "pensiun kini mengikuti umur yang mulus dan BUP (isu 22)",
        "retirements now follow from the smooth ages and the BUPs (issue 22)"),
})

# pydantic's own complaints, by its error type, with the fields of its context; the
# English is pydantic's message (loading checks it is, and shows pydantic's otherwise)
PYDANTIC = words("scenario.loading.pydantic", {
    "extra_forbidden": ("kunci tidak dikenal", "unknown key"),
    "missing": ("kunci wajib tidak ada", "required key is missing"),
    "greater_than_equal": ("nilai harus >= {ge}", "Input should be greater than or equal to {ge}"),
    "less_than_equal": ("nilai harus <= {le}", "Input should be less than or equal to {le}"),
    "greater_than": ("nilai harus > {gt}", "Input should be greater than {gt}"),
    "less_than": ("nilai harus < {lt}", "Input should be less than {lt}"),
    "int_parsing": ("harus bilangan bulat",
                    "Input should be a valid integer, unable to parse string as an integer"),
    "int_from_float": ("harus bilangan bulat (tanpa pecahan)",
                       "Input should be a valid integer, got a number with a fractional part"),
    "float_parsing": ("harus berupa angka",
                      "Input should be a valid number, unable to parse string as a number"),
    "bool_parsing": ("harus true atau false",
                     "Input should be a valid boolean, unable to interpret input"),
    "int_type": ("harus bilangan bulat", "Input should be a valid integer"),
    "float_type": ("harus berupa angka", "Input should be a valid number"),
    "finite_number": ("harus angka terhingga", "Input should be a finite number"),
    "string_type": ("harus berupa teks", "Input should be a valid string"),
    "dict_type": ("harus berupa pemetaan (kunci: nilai)", "Input should be a valid dictionary"),
    "list_type": ("harus berupa daftar", "Input should be a valid list"),
    "literal_error": ("harus salah satu dari: {expected}", "Input should be {expected}"),
})
