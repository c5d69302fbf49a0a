"""The network behind policy `optimal`: its nodes, arcs, linear programme and persons.

- `group`: the cells of one side (sources or destinations) as the LP's nodes. A role
  with at most `max_nodes` cells on that side has a node per cell; a role with more
  keeps its largest cells as nodes of their own and pools the others by district, one
  node per district (the cells of a district share its hardness and lie a few km
  apart, so their costs hardly differ), at most `max_nodes` nodes in all;
- `nearest_arcs`: each destination node's k nearest source nodes of each compatible role;
- `solve`: the transportation LP (HiGHS, through `highspy`);
- `integerise`: whole persons per arc;
- `to_cells`: the persons of each arc drawn from the source node's cells and placed in
  the destination node's cells.

With a node per cell (every role under `max_nodes` cells) the LP is the cell-level
transportation problem itself. Nothing here draws a random number or sums with BLAS.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Nodes:
    """Cells of one side grouped into nodes (node k: `cells[start[k]:start[k + 1]]`).

    Within a node the cells are ordered largest first (then by cell number); `size` is
    the node's total (persons for sources, FTE for destinations), `unit` the unit of
    its largest cell, which stands for the node in distances and costs.
    """

    cells: np.ndarray
    start: np.ndarray
    size: np.ndarray
    role: np.ndarray
    unit: np.ndarray

    @property
    def n(self) -> int:
        """Number of nodes."""
        return self.size.size

    def of_member(self) -> np.ndarray:
        """The node of each entry of `cells`."""
        return np.repeat(np.arange(self.n), np.diff(self.start))


def group(size: np.ndarray, n_roles: int, district: np.ndarray, max_nodes: int) -> Nodes:
    """The nodes of the cells with `size > 0` (`size` per cell, `district` per unit).

    A role with more than `max_nodes` cells keeps its `max_nodes - d` largest as nodes
    of their own (d: the districts its cells lie in) and pools the rest by district; if
    that still leaves more than `max_nodes` nodes (more districts than that), its
    largest `max_nodes` are kept.
    """
    cells = np.flatnonzero(size > 0)
    role = cells % n_roles
    where = district[cells // n_roles].astype(np.int64)
    n_districts = int(district.max()) + 1 if district.size else 1
    largest = np.argsort(-size[cells], kind="stable")  # largest first, then by cell
    by_role = _then_by(role, largest)
    count = np.bincount(role, minlength=n_roles)
    rank = np.empty(cells.size, np.int64)  # within its role, largest first
    rank[by_role] = np.arange(cells.size) - (np.cumsum(count) - count)[role[by_role]]
    districts = np.count_nonzero(np.bincount(role * n_districts + where, minlength=n_roles
                                             * n_districts).reshape(n_roles, -1), axis=1)
    alone = np.where(count > max_nodes, np.maximum(max_nodes - districts, 0), count)
    key = role * (n_districts + size.size) + np.where(rank < alone[role],
                                                      n_districts + cells, where)
    _, node = np.unique(key, return_inverse=True)
    node = node.reshape(-1)
    total = np.bincount(node, weights=size[cells])
    node_role = np.zeros(total.size, np.int64)
    node_role[node] = role
    if total.size and np.bincount(node_role).max() > max_nodes:  # more districts than that
        keep = np.zeros(total.size, bool)
        for r in np.unique(node_role):
            k = np.flatnonzero(node_role == r)
            keep[k[np.argsort(-total[k], kind="stable")[:max_nodes]]] = True
        mine = keep[node]
        largest = (np.cumsum(mine) - 1)[largest[mine[largest]]]
        cells, node = cells[mine], (np.cumsum(keep) - 1)[node[mine]]
        total, node_role = total[keep], node_role[keep]
    order = _then_by(node, largest)  # by node, largest first, then by cell
    cells, node = cells[order], node[order]
    start = np.searchsorted(node, np.arange(total.size + 1))
    return Nodes(cells, start, total, node_role, cells[start[:-1]] // n_roles)


def _then_by(key: np.ndarray, order: np.ndarray) -> np.ndarray:
    """`order` re-sorted by `key` (small whole numbers >= 0), keeping `order` among equals."""
    small = key[order].astype(np.uint16 if key.size == 0 or key.max() < 2**16 else np.int64)
    return order[np.argsort(small, kind="stable")]


def nearest_arcs(xy: np.ndarray, src: Nodes, dst: Nodes, compatibility: np.ndarray,
                 k: int) -> tuple[np.ndarray, np.ndarray]:
    """Arcs (source node, destination node): each destination's k nearest compatible sources.

    Distance dominates the cost of an arc, so far arcs are never chosen when near ones
    exist; keeping the k nearest per source role keeps the LP small. Equal distances:
    the lower source node first.
    """
    out_i, out_j = [], []
    x, y = xy[:, 0], xy[:, 1]
    for o in np.unique(src.role):
        js = np.flatnonzero(src.role == o)
        kk = min(k, js.size)
        sx, sy = x[src.unit[js]], y[src.unit[js]]
        for r in np.flatnonzero(compatibility[o] > 0):
            jd = np.flatnonzero(dst.role == r)
            if jd.size == 0:
                continue
            step = max(1, _CHUNK // js.size)
            for chunk in (jd[a:a + step] for a in range(0, jd.size, step)):
                dx = x[dst.unit[chunk], None] - sx
                dy = y[dst.unit[chunk], None] - sy
                d = dx * dx + dy * dy
                nearest = np.argsort(d, axis=1, kind="stable")[:, :kk]
                out_i.append(js[nearest.ravel()])
                out_j.append(np.repeat(chunk, kk))
    if not out_i:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    return np.concatenate(out_i), np.concatenate(out_j)


_CHUNK = 1 << 20  # distances computed at once (8 MB)


def solve(cost, e, ii, jj, supply, deficit, limit, idr, idr_left, min_coverage):
    """The LP's flow on each arc, or None and the reason when it has no solution.

    The rows of `A x <= b`: each source's supply, each destination's deficit, the moves
    left, the IDR left (if a budget is set), each destination's coverage floor (if
    any); a column per arc. HiGHS's primal simplex without presolve: moving nobody is
    a feasible start (unless a coverage floor is set), from which it needs about as
    many steps as arcs end up used, where its dual simplex and presolve take several
    times longer on these small problems.
    """
    import highspy  # here, not at import: the command line's --help needs none of it

    n, n_src, n_dst = cost.size, supply.size, deficit.size
    rows = [ii, n_src + jj, np.full(n, n_src + n_dst)]
    vals = [np.ones(n), e, np.ones(n)]
    rhs = [supply, deficit, [limit]]
    if idr_left is not None:
        rows.append(np.full(n, n_src + n_dst + 1))
        vals.append(idr)
        rhs.append([idr_left])
    if min_coverage > 0:
        rows.append(n_src + n_dst + len(rhs) - 2 + jj)
        vals.append(-e)
        rhs.append(-min_coverage * deficit)
    b = np.concatenate([np.asarray(r, np.float64) for r in rhs])
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = n, b.size
    lp.col_cost_ = np.asarray(cost, np.float64)
    lp.col_lower_, lp.col_upper_ = np.zeros(n), np.full(n, highspy.kHighsInf)
    lp.row_lower_, lp.row_upper_ = np.full(b.size, -highspy.kHighsInf), b
    a = lp.a_matrix_
    a.format_ = highspy.MatrixFormat.kColwise
    a.num_col_, a.num_row_ = n, b.size
    a.start_ = np.arange(0, len(rows) * n + 1, len(rows), dtype=np.int32)
    a.index_ = np.column_stack(rows).ravel().astype(np.int32)
    a.value_ = np.column_stack(vals).ravel().astype(np.float64)
    h = highspy.Highs()
    for option, value in (("output_flag", False), ("threads", 1), ("presolve", "off"),
                          ("simplex_strategy", 4)):  # 4: primal
        h.setOptionValue(option, value)
    h.passModel(lp)
    h.run()
    status = h.getModelStatus()
    if status in (highspy.HighsModelStatus.kInfeasible,
                  highspy.HighsModelStatus.kUnboundedOrInfeasible):
        return None, "infeasible"
    if status != highspy.HighsModelStatus.kOptimal:
        return None, h.modelStatusToString(status)
    return np.maximum(np.asarray(h.getSolution().col_value), 0.0), ""


def integerise(x, e, ii, jj, supply, deficit, limit) -> np.ndarray:
    """Whole persons: round the LP flows down, then add the best fractional ones that fit."""
    counts = np.floor(x + 1e-6).astype(np.int64)
    used = np.bincount(ii, weights=counts, minlength=supply.size)
    filled = np.bincount(jj, weights=counts * e, minlength=deficit.size)
    total = int(counts.sum())
    for a in np.argsort(-(x - counts), kind="stable"):
        if x[a] - counts[a] < 0.5 or total >= limit:
            break
        if used[ii[a]] + 1 <= supply[ii[a]] and filled[jj[a]] + 0.5 * e[a] <= deficit[jj[a]]:
            counts[a] += 1
            total += 1
            used[ii[a]] += 1
            filled[jj[a]] += e[a]
    return counts


def to_cells(counts, cost, ii, jj, src: Nodes, dst: Nodes, supply, deficit, per,
             compatibility) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Source cell, destination cell and arc of each person the flows move.

    Persons leave a source node's cells largest surplus first, the cheapest arc's
    first. A destination node takes its persons smallest capacity first and fills its
    cells largest deficit first: each person goes to the cell where the middle of the
    capacity they bring (role fit x their source cell's `per`, FTE) falls, and a
    person whose middle falls past the node's deficit is dropped, so no cell is
    filled more than half a person over. With a node per cell this is the LP's own
    assignment (the rounding keeps every person's middle within the deficit).
    """
    arcs = np.flatnonzero(counts)
    arcs = arcs[np.lexsort((arcs, cost[arcs], ii[arcs]))]
    arc = np.repeat(arcs, counts[arcs])
    node = ii[arc]
    rank = np.arange(arc.size) - np.searchsorted(node, node)  # persons grouped by node
    spare = supply[src.cells].astype(np.int64)
    first_slot = np.concatenate([[0], np.cumsum(spare)])[src.start[node]]
    src_cell = np.repeat(src.cells, spare)[first_slot + rank]
    n_roles = compatibility.shape[1]
    fte = compatibility[src_cell % n_roles, dst.role[jj[arc]]] * per[src_cell]
    by = np.lexsort((np.arange(arc.size), cost[arc], fte, jj[arc]))
    arc, src_cell, fte = arc[by], src_cell[by], fte[by]
    node = jj[arc]
    ends = np.cumsum(fte)
    middle = ends - fte / 2 - np.concatenate([[0.0], ends])[np.searchsorted(node, node)]
    filled_to = np.cumsum(deficit[dst.cells])  # within each node after the next line
    filled_to -= np.repeat(np.concatenate([[0.0], filled_to])[dst.start[:-1]],
                           np.diff(dst.start))
    pos = _first_reaching(filled_to, dst.start, node, middle)
    ok = pos < dst.start[node + 1]
    return src_cell[ok], dst.cells[pos[ok]], arc[ok]


def _first_reaching(values: np.ndarray, start: np.ndarray, group_of: np.ndarray,
                    x: np.ndarray) -> np.ndarray:
    """Per query, the first index i in `start[g]:start[g + 1]` with `values[i] >= x`.

    `values` is ascending within each group; `start[g + 1]` where none reaches x.
    """
    lo, hi = start[group_of], start[group_of + 1]
    while True:
        active = lo < hi
        if not active.any():
            return lo
        mid = (lo + hi) // 2
        below = active & (values[np.minimum(mid, values.size - 1)] < x)
        lo = np.where(below, mid + 1, lo)
        hi = np.where(active & ~below, mid, hi)
