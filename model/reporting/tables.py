"""Console tables in planners' words: summaries, comparisons, transfers, needs, parameters.

Presentation only: each table reads a results frame (`summary.csv`, the transfer log,
the parameter declarations) and returns text in Indonesian or English.
"""

from __future__ import annotations

import pandas as pd

from ..core.errors import UserError
from ..policies import POLICIES
from ..results.analysis import total_cost
from ..scenario.loading import builtin_scenarios, load_scenario
from ..simulation.metrics import METRICS, RUN_TABLE, headline
from .formats import (
    WIDTH,
    crosses_zero,
    fit_table,
    fmt_count,
    fmt_fixed,
    fmt_idr,
    fmt_interval,
    fmt_number,
    fmt_plain,
    fmt_value,
)
from .labels import (
    agency_label,
    area_label,
    outcome_label,
    policy_label,
    policy_summary,
    reason_label,
    role_label,
    t,
    unit_label,
)


def transfers_table(transfers: pd.DataFrame, runs: int, lang: str = "id") -> str:
    """What happened to proposals, by who proposed them, why, and the outcome (per run).

    `transfers` is the transfer log or its tally (`results.analysis.tally_transfers`);
    `runs` is the number of replications run (some may have no transfer at all).
    """
    if transfers.empty:
        return ""
    t_ = transfers.assign(outcome=transfers["outcome"].map(lambda o: outcome_label(o, lang)),
                          reason=transfers["reason"].map(lambda r: reason_label(r, lang)),
                          policy=transfers["policy"].map(lambda p: policy_label(p, lang)))
    table = per_run_counts(t_, ["policy", "reason", "outcome"], runs, sort=True)
    table["total"] = table["total"].map(lambda x: fmt_count(x, lang))
    table["n"] = table["n"].map(lambda x: fmt_count(x, lang))
    table["cost"] = table["cost"].map(lambda x: fmt_idr(x, lang))
    legend = t("transfers_legend", lang).format(n=runs)
    return legend + "\n" + fit_table(table.rename(columns={
        "policy": t("proposed_by", lang), "reason": t("reason", lang),
        "outcome": t("outcome", lang), "total": t("total_runs", lang),
        "n": t("per_run", lang), "cost": t("cost_per_run", lang)}))


def per_run_counts(transfers: pd.DataFrame, by: list[str], runs: int,
                   sort: bool = False) -> pd.DataFrame:
    """Proposals by the columns `by`: over all runs (`total`, whole persons) and per run.

    `n` and `cost` are the means per replication (the count of persons and its cost
    divided by `runs`, the replications run, some of which may have moved nobody).
    `transfers` is the transfer log, or its tally (`results.analysis.tally_transfers`:
    a row per key with its `count`), which gives the same table.
    """
    if "count" not in transfers:
        transfers = transfers.assign(count=1)
    g = transfers.groupby(by, sort=sort).agg(total=("count", "sum"), cost=("cost_idr", "sum"))
    g["n"] = g["total"] / runs
    g["cost"] = g["cost"] / runs
    return g[["total", "n", "cost"]].reset_index()


def summary_table(summary: pd.DataFrame, lang: str = "id") -> str:
    """Key metrics at the horizon: label (with its statistic), unit, mean, 95% interval."""
    blocks = []
    for policy, g in summary[summary["metric"].isin(RUN_TABLE)].groupby("policy", sort=False):
        rows = []
        for _, r in g.iterrows():
            m = METRICS[r["metric"]]
            rows.append({
                t("metric", lang): f"{m.label(lang)} ({t(f'stat_{m.summary}', lang)})",
                t("unit", lang): unit_label(m.unit, lang),
                t("mean", lang): fmt_value(r["mean"], m.unit, lang),
                t("ci95", lang): fmt_interval(r["ci_low"], r["ci_high"], m.unit, lang),
            })
        blocks.append(f"{t('policy', lang)}: {policy_label(policy, lang)}\n"
                      f"{fit_table(pd.DataFrame(rows))}")
    return "\n\n".join(blocks)


def ranked_table(summary: pd.DataFrame, lang: str = "id") -> str:
    """Policies ranked by unmet need, then each headline metric's paired difference.

    The first table: rank, policy, unmet need (the baseline's level; the others'
    paired difference with its 95% interval), P(better) and total cost. The second:
    each headline metric (`metrics.headline()`, rows) by policy (columns), with "ns" (Indonesian
    "tn", tidak nyata) where the interval crosses zero.
    """
    base = summary["baseline"].iloc[0]
    costs = total_cost(summary)
    key = "unmet_fte"
    unit = METRICS[key].unit
    rows = []
    for policy, g in summary.groupby("policy", sort=False):
        g = g.set_index("metric")
        r = g.loc[key]
        rows.append({
            t("policy", lang): policy_label(policy, lang),
            f"{METRICS[key].label(lang)} ({unit})": fmt_value(r["mean"], unit, lang)
            if policy == base else _diff_text(r, unit, lang),
            t("p_better", lang): "-" if policy == base else fmt_number(r["p_better"], lang),
            t("cost_total", lang): fmt_idr(float(costs[policy]), lang),
            "_rank": r["mean"],
        })
    df = pd.DataFrame(rows).sort_values("_rank", kind="stable").drop(columns="_rank")
    df.insert(0, t("rank", lang), range(1, len(df) + 1))
    others = [p for p in dict.fromkeys(summary["policy"]) if p != base]
    # each metric on a line of its own, its policies under it: no label is cut
    head, value = f"{t('metric', lang)} / {t('policy', lang)}", t("value_or_diff", lang)
    detail = []
    for k in headline():
        m = METRICS[k]
        level = summary[(summary["policy"] == base) & (summary["metric"] == k)].iloc[0]
        detail.append({head: f"{m.label(lang)} ({unit_label(m.unit, lang)})", value: ""})
        detail.append({head: f"  {policy_label(base, lang)}",
                       value: fmt_value(level["mean"], m.unit, lang)})
        for p in others:
            r = summary[(summary["policy"] == p) & (summary["metric"] == k)].iloc[0]
            detail.append({head: f"  {policy_label(p, lang)}",
                           value: _diff_text(r, m.unit, lang)})
    keep = (t("policy", lang), head)  # a policy's name is never cut
    return (f"{fit_table(df, fixed=keep)}\n\n{t('ranked_detail', lang)} "
            f"{policy_label(base, lang)}:\n{fit_table(pd.DataFrame(detail), fixed=keep)}")


def _diff_text(r: pd.Series, unit: str, lang: str) -> str:
    """A paired difference with its interval, marked when it is not significant."""
    text = (f"{fmt_value(r['diff_mean'], unit, lang, signed=True)} "
            f"{fmt_interval(r['diff_ci_low'], r['diff_ci_high'], unit, lang, signed=True)}")
    if crosses_zero(r["diff_ci_low"], r["diff_ci_high"]):
        text += f" {t('ns_mark', lang)}"
    return text.strip()


def parameters_markdown(rows: pd.DataFrame) -> str:
    """The parameter declarations as a Markdown table (for docs/ODD.md)."""
    lines = ["| parameter | type | default | unit | range | source | meaning |",
             "|---|---|---|---|---|---|---|"]
    for r in rows.itertuples():
        default = str(r.default).replace("|", "/")
        if len(default) > 60:
            default = default[:57] + "..."
        kind = str(r.type).replace("|", " or ")
        source = r.source
        if getattr(r, "explore", None):
            lo, hi = r.explore
            source += f"; **explored {lo:g} to {hi:g}** ({r.explore_source})"
        lines.append(f"| `{r.path}` | {kind} | {default} | {r.unit} | {r.range} | {source} "
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

    `unit_kind_labels` gives the label of each unit kind (the scenario's); a kind
    without one is shown by its code. Headers are short (a legend explains them) and
    the tables fit 100 columns; `needs --csv` keeps every column in full.
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
        if "unit_kind" in df:
            df["unit_kind"] = df["unit_kind"].map(lambda k: unit_kind_labels.get(k) or k)
        for col in df.columns:
            if col == "ej":  # need and nobody: EJ +inf (`core.measures.ej`)
                df[col] = df[col].map(lambda x: t("no_staff", lang) if x == float("inf")
                                      else fmt_fixed(x, 2, lang))
            elif col == "effective_load":
                df[col] = df[col].map(lambda x: fmt_fixed(x, 2, lang))
            elif pd.api.types.is_float_dtype(df[col]):
                df[col] = df[col].map(lambda x: fmt_fixed(x, 1, lang))
            elif pd.api.types.is_integer_dtype(df[col]):
                df[col] = df[col].map(lambda x: fmt_count(x, lang))
        df = df.drop(columns=[c for c in ("surplus_fte", "deficit_fte") if c in df and
                              key in ("over", "under")])
        df = df.rename(columns=lambda c: t(f"{c}_short", lang) if c in _NEEDS_COLUMNS else c)
        parts.append(f"\n{t(title, lang)}\n{fit_table(df)}")
    parts.append(f"\n{t('needs_legend', lang)}")
    return "\n".join(parts)


def _range_text(bounds: dict, lang: str) -> str:
    """A declared range as an interval: '[0 ; 1]', '(0 ; 10]', '>= 1'."""
    lo, hi = bounds.get("lower"), bounds.get("upper")
    if lo and hi:
        return (f"{'[' if lo[0] == 'ge' else '('}{fmt_plain(lo[1], lang)} ; "
                f"{fmt_plain(hi[1], lang)}{']' if hi[0] == 'le' else ')'}")
    if lo or hi:
        op, v = lo or hi
        return f"{ {'ge': '>=', 'gt': '>', 'le': '<=', 'lt': '<'}[op]} {fmt_plain(v, lang)}"
    return ""


def parameters_text(rows: pd.DataFrame, lang: str = "id") -> str:
    """Every declared parameter under its section: default, range and unit, meaning.

    Fits 100 columns (the meaning is cut); `list --params --markdown` has the full
    table with sources.
    """
    out, section = [], None
    for r in rows.itertuples():
        head, _, leaf = r.path.rpartition(".")
        if head != section:
            section = head
            if head:
                out.append({"p": head, "d": "", "r": "", "s": "", "m": ""})
        out.append({
            "p": f"  {leaf}" if head else leaf,
            "d": _default_text(r.default, lang),
            "r": " ".join(x for x in (_range_text(r.bounds, lang), str(r.unit)) if x),
            "s": t("assumption_mark", lang) if r.source == "assumption" else r.source,
            "m": (r.description or "").split(". ")[0].rstrip("."),
        })
    table = pd.DataFrame(out).rename(columns={
        "p": t("parameter", lang), "d": t("default", lang), "r": t("range_unit", lang),
        "s": t("source", lang), "m": t("meaning", lang)})
    return (f"{fit_table(table, keep=14, fixed=(t('parameter', lang),))}\n\n"
            f"{t('params_more', lang)}")


def _default_text(value, lang: str) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return "-"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return fmt_plain(value, lang)
    text = str(value)
    return text if len(text) <= 24 else text[:23] + "…"


def catalogue_text(lang: str = "id") -> str:
    """What `list` shows: built-in scenarios, policies and metrics, one line each."""
    lines = [f"{t('scenarios', lang)}:"]
    for name, path in builtin_scenarios().items():
        try:
            desc = load_scenario(path).describe(lang).split(". ")[0]
        except UserError:
            desc = t("invalid_scenario", lang)
        lines.append(_line(f"  {name:<12} ", desc))
    lines.append(f"\n{t('policies', lang)}:")
    for name in POLICIES:
        lines.append(_line(f"  {name:<12} ", f"{policy_label(name, lang)}: "
                           f"{policy_summary(name, lang)}"))
    lines.append(f"\n{t('metrics', lang)}:")
    lines += [_line(f"  {key:<27} {unit_label(m.unit, lang):<10} ", m.label(lang))
              for key, m in METRICS.items()]
    return "\n".join(lines)


def _line(head: str, text: str) -> str:
    room = WIDTH - len(head)
    return head + (text if len(text) <= room else text[:room - 1] + "…")


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
