"""Planner-facing words in Indonesian (default) and English: catalogue entries.

What a concept says about itself is declared with it: a metric's label in `METRICS`, a
policy's label, summary, colour and reasons on the policy (`model/policies`). This
holds reporting's own words (table headers, figure titles and axis labels) and the
names of agencies, roles, area types and units, each a `Text` of the one catalogue
(`model/core/text.py`), looked up by key (`t(key, lang)`). A key that is not declared
raises KeyError: a missing word never shows as its raw key.
"""

from __future__ import annotations

from ..core.text import LANGS, Text, words
from ..policies.registry import CUSTOM_SUMMARY, REASONS, policy_color, policy_text
from ..processes import constraints
from ..processes.requests import REASONS as REQUEST_REASONS
from ..scenario.uncertainty import uncertain_label as _uncertain_label

__all__ = ["LANGS", "policy_color"]

TEXT: dict[str, Text] = words("reporting", {
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
    "target": ("Target", "Target"),
    "model": ("Model", "Model"),
    "status": ("Status", "Status"),
    "source": ("Sumber", "Source"),
    "pass": ("lulus", "pass"),
    "fail": ("GAGAL", "FAIL"),
    "assumption_mark": ("asumsi", "assumption"),
    "replications": ("replikasi", "replications"),
    "years": ("tahun", "years"),
    "plan_item": ("butir", "item"),
    "plan_value": ("nilai", "value"),
    "plan_meaning": ("keterangan", "meaning"),
    "policy": ("Kebijakan", "Policy"),
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
    "no_staff": ("tanpa pegawai", "no staff"),
    "effective_load_short": ("Beban ef.", "Eff. load"),
    "needs_legend": ("Kapasitas, Kebutuhan, Lebih, Kurang dan Selisih (kapasitas - kebutuhan) "
                     "dalam FTE;\nEJ = kebutuhan / pegawai (ABK, PermenPANRB 1/2020); "
                     "Beban ef. = kebutuhan / kapasitas efektif.\n"
                     "Semua kolom: needs --csv FILE",
                     "Capacity, Need, Surplus, Deficit and Gap (capacity - need) in FTE;\n"
                     "EJ = need / staff (ABK, PermenPANRB 1/2020); Eff. load = need / "
                     "effective capacity.\nEvery column: needs --csv FILE"),
})

OUTCOME_LABELS: dict[str, Text] = words("reporting.outcome", {
    "executed": ("dilaksanakan", "executed"),
    "refused": ("batal karena keberatan", "cancelled after objection"),
    "forced": ("dilaksanakan meski keberatan", "carried out despite objection"),
    "blocked": ("terhalang", "blocked"),
})

def reason_label(reason: str, lang: str = "id") -> str:
    """Planner-facing reason of a proposal: the policy's declared label of it.

    A custom policy's reasons are shown as the policy writes them (its class is not
    seen by reporting).
    """
    return _word(REASONS if str(reason) in REASONS else REQUEST_REASONS, reason, lang)


def outcome_label(outcome: str, lang: str = "id") -> str:
    """Planner-facing outcome, e.g. 'blocked:min_tenure' -> 'terhalang: masa jabatan < minimum'."""
    kind, _, constraint = str(outcome).partition(":")
    text = OUTCOME_LABELS[kind][lang]
    return f"{text}: {constraints.label(constraint)[lang]}" if constraint else text

AGENCY_LABELS: dict[str, Text] = words("reporting.agency", {
    "education": ("Pendidikan", "Education"),
    "health": ("Kesehatan", "Health"),
    "public_works": ("PUPR", "Public works"),
    "transport": ("Perhubungan", "Transport"),
    "finance": ("Keuangan", "Finance"),
    "secretariat": ("Sekretariat", "Secretariat"),
})


ROLE_LABELS: dict[str, Text] = words("reporting.role", {
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
})


AREA_LABELS: dict[str, Text] = words("reporting.area", {
    "urban": ("perkotaan", "urban"),
    "rural": ("perdesaan", "rural"),
    "remote": ("terpencil", "remote"),
    "mountain": ("pegunungan", "mountain"),
    "coastal": ("pesisir", "coastal"),
    "island": ("kepulauan", "island"),
})


def area_label(area: str, lang: str = "id") -> str:
    """Planner-facing name of an area type."""
    return AREA_LABELS[area][lang]


def role_label(role: str, lang: str = "id") -> str:
    """Planner-facing name of a role (a region's own occupation is shown by its name)."""
    return _word(ROLE_LABELS, role, lang)


def _word(table: dict[str, Text], key: object, lang: str) -> str:
    """The word of `key` in `lang`, or `key` as written if the table does not hold it.

    Such a name is a region's own role or agency, a custom policy's reason, or a unit
    as declared.
    """
    text = table.get(str(key))
    return text[lang] if text is not None else str(key)


def t(key: str, lang: str = "id") -> str:
    """The text `key` in `lang` ('id' or 'en'); KeyError if `key` is not declared."""
    return TEXT[key][lang]


# who proposed a move that no policy proposed: an employee's own request
REQUEST_LABEL = words("reporting.proposer", {"request": ("permohonan sendiri", "own request")})

# the units of METRICS and of parameter declarations as planners read them
UNIT_LABELS: dict[str, Text] = words("reporting.unit", {
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
})


def policy_label(policy: str, lang: str = "id") -> str:
    """Planner-facing name of a policy (its declared label); a composition 'a+b' as 'a + b'.

    A custom policy (`policy: {module, class}`) is shown by the name the scenario gives
    it (`name:`, else its class's): reporting reads results files, not its class.
    """
    return " + ".join(_policy_word(p, "label", lang) for p in str(policy).split("+"))


def _policy_word(policy: str, what: str, lang: str) -> str:
    """A policy's label or summary in `lang`; a custom policy's generated one."""
    text = policy_text(policy, what)
    if text is None and what == "label":
        text = REQUEST_LABEL.get(policy)
    if text is None:
        return policy if what == "label" else CUSTOM_SUMMARY[lang]
    return text[lang]


def policy_summary(policy: str, lang: str = "id") -> str:
    """One line on what a policy does; a composition lists its parts' lines."""
    parts = str(policy).split("+")
    return "; ".join(f"{policy_label(p, lang)}: {_policy_word(p, 'summary', lang)}"
                     if len(parts) > 1 else _policy_word(p, "summary", lang) for p in parts)


def unit_label(unit: str, lang: str = "id") -> str:
    """Planner-facing unit (a unit not in the table is shown as declared)."""
    return _word(UNIT_LABELS, unit, lang)


def agency_label(agency: str, lang: str = "id") -> str:
    """Planner-facing name of an agency (a region's own agency is shown by its name)."""
    return _word(AGENCY_LABELS, agency, lang)


def uncertain_label(path: str, lang: str = "id") -> str:
    """Label of an uncertain input (declared in its `par()`); need growth names its agency."""
    return _uncertain_label(path, lang, agency_label)
