"""The draft plan as a page for the head of office: `plan` writes it beside the workbook.

One self-contained HTML file (`plan.html` beside `plan.xlsx`, `--pdf` prints it): the
round's draft in a sentence (moves, cost, the change in unmet hours, own requests to
expect), with `--years` the formasi to propose per position and year (retiring /
formasi, PNS + PPPK), the audit of the draft's moves, and every assumption. The
numbers are the workbook's; the workbook has the names, the explanations and the
tables by unit.
"""

from __future__ import annotations

import sys
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..core.errors import UserError
from ..core.text import in_language, words
from .audit_words import audit_findings
from .formats import fmt_count, fmt_fixed, fmt_idr, fmt_value
from .labels import policy_label
from .messages_plan import COLUMNS, PlanBookMsg

TEMPLATES = Path(__file__).parent / "templates"

PLAN_TEXT = words("reporting.plan_report", {
    "title": ("Rencana mutasi dan formasi", "Transfer and formasi plan"),
    "scenario": ("Skenario", "Scenario"),
    "policy": ("kebijakan", "policy"),
    "round": ("putaran", "round"),
    "years": ("tahun", "years"),
    "replications": ("replikasi", "replications"),
    "seed": ("seed", "seed"),
    "draft": ("Rancangan putaran berikutnya", "The draft of the next round"),
    "draft_sentence": ("{moves} usulan mutasi, biaya {cost}, perubahan jam kerja tak "
                       "terpenuhi {change} jam per tahun bila semua dilaksanakan; {requests} "
                       "permohonan pindah sendiri diperkirakan (rata-rata).",
                       "{moves} proposed transfers, cost {cost}, change in unmet work hours "
                       "{change} hours a year if all are carried out; {requests} own requests "
                       "expected (a mean)."),
    "workbook": ("Nama pegawai, alasan setiap usulan, penjelasan untuk pegawai yang "
                 "dimutasi, dan tabel per unit: buku kerja {book}.",
                 "The people's names, each proposal's reason, the explanation for each "
                 "person moved and the tables by unit: the workbook {book}."),
    "formasi": ("Formasi yang diusulkan per jabatan dan tahun",
                "Formasi proposed per position and year"),
    "formasi_note": ("Setiap sel: pensiun (kalender BUP) / formasi diusulkan (PNS + PPPK), "
                     "agar EJ setiap unit tetap ≤ 1,00 sesudah pensiun, keluar dan mutasi "
                     "tahun itu ({replications} replikasi tanpa rekrutmen; interval per unit "
                     "di buku kerja).",
                     "Each cell: retiring (BUP calendar) / formasi proposed (PNS + PPPK), to "
                     "keep every unit's EJ at or under 1.00 after that year's retirements, "
                     "exits and transfers ({replications} replications without recruitment; "
                     "intervals per unit in the workbook)."),
    "total": ("Jumlah", "Total"),
    "audit": ("Audit merit dan keadilan usulan", "Merit and fairness audit of the draft"),
    "audit_note": ("Siapa yang terkena usulan putaran ini, per kelompok, dibandingkan dengan "
                   "seluruh pegawai (batas empat-perlima; lembar audit_keadilan).",
                   "Who this round's proposals fall on, by group, against the whole staff "
                   "(the four-fifths band; sheet fairness_audit)."),
    "assumptions": ("Asumsi", "Assumptions"),
})


def formasi_rows(five, names: dict[str, str], lang: str,
                 strong: tuple[str, str] = ("", "")) -> list[list[str]]:
    """Per position, then the total: its name and per year 'retiring / formasi (PNS + PPPK)'.

    What the page and the dashboard's card show (`names`: a position's words; `strong`
    wraps the formasi, e.g. Markdown's bold).
    """
    def cell(r) -> str:
        return (f"{fmt_count(r['retiring'], lang)} / {strong[0]}"
                f"{fmt_count(r['proposed'], lang)}{strong[1]} "
                f"({fmt_count(r['proposed_pns'], lang)} + {fmt_count(r['proposed_pppk'], lang)})")

    p = five.positions
    rows = []
    for position, g in p.groupby("position", sort=False):
        g = g.set_index("year")
        rows.append([names.get(position) or position, *(cell(g.loc[y]) for y in five.years)])
    total = p.groupby("year")[["retiring", "proposed", "proposed_pns", "proposed_pppk"]].sum()
    rows.append([PLAN_TEXT["total"][lang], *(cell(total.loc[y]) for y in five.years)])
    return rows


def _formasi(plan, lang: str) -> dict | None:
    five = plan.five_year
    if five is None:
        return None
    return {"years": five.years, "rows": formasi_rows(five, plan.role_names, lang)}


def render_plan(plan, scenario, policy: str, book: Path, lang: str = "id") -> str:
    """The plan's page as one HTML string."""
    words_ = in_language(PLAN_TEXT, lang) | {  # the workbook's own headers
        k: COLUMNS[k][lang] for k in ("position", "item", "value", "meaning")}
    five = plan.five_year
    words_["formasi_note"] = words_["formasi_note"].format(
        replications=five.replications if five else 0)
    words_["workbook"] = words_["workbook"].format(book=book.name)
    change = float((plan.units["unmet_hours_after"] - plan.units["unmet_hours_before"]).sum())
    requests = float(plan.requests["expected_requests"].sum()) if len(plan.requests) else 0.0
    draft = PLAN_TEXT["draft_sentence"].format(
        lang, moves=fmt_count(len(plan.moves), lang),
        cost=fmt_idr(float(plan.moves["cost_idr"].sum()), lang),
        change=fmt_value(change, "", lang, signed=True), requests=fmt_fixed(requests, 1, lang))
    audit = audit_findings(plan.audit, scenario.mutation.audit, lang) if plan.audit is not None \
        else []
    env = Environment(loader=FileSystemLoader(TEMPLATES),
                      autoescape=select_autoescape(["html", "j2"]))
    return env.get_template("plan.html.j2").render(
        lang=lang, T=words_, region=scenario.region.name, scenario=scenario.name,
        policy=policy_label(policy, lang), round=plan.round_label,
        years=len(five.years) if five else 0, replications=five.replications if five else 0,
        seed=scenario.seed, draft=draft, formasi=_formasi(plan, lang), audit=audit,
        assumptions=plan.assumptions.astype(str).values.tolist(),
        command=" ".join([Path(sys.argv[0]).name, *sys.argv[1:]]))


def write_plan_report(plan, scenario, policy: str, book: Path, lang: str = "id",
                      pdf: bool = False) -> Path:
    """Write the page beside the workbook (`plan.html` for `plan.xlsx`); `pdf` prints it."""
    path = book.with_suffix(".html")
    try:
        path.write_text(render_plan(plan, scenario, policy, book, lang), encoding="utf-8")
    except OSError as exc:
        raise UserError(PlanBookMsg.cannot_write(path=path, why=exc.strerror or exc)) from None
    if pdf:
        from .report import write_pdf

        write_pdf(path)
    return path
