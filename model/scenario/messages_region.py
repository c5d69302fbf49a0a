"""What a planner reads about a region's own files: one key, Indonesian and English together.

Three kinds of text, each raised or recorded where the problem is found:

- `FileMsg`: a file that cannot be used at all (missing, empty, unreadable, a column
  missing); `fail(path, what, fix)` frames a `what` and a `fix` of this catalogue as
  "path: what / fix: ...";
- `Reason`: why a row was refused (or a warning about it), stored in the `reason`
  column of `Problems` and shown after "file, row N, column = 'value':";
- `SummaryMsg`: the lines of the import summary (rows read, accepted, rejected; one
  line per problem; the header and the fix of the error listing them).
"""

from __future__ import annotations

from ..core.text import Catalogue, Text


class FileMsg(Catalogue, area="region_files"):
    """A region file that cannot be used: what is wrong with it, and how to fix it."""

    failed = Text("{path}: {what}\n  perbaikan: {fix}", "{path}: {what}\n  fix: {fix}")
    # what is wrong
    not_found = Text("berkas tidak ditemukan", "file not found")
    file_empty = Text("berkas kosong", "the file is empty")
    is_empty = Text("kosong", "is empty")
    no_rows = Text("ada judul kolom tetapi tidak ada baris", "has a header but no rows")
    no_delimiter = Text(
        "baris judul tanpa pemisah (koma, titik koma, tab atau |): {line}",
        "the header line has no delimiter (comma, semicolon, tab or |): {line}")
    not_csv = Text("tidak dapat dibaca sebagai CSV dengan pemisah {sep}: {why}",
                   "cannot be read as CSV with delimiter {sep}: {why}")
    header_not_utf8 = Text("baris judul bukan teks UTF-8", "the header line is not UTF-8 text")
    column_not_utf8 = Text(
        "bukan teks UTF-8 di kolom {column} (baris {row}, {n:,} baris seluruhnya)",
        "not UTF-8 text in column {column} (row {row}, {n:,} rows in all)")
    not_workbook = Text("tidak dapat dibuka sebagai buku kerja ({why})",
                        "cannot be opened as a workbook ({why})")
    no_sheet = Text("tidak ada lembar {sheet} (lembar: {sheets})",
                    "has no sheet {sheet} (sheets: {sheets})")
    sheet_unreadable = Text("lembar {sheet} tidak dapat dibaca ({why})",
                            "sheet {sheet} cannot be read ({why})")
    not_parquet = Text("tidak dapat dibaca sebagai Parquet ({why})",
                       "cannot be read as Parquet ({why})")
    title_above = Text(
        "judul kolom ada di baris {row}, bukan di baris pertama (ada judul {title} di "
        "atasnya?)",
        "the header is on row {row}, not on the first row (a title {title} above it?)")
    column_twice = Text("judul kolom '{column}' muncul dua kali",
                        "the header names column '{column}' twice")
    same_column = Text("kolom '{first}' dan '{second}' sama-sama berarti {name}",
                       "columns '{first}' and '{second}' are both {name}")
    missing_columns = Text("kolom tidak ada: {hints}", "missing column(s): {hints}")
    missing_column = Text("{name} ({meaning})", "{name} ({meaning})")
    missing_column_guess = Text(
        "{name} ({meaning}) - apakah '{given}' maksudnya (sebagai '{alias}')?",
        "{name} ({meaning}) - is '{given}' meant to be it (as '{alias}')?")
    # how to fix it
    fix_path = Text(
        "periksa path di bagian region skenario (relatif terhadap berkas skenario)",
        "check the path in the scenario's region section (relative to the scenario file)")
    fix_fill = Text("isi templat yang ditulis `python run_sim.py init-region DIR`",
                    "fill the template written by `python run_sim.py init-region DIR`")
    fix_one_column_per_field = Text("simpan lembar sebagai CSV dengan satu kolom per isian",
                                    "save the sheet as CSV with one column per field")
    fix_fields = Text(
        "pastikan setiap baris berisi isian sebanyak kolom judul (beri tanda kutip pada "
        "teks yang memuat pemisah)",
        "check that every row has as many fields as the header (quote text that contains "
        "the delimiter)")
    fix_utf8 = Text("simpan sebagai 'CSV UTF-8' (Excel: File > Save As > CSV UTF-8)",
                    "save it as 'CSV UTF-8' (Excel: File > Save As > CSV UTF-8)")
    fix_resave = Text(
        "buka di Excel atau LibreOffice lalu simpan ulang sebagai .xlsx (atau ekspor CSV)",
        "open it in Excel or LibreOffice and save it again as .xlsx (or export CSV)")
    fix_sheet = Text("beri nama lembar {sheet}, atau simpan hanya satu lembar di buku kerja",
                     "name the sheet {sheet}, or keep only one sheet in the workbook")
    fix_parquet = Text("tulis dengan pandas atau pyarrow, atau pakai CSV",
                       "write it with pandas or pyarrow, or use CSV")
    fix_title = Text(
        "hapus baris di atas judul kolom, sehingga judul kolom menjadi baris pertama",
        "delete the rows above the header, so that it is the first row")
    fix_keep_one = Text("pertahankan salah satunya (hapus atau ganti nama yang lain)",
                        "keep one of them (delete or rename the other)")
    fix_header = Text(
        "judul kolom harus memuat: {names} (lihat templat dari `python run_sim.py "
        "init-region DIR`)",
        "the header must name: {names} (see the template from `python run_sim.py "
        "init-region DIR`)")


class SummaryMsg(Catalogue, area="region_files"):
    """The import summary: counts per file, one line per problem, the error around them."""

    counted = Text("{file}: {read:,} baris dibaca, {ok:,} diterima, {bad:,} ditolak",
                   "{file}: {read:,} rows read, {ok:,} accepted, {bad:,} rejected")
    counted_skipped = Text(
        "{file}: {read:,} baris dibaca, {ok:,} diterima, {bad:,} ditolak ({skipped:,} baris "
        "kosong dilewati)",
        "{file}: {read:,} rows read, {ok:,} accepted, {bad:,} rejected ({skipped:,} empty "
        "rows skipped)")
    error = Text("GALAT", "ERROR")
    warning = Text("PERINGATAN", "WARNING")
    problem_at_row = Text("  {severity} {file}, baris {row}, {column}{value}: {reason}",
                          "  {severity} {file}, row {row}, {column}{value}: {reason}")
    problem_in_file = Text("  {severity} {file}, {column}{value}: {reason}",
                           "  {severity} {file}, {column}{value}: {reason}")
    more = Text("  ... {n:,} masalah lain (semua: --fix-report FILE)",
                "  ... {n:,} more problems (all of them: --fix-report FILE)")
    region_unusable = Text("berkas daerah tidak dapat dipakai ({n:,} masalah):",
                           "the region's files cannot be used ({n:,} problems):")
    occupations_unusable = Text("{path}: daftar jabatan tidak dapat dipakai:",
                                "{path}: the occupations cannot be used:")
    fix_rows = Text(
        "  perbaikan: betulkan baris di atas (`python run_sim.py validate SCENARIO "
        "--fix-report problems.csv` mendaftar semuanya)",
        "  fix: correct the rows above (`python run_sim.py validate SCENARIO --fix-report "
        "problems.csv` lists them all)")


class Reason(Catalogue, area="region_rows"):
    """Why a row of a region's files was refused, or what a warning says about it."""

    # any file
    empty = Text("kosong", "empty")
    required = Text("kosong (wajib diisi)", "empty (required)")
    ambiguous = Text(
        "bermakna ganda: {value} bisa dibaca dengan pemisah ribuan atau pemisah desimal; "
        "tulis tanpa pemisah ribuan (1250) dan dengan koma desimal (1,25) atau titik (1.25)",
        "ambiguous: {value} can be read with a thousands separator or a decimal one; write "
        "it without a thousands separator (1250) and with a decimal comma (1,25) or point "
        "(1.25)")
    excel_serial = Text(
        "nomor seri tanggal Excel (hari {day} = {date}?); format kolom sebagai tanggal atau "
        "tulis YYYY-MM-DD",
        "an Excel date serial number (day {day} = {date}?); format the column as a date or "
        "write YYYY-MM-DD")
    not_a_date = Text("bukan tanggal; format YYYY-MM-DD (atau DD/MM/YYYY, DD-MM-YYYY)",
                      "not a date; expected YYYY-MM-DD (or DD/MM/YYYY, DD-MM-YYYY)")
    # a file of several governments (a `government` column)
    government_empty = Text(
        "kosong: berkas ini memuat beberapa pemerintah, tulis pemerintah baris ini (nama "
        "seperti di governments.members)",
        "empty: this file holds several governments; write this row's government (its "
        "name as in governments.members)")
    several_governments = Text(
        "berkas memuat beberapa pemerintah; pilih satu dengan region.government (mis. "
        "--set region.government=\"{example}\"), atau jalankan semuanya dengan skenario "
        "beberapa pemerintah (bagian governments)",
        "the file holds several governments; choose one with region.government (e.g. "
        "--set region.government=\"{example}\"), or run them all with a scenario of "
        "several governments (a governments section)")
    no_rows_of_government = Text(
        "tidak ada baris untuk pemerintah ini; berkas memuat: {found}. Periksa ejaan nama "
        "di skenario dan di kolom government",
        "no row for this government; the file holds: {found}. Check the name's spelling in "
        "the scenario and in the government column")
    government_unknown = Text(
        "bukan pemerintah skenario yang membaca berkas ini; yang dikenal: {known}",
        "not a government of the scenario that reads this file; known: {known}")
    files_disagree = Text(
        "berkas-berkas daerah ini menyebut pemerintah yang berbeda di kolom government; "
        "berkas satu pemerintah menyebut pemerintah yang sama (atau tidak ada)",
        "the region's files name different governments in their government column; the "
        "files of one government name the same one (or none)")
    government_read_twice = Text(
        "baris pemerintah ini dibaca oleh beberapa anggota ({names}); setiap pemerintah "
        "membaca barisnya sendiri (settings.region.government)",
        "the rows of this government are read by several members ({names}); each "
        "government reads its own rows (settings.region.government)")
    government_reads_elsewhere = Text(
        "pemerintah ini membaca barisnya dari berkas lain (pengaturannya sendiri), jadi "
        "baris ini tidak akan dibaca; hapus baris ini, atau biarkan pemerintah itu membaca "
        "berkas ini",
        "this government reads its rows from other files (its own settings), so this row "
        "would never be read; remove it, or let that government read this file")
    shared_without_column = Text(
        "berkas ini dibaca oleh beberapa pemerintah ({names}) tetapi tidak punya kolom "
        "government: setiap baris akan menjadi milik semuanya. Tambahkan kolom government "
        "(nama pemerintah setiap baris), atau beri setiap pemerintah berkasnya sendiri",
        "this file is read by several governments ({names}) but has no government column: "
        "each row would belong to all of them. Add a government column (each row's "
        "government), or give each government a file of its own")
    unit_in_two_governments = Text(
        "kode unit yang sama di dua pemerintah ({names}); satu unit milik satu pemerintah",
        "the same unit code in two governments ({names}); a unit belongs to one government")
    unit_of_other_government = Text(
        "unit ini milik pemerintah {owner}, bukan {named}; perbaiki kolom government atau "
        "unit_code",
        "this unit belongs to government {owner}, not {named}; correct the government or "
        "the unit_code column")
    nip_in_two_governments = Text(
        "NIP yang sama di dua pemerintah ({names}); seorang pegawai bekerja di satu "
        "pemerintah",
        "the same NIP in two governments ({names}); a person works for one government")
    # the occupations file
    occupation_twice = Text("jabatan yang sama dua kali", "the same occupation twice")
    position_type = Text("jenis jabatan tidak dikenal; pilihan: {known}",
                         "unknown position type; expected one of {known}")
    # the units and workload files
    unit_code_twice = Text("kode unit yang sama dua kali", "the same unit code twice")
    area_type = Text(
        "jenis wilayah tidak dikenal; pilihan: {known} (atau perkotaan, perdesaan, pesisir, "
        "pegunungan, terpencil, kepulauan)",
        "unknown area type; expected one of {known} (or perkotaan, perdesaan, pesisir, "
        "pegunungan, terpencil, kepulauan)")
    km = Text("bukan angka antara -{km:,.0f} dan {km:,.0f} km",
              "not a number between -{km:,.0f} and {km:,.0f} km")
    domain = Text("bukan rumpun jabatan di berkas jabatan ({families})",
                  "not an occupation family of the occupations file ({families})")
    unit_code = Text("bukan kode unit di berkas unit", "not a unit code of the units file")
    role = Text(
        "bukan jabatan di berkas jabatan: unit punya beban kerja untuk jabatan yang tidak "
        "dapat diisi siapa pun",
        "not an occupation of the occupations file: a unit with workload for a role nobody "
        "can be eligible for")
    hours = Text("bukan jumlah jam per tahun (0 atau lebih)",
                 "not a number of hours per year (0 or more)")
    persons = Text("bukan bilangan bulat orang (0 atau lebih)",
                   "not a whole number of persons (0 or more)")
    unit_role_twice = Text("unit dan jabatan yang sama dua kali", "the same unit and role twice")
    no_workload = Text(
        "tidak ada beban kerja di berkas beban kerja (pegawainya dihitung kelebihan)",
        "no workload in the workload file (its staff count as surplus)")
    district_undeclared = Text("bukan kecamatan di region.districts skenario",
                               "not a district of region.districts in the scenario")
    no_coordinates = Text(
        "tidak ada unit yang berkoordinat: unit ditempatkan di titik pusat kecamatannya "
        "(isi x_km dan y_km, atau region.districts dengan titik pusat, untuk jarak)",
        "no unit has coordinates: units are placed at their district's centre (give x_km "
        "and y_km, or region.districts with centres, for distances)")
    staff_without_workload = Text(
        "unit-jabatan punya pegawai tetapi tanpa beban kerja di berkas beban kerja "
        "(pegawainya dihitung kelebihan)",
        "unit-roles have staff but no workload in the workload file (their staff count as "
        "surplus)")
    unknown_kind = Text("bukan jenis unit di berkas unit; yang dikenal: {known}",
                        "not a kind of the units file; known: {known}")


class RosterReason(Catalogue, area="region_rows"):
    """Why a row of the employees file (the roster) was refused, or a note about it."""

    nip_number = Text(
        "tersimpan sebagai angka: Excel hanya menyimpan 15 digit dari NIP 18 digit; format "
        "kolom sebagai Teks lalu ketik ulang NIP",
        "stored as a number: Excel keeps only 15 digits of an 18-digit NIP; format the "
        "column as Text and type the NIP again")
    nip_rounded = Text(
        "berakhir dengan 000, padahal nomor urut NIP mulai dari 001: kemungkinan dibulatkan "
        "Excel karena tersimpan sebagai angka; format kolom sebagai Teks lalu ketik ulang NIP",
        "ends in 000, which no NIP does (the sequence starts at 001): probably rounded by "
        "Excel when stored as a number; format the column as Text and type the NIP again")
    nip_digits = Text(
        "harus tepat 18 digit (spasi atau titik di antara kelompok digit boleh)",
        "must be exactly 18 digits (spaces or dots between the groups are allowed)")
    nip_invalid = Text(
        "NIP tidak valid: digit 1-8 harus tanggal lahir, 13-14 bulan, 15 jenis kelamin "
        "(1 atau 2)",
        "not a valid NIP: digits 1-8 must be a birth date, 13-14 a month, 15 the sex (1 or 2)")
    # writing NIPs for a region's people (`init-region`)
    nip_not_unique = Text(
        "lebih dari 999 orang sama tanggal lahir, bulan pengangkatan dan jenis kelaminnya: "
        "NIP mereka tidak dapat dibuat unik",
        "more than 999 people share a birth date, appointment month and sex: their NIP "
        "cannot be unique")
    nip_twice = Text("NIP yang sama di lebih dari satu baris",
                     "the same NIP on more than one row")
    nips_grouped = Text(
        "{n:,} NIP yang ditulis berkelompok (spasi, titik atau tanda hubung) atau diawali ' "
        "dibaca tanpa pemisah, mis. sebagai {example}",
        "{n:,} NIPs written in groups (spaces, dots or dashes) or after a ' were read "
        "without them, e.g. as {example}")
    birth_vs_nip = Text("tidak sesuai dengan tanggal lahir di NIP (digit 1-8)",
                        "does not agree with the birth date in the NIP (digits 1-8)")
    impossible_age = Text(
        "umur tidak mungkin pada awal simulasi (Januari {year}): di bawah 15 atau di atas 80",
        "impossible age at the start of the simulation (January {year}): below 15 or "
        "above 80")
    sex = Text("harus L/P atau M/F", "expected L/P or M/F")
    sex_vs_nip = Text(
        "tidak sesuai dengan digit jenis kelamin di NIP (digit 15: 1 laki-laki, 2 perempuan)",
        "does not agree with the sex digit of the NIP (digit 15: 1 male, 2 female)")
    employment = Text("harus PNS atau PPPK", "expected PNS or PPPK")
    contract_end_empty = Text("kosong: PPPK memerlukan tanggal akhir kontrak",
                              "empty: a PPPK needs the end date of the contract")
    contract_ended = Text("kontrak berakhir sebelum awal simulasi (Januari {year})",
                          "the contract ended before the start (January {year})")
    roster_position_type = Text(
        "jenis jabatan tidak dikenal; pilihan: {known} (atau pelaksana, ahli pertama, ahli "
        "muda, ahli madya, ahli utama, guru, pimpinan tinggi)",
        "unknown position type; expected one of {known} (or pelaksana, ahli pertama, ahli "
        "muda, ahli madya, ahli utama, guru, pimpinan tinggi)")
    past_retirement = Text(
        "melewati batas usia pensiun (BUP {bup} untuk {position}) sebelum awal simulasi "
        "(Januari {year}); hapus baris atau betulkan tanggal atau jenis jabatan",
        "past the retirement age (BUP {bup} for {position}) before the start (January "
        "{year}); remove the row or correct the date or position type")
    by_label = Text(
        "{n:,} baris menyebut jabatan dengan nama tampilannya atau huruf besar/kecil lain; "
        "dibaca sebagai kode di berkas jabatan, mis. {example}",
        "{n:,} row(s) name the occupation by its label or in other capitals; read as the "
        "code of the occupations file, e.g. {example}")
    occupation_close = Text(
        "bukan jabatan di berkas jabatan; maksudnya {close}? (tulis kode atau nama tampilan "
        "dari berkas jabatan)",
        "not an occupation of the occupations file; did you mean {close}? (write the code "
        "of the occupations file, or its label)")
    occupation_unknown = Text(
        "bukan jabatan di berkas jabatan: tulis salah satu kode atau nama tampilannya, atau "
        "tambahkan jabatan itu di sana beserta rumpunnya",
        "not an occupation of the occupations file: write one of its codes or labels, or "
        "add the occupation there with its family")
    education = Text("bukan rumpun jabatan ({families}); diabaikan",
                     "not an occupation family ({families}); ignored")
    home_district = Text(
        "bukan kecamatan di berkas unit atau di region.districts (tambahkan ke "
        "region.districts beserta titik pusatnya)",
        "not a district of the units file or of region.districts (add it to "
        "region.districts with its centre)")
    appointment_vs_nip = Text(
        "tidak sesuai dengan bulan pengangkatan di NIP (digit 9-14)",
        "does not agree with the appointment month in the NIP (digits 9-14)")
    appointed_after = Text("diangkat (digit 9-14) setelah awal simulasi (Januari {year})",
                           "appointed (digits 9-14) after the start (January {year})")
    appointed_young = Text("diangkat (digit 9-14) sebelum berumur 15",
                           "appointed (digits 9-14) before the age of 15")
    after_start = Text("setelah awal simulasi (Januari {year})",
                       "after the start of the simulation (January {year})")
    before_appointment = Text("sebelum bulan pengangkatan (digit NIP 9-14)",
                              "before the appointment month (NIP digits 9-14)")
    share = Text("bukan angka 0 sampai 1 (kosongkan jika tidak diketahui)",
                 "not a number from 0 to 1 (leave empty if unknown)")
