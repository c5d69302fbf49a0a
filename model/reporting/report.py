"""The report of a results folder: one self-contained HTML file (figures embedded).

`write_report(run_dir, lang)` reads the folder's own files (meta.json, scenario.yaml,
summary.csv, transfers.parquet or .csv, figures/) and renders `templates/report.html.j2` with
jinja2: the scenario and its levers, the policies compared, a headline table with
95% intervals, findings written from the numbers, the figures, the transfer log and
the method and its limits. `write_pdf` prints the same page to PDF with weasyprint.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
import yaml
from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..core.errors import UserError
from ..core.text import in_language
from ..results.analysis import total_cost
from ..results.files import has_table, read_table
from ..scenario.declarations import iter_parameters
from ..scenario.levers import LEVERS
from ..scenario.loading import load_scenario
from ..simulation.metrics import METRICS, headline
from .findings import (
    comparison_findings,
    negligible,
    practical_thresholds,
    run_findings,
    threshold_text,
)
from .formats import (
    crosses_zero,
    fmt_count,
    fmt_fixed,
    fmt_idr,
    fmt_interval,
    fmt_share,
    fmt_value,
)
from .labels import outcome_label, policy_label, t, unit_label
from .messages_report import ReportMsg
from .region_files import is_placeholder
from .report_governments import governments_section
from .report_text import (
    FIGURE_CAPTIONS,
    LEVER_WORDS,
    LIMITS,
    METHOD,
    REPORT_TEXT,
    policy_summary,
    report_file,
)
from .style import FEW_REPLICATIONS, policy_color, policy_order
from .tables import per_run_counts

TEMPLATES = Path(__file__).parent / "templates"
WIDE_TABLE = 4  # more policies than this: the headline table gets a landscape page
TRANSFER_COLUMNS = ["run_policy", "policy", "outcome", "month", "cost_idr"]  # what it reads


def _read(run_dir: Path, transfers: pd.DataFrame | None = None) -> dict:
    """The folder's files the report reads, with a clear error when one is missing.

    `transfers`: the transfer log's tally when the caller holds it (the folder being
    written), instead of reading the log back.
    """
    need = ("meta.json", "scenario.yaml", "summary.csv")
    missing = [n for n in need if not (run_dir / n).is_file()]
    if missing:
        raise UserError(ReportMsg.not_results(dir=run_dir, files=", ".join(missing)))
    try:
        meta = json.loads((run_dir / "meta.json").read_text(encoding="utf-8"))
        raw = yaml.safe_load((run_dir / "scenario.yaml").read_text(encoding="utf-8"))
        summary = pd.read_csv(run_dir / "summary.csv")
        if transfers is None:
            transfers = (read_table(run_dir, "transfers", TRANSFER_COLUMNS)
                         if has_table(run_dir, "transfers") else pd.DataFrame())
    except (OSError, ValueError, yaml.YAMLError, pd.errors.ParserError,
            pa.ArrowException) as exc:
        raise UserError(ReportMsg.unreadable(dir=run_dir, error=exc)) from None
    missing = {"policy", "metric", "mean", "ci_low", "ci_high"} - set(summary.columns)
    if missing or not isinstance(raw, dict) or not isinstance(meta, dict):
        raise UserError(ReportMsg.not_as_written(dir=run_dir))
    try:  # the resolved scenario as the run wrote it (no parent left to extend)
        scenario = load_scenario({k: v for k, v in raw.items() if k != "extends"})
    except UserError:
        scenario = None  # e.g. a region whose files moved: report from the raw values
    return {"meta": meta, "raw": raw, "scenario": scenario, "summary": summary,
            "transfers": transfers}


def _cell(value: str, lo: str = "", hi: str = "", cls: str = "", mark: str = "") -> dict:
    """A table cell: the value, then its interval on a line of its own (narrow columns)."""
    return {"value": value, "lo": lo, "hi": hi, "cls": cls, "mark": mark}


def _headline(summary: pd.DataFrame, policies: list[str], lang: str) -> list[dict]:
    """Rows of the headline table: baseline level, others' paired differences.

    A difference is green or red only when it is sure (its interval leaves out 0) and
    large enough to matter (`findings.practical_thresholds`); a sure but negligible
    one is grey and marked.
    """
    compared = "diff_mean" in summary
    base = summary["baseline"].iloc[0] if compared else None
    limits = practical_thresholds(summary)
    rows = []
    for key in headline():
        m = METRICS[key]
        cells = []
        for p in policies:
            r = summary[(summary["policy"] == p) & (summary["metric"] == key)].iloc[0]
            if not compared or p == base:
                lo, hi = _bounds(r["ci_low"], r["ci_high"], m.unit, lang)
                cells.append(_cell(fmt_value(r["mean"], m.unit, lang), lo, hi))
                continue
            ns = crosses_zero(r["diff_ci_low"], r["diff_ci_high"])
            small = not ns and negligible(key, r["diff_mean"], limits)
            good = (r["diff_mean"] < 0) == (m.better == "down")
            cls = "ns" if ns or small or not m.better else "good" if good else "bad"
            mark = t("ns_mark", lang) if ns else REPORT_TEXT["small_mark"][lang] \
                if small else ""
            lo, hi = _bounds(r["diff_ci_low"], r["diff_ci_high"], m.unit, lang, True)
            cells.append(_cell(fmt_value(r["diff_mean"], m.unit, lang, signed=True), lo, hi,
                               cls, mark))
        rows.append({"label": f"{m.label(lang)} ({unit_label(m.unit, lang)})", "cells": cells})
    costs = total_cost(summary)
    rows.append({"label": t("cost_total", lang),
                 "cells": [_cell(fmt_idr(costs[p], lang)) for p in policies]})
    return rows


def _bounds(lo: float, hi: float, unit: str, lang: str, signed: bool = False) -> tuple[str, str]:
    """The two bounds of an interval as written in the table ('' when undefined)."""
    text = fmt_interval(lo, hi, unit, lang, signed)
    if not text:
        return "", ""
    left, right = text[1:-1].split(" ; ")
    return f"[{left} ;", f"{right}]"


def _thresholds(summary: pd.DataFrame, lang: str) -> list[str]:
    """The practical threshold of each coloured headline metric, in words."""
    limits = practical_thresholds(summary)
    return [f"{METRICS[k].label(lang)}: {threshold_text(k, limits, lang, explain=True)}"
            for k in headline() if k in limits and METRICS[k].better]


def _transfers(transfers: pd.DataFrame, replications: int, lang: str) -> dict:
    """Proposals by the run's policy, the proposer and the outcome: all runs, and per run."""
    cols = [t("policy", lang), t("proposed_by", lang), t("outcome", lang),
            REPORT_TEXT["total_col"][lang].format(n=replications),
            REPORT_TEXT["mean_col"][lang], REPORT_TEXT["cost_col"][lang]]
    if transfers.empty:
        return {"columns": cols, "rows": []}
    kind = transfers["outcome"].astype(str).str.partition(":")[0]
    g = per_run_counts(transfers.assign(kind=kind), ["run_policy", "policy", "kind"],
                       replications)
    rows = [[policy_label(r.run_policy, lang), policy_label(r.policy, lang),
             outcome_label(r.kind, lang), fmt_count(r.total, lang), fmt_fixed(r.n, 1, lang),
             fmt_idr(r.cost, lang)]
            for r in g.itertuples()]
    return {"columns": cols, "rows": rows}


def _lever_value(lever, value, lang: str) -> str:
    """A lever's value in the planner's words and unit."""
    if lever.kind == "bool":
        return t("yes" if value else "no", lang)
    if lever.kind == "choice":
        from .search import lever_text

        return lever_text(lever.key, value, lang)
    if lever.key == "min_months_in_position":
        return f"{int(value)} {unit_label('months', lang)}"
    if lever.key == "allowance_million":
        return f"{fmt_idr(value * lever.scale, lang)} {REPORT_TEXT['per_month'][lang]}"
    if lever.key == "share_per_round":
        return fmt_share(value, lang)
    return fmt_value(value, "", lang) if lever.kind == "float" else str(value)


def _assumptions(scenario, policies: list[str], lang: str) -> tuple[list[dict], str]:
    """The levers' values in this scenario, in words, and how many defaults are assumptions.

    With several policies compared, the policy row names them all and the share
    proposed per round is given for each policy that proposes moves.
    """
    rows = []
    words = in_language(LEVER_WORDS, lang)
    if scenario is not None:
        for lever in LEVERS:
            label = words.get(lever.key, lever.label(lang))
            if lever.key == "policy":
                names = policies if len(policies) > 1 else [scenario.policy_label]
                value = ", ".join(policy_label(p, lang) for p in names)
                if len(policies) > 1:
                    label = words["policies_compared"]
                rows.append({"label": label, "value": value})
            elif lever.key == "share_per_round":
                for p in (policies if len(policies) > 1 else [scenario.policy_label]):
                    for name in str(p).split("+"):
                        own = getattr(scenario.policies, name, None)
                        if own is not None and hasattr(own, "max_share_per_round"):
                            rows.append({"label": f"{label}: {policy_label(name, lang)}",
                                         "value": _lever_value(lever, own.max_share_per_round,
                                                               lang)})
            else:
                rows.append({"label": label,
                             "value": _lever_value(lever, lever.default(scenario), lang)})
    else:  # a folder whose scenario this version cannot read: say so, show nothing wrong
        rows.append({"label": REPORT_TEXT["no_scenario"][lang], "value": "-"})
    rows = list({r["label"]: r for r in rows}.values())  # a policy named twice, once
    params = iter_parameters()
    n_assumed = sum(1 for r in params if str(r["source"]).startswith("assumption"))
    note = REPORT_TEXT["assumption_count"][lang].format(n=n_assumed, total=len(params))
    return rows, note


LIST_ROWS_SHOWN = 20  # rows of each kind the report lists (all in evaluation.xlsx)


def _evaluation(run_dir: Path, lang: str) -> dict | None:
    """The list an `evaluate` folder tested (its `evaluation.json`), in words; None if none."""
    path = run_dir / "evaluation.json"
    if not path.is_file():
        return None
    try:
        e = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UserError(ReportMsg.unreadable(dir=run_dir, error=exc)) from None
    words = in_language(REPORT_TEXT, lang)

    def rows(status: tuple[str, ...]) -> tuple[list[list], str]:
        chosen = [r for r in e["rows"] if r["status"] in status]
        more = len(chosen) - LIST_ROWS_SHOWN
        return ([[r["row"], r["employee"], r[lang]] for r in chosen[:LIST_ROWS_SHOWN]],
                words["list_more"].format(n=more) if more > 0 else "")

    overridden, more_overridden = rows(("run_override",))
    refused, more_refused = rows(("refused",))
    return {
        "counts": words["list_counts"].format(file=e["file"], read=e["read"], run=e["run"],
                                              refused=e["refused"], rounds=e["rounds"]),
        "against": (words["list_against"].format(policy=policy_label(e["against"], lang),
                                                 round=e["draft_round"])
                    if e.get("against") else ""),
        "overridden": overridden, "more_overridden": more_overridden,
        "refused": refused, "more_refused": more_refused,
    }


def _audit(run_dir: Path, scenario, lang: str) -> dict | None:
    """The merit and fairness audit of the folder (`audit.csv`) in words; None without one."""
    from ..scenario.mutation import Audit
    from .audit_words import COLUMNS, audit_findings, audit_sheet

    path = run_dir / "audit.csv"
    if not path.is_file():
        return None
    try:
        audit = pd.read_csv(path, dtype={"group": str, "flagged": str})
    except (OSError, ValueError, pd.errors.ParserError) as exc:
        raise UserError(ReportMsg.unreadable(dir=run_dir, error=exc)) from None
    params = scenario.mutation.audit if scenario is not None else Audit()
    flagged = audit[audit["flagged"].fillna("") != ""] if len(audit) else audit
    table = audit_sheet(flagged, lang)
    keep = ["audit_policy", "dimension", "group", "staff_share", "ratio_moved", "ratio_hard",
            "ratio_forced", "ratio_objected", "flagged"]
    for k in ("ratio_moved", "ratio_hard", "ratio_forced", "ratio_objected"):
        table[k] = [fmt_fixed(x, 2, lang) for x in table[k]]
    return {"findings": audit_findings(audit, params, lang),
            "columns": [COLUMNS[k][lang] for k in keep],
            "rows": table[keep].astype(str).values.tolist() if len(table) else []}


def build_context(run_dir: Path, lang: str = "id",
                  transfers: pd.DataFrame | None = None) -> dict:
    """Everything the template shows, from the folder's files (and `transfers`, see `_read`)."""
    data = _read(run_dir, transfers)
    meta, raw, scenario, summary = data["meta"], data["raw"], data["scenario"], data["summary"]
    policies = policy_order(summary)
    compared = "diff_mean" in summary and summary["policy"].nunique() > 1
    base = summary["baseline"].iloc[0] if compared else None
    years = int(meta.get("years", raw.get("years", 0)))
    reps = int(meta.get("replications", summary["n_replications"].max()))
    start = int(meta.get("start_year", raw.get("start_year", 2027)))
    description = (scenario.describe(lang) if scenario is not None
                   else raw.get("description_id" if lang == "id" else "description")
                   or raw.get("description", ""))
    placeholder = is_placeholder(raw.get("description"), raw.get("description_id"),
                                 description)
    findings = (comparison_findings(summary, years, lang) if compared
                else run_findings(summary, lang))
    figures = []
    for name, caption in FIGURE_CAPTIONS.items():
        path = run_dir / "figures" / name
        if path.is_file():
            figures.append({"data": base64.b64encode(path.read_bytes()).decode("ascii"),
                            "caption": caption[lang]})
    assumptions, assumption_count = _assumptions(scenario, policies, lang)
    words = in_language(REPORT_TEXT, lang)
    words["assumption_count"] = assumption_count
    words["headline_note"] = words["headline_note_cmp" if compared else
                                   "headline_note_run"].format(
        base=policy_label(base, lang) if base else "")
    return {
        "lang": lang, "T": words, "scenario_name": meta.get("scenario", raw.get("name")),
        "region_name": raw.get("region", {}).get("name", ""),
        "description": "" if placeholder else description, "placeholder": placeholder,
        "thresholds": _thresholds(summary, lang) if compared else [],
        "wide": len(policies) > WIDE_TABLE,
        "years": years, "start_year": start, "end_year": start + years - 1,
        "replications": reps, "seed": meta.get("seed"), "few": reps < FEW_REPLICATIONS,
        "finished": str(meta.get("finished_at", ""))[:10], "findings": findings,
        "policies": [{"label": policy_label(p, lang), "color": policy_color(p),
                      "summary": policy_summary(p, lang), "baseline": p == base}
                     for p in policies],
        "headline": _headline(summary, policies, lang), "figures": figures,
        "transfers": _transfers(data["transfers"], reps, lang),
        "evaluation": _evaluation(run_dir, lang),
        "audit": _audit(run_dir, scenario, lang),
        "governments": governments_section(run_dir, lang),
        "assumptions": assumptions,
        "method": [p[lang] for p in METHOD], "limits": [p[lang] for p in LIMITS],
        "command": meta.get("command", ""),
        "versions": ", ".join(f"{k} {v}" for k, v in meta.get("versions", {}).items()
                              if k in ("mutasi", "mesa", "numpy", "python")),
    }


def render_report(run_dir: Path, lang: str = "id",
                  transfers: pd.DataFrame | None = None) -> str:
    """The report as one HTML string (`transfers`: see `_read`)."""
    env = Environment(loader=FileSystemLoader(TEMPLATES),
                      autoescape=select_autoescape(["html", "j2"]))
    return env.get_template("report.html.j2").render(
        **build_context(Path(run_dir), lang, transfers))


def write_report(run_dir: Path, lang: str = "id", out: Path | None = None,
                 transfers: pd.DataFrame | None = None) -> Path:
    """Write `report.html` (or `out`) for a results folder; return its path.

    `transfers`: the tally of the transfer log (`results.analysis.tally_transfers`) when
    the caller holds it; otherwise the log is read from the folder.
    """
    run_dir = Path(run_dir)
    out = Path(out) if out else run_dir / report_file(lang)
    html = render_report(run_dir, lang, transfers)
    try:
        out.write_text(html, encoding="utf-8")
    except OSError as exc:
        raise UserError(ReportMsg.cannot_write_report(out=out, why=exc.strerror or exc)) from None
    return out


def write_pdf(html_path: Path) -> Path:
    """Print an HTML report to PDF beside it (weasyprint)."""
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: pango/cairo libraries missing
        raise UserError(ReportMsg.no_weasyprint(error=exc)) from None
    pdf = Path(html_path).with_suffix(".pdf")
    try:
        weasyprint.HTML(filename=str(html_path)).write_pdf(str(pdf))
    except OSError as exc:
        raise UserError(ReportMsg.cannot_write_pdf(pdf=pdf, error=exc)) from None
    return pdf
