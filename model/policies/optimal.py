"""Policy `optimal`: a min-cost transportation problem from surplus to deficit (Rangkui).

Nodes are unit-role cells: sources i with a surplus (supply s_i = whole persons they
can spare) and destinations j with a deficit d_j (FTE), at most `max_nodes` of each
per role (the largest). Arcs join roles that are compatible
(`workload.compatibility`), from each destination to its `nearest_sources` nearest
sources of each compatible role (far arcs cost more and are never preferred while
near ones have room; this keeps the LP small). Each person sent on arc (i, j)
brings e_ij = fit(role_i, role_j) x capacity per person of cell i (FTE).

Objective (minimise, in FTE-months)::

    sum_ij x_ij * ( cost_per_km * km_ij
                    + adaptation_weight * expected adaptation loss_ij
                    + refusal_weight * refusal probability_ij
                    - value_per_fte * e_ij )

subject to  sum_j x_ij <= s_i                       (people a source can spare)
            sum_i e_ij x_ij <= d_j                  (no destination overfilled)
            sum_ij x_ij <= moves left this round    (round share and yearly budget)
            sum_ij idr_ij x_ij <= IDR left this year (if a budget is set)
            sum_i e_ij x_ij >= min_coverage * d_j   (optional hard coverage)
            x_ij >= 0,

solved as a linear programme with HiGHS (`scipy.optimize.linprog`). The solution is
rounded down to whole persons, topped up greedily where supply and deficit still
allow, and individuals are then drawn from each source cell. An infeasible problem
(e.g. a coverage floor no budget can meet) is an error naming the policy.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse
from scipy.optimize import linprog
from scipy.spatial import cKDTree

from ..core.declare import ASSUMPTION, Section, par
from ..core.text import Text
from .base import Moves, Policy, PolicyError, PolicyView
from .common import available, fte_per_person, pick_people, share_per_round
from .messages import PolicyMsg


class OptimalParams(Section):
    """Min-cost transportation of surplus to deficit per role, solved by HiGHS (Rangkui)."""

    cost_per_km: float = par(0.01, "FTE-months per km", ASSUMPTION, ge=0, le=100,
                             description="weight of distance in the objective")
    adaptation_weight: float = par(1.0, "", ASSUMPTION, ge=0, le=1000,
                                   description="weight of expected adaptation loss (FTE-months)")
    refusal_weight: float = par(6.0, "FTE-months per unit of refusal risk", ASSUMPTION,
                                 ge=0, le=1000)
    value_per_fte: float = par(12.0, "FTE-months", ASSUMPTION, gt=0, le=1000,
                               description="value of filling one FTE of deficit for a year")
    threshold_fte: float = par(0.5, "FTE", ASSUMPTION, ge=0, le=1000)
    max_share_per_round: float = share_per_round()
    max_nodes: int = par(150, "cells per side per role", "performance bound", ge=2, le=5000)
    nearest_sources: int = par(3, "arcs per destination and source role", "performance bound",
                               ge=1, le=1000)
    min_coverage: float = par(0.0, "share of deficit", ASSUMPTION, ge=0, le=1,
                              description="hard constraint: cover at least this share")


class OptimalPolicy(Policy):
    """Transportation LP of surplus to deficit per role (HiGHS), then individuals."""

    name = "optimal"
    label = Text("optimasi", "optimisation")
    summary = Text("memilih mutasi terbaik dengan optimasi (HiGHS)",
                   "chooses the best set of transfers by optimisation (HiGHS)")
    color = "#2ca02c"
    reasons = {
        "optimal_flow": Text("distribusi optimal", "optimal distribution"),
    }
    order = 50
    picks_person_at_random = True  # within a unit and position (`common.pick_people`)
    Params = OptimalParams

    def propose(self, view: PolicyView, rng: np.random.Generator) -> Moves:
        """Solve the LP for this round and turn its flows into named moves."""
        p = self.params
        n_units, n_roles = view.gap_fte.shape
        flat = view.gap_fte.ravel()
        per = fte_per_person(view)
        pool = available(view)
        movable = np.bincount(view.employees.cell[pool], minlength=flat.size)
        supply = np.where(flat > p.threshold_fte, np.floor(flat / per.clip(1e-9)), 0)
        supply = np.minimum(supply, movable)
        deficit = np.where((flat < -p.threshold_fte) & (view.required_fte.ravel() > 0),
                           -flat, 0.0)
        role = np.arange(flat.size) % n_roles
        src = _top(np.flatnonzero(supply > 0), supply, role, p.max_nodes)
        dst = _top(np.flatnonzero(deficit > 0), deficit, role, p.max_nodes)
        limit = int(p.max_share_per_round * view.n_active)
        if view.budget.moves_left is not None:
            limit = min(limit, view.budget.moves_left)
        if src.size == 0 or dst.size == 0 or limit <= 0:
            if p.min_coverage > 0 and dst.size:
                raise PolicyError(PolicyMsg.optimal_no_people(min_coverage=p.min_coverage,
                                                        n=dst.size))
            return Moves()
        ii, jj = _nearest_arcs(view, src, dst, role, n_roles, p.nearest_sources)
        if ii.size == 0:
            return Moves()
        si, dj = src[ii], dst[jj]
        e = view.compatibility[role[si], role[dj]] * per[si]
        su, du = si // n_roles, dj // n_roles
        km = view.helpers.unit_distance(su, du)
        cost = (p.cost_per_km * km
                + p.adaptation_weight * view.helpers.cell_expected_loss(su, du, role[si],
                                                                        role[dj], per[si])
                + p.refusal_weight * view.helpers.cell_refusal(du, km)
                - p.value_per_fte * e)
        x = self._solve(cost, e, ii, jj, supply[src], deficit[dst], limit,
                        view.helpers.move_cost_idr(km), view.budget.idr_left, p.min_coverage)
        counts = _integerise(x, e, ii, jj, supply[src], deficit[dst], limit)
        if counts.sum() == 0:
            return Moves()
        arcs = np.flatnonzero(counts)
        need = np.repeat(si[arcs], counts[arcs])
        to = np.repeat(dj[arcs], counts[arcs])
        gain = np.repeat(-cost[arcs], counts[arcs])
        rows = pick_people(view, pool, need, rng)
        ok = rows >= 0
        return Moves.build(rows[ok], to_unit=to[ok] // n_roles, to_role=to[ok] % n_roles,
                           reason="optimal_flow", priority=gain[ok])

    @staticmethod
    def _solve(cost, e, ii, jj, supply, deficit, limit, idr, idr_left, min_coverage):
        n = cost.size
        n_src, n_dst = supply.size, deficit.size
        arcs = np.arange(n)
        rows = [sparse.csr_matrix((np.ones(n), (ii, arcs)), shape=(n_src, n)),
                sparse.csr_matrix((e, (jj, arcs)), shape=(n_dst, n)),
                sparse.csr_matrix(np.ones((1, n)))]
        rhs = [supply, deficit, [limit]]
        if idr_left is not None:
            rows.append(sparse.csr_matrix(idr.reshape(1, -1)))
            rhs.append([idr_left])
        if min_coverage > 0:
            rows.append(-rows[1])
            rhs.append(-min_coverage * deficit)
        res = linprog(cost, A_ub=sparse.vstack(rows, format="csr"), b_ub=np.concatenate(
            [np.asarray(r, float) for r in rhs]), bounds=(0, None), method="highs")
        if res.status != 0:
            raise PolicyError(PolicyMsg.optimal_unsolved(why=res.message.strip(),
                                                   min_coverage=min_coverage, limit=limit))
        return res.x


def _nearest_arcs(view: PolicyView, src: np.ndarray, dst: np.ndarray, role: np.ndarray,
                  n_roles: int, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Arcs (index into src, index into dst): each destination's k nearest compatible sources.

    Distance dominates the cost of an arc, so far arcs are never chosen when near ones
    exist; keeping the k nearest per source role keeps the LP small (k-d tree).
    """
    u = view.units
    xy = np.column_stack([u.x_km, u.y_km])
    out_i, out_j = [], []
    for r in np.unique(role[dst]):
        jd = np.flatnonzero(role[dst] == r)
        for o in np.flatnonzero(view.compatibility[:, r] > 0):
            js = np.flatnonzero(role[src] == o)
            if js.size == 0:
                continue
            kk = min(k, js.size)
            _, nearest = cKDTree(xy[src[js] // n_roles]).query(xy[dst[jd] // n_roles], k=kk)
            nearest = np.asarray(nearest).reshape(jd.size, kk)
            out_i.append(js[nearest.ravel()])
            out_j.append(np.repeat(jd, kk))
    if not out_i:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    return np.concatenate(out_i), np.concatenate(out_j)


def _top(cells: np.ndarray, size: np.ndarray, role: np.ndarray, k: int) -> np.ndarray:
    """The k largest cells of each role (keeps the LP small)."""
    keep = []
    for r in np.unique(role[cells]):
        c = cells[role[cells] == r]
        keep.append(c[np.argsort(-size[c], kind="stable")[:k]])
    return np.sort(np.concatenate(keep)) if keep else cells


def _integerise(x, e, ii, jj, supply, deficit, limit) -> np.ndarray:
    """Whole persons: round the LP flows down, then add the best fractional ones that fit."""
    counts = np.floor(x + 1e-6).astype(np.int64)
    used = np.bincount(ii, weights=counts, minlength=supply.size)
    filled = np.bincount(jj, weights=counts * e, minlength=deficit.size)
    for a in np.argsort(-(x - counts), kind="stable"):
        if x[a] - counts[a] < 0.5 or counts.sum() >= limit:
            break
        if used[ii[a]] + 1 <= supply[ii[a]] and filled[jj[a]] + 0.5 * e[a] <= deficit[jj[a]]:
            counts[a] += 1
            used[ii[a]] += 1
            filled[jj[a]] += e[a]
    return counts
