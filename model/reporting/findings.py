"""Plain-language findings generated from a summary's numbers (for the report).

Each sentence states a paired difference with its 95% interval ("Kebijakan
penyeimbangan beban menurunkan kebutuhan tidak terpenuhi sebesar 286 FTE (95 %:
207 - 365) dibandingkan status quo"), or says "tidak berbeda nyata" when the interval
crosses zero. Nothing here is written by hand per scenario: change the numbers and
the sentences change with them.
"""

from __future__ import annotations

import pandas as pd

from ..core.text import in_language, words
from ..results.analysis import total_cost
from ..simulation.metrics import METRICS, NEED_SHARE, headline
from .formats import crosses_zero, fmt_plain, fmt_value
from .labels import policy_label, unit_label

# Practical significance: a paired difference smaller than this (in the metric's unit)
# is called negligible, however sure the interval, and is never coloured as a win or a
# loss. FTE metrics scale with the region: 0.2 % of the baseline's need (one FTE in
# 500, the same as 0.2 points of p_unmet), at least 1 FTE. An assumption, stated in
# the report, to be changed here if a region reads its numbers otherwise.
# Each metric declares its threshold (`Metric.practical`, in simulation/metrics.py).
PRACTICAL: dict[str, float] = {k: m.practical for k, m in METRICS.items() if m.practical > 0}
PRACTICAL_NEED_SHARE = 0.002  # FTE metrics: this share of the baseline's need
_FTE_METRICS = tuple(k for k, m in METRICS.items() if m.practical == NEED_SHARE)


def practical_thresholds(summary: pd.DataFrame) -> dict[str, float]:
    """Each metric's smallest difference that matters (its unit), for this summary's region.

    The FTE metrics' threshold is `PRACTICAL_NEED_SHARE` of the baseline's mean need
    (`required_fte`), at least 1 FTE; the others are `PRACTICAL`'s.
    """
    out = dict(PRACTICAL)
    base = summary["baseline"].iloc[0] if "baseline" in summary else summary["policy"].iloc[0]
    need = summary[(summary["policy"] == base) & (summary["metric"] == "required_fte")]
    fte = max(1.0, PRACTICAL_NEED_SHARE * float(need["mean"].iloc[0])) if len(need) else 1.0
    out.update(dict.fromkeys(_FTE_METRICS, fte))
    return out


def negligible(key: str, diff: float, thresholds: dict[str, float]) -> bool:
    """Whether a difference in metric `key` is below its practical threshold."""
    limit = thresholds.get(key)
    return limit is not None and abs(diff) < limit


def threshold_text(key: str, thresholds: dict[str, float], lang: str = "id",
                   explain: bool = False) -> str:
    """A metric's threshold as a planner reads it ('7,76 FTE', '0,5 poin persen').

    With `explain`, an FTE threshold also says where it comes from.
    """
    m, limit = METRICS[key], thresholds[key]
    if m.unit == "proporsi":
        return fmt_plain(100 * limit, lang) + WORDS["points"][lang]
    if m.unit == "0-1":
        return fmt_plain(limit, lang) + WORDS["scale_01"][lang]
    text = f"{fmt_value(limit, m.unit, lang)} {unit_label(m.unit, lang)}"
    if explain and key in _FTE_METRICS:
        share = fmt_plain(100 * PRACTICAL_NEED_SHARE, lang)
        text += WORDS["of_need"].format(lang, share=share)
    return text


WORDS = words("findings", {
    "down": ("menurunkan", "lowers"), "up": ("meningkatkan", "raises"),
    "by": ("sebesar", "by"), "than": ("dibandingkan", "compared with"),
    "ns": ("tidak berbeda nyata dari {base} dalam {label} (selisih {d}; 95 %: {lo} – {hi})",
           "is not significantly different from {base} in {label} (difference {d}; "
           "95%: {lo} – {hi})"),
    "policy": ("Kebijakan", "Policy"), "better": ("lebih baik", "better"),
    "worse": ("lebih buruk", "worse"),
    "small": ("perubahan kecil, di bawah ambang {limit}",
              "a negligible change, below the threshold of {limit}"),
    "cost": ("dengan biaya total {cost} selama {years} tahun",
             "at a total cost of {cost} over {years} years"),
    "best": ("Kebijakan dengan kebutuhan tidak terpenuhi terendah: {p} ({v}; status quo {b}).",
             "Policy with the lowest unmet need: {p} ({v}; status quo {b})."),
    "level": ("Di bawah kebijakan {p}, rata-rata {label} adalah {v} (95 %: {lo} – {hi}).",
              "Under {p}, the mean {label} is {v} (95%: {lo} – {hi})."),
    "points": (" poin persen", " percentage points"),
    "scale_01": (" (skala 0-1)", " (0-1 scale)"),
    "of_need": (" ({share} % dari kebutuhan pembanding)", " ({share} % of the baseline's need)"),
})


def _words(lang: str) -> dict[str, str]:
    """The findings' words in `lang` (raw templates, formatted where used)."""
    return in_language(WORDS, lang)


def _label(key: str, lang: str) -> str:
    text = METRICS[key].label(lang)
    return text[0].lower() + text[1:] if not text[:3].isupper() else text


def comparison_findings(summary: pd.DataFrame, years: int,
                        lang: str = "id") -> list[tuple[str, list[str]]]:
    """Sentences per policy (its key metrics against the summary's baseline, its cost).

    Returns (title, sentences) sections: first the overall one, then one per policy.
    """
    w = _words(lang)
    base = summary["baseline"].iloc[0]
    sections: list[tuple[str, list[str]]] = []
    unmet = summary[summary["metric"] == "unmet_fte"].set_index("policy")["mean"]
    best = unmet.idxmin()
    sections.append(("", [w["best"].format(p=policy_label(best, lang),
                                v=f"{fmt_value(unmet[best], 'FTE', lang)} FTE",
                                b=f"{fmt_value(unmet[base], 'FTE', lang)} FTE")]))
    costs = total_cost(summary)
    limits = practical_thresholds(summary)
    for policy in dict.fromkeys(summary["policy"]):
        if policy == base:
            continue
        rows = summary[summary["policy"] == policy].set_index("metric")
        out: list[str] = []
        sections.append((policy_label(policy, lang), out))
        for key in headline():
            r, m = rows.loc[key], METRICS[key]
            unit = m.unit
            suffix = "" if unit in ("proporsi", "0-1") else f" {unit_label(unit, lang)}"
            if crosses_zero(r["diff_ci_low"], r["diff_ci_high"]):
                text = w["ns"].format(
                    base=policy_label(base, lang), label=_label(key, lang),
                    d=fmt_value(r["diff_mean"], unit, lang, signed=True) + suffix,
                    lo=fmt_value(r["diff_ci_low"], unit, lang, signed=True),
                    hi=fmt_value(r["diff_ci_high"], unit, lang, signed=True))
                out.append(f"{w['policy']} {policy_label(policy, lang)} {text}.")
                continue
            down = r["diff_mean"] < 0
            lo, hi = sorted((abs(r["diff_ci_low"]), abs(r["diff_ci_high"])))
            good = (down and m.better == "down") or (not down and m.better == "up")
            if negligible(key, r["diff_mean"], limits):
                verdict = f" ({w['small'].format(limit=threshold_text(key, limits, lang))})"
            else:
                verdict = "" if not m.better else f" ({w['better'] if good else w['worse']})"
            mag = fmt_value(abs(r["diff_mean"]), unit, lang).replace(" %", w["points"])
            out.append(
                f"{w['policy']} {policy_label(policy, lang)} {w['down' if down else 'up']} "
                f"{_label(key, lang)} {w['by']} {mag}{suffix} (95 %: "
                f"{fmt_value(lo, unit, lang).replace(' %', '')} – "
                f"{fmt_value(hi, unit, lang).replace(' %', '')}) {w['than']} "
                f"{policy_label(base, lang)}{verdict}.")
        out.append(f"{w['policy']} {policy_label(policy, lang)}: "
                   f"{w['cost'].format(cost=fmt_value(costs[policy], 'IDR', lang), years=years)}.")
    return sections


def run_findings(summary: pd.DataFrame, lang: str = "id") -> list[tuple[str, list[str]]]:
    """Sentences on the levels of a run without a comparison (one section per policy)."""
    w = _words(lang)
    sections: list[tuple[str, list[str]]] = []
    for policy, g in summary.groupby("policy", sort=False):
        g = g.set_index("metric")
        out: list[str] = []
        sections.append((policy_label(policy, lang), out))
        for key in headline():
            r, unit = g.loc[key], METRICS[key].unit
            suffix = "" if unit in ("proporsi", "0-1") else f" {unit_label(unit, lang)}"
            out.append(w["level"].format(
                p=policy_label(policy, lang), label=_label(key, lang),
                v=fmt_value(r["mean"], unit, lang) + suffix,
                lo=fmt_value(r["ci_low"], unit, lang), hi=fmt_value(r["ci_high"], unit, lang)))
    return sections
