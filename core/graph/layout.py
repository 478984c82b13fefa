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


#: A card's height (scene units) and the folded group card's size, as the
#: canvas draws them (gui/canvas: style.NODE_H and group_items).
NODE_H = 64.0
NODE_W = 132.0
GROUP_W = 232.0
GROUP_ROW_H = 20.0
GROUP_HEAD_H = 50.0
GAP = 36.0  # between cards stacked in a column


def folded_positions(model: GraphModel) -> dict[str, tuple[float, float]]:
    """Auto layout that treats each folded group as the one card it is drawn
    as: columns by depth over the graph with folded groups contracted, cards
    stacked by their real heights, and a folded group's nodes moved together
    (so they keep their arrangement for when it is opened)."""
    from core.graph.groups import card_rows

    gs = model.groups
    unit = {n: (gs.folded_into(n) or n) for n in model.nodes()}
    q = nx.DiGraph()
    q.add_nodes_from(dict.fromkeys(unit.values()))  # in graph order: the same layout every run
    for s, t, _p in model.edges():
        if unit[s] != unit[t]:
            q.add_edge(unit[s], unit[t])
    members: dict[str, list[str]] = {}
    for n, u in unit.items():
        if u != n:
            members.setdefault(u, []).append(n)
    height = {
        u: (GROUP_HEAD_H + GROUP_ROW_H * card_rows(model, set(members[u])) if u in members else NODE_H)
        for u in q
    }
    depth: dict[str, int] = {}
    for u in reversed(list(nx.topological_sort(q))):
        depth[u] = max((depth[t] + 1 for t in q.successors(u)), default=0)
    top = max(depth.values(), default=0)
    columns: dict[int, list[str]] = {}
    for u in nx.topological_sort(q):
        columns.setdefault(top - depth[u], []).append(u)
    mid: dict[str, float] = {}
    pos: dict[str, tuple[float, float]] = {}
    for c in sorted(columns):
        col = columns[c]
        place = {u: i for i, u in enumerate(col)}

        def key(u: str, place: dict[str, int] = place) -> float:
            preds = [mid[p] for p in q.predecessors(u) if p in mid]
            return (sum(preds) / len(preds)) if preds else place[u] - 1e6

        col.sort(key=key)
        total = sum(height[u] for u in col) + GAP * (len(col) - 1)
        y = -total / 2
        x = c * (GROUP_W + 60 if members else COLUMN)  # room between a card and the next column
        for u in col:
            mid[u] = y + height[u] / 2
            if u in members:  # the card's top-left sits at its nodes' least x and y
                old = [model.position(n) for n in members[u]]
                dx = x - NODE_W / 2 - min(p[0] for p in old)
                dy = y - min(p[1] for p in old)
                for n, (px, py) in zip(members[u], old):
                    pos[n] = (px + dx, py + dy)
            else:
                pos[u] = (x, y + NODE_H / 2)
            y += height[u] + GAP
    return pos
