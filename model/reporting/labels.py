"""Planner-facing words in Indonesian (default) and English.

Metric labels live in the METRICS table; this holds the rest: table headers,
figure titles and axis labels, agency and role names.
"""

from __future__ import annotations

from ..core.errors import UserError

LANGS = ("id", "en")

TEXT: dict[str, tuple[str, str]] = {
    # key: (Indonesian, English)
    "metric": ("Indikator", "Metric"),
    "unit": ("Satuan", "Unit"),
    "mean": ("Rata-rata", "Mean"),
    "ci95": ("Interval 95%", "95% interval"),
    "statistic": ("Statistik", "Statistic"),
    "stat_last": ("akhir periode", "at horizon"),
    "stat_sum": ("total", "total"),
    "stat_mean": ("rata-rata bulanan", "monthly mean"),
    "month": ("Bulan", "Month"),
    "year": ("Tahun", "Year"),
    "persons": ("orang", "persons"),
    "headcount": ("Jumlah ASN aktif", "Active staff"),
    "flows_per_year": ("Arus pegawai per tahun", "Staff flows per year"),
    "unmet_title": ("Jam kerja tidak terpenuhi per bulan", "Unmet workload hours per month"),
    "hours_month": ("jam/bulan", "hours/month"),
    "load_by_agency": ("EJ unit menurut dinas (ABK)", "Units' EJ by agency (ABK)"),
    "load_ratio": ("EJ (kebutuhan / jumlah pegawai)", "EJ (need / staff)"),
    "load_by_area": ("EJ unit menurut wilayah (ABK)", "Units' EJ by area type (ABK)"),
    "forest_title": ("Selisih berpasangan dan interval 95% dibandingkan dengan",
                     "Paired differences with 95% intervals against"),
    "negligible_band": ("Pita abu-abu: perubahan terlalu kecil untuk berarti (ambang di "
                        "laporan); titik kosong: selisih di dalam pita",
                        "Grey band: a change too small to matter (thresholds in the report); "
                        "hollow dot: a difference inside the band"),
    "better_up": ("lebih tinggi lebih baik", "higher is better"),
    "better_down": ("lebih rendah lebih baik", "lower is better"),
    "few_reps": ("Catatan: replikasi sedikit, interval lebar dan kurang andal; "
                 "jalankan lebih banyak replikasi (--replications)",
                 "Note: few replications, the intervals are wide and unreliable; run more "
                 "(--replications)"),
    "unmet_need_title": ("Kebutuhan pegawai yang tidak terpenuhi",
                         "Staffing need left unmet"),
    "unmet_share_title": ("Bagian kebutuhan yang tidak terpenuhi", "Share of the need unmet"),
    "start": ("Awal", "Start"),
    "end": ("Akhir", "End"),
    "band": ("rata-rata dan interval 95% antar replikasi",
             "mean and 95% interval over replications"),
    "summary_title": ("Ringkasan hasil", "Summary of results"),
    "calibration_title": ("Kalibrasi status quo terhadap statistik nasional",
                          "Calibration of the status quo against national statistics"),
    "target": ("Target", "Target"),
    "model": ("Model", "Model"),
    "status": ("Status", "Status"),
    "source": ("Sumber", "Source"),
    "pass": ("lulus", "pass"),
    "fail": ("GAGAL", "FAIL"),
    "assumption_mark": ("asumsi", "assumption"),
    "targets_passed": ("target terpenuhi", "targets met"),
    "results_in": ("Hasil tersimpan di", "Results written to"),
    "replications": ("replikasi", "replications"),
    "years": ("tahun", "years"),
    "plan_item": ("butir", "item"),
    "plan_value": ("nilai", "value"),
    "plan_meaning": ("keterangan", "meaning"),
    "policy": ("Kebijakan", "Policy"),
    "needs_title": ("Analisis kebutuhan pegawai", "Staffing needs analysis"),
    "by_agency": ("Menurut dinas", "By agency"),
    "by_unit_kind": ("Menurut jenis unit", "By unit kind"),
    "by_role": ("Menurut jabatan", "By role"),
    "most_over": ("Unit paling kekurangan pegawai (beban tertinggi)",
                  "Most under-staffed units (highest load)"),
    "most_under": ("Unit paling kelebihan pegawai (beban terendah)",
                   "Most over-staffed units (lowest load)"),
    "units": ("Unit", "Units"),
    "staff": ("Pegawai", "Staff"),
    "capacity_fte": ("Kapasitas (FTE)", "Capacity (FTE)"),
    "required_fte": ("Kebutuhan (FTE)", "Need (FTE)"),
    "gap_fte": ("Selisih (FTE, +lebih/-kurang)", "Gap (FTE, +surplus/-deficit)"),
    "surplus_fte": ("Kelebihan (FTE)", "Surplus (FTE)"),
    "deficit_fte": ("Kekurangan (FTE)", "Deficit (FTE)"),
    "agency": ("Dinas", "Agency"),
    "unit_kind": ("Jenis unit", "Unit kind"),
    "role": ("Jabatan", "Role"),
    "unit_name": ("Nama unit", "Unit name"),
    "area_type": ("Wilayah", "Area type"),
    "ej": ("EJ (kebutuhan/pegawai)", "EJ (need/staff)"),
    "effective_load": ("Beban efektif", "Effective load"),
    "retirements": ("Pensiun", "Retirements"),
    "exits": ("Keluar", "Exits"),
    "recruits": ("Rekrutmen", "Recruits"),
    "moves": ("Mutasi", "Transfers"),
    "transfers_title": ("Mutasi per replikasi: siapa mengusulkan, alasan, hasil",
                        "Transfers per run: proposed by, reason, outcome"),
    "proposed_by": ("Diusulkan oleh", "Proposed by"),
    "reason": ("Alasan", "Reason"),
    "outcome": ("Hasil", "Outcome"),
    "total_runs": ("Jumlah", "Total"),
    "per_run": ("Rerata", "Mean"),
    "cost_per_run": ("Biaya rerata", "Mean cost"),
    "transfers_legend": ("Jumlah: orang, di semua {n} replikasi; Rerata: orang per "
                         "replikasi (rata-rata);\nBiaya rerata: per replikasi.",
                         "Total: persons over all {n} runs; Mean: persons per run;\n"
                         "Mean cost: per run."),
    "compare_title": ("Perbandingan kebijakan", "Policy comparison"),
    "paired_note": ("Selisih berpasangan (replikasi yang sama, benih acak yang sama) "
                    "dengan interval 95%, dibandingkan dengan",
                    "Paired differences (same replications, same random seeds) with 95% "
                    "intervals, against"),
    "vs": ("vs", "vs"),
    "rank": ("Peringkat", "Rank"),
    "p_better": ("P(lebih baik)", "P(better)"),
    "value_or_diff": ("Nilai / selisih [95%]", "Value / difference [95%]"),
    "cost_total": ("Total biaya", "Total cost"),
    "ranked_detail": ("Selisih berpasangan [interval 95%]; tn = tidak berbeda nyata; "
                      "dibandingkan dengan", "Paired differences [95% interval]; ns = not "
                      "significant; against"),
    "ns_mark": ("tn", "ns"),
    "yes": ("ya", "yes"),
    "figures": ("Grafik", "Figures"),
    "report": ("Laporan", "Report"),
    "no": ("tidak", "no"),
    "scenarios": ("Skenario", "Scenarios"),
    "policies": ("Kebijakan", "Policies"),
    "metrics": ("Indikator", "Metrics"),
    "invalid_scenario": ("(tidak valid: jalankan `validate`)", "(invalid: run `validate`)"),
    "parameter": ("Parameter", "Parameter"),
    "default": ("Bawaan", "Default"),
    "range_unit": ("Rentang, satuan", "Range, unit"),
    "meaning": ("Arti", "Meaning"),
    "params_more": ("Tabel lengkap dengan sumber: list --params --markdown (juga docs/ODD.md)",
                    "Full table with sources: list --params --markdown (also docs/ODD.md)"),
    "units_short": ("Unit", "Units"),
    "staff_short": ("Pegawai", "Staff"),
    "capacity_fte_short": ("Kapasitas", "Capacity"),
    "required_fte_short": ("Kebutuhan", "Need"),
    "gap_fte_short": ("Selisih", "Gap"),
    "surplus_fte_short": ("Lebih", "Surplus"),
    "deficit_fte_short": ("Kurang", "Deficit"),
    "agency_short": ("Dinas", "Agency"),
    "unit_kind_short": ("Jenis unit", "Unit kind"),
    "role_short": ("Jabatan", "Role"),
    "unit_name_short": ("Nama unit", "Unit"),
    "area_type_short": ("Wilayah", "Area"),
    "ej_short": ("EJ", "EJ"),
    "effective_load_short": ("Beban ef.", "Eff. load"),
    "needs_legend": ("Kapasitas, Kebutuhan, Lebih, Kurang dan Selisih (kapasitas - kebutuhan) "
                     "dalam FTE;\nEJ = kebutuhan / pegawai (ABK, PermenPANRB 1/2020); "
                     "Beban ef. = kebutuhan / kapasitas efektif.\n"
                     "Semua kolom: needs --csv FILE",
                     "Capacity, Need, Surplus, Deficit and Gap (capacity - need) in FTE;\n"
                     "EJ = need / staff (ABK, PermenPANRB 1/2020); Eff. load = need / "
                     "effective capacity.\nEvery column: needs --csv FILE"),
}

OUTCOME_LABELS: dict[str, tuple[str, str]] = {
    "executed": ("dilaksanakan", "executed"),
    "refused": ("batal karena keberatan", "cancelled after objection"),
    "forced": ("dilaksanakan meski keberatan", "carried out despite objection"),
    "blocked": ("terhalang", "blocked"),
}

CONSTRAINT_LABELS: dict[str, tuple[str, str]] = {
    "same_position": ("posisi sama", "same position"),
    "not_eligible": ("tidak memenuhi syarat jabatan", "not eligible for the role"),
    "min_tenure": ("masa jabatan < minimum", "below minimum tenure"),
    "near_retirement": ("menjelang pensiun", "near retirement"),
    "one_per_round": ("sudah diusulkan", "already proposed"),
    "max_distance": ("terlalu jauh", "too far"),
    "home_district": ("di luar daerah asal", "outside home district"),
    "min_staffing": ("unit asal kurang pegawai", "source unit at minimum staff"),
    "budget_moves": ("kuota mutasi habis", "move quota spent"),
    "budget_idr": ("anggaran habis", "budget spent"),
}

# the same constraints as checks a planned move passed ({} is the parameter's value)
CHECK_LABELS: dict[str, tuple[str, str]] = {
    "not_eligible": ("memenuhi syarat jabatan", "eligible for the role"),
    "min_tenure": ("masa jabatan >= {} bulan", "in position >= {} months"),
    "near_retirement": ("pensiun > {} bulan lagi", "retirement > {} months away"),
    "one_per_round": ("satu usulan per pegawai", "one proposal per person"),
    "max_distance": ("jarak <= {} km", "distance <= {} km"),
    "home_district": ("di kecamatan asal", "in the home district"),
    "min_staffing": ("unit asal tetap >= {} pegawai per jabatan",
                     "source keeps >= {} staff per role"),
    "budget_moves": ("dalam kuota mutasi tahunan", "within the yearly move quota"),
    "budget_idr": ("dalam anggaran tahunan", "within the yearly budget"),
}

REASON_LABELS: dict[str, tuple[str, str]] = {
    "balance_workload": ("penyeimbangan beban kerja", "workload balancing"),
    "anticipate_retirement": ("antisipasi pensiun", "retirement anticipation"),
    "competence_match": ("kesesuaian kompetensi", "competence match"),
    "rotation_tenure": ("rotasi masa jabatan", "rotation after tenure"),
    "rotation_cross_field": ("rotasi lintas bidang", "cross-field rotation"),
    "optimal_flow": ("distribusi optimal", "optimal distribution"),
    "request_home": ("ke daerah asal", "to home district"),
    "request_urban": ("ke perkotaan", "to an urban unit"),
    "request_easier_area": ("ke daerah lebih mudah", "to an easier area"),
}


def reason_label(reason: str, lang: str = "id") -> str:
    """Planner-facing reason of a proposal (custom reasons are shown as given)."""
    return _pick(REASON_LABELS, reason, lang)


def outcome_label(outcome: str, lang: str = "id") -> str:
    """Planner-facing outcome, e.g. 'blocked:min_tenure' -> 'terhalang: masa jabatan < minimum'."""
    kind, _, constraint = str(outcome).partition(":")
    text = _pick(OUTCOME_LABELS, kind, lang)
    return f"{text}: {_pick(CONSTRAINT_LABELS, constraint, lang)}" if constraint else text

AGENCY_LABELS: dict[str, tuple[str, str]] = {
    "education": ("Pendidikan", "Education"),
    "health": ("Kesehatan", "Health"),
    "public_works": ("PUPR", "Public works"),
    "transport": ("Perhubungan", "Transport"),
    "finance": ("Keuangan", "Finance"),
    "secretariat": ("Sekretariat", "Secretariat"),
}


ROLE_LABELS: dict[str, tuple[str, str]] = {
    "teacher_primary": ("Guru SD", "Primary teacher"),
    "teacher_secondary": ("Guru SMP", "Secondary teacher"),
    "doctor": ("Dokter", "Doctor"),
    "nurse": ("Perawat", "Nurse"),
    "midwife": ("Bidan", "Midwife"),
    "health_technician": ("Tenaga kesehatan lain", "Health technician"),
    "engineer": ("Teknik sipil", "Engineer"),
    "transport_officer": ("Petugas perhubungan", "Transport officer"),
    "finance_officer": ("Pengelola keuangan", "Finance officer"),
    "admin": ("Administrasi umum", "General administration"),
}


AREA_LABELS: dict[str, tuple[str, str]] = {
    "urban": ("perkotaan", "urban"),
    "rural": ("perdesaan", "rural"),
    "remote": ("terpencil", "remote"),
    "mountain": ("pegunungan", "mountain"),
    "coastal": ("pesisir", "coastal"),
    "island": ("kepulauan", "island"),
}


def area_label(area: str, lang: str = "id") -> str:
    """Planner-facing name of an area type."""
    return _pick(AREA_LABELS, area, lang)


def role_label(role: str, lang: str = "id") -> str:
    """Planner-facing name of a role (occupation)."""
    return _pick(ROLE_LABELS, role, lang)


def check_lang(lang: str) -> str:
    """Return `lang` if supported, else raise a clear error."""
    if lang not in LANGS:
        raise UserError(f"--lang {lang!r}: unknown language; expected one of {', '.join(LANGS)}")
    return lang


def t(key: str, lang: str = "id") -> str:
    """The text `key` in `lang` ('id' or 'en')."""
    return _pick(TEXT, key, lang)


def _pick(table: dict[str, tuple[str, str]], key: str, lang: str) -> str:
    """The Indonesian or English entry of `table` for `key` (the key itself if unknown)."""
    id_, en = table.get(str(key), (str(key), str(key)))
    return id_ if lang == "id" else en


POLICY_LABELS: dict[str, tuple[str, str]] = {
    "none": ("status quo", "status quo"),
    "rotation": ("rotasi", "rotation"),
    "balancing": ("penyeimbangan beban", "workload balancing"),
    "matching": ("kesesuaian kompetensi", "competence matching"),
    "anticipation": ("antisipasi pensiun", "retirement anticipation"),
    "optimal": ("optimasi", "optimisation"),
    "request": ("permohonan sendiri", "own request"),
}

# the units of METRICS and of parameter declarations as planners read them
UNIT_LABELS: dict[str, tuple[str, str]] = {
    "orang": ("orang", "persons"),
    "persons": ("orang", "persons"),
    "jam/bulan": ("jam/bulan", "hours/month"),
    "proporsi": ("%", "%"),
    "share": ("bagian", "share"),
    "rasio": ("rasio", "ratio"),
    "FTE": ("FTE", "FTE"),
    "IDR": ("Rp", "IDR"),
    "0-1": ("0-1", "0-1"),
    "years": ("tahun", "years"),
    "months": ("bulan", "months"),
    "runs": ("replikasi", "runs"),
    "year": ("tahun", "year"),
    "per year": ("per tahun", "per year"),
    "per month": ("per bulan", "per month"),
    "km": ("km", "km"),
}


def policy_label(policy: str, lang: str = "id") -> str:
    """Planner-facing name of a policy; a composition 'a+b' as 'a + b'."""
    return " + ".join(_pick(POLICY_LABELS, p, lang) for p in str(policy).split("+"))


POLICY_SUMMARIES: dict[str, tuple[str, str]] = {
    "none": ("tanpa mutasi terencana; hanya permohonan pindah sendiri",
             "no planned transfers; own requests only"),
    "rotation": ("memindahkan pegawai yang terlalu lama di satu posisi",
                 "moves staff who have held a position too long"),
    "balancing": ("memindahkan pegawai dari unit kelebihan ke unit kekurangan",
                  "moves staff from surplus units to deficit units"),
    "matching": ("memindahkan pegawai ke unit yang sesuai kompetensinya",
                 "moves staff to units that fit their competence"),
    "anticipation": ("mengisi lebih dulu posisi yang akan ditinggal pensiun",
                     "fills positions ahead of retirements"),
    "optimal": ("memilih mutasi terbaik dengan optimasi (HiGHS)",
                "chooses the best set of transfers by optimisation (HiGHS)"),
}


def policy_summary(policy: str, lang: str = "id") -> str:
    """One line on what a policy does; a composition lists its parts' lines."""
    parts = str(policy).split("+")
    return "; ".join(f"{policy_label(p, lang)}: {_pick(POLICY_SUMMARIES, p, lang)}"
                     if len(parts) > 1 else _pick(POLICY_SUMMARIES, p, lang) for p in parts)


def unit_label(unit: str, lang: str = "id") -> str:
    """Planner-facing unit (a unit not in the table is shown as declared)."""
    return _pick(UNIT_LABELS, unit, lang)


def agency_label(agency: str, lang: str = "id") -> str:
    """Planner-facing name of an agency."""
    return _pick(AGENCY_LABELS, agency, lang)


# the uncertain inputs of sensitivity analysis (model.scenario.uncertainty)
UNCERTAIN_LABELS: dict[str, tuple[str, str]] = {
    "demography.exit_hazard_scale": ("Skala risiko keluar (berhenti, meninggal)",
                                     "Exit hazard scale"),
    "demography.overload_exit_factor": ("Pengaruh beban lebih pada risiko keluar",
                                        "Overload effect on exits"),
    "demand.shock_rate": ("Frekuensi guncangan kebutuhan", "Rate of need shocks"),
    "recruitment.replacement_rate": ("Rasio penggantian formasi", "Formasi replacement rate"),
    "recruitment.fill_scale": ("Skala keterisian formasi", "Formasi fill-rate scale"),
    "mutation.response.refusal_odds_scale": ("Skala kecenderungan menolak mutasi",
                                             "Refusal propensity scale"),
    "adaptation.d_scale": ("Skala kedalaman penurunan produktivitas (D)",
                           "Adaptation depth scale (D)"),
    "adaptation.tau_scale": ("Skala lama adaptasi (tau)", "Adaptation time scale (tau)"),
    "competence.domain_learning_per_year": ("Laju belajar bidang unit per tahun",
                                            "Domain learning per year"),
}


def uncertain_label(path: str, lang: str = "id") -> str:
    """Label of an uncertain input; per-agency need growth names its agency."""
    head, _, key = path.rpartition(".")
    if head == "demand.growth_by_agency":
        return (f"Pertumbuhan kebutuhan: {agency_label(key, lang)}" if lang == "id"
                else f"Need growth: {agency_label(key, lang)}")
    return _pick(UNCERTAIN_LABELS, path, lang) if path in UNCERTAIN_LABELS else path
