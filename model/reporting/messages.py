"""Error messages in Indonesian: the messages planners meet, translated whole.

Model code raises `UserError` with an English message (what, where, expected, fix);
the CLI prints it through `translate`, which rewrites a message matching one of the
whole-message templates below into Indonesian, keeping the values (file names, keys,
numbers) as they were; the structured messages of scenario validation and the
command line are translated line by line and clause by clause. A message nobody has
translated yet is printed as written (English); `test_cli` checks the messages a
planner meets first.
"""

from __future__ import annotations

import re

# (English pattern, Indonesian template); \g<name> keeps a value of the message
TEMPLATES: tuple[tuple[str, str], ...] = (
    (r"unknown scenario '(?P<name>[^']*)'\n  known scenarios: (?P<known>.*)\n"
     r"  fix: use one of these names or give the path of a YAML file",
     "skenario '\\g<name>' tidak dikenal\n  skenario yang dikenal: \\g<known>\n"
     "  perbaikan: pakai salah satu nama ini atau berikan path berkas YAML"),
    (r"scenario file not found: (?P<path>.*)\n  expected: a readable YAML file, or one of "
     r"the built-in names: (?P<known>.*)",
     "berkas skenario tidak ditemukan: \\g<path>\n  yang diharapkan: berkas YAML yang dapat "
     "dibaca, atau salah satu nama bawaan: \\g<known>"),
    (r"results folder already exists: (?P<path>.*)\n  fix: choose another --out, or add "
     r"--overwrite to replace it",
     "folder hasil sudah ada: \\g<path>\n  perbaikan: pilih --out lain, atau tambahkan "
     "--overwrite untuk menggantinya"),
    (r"--lang '(?P<lang>[^']*)': unknown language; expected one of (?P<known>.*)",
     "--lang '\\g<lang>': bahasa tidak dikenal; pilihan: \\g<known>"),
    (r"(?P<dir>.*): not a results folder \(missing (?P<files>.*)\)\n  fix: give a folder "
     r"written by `run` or `compare`",
     "\\g<dir>: bukan folder hasil (tidak ada \\g<files>)\n  perbaikan: berikan folder yang "
     "ditulis oleh `run` atau `compare`"),
    (r"(?P<dir>.*): no such folder\n  fix: give a results folder written by `run` or "
     r"`compare` \(e\.g\. (?P<eg>.*)\)",
     "\\g<dir>: folder tidak ada\n  perbaikan: berikan folder hasil yang ditulis oleh `run` "
     "atau `compare` (misalnya \\g<eg>)"),
    (r"(?P<dir>.*): not a results folder \(no timeseries\.csv\)",
     "\\g<dir>: bukan folder hasil (tidak ada timeseries.csv)"),
    (r"--set '(?P<item>[^']*)': expected path\.to\.key=value, e\.g\. (?P<eg>.*)",
     "--set '\\g<item>': yang diharapkan kunci.bertingkat=nilai, misalnya \\g<eg>"),
    (r"dashboard: cannot listen on (?P<addr>\S+) \((?P<why>.*)\)\n  fix: choose another "
     r"--port \(e\.g\. (?P<eg>.*)\) or --host",
     "dasbor: tidak dapat membuka \\g<addr> (\\g<why>)\n  perbaikan: pilih --port lain "
     "(misalnya \\g<eg>) atau --host"),
    (r"(?P<folder>.*): the folder is not empty; init-region never overwrites files\n"
     r"  fix: give a new or empty folder",
     "\\g<folder>: folder tidak kosong; init-region tidak pernah menimpa berkas\n"
     "  perbaikan: berikan folder baru atau kosong"),
    (r"nothing to sweep: give --set key=\[v1,v2\] or --grid FILE",
     "tidak ada yang divariasikan: berikan --set kunci=[v1,v2] atau --grid BERKAS"),
)

# lines of the structured messages (a header, one line per problem, the fix)
LINES: tuple[tuple[str, str], ...] = (
    (r"(?P<n>\d+) problems in scenario:", "\\g<n> masalah dalam skenario:"),
    (r"invalid scenario:", "skenario tidak valid:"),
    (r"  fix: correct the value\(s\) above; `python run_sim.py list --params` shows every "
     r"parameter with its unit and range",
     "  perbaikan: betulkan nilai di atas; `python run_sim.py list --params` menampilkan "
     "setiap parameter dengan satuan dan rentangnya"),
    (r"(?P<i>\s*)(?P<w>.*): unknown key", "\\g<i>\\g<w>: kunci tidak dikenal"),
    (r"(?P<i>\s*)known keys here: (?P<k>.*)", "\\g<i>kunci yang dikenal di sini: \\g<k>"),
    (r"(?P<i>\s*)expected: (?P<k>.*)", "\\g<i>yang diharapkan: \\g<k>"),
)

# clauses inside a line (pydantic's and ours), each a whole statement
CLAUSES: tuple[tuple[str, str], ...] = (
    (r"Input should be greater than or equal to ", "nilai harus >= "),
    (r"Input should be less than or equal to ", "nilai harus <= "),
    (r"Input should be greater than ", "nilai harus > "),
    (r"Input should be less than ", "nilai harus < "),
    (r"Input should be a valid integer, unable to parse string as an integer",
     "harus bilangan bulat"),
    (r"Input should be a valid integer, got a number with a fractional part",
     "harus bilangan bulat (tanpa pecahan)"),
    (r"Input should be a valid number, unable to parse string as a number",
     "harus berupa angka"),
    (r"Input should be a valid boolean, unable to interpret input",
     "harus true atau false"),
    (r"unknown policy; known policies: ", "kebijakan tidak dikenal; kebijakan yang dikenal: "),
    (r" \(or a custom \{module: \.\.\., class: \.\.\.\}\)",
     " (atau kebijakan sendiri {module: ..., class: ...})"),
    (r"\(top level\)", "(tingkat atas)"),
    (r"is not a policy; known policies: ", "bukan kebijakan; kebijakan yang dikenal: "),
    # the command line (argparse and the option types of cli_parser)
    (r"the following arguments are required: ", "argumen berikut wajib diisi: "),
    (r"unrecognized arguments: ", "argumen tidak dikenal: "),
    (r"invalid choice: (?P<v>'[^']*') \(choose from (?P<c>[^)]*)\)",
     "pilihan \\g<v> tidak valid (pilih dari \\g<c>)"),
    (r"expected one argument", "memerlukan satu nilai"),
    (r"(?P<what>\w+) must be a whole number >= (?P<m>\d+), got (?P<v>.*)",
     "\\g<what> harus bilangan bulat >= \\g<m>, diberikan \\g<v>"),
    (r"(?P<what>\w+) must be >= (?P<m>\d+), got (?P<v>.*)",
     "\\g<what> harus >= \\g<m>, diberikan \\g<v>"),
    (r"(?P<what>\w+) must be <= (?P<m>\d+), got (?P<v>.*)",
     "\\g<what> harus <= \\g<m>, diberikan \\g<v>"),
    (r"^argument ", "argumen "),
)

_COMPILED = [(re.compile(p, re.S), r) for p, r in TEMPLATES]
_LINES = [(re.compile(p), r) for p, r in LINES]
_CLAUSES = [(re.compile(p), r) for p, r in CLAUSES]


def translate(message: str, lang: str = "id") -> str:
    """`message` in `lang`: its Indonesian template when one matches, else as written."""
    if lang != "id":
        return message
    for pattern, replacement in _COMPILED:
        m = pattern.fullmatch(message)
        if m:
            return m.expand(replacement)
    return "\n".join(_line(line) for line in message.split("\n"))


def _line(line: str) -> str:
    """One line of a structured message: its template, else its known clauses."""
    for pattern, replacement in _LINES:
        m = pattern.fullmatch(line)
        if m:
            line = m.expand(replacement)
            break
    for pattern, replacement in _CLAUSES:
        line = pattern.sub(replacement, line)
    return line


def error_prefix(lang: str = "id") -> str:
    """The word before an error on stderr ('error' in both: planners' tools say it so)."""
    return "error"

