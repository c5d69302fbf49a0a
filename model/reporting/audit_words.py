"""The merit and fairness audit in words: groups, rates, findings and a planner's table.

`audit.csv` (`results.audit`) names dimensions and groups by code; the report, the
evaluation and plan workbooks and the dashboard name them here, in the reader's
language, and say what a flag means: the group's rate lies beyond the four-fifths band
of the whole staff's rate over every replication's interval.
"""

from __future__ import annotations

import pandas as pd

from ..core.text import words
from .formats import fmt_fixed, fmt_share
from .labels import AREA_LABELS, policy_label

DIMENSIONS = words("reporting.audit.dimension", {
    "sex": ("jenis kelamin", "sex"),
    "age": ("kelompok umur", "age band"),
    "employment": ("status kepegawaian", "employment"),
    "family": ("rumpun jabatan", "occupation family"),
    "home_km": ("jarak tugas dari daerah asal", "distance of the post from home"),
    "performance": ("kuartil kinerja", "performance quartile"),
    "area": ("jenis wilayah tugas", "area type of the post"),
})
GROUPS = words("reporting.audit.group", {
    "male": ("laki-laki", "men"), "female": ("perempuan", "women"),
    "PNS": ("PNS", "PNS"), "PPPK": ("PPPK", "PPPK"),
    "q1": ("kuartil 1 (kinerja terendah)", "quartile 1 (lowest performance)"),
    "q2": ("kuartil 2", "quartile 2"), "q3": ("kuartil 3", "quartile 3"),
    "q4": ("kuartil 4 (kinerja tertinggi)", "quartile 4 (highest performance)"),
    "education": ("pendidikan", "education"), "health": ("kesehatan", "health"),
    "technical": ("teknis", "technical"), "transport": ("perhubungan", "transport"),
    "finance": ("keuangan", "finance"), "general": ("umum", "general"),
})
RATES = words("reporting.audit.rate", {
    "moved": ("dimutasi", "moved"),
    "hard": ("dimutasi ke daerah sulit", "moved into hard areas"),
    "forced": ("dimutasi meski keberatan", "moved despite an objection"),
    "objected": ("mengajukan keberatan", "objected"),
})
SENTENCES = words("reporting.audit.sentence", {
    "flag": ("{policy}: {group} ({dimension}): {rates}; di luar batas {band} tingkat "
             "seluruh pegawai.",
             "{policy}: {group} ({dimension}): {rates}; outside the {band} band of the "
             "whole staff's rate."),
    "rate": ("{rate} {more} ({ratio}×; 95 %: {low} – {high})",
             "{rate} {more} ({ratio}×; 95 %: {low} – {high})"),
    "rate_plan": ("{rate} {more} ({ratio}×)", "{rate} {more} ({ratio}×)"),
    "more": ("lebih sering", "more often"),
    "less": ("lebih jarang", "less often"),
    "one_run": ("{policy}: dengan satu replikasi audit tidak dapat dinilai (interval perlu "
                "minimal 2 replikasi; tabel tetap di audit.csv).",
                "{policy}: with one replication the audit cannot be judged (an interval needs "
                "at least 2 replications; the table is still in audit.csv)."),
    "none": ("{policy}: tidak ada kelompok yang tingkat mutasinya di luar batas {band} "
             "(aturan empat-perlima) di seluruh replikasi.",
             "{policy}: no group's transfer rates lie outside the {band} band (the "
             "four-fifths rule) over the replications."),
    "punishment": ("{policy}: tanda mutasi sebagai hukuman: pegawai berkinerja terendah "
                   "dimutasi ke daerah sulit {ratio} kali tingkat seluruh pegawai.",
                   "{policy}: a punishment-transfer signal: the lowest performers are sent "
                   "to hard areas at {ratio} times the whole staff's rate."),
    "no_audit": ("Status quo tidak merencanakan mutasi; tidak ada yang diaudit.",
                 "The status quo plans no transfer; there is nothing to audit."),
})
COLUMNS = words("reporting.audit.column", {
    "audit_policy": ("Kebijakan", "Policy"),
    "dimension": ("Dimensi", "Dimension"),
    "group": ("Kelompok", "Group"),
    "staff_share": ("Bagian pegawai", "Share of staff"),
    "rate_moved": ("Dimutasi (per pegawai per putaran)", "Moved (per person per round)"),
    "ratio_moved": ("Rasio dimutasi", "Ratio moved"),
    "ratio_hard": ("Rasio ke daerah sulit", "Ratio into hard areas"),
    "ratio_forced": ("Rasio dipaksa", "Ratio forced"),
    "ratio_objected": ("Rasio keberatan", "Ratio objected"),
    "share_repeat": ("Dimutasi ulang (bagian yang dimutasi)", "Moved again (share of moved)"),
    "mean_home_km": ("Jarak rata-rata tujuan dari daerah asal (km)",
                     "Mean km of the destination from home"),
    "flagged": ("Di luar batas empat-perlima", "Outside the four-fifths band"),
})


def group_label(dimension: str, group: str, lang: str = "id") -> str:
    """A group in words: its declared word, an area type's, or its band as written."""
    if dimension == "area" and group in AREA_LABELS:
        return AREA_LABELS[group][lang]
    text = GROUPS.get(group)
    return text[lang] if text is not None else str(group)


def _band(params, lang: str) -> str:
    return f"{fmt_fixed(params.low_ratio, 2, lang)}–{fmt_fixed(params.high_ratio, 2, lang)}"


def audit_findings(audit: pd.DataFrame, params, lang: str = "id") -> list[str]:
    """Sentences: each flagged group and rate, the punishment signal, or that none is."""
    if audit is None or audit.empty:
        return [SENTENCES["no_audit"][lang]]
    out: list[str] = []
    band = _band(params, lang)
    for policy, rows in audit.groupby("policy", sort=False):
        name = policy_label(policy, lang)
        flagged = rows[rows["flagged"].fillna("").astype(str) != ""]
        for r in flagged.itertuples():
            # a run's audit has intervals over replications; a plan's ratios are its own
            def more(rate: str, r=r) -> str:
                return SENTENCES["more" if getattr(r, f"ratio_{rate}") > 1 else "less"][lang]

            rates = "; ".join(
                SENTENCES["rate"].format(
                    lang, rate=RATES[rate][lang], more=more(rate),
                    ratio=fmt_fixed(getattr(r, f"ratio_{rate}"), 2, lang),
                    low=fmt_fixed(getattr(r, f"ratio_{rate}_low"), 2, lang),
                    high=fmt_fixed(getattr(r, f"ratio_{rate}_high"), 2, lang))
                if hasattr(r, f"ratio_{rate}_low") else SENTENCES["rate_plan"].format(
                    lang, rate=RATES[rate][lang], more=more(rate),
                    ratio=fmt_fixed(getattr(r, f"ratio_{rate}"), 2, lang))
                for rate in str(r.flagged).split(","))
            out.append(SENTENCES["flag"].format(
                lang, policy=name, group=group_label(r.dimension, r.group, lang),
                dimension=DIMENSIONS[r.dimension][lang], rates=rates, band=band))
        punished = rows[rows["punishment_signal"].astype(bool)]
        for r in punished.itertuples():
            out.append(SENTENCES["punishment"].format(
                lang, policy=name, ratio=fmt_fixed(r.ratio_hard, 2, lang)))
        single = "replications" in rows and int(rows["replications"].max()) < 2
        if single:
            out.append(SENTENCES["one_run"].format(lang, policy=name))
        elif flagged.empty and punished.empty:
            out.append(SENTENCES["none"].format(lang, policy=name, band=band))
    return out


def audit_sheet(audit: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    """The audit as a planner's table (words, shares as %, ratios to 2 decimals)."""
    if audit is None or audit.empty:
        return pd.DataFrame(columns=list(COLUMNS))
    return pd.DataFrame({
        "audit_policy": [policy_label(p, lang) for p in audit["policy"]],
        "dimension": [DIMENSIONS[d][lang] for d in audit["dimension"]],
        "group": [group_label(d, g, lang) for d, g in zip(audit["dimension"], audit["group"],
                                                         strict=True)],
        "staff_share": [fmt_share(x, lang) for x in audit["staff_share"]],
        "rate_moved": audit["rate_moved"].round(4),
        **{f"ratio_{r}": audit[f"ratio_{r}"].round(2) for r in RATES},
        "share_repeat": audit["share_repeat"].round(3),
        "mean_home_km": audit["mean_home_km"].round(1),
        "flagged": [", ".join(RATES[r][lang] for r in str(f).split(",") if r in RATES)
                    for f in audit["flagged"].fillna("")],
    })
