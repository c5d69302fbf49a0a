"""Outcomes, declared once: the METRICS table drives records, summaries, labels and plots.

Prefixes: `n_` stock, `new_` flow in the month, `p_` share, `cost_` IDR, `mean_`
average over active staff. `summary` says how a replication is summarised at the
horizon: `last` (value in the final month), `sum` (total over the run) or `mean`
(average over months). `better` is the direction a planner prefers (or "" if neither).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .processes.workload import load_ratio, morale_factor

if TYPE_CHECKING:
    from .model import WorkforceModel


@dataclass(frozen=True)
class Metric:
    """One outcome: key, labels, unit, summary, better, who emits it, where it is shown.

    `emitted_by` names the process that books the value in the month's flows (empty:
    computed here from the state). `run_table` puts it in the console summary of a
    run; `rank` is its column in the ranked table of `compare` (0: not shown).
    """

    key: str
    label_id: str
    label_en: str
    unit: str
    summary: str  # last | sum | mean
    better: str  # up | down | ""
    emitted_by: str = ""
    run_table: bool = False
    rank: int = 0

    def label(self, lang: str = "id") -> str:
        """Label in the chosen language ('id' or 'en')."""
        return self.label_id if lang == "id" else self.label_en


METRICS: dict[str, Metric] = {m.key: m for m in [
    Metric("n_active", "Jumlah ASN aktif", "Active staff", "orang", "last", "", run_table=True),
    Metric("n_pns", "Jumlah PNS", "PNS staff", "orang", "last", ""),
    Metric("n_pppk", "Jumlah PPPK", "PPPK staff", "orang", "last", ""),
    Metric("new_retirements", "Pensiun", "Retirements", "orang", "sum", "",
           emitted_by="demography", run_table=True),
    Metric("new_exits", "Keluar (meninggal, berhenti, kontrak)", "Exits (death, resignation, "
           "contract)", "orang", "sum", "down", emitted_by="demography", run_table=True),
    Metric("new_contract_ends", "Kontrak PPPK berakhir", "PPPK contracts ended", "orang",
           "sum", "", emitted_by="demography"),
    Metric("new_contract_renewals", "Kontrak PPPK diperpanjang", "PPPK contracts renewed",
           "orang", "sum", "", emitted_by="demography"),
    Metric("new_recruits", "Rekrutmen", "Recruits", "orang", "sum", "",
           emitted_by="recruitment", run_table=True),
    Metric("new_moves_proposed", "Usulan mutasi", "Transfers proposed", "orang", "sum", "",
           emitted_by="mutation", run_table=True),
    Metric("new_moves_blocked", "Usulan mutasi terhalang aturan", "Transfers blocked by rules",
           "orang", "sum", "", emitted_by="mutation", run_table=True),
    Metric("new_moves_refused", "Mutasi ditolak pegawai", "Transfers refused", "orang", "sum",
           "down", emitted_by="mutation", run_table=True, rank=6),
    Metric("new_moves_forced", "Mutasi dipaksakan", "Transfers forced", "orang", "sum", "down",
           emitted_by="mutation"),
    Metric("new_moves", "Mutasi dilaksanakan", "Transfers executed", "orang", "sum", "",
           emitted_by="mutation", run_table=True, rank=5),
    Metric("new_requests", "Permohonan pindah sendiri", "Own-request transfers asked", "orang",
           "sum", "", emitted_by="mutation"),
    Metric("new_trainings", "Pelatihan hasil monitoring", "Trainings after monitoring", "orang",
           "sum", "", emitted_by="adaptation"),
    Metric("required_fte", "Kebutuhan pegawai (ABK)", "Required staff (ABK)", "FTE", "last", ""),
    Metric("capacity_fte", "Kapasitas efektif", "Effective capacity", "FTE", "last", "up"),
    Metric("unmet_hours", "Jam kerja tidak terpenuhi", "Unmet workload hours", "jam/bulan",
           "mean", "down", run_table=True, rank=1),
    Metric("p_demand_covered", "Kebutuhan terpenuhi", "Need covered", "proporsi", "mean", "up",
           run_table=True),
    Metric("p_remote_covered", "Kebutuhan terpenuhi di daerah terpencil",
           "Need covered in remote areas", "proporsi", "mean", "up", run_table=True, rank=2),
    Metric("mean_load_ratio", "Rata-rata rasio beban kerja unit", "Mean unit load ratio",
           "rasio", "last", ""),
    Metric("load_cv", "Ketimpangan beban kerja (KV)", "Load-ratio imbalance (CV)", "rasio",
           "last", "down", run_table=True, rank=3),
    Metric("load_gini", "Ketimpangan beban kerja (Gini)", "Load-ratio imbalance (Gini)",
           "rasio", "last", "down"),
    Metric("p_units_overloaded", "Unit kelebihan beban", "Units overloaded", "proporsi",
           "last", "down", run_table=True),
    Metric("p_units_underloaded", "Unit kekurangan beban", "Units under-loaded", "proporsi",
           "last", "down"),
    Metric("mean_productivity", "Rata-rata produktivitas", "Mean productivity", "0-1",
           "last", "up", run_table=True),
    Metric("adaptation_loss_fte", "Produktivitas hilang karena adaptasi",
           "Productivity lost to adaptation", "FTE", "mean", "down", run_table=True, rank=4),
    Metric("adaptation_loss_remote_fte", "Produktivitas hilang karena adaptasi di daerah "
           "terpencil", "Productivity lost to adaptation in remote areas", "FTE", "mean",
           "down"),
    Metric("mean_morale", "Rata-rata moral kerja", "Mean morale", "0-1", "last", "up",
           run_table=True),
    Metric("p_competence_match", "Kompetensi sesuai bidang unit", "Competence matches the unit",
           "proporsi", "last", "up", run_table=True),
    Metric("cost_moves_idr", "Biaya pindah", "Relocation cost", "IDR", "sum", "down",
           emitted_by="mutation", run_table=True),
    Metric("cost_training_idr", "Biaya pelatihan dan pendampingan", "Training and mentoring cost",
           "IDR", "sum", "down", emitted_by="mutation, adaptation", run_table=True),
    Metric("cost_allowance_idr", "Biaya tunjangan daerah terpencil", "Remote-area allowance cost",
           "IDR", "sum", "down", run_table=True),
    Metric("cost_socialization_idr", "Biaya sosialisasi dan partisipasi",
           "Socialization and participation cost", "IDR", "sum", "down",
           emitted_by="mutation", run_table=True),
]}

# what processes book in the month's flows: counts, then costs in IDR
FLOW_KEYS = tuple(k for k, m in METRICS.items() if m.emitted_by and not k.startswith("cost_"))
COST_KEYS = tuple(k for k, m in METRICS.items() if m.emitted_by and k.startswith("cost_"))
RUN_TABLE = tuple(k for k, m in METRICS.items() if m.run_table)
RANKED = tuple(sorted((k for k, m in METRICS.items() if m.rank), key=lambda k: METRICS[k].rank))


def gini(x: np.ndarray) -> float:
    """Gini coefficient of finite non-negative values (0 = all equal)."""
    n = x.size
    whole = total(x)
    if n == 0 or whole == 0:
        return 0.0
    x = np.sort(x)
    return total((2 * np.arange(1, n + 1) - n - 1) * x) / (n * whole)


def total(x: np.ndarray) -> float:
    """Sum in float64 by NumPy's pairwise reduction: the same bits on every CPU."""
    return float(np.sum(x, dtype=np.float64))


def row_sums(x: np.ndarray) -> np.ndarray:
    """Sum of each row in float64 (a plain reduction; `x @ ones` would use BLAS)."""
    return np.sum(x, axis=1, dtype=np.float64)


def allowance_cost(model: WorkforceModel) -> float:
    """Remote-area allowance paid this month (IDR), when the intervention is on."""
    a = model.params.interventions.remote_allowance
    if not a.enabled or model.month == 0:
        return 0.0
    E = model.employees
    rows = np.flatnonzero(E.active)
    return float(a.monthly_idr * np.count_nonzero(model.remote_units[E.unit[rows]]))


def compute(model: WorkforceModel) -> dict[str, float]:
    """All metrics for the current month (flows from `model.flows`)."""
    E = model.employees
    p = model.params.workload
    active = E.active
    n_active = int(np.count_nonzero(active))
    n_pppk = int(np.count_nonzero(active & (E.employment == 1)))
    req, cap = model.required_fte, model.capacity_fte
    # every sum in float64 by plain NumPy reductions in a fixed order, never BLAS (whose
    # kernel, and so its rounding, changes with the CPU); unmet = need - covered, exactly
    unit_req, unit_cap = row_sums(req), row_sums(cap)
    unit_covered = row_sums(np.minimum(req, cap))
    total_req, total_covered = total(unit_req), total(unit_covered)
    has_need = unit_req > 0
    unit_load = load_ratio(unit_req[has_need], unit_cap[has_need], p.load_cap)
    mean_load = total(unit_load) / unit_load.size if unit_load.size else 0.0
    dev = unit_load - mean_load
    load_sd = float(np.sqrt(total(dev * dev) / unit_load.size)) if unit_load.size else 0.0
    remote = model.remote_units
    remote_req = total(unit_req[remote])
    rows = model.adapting
    lost = (E.fit[rows] * (1.0 - E.adapt[rows]) * E.comp_role[rows]
            * morale_factor(model, E.morale[rows]))
    loss = total(lost)
    loss_remote = total(lost[remote[E.unit[rows]]])
    out = {
        "n_active": n_active,
        "n_pns": n_active - n_pppk,
        "n_pppk": n_pppk,
        **{k: int(model.flows.get(k, 0)) for k in FLOW_KEYS},
        "required_fte": float(total_req),
        "capacity_fte": total(unit_cap),
        "unmet_hours": float(max(total_req - total_covered, 0.0) * p.effective_hours / 12.0),
        "p_demand_covered": float(total_covered / total_req) if total_req > 0 else 1.0,
        "p_remote_covered": total(unit_covered[remote]) / remote_req
        if remote_req > 0 else 1.0,
        "mean_load_ratio": mean_load,
        "load_cv": load_sd / mean_load if mean_load > 0 else 0.0,
        "load_gini": gini(unit_load),
        "p_units_overloaded": float(np.mean(unit_load > p.overload_threshold))
        if unit_load.size else 0.0,
        "p_units_underloaded": float(np.mean(unit_load < p.underload_threshold))
        if unit_load.size else 0.0,
        "mean_productivity": total(E.prod) / n_active if n_active else 0.0,
        "adaptation_loss_fte": loss,
        "adaptation_loss_remote_fte": loss_remote,
        "mean_morale": total(E.morale[active]) / n_active if n_active else 0.0,
        "p_competence_match": float(np.count_nonzero(
            active & (E.comp_domain >= model.params.competence.match_threshold)) / n_active)
        if n_active else 0.0,
        **{k: float(model.flows.get(k, 0.0)) for k in COST_KEYS},
        "cost_allowance_idr": allowance_cost(model),
    }
    return out
