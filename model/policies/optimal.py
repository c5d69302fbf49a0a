"""Policy `optimal`: a min-cost transportation problem from surplus to deficit (Rangkui).

Sources are unit-role cells with a surplus (supply s_i = whole persons they can spare),
destinations cells with a deficit d_j (FTE). The LP's nodes are these cells; where a
role has more than `max_nodes` cells on one side, its largest keep a node of their own
and the others are pooled by district, one node per district, which keeps the LP
small at any size (`optimal_flow.group`; a pool is represented by its largest cell).
Arcs join compatible roles (`workload.compatibility`), from each destination node to
its `nearest_sources` nearest source nodes of each compatible role (far arcs cost more
and are never preferred while near ones have room). Each person sent on arc (i, j)
brings e_ij = fit(role_i, role_j) x capacity per person of i (FTE; a pool's average).

Objective (minimise, in FTE-months)::

    sum_ij x_ij * ( cost_per_km * km_ij
                    + adaptation_weight * expected adaptation loss_ij
                    + refusal_weight * refusal probability_ij
                    - value_per_fte * e_ij )

subject to  sum_j x_ij <= s_i                       (people a source can spare)
            sum_i e_ij x_ij <= d_j                  (no destination overfilled)
            sum_ij x_ij <= moves left this round    (round share and yearly budget)
            sum_ij idr_ij x_ij <= IDR left this year (if a budget is set)
            sum_i e_ij x_ij >= min_coverage * d_j   (optional hard coverage, per node)
            x_ij >= 0,

solved as a linear programme with HiGHS (`highspy`, primal simplex). The solution is
rounded down to whole persons and topped up greedily where supply and deficit still
allow; a pooled source gives its persons from its cells largest surplus first, a
pooled destination places them in its cells largest deficit first (never half a
person over a cell's deficit), and individuals are then drawn at random in each
source cell. An infeasible problem (e.g. a coverage floor no budget can meet) is an
error naming the policy.
"""

from __future__ import annotations

import numpy as np

from ..core.declare import ASSUMPTION, Section, par
from ..core.text import Text
from . import optimal_flow as flow
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
    max_nodes: int = par(20, "nodes per role and side", "performance bound", ge=2, le=5000,
                         description="a role with more cells pools its smaller ones by "
                                     "district")
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
        district = np.asarray(view.units.district)
        src = flow.group(supply, n_roles, district, p.max_nodes)
        dst = flow.group(deficit, n_roles, district, p.max_nodes)
        limit = int(p.max_share_per_round * view.n_active)
        if view.budget.moves_left is not None:
            limit = min(limit, view.budget.moves_left)
        if src.n == 0 or dst.n == 0 or limit <= 0:
            if p.min_coverage > 0 and dst.n:
                raise PolicyError(PolicyMsg.optimal_no_people(min_coverage=p.min_coverage,
                                                              n=dst.cells.size))
            return Moves()
        xy = np.column_stack([view.units.x_km, view.units.y_km]).astype(np.float64)
        ii, jj = flow.nearest_arcs(xy, src, dst, view.compatibility, p.nearest_sources)
        if ii.size == 0:
            return Moves()
        # a source node's capacity per person: its cells' average, weighted by surplus
        per_node = np.bincount(src.of_member(), weights=supply[src.cells] * per[src.cells],
                               minlength=src.n) / src.size
        per_node = np.where(np.diff(src.start) == 1, per[src.cells[src.start[:-1]]], per_node)
        ri, rj = src.role[ii], dst.role[jj]
        e = view.compatibility[ri, rj] * per_node[ii]
        su, du = src.unit[ii], dst.unit[jj]
        km = view.helpers.unit_distance(su, du)
        cost = (p.cost_per_km * km
                + p.adaptation_weight * view.helpers.cell_expected_loss(su, du, ri, rj,
                                                                        per_node[ii])
                + p.refusal_weight * view.helpers.cell_refusal(du, km)
                - p.value_per_fte * e)
        x, why = flow.solve(cost, e, ii, jj, src.size, dst.size, limit,
                            view.helpers.move_cost_idr(km), view.budget.idr_left,
                            p.min_coverage)
        if x is None:
            raise PolicyError(PolicyMsg.optimal_unsolved(why=why, min_coverage=p.min_coverage,
                                                         limit=limit))
        counts = flow.integerise(x, e, ii, jj, src.size, dst.size, limit)
        if counts.sum() == 0:
            return Moves()
        need, to, arc = flow.to_cells(counts, cost, ii, jj, src, dst, supply, deficit, per,
                                      view.compatibility)
        rows = pick_people(view, pool, need, rng)
        ok = rows >= 0
        return Moves.build(rows[ok], to_unit=to[ok] // n_roles, to_role=to[ok] % n_roles,
                           reason="optimal_flow", priority=-cost[arc[ok]])
