"""Console tables in planners' words: summaries, comparisons, transfers, needs, parameters.

Presentation only: each table reads a results frame (`summary.csv`, the transfer log,
the parameter declarations) and returns text in Indonesian or English.
"""

from __future__ import annotations

import pandas as pd

from ..core.errors import UserError
from ..policies import POLICIES
from ..scenario.loading import builtin_scenarios, load_scenario
from ..simulation.metrics import METRICS, RANKED, RUN_TABLE
from .labels import (
    agency_label,
    area_label,
    fmt_number,
    outcome_label,
    reason_label,
    role_label,
    t,
)


def transfers_table(transfers: pd.DataFrame, runs: int, lang: str = "id") -> str:
    """What happened to proposals, by who proposed them, why, and the outcome (per run).

    `runs` is the number of replications run (some may have no transfer at all).
    """
    if transfers.empty:
        return ""
    t_ = transfers.assign(outcome=transfers["outcome"].map(lambda o: outcome_label(o, lang)),
                          reason=transfers["reason"].map(lambda r: reason_label(r, lang)))
    table = (t_.groupby(["policy", "reason", "outcome"]).agg(
        n=("month", "size"), cost=("cost_idr", "sum")) / runs).reset_index()
    table["n"] = table["n"].map(lambda x: fmt_number(x, lang))
    table["cost"] = table["cost"].map(lambda x: fmt_number(x, lang))
    return table.rename(columns={
        "policy": t("proposed_by", lang), "reason": t("reason", lang),
        "outcome": t("outcome", lang), "n": t("per_run", lang),
        "cost": t("cost_per_run", lang)}).to_string(index=False)


def summary_table(summary: pd.DataFrame, lang: str = "id") -> str:
    """Key metrics at the horizon: label, statistic, mean and 95% interval."""
    rows = []
    for _, r in summary[summary["metric"].isin(RUN_TABLE)].iterrows():
        m = METRICS[r["metric"]]
        ci = "" if pd.isna(r["ci_low"]) else \
            f"[{fmt_number(r['ci_low'], lang)} ; {fmt_number(r['ci_high'], lang)}]"
        rows.append({
            t("policy", lang): r["policy"],
            t("metric", lang): m.label(lang),
            t("statistic", lang): t(f"stat_{m.summary}", lang),
            t("unit", lang): m.unit if lang == "id" else m.unit.replace("orang", "persons")
            .replace("proporsi", "share").replace("jam/bulan", "hours/month")
            .replace("rasio", "ratio"),
            t("mean", lang): fmt_number(r["mean"], lang),
            t("ci95", lang): ci,
        })
    return pd.DataFrame(rows).to_string(index=False)


def ranked_table(summary: pd.DataFrame, lang: str = "id") -> str:
    """Policies ranked by unmet hours, with paired differences against the baseline."""
    base = summary["baseline"].iloc[0]
    cost_keys = [k for k in METRICS if k.startswith("cost_")]
    rows = []
    for policy, g in summary.groupby("policy", sort=False):
        g = g.set_index("metric")
        row = {t("policy", lang): policy}
        for key in RANKED:
            r = g.loc[key]
            label = f"{METRICS[key].label(lang)} ({t('vs', lang)} {base})"
            if policy == base:
                row[label] = fmt_number(r["mean"], lang)
            else:
                row[label] = (f"{_signed(r['diff_mean'], lang)} "
                              f"[{_signed(r['diff_ci_low'], lang)} ; "
                              f"{_signed(r['diff_ci_high'], lang)}]")
        u = g.loc["unmet_hours"]
        row[t("p_better", lang)] = "-" if policy == base else fmt_number(u["p_better"], lang)
        row[t("cost_total", lang)] = fmt_number(float(g.loc[cost_keys, "mean"].sum()), lang)
        row["_rank"] = g.loc["unmet_hours", "mean"]
        rows.append(row)
    df = pd.DataFrame(rows).sort_values("_rank", kind="stable").drop(columns="_rank")
    df.insert(0, t("rank", lang), range(1, len(df) + 1))
    return df.to_string(index=False)


def _signed(x: float, lang: str) -> str:
    text = fmt_number(x, lang)
    return text if text.startswith("-") or text in ("0", "-") else "+" + text


def parameters_markdown(rows: pd.DataFrame) -> str:
    """The parameter declarations as a Markdown table (for docs/ODD.md)."""
    lines = ["| parameter | type | default | unit | range | source | meaning |",
             "|---|---|---|---|---|---|---|"]
    for r in rows.itertuples():
        default = str(r.default).replace("|", "/")
        if len(default) > 60:
            default = default[:57] + "..."
        kind = str(r.type).replace("|", " or ")
        lines.append(f"| `{r.path}` | {kind} | {default} | {r.unit} | {r.range} | {r.source} "
                     f"| {r.description} |")
    return "\n".join(lines)


NEEDS_SECTIONS = (("agency", "by_agency"), ("unit_kind", "by_unit_kind"), ("role", "by_role"),
                  ("over", "most_over"), ("under", "most_under"))
_NEEDS_COLUMNS = {"units", "staff", "capacity_fte", "required_fte", "gap_fte", "surplus_fte",
                  "deficit_fte", "agency", "unit_kind", "role", "unit_name", "area_type",
                  "ej", "effective_load"}


def needs_text(report: dict[str, pd.DataFrame], unit_kind_labels: dict[str, str],
               lang: str = "id") -> str:
    """The needs report (`reporting.needs.needs_report`) as titled console tables.

    `unit_kind_labels` gives the Indonesian label of each unit kind (the scenario's).
    """
    parts = []
    for key, title in NEEDS_SECTIONS:
        df = report[key].copy()
        if "agency" in df:
            df["agency"] = df["agency"].map(lambda a: agency_label(a, lang))
        if "role" in df:
            df["role"] = df["role"].map(lambda r: role_label(r, lang))
        if "area_type" in df:
            df["area_type"] = df["area_type"].map(lambda a: area_label(a, lang))
        if "unit_kind" in df and lang == "id":
            df["unit_kind"] = df["unit_kind"].map(lambda k: unit_kind_labels.get(k) or k)
        df = df.rename(columns=lambda c: t(c, lang) if c in _NEEDS_COLUMNS else c)
        parts.append(f"\n{t(title, lang)}\n{df.to_string(index=False)}")
    return "\n".join(parts)


def parameters_text(rows: pd.DataFrame) -> str:
    """Every declared parameter, one line each (long defaults and types cut)."""
    rows = rows.assign(default=rows["default"].astype(str).str.slice(0, 40),
                       type=rows["type"].str.slice(0, 30))
    return rows[["path", "type", "default", "unit", "range", "source"]].to_string(index=False)


def catalogue_text(lang: str = "id") -> str:
    """What `list` shows: built-in scenarios, policies and metrics, one line each."""
    lines = ["Scenarios:"]
    for name, path in builtin_scenarios().items():
        try:
            desc = load_scenario(path).description.split(". ")[0]
        except UserError:
            desc = "(invalid: run `validate`)"
        lines.append(f"  {name:<12} {desc}")
    lines.append("\nPolicies:")
    for name, cls in POLICIES.items():
        lines.append(f"  {name:<12} {(cls.__doc__ or '').strip().splitlines()[0]}")
    lines.append("\nMetrics:")
    lines += [f"  {key:<24} {m.unit:<10} {m.label(lang)}" for key, m in METRICS.items()]
    return "\n".join(lines)


def calibration_rows(table: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    """The calibration table (`experiments.calibration.calibrate`) in planners' words."""
    def model_text(r: pd.Series) -> str:
        ci = "" if pd.isna(r["ci_low"]) else \
            f" [{fmt_number(r['ci_low'], lang)} ; {fmt_number(r['ci_high'], lang)}]"
        return fmt_number(r["model"], lang) + ci

    return pd.DataFrame({
        t("metric", lang): table["what_id" if lang == "id" else "what_en"],
        t("model", lang): table.apply(model_text, axis=1),
        t("target", lang): [f"{fmt_number(v, lang)} ± {fmt_number(tol, lang)}"
                                 for v, tol in zip(table["value"], table["tolerance"],
                                                   strict=True)],
        t("status", lang): table["passed"].map(lambda ok: t("pass" if ok else "fail", lang)),
        t("source", lang): [f"{src} ({t('assumption_mark', lang)})" if a else src
                            for src, a in zip(table["source"], table["assumption"],
                                              strict=True)],
    })


def calibration_text(table: pd.DataFrame, lang: str = "id") -> str:
    """The calibration table for the console (sources listed below it, numbered)."""
    rows = calibration_rows(table, lang)
    source = t("source", lang)
    shown = rows.drop(columns=source)
    shown.insert(0, "#", range(1, len(rows) + 1))
    notes = "\n".join(f"  {i}. {s}" for i, s in enumerate(rows[source], 1))
    return f"{shown.to_string(index=False)}\n\n{source}:\n{notes}"


def calibration_markdown(table: pd.DataFrame, lang: str = "en") -> str:
    """The calibration table as Markdown (docs/VALIDATION.md)."""
    rows = calibration_rows(table, lang)
    head = "| " + " | ".join(rows.columns) + " |"
    lines = [head, "|" + "---|" * len(rows.columns)]
    lines += ["| " + " | ".join(str(v) for v in r) + " |" for r in rows.itertuples(index=False)]
    return "\n".join(lines)
