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

from .text import render

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
    # the draft plan (`plan`)
    (r"plan: the scenario holds no mutation round within its horizon \(mutation\.months, "
     r"years\)", "plan: skenario tidak memuat putaran mutasi dalam horizonnya "
     "(mutation.months, years)"),
    (r"--round (?P<w>.*?): expected YYYY-MM, e\.g\. (?P<e>\S+)",
     "--round \\g<w>: format YYYY-MM, mis. \\g<e>"),
    (r"--round (?P<w>\S+): no mutation round that month; rounds are held in months "
     r"(?P<m>\[.*?\]) from (?P<y>\d+): (?P<s>.*)",
     "--round \\g<w>: tidak ada putaran mutasi pada bulan itu; putaran diadakan pada bulan "
     "\\g<m> sejak \\g<y>: \\g<s>"),
    (r"--out (?P<p>.*): the plan is a workbook; give a file name ending in \.xlsx",
     "--out \\g<p>: rencana berupa buku kerja; berikan nama berkas berakhiran .xlsx"),
    (r"--out (?P<p>.*): the file exists; plan never overwrites a file\n  fix: give another "
     r"name, or add --force", "--out \\g<p>: berkas sudah ada; plan tidak pernah menimpa "
     "berkas\n  perbaikan: berikan nama lain, atau tambahkan --force"),
    (r"--out (?P<p>.*): cannot write \((?P<v>.*)\)",
     "--out \\g<p>: tidak dapat ditulis (\\g<v>)"),
    # sensitivity analysis
    (r"--outcome '(?P<o>[^']*)': not a metric\n  expected one of: (?P<known>.*)",
     "--outcome '\\g<o>': bukan indikator\n  yang diharapkan salah satu dari: \\g<known>"),
    (r"-n (?P<n>\d+): Morris needs at least 2 trajectories \(10 to 50 is usual\)",
     "-n \\g<n>: Morris memerlukan sedikitnya 2 lintasan (biasanya 10 sampai 50)"),
    (r"-n (?P<n>\d+): Sobol's base sample must be a power of 2 \(its convergence depends "
     r"on it\)\n  fix: use -n (?P<a>\d+) or -n (?P<b>\d+)",
     "-n \\g<n>: sampel dasar Sobol harus perpangkatan 2 (konvergensinya bergantung "
     "padanya)\n  perbaikan: pakai -n \\g<a> atau -n \\g<b>"),
    (r"--params: (?P<p>.*) is not an uncertain input of this scenario\n  expected some "
     r"of: (?P<known>.*)\n  fix: list the uncertain inputs with `run_sim.py list "
     r"--uncertain`",
     "--params: \\g<p> bukan masukan tidak pasti skenario ini\n  yang diharapkan "
     "beberapa dari: \\g<known>\n  perbaikan: lihat daftarnya dengan `run_sim.py list "
     "--uncertain`"),
    (r"--params: give at least two uncertain inputs \(a sensitivity analysis ranks inputs "
     r"against each other\)",
     "--params: berikan sedikitnya dua masukan tidak pasti (analisis sensitivitas "
     "membandingkan masukan satu sama lain)"),
    (r"--out (?P<dir>.*): the folder exists and is not a sensitivity study\n  fix: choose "
     r"another --out",
     "--out \\g<dir>: folder sudah ada dan bukan studi sensitivitas\n  perbaikan: pilih "
     "--out lain"),
    (r"--out (?P<dir>.*): holds a study with other settings \((?P<what>.*) differ\); its "
     r"runs cannot be mixed in\n  fix: choose another --out, or add --overwrite",
     "--out \\g<dir>: berisi studi dengan pengaturan lain (\\g<what> berbeda); run-nya "
     "tidak dapat dicampur\n  perbaikan: pilih --out lain, atau tambahkan --overwrite"),
    (r"the study is not complete \((?P<n>\d+) runs missing\)\n  fix: run the same "
     r"command again to resume it",
     "studi belum lengkap (\\g<n> run belum ada)\n  perbaikan: jalankan perintah yang "
     "sama lagi untuk melanjutkannya"),
    (r"the outcome (?P<o>\S+) is not a number at some sample points \((?P<t>.*)\); "
     r"choose another --outcome",
     "indikator \\g<o> bukan angka di sebagian titik sampel (\\g<t>); pilih --outcome "
     "lain"),
    (r"(?P<path>.*): the runs of the study cannot be read \((?P<why>.*)\)\n  fix: run it "
     r"again with --overwrite",
     "\\g<path>: run studi tidak dapat dibaca (\\g<why>)\n  perbaikan: jalankan lagi "
     "dengan --overwrite"),
    (r"(?P<path>.*): not the runs file of this version's studies\n  fix: run it again "
     r"with --overwrite",
     "\\g<path>: bukan berkas run studi versi ini\n  perbaikan: jalankan lagi dengan "
     "--overwrite"),
    (r"(?P<dir>.*): not a results folder \(no timeseries\.parquet or \.csv, or no "
     r"summary\.csv\)",
     "\\g<dir>: bukan folder hasil (tidak ada timeseries.parquet atau .csv, atau tidak "
     "ada summary.csv)"),
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
    (r"(?P<file>.*): (?P<n>[\d,]+) problems in the region's files; correct them \(see "
     r"above\) and validate again",
     "\\g<file>: \\g<n> masalah dalam berkas daerah; betulkan (lihat di atas) lalu "
     "validasi lagi"),
    (r"region\.target_staff = (?P<t>[\d,]+): the unit kinds scale to about (?P<g>[\d,]+) "
     r"staff, more than 2 % off \(one unit of every kind already holds about "
     r"(?P<s>[\d,]+) staff\); for the target, set at least (?P<m>[\d,]+) or change the "
     r"unit kinds' counts",
     "region.target_staff = \\g<t>: jenis unit menghasilkan sekitar \\g<g> pegawai, "
     "selisih lebih dari 2 % (satu unit dari setiap jenis sudah berisi sekitar \\g<s> "
     "pegawai); untuk target itu, pakai paling sedikit \\g<m> atau ubah jumlah unit per "
     "jenis"),
    (r"region\.target_staff = (?P<t>[\d,]+): the unit kinds scale to about (?P<g>[\d,]+) "
     r"staff, more than 2 % off \(unit counts are whole numbers and some kinds have few, "
     r"large units\); for the target, set at least (?P<m>[\d,]+) or change the unit "
     r"kinds' counts",
     "region.target_staff = \\g<t>: jenis unit menghasilkan sekitar \\g<g> pegawai, "
     "selisih lebih dari 2 % (jumlah unit bilangan bulat dan beberapa jenis punya sedikit "
     "unit besar); untuk target itu, pakai paling sedikit \\g<m> atau ubah jumlah unit "
     "per jenis"),
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
    (r"(?P<i>\s*)removed: retirements now follow from the smooth ages and the BUPs \(issue "
     r"22\); delete the line", "\\g<i>dihapus: pensiun kini mengikuti umur yang mulus dan BUP "
     "(isu 22); hapus baris itu"),
    (r"(?P<i>\s*)expected: (?P<k>.*)", "\\g<i>yang diharapkan: \\g<k>"),
    (r"(?P<f>.*): (?P<n>[\d,]+) rows read, (?P<a>[\d,]+) accepted, (?P<b>[\d,]+) rejected",
     "\\g<f>: \\g<n> baris dibaca, \\g<a> diterima, \\g<b> ditolak"),
    (r"  \.\.\. (?P<n>[\d,]+) more problems \(all of them: --fix-report FILE\)",
     "  ... \\g<n> masalah lain (semua: --fix-report FILE)"),
    (r"the region's files cannot be used \((?P<n>[\d,]+) problems\):",
     "berkas daerah tidak dapat dipakai (\\g<n> masalah):"),
    (r"  fix: correct the rows above \(`python run_sim\.py validate SCENARIO --fix-report "
     r"problems\.csv` lists them all\)",
     "  perbaikan: betulkan baris di atas (`python run_sim.py validate SCENARIO "
     "--fix-report problems.csv` mendaftar semuanya)"),
)

# a region's files and a scenario's YAML that cannot be read at all (one line each)
_P = r"(?P<p>.*?)"
LINES += (
    (_P + r": file not found", r"\g<p>: berkas tidak ditemukan"),
    (r"  fix: check the path in the scenario's region section \(relative to the scenario "
     r"file\)", "  perbaikan: periksa path di bagian region skenario (relatif terhadap berkas "
     "skenario)"),
    (_P + r": the file is empty", r"\g<p>: berkas kosong"),
    (_P + r": is empty", r"\g<p>: kosong"),
    (_P + r": has a header but no rows", r"\g<p>: ada judul kolom tetapi tidak ada baris"),
    (r"  fix: fill the template written by `python run_sim\.py init-region DIR`",
     "  perbaikan: isi templat yang ditulis `python run_sim.py init-region DIR`"),
    (_P + r": the header line has no delimiter \(comma, semicolon, tab or \|\): (?P<v>.*)",
     r"\g<p>: baris judul tanpa pemisah (koma, titik koma, tab atau |): \g<v>"),
    (r"  fix: save the sheet as CSV with one column per field",
     "  perbaikan: simpan lembar sebagai CSV dengan satu kolom per isian"),
    (_P + r": cannot be read as CSV with delimiter (?P<d>'.*?'): (?P<v>.*)",
     r"\g<p>: tidak dapat dibaca sebagai CSV dengan pemisah \g<d>: \g<v>"),
    (r"  fix: check that every row has as many fields as the header \(quote text that "
     r"contains the delimiter\)", "  perbaikan: pastikan setiap baris berisi isian sebanyak "
     "kolom judul (beri tanda kutip pada teks yang memuat pemisah)"),
    (_P + r": the header line is not UTF-8 text", r"\g<p>: baris judul bukan teks UTF-8"),
    (_P + r": not UTF-8 text in column (?P<c>\S+) \(row (?P<r>\d+), (?P<n>[\d,]+) rows in "
     r"all\)", r"\g<p>: bukan teks UTF-8 di kolom \g<c> (baris \g<r>, \g<n> baris "
     r"seluruhnya)"),
    (r"  fix: save it as 'CSV UTF-8' \(Excel: File > Save As > CSV UTF-8\)",
     "  perbaikan: simpan sebagai 'CSV UTF-8' (Excel: File > Save As > CSV UTF-8)"),
    (_P + r": cannot be opened as a workbook \((?P<v>.*)\)",
     r"\g<p>: tidak dapat dibuka sebagai buku kerja (\g<v>)"),
    (_P + r": sheet (?P<s>'.*?') cannot be read \((?P<v>.*)\)",
     r"\g<p>: lembar \g<s> tidak dapat dibaca (\g<v>)"),
    (r"  fix: open it in Excel or LibreOffice and save it again as \.xlsx \(or export "
     r"CSV\)", "  perbaikan: buka di Excel atau LibreOffice lalu simpan ulang sebagai .xlsx "
     "(atau ekspor CSV)"),
    (_P + r": has no sheet (?P<s>'.*?') \(sheets: (?P<v>.*)\)",
     r"\g<p>: tidak ada lembar \g<s> (lembar: \g<v>)"),
    (r"  fix: name the sheet (?P<s>'.*?'), or keep only one sheet in the workbook",
     r"  perbaikan: beri nama lembar \g<s>, atau simpan hanya satu lembar di buku kerja"),
    (_P + r": cannot be read as Parquet \((?P<v>.*)\)",
     r"\g<p>: tidak dapat dibaca sebagai Parquet (\g<v>)"),
    (r"  fix: write it with pandas or pyarrow, or use CSV",
     "  perbaikan: tulis dengan pandas atau pyarrow, atau pakai CSV"),
    (_P + r": missing column\(s\): (?P<v>.*)", r"\g<p>: kolom tidak ada: \g<v>"),
    (_P + r": the header is on row (?P<r>\d+), not on the first row \(a title (?P<t>.*) "
     r"above it\?\)", r"\g<p>: judul kolom ada di baris \g<r>, bukan di baris pertama "
     r"(ada judul \g<t> di atasnya?)"),
    (r"  fix: delete the rows above the header, so that it is the first row",
     "  perbaikan: hapus baris di atas judul kolom, sehingga judul kolom menjadi baris "
     "pertama"),
    (_P + r": columns (?P<a>'.*?') and (?P<b>'.*?') are both (?P<c>\S+)",
     r"\g<p>: kolom \g<a> dan \g<b> sama-sama berarti \g<c>"),
    (_P + r": the header names column (?P<a>'.*?') twice",
     r"\g<p>: judul kolom \g<a> muncul dua kali"),
    (r"  fix: keep one of them \(delete or rename the other\)",
     "  perbaikan: pertahankan salah satunya (hapus atau ganti nama yang lain)"),
    (r"  fix: the header must name: (?P<v>.*) \(see the template from `python run_sim\.py "
     r"init-region DIR`\)", r"  perbaikan: judul kolom harus memuat: \g<v> (lihat templat "
     r"dari `python run_sim.py init-region DIR`)"),
    (_P + r":(?P<l>\d+): (?P<k>\S+) repeats another part of the file through a YAML alias "
     r"\(\*name\); aliases and anchors \(&name\) are not allowed in a scenario",
     r"\g<p>:\g<l>: \g<k> mengulang bagian lain berkas lewat alias YAML (*nama); alias "
     r"dan jangkar (&nama) tidak diizinkan dalam skenario"),
    (r"  fix: write the values out, or use `extends:` to build on another scenario",
     "  perbaikan: tulis nilainya satu per satu, atau pakai `extends:` untuk membangun dari "
     "skenario lain"),
    (_P + r":(?P<l>\d+): nested more than (?P<n>\d+) levels deep; a scenario's keys nest a "
     r"few levels \(e\.g\. policy\.balancing\.share\)",
     r"\g<p>:\g<l>: bersarang lebih dari \g<n> tingkat; kunci skenario hanya beberapa "
     r"tingkat (mis. policy.balancing.share)"),
    (r"  fix: check the indentation and brackets around that line",
     "  perbaikan: periksa indentasi dan kurung di sekitar baris itu"),
    (_P + r":(?P<l>\d+): (?P<k>\S+) is given twice \(lines (?P<a>\d+) and (?P<b>\d+)\); "
     r"YAML would silently keep only the last one",
     r"\g<p>:\g<l>: \g<k> ditulis dua kali (baris \g<a> dan \g<b>); YAML diam-diam hanya "
     r"memakai yang terakhir"),
    (r"  fix: delete one of the two lines, or merge them",
     "  perbaikan: hapus salah satu baris, atau gabungkan"),
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
    # the region's age bands (`scenario.params.Region`)
    (r"age_bands (?P<a>\S+) and (?P<b>\S+) leave ages (?P<g>\S+) out: each band must start "
     r"the year after the one before \(e\.g\. (?P<e>.*)\)",
     r"age_bands \g<a> dan \g<b> melewatkan umur \g<g>: setiap kelompok harus mulai setahun "
     r"setelah kelompok sebelumnya (mis. \g<e>)"),
    (r"age_bands (?P<a>\S+) and (?P<b>\S+) overlap: each band must start the year after the "
     r"one before \(e\.g\. (?P<e>.*)\)",
     r"age_bands \g<a> dan \g<b> tumpang tindih: setiap kelompok harus mulai setahun setelah "
     r"kelompok sebelumnya (mis. \g<e>)"),
    (r"(?P<k>[\w.]+) shares must sum to 1 \(got (?P<v>[^)]*)\)",
     r"bagian \g<k> harus berjumlah 1 (diberikan \g<v>)"),
    (r"(?P<k>[\w.]+) shares must sum to 1", r"bagian \g<k> harus berjumlah 1"),
    # a missing column's hint (`scenario.tables.read_table`)
    (r" - is (?P<u>'[^']*') meant to be it \(as (?P<k>'[^']*')\)\?",
     r" - apakah \g<u> maksudnya (sebagai \g<k>)?"),
)

# why a row of a region's own files was refused (`scenario.roster`), whole reasons
_JAN = r"\(January (?P<y>\d+)\)"
REASONS: tuple[tuple[str, str], ...] = (
    (r"empty", "kosong"),
    (r"empty \(required\)", "kosong (wajib diisi)"),
    (r"the same occupation twice", "jabatan yang sama dua kali"),
    (r"unknown position type; expected one of (?P<k>[^(]*?) \(or (?P<o>.*)\)",
     r"jenis jabatan tidak dikenal; pilihan: \g<k> (atau \g<o>)"),
    (r"unknown position type; expected one of (?P<k>.*)",
     r"jenis jabatan tidak dikenal; pilihan: \g<k>"),
    (r"the same unit code twice", "kode unit yang sama dua kali"),
    (r"unknown area type; expected one of (?P<k>[^(]*?) \(or (?P<o>.*)\)",
     r"jenis wilayah tidak dikenal; pilihan: \g<k> (atau \g<o>)"),
    (r"not a number between -(?P<a>\S+) and (?P<b>\S+) km",
     r"bukan angka antara -\g<a> dan \g<b> km"),
    (r"not an occupation family of the occupations file \((?P<f>.*)\)",
     r"bukan rumpun jabatan di berkas jabatan (\g<f>)"),
    (r"not a unit code of the units file", "bukan kode unit di berkas unit"),
    (r"not an occupation of the occupations file: a unit with workload for a role nobody "
     r"can be eligible for",
     "bukan jabatan di berkas jabatan: unit punya beban kerja untuk jabatan yang tidak "
     "dapat diisi siapa pun"),
    (r"not a number of hours per year \(0 or more\)",
     "bukan jumlah jam per tahun (0 atau lebih)"),
    (r"not a whole number of persons \(0 or more\)",
     "bukan bilangan bulat orang (0 atau lebih)"),
    (r"the same unit and role twice", "unit dan jabatan yang sama dua kali"),
    (r"no workload in the workload file \(its staff count as surplus\)",
     "tidak ada beban kerja di berkas beban kerja (pegawainya dihitung kelebihan)"),
    (r"an Excel date serial number \(day (?P<d>\S+) = (?P<t>\S+)\?\); format the column as "
     r"a date or write YYYY-MM-DD",
     r"nomor seri tanggal Excel (hari \g<d> = \g<t>?); format kolom sebagai tanggal atau "
     r"tulis YYYY-MM-DD"),
    (r"not a date; expected YYYY-MM-DD \(or DD/MM/YYYY, DD-MM-YYYY\)",
     "bukan tanggal; format YYYY-MM-DD (atau DD/MM/YYYY, DD-MM-YYYY)"),
    (r"stored as a number: Excel keeps only 15 digits of an 18-digit NIP; format the "
     r"column as Text and type the NIP again",
     "tersimpan sebagai angka: Excel hanya menyimpan 15 digit dari NIP 18 digit; format "
     "kolom sebagai Teks lalu ketik ulang NIP"),
    (r"must be exactly 18 digits \(spaces or dots between the groups are allowed\)",
     "harus tepat 18 digit (spasi atau titik di antara kelompok digit boleh)"),
    (r"ends in 000, which no NIP does \(the sequence starts at 001\): probably rounded by "
     r"Excel when stored as a number; format the column as Text and type the NIP again",
     "berakhir dengan 000, padahal nomor urut NIP mulai dari 001: kemungkinan dibulatkan "
     "Excel karena tersimpan sebagai angka; format kolom sebagai Teks lalu ketik ulang NIP"),
    (r"(?P<n>[\d,]+) NIPs written in groups \(spaces, dots or dashes\) or after a ' were "
     r"read without them, e\.g\. as (?P<v>\d+)",
     r"\g<n> NIP yang ditulis berkelompok (spasi, titik atau tanda hubung) atau diawali ' "
     r"dibaca tanpa pemisah, mis. sebagai \g<v>"),
    (r"(?P<n>[\d,]+) row\(s\) name the occupation by its label or in other capitals; read as "
     r"the code of the occupations file, e\.g\. (?P<v>\S+)",
     r"\g<n> baris menyebut jabatan dengan nama tampilannya atau huruf besar/kecil lain; "
     r"dibaca sebagai kode di berkas jabatan, mis. \g<v>"),
    (r"not an occupation of the occupations file; did you mean (?P<v>\S+)\? \(write the "
     r"code of the occupations file, or its label\)",
     r"bukan jabatan di berkas jabatan; maksudnya \g<v>? (tulis kode atau nama tampilan "
     r"dari berkas jabatan)"),
    (r"not an occupation of the occupations file: write one of its codes or labels, or add "
     r"the occupation there with its family",
     "bukan jabatan di berkas jabatan: tulis salah satu kode atau nama tampilannya, atau "
     "tambahkan jabatan itu di sana beserta rumpunnya"),
    (r"ambiguous: (?P<v>\S+) can be read with a thousands separator or a decimal one; "
     r"write it without a thousands separator \(1250\) and with a decimal comma \(1,25\) "
     r"or point \(1\.25\)",
     r"bermakna ganda: \g<v> bisa dibaca dengan pemisah ribuan atau pemisah desimal; tulis "
     r"tanpa pemisah ribuan (1250) dan dengan koma desimal (1,25) atau titik (1.25)"),
    (r"not a valid NIP: digits 1-8 must be a birth date, 13-14 a month, 15 the sex "
     r"\(1 or 2\)",
     "NIP tidak valid: digit 1-8 harus tanggal lahir, 13-14 bulan, 15 jenis kelamin "
     "(1 atau 2)"),
    (r"the same NIP on more than one row", "NIP yang sama di lebih dari satu baris"),
    (r"does not agree with the birth date in the NIP \(digits 1-8\)",
     "tidak sesuai dengan tanggal lahir di NIP (digit 1-8)"),
    (r"impossible age at the start of the simulation " + _JAN + r": below 15 or above 80",
     r"umur tidak mungkin pada awal simulasi (Januari \g<y>): di bawah 15 atau di atas 80"),
    (r"expected L/P or M/F", "harus L/P atau M/F"),
    (r"does not agree with the sex digit of the NIP \(digit 15: 1 male, 2 female\)",
     "tidak sesuai dengan digit jenis kelamin di NIP (digit 15: 1 laki-laki, 2 perempuan)"),
    (r"expected PNS or PPPK", "harus PNS atau PPPK"),
    (r"empty: a PPPK needs the end date of the contract",
     "kosong: PPPK memerlukan tanggal akhir kontrak"),
    (r"the contract ended before the start " + _JAN,
     r"kontrak berakhir sebelum awal simulasi (Januari \g<y>)"),
    (r"past the retirement age \(BUP (?P<b>\d+) for (?P<p>\S+)\) before the start " + _JAN
     + r"; remove the row or correct the date or position type",
     r"melewati batas usia pensiun (BUP \g<b> untuk \g<p>) sebelum awal simulasi (Januari "
     r"\g<y>); hapus baris atau betulkan tanggal atau jenis jabatan"),
    (r"not an occupation family \((?P<f>.*)\); ignored",
     r"bukan rumpun jabatan (\g<f>); diabaikan"),
    (r"not a district of the units file or of region\.districts \(add it to "
     r"region\.districts with its centre\)",
     "bukan kecamatan di berkas unit atau di region.districts (tambahkan ke "
     "region.districts beserta titik pusatnya)"),
    (r"does not agree with the appointment month in the NIP \(digits 9-14\)",
     "tidak sesuai dengan bulan pengangkatan di NIP (digit 9-14)"),
    (r"appointed \(digits 9-14\) after the start " + _JAN,
     r"diangkat (digit 9-14) setelah awal simulasi (Januari \g<y>)"),
    (r"appointed \(digits 9-14\) before the age of 15",
     "diangkat (digit 9-14) sebelum berumur 15"),
    (r"after the start of the simulation " + _JAN,
     r"setelah awal simulasi (Januari \g<y>)"),
    (r"before the appointment month \(NIP digits 9-14\)",
     "sebelum bulan pengangkatan (digit NIP 9-14)"),
    (r"not a number from 0 to 1 \(leave empty if unknown\)",
     "bukan angka 0 sampai 1 (kosongkan jika tidak diketahui)"),
    (r"not a district of region\.districts in the scenario",
     "bukan kecamatan di region.districts skenario"),
    (r"no unit has coordinates: units are placed at their district's centre \(give x_km "
     r"and y_km, or region\.districts with centres, for distances\)",
     "tidak ada unit yang berkoordinat: unit ditempatkan di titik pusat kecamatannya "
     "(isi x_km dan y_km, atau region.districts dengan titik pusat, untuk jarak)"),
    (r"unit-roles have staff but no workload in the workload file \(their staff count as "
     r"surplus\)",
     "unit-jabatan punya pegawai tetapi tanpa beban kerja di berkas beban kerja "
     "(pegawainya dihitung kelebihan)"),
    (r"not a kind of the units file; known: (?P<k>.*)",
     r"bukan jenis unit di berkas unit; yang dikenal: \g<k>"),
)

# the lines of a region's import summary inside an error message (`Problems.summary`)
_SUMMARY_LINE = re.compile(r"(?P<i>\s*)(?P<h>ERROR|WARNING) (?P<f>[^,]+)(?:, row (?P<r>\d+))?, "
                           r"(?P<c>[^:=]*?)(?P<v> = '.*?')?: (?P<reason>.*)")
_SUMMARY_HEAD = {"ERROR": "GALAT", "WARNING": "PERINGATAN"}

_COMPILED = [(re.compile(p, re.S), r) for p, r in TEMPLATES]
_REASONS = [(re.compile(p), r) for p, r in REASONS]
_LINES = [(re.compile(p), r) for p, r in LINES]
_CLAUSES = [(re.compile(p), r) for p, r in CLAUSES]


def _whole(text: str, table) -> str | None:
    """`text` through the first template of `table` that matches all of it, or None."""
    for pattern, replacement in table:
        m = pattern.fullmatch(text)
        if m:
            return m.expand(replacement)
    return None


def translate(message: str, lang: str = "id") -> str:
    """`message` in `lang`: its Indonesian template when one matches, else as written."""
    if lang != "id":
        return message
    whole = _whole(message, _COMPILED)
    return whole if whole is not None else "\n".join(map(_line, message.split("\n")))


def translate_reason(reason: str, lang: str = "id") -> str:
    """Why a row of a region's files was refused, in `lang` (as written if unknown)."""
    if not isinstance(reason, str):
        return render(reason, lang)
    return reason if lang != "id" else _whole(reason, _REASONS) or reason


def _line(line: str) -> str:
    """One line of a structured message: its template, else its known clauses."""
    m = _SUMMARY_LINE.fullmatch(line)
    if m:
        row = f", baris {m['r']}" if m["r"] else ""
        return (f"{m['i']}{_SUMMARY_HEAD[m['h']]} {m['f']}{row}, {m['c']}"
                f"{m['v'] or ''}: {translate_reason(m['reason'])}")
    for pattern, replacement in _LINES:
        m = pattern.fullmatch(line)
        if m:
            line = m.expand(replacement)
            break
    for pattern, replacement in _CLAUSES:
        line = pattern.sub(replacement, line)
    return line


def shown(error, lang: str = "id") -> str:
    """An error (or message) in `lang`.

    A catalogue message is rendered; an old English string goes through the templates
    above (until every raise site uses the catalogue).
    """
    message = getattr(error, "message", error)
    if isinstance(message, str):
        return translate(message, lang)
    return render(message, lang)


ERROR_PREFIX = "error"  # before an error on stderr, in both languages (tools say it so)

