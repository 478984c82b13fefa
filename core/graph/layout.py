"""Automatic layout: columns by depth, inputs on the left, the root on the right."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import networkx as nx

if TYPE_CHECKING:
    from core.graph.model import GraphModel

COLUMN = 240.0  # distance between columns
ROW = 110.0  # distance between nodes in a column


def layered_positions(
    model: GraphModel, nodes: Iterable[str] | None = None
) -> dict[str, tuple[float, float]]:
    """Positions for ``nodes`` (default all): one column per topological
    generation counted back from the sinks, so every node sits just left of
    its nearest consumer and the root ends up rightmost."""
    g = model.graph if nodes is None else model.graph.subgraph(nodes)
    if len(g) == 0:
        return {}
    # Depth from the sinks (longest path to a sink), so inputs sit at the left.
    depth: dict[str, int] = {}
    for n in reversed(list(nx.topological_sort(g))):
        depth[n] = max((depth[t] + 1 for t in g.successors(n)), default=0)
    top = max(depth.values())
    columns: dict[int, list[str]] = {}
    for n in nx.topological_sort(g):
        columns.setdefault(top - depth[n], []).append(n)
    # Order each column by the mean row of its inputs (barycentre), to keep
    # wires short and mostly horizontal.
    row: dict[str, float] = {}
    pos: dict[str, tuple[float, float]] = {}
    for c in sorted(columns):
        col = columns[c]
        place = {n: i for i, n in enumerate(col)}

        def key(n: str, place: dict[str, int] = place) -> float:
            preds = [row[p] for p in g.predecessors(n) if p in row]
            return (sum(preds) / len(preds)) if preds else place[n] - 1e6

        col.sort(key=key)
        for i, n in enumerate(col):
            row[n] = i
            pos[n] = (c * COLUMN, (i - (len(col) - 1) / 2) * ROW)
    return pos
