"""Outcomes, declared once: the METRICS table drives records, summaries, labels and plots.

Prefixes: `n_` stock, `new_` flow in the month, `p_` share, `cost_` IDR, `mean_`
average over active staff. `summary` says how a replication is summarised at the
horizon: `last` (value in the final month), `sum` (total over the run) or `mean`
(average over months). `better` is the direction a planner prefers (or "" if neither).
`headline` places a metric in the headline lists, in that order: the ranked table of
`compare`, the report's headline table and findings, the forest plot and the
dashboard's comparison all read `headline()` (0: not a headline metric).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ..core.text import REGISTRY, Text, register
from .measures import Measures, gini, total

if TYPE_CHECKING:
    from ..processes.fairness import FairnessTally
    from ..processes.workload import Workload
    from ..world.world import World


# `practical` of a metric in FTE: a share of the baseline's need, set per region (reporting)
NEED_SHARE = -1.0


@dataclass(frozen=True)
class Metric:
    """One outcome: key, labels, unit, summary, better, who emits it, where it is shown.

    A metric is either a flow, booked in the month's flows by the process named in
    `emitted_by`, or a stock with a `formula` of the month's `Measures` (what the state
    looks like at the end of the month). `run_table` puts it in the console summary of
    a run; `headline` is its place in every headline list (the ranked table, the
    report's table and findings, the forest plot, the dashboard's comparison; 0: none).
    `practical` is the smallest paired difference that matters, in the metric's unit
    (`NEED_SHARE`: a share of the region's need; 0: none declared): smaller differences
    are called negligible, however sure the interval (an assumption, stated in the report).
    """

    key: str
    label_id: str
    label_en: str
    unit: str
    summary: str  # last | sum | mean
    better: str  # up | down | ""
    emitted_by: str = ""
    run_table: bool = False
    headline: int = 0
    formula: Callable[[Measures], float] | None = None
    practical: float = 0.0  # a paired difference below this (its unit) is negligible

    def value(self, m: Measures) -> float:
        """This month's value: the formula, or the booked flow (0 if nothing was booked)."""
        if self.formula is not None:
            return self.formula(m)
        if self.key.startswith("cost_"):
            return float(m.flows.get(self.key, 0.0))
        return int(m.flows.get(self.key, 0))

    def __post_init__(self) -> None:
        # the label joins the one catalogue (`metrics.<key>`, checked for both languages)
        register(f"metrics.{self.key}", Text(self.label_id, self.label_en))

    @property
    def text(self) -> Text:
        """The label in both languages (the catalogue's `metrics.<key>`)."""
        return REGISTRY[f"metrics.{self.key}"]

    def label(self, lang: str = "id") -> str:
        """Label in the chosen language ('id' or 'en')."""
        return self.text[lang]


METRICS: dict[str, Metric] = {m.key: m for m in [
    Metric("n_active", "Jumlah ASN aktif", "Active staff", "orang", "last", "", run_table=True,
           formula=lambda m: m.n_active),
    Metric("n_pns", "Jumlah PNS", "PNS staff", "orang", "last", "",
           formula=lambda m: m.n_active - m.n_pppk),
    Metric("n_pppk", "Jumlah PPPK", "PPPK staff", "orang", "last", "",
           formula=lambda m: m.n_pppk),
    Metric("new_retirements", "Pensiun", "Retirements", "orang", "sum", "",
           emitted_by="demography", run_table=True),
    Metric("new_exits", "Keluar (meninggal, berhenti, kontrak)", "Exits (death, resignation, "
           "contract)", "orang", "sum", "down", emitted_by="demography", run_table=True,
           practical=5.0),
    Metric("new_contract_ends", "Kontrak PPPK berakhir", "PPPK contracts ended", "orang",
           "sum", "", emitted_by="demography"),
    Metric("new_contract_renewals", "Kontrak PPPK diperpanjang", "PPPK contracts renewed",
           "orang", "sum", "", emitted_by="demography"),
    Metric("new_recruits", "Rekrutmen", "Recruits", "orang", "sum", "",
           emitted_by="recruitment", run_table=True),
    Metric("new_formasi_unfilled", "Formasi tidak terisi", "Formasi left unfilled", "orang",
           "sum", "down", emitted_by="recruitment", practical=5.0),
    Metric("new_moves_proposed", "Usulan mutasi", "Transfers proposed", "orang", "sum", "",
           emitted_by="mutation", run_table=True),
    Metric("new_moves_blocked", "Usulan mutasi terhalang aturan", "Transfers blocked by rules",
           "orang", "sum", "", emitted_by="mutation", run_table=True),
    Metric("new_moves_refused", "Mutasi batal karena keberatan pegawai",
           "Transfers cancelled after objection", "orang", "sum", "down", emitted_by="mutation",
           run_table=True, headline=8, practical=5.0),
    Metric("new_moves_forced", "Mutasi tetap dilaksanakan meski pegawai keberatan",
           "Transfers carried out despite objection", "orang", "sum", "down",
           emitted_by="mutation", run_table=True, practical=5.0),
    Metric("new_moves", "Mutasi dilaksanakan", "Transfers executed", "orang", "sum", "",
           emitted_by="mutation", run_table=True, headline=7),
    Metric("new_requests", "Permohonan pindah sendiri", "Own-request transfers asked", "orang",
           "sum", "", emitted_by="mutation"),
    Metric("new_trainings", "Pelatihan hasil monitoring", "Trainings after monitoring", "orang",
           "sum", "", emitted_by="adaptation"),
    Metric("required_fte", "Kebutuhan pegawai (ABK)", "Required staff (ABK)", "FTE", "last", "",
           formula=lambda m: float(m.total_req)),
    Metric("capacity_fte", "Kapasitas efektif", "Effective capacity", "FTE", "last", "up",
           formula=lambda m: total(m.unit_cap), practical=NEED_SHARE),
    Metric("unmet_hours", "Jam kerja tidak terpenuhi", "Unmet workload hours", "jam/bulan",
           "mean", "down", run_table=True,
           formula=lambda m: m.unmet_fte * m.p.effective_hours / 12.0),
    Metric("unmet_fte", "Kebutuhan tidak terpenuhi", "Unmet need", "FTE", "mean", "down",
           run_table=True, headline=1, formula=lambda m: m.unmet_fte, practical=NEED_SHARE),
    Metric("p_unmet", "Kebutuhan tidak terpenuhi (bagian dari kebutuhan)",
           "Unmet need (share of need)", "proporsi", "mean", "down", run_table=True, headline=2,
           formula=lambda m: m.unmet_fte / m.total_req if m.total_req > 0 else 0.0,
           practical=0.002),
    Metric("p_remote_covered", "Kebutuhan terpenuhi di daerah terpencil",
           "Need covered in remote areas", "proporsi", "mean", "up", run_table=True, headline=3,
           formula=lambda m: (total(m.unit_covered[m.remote]) / m.remote_req
                              if m.remote_req > 0 else 1.0), practical=0.01),
    Metric("p_units_overloaded", "Unit kelebihan beban (EJ di atas 1,00, kelas A)",
           "Units overloaded (EJ above 1.00, band A)", "proporsi", "last", "down",
           run_table=True, headline=4,
           formula=lambda m: m.share_of_units(m.unit_ej > m.p.ej_thresholds["A"]), practical=0.01),
    Metric("p_units_underloaded", "Unit kekurangan beban (EJ di bawah 0,70, kelas D-E)",
           "Units under-loaded (EJ below 0.70, bands D-E)", "proporsi", "last", "down",
           formula=lambda m: m.share_of_units(m.unit_ej < m.p.ej_thresholds["C"]), practical=0.01),
    Metric("mean_effective_load", "Rata-rata beban efektif unit", "Mean effective load of units",
           "rasio", "last", "",
           formula=lambda m: m.mean_load),
    Metric("load_cv", "Ketimpangan beban efektif (KV)", "Effective-load imbalance (CV)",
           "rasio", "last", "down", run_table=True, headline=5,
           formula=lambda m: m.load_sd / m.mean_load if m.mean_load > 0 else 0.0, practical=0.01),
    Metric("load_gini", "Ketimpangan beban efektif (Gini)", "Effective-load imbalance (Gini)",
           "rasio", "last", "down",
           formula=lambda m: gini(m.unit_load), practical=0.01),
    Metric("p_units_effective_overloaded", "Unit dengan beban efektif di atas ambang",
           "Units with effective load above the threshold", "proporsi", "last", "down",
           formula=lambda m: m.share_of_units(m.unit_load > m.p.effective_overload_threshold),
           practical=0.01),
    Metric("mean_productivity", "Rata-rata produktivitas", "Mean productivity", "0-1",
           "last", "up", run_table=True,
           formula=lambda m: total(m.E.prod) / m.n_active if m.n_active else 0.0, practical=0.005),
    Metric("adaptation_loss_fte", "Produktivitas hilang karena adaptasi",
           "Productivity lost to adaptation", "FTE", "mean", "down", run_table=True, headline=6,
           formula=lambda m: total(m.adaptation_losses[0]), practical=NEED_SHARE),
    Metric("adaptation_loss_remote_fte", "Produktivitas hilang karena adaptasi di daerah "
           "terpencil", "Productivity lost to adaptation in remote areas", "FTE", "mean",
           "down",
           formula=lambda m: total(m.adaptation_losses[1]),
           practical=NEED_SHARE),
    Metric("mean_morale", "Rata-rata moral kerja", "Mean morale", "0-1", "last", "up",
           run_table=True, headline=9,
           formula=lambda m: total(m.active_morale) / m.n_active if m.n_active else 0.0,
           practical=0.03),
    Metric("p_competence_match", "Kompetensi sesuai bidang unit", "Competence matches the unit",
           "proporsi", "last", "up", run_table=True,
           formula=lambda m: m.share_of_staff(m.E.comp_domain,
                                              m.params.competence.match_threshold),
           practical=0.01),
    Metric("new_moves_hard_area", "Mutasi ke daerah sulit (terpencil, pegunungan, pulau)",
           "Transfers into hard areas (remote, mountain, island)", "orang", "sum", "",
           emitted_by="mutation"),
    Metric("new_moves_repeat", "Mutasi ulang (pindah lagi tak lama setelah mutasi)",
           "Moved again soon after a transfer", "orang", "sum", "down",
           emitted_by="mutation", practical=5.0),
    # the audit's three: no direction, as the status quo has no planned move to measure
    # (0 km, ratio 1: placeholders a paired difference would read as better or worse)
    Metric("mean_home_km_moved", "Rata-rata jarak tujuan mutasi dari daerah asal",
           "Mean distance of transfer destinations from home", "km", "last", "",
           formula=lambda m: m.fairness.mean_home_km() if m.fairness else 0.0,
           practical=5.0),
    Metric("fair_max_hard_ratio", "Beban mutasi ke daerah sulit: rasio kelompok tertinggi",
           "Hard-area transfers: highest group ratio", "rasio", "last", "",
           formula=lambda m: m.fairness.max_ratio("hard", m.params.mutation.audit
                                                  .min_group_share) if m.fairness else 1.0,
           practical=0.05),
    Metric("fair_low_performer_hard_ratio", "Mutasi ke daerah sulit: rasio kinerja terendah",
           "Hard-area transfers: ratio of the lowest performers", "rasio", "last", "",
           formula=lambda m: m.fairness.ratio("hard", "performance", 0) if m.fairness
           else 1.0, practical=0.05),
    Metric("cost_moves_idr", "Biaya pindah", "Relocation cost", "IDR", "sum", "down",
           emitted_by="mutation", run_table=True),
    Metric("cost_training_idr", "Biaya pelatihan dan pendampingan", "Training and mentoring cost",
           "IDR", "sum", "down", emitted_by="mutation, adaptation", run_table=True),
    Metric("cost_allowance_idr", "Biaya tunjangan daerah terpencil", "Remote-area allowance cost",
           "IDR", "sum", "down", run_table=True,
           formula=lambda m: m.allowance_cost()),
    Metric("cost_socialization_idr", "Biaya sosialisasi dan partisipasi",
           "Socialization and participation cost", "IDR", "sum", "down",
           emitted_by="mutation", run_table=True),
]}

# what processes book in the month's flows: counts, then costs in IDR
FLOW_KEYS = tuple(k for k, m in METRICS.items() if m.emitted_by and not k.startswith("cost_"))
COST_KEYS = tuple(k for k, m in METRICS.items() if m.emitted_by and k.startswith("cost_"))
# every cost a run reports (booked ones and formulas such as the allowance)
COST_METRICS = tuple(k for k in METRICS if k.startswith("cost_"))
RUN_TABLE = tuple(k for k, m in METRICS.items() if m.run_table)


def headline() -> tuple[str, ...]:
    """The headline metrics' keys in their declared order (`Metric.headline`).

    Read when a table, figure or panel is made, so a metric added to METRICS with a
    `headline` place shows in every headline list.
    """
    return tuple(sorted((k for k, m in METRICS.items() if m.headline),
                        key=lambda k: (METRICS[k].headline, k)))
# plain names an analyst may use for a metric (`sensitivity --outcome unmet_share`)
ALIASES = {"unmet_share": "p_unmet", "remote_coverage": "p_remote_covered",
           "productivity": "mean_productivity", "morale": "mean_morale",
           "refusals": "new_moves_refused", "moves": "new_moves",
           "load_imbalance": "load_cv"}


def metric_key(name: str) -> str:
    """The METRICS key of `name` (a key or an alias); KeyError if it is neither."""
    key = ALIASES.get(name, name)
    if key not in METRICS:
        raise KeyError(name)
    return key


def measure(world: World, workload: Workload, adapting: np.ndarray,
            fairness: FairnessTally | None = None) -> tuple[dict[str, float], Measures]:
    """Every metric of the current month, in the order of METRICS, and what they read."""
    m = Measures(world, workload, adapting, fairness)
    return {key: metric.value(m) for key, metric in METRICS.items()}, m
