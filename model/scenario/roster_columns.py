"""The columns of a region's own files, their meanings, and the words they accept.

Four tables describe a region (one file each, or one workbook with a sheet each):
`employees` (the roster, SIASN-like), `units`, `workload` (the ABK: hours per year
per unit and role) and `occupations` (each position's occupation family). Column
names are English codes; common Indonesian headers are accepted as aliases, and
values such as area types and position types may be written in Indonesian.
"""

from __future__ import annotations

from .tables import Column

EMPLOYEES = [
    Column("nip", True, "NIP 18 digit (teks, bukan angka)", "NIP, 18 digits (text, not a number)"),
    Column("name", False, "nama (tidak dipakai, tidak pernah disalin ke hasil)",
           "name (not used, never copied into results)", ("nama",), read=False),
    Column("birth_date", True, "tanggal lahir (YYYY-MM-DD)", "birth date (YYYY-MM-DD)",
           ("tanggal_lahir", "tgl_lahir")),
    Column("sex", True, "jenis kelamin: L/P (atau M/F)", "sex: M/F (or L/P)",
           ("jenis_kelamin", "jk")),
    Column("employment", True, "status kepegawaian: PNS atau PPPK", "employment: PNS or PPPK",
           ("status", "status_kepegawaian")),
    Column("contract_end", False, "akhir kontrak PPPK (YYYY-MM-DD; kosong untuk PNS)",
           "PPPK contract end (YYYY-MM-DD; empty for PNS)", ("akhir_kontrak",)),
    Column("position_type", True, "jenis jabatan (menentukan BUP): pelaksana, ahli pertama, "
           "ahli muda, ahli madya, ahli utama, guru, pimpinan tinggi",
           "position type (sets the BUP): administrative, functional_junior, "
           "functional_middle, functional_principal, teacher, leadership",
           ("jenis_jabatan",)),
    Column("occupation", True, "jabatan (salah satu dari berkas occupations)",
           "occupation/position (one of the occupations file)", ("jabatan",)),
    Column("education_field", False, "bidang pendidikan (rumpun, opsional)",
           "education field (an occupation family, optional)", ("bidang_pendidikan",)),
    Column("unit_code", True, "kode unit kerja (dari berkas units)",
           "unit code (from the units file)", ("kode_unit", "unit_kerja")),
    Column("position_start", True, "TMT jabatan sekarang (YYYY-MM-DD)",
           "start date in the current position (YYYY-MM-DD)", ("tmt_jabatan",)),
    Column("home_district", False, "kecamatan asal/domisili (opsional)",
           "home district (optional; default: the unit's district)",
           ("kecamatan_asal", "domisili")),
    Column("performance", False, "nilai kinerja 0-1 (opsional)",
           "performance score 0-1 (optional)", ("kinerja", "nilai_kinerja")),
    Column("appointment_date", False, "TMT CPNS/PPPK (opsional; harus sama dengan NIP)",
           "appointment date, TMT CPNS/PPPK (optional; must agree with the NIP)",
           ("tmt_cpns", "tmt_pengangkatan")),
    Column("government", False, "pemerintah daerah (hanya untuk berkas beberapa pemerintah: "
           "nama seperti di governments.members)", "government (only in a file of several "
           "governments: its name as in governments.members)",
           ("pemerintah", "pemda", "pemerintah_daerah")),
]

UNITS = [
    Column("unit_code", True, "kode unit kerja (unik)", "unit code (unique)", ("kode_unit",)),
    Column("unit_name", True, "nama unit kerja", "unit name", ("nama_unit",)),
    Column("agency", True, "perangkat daerah (dinas/OPD)", "agency (dinas, OPD)",
           ("dinas", "opd", "perangkat_daerah")),
    Column("kind", True, "jenis unit (mis. SD, puskesmas, kantor)",
           "kind of unit (e.g. primary school, puskesmas, office)", ("jenis_unit",)),
    Column("domain", False, "rumpun bidang kerja unit (opsional; bila kosong: rumpun "
           "dengan jam ABK terbanyak)", "the unit's domain, an occupation family (optional; "
           "if empty: the family with most ABK hours)", ("bidang", "rumpun")),
    Column("district", True, "kecamatan", "district (kecamatan)", ("kecamatan",)),
    Column("area_type", True, "tipe wilayah: perkotaan, perdesaan, pesisir, pegunungan, "
           "terpencil, kepulauan", "area type: urban, rural, coastal, mountain, remote, island",
           ("tipe_wilayah",)),
    Column("x_km", False, "posisi timur-barat (km, opsional)", "east-west position (km, optional)"),
    Column("y_km", False, "posisi utara-selatan (km, opsional)",
           "north-south position (km, optional)"),
    Column("government", False, "pemerintah daerah (hanya untuk berkas beberapa pemerintah: "
           "nama seperti di governments.members)", "government (only in a file of several "
           "governments: its name as in governments.members)",
           ("pemerintah", "pemda", "pemerintah_daerah")),
]

WORKLOAD = [
    Column("unit_code", True, "kode unit kerja", "unit code", ("kode_unit",)),
    Column("role", True, "jabatan", "role (an occupation)", ("jabatan", "occupation")),
    Column("hours_per_year", True, "beban kerja ABK (jam per tahun)",
           "ABK workload (hours per year)", ("beban_kerja_jam", "jam_per_tahun")),
    Column("establishment", False, "formasi/kebutuhan pegawai (orang, opsional)",
           "establishment: approved positions (persons, optional)",
           ("formasi", "kebutuhan_pegawai")),
    Column("government", False, "pemerintah daerah (hanya untuk berkas beberapa pemerintah: "
           "nama seperti di governments.members)", "government (only in a file of several "
           "governments: its name as in governments.members)",
           ("pemerintah", "pemda", "pemerintah_daerah")),
]

OCCUPATIONS = [
    Column("occupation", True, "jabatan", "occupation (position)", ("jabatan",)),
    Column("family", True, "rumpun jabatan (kompetensi)", "occupation family (competence)",
           ("rumpun",)),
    Column("label", False, "nama tampilan", "display name", ("nama",)),
    Column("recruit_position", False, "jenis jabatan rekrutan baru (menentukan BUP)",
           "position type of recruits (sets their BUP)"),
]

TABLES = {"employees": EMPLOYEES, "units": UNITS, "workload": WORKLOAD,
          "occupations": OCCUPATIONS}

AREA_WORDS = {
    "urban": "urban", "perkotaan": "urban", "kota": "urban",
    "rural": "rural", "perdesaan": "rural", "pedesaan": "rural", "desa": "rural",
    "coastal": "coastal", "pesisir": "coastal", "pantai": "coastal",
    "mountain": "mountain", "pegunungan": "mountain", "gunung": "mountain",
    "remote": "remote", "terpencil": "remote", "sangat_terpencil": "remote",
    "island": "island", "kepulauan": "island", "pulau": "island",
}

POSITION_WORDS = {
    "administrative": "administrative", "pelaksana": "administrative",
    "administrator": "administrative", "pengawas": "administrative",
    "functional_junior": "functional_junior", "ahli_pertama": "functional_junior",
    "ahli_muda": "functional_junior", "terampil": "functional_junior",
    "mahir": "functional_junior", "penyelia": "functional_junior",
    "functional_middle": "functional_middle", "ahli_madya": "functional_middle",
    "functional_principal": "functional_principal", "ahli_utama": "functional_principal",
    "leadership": "leadership", "pimpinan_tinggi": "leadership", "jpt": "leadership",
    "teacher": "teacher", "guru": "teacher",
}

SEX_WORDS = {"m": False, "male": False, "l": False, "laki-laki": False, "laki_laki": False,
             "pria": False, "1": False, "f": True, "female": True, "p": True,
             "perempuan": True, "wanita": True, "2": True}


def word(value: str) -> str:
    """A value as a lookup key: lower case, spaces and dashes as underscores."""
    return value.strip().lower().replace(" ", "_").replace("-", "_")
