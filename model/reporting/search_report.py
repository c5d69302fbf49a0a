"""The policy search as a page a head of office reads: `search` writes `report.html`.

One self-contained HTML file in the search folder (`--pdf` prints it): the short list,
each candidate in sentences against the status quo; the two figures; the kept front
with each objective's mean and 95% interval; the robustness over the uncertain
inputs; and how the search was made (objectives, thresholds, replications, the inputs
explored and their ranges). Everything is read from the folder's own files.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pandas as pd
from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..core.text import in_language, words
from ..scenario.levers import LEVER_BY_KEY
from .formats import fmt_interval, fmt_share, fmt_value
from .labels import uncertain_label
from .search import (
    axis_label,
    objective_label,
    objective_unit,
    per_year,
    reason_text,
    setting_text,
    setting_values,
    versus_quo,
)

TEMPLATES = Path(__file__).parent / "templates"

SEARCH_TEXT = words("reporting.search_report", {
    "title": ("Pencarian kebijakan", "Policy search"),
    "scenario": ("Skenario", "Scenario"),
    "sub": ("{candidates} kandidat dinilai ({evaluations} oleh pengoptimasi), {reps} "
            "replikasi berpasangan masing-masing; {kept} dipertahankan di front, dinilai "
            "ulang dengan {final} replikasi; {years} tahun; seed {seed}",
            "{candidates} candidates scored ({evaluations} by the optimiser), {reps} paired "
            "replications each; {kept} kept on the front, scored again with {final} "
            "replications; {years} years; seed {seed}"),
    "shortlist": ("Daftar pendek", "Short list"),
    "shortlist_note": ("Setiap kandidat dibandingkan dengan status quo pada replikasi yang "
                       "sama (bilangan acak bersama).",
                       "Each candidate against the status quo on the same replications "
                       "(common random numbers)."),
    "figures": ("Grafik", "Figures"),
    "front": ("Front yang dipertahankan", "The front kept"),
    "front_note": ("Rata-rata dan interval 95% atas {final} replikasi. Kandidat yang jelas "
                   "didominasi kandidat lain (tidak lebih buruk di semua sasaran, lebih baik "
                   "di satu sasaran melampaui derau) sudah dibuang.",
                   "Mean and 95% interval over {final} replications. Candidates another "
                   "clearly dominates (no worse on every objective, better on one beyond "
                   "noise) were dropped."),
    "candidate": ("Kandidat", "Candidate"),
    "setting": ("Pengaturan", "Setting"),
    "robust": ("Ketangguhan terhadap ketidakpastian", "Robustness to the uncertainties"),
    "robust_note": ("Tiap kandidat dijalankan pada {points} titik sampel hiperkubus Latin "
                    "dari input tidak pasti ({reps} replikasi per titik). Tiap sel, dari atas: "
                    "median, persentil ke-90 pada sisi yang lebih buruk, dan penyesalan "
                    "terbesar (selisih dari kandidat terbaik di titik yang sama).",
                    "Each candidate was run at {points} Latin hypercube points of the "
                    "uncertain inputs ({reps} replications a point). Each cell, from the "
                    "top: the median, the 90th percentile on the worse side, and the largest "
                    "regret (how far behind the best candidate at the same point)."),
    "satisficing": ("Titik yang memenuhi ambang", "Points meeting the thresholds"),
    "method": ("Cara pencarian dibuat", "How the search was made"),
    "objectives": ("Sasaran", "Objectives"),
    "minimise": ("diperkecil", "minimised"),
    "maximise": ("diperbesar", "maximised"),
    "thresholds": ("Ambang", "Thresholds"),
    "none": ("tidak ada", "none"),
    "inputs": ("Input tidak pasti yang dieksplorasi", "Uncertain inputs explored"),
    "method_note": ("NSGA-II pada variabel campuran (pymoo); setiap tuas bergerak pada langkah "
                    "kontrol dasbor di dalam rentang yang dideklarasikan. Semua run tersimpan "
                    "di evaluations.csv. Biaya total = biaya pindah, pelatihan, tunjangan "
                    "daerah terpencil dan sosialisasi; gaji tidak dihitung.",
                    "NSGA-II on mixed variables (pymoo); every lever moves on the dashboard "
                    "control's steps inside its declared range. Every run is stored in "
                    "evaluations.csv. Total cost = relocation, training, remote-area "
                    "allowance and socialisation; salaries are not counted."),
})


def read_front_table(path: Path) -> pd.DataFrame:
    """front.csv as written: numbers as numbers, text as text.

    An undefined interval (one replication) is NaN; a candidate that is no reference or
    on no short list has ''.
    """
    front = pd.read_csv(path)
    for col in ("reference", "shortlist"):
        front[col] = front[col].fillna("").astype(str)
    return front


def _img(path: Path) -> str:
    return base64.b64encode(path.read_bytes()).decode("ascii") if path.is_file() else ""


def render_search(folder: Path, lang: str = "id") -> str:
    """The search folder's page as one HTML string."""
    folder = Path(folder)
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    front = read_front_table(folder / "front.csv")
    robust_path = folder / "robustness.csv"
    robust = pd.read_csv(robust_path) if robust_path.is_file() else pd.DataFrame()
    objectives = [k for k, _ in meta["objectives"]]
    senses = dict(meta["objectives"])
    levers, years = meta["levers"], meta["years"]
    thresholds = bool(meta["thresholds"])
    text = in_language(SEARCH_TEXT, lang)
    sub = SEARCH_TEXT["sub"].format(
        lang, candidates=str(meta["candidates"]), evaluations=str(meta["evaluations"]),
        reps=str(meta["replications"]), kept=str(meta["kept"]),
        final=str(meta["final_replications"]), years=str(years), seed=str(meta["seed"]))
    shortlist = []
    for _, row in front[front["shortlist"].astype(str) != ""].iterrows():
        shortlist.append({
            "id": row["candidate"],
            "reasons": "; ".join(reason_text(r, objectives[0], thresholds, lang)
                                 for r in str(row["shortlist"]).split(";")),
            "setting": setting_text(row, levers, lang),
            "lines": versus_quo(row, objectives, years, lang)})
    rows = []
    for _, row in front.iterrows():
        cells = []
        for k in objectives:
            scale = 1 / years if per_year(k) else 1.0
            unit = objective_unit(k)
            interval = fmt_interval(row[f"{k}_lo"] * scale, row[f"{k}_hi"] * scale, unit, lang)
            cells.append([fmt_value(row[k] * scale, unit, lang), interval])
        rows.append({"id": row["candidate"], "setting": setting_values(row, levers, lang),
                     "cells": cells})
    robust_rows = []
    if len(robust):
        for _, row in front.iterrows():
            cells = []
            for k in objectives:
                scale = 1 / years if per_year(k) else 1.0
                unit = objective_unit(k)
                cells.append([fmt_value(row[f"{k}_{s}"] * scale, unit, lang)
                              for s in ("median", "p90", "max_regret")])
            share = row.get("satisficing", float("nan"))
            robust_rows.append({"id": row["candidate"], "cells": cells,
                                "satisficing": fmt_share(float(share), lang)
                                if share == share else ""})
    inputs = [f"{uncertain_label(p, lang)} ({p})" for p in meta.get("uncertain_inputs", [])]
    env = Environment(loader=FileSystemLoader(TEMPLATES),
                      autoescape=select_autoescape(["html", "j2"]))
    return env.get_template("search.html.j2").render(
        lang=lang, T=text, scenario=meta["scenario"], sub=sub, shortlist=shortlist,
        figures=[_img(folder / "figures" / f"{n}{'' if lang == 'id' else '-' + lang}.png")
                 for n in ("front", "parallel")],
        columns=[axis_label(k, lang) for k in objectives], rows=rows,
        lever_order=" · ".join(LEVER_BY_KEY[k].label(lang) for k in levers),
        robust=robust_rows, thresholds=meta["thresholds"] or [text["none"]],
        robust_columns=[axis_label(k, lang) for k in objectives],
        points=meta["robustness"], robust_reps=meta["robust_replications"],
        objectives=[f"{objective_label(k, lang)} ({k}): "
                    f"{text['minimise'] if senses[k] > 0 else text['maximise']}"
                    for k in objectives],
        inputs=inputs, final=meta["final_replications"], command=meta.get("command", ""))


def write_search_report(folder: Path, lang: str = "id", pdf: bool = False) -> Path:
    """Write `report.html` (`report-en.html` in English) in the search folder."""
    name = "report.html" if lang == "id" else f"report-{lang}.html"
    path = Path(folder) / name
    path.write_text(render_search(folder, lang), encoding="utf-8")
    if pdf:
        from .report import write_pdf

        write_pdf(path)
    return path
